"""Step 3 of a turn, per kind of request: the plan to draw and what the engine starts from.

Each function takes a checked :class:`~.request.TurnRequest` and the current (head) turn and
returns a :class:`~.request.Planned`: the scene, the mode, the picture and mask the engine
starts from, the seed and the settings. Only :mod:`.pipeline` calls them, in its step 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..images import as_image
from ..planner import Reading
from ..scene import SceneGraph
from ..session.fields import KEPT_MODES, LOAD_MODE, OUTPAINT_MODE
from ..session.provenance import plan_from_png
from .inputs import MAX_SIZE
from .outpaint import extend_canvas, new_region, shift_scene
from .planflow import boxes_mask, fix_targets, mask_region, merge_new, relayout
from .request import Planned, TurnRequest

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ..session import Turn

__all__ = [
    "plan_fix",
    "plan_given",
    "plan_load",
    "plan_outpaint",
    "plan_prompt",
    "plan_redraw",
]


def plan_prompt(
    request: TurnRequest, reading: Reading, head: Turn | None, size: int | None
) -> Planned:
    """A prompt the planner read: a new picture, an edit, or things painted into a mask."""
    before = head.scene.copy() if head is not None and head.scene is not None else None
    scene, region = reading.scene, None
    if request.mask is not None:
        # What the prompt adds over a painted mask goes inside the mask, whether it is a
        # description ("a star") or an edit ("add a star"), on a drawn or a loaded picture;
        # kept things keep their boxes (only boxes still to place are put in the region).
        region = mask_region(request.mask)
        if not reading.edit and before is not None:
            scene = merge_new(before, scene)  # a description adds to what is there
    planned = _drawn(request, head, before, scene, edit=reading.edit, size=size, source="send")
    planned.notes = list(reading.notes)
    planned.region = region
    planned.edit = reading.edit
    planned.new = request.new
    return planned


def plan_given(request: TurnRequest, head: Turn | None, size: int | None) -> Planned:
    """A plan given as it is (the plan editor's, or one made by ``plan()``), checked in step 1."""
    assert isinstance(request.plan, SceneGraph)
    scene = request.plan
    before = head.scene.copy() if head is not None and head.scene is not None else None
    edit = bool(request.edit)
    planned = _drawn(request, head, before, scene, edit=edit, size=size, source="plan")
    planned.notes = list(request.notes)
    planned.edit = bool(request.edit)
    return planned


def plan_fix(request: TurnRequest, head: Turn | None) -> Planned:
    """What the checker found wrong, moved and redrawn inside its old and new boxes."""
    if head is None or head.scene is None or head.verdict is None or head.image is None:
        raise InputError("there is no checked picture to fix yet")
    targets, labels = fix_targets(head.scene, head.verdict)
    if not targets:
        raise InputError("nothing to fix: the picture keeps every constraint checked")
    seed = (head.seed + 1) % 2**32 if request.seed is None else request.seed
    moved, targets = relayout(head.scene, targets, seed)
    old = [b for b in head.scene.layout if b.entity in targets]
    new = [b for b in moved.layout if b.entity in targets]
    return Planned(
        source="fix",
        mode="inpaint",
        prompt="fix: " + "; ".join(labels),
        scene_before=head.scene.copy(),
        scene=moved,
        image=head.image,
        mask=boxes_mask(old + new, head.image.size),
        seed=seed,
        settings=dict(request.settings or {}),
        engine_settings=dict(request.settings or {}),
        notes=[f"redrew {', '.join(labels)}"],
        laid_out=True,
    )


def plan_outpaint(
    request: TurnRequest, reading: Reading | None, head: Turn | None, engine_name: str
) -> Planned:
    """The current picture on a bigger canvas; a prompt's things go into the new strip."""
    base = head.image if head is not None else None
    if base is None:
        raise InputError("outpainting extends the current picture: draw or load one first")
    margins = dict(request.margins or {})
    canvas, mask = extend_canvas(base, **margins)
    before = head.scene.copy() if head is not None and head.scene is not None else None
    scene = shift_scene(before or SceneGraph(), base.size, margins)
    if reading is not None:
        scene = merge_new(scene, reading.scene)
    settings: dict[str, Any] = {"strength": 1.0, **(request.settings or {})}
    settings["outpaint"] = dict(margins)
    return Planned(
        source="outpaint",
        mode=OUTPAINT_MODE,
        prompt=request.prompt,
        scene_before=before,
        scene=scene,
        image=canvas,
        mask=mask,
        seed=_seed(request),
        settings=settings,
        engine_settings=_outpaint_engine_settings(settings, engine_name),
        notes=list(reading.notes) if reading is not None else [],
        region=new_region(base.size, margins),
    )


def plan_load(request: TurnRequest, head: Turn | None, largest: int = MAX_SIZE) -> Planned:
    """A picture made current as it is (scaled down to ``largest`` a side, the hub's
    ``max_size`` or :data:`.inputs.MAX_SIZE`); a PNG this project wrote brings back its plan."""
    picture = as_image(request.image, min_size=16, fit=largest)  # bigger: scaled down
    return Planned(
        source="load",
        mode=LOAD_MODE,
        scene_before=head.scene.copy() if head is not None and head.scene is not None else None,
        scene=plan_from_png(request.image),
        image=picture,
        settings={"width": picture.width, "height": picture.height},
        laid_out=True,
    )


def plan_redraw(request: TurnRequest, head: Turn | None, engine_name: str) -> Planned:
    """A recorded turn drawn again from its plan, mode, seed, settings, mask and parent."""
    mode = str(request.mode)
    scene = request.plan if isinstance(request.plan, SceneGraph) else None
    settings = dict(request.settings or {})
    parent_image = head.image if head is not None else None
    planned = Planned(
        source="redraw",
        mode=mode,
        prompt=request.prompt,
        scene_before=head.scene if head is not None else None,
        scene=scene,
        seed=_seed(request),
        settings=settings,
        engine_settings=dict(settings),
        laid_out=True,
    )
    if mode in KEPT_MODES or scene is None:  # taken as recorded
        planned.mode = mode if mode in KEPT_MODES else LOAD_MODE
        planned.image = as_image(request.image, min_size=1, max_size=1 << 16)
        return planned
    if mode == "text2img":
        return planned
    if parent_image is None:
        raise InputError(f"{request.prompt!r} edits a picture, but its parent has none")
    if mode == OUTPAINT_MODE:
        planned.image, planned.mask = extend_canvas(parent_image, **settings["outpaint"])
        planned.engine_settings = _outpaint_engine_settings(settings, engine_name)
    else:
        planned.image = parent_image
        planned.mask = request.mask if mode == "inpaint" else None
    return planned


def _drawn(
    request: TurnRequest,
    head: Turn | None,
    before: SceneGraph | None,
    scene: SceneGraph,
    *,
    edit: bool,
    size: int | None,
    source: str,
) -> Planned:
    """The mode and starting picture of a drawn plan: inside the mask with one, the whole
    picture redrawn for an edit (or over a loaded picture without a plan), else new."""
    base = head.image if head is not None else None
    image: Image.Image | None
    mask: np.ndarray | None = request.mask
    if mask is not None:
        image, mode = base, "inpaint"
    elif base is not None and (edit or before is None):
        image, mode = base, "img2img"
    else:
        image, mode = None, "text2img"
    settings: dict[str, Any] = {}
    if image is None and size is not None:
        settings = {"width": size, "height": size}
    settings.update(request.settings or {})
    return Planned(
        source=source,
        mode=mode,
        prompt=request.prompt,
        scene_before=before,
        scene=scene,
        image=image,
        mask=mask,
        seed=_seed(request),
        settings=settings,
        engine_settings=dict(settings),
    )


def _seed(request: TurnRequest) -> int:
    assert request.seed is not None, "step 1 fills in the seed"
    return request.seed


def _outpaint_engine_settings(settings: dict[str, Any], engine_name: str) -> dict[str, Any]:
    engine_settings = {k: v for k, v in settings.items() if k != "outpaint"}
    if engine_name == "builtin":  # it draws the border from the plan; strength means nothing
        engine_settings.pop("strength", None)
    return engine_settings
