"""The diffusers engine follows the plan, shows previews, keeps drafts, reports downloads.

Tiny random pipelines built in the test (no hub): a plain Stable Diffusion one and a
GLIGEN one (a UNet with gated attention, as in diffusers' own GLIGEN tests). The
pictures are noise; what is checked is what reaches the pipeline (init image,
phrases, boxes, strength) and what the user gets back (previews, drafts, errors).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
diffusers = pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from PIL import Image  # noqa: E402
from tiny_pipeline import SIZE, build_tiny_pipeline  # noqa: E402
from tiny_pipelines.probes import CallSpy  # noqa: E402

from jupyter_imagechat import Conversation  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.engines.diffusers.grounding import gligen_inputs, sketch_image  # noqa: E402
from jupyter_imagechat.engines.diffusers.loading import download_progress, place  # noqa: E402
from jupyter_imagechat.engines.diffusers.previews import (  # noqa: E402
    SD15_FACTORS,
    latents_to_preview,
)
from jupyter_imagechat.errors import Cancelled, InputError  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

pytestmark = [
    pytest.mark.filterwarnings("ignore::FutureWarning"),  # GLIGEN's deprecated `callback`
    pytest.mark.filterwarnings("ignore:The StableDiffusionGLIGENPipeline has been deprecated"),
]
FAST = {"steps": 2}
SCENE = arrange(
    SceneGraph.from_dict(
        {
            "entities": [
                {"id": "e1", "name": "apple", "count": 2, "attributes": {"color": "red"}},
                {"id": "e2", "name": "bowl", "attributes": {"color": "blue"}},
            ],
            "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
        }
    )
)


@pytest.fixture(scope="module")
def sd_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-sd")


@pytest.fixture(scope="module")
def gligen_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-gligen", gligen=True)


@pytest.fixture(scope="module")
def sd(sd_path: str) -> DiffusersEngine:
    engine = DiffusersEngine(sd_path)
    engine.load()
    return engine


@pytest.fixture(scope="module")
def gligen(gligen_path: str) -> DiffusersEngine:
    engine = DiffusersEngine(gligen_path)
    engine.load()
    return engine


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


# -- grounding: layout sketch to picture ------------------------------------------------
def test_new_picture_starts_from_the_sketch_of_the_plan(
    sd: DiffusersEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = CallSpy(monkeypatch, sd.pipeline_for("img2img"))
    settings = {"grounding": "sketch", "sketch_strength": 0.5, "steps": 4}
    result = sd.draw(SCENE, seed=4, settings=settings)
    (call,) = spy.calls
    expected = sketch_image(SCENE, SIZE, SIZE, 4)
    assert np.array_equal(pixels(call["image"]), pixels(expected))
    assert call["strength"] == 0.5
    assert result.metadata["grounding"] == "sketch"
    assert result.metadata["sketch_strength"] == 0.5
    assert result.metadata["mode"] == "text2img"
    assert result.image.size == (SIZE, SIZE)


def test_sketch_differs_from_plain_text_and_none_turns_it_off(
    sd: DiffusersEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    grounded = sd.draw(SCENE, seed=1, settings={**FAST, "grounding": "sketch"})
    spy = CallSpy(monkeypatch, sd.pipeline)
    plain = sd.draw(SCENE, seed=1, settings={**FAST, "grounding": "none"})
    assert len(spy.calls) == 1
    assert "image" not in spy.calls[0]
    assert plain.metadata["grounding"] == "none"
    assert not np.array_equal(pixels(grounded.image), pixels(plain.image))


def test_boxes_on_a_model_without_gligen_name_the_fix(sd: DiffusersEngine) -> None:
    with pytest.raises(InputError, match="grounding='boxes' needs a GLIGEN model"):
        sd.draw(SCENE, settings={**FAST, "grounding": "boxes"})
    with pytest.raises(InputError, match="`grounding` must be one of"):
        sd.draw(SCENE, settings={**FAST, "grounding": "regional"})


# -- grounding: GLIGEN boxes --------------------------------------------------------------
def test_gligen_gets_one_phrase_and_box_per_instance(
    gligen: DiffusersEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert type(gligen.pipeline).__name__ == "StableDiffusionGLIGENPipeline"
    spy = CallSpy(monkeypatch, gligen.pipeline)
    result = gligen.draw(SCENE, seed=2, settings={**FAST, "gligen_beta": 0.5})
    (call,) = spy.calls
    assert call["gligen_phrases"] == ["a red apple", "a red apple", "a blue bowl"]
    boxes = {(b.entity, b.index): list(b.box) for b in SCENE.layout}
    expected = [boxes[("e1", 0)], boxes[("e1", 1)], boxes[("e2", 0)]]
    assert np.allclose(call["gligen_boxes"], expected)
    assert call["gligen_scheduled_sampling_beta"] == 0.5
    assert result.metadata["grounding"] == "boxes"
    assert result.image.size == (SIZE, SIZE)


def test_gligen_boxes_change_the_picture(gligen: DiffusersEngine) -> None:
    moved = SCENE.copy()
    moved.layout = [type(b)(b.entity, b.index, (0.0, 0.0, 0.3, 0.3)) for b in SCENE.layout]
    boxed = {"steps": 4, "gligen_beta": 1.0}  # every step uses the boxes
    a = gligen.draw(SCENE, seed=3, settings=boxed).image
    b = gligen.draw(moved, seed=3, settings=boxed).image
    assert not np.array_equal(pixels(a), pixels(b))


def test_gligen_model_also_edits_and_draws_without_boxes(gligen: DiffusersEngine) -> None:
    picture = gligen.draw(SCENE, seed=1, settings=FAST).image
    mask = np.zeros((SIZE, SIZE), bool)
    mask[10:40, 20:50] = True
    edit = gligen.draw(SCENE, image=picture, mask=mask, settings=FAST)
    assert np.array_equal(pixels(edit.image)[~mask], pixels(picture)[~mask])
    varied = gligen.draw(SCENE, image=picture, settings={"steps": 4, "strength": 0.5})
    assert varied.metadata["pipeline"] == "StableDiffusionImg2ImgPipeline"
    plain = gligen.draw(SCENE, settings={**FAST, "grounding": "none"})
    assert plain.metadata["pipeline"] == "StableDiffusionPipeline"


def test_gligen_inputs_clip_boxes_and_keep_the_largest_thirty() -> None:
    scene = SceneGraph.from_dict(
        {
            "entities": [{"id": "e1", "name": "star", "count": 40}],
            "layout": [
                {"entity": "e1", "index": i, "box": [-0.2, 0.0, 0.01 * (i + 1), 1.2]}
                for i in range(40)
            ],
        }
    )
    phrases, boxes = gligen_inputs(scene)
    assert len(phrases) == len(boxes) == 30
    assert min(b[2] for b in boxes) == pytest.approx(0.11)  # the 10 smallest were dropped
    assert all(b[0] == 0.0 and b[3] == 1.0 for b in boxes)


# -- previews, progress, Stop ---------------------------------------------------------------
def test_preview_maps_latent_channels_to_colours() -> None:
    red = np.linalg.lstsq(SD15_FACTORS.T, np.array([0.9, -0.9, -0.9]), rcond=None)[0]
    latents = np.broadcast_to(red[:, None, None], (4, 8, 8)).astype(np.float32)
    preview = latents_to_preview(latents, "sd")
    assert preview.size == (64, 64)
    r, g, b = pixels(preview)[32, 32].astype(int)
    assert r > 200
    assert g < 60
    assert b < 60
    assert latents_to_preview(np.zeros((16, 8, 8)), "sd") is None  # SD3/FLUX: no preview
    assert latents_to_preview(latents, None) is None


def test_previews_arrive_each_step_and_keep_pixels_outside_the_mask(
    sd: DiffusersEngine,
) -> None:
    picture = sd.draw(SCENE, seed=1, settings={**FAST, "grounding": "none"}).image
    mask = np.zeros((SIZE, SIZE), bool)
    mask[:, 32:] = True
    seen: list[tuple[int, int, Any]] = []
    sd.draw(SCENE, image=picture, mask=mask, settings={"steps": 4},
            on_progress=lambda *a: seen.append(a))  # fmt: skip
    assert [s for s, _, _ in seen] == [1, 2, 3]  # strength 0.75 of 4 steps
    for _, _, preview in seen:
        assert preview.size == (SIZE, SIZE)
        assert np.array_equal(pixels(preview)[~mask], pixels(picture)[~mask])


def test_stop_hands_back_the_draft_of_the_step_reached(sd: DiffusersEngine) -> None:
    steps: list[int] = []
    with pytest.raises(Cancelled, match="stopped after step 2 of 5") as info:
        sd.draw(
            SCENE,
            settings={"steps": 5, "grounding": "none"},
            on_progress=lambda s, t, p: steps.append(s),
            should_stop=lambda: len(steps) >= 2,
        )
    assert steps == [1, 2]  # nothing ran after the stop
    draft = info.value.draft
    assert draft.image.size == (SIZE, SIZE)
    assert draft.metadata["stopped_at_step"] == 2
    assert draft.metadata["total_steps"] == 5


def test_stop_on_gligen_ends_the_run_and_decodes_a_draft(gligen: DiffusersEngine) -> None:
    steps: list[int] = []
    with pytest.raises(Cancelled, match="stopped after step 1 of 3") as info:
        gligen.draw(SCENE, settings={"steps": 3}, on_progress=lambda s, t, p: steps.append(s),
                    should_stop=lambda: True)  # fmt: skip
    assert steps == [1]
    assert info.value.draft.image.size == (SIZE, SIZE)


def test_conversation_keeps_a_stopped_run_as_a_draft_turn(sd_path: str) -> None:
    conv = Conversation("diffusers", sd_path)
    first = conv.send("two red apples left of a blue bowl", settings=FAST)
    mask = np.zeros((SIZE, SIZE), bool)
    mask[8:40, 8:40] = True
    conv.mask = mask
    with pytest.raises(Cancelled, match="kept as draft turn t2") as info:
        conv.send("a cat", settings={"steps": 4}, should_stop=lambda: True)
    draft = info.value.turn
    assert [t.mode for t in conv.history] == ["text2img", "draft"]
    assert draft.metadata["draft_of"] == "inpaint"
    assert draft.metadata["stopped_at_step"] == 1
    assert conv.image is draft.image
    assert np.array_equal(pixels(draft.image)[~mask], pixels(first.image)[~mask])
    assert conv.mask is not None  # the same edit can be sent again


def test_builtin_engine_stop_still_changes_nothing() -> None:
    conv = Conversation()
    conv.send("a red apple")
    with pytest.raises(Cancelled) as info:
        conv.send("two dogs", should_stop=lambda: True)
    assert info.value.turn is None
    assert len(conv.history) == 1


# -- reproducibility -------------------------------------------------------------------------
def test_turn_records_everything_that_decides_the_pixels(sd_path: str) -> None:
    turns = []
    for _ in range(2):
        conv = Conversation("diffusers", sd_path, seed=11)
        turns.append(conv.send("two red apples left of a blue bowl", settings=FAST))
    meta = turns[0].metadata
    for key in ("model", "model_revision", "scheduler", "scheduler_config", "steps",
                "guidance_scale", "width", "height", "seed", "grounding", "sketch_strength",
                "device", "dtype", "versions"):  # fmt: skip
        assert key in meta, key
    assert meta["seed"] == turns[0].seed == 11
    assert meta["versions"]["diffusers"] == diffusers.__version__
    assert np.array_equal(pixels(turns[0].image), pixels(turns[1].image))


def test_saved_pipeline_reloads_from_its_folder_with_the_same_pixels(
    sd: DiffusersEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sd.pipeline.save_pretrained(str(tmp_path / "saved"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    again = DiffusersEngine(str(tmp_path / "saved"))
    a = sd.draw(SCENE, seed=5, settings=FAST).image
    b = again.draw(SCENE, seed=5, settings=FAST).image
    assert np.array_equal(pixels(a), pixels(b))


# -- loading: downloads, offload ----------------------------------------------------------------
def test_download_progress_reaches_on_progress_with_a_label(
    sd_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = pytest.importorskip("huggingface_hub._snapshot_download")
    original_bar = snap.hf_tqdm
    original = diffusers.AutoPipelineForText2Image.from_pretrained

    def fake_download(*args: Any, **kwargs: Any) -> Any:
        bar = snap.hf_tqdm(total=3 * 2**20, unit="B", disable=True)  # as snapshot_download
        for _ in range(3):
            bar.update(2**20)
        bar.close()
        return original(*args, **kwargs)

    monkeypatch.setattr(diffusers.AutoPipelineForText2Image, "from_pretrained", fake_download)
    seen: list[tuple[Any, ...]] = []

    def on_progress(step: int, total: int, preview: Any, label: str = "drawing") -> None:
        seen.append((step, total, label))

    DiffusersEngine(sd_path).draw(SCENE, settings=FAST, on_progress=on_progress)
    downloads = [s for s in seen if s[2] == "downloading"]
    assert downloads == [(1, 3, "downloading"), (2, 3, "downloading"), (3, 3, "downloading")]
    assert seen[-1][2] == "drawing"
    assert seen[-1][0] == seen[-1][1]
    assert snap.hf_tqdm is original_bar  # the hook is removed after loading


def test_download_hook_tolerates_a_callback_without_label() -> None:
    snap = pytest.importorskip("huggingface_hub._snapshot_download")
    seen: list[tuple[Any, ...]] = []
    with download_progress(lambda *a: seen.append(a)):
        snap.hf_tqdm(total=2**20, unit="B", disable=True).update(2**20)
    assert seen == [(1, 1, None)]


def test_offload_needs_a_gpu_and_calls_diffusers_offload() -> None:
    with pytest.raises(InputError, match="leave offload off, or use a CUDA GPU"):
        DiffusersEngine("org/any", device="cpu", offload=True).load()
    with pytest.raises(InputError, match="offload must be True, False or 'sequential'"):
        DiffusersEngine("org/any", offload="yes")

    class FakePipe:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str]] = []

        def enable_model_cpu_offload(self, device: str) -> None:
            self.calls.append(("model", device))

        def enable_sequential_cpu_offload(self, device: str) -> None:
            self.calls.append(("sequential", device))

    pipe = FakePipe()
    place(pipe, "cuda", True)
    place(pipe, "cuda:1", "sequential")
    assert pipe.calls == [("model", "cuda"), ("sequential", "cuda:1")]


def test_missing_extra_error_from_a_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "diffusers", None)
    conv = Conversation("diffusers", "org/any")
    with pytest.raises(Exception, match=r"pip install 'jupyter-imagechat\[diffusers\]'"):
        conv.send("a red apple")
    assert len(conv.history) == 0
