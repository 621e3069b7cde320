"""The served application for real: a local Ray instance, Ray Serve on 127.0.0.1, and the
remote engine driving it (generation, a masked edit, a wrong token, an oversized request,
a full queue, the server stopped in the middle of a request).

Ray starts once for the module (2 CPUs, no dashboard) and the pictures are small; the
module takes about a minute (docs/serving.md says what it adds to CI).
"""

from __future__ import annotations

import base64
import concurrent.futures
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import numpy as np
import pytest
import ray
import serve_helpers  # tests/ is on sys.path
from PIL import Image

from jupyter_imagechat import Conversation, ImageChat
from jupyter_imagechat.errors import EngineError
from jupyter_imagechat.server import (
    Limits,
    ModelSpec,
    RateLimit,
    ServeOptions,
    start_server,
    token_digest,
)
from jupyter_imagechat.server.jobs import read_job
from jupyter_imagechat.server.painter import Painter

pytestmark = [
    pytest.mark.serve,
    # Ray Serve's own pydantic models, not ours
    pytest.mark.filterwarnings("ignore:Using extra keyword arguments on `Field`"),
]

TOKEN = "class-token-for-the-ray-tests-0123"
SIZE = 96
PROMPT = "three red apples left of a blue bowl"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served():
    ray.cloudpickle.register_pickle_by_value(serve_helpers)
    options = ServeOptions(
        port=_free_port(),
        token_digests=(token_digest(TOKEN),),
        models=(
            ModelSpec("builtin", num_cpus=0.5),
            ModelSpec(
                "slow",  # batching on (the default), in batches of at most 3 here
                engine_factory=serve_helpers.make_slow_engine,
                num_cpus=0.5,
                max_ongoing=1,
                max_queued=2,
            ),
            # waits long enough for a burst to gather into one batch, even on a busy machine
            ModelSpec("batched", num_cpus=0.5, max_batch_size=4, batch_wait_timeout_s=0.5),
        ),
        limits=Limits(max_side=256),
        rate=RateLimit(per_minute=600, burst=100),
    )
    started = time.monotonic()
    ray_options = {"num_cpus": 2, "object_store_memory": 80 * 1024 * 1024, "log_to_driver": False}
    for attempt in range(3):  # a machine under load can miss Ray's 30 s start-up window
        try:
            server = start_server(options, **ray_options)
            break
        except Exception:
            ray.shutdown()
            if attempt == 2:
                raise
            time.sleep(5)
    server.startup_seconds = time.monotonic() - started
    yield server
    if ray.is_initialized():
        server.stop()


def chat(served, **options) -> Conversation:
    options.setdefault("api_key", TOKEN)
    options.setdefault("max_retries", 0)
    options.setdefault("size", SIZE)
    return Conversation("remote", base_url=served.url, seed=3, **options)


def test_a_generation_is_the_served_engines_picture(served):
    remote = chat(served).send(PROMPT)
    local = Conversation("builtin", size=SIZE, seed=3).send(PROMPT)
    assert np.array_equal(np.asarray(remote.image), np.asarray(local.image))
    server = remote.metadata["server"]
    assert server["engine"] == "builtin"
    assert server["seed"] == 3
    assert remote.metadata["sent"]["scene_graph"] is True
    assert remote.verdict is not None  # the objects the server reported were checked
    assert remote.verdict.summary() == local.verdict.summary()


