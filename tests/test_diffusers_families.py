"""Every model family the README names, end to end through a conversation, offline.

For each family a tiny random pipeline (``tiny_pipelines``) is saved with
``save_pretrained`` and loaded by folder, as a downloaded model is. Each then draws a
new picture, edits it (img2img), inpaints (every pixel outside the mask kept),
outpaints, follows the layout sketch, shows a preview each step, stops within one
step, gives the same pixels for the same seed, records its pipeline class, scheduler
and dtype, and is redone pixel for pixel by its exported code.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from PIL import Image  # noqa: E402
from tiny_pipelines import SIZE, build  # noqa: E402
from tiny_pipelines.probes import CallSpy  # noqa: E402

from jupyter_imagechat import Conversation, ImageChat  # noqa: E402
from jupyter_imagechat.engines.diffusers.grounding import sketch_image  # noqa: E402
from jupyter_imagechat.errors import Cancelled  # noqa: E402

FAST = {"steps": 2}
SIZED = {"width": SIZE, "height": SIZE}  # FLUX draws 1024 px (256 tiny) unless told
PROMPT = "two red apples left of a blue bowl"

_SD = (
    "StableDiffusionPipeline",
    "StableDiffusionImg2ImgPipeline",
    "StableDiffusionInpaintPipeline",
)
_SDXL = (
    "StableDiffusionXLPipeline",
    "StableDiffusionXLImg2ImgPipeline",
    "StableDiffusionXLInpaintPipeline",
)
_SD3 = (
    "StableDiffusion3Pipeline",
    "StableDiffusion3Img2ImgPipeline",
    "StableDiffusion3InpaintPipeline",
)
_FLUX = ("FluxPipeline", "FluxImg2ImgPipeline", "FluxInpaintPipeline")
_INPAINT = ("StableDiffusionInpaintPipeline",) * 3  # a 9-channel UNet inpaints everything
_FLOW = "FlowMatchEulerDiscreteScheduler"

EXPECTED: dict[str, dict[str, Any]] = {
    "sd1": {
        "family": "sd",
        "pipelines": _SD,
        "scheduler": "DDIMScheduler",
        "prediction": "epsilon",
        "preview": "sd",
    },
    "sd2": {
        "family": "sd",
        "pipelines": _SD,
        "scheduler": "DDIMScheduler",
        "prediction": "v_prediction",
        "preview": "sd",
    },
    "sdxl": {
        "family": "sdxl",
        "pipelines": _SDXL,
        "scheduler": "EulerDiscreteScheduler",
        "prediction": "epsilon",
        "preview": "sdxl",
    },
    "sd-inpainting": {
        "family": "sd",
        "pipelines": _INPAINT,
        "scheduler": "DDIMScheduler",
        "prediction": "epsilon",
        "preview": "sd",
    },
    "sd3": {
        "family": "sd3",
        "pipelines": _SD3,
        "scheduler": _FLOW,
        "prediction": None,
        "preview": "sd3",
    },
    "sd3-no-t5": {
        "family": "sd3",
        "pipelines": _SD3,
        "scheduler": _FLOW,
        "prediction": None,
        "preview": "sd3",
    },
    "flux": {
        "family": "flux",
        "pipelines": _FLUX,
        "scheduler": _FLOW,
        "prediction": None,
        "preview": "flux",
    },
    "flux-schnell": {
        "family": "flux",
        "pipelines": _FLUX,
        "scheduler": _FLOW,
        "prediction": None,
        "preview": "flux",
    },
}
"""What each family's turns record: the pipeline class for a plain new picture, an
edit and an inpainting, the scheduler, its prediction type, the preview's latent map."""


