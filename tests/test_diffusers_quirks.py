"""The quirks of each model family, handled: guidance and negative prompts, distilled
models' defaults, SDXL's float16 VAE, libraries that print, a GLIGEN that is gone.

Tiny random pipelines built offline (``tiny_pipelines``); what is checked is what
reaches the pipeline and what the user sees (the turn's notes, nothing printed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
diffusers = pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipelines import SIZE, build  # noqa: E402
from tiny_pipelines.probes import CallSpy  # noqa: E402

from jupyter_imagechat import Conversation  # noqa: E402
from jupyter_imagechat.engines.diffusers.calls import plan_run, size_multiple  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.engines.diffusers.families import Profile, profile_of  # noqa: E402
from jupyter_imagechat.engines.diffusers.previews import (  # noqa: E402
    SDXL_FACTORS,
    latents_to_preview,
    unpack_flux,
)
from jupyter_imagechat.engines.diffusers.settings import sizes  # noqa: E402
from jupyter_imagechat.engines.diffusers.steps import StepHook  # noqa: E402
from jupyter_imagechat.errors import EngineError, InputError  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FAST = {"steps": 2, "width": SIZE, "height": SIZE}
SCENE = arrange(
    SceneGraph.from_dict(
        {
            "entities": [{"id": "e1", "name": "apple", "count": 2, "attributes": {"color": "red"}}],
            "exclude": [{"name": "banana"}],
        }
    )
)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def flux(models: Path) -> str:
    return build("flux", models / "tiny-flux")


def defaults(folder: str, mode: str = "text2img", **settings: Any) -> tuple[int, float]:
    """The steps and guidance a run of ``folder``'s model takes when the settings name none."""
    engine = DiffusersEngine(folder)
    picture = None if mode == "text2img" else engine.draw(SCENE, settings=FAST).image
    run = plan_run(
        SCENE,
        mode,
        picture,
        None,
        settings,
        profile=engine.pipelines.profile,
        base=engine.pipeline,
        grounding="none",
        seed=0,
    )
    return run.steps, run.guidance


