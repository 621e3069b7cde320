"""The "move" edit: shift things by a step, to the centre, or next to another thing.

"move the dog to the right" shifts its layout boxes by :data:`STEP` (or, with no boxes
yet, sets its ``position``); "move the dog to the centre" centres it; "move the dog left
of the cat" replaces its directional relations and drops its boxes so the layout step
places it again. "put the dog left of the cat" is a move too (see :func:`names_existing`);
"put the bowl on a table" adds the table first.
"""

from __future__ import annotations

from ..scene import Box, SceneGraph
from . import lexicon as lx
from .build import DIRECTIONAL, Builder
from .edit_boxes import group_box, rounded
from .edit_targets import Target, find_target, find_targets
from .entity_attrs import set_attrs
from .items import Extras
from .phrases import scan
from .text import PlanError
from .words import longest

DIRECTIONS: dict[str, tuple[float, float]] = {
    "left": (-1, 0), "leftwards": (-1, 0), "right": (1, 0), "rightwards": (1, 0),
    "up": (0, -1), "upwards": (0, -1), "higher": (0, -1), "top": (0, -1),
    "down": (0, 1), "downwards": (0, 1), "lower": (0, 1), "bottom": (0, 1),
}  # fmt: skip
STEP = 0.2


def names_existing(tokens: list[str], scene: SceneGraph) -> bool:
    """ "put the dog left of the cat" moves the dog; "put a hat on the dog" adds a hat."""
    if not tokens or tokens[0] not in ("the", "this", "that", "it", "them"):
        return False
    try:
        target = find_target(tokens, scene)
    except PlanError:
        return False
    rest = tokens[target.end :]
    size = _relation_at(rest, 0) if rest else 0
    if size and (lx.RELATIONS[tuple(rest[:size])][1] or rest[0] in ("holding", "wearing")):
        size = 0  # "add the cat wearing a hat": the hat is added, the cat stays
    return (
        target.what in ("entities", "it")
        and bool(rest)
        and (rest[0] in DIRECTIONS or rest[0] == "to" or bool(size))
    )


def apply_move(tokens: list[str], scene: SceneGraph) -> None:
    """Apply a "move" command (``tokens`` after the verb) to ``scene`` in place; raise
    :class:`PlanError` when it names nothing in the picture or no place."""
    target = find_targets(tokens, scene)
    rest = tokens[target.end :]
    size = _relation_at(rest, 0) if rest else 0
    if rest and rest[0] == "to" and not size:
        size = _relation_at(rest, 1) and _relation_at(rest, 1) + 1
    if longest(rest, 0, lx.POSITIONS, lx.MAX_POSITION_WORDS) >= size:
        size = 0
    if size and size < len(rest):
        pred, reverse = _relation_of(rest[:size])
        other = _reference(rest[size:], scene)
        for eid in target.ids:
            for oid in other.ids:
                if oid == eid:
                    continue
                scene.relations = [
                    r for r in scene.relations
                    if not (r.predicate in DIRECTIONAL and eid in (r.subject, r.object))
                ]  # fmt: skip
                subj, obj = (oid, eid) if reverse else (eid, oid)
                Builder(scene, Extras()).relate(subj, pred, obj)
            scene.layout = [b for b in scene.layout if b.entity != eid]
        return
    dx = dy = 0.0
    for word in rest:
        if word in DIRECTIONS:
            ddx, ddy = DIRECTIONS[word]
            dx, dy = dx + ddx * STEP, dy + ddy * STEP
    if not (dx or dy) and any(w in ("center", "centre", "middle") for w in rest):
        for eid in target.ids:
            x0, y0, x1, y1 = group_box(scene, eid) or (0.4, 0.4, 0.6, 0.6)
            _shift(scene, eid, 0.5 - (x0 + x1) / 2, 0.5 - (y0 + y1) / 2)
        return
    if not (dx or dy):
        raise PlanError(
            "Say where to move it, e.g. 'move the dog to the right' or 'move the dog left of "
            "the cat'."
        )
    for eid in target.ids:
        _shift(scene, eid, dx, dy)


def _reference(tokens: list[str], scene: SceneGraph) -> Target:
    """The thing a move places against: one in the picture ("left of the cat"), or a new
    one it names with "a" ("put the bowl on a table" adds the table)."""
    try:
        return find_target(tokens, scene)
    except PlanError:
        if not tokens or tokens[0] not in ("a", "an", "one", "another"):
            raise
    before = {e.id for e in scene.entities}
    Builder(scene, Extras()).apply(scan(tokens, Extras()))
    added = [e.id for e in scene.entities if e.id not in before]
    if not added:
        raise PlanError(f"Did not find what to put it {' '.join(tokens)!r}.")
    return Target("entities", added[:1], len(tokens))


def _relation_at(tokens: list[str], i: int) -> int:
    return longest(tokens, i, lx.RELATIONS, lx.MAX_RELATION_WORDS)


def _relation_of(words: list[str]) -> tuple[str, bool]:
    for start in range(len(words)):
        key = tuple(words[start:])
        if key in lx.RELATIONS:
            return lx.RELATIONS[key]
    return "next to", False


def _shift(scene: SceneGraph, eid: str, dx: float, dy: float) -> None:
    group = group_box(scene, eid)
    if group is None:
        if abs(dx) >= abs(dy):
            side = "right" if dx > 0 else "left"
        else:
            side = "bottom" if dy > 0 else "top"
        set_attrs(scene.entity(eid), {"position": side})
        return
    x0, y0, x1, y1 = group
    dx = min(max(dx, -x0), 1 - x1) if x1 - x0 <= 1 else 0.0
    dy = min(max(dy, -y0), 1 - y1) if y1 - y0 <= 1 else 0.0
    for k, box in enumerate(scene.layout):
        if box.entity == eid:
            a, b, c, d = box.box
            scene.layout[k] = Box(eid, box.index, rounded((a + dx, b + dy, c + dx, d + dy)))
