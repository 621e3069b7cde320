"""What holds what: the ground, hosts, walls and boards; and how big things may be drawn.

The tables live in ``data/support.json`` beside this package, read once at import. The
layout uses them to give every thing a support (the ground band, a host, or indoors the
wall) and the checker (:mod:`jupyter_imagechat.checker.world.model`) to say when a thing floats
or is drawn at an implausible size. Both read the same definitions:

- :func:`hangs`: a thing the wall holds ("a clock in a kitchen" hangs on the wall);
- :func:`pinned`: a thing on its host's face, not on its top: a flat thing on a board ("a
  map on a blackboard"), clothes on a wearer ("a hat on a cat", "a person wearing a
  shirt"), a part on its whole ("an eye on a face", "wheels on a bus"), anything on a thing
  lying flat ("olives on a pizza", "a fork on a plate");
- :func:`can_rest_on`: whether ``host`` can hold ``child`` on top at all ("a teacher on a
  blackboard" cannot: the layout lets that relation give way);
- :func:`expected_side`: the side a thing should be drawn at relative to others (its
  typical size, its ``size`` attribute, and how crowded its instances are).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..scene import SceneGraph
from .files import read_json
from .sizes import SIZE_FACTORS, TYPICAL_SIZE, typical_size
from .world import IN_THE_AIR, place_of

_DATA = read_json(__file__, "support.json")

INDOORS: frozenset[str] = frozenset(_DATA["indoors"])
"""Places with walls: there the wall holds what hangs (:data:`HUNG`)."""

HUNG: frozenset[str] = frozenset(_DATA["hung"])
"""Nouns that hang on a wall (a picture, a clock, a blackboard)."""

BOARDS: frozenset[str] = frozenset(_DATA["boards"])
"""Nouns whose face holds flat things (a blackboard holds a map)."""

FLAT: frozenset[str] = frozenset(_DATA["flat"])
"""Nouns a board or a wall holds on its face."""

FACE_UP: frozenset[str] = frozenset(_DATA["face_up"])
"""Things lying flat, drawn seen from above (a plate, a pizza, a rug): what is on one lies
on its face."""

OPEN_CONTAINERS: frozenset[str] = frozenset(_DATA["open"])
"""Containers with an opening: what is inside one sticks out above its rim."""

WORN: frozenset[str] = frozenset(_DATA["worn"])
"""Clothes and things worn: on a wearer they are drawn over its body."""

PARTS: frozenset[str] = frozenset(_DATA["parts"])
"""Parts of a whole (an eye, a trunk, a wheel): on their whole, drawn over its body."""

SIDES: frozenset[str] = frozenset(_DATA["sides"])
"""Words that say which part is meant: a side word and a part ("left arm") is a part."""

WEARERS: frozenset[str] = frozenset(_DATA["wearers"])
"""People, animals and figures that wear things."""

SCENERY: frozenset[str] = frozenset(_DATA["scenery"])
"""Nouns that are part of the place (the sky, the grass): no support needed, no size."""

SIZE_TOLERANCE: float = float(_DATA["size_tolerance"])
"""Largest factor between two things' drawn size ratio and their typical ratio."""

SIZE_ORDER: float = float(_DATA["size_order"])
"""A thing typically this many times bigger than another must be drawn bigger."""


def indoors(background: str | None) -> bool:
    """True when ``scene.background`` is a place with walls (a classroom, a kitchen)."""
    return place_of(background) in INDOORS


def hangs(name: str, background: str | None) -> bool:
    """True when the wall holds a thing called ``name`` in ``background``: it hangs
    (:data:`HUNG`) and the place has walls."""
    return name in HUNG and indoors(background)


def pinned(child: str, host: str) -> bool:
    """True when ``child`` on ``host`` lies on the host's face, not on its top: a flat
    thing on a board ("a map on a blackboard", "a picture on the wall"), a thing worn by a
    wearer or on a body part ("a hat on a cat", "a glove on a hand"), a part on its whole
    ("a trunk on an elephant", "a window on a door"), anything on a thing lying flat and
    drawn from above (:data:`FACE_UP`: "olives on a pizza", "a cat on a rug"). The layout
    draws it over its host
    and the checker asks it to lie within the host, as for "inside"."""
    if (host in BOARDS and child in FLAT) or host in FACE_UP:
        return True
    if child in WORN or child.rsplit(" ", 1)[-1] in WORN:  # "a top hat", "a wool scarf"
        return host in WEARERS or is_part(host)
    return is_part(child) and host not in OPEN_CONTAINERS