def test_a_masked_edit_keeps_every_pixel_outside_the_mask(served):
    remote = chat(served)
    first = remote.send(PROMPT)
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[:, SIZE // 2 :] = True
    edited = remote.send("a green pear", mask=mask)
    assert edited.mode == "inpaint"
    old, new = np.asarray(first.image), np.asarray(edited.image)
    assert np.array_equal(new[~mask], old[~mask])
    assert not np.array_equal(new[mask], old[mask])
    local = Conversation("builtin", size=SIZE, seed=3)
    local.send(PROMPT)
    assert np.array_equal(new, np.asarray(local.send("a green pear", mask=mask).image))


def test_settings_the_served_engine_does_not_use_are_recorded_and_said(served):
    turn = chat(served).send(PROMPT, settings={"steps": 30, "guidance_scale": 5.0})
    sent = turn.metadata["sent"]  # the extra fields travel under vLLM-Omni's names...
    assert (sent["num_inference_steps"], sent["guidance_scale"], sent["seed"]) == (30, 5.0, 3)
    # ...and what the server says it did not use is recorded and said
    assert sorted(turn.metadata["not_honoured"]) == ["guidance_scale", "steps"]
    assert "The server's builtin engine did not use steps, guidance_scale." in turn.notes
    assert "seed" in turn.metadata["server"]["honoured"]
    assert turn.model == "builtin"  # no model asked for: the one the server says drew it


def test_a_wrong_token_is_refused(served):
    remote = chat(served, api_key="not-the-class-token-0000")
    with pytest.raises(EngineError, match=r"refused the key \(401"):
        remote.send(PROMPT)
    assert len(remote.history) == 0


def test_an_oversized_request_is_refused_with_the_reason(served):
    remote = chat(served, size=512)  # the server allows 256 px a side
    with pytest.raises(EngineError) as info:
        remote.send(PROMPT)
    assert "refused the request (400)" in str(info.value)
    assert "size 512x512 is out of bounds" in str(info.value)


def _post(url: str, body: dict) -> tuple[int, dict, str | None, float]:
    """Status, JSON body, Retry-After and seconds taken of one request."""
    request = urllib.request.Request(
        url + "/images/generations",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read()), None, time.monotonic() - started
    except urllib.error.HTTPError as exc:
        body = json.loads(exc.read())
        return exc.code, body, exc.headers.get("Retry-After"), time.monotonic() - started


def test_concurrent_requests_are_drawn_in_batches_each_with_its_own_answer(served):
    bodies = [
        {"model": "batched", "prompt": p, "size": "96x96", "seed": seed, "user": "batch-test"}
        for seed, p in enumerate(["a red apple", "two cats", "a blue boat", "a yellow duck"])
    ]
    bodies[2]["scene_graph"] = {"entities": "not a list"}  # a bad one: only the painter knows
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda body: _post(served.url, body), bodies))
    assert [status for status, *_ in answers] == [200, 200, 400, 200]
    assert "entities" in answers[2][1]["error"]["message"]
    batches = [reply["jupyter_imagechat"]["batch"]["requests"] for _, reply, *_ in answers
               if "data" in reply]  # fmt: skip
    assert max(batches) > 1  # drawn together...
    painter = Painter(ModelSpec("builtin"), Limits(max_side=256))
    for body, (_, reply, *_rest) in zip(bodies, answers, strict=True):
        if "data" not in reply:
            continue
        alone = painter.paint(read_job("generations", body, Limits(max_side=256)))
        got = base64.b64decode(reply["data"][0]["b64_json"])
        assert np.array_equal(_pixels(got), _pixels(alone["png"]))  # ...each its own picture


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_a_full_queue_is_answered_429_with_retry_after(served):
    # the slow model draws one picture at a time (1 s) and keeps 2 more waiting: of 7
    # requests sent at once, 3 are taken (batched, drawn one by one) and the rest refused
    # at once
    body = {"model": "slow", "prompt": "a red apple", "size": "64x64", "user": "queue-test"}
    with concurrent.futures.ThreadPoolExecutor(7) as pool:
        answers = list(pool.map(lambda _: _post(served.url, body), range(7)))
    taken = [a for a in answers if a[0] == 200]
    busy = [a for a in answers if a[0] == 429]
    assert len(taken) + len(busy) == 7  # every request answered, nothing else
    assert len(taken) >= 3  # the queue's room is used...
    assert busy  # ...and beyond it the answer is 429
    for _, reply, retry_after, _seconds in busy:
        assert reply["error"]["code"] == "server_busy"
        assert 1 <= int(retry_after) <= 60
    slowest_taken = max(seconds for *_, seconds in taken)
    assert slowest_taken >= 2.0  # the 3 taken were drawn one after another
    assert max(seconds for *_, seconds in busy) < slowest_taken / 2  # refused without waiting


def test_the_server_stopped_mid_request_is_a_clear_message_and_nothing_is_lost(served):
    chat = ImageChat(
        engine="remote",
        model="slow",
        base_url=served.url,
        api_key=TOKEN,
        size=SIZE,
        max_retries=0,
        timeout=30,
        autosave=False,
    )
    first = chat.send("a red apple")
    outcome: dict[str, BaseException] = {}

    def run() -> None:
        try:
            chat.send("a green pear")
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.4)  # the request is being drawn (1 s)
    served.stop()
    worker.join(60)
    assert not worker.is_alive()
    error = outcome["error"]
    assert isinstance(error, EngineError)
    said = [m["text"] for m in chat._messages if m["role"] == "error"]
    assert said == [str(error)]  # the chat pane says it, once
    assert served.url.removesuffix("/v1") in said[0]
    assert any(
        words in said[0]
        for words in ("was cut off", "could not connect", "failed (5")  # how the proxy went away
    ), said[0]
    assert len(chat.history) == 1  # the history is intact
    assert chat.image is first.image
    with pytest.raises(EngineError, match="could not connect"):
        chat.send("a green pear")  # and it says the same, clearly, until the server is back
    assert len(chat.history) == 1
    chat.close()
