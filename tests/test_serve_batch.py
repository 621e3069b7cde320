"""Batches in the served application, without Ray: the painter draws several jobs in one
step (what a replica does with the requests ``@serve.batch`` gathers) and each job gets
its own answer: the same picture it gets alone, or its own error.

The Ray Serve path itself (requests gathered by ``@serve.batch``, the 429 of a full
queue with batching on) is in tests/test_serve.py; the diffusers engine's shared calls
are in tests/test_diffusers_batch.py.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.errors import InputError
from jupyter_imagechat.openai_api import mask_to_png
from jupyter_imagechat.server import Limits, ModelSpec, serve_options
from jupyter_imagechat.server.forms import BadRequest
from jupyter_imagechat.server.jobs import ImageJob, read_job
from jupyter_imagechat.server.painter import Painter

LIMITS = Limits(max_side=256)


def job(path: str = "generations", **fields: Any) -> Any:
    return read_job(path, {"prompt": "a red apple", "size": "96x96", "seed": 1, **fields}, LIMITS)


def png_pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


@pytest.fixture(scope="module")
def painter() -> Painter:
    return Painter(ModelSpec("builtin"), LIMITS)


@pytest.fixture(scope="module")
def picture(painter: Painter) -> bytes:
    return painter.paint(job(prompt="three pears on a table", size="128x96"))["png"]


def test_a_batch_answers_each_job_with_the_picture_it_gets_alone(
    painter: Painter, picture: bytes
) -> None:
    mask = np.zeros((96, 128), dtype=bool)
    mask[:, 64:] = True
    jobs = [
        job(prompt="a red apple", seed=1),
        job(prompt="a blue boat on the sea", size="128x96", seed=2),
        job("edits", prompt="a green pear", image=picture, mask=mask_to_png(mask), seed=3),
        job(prompt="two cats", seed=4),
    ]
    batched = painter.paint_batch([(j, None) for j in jobs])
    for one, reply in zip(jobs, batched, strict=True):
        assert isinstance(reply, dict)
        alone = painter.paint(one)
        assert np.array_equal(png_pixels(reply["png"]), png_pixels(alone["png"]))
        assert (reply["seed"], reply["mode"], reply["objects"]) == (
            alone["seed"],
            alone["mode"],
            alone["objects"],
        )
        assert reply["batch"] == {"requests": 4, "shared_call": 1}  # built-in: one by one
    assert batched[2]["mode"] == "inpaint"  # type: ignore[index]
    kept = png_pixels(batched[2]["png"])[~mask]  # type: ignore[index]
    assert np.array_equal(kept, png_pixels(picture)[~mask])


def test_a_bad_job_answers_its_own_error_and_the_others_are_drawn(
    painter: Painter, picture: bytes
) -> None:
    jobs = [
        job(seed=1),
        job(scene_graph={"entities": "not a list"}),  # only the pipeline can tell
        ImageJob("edits", "a pear", size=(128, 96), image=picture, mask=b"not a mask"),
        ImageJob("edits", "a cat", size=(96, 96), image=b"\x89PNG not really"),  # past the gateway
        job(prompt="a yellow duck", seed=5),
    ]
    outcomes = painter.paint_batch([(j, None) for j in jobs])
    assert [type(o).__name__ for o in outcomes] == ["dict", "BadRequest", "BadRequest",
                                                      "BadRequest", "dict"]  # fmt: skip
    for bad in outcomes[1:4]:
        assert isinstance(bad, BadRequest)
        assert bad.status == 400
        assert str(bad)
    assert "entities" in str(outcomes[1])
    for i in (0, 4):
        reply = outcomes[i]
        assert isinstance(reply, dict)
        assert np.array_equal(png_pixels(reply["png"]), png_pixels(painter.paint(jobs[i])["png"]))
    with pytest.raises(BadRequest):  # alone, the same job raises the same error
        painter.paint(jobs[1])


def test_the_painter_shares_a_diffusers_call_across_the_jobs_that_can(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("diffusers")
    from tiny_pipeline import build_tiny_pipeline  # tests/ is on sys.path

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = build_tiny_pipeline(tmp_path_factory.mktemp("m") / "tiny-sd")
    painter = Painter(
        ModelSpec("tiny", engine="diffusers", model=path, engine_options={"device": "cpu"}),
        LIMITS,
    )
    first = painter.paint(job(size="64x64", num_inference_steps=2))
    mask = np.zeros((64, 64), dtype=bool)
    mask[16:48, 16:48] = True
    edit = {"image": first["png"], "mask": mask_to_png(mask), "num_inference_steps": 2}
    jobs = [
        job("edits", prompt="a green pear", seed=7, **edit),
        job("edits", prompt="a blue cup", seed=8, **edit),
        job("edits", prompt="a red hat", seed=9, **{**edit, "num_inference_steps": 3}),
        job(size="64x64", num_inference_steps=2, seed=3),
        job(prompt="two cats and a tree", size="64x64", num_inference_steps=2, seed=4),
    ]
    outcomes = painter.paint_batch([(j, None) for j in jobs])
    shared = [o["batch"]["shared_call"] for o in outcomes]  # type: ignore[index]
    assert shared == [2, 2, 1, 2, 2]  # the alike edits shared a call, the alike new pictures
    # (regional prompts, each its own layout) another; the 3-step edit alone; nothing mixed
    for one, reply in zip(jobs, outcomes, strict=True):
        assert isinstance(reply, dict)
        got, want = png_pixels(reply["png"]), png_pixels(painter.paint(one)["png"])
        diff = np.abs(got.astype(int) - want.astype(int))
        assert diff.max() <= 1  # float rounding of a batched product (test_diffusers_batch)
        assert (diff > 0).mean() <= 0.001
        if one.path == "edits":
            assert np.array_equal(got[~mask], png_pixels(first["png"])[~mask])


def test_batch_options_have_sane_defaults_and_limits() -> None:
    spec = serve_options({}).models[0]
    assert (spec.max_batch_size, spec.batch_wait_timeout_s) == (4, 0.02)
    spec = serve_options({"max_batch_size": 8, "batch_wait_timeout_s": 0.1}).models[0]
    assert (spec.max_batch_size, spec.batch_wait_timeout_s, spec.batch_size) == (8, 0.1, 8)
    # a batch never holds more than a replica takes in
    assert ModelSpec("x", max_queued=2, max_batch_size=8).batch_size == 3
    assert ModelSpec("x", max_batch_size=1).batch_size == 1  # 1: batching off
    for bad in ({"max_batch_size": 0}, {"batch_wait_timeout_s": -1}, {"batch_wait_timeout_s": 60}):
        with pytest.raises(InputError, match=r"max_batch_size|batch_wait_timeout_s"):
            serve_options(bad)
