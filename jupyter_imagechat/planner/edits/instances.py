"""Instances of one entity made an entity of their own, and such splits undone when unused.

"make the left apple yellow", "make one apple yellow", or "make the apple yellow" with a mask
painted over one apple change some of an entity's instances: those become an entity of their
own (:func:`split_instances`) that keeps the name, attributes, relations and layout boxes, so
only they change, and they stay apart in later turns. A split made while reading a command
that in the end changed nothing about them is undone (:func:`merge_unchanged`), so an edit
never leaves a picture's plan cut up for nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...scene import Box, Entity, Relation, SceneGraph
from ...scene.diagram import Arrangement, Label, Panel, label_from


def split_instances(scene: SceneGraph, ent: Entity, indices: Iterable[int]) -> Entity:
    """Make the instances ``indices`` of ``ent`` an entity of their own; return it.

    The new entity comes right after ``ent`` and keeps its name, attributes, relations,
    panels and arrangements, and the layout boxes and labels of those instances (numbered
    from 0 in their old order); ``ent`` keeps the others, renumbered the same way. When
    ``indices`` name every instance (or none), ``ent`` itself is returned unchanged.
    """
    picked = sorted({i for i in indices if 0 <= i < ent.count})
    if not picked or len(picked) == ent.count:
        return ent
    kept = [i for i in range(ent.count) if i not in picked]
    new = Entity(scene.new_id(), ent.name, len(picked), dict(ent.attributes))
    scene.entities.insert(scene.entities.index(ent) + 1, new)
    ent.count = len(kept)
    moved = {old: (new.id, k) for k, old in enumerate(picked)}
    moved.update({old: (ent.id, k) for k, old in enumerate(kept)})
    scene.layout = [
        Box(*moved[b.index], b.box) if b.entity == ent.id and b.index in moved else b
        for b in scene.layout
    ]
    scene.labels = [
        _relabel(lb, *moved[lb.index]) if lb.target == ent.id and lb.index in moved else lb
        for lb in scene.labels
    ]
    for rel in list(scene.relations):
        if ent.id in (rel.subject, rel.object):
            subject = new.id if rel.subject == ent.id else rel.subject
            obj = new.id if rel.object == ent.id else rel.object
            scene.relations.append(Relation(subject, rel.predicate, obj))
    groups: list[Panel | Arrangement] = [*scene.panels, *scene.arrangements]
    for group in groups:
        if ent.id in group.members:
            group.members.insert(group.members.index(ent.id) + 1, new.id)
    return new


def _relabel(label: Label, target: str, index: int) -> Label:
    copy = label_from(label.to_dict())
    copy.target, copy.index = target, index
    return copy


def merge_unchanged(scene: SceneGraph, before: SceneGraph) -> None:
    """Undo the splits of this edit that changed nothing (in place).

    An entity new to ``scene`` whose name and attributes equal those of an entity of
    ``before`` that is unchanged but for fewer instances, whose boxes are boxes that entity
    had, and that relates to the same things, goes back into it: the entity of ``before``
    returns as it was.
    """
    old = {e.id: e for e in before.entities}
    old_boxes = {(b.entity, b.box) for b in before.layout}
    for new in [e for e in scene.entities if e.id not in old]:
        for origin in scene.entities:
            was = old.get(origin.id)
            if (
                was is None
                or origin.name != new.name
                or origin.attributes != was.attributes
                or new.attributes != was.attributes
                or origin.count + new.count != was.count
                or not all((was.id, b.box) in old_boxes for b in scene.boxes_of(new.id))
                or _relations(scene, new.id) != _relations(scene, origin.id)
            ):
                continue
            _restore(scene, before, was, new)
            break


def _relations(scene: SceneGraph, eid: str) -> set[tuple[str, str, str]]:
    return {
        ("" if r.subject == eid else r.subject, r.predicate, "" if r.object == eid else r.object)
        for r in scene.relations
        if eid in (r.subject, r.object)
    }


def _restore(scene: SceneGraph, before: SceneGraph, was: Entity, new: Entity) -> None:
    """Put ``was`` back as it was in ``before`` and drop ``new``, the part split off it."""
    origin = scene.entity(was.id)
    origin.count = was.count
    scene.entities.remove(new)
    scene.layout = [b for b in scene.layout if b.entity not in (was.id, new.id)] + [
        Box(b.entity, b.index, b.box) for b in before.layout if b.entity == was.id
    ]
    scene.labels = [lb for lb in scene.labels if lb.target not in (was.id, new.id)] + [
        lb for lb in before.labels if lb.target == was.id
    ]
    scene.relations = [r for r in scene.relations if new.id not in (r.subject, r.object)]
    groups: list[Panel | Arrangement] = [*scene.panels, *scene.arrangements]
    for group in groups:
        group.members = [m for m in group.members if m != new.id]
    if scene.focus == new.id:
        scene.focus = was.id
