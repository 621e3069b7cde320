"""Edits of where things are, beyond "move": swapping places, closer together or further
apart, and a named place in the picture ("move it to the top right", "put the cat in the
middle").

Boxes move as whole groups (all instances of an entity together) and stay in the picture;
relations that said which side each thing is on are turned round when two things swap.
Each reader takes a command's words (after the polite lead) and returns False when the
command is not its kind, so the dispatcher (:mod:`.commands`) can try the next.
"""

from __future__ import annotations

from ...scene import Box, SceneGraph
from ...scene.diagram import Arrangement
from .. import lexicon as lx
from ..entity_attrs import set_attrs
from ..text import PlanError
from .boxes import group_box, rounded
from .refs import both_mean, them_means
from .targets import find_targets
from .words import APART, ARRANGEMENTS, CLOSER, SWAP, find

ARRANGE_VERBS = frozenset(lx.words("arrange line put place set lay order sort organise organize"))
CLOSER_BY, APART_BY = 0.55, 1.6
"""How far things move towards or away from their common centre (distance factors)."""
MARGIN = 0.03
"""Gap kept between a thing placed at a named place and the picture's edge."""
CORNERS = frozenset({"top left", "top right", "bottom left", "bottom right", "center"})
"""Named places a thing is put at (the others, "left", "up", shift it by a step)."""
OPPOSITE = {
    "left of": "right of", "right of": "left of", "above": "below", "below": "above",
    "in front of": "behind", "behind": "in front of",
}  # fmt: skip
COLOUR_WORDS = frozenset({"colour", "colours", "color", "colors"})
_SWAP_OBJECTS = frozenset({"places", "place", "positions", "position", "sides", "spots", "them"})


def apply_swap(tokens: list[str], scene: SceneGraph) -> bool:
    """ "swap the cat and the dog", "swap their places", "switch them around", "the cat and
    the dog should swap places": the two things exchange places. Not "swap the cat for a
    dog" (a replacement)."""
    verb = next((k for k, w in enumerate(tokens) if w in SWAP), None)
    if verb is None:
        return False
    rest = tokens[verb + 1 :]
    if set(rest) & COLOUR_WORDS:  # "swap the colours", "swap their colours"
        return _swap_colours(tokens[:verb] + rest, scene)
    if any(w in ("for", "by", "into") for w in rest) or _swaps_in_new(rest):
        return False  # "swap the cat for a dog", "swap the cat with a dog"
    named = _named(tokens[:verb] + rest, scene)
    if len(named) < 2:
        pointed = rest[:1] in (["them"], ["their"], ["places"], ["sides"], ["positions"])
        pointed = pointed or tokens[:verb][-1:] in (["they"], ["them"]) or not rest
        if not (pointed or set(rest) & _SWAP_OBJECTS):
            return False
        named = both_mean(scene) if len(named) < 2 else named
    if len(named) != 2:
        raise PlanError("Say which two things swap places, e.g. 'swap the cat and the dog'.")
    _exchange(scene, *named)
    return True


def _swap_colours(tokens: list[str], scene: SceneGraph) -> bool:
    named = _named(tokens, scene)
    pair = named if len(named) == 2 else both_mean(scene)
    if len(pair) != 2:
        return False
    a, b = (scene.entity(i).attributes for i in pair)
    color_a, color_b = a.pop("color", None), b.pop("color", None)
    if color_b:
        a["color"] = color_b
    if color_a:
        b["color"] = color_a
    return True


def _swaps_in_new(rest: list[str]) -> bool:
    """ "with a dog" / "with another dog": a new thing takes the old one's place."""
    for k, word in enumerate(rest[:-1]):
        if word == "with" and rest[k + 1] in ("a", "an", "another", "some", "one", "two"):
            return True
    return False