# -- guidance and negative prompts -------------------------------------------------------
def test_flux_has_no_negative_prompt_unless_true_cfg_and_says_so(
    flux: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv = Conversation("diffusers", flux, size=SIZE)
    spy = CallSpy(monkeypatch, conv.engine.pipeline)
    turn = conv.send("two apples and no bananas", settings={"steps": 2, "grounding": "none"})
    (call,) = spy.calls
    assert "negative_prompt" not in call
    assert call["guidance_scale"] == 3.5  # FLUX's distilled guidance, not CFG
    assert any("Not kept out by the model: banana" in note for note in turn.notes)
    assert turn.metadata["negative_prompt"] == ""

    turn = conv.send(
        "two apples and no bananas",
        settings={"steps": 2, "grounding": "none", "true_cfg_scale": 2.0},
    )
    call = spy.calls[-1]
    assert (call["negative_prompt"], call["true_cfg_scale"]) == ("banana", 2.0)
    assert not any("banana" in note for note in turn.notes)


def test_sd3_uses_its_negative_prompt_with_guidance(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = DiffusersEngine(build("sd3-no-t5", models / "tiny-sd3-no-t5"))
    spy = CallSpy(monkeypatch, engine.pipeline)
    meta = engine.draw(SCENE, settings={**FAST, "grounding": "none"}).metadata
    assert (spy.calls[0]["negative_prompt"], spy.calls[0]["guidance_scale"]) == ("banana", 7.0)
    assert "notes" not in meta
    meta = engine.draw(
        SCENE, settings={**FAST, "grounding": "none", "guidance_scale": 1.0}
    ).metadata
    assert "negative_prompt" not in spy.calls[1]
    assert meta["notes"] == [
        "Not kept out by the model: banana (guidance_scale 1 runs without a negative prompt)."
    ]
    with pytest.raises(InputError, match="`true_cfg_scale` is a FLUX setting"):
        engine.draw(SCENE, settings={**FAST, "true_cfg_scale": 2.0})


def test_each_family_has_its_own_defaults(models: Path) -> None:
    assert defaults(build("sd1", models / "sd1")) == (25, 7.5)
    assert defaults(build("sdxl", models / "sdxl")) == (25, 5.0)
    assert defaults(build("sd3-no-t5", models / "sd3")) == (28, 7.0)
    assert defaults(build("flux", models / "flux")) == (28, 3.5)


def test_distilled_models_take_few_steps_without_guidance(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # from the model's own config: a FLUX transformer without a guidance embedding
    schnell = build("flux-schnell", models / "tiny-flux-distilled")
    engine = DiffusersEngine(schnell)
    assert engine.pipelines.profile.distilled == (
        "the transformer has no guidance embedding (as FLUX.1-schnell)"
    )
    assert defaults(schnell) == (4, 0.0)
    assert defaults(schnell, "img2img", strength=0.5) == (8, 0.0)  # 4 steps after strength
    spy = CallSpy(monkeypatch, engine.pipeline)
    engine.draw(SCENE, settings={**FAST, "grounding": "none"})
    assert spy.calls[0]["max_sequence_length"] == 256  # schnell's T5 limit
    # from the model's id: SD-Turbo, SDXL-Turbo
    turbo = build("sdxl", models / "tiny-sdxl-turbo")
    assert DiffusersEngine(turbo).pipelines.profile.distilled == "'turbo' in the model id"
    assert defaults(turbo) == (1, 0.0)
    assert defaults(turbo, "img2img", strength=0.5) == (2, 0.0)


def test_a_few_step_scheduler_makes_a_model_distilled(models: Path) -> None:
    from diffusers import LCMScheduler

    engine = DiffusersEngine(build("sd1", models / "tiny-sd-few-steps"))
    pipe = engine.pipeline
    assert profile_of(pipe, engine.model).distilled is None
    pipe.scheduler = LCMScheduler.from_config(pipe.scheduler.config)
    profile = profile_of(pipe, engine.model)
    assert profile.distilled == "its scheduler is LCMScheduler"
    assert (profile.steps, profile.guidance) == (4, 0.0)
    # the scheduler= option swaps it in before the engine reads the model's defaults
    chosen = DiffusersEngine(engine.model, scheduler="LCMScheduler")
    assert chosen.pipelines.profile.distilled == "its scheduler is LCMScheduler"
    assert type(chosen.pipeline.scheduler) is LCMScheduler


def test_a_v_prediction_model_keeps_it_for_edits(models: Path) -> None:
    engine = DiffusersEngine(build("sd2", models / "tiny-sd2"))
    picture = engine.draw(SCENE, settings=FAST).image
    meta = engine.draw(SCENE, image=picture, settings={"steps": 2}).metadata
    assert meta["prediction_type"] == "v_prediction"
    assert meta["scheduler_config"]["prediction_type"] == "v_prediction"
    assert engine.pipeline_for("img2img").scheduler.config.prediction_type == "v_prediction"


# -- sizes and previews --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("saved_as", "expected"),
    [
        ("FluxPipeline", "bfloat16"),
        ("StableDiffusion3Pipeline", "bfloat16"),
        ("StableDiffusionXLPipeline", "float16"),
        ("", "float16"),
    ],
)
def test_a_folder_of_any_name_gets_its_family_s_dtype_on_a_gpu(
    saved_as: str, expected: str
) -> None:
    from types import SimpleNamespace

    from jupyter_imagechat.engines.diffusers.loading import default_dtype

    gpu = SimpleNamespace(cuda=SimpleNamespace(is_bf16_supported=lambda: True))
    # FLUX overflows in float16 (black pictures): the folder's model_index.json says FLUX
    assert default_dtype("/models/my-model", "cuda", gpu, saved_as) == expected
    assert default_dtype("/models/my-model", "cpu", gpu, saved_as) == "float32"


@pytest.mark.parametrize("family", ["sd1", "flux"])
def test_a_new_picture_takes_the_size_the_model_s_own_pipeline_draws(
    models: Path, family: str
) -> None:
    """No width or height: the model's native size, as its diffusers pipeline picks it
    (a UNet's ``sample_size``; FLUX's ``default_sample_size``: 1024 px for the real ones)."""
    engine = DiffusersEngine(build(family, models / f"native-{family}"))
    with torch.inference_mode():
        own = engine.pipeline("an apple", num_inference_steps=1, guidance_scale=0.0).images[0]
    drawn = engine.draw(SCENE, settings={"steps": 1, "grounding": "none"})
    assert drawn.image.size == own.size
    assert (drawn.metadata["width"], drawn.metadata["height"]) == own.size


def test_sd3_and_flux_sizes_are_multiples_of_16() -> None:
    class Config:
        patch_size = 2

    class Pipe:
        vae_scale_factor = 8
        transformer = type("T", (), {"config": Config()})()

    assert size_multiple(Pipe(), Profile("sd3")) == 16
    assert size_multiple(Pipe(), Profile("flux")) == 16
    assert size_multiple(Pipe(), Profile("sdxl")) == 8
    with pytest.raises(InputError, match="divisible by 16 but are 1024 and 1000"):
        sizes("text2img", None, {"width": 1000, "height": 1024}, 1024, 16)
    from PIL import Image

    odd = Image.new("RGB", (1000, 600))
    assert sizes("img2img", odd, {}, 1024, 16) == (1000, 600, (992, 592))


def test_sdxl_previews_use_sdxl_factors() -> None:
    red = np.linalg.lstsq(
        SDXL_FACTORS.T, np.array([0.8, -0.8, -0.8]) - [0.1084, -0.0175, -0.0011], rcond=None
    )[0]
    latents = np.broadcast_to(red[:, None, None], (4, 8, 8)).astype(np.float32)
    r, g, b = np.asarray(latents_to_preview(latents, "sdxl"))[4, 4].astype(int)
    assert r > 200
    assert g < 40
    assert b < 40
    r, g, b = np.asarray(latents_to_preview(latents, "sd"))[4, 4].astype(int)
    assert not (r > 200 and g < 40 and b < 40), "SD 1.x factors read SDXL latents wrongly"


def test_flux_previews_unpack_the_packed_latents() -> None:
    from diffusers import FluxPipeline

    latents = torch.arange(16 * 6 * 4, dtype=torch.float32).reshape(1, 16, 6, 4)
    packed = FluxPipeline._pack_latents(latents, 1, 16, 6, 4)
    assert np.array_equal(unpack_flux(packed[0].numpy(), (6, 4)), latents[0].numpy())
    assert latents_to_preview(packed, "flux", (32, 48), grid=(6, 4)).size == (32, 48)
    assert latents_to_preview(packed, "flux") is None  # without its grid: no preview


# -- float16, printing, GLIGEN ---------------------------------------------------------------
def test_sdxl_float16_vae_decodes_in_float32_and_stays_float16(
    models: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = DiffusersEngine(build("sdxl", models / "tiny-sdxl"), dtype="float16", device="cpu")
    engine.load()
    vae = engine.pipeline.vae
    decoded: list[Any] = []
    original = type(vae).decode

    def decode(this: Any, latents: Any, *args: Any, **kwargs: Any) -> Any:
        decoded.append(next(this.parameters()).dtype)
        return original(this, latents, *args, **kwargs)

    monkeypatch.setattr(type(vae), "decode", decode)
    result = engine.draw(SCENE, settings={**FAST, "grounding": "none"})
    assert decoded == [torch.float32]  # upcast for the decode, as diffusers does
    assert vae.dtype == torch.float16
    assert result.metadata["dtype"] == "float16"
    assert np.asarray(result.image).std() > 0  # not a black (overflowed) picture
    assert capfd.readouterr() == ("", "")
    # the draft kept after a Stop (pipelines without `interrupt`) decodes the same way
    hook = StepHook(engine.pipeline, 2, (SIZE, SIZE), None, None, preview="sdxl")
    hook.latents = torch.randn(1, 4, SIZE // 2, SIZE // 2, dtype=torch.float16)
    draft = hook.decode_draft()
    assert decoded[-1] == torch.float32
    assert vae.dtype == torch.float16
    assert draft is not None
    assert draft.size == (SIZE, SIZE)


def test_a_session_prints_nothing_from_a_cold_start(models: Path) -> None:
    """A fresh kernel: importing the libraries, loading, three turns of SDXL in float16 and
    a GLIGEN model (deprecated in diffusers): every warning goes to the log."""
    sdxl = build("sdxl", models / "cold-sdxl")
    gligen = build("gligen", models / "cold-gligen")
    code = f"""
import numpy as np
from jupyter_imagechat import Conversation
conv = Conversation("diffusers", {sdxl!r}, dtype="float16", device="cpu", size={SIZE})
conv.send("two red apples left of a blue bowl", settings={{"steps": 2}})
mask = np.zeros(({SIZE}, {SIZE}), bool)
mask[16:48, 32:] = True
conv.mask = mask
conv.send("make the bowl green", settings={{"steps": 2}})
conv.send("make the apples yellow", settings={{"steps": 2}})
Conversation("diffusers", {gligen!r}, size={SIZE}).send("a red apple", settings={{"steps": 2}})
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")


def test_a_gligen_checkpoint_without_gligen_in_diffusers_says_so(
    models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build("gligen", models / "tiny-gligen")
    monkeypatch.setattr(diffusers, "StableDiffusionGLIGENPipeline", None)
    with pytest.raises(EngineError) as info:
        DiffusersEngine(folder).load()
    message = str(info.value)
    assert "is a StableDiffusionGLIGENPipeline checkpoint" in message
    assert f"diffusers {diffusers.__version__} does not ship" in message
    assert "grounding='regions'" in message


def test_sd3_loads_without_its_t5_when_told(models: Path) -> None:
    folder = build("sd3", models / "tiny-sd3")
    conv = Conversation("diffusers", folder, size=SIZE, text_encoder_3=None, tokenizer_3=None)
    turn = conv.send("two red apples", settings={"steps": 2})
    assert conv.engine.pipeline.text_encoder_3 is None
    full = Conversation("diffusers", folder, size=SIZE).send(
        "two red apples", settings={"steps": 2}
    )
    assert not np.array_equal(np.asarray(turn.image), np.asarray(full.image))


def test_flux_regions_refuse_an_attention_backend_that_drops_masks(
    flux: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffusers.models import attention_dispatch

    registry = attention_dispatch._AttentionBackendRegistry
    active = registry.get_active_backend()[0]
    takes = set(registry._supported_arg_names[active]) - {"attn_mask"}
    monkeypatch.setitem(registry._supported_arg_names, active, takes)  # as flash attention
    engine = DiffusersEngine(flux)
    with pytest.raises(EngineError, match=r"regional prompts need attention masks.*'sketch'"):
        engine.draw(SCENE, settings={**FAST, "grounding": "regions"})
    assert engine.draw(SCENE, settings={**FAST, "grounding": "sketch"}).image.size == (SIZE, SIZE)