@pytest.fixture(scope="module", params=list(EXPECTED))
def family(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def folder(family: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(family, tmp_path_factory.mktemp("models") / f"tiny-{family}")


@pytest.fixture(scope="module")
def session(folder: str) -> Conversation:
    """A session drawn by the family: a new picture, an inpainting, an img2img edit."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        conv = Conversation("diffusers", folder, size=SIZE, seed=3)
        conv.send(PROMPT, settings=FAST)
        conv.mask = band_mask()
        conv.send("make the bowl green", settings=FAST)
        conv.send("make the apples yellow", settings=FAST)
    return conv


def band_mask(size: tuple[int, int] = (SIZE, SIZE)) -> np.ndarray:
    mask = np.zeros((size[1], size[0]), dtype=bool)
    mask[size[1] // 4 : size[1] * 3 // 4, size[0] // 2 :] = True
    return mask


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


def test_a_new_picture_records_its_pipeline_scheduler_and_dtype(
    session: Conversation, family: str, folder: str
) -> None:
    first = session.history[0]
    expected = EXPECTED[family]
    assert first.mode == "text2img"
    assert first.image.size == (SIZE, SIZE)
    assert first.model == folder
    meta = first.metadata
    assert meta["family"] == expected["family"]
    assert meta["scheduler"] == expected["scheduler"]
    assert meta["scheduler_config"]["_class_name"] == expected["scheduler"]
    assert meta["prediction_type"] == expected["prediction"]
    assert (meta["device"], meta["dtype"]) == ("cpu", "float32")
    # the plan grounds it: regional prompts on the layout sketch, an image-to-image run
    assert meta["grounding"] == "regions+sketch"
    assert meta["pipeline"] == expected["pipelines"][1]
    assert [r["prompt"] for r in meta["regions"]] == ["a red apple", "a blue bowl"]


def test_plain_text_to_image_prints_nothing(
    session: Conversation, family: str, capfd: pytest.CaptureFixture[str]
) -> None:
    engine = session.engine
    scene = session.history[0].scene
    result = engine.draw(scene, seed=1, settings={**FAST, **SIZED, "grounding": "none"})
    assert result.metadata["pipeline"] == EXPECTED[family]["pipelines"][0]
    assert result.metadata["grounding"] == "none"
    assert result.image.size == (SIZE, SIZE)
    out, err = capfd.readouterr()
    assert (out, err) == ("", ""), "a turn printed library output"


def test_same_seed_same_pixels_other_seed_other_pixels(session: Conversation) -> None:
    engine, scene = session.engine, session.history[0].scene
    a = engine.draw(scene, seed=5, settings={**FAST, **SIZED}).image
    b = engine.draw(scene, seed=5, settings={**FAST, **SIZED}).image
    c = engine.draw(scene, seed=6, settings={**FAST, **SIZED}).image
    assert np.array_equal(pixels(a), pixels(b))
    assert not np.array_equal(pixels(a), pixels(c))


def test_inpainting_keeps_every_pixel_outside_the_mask(session: Conversation, family: str) -> None:
    first, edit = session.history[0], session.history[1]
    mask = band_mask()
    assert edit.mode == "inpaint"
    assert edit.metadata["pipeline"] == EXPECTED[family]["pipelines"][2]
    before, after = pixels(first.image), pixels(edit.image)
    assert np.array_equal(before[~mask], after[~mask])
    assert not np.array_equal(before[mask], after[mask])


def test_an_edit_without_a_mask_varies_the_whole_picture(
    session: Conversation, family: str
) -> None:
    before, varied = session.history[1], session.history[2]
    assert varied.mode == "img2img"
    assert varied.metadata["pipeline"] == EXPECTED[family]["pipelines"][1]
    assert varied.metadata["strength"] == 0.75
    assert varied.image.size == (SIZE, SIZE)
    assert not np.array_equal(pixels(before.image), pixels(varied.image))


def test_outpainting_keeps_the_old_pixels(folder: str) -> None:
    conv = Conversation("diffusers", folder, size=SIZE, seed=2)
    first = conv.send(PROMPT, settings={**FAST, "grounding": "none"})
    wider = conv.outpaint(right=16, settings=FAST)
    assert wider.mode == "outpaint"
    assert wider.image.size == (SIZE + 16, SIZE)
    assert np.array_equal(pixels(wider.image)[:, :SIZE], pixels(first.image))
    assert pixels(wider.image)[:, SIZE:].std() > 0  # the new strip is drawn


def test_sketch_grounding_starts_from_the_drawing_of_the_plan(
    session: Conversation, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, scene = session.engine, session.history[0].scene
    pipe = engine.pipeline_for("inpaint" if family == "sd-inpainting" else "img2img")
    spy = CallSpy(monkeypatch, pipe)
    settings = {"grounding": "sketch", "sketch_strength": 0.5, "steps": 4, **SIZED}
    result = engine.draw(scene, seed=4, settings=settings)
    (call,) = spy.calls
    assert np.array_equal(pixels(call["image"]), pixels(sketch_image(scene, SIZE, SIZE, 4)))
    assert call["strength"] == 0.5
    assert result.metadata["grounding"] == "sketch"
    assert "regions" not in result.metadata


def test_previews_arrive_every_step(session: Conversation, family: str) -> None:
    engine, scene = session.engine, session.history[0].scene
    seen: list[tuple[int, int, Any]] = []
    result = engine.draw(
        scene,
        settings={"steps": 3, "grounding": "none", **SIZED},
        on_progress=lambda *a: seen.append(a),
    )
    assert [(step, total) for step, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert result.metadata["preview"] == EXPECTED[family]["preview"]
    previews = [p for _, _, p in seen]
    assert all(p is not None and p.size == (SIZE, SIZE) for p in previews)
    assert not np.array_equal(pixels(previews[0]), pixels(previews[-1]))


def test_stop_ends_the_run_within_one_step_and_keeps_a_draft(folder: str) -> None:
    conv = Conversation("diffusers", folder, size=SIZE, seed=1)
    steps: list[int] = []
    with pytest.raises(Cancelled, match="stopped after step 1 of 4") as info:
        conv.send(
            PROMPT,
            settings={"steps": 4, "grounding": "none"},
            on_progress=lambda s, t, p: steps.append(s),
            should_stop=lambda: True,
        )
    assert steps == [1]
    draft = info.value.turn
    assert draft.mode == "draft"
    assert draft.metadata["stopped_at_step"] == 1
    assert draft.image.size == (SIZE, SIZE)


def test_exported_code_redoes_the_session_pixel_for_pixel(
    session: Conversation, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code = session.history.to_code()
    assert f"ImageChat(engine='diffusers', model={folder!r})" in code
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # what a user runs from the exported cell
    again = namespace["chat"]
    assert isinstance(again, ImageChat)
    assert [t.mode for t in again.history] == ["text2img", "inpaint", "img2img"]
    for old, new in zip(session.history, again.history, strict=True):
        assert np.array_equal(pixels(old.image), pixels(new.image)), old.mode
