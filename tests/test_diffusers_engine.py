"""The diffusers engine, on a tiny random Stable Diffusion pipeline built offline.

The pictures are noise; what is checked is what a user relies on: loading from a
folder or the hub cache offline, the three modes, seeds, progress, cancel, masks
that never touch a pixel outside them, and errors that name the fix.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
diffusers = pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from PIL import Image  # noqa: E402
from tiny_pipeline import build_tiny_pipeline  # noqa: E402 (tests/ is on sys.path)
from tiny_pipelines.probes import CallSpy  # noqa: E402

from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.errors import Cancelled, EngineError, InputError  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

pytestmark = pytest.mark.filterwarnings(
    # huggingface_hub's own deprecation notice when diffusers reads the hub cache
    "ignore:The `local_dir_use_symlinks` argument is deprecated:UserWarning"
)
ROOT = Path(__file__).resolve().parents[1]
if torch.cuda.is_available():
    DEVICE = ("cuda", "float16")
elif torch.backends.mps.is_available():
    DEVICE = ("mps", "float16")
else:
    DEVICE = ("cpu", "float32")
"""The device and dtype the engine picks by itself on this machine."""
FAST = {"steps": 2}
SCENE = SceneGraph.from_dict(
    {
        "entities": [
            {"id": "e1", "name": "apple", "count": 3, "attributes": {"color": "red"}},
            {"id": "e2", "name": "bowl", "attributes": {"color": "blue"}},
        ],
        "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
        "exclude": [{"name": "banana"}],
    }
)


@pytest.fixture(scope="session")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-sd")


@pytest.fixture(scope="session")
def tiny_inpaint_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-inpaint", inpainting=True)


@pytest.fixture(scope="module")
def engine(tiny_path: str) -> DiffusersEngine:
    """One engine loaded offline from the tiny folder, shared by the module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        eng = DiffusersEngine(tiny_path)
        eng.load()
    return eng


@pytest.fixture(scope="module")
def picture(engine: DiffusersEngine) -> Image.Image:
    return engine.draw(SCENE, seed=1, settings=FAST).image


def square_mask(size: tuple[int, int] = (64, 64)) -> np.ndarray:
    mask = np.zeros((size[1], size[0]), dtype=bool)
    mask[size[1] // 4 : size[1] * 3 // 4, size[0] // 4 : size[0] * 3 // 4] = True
    return mask


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


# -- loading ------------------------------------------------------------------
def test_loads_local_folder_offline(engine: DiffusersEngine, tiny_path: str) -> None:
    assert engine.loaded
    assert engine.model == tiny_path
    assert engine.model_revision is None  # a local folder has no hub commit
    assert (engine.device, engine.dtype) == DEVICE


def test_constructing_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine\n"
        "DiffusersEngine('x', dtype='fp16')\n"
        "heavy = [m for m in ('torch', 'diffusers', 'transformers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_hub_id_from_cache_offline_records_commit(
    tiny_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "models--org--tiny-sd"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    shutil.copytree(tiny_path, repo / "snapshots" / commit)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    eng = DiffusersEngine("org/tiny-sd", cache_dir=str(tmp_path))
    result = eng.draw(SCENE, settings=FAST)
    assert eng.model == "org/tiny-sd"
    assert eng.model_revision == f"org/tiny-sd@{commit}"
    assert result.metadata["model_revision"] == f"org/tiny-sd@{commit}"


def test_missing_local_folder_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-model")
    with pytest.raises(EngineError, match=r"no model .*no-such-model.* check the id or path"):
        DiffusersEngine(missing).load()


def test_uncached_hub_id_offline_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EngineError, match="not in the local cache and HF_HUB_OFFLINE") as info:
        DiffusersEngine("org/not-cached", cache_dir=str(tmp_path)).load()
    assert info.value.__cause__ is not None  # the original error stays chained


class GatedRepoError(Exception):
    """Stands in for huggingface_hub's error of the same name."""


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (OSError("gated"), "needs a Hugging Face token: run `huggingface-cli login`"),
        (ConnectionError("no route"), "cannot be reached \\(no network\\)"),
    ],
)
def test_loading_errors_name_the_fix(
    raised: Exception,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if str(raised) == "gated":
        raised = OSError("cannot access repo")
        raised.__cause__ = GatedRepoError("401")

    def fail(*args: Any, **kwargs: Any) -> None:
        raise raised

    monkeypatch.setattr(diffusers.AutoPipelineForText2Image, "from_pretrained", fail)
    caplog.set_level(logging.INFO, logger="jupyter_imagechat.engines.diffusers")
    with pytest.raises(EngineError, match=message) as info:
        DiffusersEngine("org/private-model").load()
    assert info.value.__cause__ is raised
    assert any(r.exc_info and r.exc_info[1] is raised for r in caplog.records)


def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "diffusers", None)  # makes `import diffusers` fail
    with pytest.raises(EngineError) as info:
        DiffusersEngine("org/any").load()
    message = str(info.value)
    assert "pip install 'jupyter-imagechat[diffusers]'" in message
    assert "missing: diffusers" in message


def test_bad_dtype_is_refused_up_front() -> None:
    with pytest.raises(InputError, match="unknown dtype 'int8'"):
        DiffusersEngine("org/any", dtype="int8")


# -- drawing ------------------------------------------------------------------
def test_text2img_returns_rgb_picture_and_metadata(engine: DiffusersEngine) -> None:
    result = engine.draw(SCENE, seed=0, settings=FAST)
    assert result.image.mode == "RGB"
    assert result.image.size == (64, 64)
    assert result.objects == []
    meta = result.metadata
    assert meta["mode"] == "text2img"
    assert meta["model"] == engine.model
    assert meta["scheduler"] == "DDIMScheduler"
    assert (meta["steps"], meta["guidance_scale"], meta["strength"]) == (2, 7.5, None)
    assert (meta["width"], meta["height"]) == (64, 64)
    assert (meta["device"], meta["dtype"]) == DEVICE
    assert meta["prompt"] == "three red apples to the left of a blue bowl"


def test_same_seed_same_pixels_other_seed_other_pixels(engine: DiffusersEngine) -> None:
    a = pixels(engine.draw(SCENE, seed=7, settings=FAST).image)
    b = pixels(engine.draw(SCENE, seed=7, settings=FAST).image)
    c = pixels(engine.draw(SCENE, seed=8, settings=FAST).image)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_img2img_varies_the_picture(engine: DiffusersEngine, picture: Image.Image) -> None:
    result = engine.draw(SCENE, image=picture, seed=3, settings={"steps": 4, "strength": 0.5})
    assert result.image.size == picture.size
    assert result.metadata["mode"] == "img2img"
    assert result.metadata["strength"] == 0.5
    assert not np.array_equal(pixels(result.image), pixels(picture))


def test_inpaint_keeps_every_pixel_outside_the_mask(
    engine: DiffusersEngine, picture: Image.Image
) -> None:
    mask = square_mask()
    result = engine.draw(SCENE, image=picture, mask=mask, seed=3, settings=FAST)
    before, after = pixels(picture), pixels(result.image)
    assert result.metadata["mode"] == "inpaint"
    assert np.array_equal(after[~mask], before[~mask])
    assert not np.array_equal(after[mask], before[mask])


def test_odd_sized_picture_is_edited_at_its_own_size(engine: DiffusersEngine) -> None:
    rng = np.random.default_rng(0)
    picture = Image.fromarray(rng.integers(0, 255, (60, 70, 3), dtype=np.uint8), "RGB")
    mask = square_mask((70, 60))
    result = engine.draw(SCENE, image=picture, mask=mask, settings=FAST)
    assert result.image.size == (70, 60)
    assert np.array_equal(pixels(result.image)[~mask], pixels(picture)[~mask])
    assert engine.draw(SCENE, image=picture, settings=FAST).image.size == (70, 60)


