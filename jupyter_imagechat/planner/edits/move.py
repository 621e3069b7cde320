"""The "move" edit: shift things by a step, to the centre, or next to another thing.

"move the dog to the right" shifts its layout boxes by :data:`STEP` (or, with no boxes
yet, sets its ``position``); "move the dog to the centre" centres it; "move the dog left
of the cat" replaces its directional relations and drops its boxes so the layout step
places it again. "put the dog left of the cat" is a move too (see :func:`names_existing`);
"put the bowl on a table" adds the table first.
"""

from __future__ import annotations

from ...scene import Box, SceneGraph
from .. import lexicon as lx
from ..build import DIRECTIONAL, Builder
from ..entity_attrs import set_attrs
from ..items import Extras
from ..phrases import scan
from ..text import PlanError
from ..words import longest
from .boxes import group_box, rounded
from .places import guests, named_place, place_at
from .targets import Target, find_target, find_targets, pointed

DIRECTIONS: dict[str, tuple[float, float]] = {
    "left": (-1, 0), "leftwards": (-1, 0), "right": (1, 0), "rightwards": (1, 0),
    "up": (0, -1), "upwards": (0, -1), "higher": (0, -1), "top": (0, -1),
    "down": (0, 1), "downwards": (0, 1), "lower": (0, 1), "bottom": (0, 1),
}  # fmt: skip
STEP = 0.2


SPATIAL = frozenset(
    {"left of", "right of", "above", "below", "next to", "on", "under", "inside", "in front of",
     "behind"}
)  # fmt: skip
"""Predicates that say where a thing is: a move replaces those its subject had."""


def names_existing(tokens: list[str], scene: SceneGraph, *, strict: bool = False) -> bool:
    """ "put the dog left of the cat" moves the dog; "put a hat on the dog" adds a hat.

    ``strict`` (after "make": "make the duck to the right of the tree") needs a relation or
    a named place after the thing, not just "to" ("make the cat into a dog" is no move).
    """
    target = pointed(tokens, scene)
    if target is None:
        return False
    rest = tokens[target.end :]
    size = _relation_at(rest, 0) if rest else 0
    if size and (lx.RELATIONS[tuple(rest[:size])][1] or rest[0] in ("holding", "wearing")):
        size = 0  # "add the cat wearing a hat": the hat is added, the cat stays
    if strict:
        if rest and all(w in ("around", "round", "over") for w in rest):
            return False  # "turn the cat around": it faces the other way
        if rest[:1] in (["into"], ["to"], ["in"]) and not _names_here(rest[1:], scene):
            return False  # "turn the van into a fire truck", "make the cats into rabbits"
        ahead = rest[1:] if rest[:1] == ["to"] else rest
        placed = bool(ahead) and (
            bool(_relation_at(ahead, 0))
            or bool(longest(rest, 0, lx.POSITIONS, lx.MAX_POSITION_WORDS))
        )
        return target.what in ("entities", "it") and (bool(size) or placed)
    return (
        target.what in ("entities", "it")
        and bool(rest)
        and (rest[0] in DIRECTIONS or rest[0] == "to" or rest[0] in lx.BETWEEN_WORDS or bool(size))
    )


def places_everything(tokens: list[str]) -> bool:
    """Whether ``tokens`` are only a relation and one new thing ("on a wooden table", "under
    a tree"): where the picture's things should be."""
    size = _relation_at(tokens, 0)
    if not size or size >= len(tokens) or tokens[size] not in ("a", "an", "some", "one"):
        return False
    items = scan(tokens[size:], Extras())
    return len(items) == 1 and items[0].kind == "NP"


def _names_here(tokens: list[str], scene: SceneGraph) -> bool:
    """Whether ``tokens`` name a thing of the picture or a place in it ("the left")."""
    if longest(tokens, 0, lx.POSITIONS, lx.MAX_POSITION_WORDS) or tokens[:1] in (["the"], ["it"]):
        return True
    return bool(tokens) and tokens[0] in DIRECTIONS


GROUND = frozenset({"floor", "ground", "grass", "earth"})
"""Where things stand when nothing holds them: "put the cats on the floor"."""


def apply_move(tokens: list[str], scene: SceneGraph) -> None:
    """Apply a "move" command (``tokens`` after the verb) to ``scene`` in place; raise
    :class:`PlanError` when it names nothing in the picture or no place."""
    target = find_targets(tokens, scene)
    rest = tokens[target.end :]
    if rest[:1] == ["back"] and rest[1:]:
        rest = rest[1:]  # "move it back in front"
    rest = _with_anchor(rest, target.ids, scene)
    if rest[:1] and rest[0] in lx.BETWEEN_WORDS:
        _between(target.ids, rest[1:], scene)
        return
    size = _relation_at(rest, 0) if rest else 0
    if rest and rest[0] == "to" and not size:
        size = _relation_at(rest, 1) and _relation_at(rest, 1) + 1
    said = named_place(rest, sides=True)
    if longest(rest, 0, lx.POSITIONS, lx.MAX_POSITION_WORDS) >= size or (said and said[1] > size):
        size = 0  # "on the left", "on the far right": a place in the picture, no relation
    if size and size < len(rest) and _on_the_ground(rest[size:], scene):
        for eid in target.ids:  # "put the cats on the floor": off whatever held them
            scene.relations = [
                r for r in scene.relations if not (r.subject == eid and r.predicate in SPATIAL)
            ]
            scene.layout = [b for b in scene.layout if b.entity != eid]
        return
    if size and size < len(rest):
        pred, reverse = _relation_of(rest[:size])
        other = _reference(rest[size:], scene)
        for eid in target.ids:
            riders = guests(scene, eid)  # what is on it goes with it: placed again too
            for oid in other.ids:
                if oid == eid:
                    continue
                scene.relations = [
                    r for r in scene.relations
                    if not (r.predicate in DIRECTIONAL and eid in (r.subject, r.object))
                    and not (r.predicate in SPATIAL and r.subject == eid)
                    and {r.subject, r.object} != {eid, oid}  # one place between two things
                ]  # fmt: skip
                subj, obj = (oid, eid) if reverse else (eid, oid)
                Builder(scene, Extras()).relate(subj, pred, obj)
            scene.entity(eid).attributes.pop("position", None)
            scene.layout = [b for b in scene.layout if b.entity != eid and b.entity not in riders]
        return
    place = named_place(rest, sides=rest[:1] != ["to"])
    if place is not None:  # "move it to the top right", "put the cat on the left"
        for eid in target.ids:
            place_at(scene, eid, place[0])
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


def _between(ids: list[str], tokens: list[str], scene: SceneGraph) -> None:
    """ "between the dogs", "between the cat and the dog": right of the first, left of the
    second (next to a pair); placed again by the layout."""
    others = find_targets(tokens, scene).ids
    builder = Builder(scene, Extras())
    for eid in ids:
        ends = [o for o in others if o != eid]
        scene.relations = [
            r for r in scene.relations if not (r.subject == eid and r.predicate in SPATIAL)
        ]
        if len(ends) >= 2:
            builder.relate(eid, "right of", ends[0])
            builder.relate(eid, "left of", ends[1])
        elif ends:
            builder.relate(eid, "next to", ends[0])
        scene.layout = [b for b in scene.layout if b.entity != eid]


def _on_the_ground(tokens: list[str], scene: SceneGraph) -> bool:
    words = [w for w in tokens if w not in ("the", "a")]
    return (
        bool(words) and words[0] in GROUND and not any(e.name == words[0] for e in scene.entities)
    )


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


BARE_PLACES = {
    ("in", "front"): ["in", "front", "of"], ("behind",): ["behind"], ("next",): ["next", "to"],
    ("beside",): ["beside"], ("on", "top"): ["on", "top", "of"], ("under",): ["under"],
    ("underneath",): ["underneath"], ("above",): ["above"], ("below",): ["below"],
    ("inside",): ["inside"], ("on",): ["on"], ("in",): ["in"],
}  # fmt: skip
"""Places said without the thing they are next to ("move it back in front")."""


def _with_anchor(rest: list[str], ids: list[str], scene: SceneGraph) -> list[str]:
    """ "in front" -> "in front of the house" when the thing moved stood by the house: a
    place said without its other thing is by the thing it was placed by."""
    words = rest[:-1] if rest[-1:] in (["again"], ["instead"]) else rest
    place = BARE_PLACES.get(tuple(words))
    if place is None or not ids:
        return rest
    anchors = [
        r.object
        for r in scene.relations
        if r.subject in ids and r.object not in ids and r.predicate in SPATIAL | DIRECTIONAL
    ]
    if not anchors:
        return rest
    return [*place, "the", *scene.entity(anchors[0]).name.split()]


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
