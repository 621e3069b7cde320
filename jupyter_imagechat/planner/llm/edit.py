"""A model's changed scene graph, matched to the scene it changed.

Asked for an edit, a language model answers with the whole scene after the follow-up
(:data:`.schema.EDIT_SCHEMA`). :func:`merge_answer` matches each thing of the answer to a
thing of the scene before (the same id and name; else the same name; else the same id,
renamed, where a rename is allowed: "replace the cat with a dog"), so kept things keep
their ids, order and layout boxes exactly; a thing whose ``box`` the answer changed is moved
(its instances scaled into the new box), new things get fresh ids and no box (the layout
step places them). The invariant is then enforced by :mod:`.invariant`.
"""

from __future__ import annotations

from ...scene import Arrangement, Arrow, Box, Entity, Label, Panel, Relation, SceneGraph
from ..edits.boxes import group_box
from .schema import Answer

__all__ = ["MOVE_TOLERANCE", "merge_answer"]

MOVE_TOLERANCE = 0.02
"""A box the answer gives that differs from where a thing is by less than this (a fiftieth
of the picture, each side) is read as "not moved": models round."""

Rect = tuple[float, float, float, float]


def merge_answer(
    base: SceneGraph,
    answer: Answer,
    renamable: set[str] | None = None,
    *,
    renamed_stay: bool = True,
) -> SceneGraph:
    """Return the scene ``answer`` describes, with ``base``'s ids and boxes where it kept them.

    Parameters
    ----------
    base : SceneGraph
        The scene the model was asked to change (laid out).
    answer : Answer
        The model's answer, read by :func:`.schema.read_answer`.
    renamable : set of str, optional
        Ids of ``base`` the answer may give another name under the same id (the things the
        follow-up names); ``None``: any.
    renamed_stay : bool
        Whether a renamed thing keeps its boxes ("replace the cat with a dog": the dog
        where the cat was); False lets the layout place it again, at the new thing's size
        (a correction that names a thing the engine can draw instead of a card).

    Raises
    ------
    SceneError
        When the merged scene breaks the scene contract (a ``ValueError``).
    """
    ids = _match(base, answer, renamable)
    got = answer.scene
    scene = SceneGraph(
        exclude=[dict(x) for x in got.exclude],
        style=got.style,
        background=got.background,
        texts=list(got.texts),
    )
    order = {e.id: k for k, e in enumerate(base.entities)}  # kept things keep their order
    for ent in sorted(got.entities, key=lambda e: order.get(ids[e.id], len(order))):
        eid = ids[ent.id]
        scene.entities.append(Entity(eid, ent.name, ent.count, dict(ent.attributes)))
        if renamed_stay or not any(e.id == eid and e.name != ent.name for e in base.entities):
            _place(scene, base, eid, ent.count, answer.boxes.get(ent.id))
    ends = {**ids, **{p.id: p.id for p in got.panels}}
    scene.relations = [Relation(ids[r.subject], r.predicate, ids[r.object]) for r in got.relations]
    arrow_boxes = {(a.start, a.end, a.label): a.box for a in base.arrows}
    for arrow in got.arrows:
        start, end = ends[arrow.start], ends[arrow.end]
        box = arrow_boxes.get((start, end, arrow.label))  # an arrow kept keeps its label's place
        scene.arrows.append(Arrow(start, end, arrow.label, arrow.curved, box))
    label_boxes = {(lb.text, lb.target, lb.index, lb.anchor): lb.box for lb in base.labels}
    for label in got.labels:
        target = ids[label.target]
        box = label_boxes.get((label.text, target, label.index, label.anchor))
        scene.labels.append(Label(label.text, target, label.index, label.anchor, box))
    for panel in got.panels:
        members = [ids[m] for m in panel.members]
        old = next((p for p in base.panels if p.id == panel.id), None)
        box = old.box if old is not None and old.members == members else None
        scene.panels.append(Panel(panel.id, members, panel.title, panel.background, box))
    for arrangement in got.arrangements:
        members = [ends[m] for m in arrangement.members]
        scene.arrangements.append(
            Arrangement(arrangement.kind, members, arrangement.rows, list(arrangement.signs))
        )
    focus = ids.get(answer.focus) if answer.focus is not None else None
    scene.focus = focus if focus is not None else (base.focus if _has(scene, base.focus) else None)
    scene.validate()
    return scene


def _has(scene: SceneGraph, eid: str | None) -> bool:
    return eid is not None and any(e.id == eid for e in scene.entities)


def _match(base: SceneGraph, answer: Answer, renamable: set[str] | None) -> dict[str, str]:
    """Each entity of the answer -> its id in the merged scene (see the module docstring)."""
    old = {e.id: e for e in base.entities}
    got = answer.scene.entities
    ids: dict[str, str] = {}
    taken: set[str] = set()

    def pair(new: Entity, eid: str) -> None:
        ids[new.id] = eid
        taken.add(eid)

    for ent in got:  # the same id and the same name
        said = answer.said.get(ent.id, ent.id)
        if said in old and said not in taken and old[said].name == ent.name:
            pair(ent, said)
    for ent in got:  # the same name, in order
        if ent.id in ids:
            continue
        same = next((e for e in base.entities if e.name == ent.name and e.id not in taken), None)
        if same is not None:
            pair(ent, same.id)
    for ent in got:  # the same id, renamed ("replace the cat with a dog")
        said = answer.said.get(ent.id, ent.id)
        allowed = renamable is None or said in renamable
        if ent.id not in ids and said in old and said not in taken and allowed:
            pair(ent, said)
    used = set(old) | taken
    n = 1
    for ent in got:  # new things: fresh ids, never one the scene before used
        if ent.id in ids:
            continue
        while f"e{n}" in used:
            n += 1
        pair(ent, f"e{n}")
        used.add(f"e{n}")
    return ids


def _place(scene: SceneGraph, base: SceneGraph, eid: str, count: int, said: Rect | None) -> None:
    """Give ``eid`` its boxes from ``base`` (the instances it still has), moved into the box
    the answer ``said`` when that differs from where it is."""
    boxes = [b for b in base.boxes_of(eid) if b.index < count]
    where = group_box(base, eid)
    if said is not None and where is not None and _differs(said, where):
        boxes = [Box(b.entity, b.index, _moved(b.box, where, said)) for b in boxes]
    scene.layout += [Box(b.entity, b.index, tuple(b.box)) for b in boxes]  # type: ignore[arg-type]


def _differs(a: Rect, b: Rect) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) > MOVE_TOLERANCE


def _moved(box: Rect, old: Rect, new: Rect) -> Rect:
    """``box`` (inside ``old``) at the same place inside ``new``."""
    sx = (new[2] - new[0]) / max(old[2] - old[0], 1e-6)
    sy = (new[3] - new[1]) / max(old[3] - old[1], 1e-6)
    x0 = new[0] + (box[0] - old[0]) * sx
    y0 = new[1] + (box[1] - old[1]) * sy
    x1 = new[0] + (box[2] - old[0]) * sx
    y1 = new[1] + (box[3] - old[1]) * sy
    x0, y0 = max(x0, -0.5), max(y0, -0.5)
    x1, y1 = min(max(x1, x0 + 1e-3), 1.5), min(max(y1, y0 + 1e-3), 1.5)
    return (round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4))
