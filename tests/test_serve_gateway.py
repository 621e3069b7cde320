"""The server's front door without Ray: routes, tokens, size limits, rate limits per
student, the 429 of a full queue, and a real painter behind it (the built-in engine)."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import io
import json
import subprocess
import sys
import uuid

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.openai_api import mask_to_png
from jupyter_imagechat.server import Gateway, Limits, ModelSpec, QueueFull, RateLimit, ServeOptions
from jupyter_imagechat.server.gateway import read_limited
from jupyter_imagechat.server.options import serve_options, token_digest
from jupyter_imagechat.server.painter import Painter

TOKEN = "class-token-0123456789abcdef"
OPTIONS = ServeOptions(
    token_digests=(token_digest(TOKEN),),
    models=(ModelSpec("builtin"),),
    limits=Limits(max_side=256, max_body_bytes=200_000, max_prompt_chars=500),
    rate=RateLimit(per_minute=60, burst=100),
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now



def run(coroutine):
    """Run ``coroutine`` to its end in a thread of its own: the session's browser tests keep
    playwright's event loop running in this thread, and asyncio.run refuses to nest."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

def painter_submit(options: ServeOptions):
    painter = Painter(options.models[0], options.limits)

    async def submit(spec, job):
        return painter.paint(job)

    return submit


def call(gateway, method, path, body=b"", *, token=TOKEN, content_type="application/json", **hdr):
    headers = {"content-type": content_type, **{k.replace("_", "-"): v for k, v in hdr.items()}}
    if token is not None:
        headers["authorization"] = f"Bearer {token}"

    async def chunks():
        for i in range(0, len(body), 4096):
            yield body[i : i + 4096]

    return run(gateway.handle(method, path, headers, read_limited(chunks())))


def generate(gateway, token=TOKEN, **fields):
    body = {"prompt": "a red apple", "size": "96x96", "seed": 1, **fields}
    return call(gateway, "POST", "/v1/images/generations", json.dumps(body).encode(), token=token)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(f"{value}\r\n".encode())
    for name, data in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{name}.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def picture(answer) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(answer.body["data"][0]["b64_json"])))


@pytest.fixture
def gateway():
    return Gateway(OPTIONS, painter_submit(OPTIONS))


def test_every_route_wants_the_token(gateway):
    for method, path in [("GET", "/v1/models"), ("POST", "/v1/images/generations")]:
        for token in (None, "wrong-token-0123456789"):
            answer = call(gateway, method, path, b"{}", token=token)
            assert answer.status == 401
            assert answer.headers["WWW-Authenticate"].startswith("Bearer")
            assert answer.body["error"]["type"] == "authentication_error"
    models = call(gateway, "GET", "/v1/models")
    assert models.status == 200
    assert [m["id"] for m in models.body["data"]] == ["builtin"]


def test_unknown_paths_and_methods(gateway):
    assert call(gateway, "GET", "/v1/chat/completions").status == 404
    assert call(gateway, "GET", "/v1/images/generations").status == 405


def test_a_generation_draws_with_the_served_engine(gateway):
    answer = generate(gateway, num_inference_steps=4)
    assert answer.status == 200
    assert picture(answer).size == (96, 96)
    report = answer.body["jupyter_imagechat"]
    assert report["engine"] == "builtin"
    assert report["seed"] == 1
    assert "num_inference_steps" not in report["honoured"]  # the built-in engine has no steps
    assert report["objects"][0]["name"] == "apple"


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"prompt": "x" * 501}, "prompt is 501 characters long; the limit is 500"),
        ({"prompt": "  "}, "prompt must not be empty"),
        (
            {"size": "2048x2048"},
            "size 2048x2048 is out of bounds: each side must be from 64 to 256",
        ),
        ({"size": "big"}, "size must look like '512x512'"),
        ({"n": 2}, "n must be 1"),
        ({"response_format": "url"}, "b64_json only"),
        ({"num_inference_steps": 10_000}, "num_inference_steps must be a whole number from 1"),
        ({"guidance_scale": "lots"}, "guidance_scale must be a number"),
        ({"scene_graph": "{broken"}, "scene_graph is not valid JSON"),
        ({"scene_graph": {"entities": [{"id": "e1", "name": "cat", "count": 900}]}}, "count"),
    ],
)
def test_requests_over_the_limits_are_refused_with_a_reason(gateway, fields, said):
    answer = generate(gateway, **fields)
    assert answer.status == 400
    assert said in answer.body["error"]["message"]


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(gateway):
    body = json.dumps({"prompt": "a cat", "pad": "x" * 300_000}).encode()
    answer = call(gateway, "POST", "/v1/images/generations", body, content_length=str(len(body)))
    assert answer.status == 400
    assert "the limit is 200,000" in answer.body["error"]["message"]
    # without a Content-Length the reader stops at the limit
    answer = call(gateway, "POST", "/v1/images/generations", body)
    assert answer.status == 400
    assert "cut off" in answer.body["error"]["message"]