def _named(tokens: list[str], scene: SceneGraph) -> list[str]:
    """The entity ids that the noun phrases of ``tokens`` name, in order."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        if tokens[k] in ("the", "this", "that", "it", "them", "they", "both", "all", "these"):
            try:
                target = find_targets(tokens[k:], scene)
            except PlanError:
                k += 1
                continue
            out += [i for i in target.ids if i not in out]
            k += max(target.end, 1)
        else:
            k += 1
    return out


def _exchange(scene: SceneGraph, a: str, b: str) -> None:
    """Swap the places of ``a`` and ``b``: their groups of boxes trade centres and the
    relations between them turn round."""
    box_a, box_b = group_box(scene, a), group_box(scene, b)
    if box_a is not None and box_b is not None:
        ca, cb = _centre(box_a), _centre(box_b)
        _shift(scene, a, cb[0] - ca[0], cb[1] - ca[1])
        _shift(scene, b, ca[0] - cb[0], ca[1] - cb[1])
    for rel in scene.relations:
        if {rel.subject, rel.object} == {a, b} and rel.predicate in OPPOSITE:
            rel.predicate = OPPOSITE[rel.predicate]
    attrs_a, attrs_b = scene.entity(a).attributes, scene.entity(b).attributes
    where_a, where_b = attrs_a.pop("position", None), attrs_b.pop("position", None)
    if where_b:
        attrs_a["position"] = where_b
    if where_a:
        attrs_b["position"] = where_a


def apply_arrangement(tokens: list[str], scene: SceneGraph) -> bool:
    """ "arrange them in a row", "put the apples in a circle", "line the cats up in a
    column": the things are laid out again in that arrangement."""
    if not tokens or tokens[0] not in ARRANGE_VERBS:
        return False
    shape = next((k for k, w in enumerate(tokens) if w in ARRANGEMENTS), None)
    if shape is None or shape + 1 != len(tokens) or not {"in", "into"} & set(tokens[:shape]):
        return False
    words = [w for w in tokens[1:shape] if w not in ("in", "into", "a", "an", "up", "one")]
    ids = _named(words, scene) or (them_means(scene) if not words else [])
    if not ids:
        return False
    kind = ARRANGEMENTS[tokens[shape]]
    scene.arrangements = [a for a in scene.arrangements if not set(a.members) & set(ids)]
    scene.arrangements.append(Arrangement(kind, list(ids)))
    scene.layout = [b for b in scene.layout if b.entity not in ids]
    return True


def apply_spacing(tokens: list[str], scene: SceneGraph) -> bool:
    """ "move them closer together", "put the cat and the dog further apart", "move the cat
    closer to the dog": things move towards (or away from) each other."""
    if tokens[:1] in (["spread"], ["space"]) and "out" in tokens[2:7]:
        k = tokens.index("out", 2)  # "spread them out", "space the chairs out"
        tokens = [*tokens[1:k], "apart", *tokens[k + 1 :]]
    closer = find(tokens, CLOSER)
    apart = find(tokens, APART)
    if closer is None and apart is None:
        return False
    start, size = closer or apart  # type: ignore[misc]
    factor = CLOSER_BY if closer is not None else APART_BY
    before, after = tokens[:start], tokens[start + size :]
    if after[:1] in (["to"], ["from"]):  # "the cat closer to the dog": only the cat moves
        movers, anchors = _named(before, scene), _named(after[1:], scene)
        if not movers or not anchors:
            return False
    else:
        movers = _named(before + after, scene)
        if len(movers) < 2:
            movers = them_means(scene) if len(them_means(scene)) > 1 else both_mean(scene)
        anchors = []
    _respace(scene, movers, anchors, factor)
    return True


def _respace(scene: SceneGraph, movers: list[str], anchors: list[str], factor: float) -> None:
    groups = {eid: group_box(scene, eid) for eid in movers + anchors}
    known = {eid: box for eid, box in groups.items() if box is not None}
    if len(known) < 2 and not (len(movers) == 1 and scene.entity(movers[0]).count > 1):
        return
    if len(movers) == 1 and not anchors:  # "spread the apples out": its own instances
        _respace_instances(scene, movers[0], factor)
        return
    centres = [_centre(known[e]) for e in (anchors or movers) if e in known]
    cx = sum(c[0] for c in centres) / len(centres)
    cy = sum(c[1] for c in centres) / len(centres)
    for eid in movers:
        if eid in known:
            x, y = _centre(known[eid])
            _shift(scene, eid, (x - cx) * (factor - 1), (y - cy) * (factor - 1))


