"""A stand-in for OpenAI's images API on 127.0.0.1, for the remote engines' tests.

It answers ``POST /v1/images/generations`` (JSON) and ``POST /v1/images/edits``
(multipart) as OpenAI does: a ``b64_json`` picture at the model's own size, no seed, and an
edit that changes every pixel (hosted models are known to touch pixels outside the mask).
Faults are queued per test (``standin.faults.append("429")``): each request takes the next.
Every request is recorded (path, headers, fields, files) for the tests to inspect.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
from PIL import Image

FAULTS = ("429", "500", "cut", "html", "no-data", "url", "not-image", "hang", "slow", "echo")


@dataclass
class Seen:
    """One request as the stand-in received it."""

    path: str
    headers: dict[str, str]
    fields: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


def png(picture: Image.Image) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    return buf.getvalue()


class StandIn:
    """The server; ``url`` is its base URL (``.../v1``). Use as a context manager."""

    def __init__(self, *, size: tuple[int, int] = (1024, 1024), hang_seconds: float = 30.0):
        self.size = size
        self.hang_seconds = hang_seconds
        self.faults: list[str] = []
        self.seen: list[Seen] = []
        self.released = threading.Event()  # set to end every hanging request at once
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                standin._answer(self)

            def do_GET(self) -> None:
                standin._send(self, 200, {"object": "list", "data": [{"id": "gpt-image-1"}]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    # -- answering ---------------------------------------------------------------------------
    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        seen = self._read(handler.path, headers, body)
        with self._lock:
            self.seen.append(seen)
            fault = self.faults.pop(0) if self.faults else "ok"
        if fault == "hang":
            self.released.wait(self.hang_seconds)
        if fault == "slow":
            time.sleep(0.5)
        if fault == "429":
            handler.send_response(429)
            payload = b'{"error": {"message": "Rate limit reached", "type": "requests"}}'
            handler.send_header("Retry-After", "7")
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        if fault == "echo":  # a careless server that repeats the key back in its error
            said = f"bad request from {headers.get('authorization')}"
            self._send(handler, 400, {"error": {"message": said}})
            return
        if fault == "500":
            self._send(handler, 500, {"error": {"message": "The server had an error"}})
            return
        if fault == "html":
            payload = b"<html><body>Welcome to nginx!</body></html>"
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        if fault == "no-data":
            self._send(handler, 200, {"created": 1})
            return
        if fault == "url":
            self._send(handler, 200, {"created": 1, "data": [{"url": "http://example/x.png"}]})
            return
        if fault == "not-image":
            text = base64.b64encode(b"this is not a picture").decode()
            self._send(handler, 200, {"created": 1, "data": [{"b64_json": text}]})
            return
        picture = self._picture(seen)
        reply = {"created": 1, "data": [{"b64_json": base64.b64encode(png(picture)).decode()}]}
        if fault == "cut":
            payload = json.dumps(reply).encode()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload[: len(payload) // 3])
            handler.wfile.flush()
            handler.close_connection = True
            return
        self._send(handler, 200, reply)

    def _picture(self, seen: Seen) -> Image.Image:
        """A new picture at the model's size, or the edited picture with every pixel
        changed (and at the model's size, as hosted models answer)."""
        if "image" in seen.files:
            source = Image.open(io.BytesIO(seen.files["image"])).convert("RGB")
            inverted = 255 - np.asarray(source)
            return Image.fromarray(inverted.astype(np.uint8)).resize(self.size)
        return Image.new("RGB", self.size, (40, 160, 90))

    @staticmethod
    def _read(path: str, headers: dict[str, str], body: bytes) -> Seen:
        kind = headers.get("content-type", "")
        if kind.startswith("multipart/form-data"):
            head = f"Content-Type: {kind}\r\n\r\n".encode()
            message = BytesParser(policy=HTTP).parsebytes(head + body)
            fields: dict[str, Any] = {}
            files: dict[str, bytes] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                if part.get_filename() is not None:
                    files[name] = payload
                else:
                    fields[name] = payload.decode()
            return Seen(path, headers, fields, files)
        return Seen(path, headers, json.loads(body or b"{}"))

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