def is_part(name: str) -> bool:
    """Whether ``name`` is a part of a whole (:data:`PARTS`), also when a side word says
    which one ("left arm", "inner thigh", "front wheel") or a word says what it is made of
    ("a carrot nose", "button eyes"; a thing of its own with a size of its own, "a ferris
    wheel", is not)."""
    if name in PARTS:
        return True
    side, _, rest = name.partition(" ")
    if side in SIDES and rest in PARTS:
        return True
    return bool(rest) and name not in TYPICAL_SIZE and name.rsplit(" ", 1)[-1] in PARTS


def can_rest_on(child: str, host: str) -> bool:
    """Whether ``host`` can hold ``child`` "on" it: pinned to its face, or resting on its
    top. A board that hangs (a blackboard, a picture) holds only flat things; a flying
    thing holds nothing but flying or flat things ("a bird on a cloud" is fine, "a dog on
    a cloud" is not)."""
    if pinned(child, host):
        return True
    if host in HUNG and host in BOARDS:
        return False
    if host in IN_THE_AIR:
        return child in IN_THE_AIR or child in FLAT
    return True


def crowd_factor(count: int) -> float:
    """How much smaller each of ``count`` instances is drawn so that a crowd fits: 1 up
    to four in a row, then ``1 / sqrt(columns / 2)`` for a grid of ``columns``."""
    cols = count if count <= 4 else math.ceil(math.sqrt(count))
    return 1.0 / math.sqrt(cols / 2) if cols > 2 else 1.0


def expected_side(name: str, attributes: dict[str, str], count: int = 1) -> float:
    """The relative side one instance should have: its typical size, times the factor of
    its ``size`` attribute ("a giant cat"), times :func:`crowd_factor`."""
    factor = SIZE_FACTORS.get(attributes.get("size", ""), 1.0)
    return typical_size(name) * factor * crowd_factor(count)


def resting_on(scene: SceneGraph) -> dict[str, str]:
    """Entity id -> the id of the host it rests on top of, for the scene's "on" relations
    that put a thing on a top (not those pinning a flat thing to a board's face, nor those
    the host cannot hold: :func:`can_rest_on`, nor a patch of the place itself: the grass).
    The first host of a thing wins."""
    out: dict[str, str] = {}
    for subject, host_id, child, host in _on_relations(scene):
        if subject in out or pinned(child, host) or host in SCENERY:
            continue  # a dog on the grass stands on the ground, not on a patch of grass
        if can_rest_on(child, host) and not _under(host_id, subject, out):
            out[subject] = host_id  # never round in a circle ("person on skis", "skis
    return out  # on person": the skis stay under)


def _under(eid: str, top: str, rests: dict[str, str]) -> bool:
    """Whether ``eid`` already rests, down a chain of hosts, on ``top``."""
    seen = set()
    while eid in rests and eid not in seen:
        seen.add(eid)
        eid = rests[eid]
        if eid == top:
            return True
    return False


def pinned_to(scene: SceneGraph) -> dict[str, str]:
    """Entity id -> the id of the host whose body it lies on, for the scene's "on"
    relations that :func:`pinned` holds (a sweater on a man, glasses on a baby, a trunk on
    an elephant, a map on a blackboard): it goes wherever its host is drawn. The first
    host of a thing wins."""
    out: dict[str, str] = {}
    for subject, host_id, child, host in _on_relations(scene):
        if subject not in out and pinned(child, host):
            out[subject] = host_id
    return out


def _on_relations(scene: SceneGraph) -> Iterator[tuple[str, str, str, str]]:
    """The scene's "on" relations between two of its things, as (subject id, host id,
    subject's name, host's name), in order."""
    names = {e.id: e.name for e in scene.entities}
    for rel in scene.relations:
        child, host = names.get(rel.subject), names.get(rel.object)
        if rel.predicate != "on" or rel.subject == rel.object or child is None or host is None:
            continue
        yield rel.subject, rel.object, child, host
