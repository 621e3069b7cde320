"""Ground a diffusion run in the plan: the scene graph, not only the prompt text.

A new picture (text-to-image) from :class:`~.engine.DiffusersEngine` follows the plan's
layout by one of these paths, picked by the ``grounding`` setting (default ``"auto"``):

``"boxes"`` - GLIGEN box conditioning
    For GLIGEN checkpoints (``StableDiffusionGLIGENPipeline``, e.g.
    ``masterful/gligen-1-4-generation-text-box``; any pipeline whose UNet was built
    with ``attention_type="gated"``). Each laid-out instance becomes a phrase
    ("a red apple") and its normalised box ``[x0, y0, x1, y1]`` from
    ``scene.layout`` (clipped to the picture, at most 30, GLIGEN's limit). The
    ``gligen_beta`` setting (default 0.3) is the fraction of steps that use the boxes.
``"sketch"`` - layout sketch to picture
    For every other model (SD 1.x/2.x, SDXL, SD-Turbo, SD3, FLUX... any model with
    an image-to-image pipeline). The built-in engine draws the plan (emoji artwork
    at the layout's boxes, the background, the colours; :func:`sketch_image`) and
    that drawing is the init image of an image-to-image run. ``sketch_strength``
    (default 0.85) says how far the model may move from the sketch: 1.0 ignores it,
    0.5 keeps its shapes and colours closely.
``"none"``
    Text only: the prompt written by
    :func:`~jupyter_imagechat.engines.prompting.scene_to_prompt`.

``"auto"`` picks ``"boxes"`` for GLIGEN models and ``"sketch"`` otherwise, and
``"none"`` for a scene with nothing laid out. Edits (img2img and inpainting)
start from the current picture, which already holds the layout, so they take
none of these. Regional prompts (attention masks per box) are not implemented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import InputError
from ..builtin import sketch
from ..prompting import entity_phrase
from .settings import number

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import Entity, SceneGraph

__all__ = [
    "GROUNDINGS",
    "MAX_BOXES",
    "add_grounding",
    "gligen_inputs",
    "is_gligen",
    "resolve_grounding",
    "sketch_image",
]

GROUNDINGS = ("auto", "sketch", "boxes", "none")
"""Values of the ``grounding`` setting."""

MAX_BOXES = 30
"""GLIGEN conditions on at most 30 boxes; the rest are dropped (largest kept)."""

DEFAULT_SKETCH_STRENGTH = 0.85
DEFAULT_GLIGEN_BETA = 0.3


def is_gligen(pipe: Any) -> bool:
    """True for a pipeline that takes GLIGEN boxes (``gligen_boxes=``)."""
    if "GLIGEN" in type(pipe).__name__:
        return True
    config = getattr(getattr(pipe, "unet", None), "config", None)
    return getattr(config, "attention_type", None) == "gated"


def resolve_grounding(requested: Any, pipe: Any, scene: SceneGraph, mode: str) -> str:
    """Return the grounding path a run takes: ``"boxes"``, ``"sketch"`` or ``"none"``.

    Parameters
    ----------
    requested : str or None
        The ``grounding`` setting (one of :data:`GROUNDINGS`); ``None`` means ``"auto"``.
    pipe : diffusers pipeline
        The loaded text-to-image pipeline.
    scene : SceneGraph
        The laid-out plan.
    mode : str
        ``"text2img"``, ``"img2img"`` or ``"inpaint"``; edits are never grounded here.

    Raises
    ------
    InputError
        For an unknown value, or ``"boxes"`` on a model that is not a GLIGEN model.
    """
    value = "auto" if requested is None else requested
    if value not in GROUNDINGS:
        raise InputError(f"`grounding` must be one of {', '.join(GROUNDINGS)}, got {value!r}")
    gligen = is_gligen(pipe)
    if value == "boxes" and not gligen:
        raise InputError(
            f"grounding='boxes' needs a GLIGEN model, and {type(pipe).__name__} is not one: "
            "use grounding='sketch', or a GLIGEN checkpoint such as "
            "'masterful/gligen-1-4-generation-text-box'"
        )
    if mode != "text2img" or value == "none" or not scene.layout:
        return "none"
    if value == "auto":
        return "boxes" if gligen else "sketch"
    return value


def sketch_image(scene: SceneGraph, width: int, height: int, seed: int) -> Image.Image:
    """Draw ``scene`` with the built-in engine at ``width`` x ``height``: the init image."""
    return sketch(scene, width, height, seed=seed)


def _instance_phrase(entity: Entity) -> str:
    single = type(entity)(entity.id, entity.name, 1, dict(entity.attributes))
    return entity_phrase(single)


def gligen_inputs(scene: SceneGraph) -> tuple[list[str], list[list[float]]]:
    """Return GLIGEN's ``(phrases, boxes)``: one per laid-out instance of ``scene``.

    Each phrase names one instance with its attributes ("a red apple"); each box is
    ``[x0, y0, x1, y1]`` normalised to 0..1 (clipped to the picture). Boxes that fall
    outside the picture are skipped; beyond :data:`MAX_BOXES` the largest are kept.
    """
    by_id = {e.id: e for e in scene.entities}
    pairs: list[tuple[str, list[float]]] = []
    for placed in scene.layout:
        entity = by_id.get(placed.entity)
        if entity is None:
            continue
        x0, y0, x1, y1 = (min(1.0, max(0.0, float(v))) for v in placed.box)
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            continue
        pairs.append((_instance_phrase(entity), [x0, y0, x1, y1]))
    if len(pairs) > MAX_BOXES:
        area = sorted(pairs, key=lambda p: (p[1][2] - p[1][0]) * (p[1][3] - p[1][1]))
        keep = {id(p) for p in area[-MAX_BOXES:]}
        pairs = [p for p in pairs if id(p) in keep]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def add_grounding(
    call: dict[str, Any],
    grounding: str,
    scene: SceneGraph,
    settings: dict[str, Any],
    where: tuple[int, int, int],
) -> dict[str, Any]:
    """Add the plan's grounding to a pipeline ``call``; return what to record of it.

    ``where`` is ``(width, height, seed)`` of the new picture; ``call["strength"]``
    must already hold the sketch strength for ``"sketch"``.
    """
    if grounding == "sketch":
        width, height, seed = where
        call["image"] = sketch_image(scene, width, height, seed)
        return {"grounding": "sketch", "sketch_strength": call["strength"]}
    if grounding == "boxes":
        phrases, boxes = gligen_inputs(scene)
        beta = number(settings, "gligen_beta", 0.0, 1.0)
        beta = DEFAULT_GLIGEN_BETA if beta is None else beta
        call.update(gligen_phrases=phrases, gligen_boxes=boxes, gligen_scheduled_sampling_beta=beta)
        return {
            "grounding": "boxes",
            "gligen_phrases": phrases,
            "gligen_boxes": boxes,
            "gligen_beta": beta,
        }
    return {"grounding": "none"}
