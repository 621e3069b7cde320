"""A stand-in for an OpenAI-compatible chat endpoint on 127.0.0.1, for the planner's tests.

It answers ``POST /v1/chat/completions`` as OpenAI, Ollama or vLLM do. What it answers is
set per test: ``answers`` (a queue: each request takes the next content), else
``answer(seen)`` (a function of the request). Faults are queued in ``faults`` and each
request takes the next: ``"429"`` (busy, retry after 10 ms), ``"500"``, ``"400-format"`` (a
server that does not take the ``json_schema`` response format), ``"400-temperature"``,
``"400-max-tokens"``,
``"slow"`` (answers after ``slow_seconds``), ``"refuse"`` (a structured-output refusal),
``"html"`` (a web server that is no chat endpoint), ``"no-choices"``, ``"empty"`` and
``"length"`` (the answer cut in half, ``finish_reason: "length"``), ``"echo"`` (a careless
server that repeats the request's ``Authorization`` header in its 400 error) and
``"trickle"`` (the answer a byte every ``trickle_seconds``: no read ever times out). Every
request is recorded in ``seen`` for the tests to inspect.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Seen:
    """One request as the stand-in received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, str]]:
        return list(self.body.get("messages", []))

    @property
    def system(self) -> str:
        return next((m["content"] for m in self.messages if m["role"] == "system"), "")

    @property
    def user(self) -> str:
        """The last user message: what the project asks about this time."""
        return [m["content"] for m in self.messages if m["role"] == "user"][-1]

    @property
    def schema(self) -> dict[str, Any] | None:
        fmt = self.body.get("response_format") or {}
        return (fmt.get("json_schema") or {}).get("schema")

    def sent(self) -> str:
        """Everything the request carried, as one text (to look for what must not be there)."""
        return json.dumps(self.body) + json.dumps(self.headers)


class ChatStandIn:
    """The server; ``url`` is its base URL (``.../v1``). Use as a context manager."""

    def __init__(self, answer: Callable[[Seen], str] | None = None) -> None:
        self.answer = answer or (lambda seen: "{}")
        self.answers: list[str] = []
        self.faults: list[str] = []
        self.seen: list[Seen] = []
        self.slow_seconds = 2.0
        self.trickle_seconds = 0.05
        self.released = threading.Event()
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                standin._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> ChatStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        seen = Seen(handler.path, headers, json.loads(raw or b"{}"))
        with self._lock:
            self.seen.append(seen)
            fault = self.faults.pop(0) if self.faults else "ok"
        with contextlib.suppress(OSError):  # the client gave up (a timeout test)
            self._answer(handler, seen, fault)

    def _answer(self, handler: BaseHTTPRequestHandler, seen: Seen, fault: str) -> None:
        if fault == "429":
            body = {"error": {"message": "Rate limit reached", "type": "requests"}}
            self._send(handler, 429, body, {"retry-after-ms": "10"})
            return
        if fault == "500":
            self._send(handler, 500, {"error": {"message": "The server had an error"}})
            return
        if fault == "400-format" and "response_format" in seen.body:
            said = "response_format of type 'json_schema' is not supported with this model"
            self._send(handler, 400, {"error": {"message": said, "param": "response_format"}})
            return
        if fault == "400-max-tokens" and "max_tokens" in seen.body:
            said = "Unsupported parameter: 'max_tokens' is not supported with this model."
            self._send(handler, 400, {"error": {"message": said, "param": "max_tokens"}})
            return
        if fault == "400-temperature" and "temperature" in seen.body:
            said = "Unsupported value: 'temperature' does not support 0 with this model."
            self._send(handler, 400, {"error": {"message": said, "param": "temperature"}})
            return
        if fault == "echo":
            said = f"bad request from {seen.headers.get('authorization')}"
            self._send(handler, 400, {"error": {"message": said}})
            return
        if fault == "html":
            payload = b"<html><body>Welcome to nginx!</body></html>"
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        if fault == "no-choices":
            self._send(handler, 200, {"hello": "world"})
            return
        if fault == "slow":
            self.released.wait(self.slow_seconds)
        content: str | None = self.answers.pop(0) if self.answers else self.answer(seen)
        message: dict[str, Any] = {"role": "assistant", "content": content}
        finish = "stop"
        if fault == "refuse":
            message = {"role": "assistant", "content": None, "refusal": "I can't help with that."}
        elif fault == "empty":
            message["content"] = ""
        elif fault == "length":
            assert content is not None
            message["content"], finish = content[: len(content) // 2], "length"
        if fault == "trickle":
            self._trickle(handler, reply_of(content or "", seen))
            return
        reply = {
            "id": "chatcmpl-standin",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": seen.body.get("model", "standin"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        }
        self._send(handler, 200, reply)

    def _trickle(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        for k in range(len(payload)):
            if self.released.wait(self.trickle_seconds):
                return
            handler.wfile.write(payload[k : k + 1])
            handler.wfile.flush()

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(payload)


def reply_of(content: str, seen: Seen) -> dict[str, Any]:
    """A chat completion answering ``content``."""
    message = {"role": "assistant", "content": content}
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": seen.body.get("model", "standin"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }
