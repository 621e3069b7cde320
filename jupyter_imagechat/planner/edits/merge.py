"""A description read as a change of the picture: "a cat on the sofa" when there is a cat.

When the user says a description changes the current picture (they answered "Change this
picture", or the description points at what is there: "the cat on the sofa", "I want a dog
too"), the things it names that the picture has are those things: they take the attributes
it gives them (and its count, when it says more than one), and the places it gives them;
the things it names that the picture lacks are added (without boxes: the layout places
them). Its background and style replace the old ones. Everything it does not name stays.
"""

from __future__ import annotations

from ...scene import Entity, SceneGraph
from ..annotations import annotate
from ..build import Builder
from ..entity_attrs import set_attrs
from ..items import Extras
from ..phrases import scan
from ..tags import attach_tags, split_tags
from ..text import PlanError
from .add_remove import added_background
from .boxes import group_box

SPATIAL = frozenset(
    {"left of", "right of", "above", "below", "next to", "on", "under", "inside", "in front of",
     "behind"}
)  # fmt: skip
"""Predicates that say where a thing is: a new one replaces the old ones of its subject."""


def merge_description(
    tokens: list[str], texts: list[str], text: str, scene: SceneGraph, extras: Extras
) -> None:
    """Apply the description ``tokens`` to ``scene`` (in place) as a change of it."""
    look = Extras()
    words, tags = split_tags(tokens)
    described = SceneGraph()
    Builder(described, look).apply(scan(words, look))
    attach_tags(described, tags)
    annotate(described, text)
    extras.notes.extend(look.notes)
    if not described.entities and not (look.background or look.style_set or texts):
        raise PlanError(  # nothing read: say so, never answer with the picture unchanged
            f"Did not understand what to change in {' '.join(tokens)!r}; try e.g. 'make the "
            "bowl green', 'add a cat', 'remove the dog' or 'now at night'."
        )
    same: dict[str, str] = {}
    for ent in described.entities:
        match = _existing(scene, ent)
        if match is None:
            new = Entity(scene.new_id(), ent.name, ent.count, dict(ent.attributes))
            scene.entities.append(new)
            same[ent.id] = new.id
            continue
        same[ent.id] = match.id
        if ent.count > 1 and ent.count != match.count:
            match.count = ent.count
        changed = {k: v for k, v in ent.attributes.items() if match.attributes.get(k) != v}
        if changed:
            set_attrs(match, changed)
    moved: set[str] = set()
    for rel in described.relations:
        subject, obj = same[rel.subject], same[rel.object]
        placed = rel.predicate in SPATIAL and group_box(scene, subject) is not None
        if placed and not _holds(scene, subject, rel.predicate, obj):
            moved.add(subject)
            scene.relations = [
                r for r in scene.relations if not (r.subject == subject and r.predicate in SPATIAL)
            ]
        Builder(scene, Extras()).relate(subject, rel.predicate, obj)
    scene.layout = [b for b in scene.layout if b.entity not in moved]
    scene.background = added_background(scene.background, look.background)
    if look.style_set:
        scene.style = look.style
    scene.texts += [t for t in texts if t not in scene.texts and not _written(scene, t)]


def _existing(scene: SceneGraph, ent: Entity) -> Entity | None:
    """The entity of ``scene`` that ``ent`` of the description is: same name (and kind of
    person), the one in focus first, then one with the same look."""
    found = [e for e in scene.entities if e.name == ent.name]
    kind = ent.attributes.get("kind")
    if kind:
        found = [e for e in found if e.attributes.get("kind") == kind] or found
    if not found:
        return None
    for e in found:
        if e.id == scene.focus:
            return e
    color = ent.attributes.get("color")
    return next((e for e in found if color and e.attributes.get("color") == color), found[0])


def _holds(scene: SceneGraph, subject: str, predicate: str, obj: str) -> bool:
    return any(
        r.subject == subject and r.predicate == predicate and r.object == obj
        for r in scene.relations
    )


def _written(scene: SceneGraph, words: str) -> bool:
    return any(
        words in (e.attributes.get("text"), e.attributes.get("label")) for e in scene.entities
    )
