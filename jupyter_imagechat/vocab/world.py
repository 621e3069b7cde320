"""Where the ground is: which things stand on it and how high its line lies.

The layout (:mod:`.layout`) uses this to put standing things on the ground band of the
picture instead of hanging in the sky. The numbers mirror the built-in engine's
backgrounds (``engines/builtin/backgrounds.ground_level``) without importing the engine;
``tests/test_builtin_ground.py`` keeps the two in step.
"""

from __future__ import annotations

from ..scene import split_background

HORIZON = 0.62
"""Default horizon, as a fraction of the height from the top (the engine's
``backgrounds.HORIZON``): sky above, ground below."""

HORIZONS: dict[str, float | None] = {
    "space": None, "sky": None, "underwater": None, "room": 0.66, "bedroom": 0.66,
    "classroom": 0.66, "kitchen": 0.66, "office": 0.66, "library": 0.66, "beach": 0.6,
    "forest": 0.55, "desert": 0.55, "grass": 0.5, "field": 0.5, "park": 0.5, "meadow": 0.5,
    "ocean": 0.45, "sea": 0.45, "lake": 0.45,
}  # fmt: skip
"""Horizon per background where it differs from :data:`HORIZON`; None where nothing
stands on a ground (space, sky; under water things swim)."""

FOOTING = 0.05
"""How far below the horizon a standing thing's bottom goes at least, so it reads as
standing on the ground (and gets the engine's shadow)."""

IN_THE_AIR: frozenset[str] = frozenset(
    w
    for w in """airplane bird kite helicopter rocket ufo balloon butterfly bee eagle ghost fairy sun
    cloud rain snowflake rainbow lightning star moon planet bat dove parrot mosquito fly
    parachute satellite comet tornado fog wind cyclone storm thunderstorm dragonfly owl
    seagull hummingbird crow pigeon drone blimp jet""".replace("\n", " ").split(" ")
    if w
) | {"snow cloud", "crescent moon", "full moon", "shooting star", "hot air balloon",
     "musical note", "milky way", "earth"}  # fmt: skip
"""Nouns that fly, float or hang in the sky: never put on the ground (the engine's
``catalogue.IN_THE_AIR`` holds the same sky things)."""

HELD_UP = frozenset({"on", "inside", "holding"})
"""Attachments that lift a thing off the ground: it rests on or in its host instead."""


def horizon(background: str | None) -> float | None:
    """Return the horizon of ``scene.background`` (fraction of the height from the top),
    or None when the background has no ground."""
    if not background:
        return HORIZON
    key = background.strip().lower()
    for prefix in ("the ", "a ", "an ", "at ", "in "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    key = split_background(key)[0] or key  # "forest at night": the forest's ground
    return HORIZONS.get(key, HORIZON)


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


def on_ground(
    line: float | None,
    feet: list[float],
    height: float,
    scale: float,
    top: float,
    area: tuple[float, float, float, float],
    rest: float,
) -> tuple[float, float]:
    """Scale and top of a laid-out whole so that standing things stand on the ground.

    ``feet`` are the bottoms of standing things and ``height`` the whole's height, in unit
    space (the whole starts at 0 and is drawn at ``top + y * scale``). Their bottoms end
    at least :data:`FOOTING` below the horizon ``line``, preferably ``rest`` of the way
    down the ground band, inside ``area``. Moving the whole keeps every relation; it
    shrinks (to half at most) only when stacked standing things cannot all reach the
    ground otherwise. Returns ``scale`` and ``top`` unchanged without a ground.
    """
    if line is None or not feet:
        return scale, top
    first, bottom = area[1], area[3]
    least = line + FOOTING
    if least >= bottom:
        return scale, top
    high = min(feet)  # the highest bottom of a standing thing
    top = min(max(top, line + rest * (bottom - line) - high * scale), bottom - height * scale)
    if top + high * scale < least - 1e-9 and height - high > 1e-9:
        scale = max(min(scale, (bottom - least) / (height - high)), scale / 2)
        top = max(first, bottom - height * scale)
    return scale, top
