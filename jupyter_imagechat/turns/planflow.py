"""Plans the conversation makes, takes or changes: waiting plans, untrusted plans, fixes.

- :class:`Pending`: a plan made by ``plan()`` and waiting for ``generate()``;
- :func:`validate_plan`: a scene graph from an untrusted source (the browser's plan
  editor) checked into a :class:`~jupyter_imagechat.scene.SceneGraph`, with a clear error;
- :func:`merge_new` and :func:`mask_region`: a description painted into a mask adds its
  things to the current plan, inside the mask;
- :func:`fix_targets`, :func:`relayout` and :func:`boxes_mask`: what "fix" redraws (every
  violated finding, the world's included: a floating table, a cut-off cat), where it moves
  it (re-solving the layout around what stays), and the pixels it repaints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..checker import VIOLATED, Verdict, check_layout
from ..checker.findings import PLAN
from ..errors import InputError
from ..layout import arrange
from ..layout.hosts import attachments, root_of
from ..scene import Box, Entity, Relation, SceneError, SceneGraph
from .request import Planned, TurnRequest

__all__ = [
    "MAX_PLAN_BYTES",
    "Pending",
    "boxes_mask",
    "draw_request",
    "fix_targets",
    "mask_region",
    "merge_new",
    "relayout",
    "validate_plan",
]

MAX_PLAN_BYTES = 200_000
"""Largest plan (as JSON) accepted from the browser."""


@dataclass
class Pending:
    """A plan waiting to be drawn: its prompt, laid-out scene, notes, kind and seed."""

    prompt: str
    scene: SceneGraph
    notes: list[str]
    edit: bool
    seed: int

    @classmethod
    def of(cls, planned: Planned) -> Pending:
        """The plan ``planned`` (steps 1 to 4 of a prompt), waiting to be drawn."""
        assert planned.scene is not None
        scene = planned.scene.copy()
        return cls(planned.prompt, scene, list(planned.notes), planned.edit, planned.seed)


def draw_request(
    pending: Pending | None,
    scene: SceneGraph | dict[str, Any] | None,
    *,
    seed: int | None,
    settings: dict[str, Any] | None,
    edit: bool | None,
    mask: np.ndarray | None,
) -> TurnRequest:
    """The request that draws ``scene`` (by default the ``pending`` plan): its prompt, seed,
    notes and kind (edit or new picture) come from the pending plan unless given.

    Raises
    ------
    InputError
        When neither a scene nor a pending plan is given.
    """
    if scene is None:
        if pending is None:
            raise InputError("there is no plan to draw; plan a prompt first")
        scene = pending.scene
    return TurnRequest(
        "plan",
        pending.prompt if pending else "(a plan)",
        seed=pending.seed if seed is None and pending else seed,
        mask=mask,
        settings=settings,
        plan=scene,
        edit=bool(pending and pending.edit) if edit is None else bool(edit),
        notes=tuple(pending.notes) if pending else (),
    )


def validate_plan(plan: Any) -> SceneGraph:
    """Return ``plan`` (a SceneGraph or its JSON form) as a validated copy.

    Raises
    ------
    InputError
        With a message that names the bad field ("the plan is not valid: count of 'e1'
        must be 1 to 50, got 0"), or when it has nothing to draw.
    """
    if isinstance(plan, SceneGraph):
        plan = plan.to_dict()
    if not isinstance(plan, dict):
        raise InputError(f"the plan must be a scene graph object, got {type(plan).__name__}")
    try:
        size = len(json.dumps(plan))
    except (TypeError, ValueError) as exc:
        raise InputError(f"the plan is not valid JSON data: {exc}") from None
    if size > MAX_PLAN_BYTES:
        raise InputError(f"the plan is {size:,} bytes of JSON; the limit is {MAX_PLAN_BYTES:,}")
    try:
        scene = SceneGraph.from_dict(plan)
    except SceneError as exc:
        raise InputError(f"the plan is not valid: {exc}") from None
    if not (scene.entities or scene.background or scene.style or scene.texts):
        raise InputError("the plan has nothing to draw: add a thing, a background or a style")
    return scene


def merge_new(current: SceneGraph, new: SceneGraph) -> SceneGraph:
    """Return ``current`` plus the entities, relations and texts of ``new``."""
    merged = current.copy()
    renamed: dict[str, str] = {}
    for ent in new.entities:
        fresh = merged.new_id()
        renamed[ent.id] = fresh
        merged.entities.append(Entity(fresh, ent.name, ent.count, dict(ent.attributes)))
    for rel in new.relations:
        merged.relations.append(Relation(renamed[rel.subject], rel.predicate, renamed[rel.object]))
    merged.texts.extend(t for t in new.texts if t not in merged.texts)
    merged.validate()
    return merged


def mask_region(mask: np.ndarray) -> tuple[float, float, float, float]:
    """Return the mask's bounding box, normalised ``(x0, y0, x1, y1)``."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    h, w = mask.shape
    return (cols[0] / w, rows[0] / h, (cols[-1] + 1) / w, (rows[-1] + 1) / h)


def fix_targets(scene: SceneGraph, verdict: Verdict) -> tuple[set[str], list[str]]:
    """Return the ids of the entities to redraw and the violated constraints' labels.

    A violated count, attribute or permanence redraws its entity; a violated relation its
    subject (the object stays where it is); a violated world finding (support, frame,
    size, overlap, legibility) the thing it names with whatever it rests on and whatever
    rests on it (a cut-off cat on a table moves with its table). :func:`relayout` then
    moves those whose boxes break the world or the plan, and redraws the others in place.
    """
    ids = {e.id for e in scene.entities}
    parent = attachments(scene)
    targets: set[str] = set()
    labels: list[str] = []
    for finding in verdict.findings:
        if finding.status != VIOLATED:
            continue
        hit = [eid for eid in finding.entities if eid in ids][:1]
        if not hit:
            continue
        if finding.kind in MOVING:
            targets |= _group(hit[0], ids, parent)
        else:
            targets.update(hit)
        label = finding.constraint
        labels.append(label if finding.kind == PLAN else f"{finding.kind}: {label}")
    return targets, labels


MOVING = frozenset({"support", "frame", "size", "overlap", "legibility"})
"""World kinds a fix repairs by moving the thing (and what rests on or under it)."""


def _group(eid: str, ids: set[str], parent: dict[str, tuple[str, str]]) -> set[str]:
    """``eid``, the host it rests on (down the chain) and everything resting on those."""
    root = root_of(eid, parent)
    return {e for e in ids if root_of(e, parent) == root}


def relayout(scene: SceneGraph, targets: set[str], seed: int) -> tuple[SceneGraph, set[str]]:
    """Lay ``targets`` out again; return the new scene and the entities to redraw.

    Targets whose boxes break nothing in the plan (the engine drew them wrong) keep their
    boxes and are drawn again where they are. The others are re-solved around the kept
    boxes (:func:`~jupyter_imagechat.layout.arrange`). When that cannot keep every
    relation, their relation partners move too; when the world still breaks (no room left
    on the ground for a table), the whole scene is laid out afresh. Every entity whose
    boxes changed is redrawn.
    """
    before = check_layout(scene)
    parent = attachments(scene)
    ids = {e.id for e in scene.entities}
    wrong: set[str] = set()
    for f in before.findings:
        if f.status == VIOLATED and f.entities:
            eid = f.entities[0]  # a relation's subject; the thing in front of an overlap
            if eid in ids:
                wrong |= _group(eid, ids, parent) if f.kind in MOVING else {eid}
    move = {t for t in targets if t in wrong} | {
        e for t in targets & wrong for e in _group(t, ids, parent)
    }
    moved = _without(scene, move, seed)
    if move and _breaks(moved, relations_only=True):
        broken = {eid for f in check_layout(moved).findings if f.status == VIOLATED
                  and f.kind == PLAN and len(f.entities) == 2 for eid in f.entities}  # fmt: skip
        move |= broken
        moved = _without(scene, move, seed)
    if move and _breaks(moved):
        moved = _without(scene, ids, seed)  # no room: everything laid out afresh
    changed = {
        e.id for e in scene.entities if scene.boxes_of(e.id) != moved.boxes_of(e.id)
    }
    return moved, changed | targets


def _without(scene: SceneGraph, move: set[str], seed: int) -> SceneGraph:
    """``scene`` laid out again with the boxes of ``move`` dropped (the rest kept)."""
    out = scene.copy()
    out.layout = [b for b in out.layout if b.entity not in move]
    return arrange(out, seed=seed)


def _breaks(scene: SceneGraph, relations_only: bool = False) -> bool:
    """Whether ``scene``'s own boxes break a relation (or, unless ``relations_only``, the
    world: a thing floating, cut off, out of proportion, overlapping or hidden)."""
    for f in check_layout(scene).findings:
        if f.status != VIOLATED:
            continue
        if f.kind == PLAN and len(f.entities) == 2:
            return True
        if not relations_only and f.kind in MOVING:
            return True
    return False


def boxes_mask(boxes: list[Box], size: tuple[int, int], pad: float = 0.03) -> np.ndarray:
    """Return a bool mask ``(height, width)`` covering ``boxes`` (normalised), padded."""
    width, height = size
    mask = np.zeros((height, width), dtype=bool)
    for b in boxes:
        x0, y0, x1, y1 = b.box
        c0, c1 = int(max(x0 - pad, 0) * width), int(np.ceil(min(x1 + pad, 1) * width))
        r0, r1 = int(max(y0 - pad, 0) * height), int(np.ceil(min(y1 + pad, 1) * height))
        mask[r0:r1, c0:c1] = True
    return mask