def test_one_load_serves_all_three_modes(
    tiny_path: str, picture: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    original = diffusers.AutoPipelineForText2Image.from_pretrained

    def counting(*args: Any, **kwargs: Any) -> Any:
        loads.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(diffusers.AutoPipelineForText2Image, "from_pretrained", counting)
    eng = DiffusersEngine(tiny_path)
    eng.draw(SCENE, settings=FAST)
    eng.draw(SCENE, image=picture, settings=FAST)
    eng.draw(SCENE, image=picture, mask=square_mask(), settings=FAST)
    assert len(loads) == 1
    base = eng.pipeline
    assert eng.pipeline_for("img2img").unet is base.unet
    assert eng.pipeline_for("inpaint").unet is base.unet
    assert eng.pipeline_for("inpaint").vae is base.vae


def test_inpaint_model_is_used_for_edits(
    tiny_path: str, tiny_inpaint_path: str, picture: Image.Image
) -> None:
    eng = DiffusersEngine(tiny_path, inpaint_model=tiny_inpaint_path)
    mask = square_mask()
    result = eng.draw(SCENE, image=picture, mask=mask, settings=FAST)
    assert eng.pipeline_for("inpaint").unet.config.in_channels == 9
    assert np.array_equal(pixels(result.image)[~mask], pixels(picture)[~mask])


def test_prompt_negative_prompt_image_and_mask_reach_the_pipeline(
    engine: DiffusersEngine, picture: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = CallSpy(monkeypatch, engine.pipeline_for("inpaint"))
    mask = square_mask()
    engine.draw(SCENE, image=picture, mask=mask, settings=FAST)
    (call,) = spy.calls
    assert call["prompt"] == "three red apples to the left of a blue bowl"
    assert call["negative_prompt"] == "banana"
    assert np.array_equal(pixels(call["image"]), pixels(picture))
    assert call["mask_image"].mode == "L"
    assert np.array_equal(np.asarray(call["mask_image"]) == 255, mask)

    spy = CallSpy(monkeypatch, engine.pipeline)
    engine.draw(SCENE, settings={**FAST, "negative_prompt": "blurry"})
    assert spy.calls[0]["negative_prompt"] == "blurry"


def test_turbo_models_default_to_few_steps_without_guidance(
    tiny_path: str, tmp_path: Path, picture: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    turbo = tmp_path / "tiny-sd-turbo"
    turbo.symlink_to(tiny_path, target_is_directory=True)
    eng = DiffusersEngine(str(turbo))
    meta = eng.draw(SCENE).metadata
    assert (meta["steps"], meta["guidance_scale"]) == (1, 0.0)
    meta = eng.draw(SCENE, image=picture, settings={"strength": 0.5}).metadata
    assert (meta["steps"], meta["strength"]) == (2, 0.5)


# -- progress and cancel --------------------------------------------------------
def test_progress_is_reported_once_per_step(engine: DiffusersEngine) -> None:
    seen: list[tuple[int, int, Any]] = []
    engine.draw(SCENE, settings={"steps": 3}, on_progress=lambda *a: seen.append(a))
    assert [(step, total) for step, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert all(p is not None and p.size == (64, 64) for _, _, p in seen)  # live previews


def test_a_model_without_a_preview_map_says_so_on_the_bar(
    tiny_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jupyter_imagechat.engines.diffusers.families import Profile
    from jupyter_imagechat.engines.diffusers.steps import NO_PREVIEW

    other = DiffusersEngine(tiny_path)
    other.load()
    monkeypatch.setattr(other.pipelines, "_profile", Profile("other"))  # a family we lack
    seen: list[tuple[int, int, Any, str]] = []

    def progress(step: int, total: int, preview: Any, label: str = "drawing") -> None:
        seen.append((step, total, preview, label))

    meta = other.draw(SCENE, settings={"steps": 2}, on_progress=progress).metadata
    assert meta["preview"] is None
    assert seen == [(1, 2, None, NO_PREVIEW), (2, 2, None, NO_PREVIEW)]
    labels: list[str] = []
    engine_with_map = DiffusersEngine(tiny_path)
    engine_with_map.draw(
        SCENE, settings={"steps": 1}, on_progress=lambda *a, label="drawing": labels.append(label)
    )
    assert labels == ["drawing"]  # a model with previews keeps the caller's own label


def test_should_stop_cancels_after_the_first_step(engine: DiffusersEngine) -> None:
    seen: list[tuple[int, int, Any]] = []
    with pytest.raises(Cancelled, match="stopped after step 1 of 3"):
        engine.draw(
            SCENE,
            settings={"steps": 3},
            on_progress=lambda *a: seen.append(a),
            should_stop=lambda: True,
        )
    assert [(step, total) for step, total, _ in seen] == [(1, 3)]


# -- input errors -------------------------------------------------------------
def test_mask_of_the_wrong_size_is_refused(engine: DiffusersEngine, picture: Image.Image) -> None:
    with pytest.raises(InputError, match="mask is 32x32 but the image is 64x64"):
        engine.draw(SCENE, image=picture, mask=square_mask((32, 32)))


def test_mask_without_its_picture_is_refused(engine: DiffusersEngine) -> None:
    # a mask alone never reaches the pipeline (no picture to resize or paste into)
    with pytest.raises(InputError, match="a mask needs the picture it belongs to: pass image="):
        engine.draw(SCENE, mask=square_mask((64, 64)))


def test_empty_mask_is_refused(engine: DiffusersEngine, picture: Image.Image) -> None:
    with pytest.raises(InputError, match="mask is empty"):
        engine.draw(SCENE, image=picture, mask=np.zeros((64, 64), bool))


def test_width_not_divisible_by_8_is_refused(engine: DiffusersEngine) -> None:
    with pytest.raises(InputError, match="divisible by 8 but are 64 and 100"):
        engine.draw(SCENE, settings={**FAST, "width": 100})


def test_too_few_steps_for_the_strength_is_refused(
    engine: DiffusersEngine, picture: Image.Image
) -> None:
    with pytest.raises(InputError, match="use steps=4 or more"):
        engine.draw(SCENE, image=picture, settings={"steps": 2, "strength": 0.25})


def test_out_of_memory_names_the_fix(
    engine: DiffusersEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def oom(*args: Any, **kwargs: Any) -> None:
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(type(engine.pipeline), "__call__", oom)
    gpu = "GPU " if DEVICE[0] != "cpu" else ""
    with pytest.raises(EngineError, match=f"not enough {gpu}memory: try a smaller size") as info:
        engine.draw(SCENE, settings=FAST)
    assert isinstance(info.value.__cause__, torch.OutOfMemoryError)


def test_inpaint_paste_back_is_feathered_inside_the_mask_only(
    engine: DiffusersEngine, picture: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jupyter_imagechat.engines.base import feather_weights, keep_outside_mask

    mask = square_mask()
    weights = feather_weights(mask, 4)
    assert weights[~mask].max() == 0.0
    assert weights[32, 32] == 1.0
    edge = weights[16, 20:40]  # the first masked row: a quarter of the way in
    assert np.allclose(edge, 0.25)
    white = Image.new("RGB", picture.size, (255, 255, 255))
    blended = pixels(keep_outside_mask(white, picture, mask, feather=4))
    assert np.array_equal(blended[~mask], pixels(picture)[~mask])
    assert np.array_equal(blended[weights == 1.0], pixels(white)[weights == 1.0])
    border = (weights > 0) & (weights < 1)
    assert (blended[border] != 255).any(), "the seam blends old and new"

    out = engine.draw(SCENE, image=picture, mask=mask, seed=2, settings=FAST).image
    assert np.array_equal(pixels(out)[~mask], pixels(picture)[~mask])
