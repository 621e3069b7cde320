"""One draw as one pipeline call: which pipeline, at what size, with which arguments.

:func:`plan_run` decides what a draw does (the pipeline's mode, grounding, steps,
guidance, strength, size, the picture and mask it starts from) from the request, the
settings and the model's :class:`~.families.Profile`; :func:`build_call` turns that
into the keyword arguments of the pipeline call, family by family:

- the prompt as text, or as regional embeddings (:mod:`.regions`);
- the negative prompt only where the run uses it (classifier-free guidance above 1;
  FLUX only with ``true_cfg_scale`` > 1), with a note for the chat otherwise;
- ``max_sequence_length=256`` for a distilled FLUX model (FLUX.1-schnell's limit);
- a 9-channel inpainting UNet draws everything through its inpainting pipeline: a new
  picture is an inpainting of a blank canvas, all masked, at strength 1.0.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import InputError
from .attention import RegionLayout
from .grounding import Grounding, gligen_call, resolve_grounding, sketch_image, sketch_strength
from .regions import encode_regions, plan_regions
from .settings import number, schedule, sizes

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import SceneGraph
    from .families import Profile

__all__ = ["Run", "accepts", "build_call", "default_size", "plan_run", "size_multiple"]

FLUX_DISTILLED_TOKENS = 256
"""T5 tokens of a distilled FLUX model's prompt (FLUX.1-schnell takes at most 256)."""


@dataclass
class Run:
    """What one draw does, decided before the pipeline runs (:func:`plan_run`)."""

    mode: str
    """The request's mode: ``"text2img"``, ``"img2img"`` or ``"inpaint"``."""
    pipe_mode: str
    """The pipeline it runs on (a mode of :class:`~.pipelines.DiffusersPipelines`)."""
    grounding: Grounding
    steps: int
    guidance: float
    strength: float | None
    """Passed to the pipeline; ``None`` for a text-to-image pipeline."""
    width: int
    height: int
    work: tuple[int, int]
    """The size the pipeline runs at (``width`` x ``height`` but for odd-sized edits)."""
    init: Image.Image | None = None
    """The picture the pipeline starts from: the one to edit, the sketch, a canvas."""
    mask: np.ndarray | None = None
    """True where the pipeline repaints (the user's mask, or all of a canvas)."""
    notes: list[str] = field(default_factory=list)


def accepts(pipe: Any, name: str) -> bool:
    """Whether ``pipe``'s ``__call__`` takes the keyword ``name``."""
    try:
        return name in inspect.signature(type(pipe).__call__).parameters
    except (TypeError, ValueError):
        return False


def default_size(pipe: Any) -> int:
    """The pipeline's native side in pixels (512 for SD 1.5, 1024 for SDXL and FLUX)."""
    sample: Any = getattr(pipe, "default_sample_size", None)
    if sample is None:
        model = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
        sample = getattr(getattr(model, "config", None), "sample_size", None) or 64
    return int(sample) * int(getattr(pipe, "vae_scale_factor", 8))


def size_multiple(pipe: Any, profile: Profile) -> int:
    """What width and height must be divisible by: 8, or 16 for SD3 and FLUX."""
    vae = int(getattr(pipe, "vae_scale_factor", 8))
    if profile.family == "sd3":
        vae *= int(getattr(pipe.transformer.config, "patch_size", 2))
    elif profile.family == "flux":
        vae *= 2  # latents are packed 2 x 2
    return max(8, vae)


def plan_run(
    scene: SceneGraph,
    mode: str,
    source: Image.Image | None,
    keep: np.ndarray | None,
    settings: dict[str, Any],
    *,
    profile: Profile,
    base: Any,
    grounding: str,
    seed: int,
) -> Run:
    """Decide what a draw does (and check the settings it reads) before the pipeline runs.

    ``base`` is the loaded text-to-image pipeline, ``grounding`` the engine's default.
    """
    sketch = sketch_strength(settings)
    paths = resolve_grounding(settings.get("grounding", grounding), profile, scene, mode, sketch)
    pipe_mode = "img2img" if paths.sketch else mode
    steps, guidance, strength = schedule(
        pipe_mode, settings, profile, sketch if paths.sketch else None
    )
    width, height, work = sizes(
        mode, source, settings, default_size(base), size_multiple(base, profile)
    )
    run = Run(mode, pipe_mode, paths, steps, guidance, strength, width, height, work)
    if paths.sketch:
        run.init = sketch_image(scene, width, height, seed)
    elif source is not None:
        run.init = source.resize(work) if work != source.size else source
    if keep is not None:
        run.mask = _resized(keep, work)
    if profile.inpainting_unet and run.pipe_mode != "inpaint":
        if run.init is None:  # a new picture: inpaint a blank canvas, all of it
            from PIL import Image

            run.init, run.strength = Image.new("RGB", work, (127, 127, 127)), 1.0
        run.mask = np.ones((work[1], work[0]), dtype=bool)
        run.pipe_mode = "inpaint"
    elif profile.family == "gligen" and run.pipe_mode == "text2img" and not paths.boxes:
        run.pipe_mode = "text2img-plain"
    if run.pipe_mode in ("text2img", "text2img-plain"):
        run.strength = None
    return run


