"""Ground a diffusion run in the plan: the scene graph, not only the prompt text.

A new picture (text-to-image) from :class:`~.engine.DiffusersEngine` follows the plan's
layout by the paths the ``grounding`` setting picks (default ``"auto"``):

``"regions"`` - regional prompts, on the layout sketch
    For every family with a regional path (SD 1.x/2.x, SDXL, SD3, FLUX, GLIGEN
    models): the whole scene's prompt plus one prompt per laid-out entity ("a red
    apple"), each confined to its boxes by attention masks (:mod:`.regions`,
    :mod:`.attention`). It runs on the layout sketch as the ``"sketch"`` path does;
    ``sketch_strength=1.0`` leaves the sketch out (regional prompts alone, from noise).
``"sketch"`` - layout sketch to picture
    The built-in engine draws the plan (emoji artwork at the layout's boxes, the
    background, the colours; :func:`sketch_image`) and that drawing is the init image
    of an image-to-image run. ``sketch_strength`` (default 0.85) says how far the model
    may move from the sketch: 0.5 keeps its shapes and colours closely, 1.0 ignores it
    (then no sketch is drawn and the run is a plain text-to-image one).
``"boxes"`` - GLIGEN box conditioning
    For GLIGEN checkpoints only (``StableDiffusionGLIGENPipeline``, e.g.
    ``masterful/gligen-1-4-generation-text-box``; a UNet built with
    ``attention_type="gated"``). Each laid-out instance becomes a phrase and its box
    (at most 30, GLIGEN's limit); ``gligen_beta`` (default 0.3) is the fraction of steps
    that use them. diffusers 0.42 moved GLIGEN to ``pipelines/deprecated/``; a release
    without it cannot load these checkpoints, and says so (:mod:`.pipelines`).
``"none"``
    Text only: the prompt written by
    :func:`~jupyter_imagechat.engines.prompting.scene_to_prompt`.

``"auto"`` picks ``"boxes"`` for GLIGEN models, ``"regions"`` (on the sketch) for the
families that have a regional path, and ``"sketch"`` for any other model; ``"none"``
for a scene with nothing laid out. Edits (img2img and inpainting) start from the
current picture, which already holds the layout, and take none of these. The turn's
``metadata["grounding"]`` records what ran: ``"regions+sketch"``, ``"regions"``,
``"sketch"``, ``"boxes"`` or ``"none"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from ..builtin import sketch
from .options import GROUNDINGS
from .regions import instance_phrase
from .settings import number

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import SceneGraph
    from .families import Profile

__all__ = [
    "GROUNDINGS",
    "MAX_BOXES",
    "Grounding",
    "gligen_call",
    "gligen_inputs",
    "is_gligen",
    "resolve_grounding",
    "sketch_image",
    "sketch_strength",
]


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


@dataclass(frozen=True)
class Grounding:
    """The grounding paths one run takes (:func:`resolve_grounding`)."""

    regions: bool = False
    sketch: bool = False
    boxes: bool = False

    @property
    def name(self) -> str:
        """What the turn records: ``"regions+sketch"``, ``"regions"``, ``"sketch"``,
        ``"boxes"`` or ``"none"``."""
        parts = [
            n
            for n, on in (("regions", self.regions), ("sketch", self.sketch), ("boxes", self.boxes))
            if on
        ]
        return "+".join(parts) or "none"


def sketch_strength(settings: dict[str, Any]) -> float:
    """The ``sketch_strength`` setting, checked (default 0.85)."""
    value = number(settings, "sketch_strength", 0.0, 1.0)
    if value == 0.0:
        raise InputError("`sketch_strength` must be above 0 to change the sketch, got 0")
    return DEFAULT_SKETCH_STRENGTH if value is None else value


def resolve_grounding(
    requested: Any, profile: Profile, scene: SceneGraph, mode: str, strength: float
) -> Grounding:
    """Return the grounding paths of a run.

    Parameters
    ----------
    requested : str or None
        The ``grounding`` setting (one of :data:`GROUNDINGS`); ``None`` means ``"auto"``.
    profile : Profile
        The loaded model's family (:func:`~.families.profile_of`).
    scene : SceneGraph
        The laid-out plan.
    mode : str
        ``"text2img"``, ``"img2img"`` or ``"inpaint"``; edits are never grounded here.
    strength : float
        The sketch strength; 1.0 leaves the sketch out.

    Raises
    ------
    InputError
        For an unknown value, ``"boxes"`` on a model that is not a GLIGEN model, or
        ``"regions"`` on a family without a regional path.
    """
    value = "auto" if requested is None else requested
    if value not in GROUNDINGS:
        raise InputError(f"`grounding` must be one of {', '.join(GROUNDINGS)}, got {value!r}")
    gligen = profile.family == "gligen"
    if value == "boxes" and not gligen:
        raise InputError(
            f"grounding='boxes' needs a GLIGEN model, and this is a {profile.label} model: "
            "use grounding='regions' or 'sketch', or a GLIGEN checkpoint such as "
            "'masterful/gligen-1-4-generation-text-box'"
        )
    if value == "regions" and not profile.regional:
        raise InputError(
            "grounding='regions' needs a Stable Diffusion, SDXL, SD3 or FLUX model, and "
            f"this is a {profile.label} model: use grounding='sketch'"
        )
    if mode != "text2img" or value == "none" or not scene.layout:
        return Grounding()
    if value == "auto":
        value = "boxes" if gligen else "regions" if profile.regional else "sketch"
    if value == "boxes":
        return Grounding(boxes=True)
    return Grounding(regions=value == "regions", sketch=strength < 1.0)


def sketch_image(scene: SceneGraph, width: int, height: int, seed: int) -> Image.Image:
    """Draw ``scene`` with the built-in engine at ``width`` x ``height``: the init image."""
    return sketch(scene, width, height, seed=seed)


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
        pairs.append((instance_phrase(entity), [x0, y0, x1, y1]))
    if len(pairs) > MAX_BOXES:
        area = sorted(pairs, key=lambda p: (p[1][2] - p[1][0]) * (p[1][3] - p[1][1]))
        keep = {id(p) for p in area[-MAX_BOXES:]}
        pairs = [p for p in pairs if id(p) in keep]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def gligen_call(scene: SceneGraph, settings: dict[str, Any]) -> dict[str, Any]:
    """GLIGEN's call arguments for ``scene`` (phrases, boxes, beta)."""
    phrases, boxes = gligen_inputs(scene)
    beta = number(settings, "gligen_beta", 0.0, 1.0)
    beta = DEFAULT_GLIGEN_BETA if beta is None else beta
    return {
        "gligen_phrases": phrases,
        "gligen_boxes": boxes,
        "gligen_scheduled_sampling_beta": beta,
    }