def test_an_edit_changes_only_the_masked_pixels(gateway):
    base = picture(generate(gateway, prompt="a red apple and a blue bowl", size="128x128"))
    png = io.BytesIO()
    base.save(png, format="PNG")
    mask = np.zeros((128, 128), dtype=bool)
    mask[:, 64:] = True
    body, kind = multipart(
        {"prompt": "a green pear", "seed": "2"},
        {"image": png.getvalue(), "mask": mask_to_png(mask)},
    )
    answer = call(gateway, "POST", "/v1/images/edits", body, content_type=kind)
    assert answer.status == 200, answer.body
    edited = np.asarray(picture(answer).convert("RGB"))
    assert np.array_equal(edited[~mask], np.asarray(base.convert("RGB"))[~mask])
    assert answer.body["jupyter_imagechat"]["mode"] == "inpaint"


@pytest.mark.parametrize(
    ("mask", "said"),
    [
        (Image.new("RGBA", (64, 64)), "the mask must be the same size as the image"),
        (Image.new("RGB", (128, 128)), "the mask has no transparency"),
        (Image.new("RGBA", (128, 128), (0, 0, 0, 255)), "fully opaque"),
    ],
)
def test_a_mask_in_the_wrong_format_is_refused(gateway, mask, said):
    png, data = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (128, 128), "white").save(png, format="PNG")
    mask.save(data, format="PNG")
    body, kind = multipart({"prompt": "a cat"}, {"image": png.getvalue(), "mask": data.getvalue()})
    answer = call(gateway, "POST", "/v1/images/edits", body, content_type=kind)
    assert answer.status == 400
    assert said in answer.body["error"]["message"]


def test_rate_limits_are_per_student_not_per_address():
    clock = Clock()
    options = ServeOptions(
        token_digests=(token_digest(TOKEN),), rate=RateLimit(per_minute=6, burst=2)
    )
    gateway = Gateway(options, painter_submit(options), clock=clock)
    assert generate(gateway, user="ada").status == 200
    assert generate(gateway, user="ada").status == 200
    refused = generate(gateway, user="ada")
    assert refused.status == 429
    assert refused.headers["Retry-After"] == "10"  # 6 a minute: one every 10 s
    assert refused.body["error"]["code"] == "rate_limit_exceeded"
    assert generate(gateway, user="grace").status == 200  # same address, another student
    clock.now += 10
    assert generate(gateway, user="ada").status == 200


def test_a_full_queue_is_answered_429_with_retry_after():
    async def full(spec, job):
        raise QueueFull()

    answer = generate(Gateway(OPTIONS, full))
    assert answer.status == 429
    assert answer.body["error"]["code"] == "server_busy"
    assert 1 <= int(answer.headers["Retry-After"]) <= 60
    assert "busy" in answer.body["error"]["message"]


def test_the_gateway_takes_no_more_than_the_models_capacity_at_once():
    spec = ModelSpec("builtin", max_ongoing=1, max_queued=3)  # 1 drawing, 3 waiting
    options = ServeOptions(models=(spec,), rate=RateLimit(per_minute=600, burst=100))
    release = asyncio.Event()
    png = io.BytesIO()
    Image.new("RGB", (64, 64)).save(png, format="PNG")

    async def slow(spec, job):
        await release.wait()
        return {"png": png.getvalue(), "engine": "builtin"}

    gateway = Gateway(options, slow)
    body = json.dumps({"prompt": "a red apple", "user": "ada"}).encode()

    async def one():
        async def chunks():
            yield body

        headers = {"content-type": "application/json"}
        return await gateway.handle(
            "POST", "/v1/images/generations", headers, read_limited(chunks())
        )

    async def burst():
        tasks = [asyncio.create_task(one()) for _ in range(6)]
        await asyncio.sleep(0.05)
        refused = [t.result() for t in tasks if t.done()]
        release.set()
        return refused, await asyncio.gather(*tasks)

    refused, answers = run(burst())
    assert spec.capacity == 4
    assert [a.status for a in refused] == [429, 429]  # at once, not after waiting
    assert sorted(a.status for a in answers) == [200] * 4 + [429] * 2
    assert refused[0].headers["Retry-After"].isdigit()


def test_an_unknown_model_is_404(gateway):
    answer = generate(gateway, model="dall-e-3")
    assert answer.status == 404
    assert "this server has builtin" in answer.body["error"]["message"]


def test_server_options_refuse_an_open_server_without_a_token(monkeypatch):
    monkeypatch.delenv("JUPYTER_IMAGECHAT_TOKEN", raising=False)
    with pytest.raises(ValueError, match="without a token would let anyone"):
        serve_options({"host": "0.0.0.0"})
    with pytest.raises(ValueError, match="at least 16 characters"):
        serve_options({"token": "short"})
    monkeypatch.setenv("JUPYTER_IMAGECHAT_TOKEN", TOKEN)
    options = serve_options({"host": "0.0.0.0", "replicas": 2})
    assert options.token_digests == (token_digest(TOKEN),)
    assert TOKEN not in repr(options)
    assert options.models[0].min_replicas == options.models[0].max_replicas == 2


def test_the_command_line_refuses_before_starting_anything(monkeypatch):
    env = {k: v for k, v in __import__("os").environ.items() if k != "JUPYTER_IMAGECHAT_TOKEN"}
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter_imagechat", "serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "pass --token" in proc.stderr
    assert "ray" not in proc.stderr.lower()
