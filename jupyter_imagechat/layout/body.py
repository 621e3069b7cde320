"""Where on a body a worn thing or a part goes, and what is stood on.

The table lives in ``data/body.json`` beside this package, read once at import. A drawn
figure is read generically, its head at the top of its box and its feet at the bottom, so
that a hat sits on the head, a scarf at the neck and a costume over the body of whoever
wears it (``"a scarecrow wearing a hat"``), and a part stays small on its whole (``"a
snowman with a carrot nose"``): :func:`spot_of`. Things stood on (skis, boards, skates)
are laid under the feet of whoever stands on them, in a box as flat as each is seen from
the side, at their typical size and no wider than the rider (:func:`stood_on`,
:func:`rides`, :func:`underfoot`, :func:`lay_flat`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..vocab.files import read_json
from ..vocab.support import WEARERS


class Spot(NamedTuple):
    """Where a thing goes on its wearer or whole: ``y``, its middle as a share of the
    host's box height from the top; ``share``, the most of the host's width and height
    each one may take (a row of them, at most :data:`ROW` of its width); ``layered``,
    whether several things there go over each other, each centred on the body (a jacket
    and a backpack), rather than side by side (two eyes)."""

    name: str
    y: float
    share: float
    layered: bool = False


_DATA = read_json(__file__, "body.json")

FOOT: float = float(_DATA["foot"])
"""Share of a wearer's box height at its bottom that what it wears stays above."""

OVER_FEET = 0.02
"""How much higher (a share of its wearer's box height) what is layered over the body ends
than what is worn on the feet: its bottom is the higher, so that the shoes, drawn nearer,
go over the trouser legs rather than under them."""

ROW = 0.9
"""The most of its wearer's width a row of things at one spot takes (two eyes, three
buttons)."""

SPOTS: dict[str, Spot] = {
    noun: Spot(name, float(spot["y"]), float(spot["share"]), bool(spot.get("layered", False)))
    for name, spot in _DATA["spots"].items()
    for noun in spot["nouns"]
}
"""Noun -> the :class:`Spot` on its wearer or whole where it goes."""

STOOD_ON: dict[str, float] = {
    noun: float(group["height"]) for group in _DATA["stood_on"]["groups"] for noun in group["nouns"]
}
"""Things a rider stands on (skis, a snowboard, a surfboard, skates) -> how tall their box
is for its width, seen from the side (a board lies flat, a skate is a boot)."""

UNDERFOOT_SHARE: float = float(_DATA["stood_on"]["share"])
"""The most of its rider's width a thing stood on takes."""

DROP = 0.06
"""How much lower than its rider's feet a thing stood on stands, as a share of its side."""

RIDERS: frozenset[str] = WEARERS | frozenset(_DATA["riders"])
"""Who stands on what is stood on."""


def _last_word(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def spot_of(name: str) -> Spot | None:
    """The :class:`Spot` of a worn thing or a part called ``name`` (also by its last
    word: "straw hat", "carrot nose"), or None where the table names none."""
    return SPOTS.get(name) or SPOTS.get(_last_word(name))


def layered(name: str) -> bool:
    """Whether a thing called ``name`` is worn over whatever else is worn at its spot,
    centred on the body (a jacket and a backpack, a shirt and jeans), not beside it."""
    spot = spot_of(name)
    return spot is not None and spot.layered


def stood_on(name: str) -> bool:
    """Whether a thing called ``name`` is stood on (skis, a snowboard, "roller skates")."""
    return name in STOOD_ON or _last_word(name) in STOOD_ON


def rides(rider: str, board: str) -> bool:
    """Whether ``rider`` stands on ``board`` with it under its feet ("a kid on skis", "a
    surfboard under a surfer"): the board is then laid flat under the rider."""
    return (
        stood_on(board) and not stood_on(rider) and (rider in RIDERS or _last_word(rider) in RIDERS)
    )


MIDDLE = 0.45
"""Where a worn thing or a part the table names no spot for goes: the middle of the body
(a board holds what is pinned to it there too)."""


def where_on(name: str, share: float) -> tuple[float, float]:
    """(middle's height as a share of the host's, largest share of the host) for a thing
    called ``name`` over its host's body: its :class:`Spot`, else :data:`MIDDLE` and
    ``share``."""
    spot = spot_of(name)
    return (MIDDLE, share) if spot is None else (spot.y, spot.share)


Rect = tuple[float, float, float, float]
Placed = list[tuple[str, str, tuple[float, float, float]]]


def on_spots(
    names: dict[str, str],
    sizes: dict[str, tuple[float, float]],
    host: Rect,
    natural: float,
    grown: dict[str, float],
) -> Placed:
    """Blocks over ``host``'s body at their spots (one row per spot, about its middle; at
    a layered spot each centred over the others): ``sizes`` are the unit sizes of the
    blocks, ``natural`` the scale they are measured at. Returns (child, "on", (x, y,
    scale)) for each."""
    px0, py0, px1, py1 = host
    pw, ph = px1 - px0, py1 - py0
    rows: dict[Spot, list[str]] = {}
    for child in sizes:
        spot = spot_of(names[child])
        assert spot is not None
        rows.setdefault(spot, []).append(child)
    out: Placed = []
    for spot, ids in rows.items():
        gap = 0.1 * max(sizes[c][1] for c in ids)
        row_w = sum(sizes[c][0] for c in ids) + gap * (len(ids) - 1)
        if spot.layered:  # worn over each other: as wide as the widest, each centred
            row_w = max(sizes[c][0] for c in ids)
        row_h = max(sizes[c][1] for c in ids)
        widest = max(sizes[c][0] for c in ids)
        k = min(natural, spot.share * pw / widest, ROW * pw / row_w, spot.share * ph / row_h)
        x = (px0 + px1) / 2 - row_w * k / 2
        middle = py0 + spot.y * ph
        for c in ids:
            w, h = sizes[c]
            foot = FOOT + OVER_FEET * spot.layered
            top = max(min(middle - h * k / 2, py1 - foot * ph - h * k), py0)  # on the body
            left = (px0 + px1 - w * k) / 2 if spot.layered else x
            out.append((c, "on", (left, top, k * grown.get(c, 1.0))))
            x += (w + gap) * k
    return out


def underfoot(
    sizes: dict[str, tuple[float, float]], host: Rect, natural: float, grown: dict[str, float]
) -> Placed:
    """Things stood on, in one row under the feet of the rider ``host``: at the scale
    ``natural`` they are measured at, at most :data:`UNDERFOOT_SHARE` of its width,
    standing where it stands (a thing stands on its box's bottom), a little nearer
    (:data:`DROP` of their side lower). Returns (child, "under", (x, y, scale))."""
    px0, _, px1, py1 = host
    gap = 0.1 * max(h for _, h in sizes.values())
    row_w = sum(w for w, _ in sizes.values()) + gap * (len(sizes) - 1)
    k = min(natural, UNDERFOOT_SHARE * (px1 - px0) / row_w)
    x = (px0 + px1) / 2 - row_w * k / 2
    out: Placed = []
    for c, (w, h) in sizes.items():
        out.append((c, "under", (x, py1 + (DROP - 1) * h * k, k * grown.get(c, 1.0))))
        x += (w + gap) * k
    return out


def lay_flat(
    rects: dict[tuple[str, int], Rect],
    parent: dict[str, tuple[str, str]],
    names: dict[str, str],
    keep: Mapping[tuple[str, int], Rect],
) -> None:
    """Make the box of each thing stood on under its rider (``parent``: child id -> (host
    id, predicate)) as tall as :data:`STOOD_ON` says for its width, on the same bottom: a
    board lies flat, and artwork drawn upright (skis standing on end) is fitted small into
    it rather than lifting its rider off the picture (boxes in ``keep`` stay as they are).
    Changes ``rects``."""
    for (eid, i), (x0, y0, x1, y1) in list(rects.items()):
        host, pred = parent.get(eid, ("", ""))
        if pred != "under" or (eid, i) in keep or not rides(names.get(host, ""), names[eid]):
            continue
        tall = STOOD_ON.get(names[eid], STOOD_ON.get(_last_word(names[eid]), 1.0))
        rects[(eid, i)] = (x0, max(y0, y1 - tall * (x1 - x0)), x1, y1)