def _resized(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    if (mask.shape[1], mask.shape[0]) == size:
        return mask
    from PIL import Image

    image = Image.fromarray(mask.astype(np.uint8) * 255, "L").resize(size)
    return np.asarray(image) >= 128


def classifier_free(profile: Profile, pipe: Any, guidance: float) -> bool:
    """Whether the run doubles its batch for classifier-free guidance."""
    if profile.family == "flux":
        return False
    config = getattr(getattr(pipe, "unet", None), "config", None)
    return guidance > 1 and getattr(config, "time_cond_proj_dim", None) is None


def _negative(
    profile: Profile, pipe: Any, run: Run, negative: str, settings: dict[str, Any]
) -> tuple[str, float | None]:
    """The negative prompt the run uses ("" for none) and FLUX's ``true_cfg_scale``."""
    true_cfg = number(settings, "true_cfg_scale", 1.0, 100.0)
    if true_cfg is not None and profile.family != "flux":
        raise InputError(
            f"`true_cfg_scale` is a FLUX setting and this is a {profile.label} model: "
            "use guidance_scale"
        )
    if not negative:
        return "", None
    if profile.family == "flux":
        if true_cfg is not None and true_cfg > 1:
            return negative, true_cfg
        why = "FLUX uses a negative prompt only with true_cfg_scale above 1"
    elif not accepts(pipe, "negative_prompt"):
        why = f"{type(pipe).__name__} takes no negative prompt"
    elif not classifier_free(profile, pipe, run.guidance):
        why = f"guidance_scale {run.guidance:g} runs without a negative prompt"
    else:
        return negative, None
    run.notes.append(f"Not kept out by the model: {negative} ({why}).")
    return "", None


def build_call(
    pipe: Any,
    profile: Profile,
    run: Run,
    scene: SceneGraph,
    text: tuple[str, str],
    settings: dict[str, Any],
    generator: Any,
) -> tuple[dict[str, Any], dict[str, Any], RegionLayout | None]:
    """Return the pipeline's keyword arguments, what the turn records of them, and the
    :class:`~.attention.RegionLayout` of a regional run (``None`` otherwise).

    ``text`` is ``(prompt, negative_prompt)``; ``generator`` the seeded torch generator.
    Must run under ``torch.inference_mode()`` (a regional run encodes its prompts here).
    """
    prompt, negative = text
    negative, true_cfg = _negative(profile, pipe, run, negative, settings)
    call: dict[str, Any] = {
        "num_inference_steps": run.steps,
        "guidance_scale": run.guidance,
        "generator": generator,
        "output_type": "pil",
    }
    record: dict[str, Any] = {"grounding": run.grounding.name, "negative_prompt": negative}
    tokens = FLUX_DISTILLED_TOKENS if profile.family == "flux" and profile.distilled else None
    layout = None
    if run.grounding.regions:
        regions = plan_regions(scene)
        cfg = classifier_free(profile, pipe, run.guidance)
        encoded = encode_regions(
            pipe,
            profile.family,
            prompt,
            negative if cfg else None,
            regions,
            cfg=cfg,
            device=pipe._execution_device,
            max_sequence_length=tokens,
        )
        call.update(encoded.kwargs)
        vae = int(getattr(pipe, "vae_scale_factor", 8))
        grid = (run.work[1] // vae, run.work[0] // vae)
        layout = RegionLayout(encoded.blocks, regions, grid, cfg)
        record["regions"] = [r.to_dict() for r in regions]
    else:
        call["prompt"] = prompt
        if negative and true_cfg is None:
            call["negative_prompt"] = negative
        if tokens is not None:
            call["max_sequence_length"] = tokens
    if true_cfg is not None:
        call.update(negative_prompt=negative, true_cfg_scale=true_cfg)
        record["true_cfg_scale"] = true_cfg
    if run.strength is not None:
        call["strength"] = run.strength
    if run.init is not None:
        call["image"] = run.init
    if run.mask is not None:
        from PIL import Image

        call["mask_image"] = Image.fromarray(run.mask.astype(np.uint8) * 255, "L")
    if accepts(pipe, "width"):
        call.update(width=run.work[0], height=run.work[1])
    if run.grounding.sketch:
        record["sketch_strength"] = run.strength
    if run.grounding.boxes:
        boxes = gligen_call(scene, settings)
        call.update(boxes)
        record.update(
            gligen_phrases=boxes["gligen_phrases"],
            gligen_boxes=boxes["gligen_boxes"],
            gligen_beta=boxes["gligen_scheduled_sampling_beta"],
        )
    return call, record, layout
