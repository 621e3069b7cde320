"""Network faults on the remote engine: each is one clear message, nothing is lost, and the
next request works. Stop abandons a request that is still waiting.

Driven against the OpenAI stand-in on 127.0.0.1 (tests/openai_standin.py), which fails on
demand: 429 with Retry-After, 500, a cut-off body, an HTML page, replies without a picture.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time

import numpy as np
import pytest
from openai_standin import StandIn  # tests/ is on sys.path

from jupyter_imagechat import Conversation
from jupyter_imagechat.errors import Cancelled, EngineError

SIZE = 96
PROMPT = "a red apple"


@pytest.fixture
def standin():
    with StandIn(size=(SIZE, SIZE), hang_seconds=20) as server:
        yield server


def remote(url: str, **options) -> Conversation:
    options.setdefault("max_retries", 0)
    return Conversation(
        "remote", base_url=url, api_key="token-for-tests-0123", size=SIZE, **options
    )


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("429", "is busy or your share is used up (429): Rate limit reached; try again in 7 s"),
        ("500", "failed (500): The server had an error; try again"),
        ("cut", "was cut off before the answer was complete"),
        ("html", "answered without a usable picture"),
        ("no-data", "answered without a usable picture: the reply has no picture in it"),
        ("url", "the reply is a link to the picture, not the picture (b64_json)"),
        ("not-image", "the picture in the reply is not a picture"),
    ],
)
def test_a_fault_is_one_clear_message_and_the_next_request_works(standin, fault, said):
    chat = remote(standin.url)
    first = chat.send(PROMPT)
    standin.faults.append(fault)
    with pytest.raises(EngineError) as info:
        chat.send("a green pear")
    message = str(info.value)
    assert said in message
    assert standin.url.removesuffix("/v1") in message  # which server
    assert "Traceback" not in message
    assert len(chat.history) == 1  # nothing recorded, nothing lost
    assert chat.image is first.image
    again = chat.send("a green pear")  # and the next request works
    assert again.image.size == (SIZE, SIZE)
    assert len(chat.history) == 2


def test_a_server_that_does_not_answer_in_time_is_a_timeout(standin):
    chat = remote(standin.url, timeout=1)
    chat.send(PROMPT)
    standin.faults.append("hang")
    started = time.monotonic()
    with pytest.raises(EngineError, match="did not answer in time"):
        chat.send("a green pear")
    assert time.monotonic() - started < 10
    assert len(chat.history) == 1
    assert chat.send("a green pear").image.size == (SIZE, SIZE)


def test_a_refused_connection_says_the_server_cannot_be_reached():
    with socket.socket() as probe:  # a port with nothing listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chat = remote(f"http://127.0.0.1:{port}/v1")
    with pytest.raises(EngineError, match="could not connect to the image server at http://127"):
        chat.send(PROMPT)
    assert len(chat.history) == 0


def test_retries_ride_over_a_failed_attempt(standin):
    chat = remote(standin.url, max_retries=1)
    standin.faults.append("500")
    turn = chat.send(PROMPT)
    assert turn.image.size == (SIZE, SIZE)
    assert len(standin.seen) == 2


def test_stop_abandons_a_waiting_request_at_once(standin):
    chat = remote(standin.url)
    chat.send(PROMPT)
    standin.faults.append("hang")
    stop = threading.Event()
    progress: list[tuple[int, int, object]] = []
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            chat.send(
                "a green pear",
                on_progress=lambda *args: progress.append(args),
                should_stop=stop.is_set,
            )
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 5
    while len(standin.seen) < 2 and time.monotonic() < deadline:  # the request is out
        time.sleep(0.02)
    pressed = time.monotonic()
    stop.set()
    worker.join(5)
    assert not worker.is_alive()
    assert time.monotonic() - pressed < 1.0  # the server still hangs: we did not wait for it
    assert isinstance(outcome["error"], Cancelled)
    assert "abandoned" in str(outcome["error"])
    assert progress  # waiting showed as progress
    assert progress[0] == (0, 0, None)
    assert len(chat.history) == 1
    standin.released.set()
    assert chat.send("a green pear").image.size == (SIZE, SIZE)


def test_an_edit_that_fails_keeps_the_mask_for_the_next_try(standin):
    chat = remote(standin.url)
    chat.send(PROMPT)
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[10:50, 10:50] = True
    chat.mask = mask
    standin.faults.append("500")
    with pytest.raises(EngineError):
        chat.send("a green pear")
    assert np.array_equal(chat.mask, mask)
    turn = chat.send("a green pear")
    assert turn.mode == "inpaint"


class _Unreadable(http.server.BaseHTTPRequestHandler):
    """A server whose JSON reply Python cannot parse: nested too deep, or a number too long."""

    body = b""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "JSON nested too deep to read"),
        (b'{"created": ' + b"9" * 5000 + b', "data": []}', "a number too long to read"),
    ],
)
def test_a_reply_python_cannot_parse_is_said_in_words(body, said):
    handler = type("Handler", (_Unreadable,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        chat = remote(f"http://127.0.0.1:{server.server_port}/v1")
        with pytest.raises(EngineError) as info:
            chat.send(PROMPT)
    finally:
        server.shutdown()
        server.server_close()
    message = str(info.value)
    assert f"answered with something that is not an image reply ({said})" in message
    assert "recursion" not in message
    assert "sys.set_int_max_str_digits" not in message
    assert len(chat.history) == 0
