"""Drawn artwork for containers that show what they hold: a clear drinking glass, a glass
jug, a glass jar and a small pot (a yoghurt or glue pot), empty or filled, and a tube
squeezing out what it holds (a tube of paint, glue or ketchup).

The planner writes "a glass of water" as a ``glass`` with attribute ``contents: water``
(:mod:`jupyter_imagechat.planner.contents`); :func:`~..artwork.artwork_for` names its
picture ``"glass of water"``, which :func:`made_container` paints here as a glass with a
pale blue fill. The fill colours are :data:`~..catalogue.CONTENTS_COLOURS` (data file);
contents with no colour there leave the container's own picture. A plain ``glass`` or
``jug`` is the empty one; a plain ``pot`` stays the cooking pot (an emoji), a plain
``jar`` the emoji jar, and a plain ``tube`` (a London tube train?) is not drawn. The
checker never measures contents: they stay unknown.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalogue import CONTENTS_COLOURS
from .household import tube_painter

__all__ = ["CONTAINER_SHAPES", "made_container"]

Painter = Callable[[Any], None]
Fill = tuple[int, int, int] | None
OUT = (60, 60, 70)
W = 10
GLASS, GLASS_EDGE, SHINE = (228, 240, 248), (120, 150, 175), (255, 255, 255)


def _darker(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = rgb
    return (int(r * 0.75), int(g * 0.75), int(b * 0.75))


def _glass(fill: Fill) -> Painter:  # a clear tumbler, a little wider at the rim
    def paint(d: Any) -> None:
        d.polygon([(140, 50), (372, 50), (346, 470), (166, 470)], fill=GLASS, outline=GLASS_EDGE,
                  width=W)  # fmt: skip
        if fill is not None:
            d.polygon([(152, 170), (360, 170), (342, 452), (170, 452)], fill=fill)
            d.line([(152, 170), (360, 170)], fill=_darker(fill), width=8)
        d.rectangle((176, 440, 336, 462), fill=(205, 222, 235))  # the thick base
        d.line([(176, 80), (196, 420)], fill=SHINE, width=14)
        d.polygon([(140, 50), (372, 50), (346, 470), (166, 470)], outline=GLASS_EDGE, width=W)

    return paint


def _jar(fill: Fill) -> Painter:  # a glass jar with a screw lid
    def paint(d: Any) -> None:
        d.rounded_rectangle((110, 110, 402, 480), 50, fill=GLASS, outline=GLASS_EDGE, width=W)
        if fill is not None:
            d.rounded_rectangle((122, 180, 390, 468), 40, fill=fill)
            d.line([(126, 180), (386, 180)], fill=_darker(fill), width=8)
        d.line([(150, 200), (150, 420)], fill=SHINE, width=14)
        d.rounded_rectangle((110, 110, 402, 480), 50, outline=GLASS_EDGE, width=W)
        d.rounded_rectangle((130, 40, 382, 120), 16, fill=(200, 60, 60), outline=OUT, width=W)
        for x in range(160, 370, 30):
            d.line([(x, 56), (x, 104)], fill=(160, 40, 40), width=5)

    return paint


def _jug(fill: Fill) -> Painter:  # a glass jug: spout left, handle right
    def paint(d: Any) -> None:
        d.arc((310, 130, 470, 380), 270, 90, fill=GLASS_EDGE, width=28)
        body = [(60, 60), (360, 60), (350, 160), (390, 470), (110, 470), (150, 160), (120, 110)]
        d.polygon(body, fill=GLASS, outline=GLASS_EDGE, width=W)
        if fill is not None:
            d.polygon([(150, 200), (355, 200), (378, 458), (122, 458)], fill=fill)
            d.line([(150, 200), (355, 200)], fill=_darker(fill), width=8)
        d.line([(170, 220), (150, 430)], fill=SHINE, width=14)
        d.polygon(body, outline=GLASS_EDGE, width=W)

    return paint


def _pot(fill: Fill) -> Painter:  # a small tub seen from a little above, open at the top
    def paint(d: Any) -> None:
        d.polygon([(90, 170), (422, 170), (382, 470), (130, 470)], fill=(245, 245, 242),
                  outline=OUT, width=W)  # fmt: skip
        d.polygon([(100, 270), (412, 270), (399, 370), (113, 370)], fill=(90, 150, 220))
        d.ellipse((90, 110, 422, 230), fill=(235, 235, 232), outline=OUT, width=W)
        d.ellipse((112, 126, 400, 214), fill=fill or (200, 200, 200))
        d.arc((112, 126, 400, 214), 180, 360, fill=_darker(fill or (200, 200, 200)), width=8)

    return paint


CONTAINER_SHAPES: dict[str, Painter] = {"glass": _glass(None), "jug": _jug(None)}
"""Noun -> painter for the empty containers drawn here (the other two are emoji)."""


def _tube(fill: Fill) -> Painter:
    colour = fill or (200, 200, 200)
    return tube_painter((200, 205, 215), colour, (40, 40, 45), colour)


_PAINTERS = {"glass": _glass, "jar": _jar, "jug": _jug, "pot": _pot, "tube": _tube}
"""Container -> its painter given the fill colour."""


def made_container(name: str) -> Painter | None:
    """Return the painter of ``"<container> of <contents>"`` ("glass of water", "pot of
    glue") or ``"<contents> <container>"`` ("water jug", "glue pot"), or None when the
    container or the contents' colour is not known here."""
    container, sep, stuff = name.partition(" of ")
    if not sep:  # "a water jug", "a glue pot": named by what it holds
        stuff, _, container = name.rpartition(" ")
    if container not in _PAINTERS or stuff not in CONTENTS_COLOURS:
        return None
    return _PAINTERS[container](CONTENTS_COLOURS[stuff])
