"""Where the ground is and what flies: one definition for the layout and the engines.

The numbers and names live in ``data/world.json`` beside this package, read once at
import. The built-in engine paints each background's ground at :func:`ground_level` and
gives things standing there a shadow; the layout (:mod:`jupyter_imagechat.layout`) puts
standing things on that ground (:func:`horizon`, :func:`stands`) instead of hanging in the
sky. Both read the same tables, so the two cannot drift apart.
"""

from __future__ import annotations

from ..scene import split_background
from .files import read_json

_DATA = read_json(__file__, "world.json")

HORIZON: float = float(_DATA["horizon"])
"""Default horizon, as a fraction of the height from the top: sky above, ground below."""

HORIZONS: dict[str, float | None] = {
    place: None if line is None else float(line) for place, line in _DATA["horizons"].items()
}
"""Background -> its ground line where it differs from :data:`HORIZON`; None where
nothing stands on a ground (space, sky). Every key is a background the built-in engine
paints (``engines/builtin/backgrounds.BACKGROUNDS``)."""

SWIMMING: frozenset[str] = frozenset(_DATA["swimming"])
"""Backgrounds whose ground is a sea floor: painted at its :data:`HORIZONS` line, but
things swim above it, so the layout stands nothing on it (:func:`horizon` is None)."""

IN_THE_AIR: frozenset[str] = frozenset(_DATA["in_the_air"])
"""Nouns that fly, float or hang in the sky: the layout never puts them on the ground and
the built-in engine draws them without a ground shadow."""

IN_THE_WATER: frozenset[str] = frozenset(_DATA["in_the_water"])
"""Nouns of :data:`IN_THE_AIR` that float in water (a jellyfish): no ground shadow, but
never in the sky band."""

IN_THE_SKY: frozenset[str] = IN_THE_AIR - IN_THE_WATER
"""Nouns that belong in the sky, above the horizon, unless the plan puts them lower."""

HELD_UP = frozenset({"on", "inside", "holding"})
"""Attachments that lift a thing off the ground: it rests on or in its host instead."""


def place_of(background: str | None) -> str | None:
    """Return the place of ``scene.background`` that decides its ground: lowercase, without
    a leading article or preposition, without a time of day ("the forest at night" ->
    ``"forest"``; "night" stays ``"night"``); None for no background."""
    if not background:
        return None
    key = background.strip().lower()
    for prefix in ("the ", "a ", "an ", "at ", "in "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return split_background(key)[0] or key


def ground_level(background: str | None) -> float | None:
    """Return where the ground of ``scene.background`` meets the sky (fraction of the
    height from the top), or None when it has no ground (space, sky).

    This is the line the built-in engine paints; a place it has no painting for gets
    the default picture, and so the default :data:`HORIZON`.
    """
    place = place_of(background)
    return HORIZON if place is None else HORIZONS.get(place, HORIZON)


def horizon(background: str | None) -> float | None:
    """Return the line standing things stand below for ``scene.background``: its
    :func:`ground_level`, or None when nothing stands there (no ground, or
    :data:`SWIMMING`: under water things swim)."""
    if place_of(background) in SWIMMING:
        return None
    return ground_level(background)


def stands_on_ground(name: str, attached: str | None) -> bool:
    """True if a thing called ``name`` stands on the ground; ``attached`` is the predicate
    that ties it to a host (``on``, ``under``...) or None."""
    return name not in IN_THE_AIR and attached not in HELD_UP


def stands(eid: str, names: dict[str, str], parent: dict[str, tuple[str, str]]) -> bool:
    """True if entity ``eid`` stands on the ground: not a sky thing, not on, in or held by
    another, and (when in front of, behind or under another) its host stands too.

    ``names`` maps entity ids to nouns, ``parent`` a child id to ``(host id, predicate)``.
    """
    seen = set()
    while eid not in seen:
        seen.add(eid)
        host, pred = parent.get(eid, (None, None))
        if not stands_on_ground(names[eid], pred):
            return False
        if host is None:
            return True
        eid = host
    return False