def _respace_instances(scene: SceneGraph, eid: str, factor: float) -> None:
    boxes = scene.boxes_of(eid)
    if len(boxes) < 2:
        return
    cx = sum(_centre(b.box)[0] for b in boxes) / len(boxes)
    cy = sum(_centre(b.box)[1] for b in boxes) / len(boxes)
    for k, b in enumerate(scene.layout):
        if b.entity == eid:
            x, y = _centre(b.box)
            scene.layout[k] = Box(
                eid, b.index, _clamped(b.box, (x - cx) * (factor - 1), (y - cy) * (factor - 1))
            )


def place_at(scene: SceneGraph, eid: str, where: str) -> None:
    """Put ``eid`` (all its instances) at a named place of the picture: "top right",
    "bottom left", "center"...; it keeps its size, and its ``position`` says where."""
    set_attrs(scene.entity(eid), {"position": where})
    group = group_box(scene, eid)
    if group is None:
        return
    x0, y0, x1, y1 = group
    w, h = x1 - x0, y1 - y0
    tx = ty = None  # a side moves one way only: "on the left" keeps the height
    if where == "center":
        tx, ty = 0.5 - w / 2, 0.5 - h / 2
    if "left" in where:
        tx = MARGIN
    if "right" in where:
        tx = 1 - MARGIN - w
    if "top" in where:
        ty = MARGIN
    if "bottom" in where:
        ty = 1 - MARGIN - h
    dx = (tx if tx is not None else x0) - x0
    dy = (ty if ty is not None else y0) - y0
    _shift(scene, eid, dx, dy)


EDGE_WORDS = frozenset({"far", "very", "extreme", "furthest", "farthest", "outer"})
"""Words that push a place to the edge ("on the far right"): the place is that side."""


def named_place(tokens: list[str], *, sides: bool = False) -> tuple[str, int] | None:
    """A corner or the centre named at the start of ``tokens`` ("to the top right", "in the
    middle"), and with ``sides`` a side too ("on the left"): it and the tokens it takes, or
    ``None``."""
    at = [i for i, w in enumerate(tokens[: lx.MAX_POSITION_WORDS + 3]) if w not in EDGE_WORDS]
    words = tuple(tokens[i] for i in at)
    for n in range(min(lx.MAX_POSITION_WORDS, len(words)), 0, -1):
        where = lx.POSITIONS.get(words[:n])
        if where is not None:
            return (where, at[n - 1] + 1) if sides or where in CORNERS else None
    return None


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _clamped(
    box: tuple[float, float, float, float], dx: float, dy: float
) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    dx = min(max(dx, -x0), 1 - x1)
    dy = min(max(dy, -y0), 1 - y1)
    return rounded((x0 + dx, y0 + dy, x1 + dx, y1 + dy))


def _shift(scene: SceneGraph, eid: str, dx: float, dy: float) -> None:
    """Move every box of ``eid``, and of the things on or in it, by ``(dx, dy)``; the group
    stays inside the picture."""
    group = group_box(scene, eid)
    if group is None:
        return
    x0, y0, x1, y1 = group
    dx = min(max(dx, -x0), 1 - x1) if x1 - x0 <= 1 else 0.0
    dy = min(max(dy, -y0), 1 - y1) if y1 - y0 <= 1 else 0.0
    moving = {eid, *guests(scene, eid)}
    for k, b in enumerate(scene.layout):
        if b.entity in moving:
            a, c, d, e = b.box
            scene.layout[k] = Box(b.entity, b.index, rounded((a + dx, c + dy, d + dx, e + dy)))


def guests(scene: SceneGraph, eid: str) -> set[str]:
    """The things resting on or in ``eid`` (and on them, and so on): they move with it."""
    found: set[str] = set()
    todo = [eid]
    while todo:
        host = todo.pop()
        for rel in scene.relations:
            rests = rel.object == host and rel.predicate in ("on", "inside")
            if rests and rel.subject not in found and rel.subject != eid:
                found.add(rel.subject)
                todo.append(rel.subject)
    return found
