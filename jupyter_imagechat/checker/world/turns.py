"""Permanence across turns: what nobody changed stays as it was.

Between a turn and its parent, an entity that keeps its name, count, attributes, layout
boxes and relations in the plan, and rests on nothing that changed, was changed by nobody
(not the edit, not "fix", not a drag in the plan editor; a table that gets a cup put on it,
or whose cup moved, changed too: the engine may redraw it to hold the cup). It must then be
drawn as before: as many instances, with the same attributes reported, each within a few
pixels of its old box. Anything else (an apple gone, a bowl that turned green, a cat that
moved) is a violation named in the verdict. Entities the plan changed are not checked
here: the plan's own findings check them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...layout.hosts import Parents, attachments
from ..findings import SATISFIED, UNKNOWN, VIOLATED, Finding

if TYPE_CHECKING:
    from ...engines.base import DrawnObject
    from ...scene import Entity, SceneGraph

MOVE_TOLERANCE = 0.05
"""How far (share of its own side, at least 3 px) an unchanged thing may move between turns:
the built-in engine's jitter of a thing redrawn with another seed (up to 2% of its width
each way) and a pixel of rounding."""
IGNORED = frozenset({"text"})
"""Attributes the engine may leave out of its report for reasons of its own (a text that
could not be written is named by the plan's findings)."""


def permanence_findings(
    plan: SceneGraph,
    objects: Sequence[DrawnObject],
    before: SceneGraph | None,
    before_objects: Sequence[DrawnObject],
    source: str,
) -> list[Finding]:
    """One ``permanence`` finding per entity nobody changed between ``before`` and ``plan``."""
    if before is None:
        return []
    same = {e.id for e in plan.entities if _unchanged(e, plan, before)}
    parent = attachments(plan)
    riders = {host for child, (host, _) in parent.items() if child not in same}  # hosts of
    # something that changed: drawn again to hold it
    unchanged = [
        e for e in plan.entities
        if e.id in same and e.id not in riders and _hosts_unchanged(e.id, parent, same)
    ]  # fmt: skip
    if not unchanged:
        return []
    if source != "drawn" or not before_objects:
        why = "the parent turn has no record of where things were drawn"
        if source != "drawn":
            why = "only the engine's own report says where things were drawn"
        return [Finding("things nobody changed kept", UNKNOWN, why, (), "permanence")]
    out = []
    for ent in unchanged:
        now = sorted((o for o in objects if o.entity == ent.id), key=lambda o: o.index)
        was = sorted((o for o in before_objects if o.entity == ent.id), key=lambda o: o.index)
        problem = _difference(ent, now, was)
        status = VIOLATED if problem else SATISFIED
        why = problem or f"as in the turn before ({len(now)} drawn in the same place)"
        out.append(Finding(f"{ent.name} kept", status, why, (ent.id,), "permanence"))
    return out


def _unchanged(ent: Entity, plan: SceneGraph, before: SceneGraph) -> bool:
    try:
        old = before.entity(ent.id)
    except KeyError:
        return False
    if (old.name, old.count, old.attributes) != (ent.name, ent.count, ent.attributes):
        return False
    if _relations(plan, ent.id) != _relations(before, ent.id):
        return False
    return [b.box for b in before.boxes_of(ent.id)] == [b.box for b in plan.boxes_of(ent.id)]


def _relations(scene: SceneGraph, eid: str) -> set[tuple[str, str, str]]:
    mine = (r for r in scene.relations if eid in (r.subject, r.object))
    return {(r.subject, r.predicate, r.object) for r in mine}


def _hosts_unchanged(eid: str, parent: Parents, same: set[str]) -> bool:
    """Whether everything ``eid`` rests on, down the chain, is unchanged too."""
    seen = {eid}
    while eid in parent:
        eid = parent[eid][0]
        if eid in seen:
            break
        if eid not in same:
            return False
        seen.add(eid)
    return True


def _difference(
    ent: Entity, now: list[DrawnObject], was: list[DrawnObject]
) -> str | None:
    if len(now) != len(was):
        return f"{len(now)} drawn, {len(was)} before"
    for a, b in zip(now, was, strict=True):
        side = max(b.box[2] - b.box[0], b.box[3] - b.box[1], 1)
        moved = max(abs(p - q) for p, q in zip(a.box, b.box, strict=True))
        if moved > max(3.0, MOVE_TOLERANCE * side):
            return f"instance {b.index + 1} moved {moved:.0f} px"
        for key in (set(a.attributes) | set(b.attributes)) - IGNORED:
            if a.attributes.get(key) != b.attributes.get(key):
                old, new = b.attributes.get(key), a.attributes.get(key)
                return f"its {key} changed from {old!r} to {new!r}"
    return None
