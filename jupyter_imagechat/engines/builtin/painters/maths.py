"""Maths pictures drawn from their name: a fraction of a shape, a clock at a time, a number
line, a coin with its value, a shape with its lines of symmetry.

The planner writes these as attributes of a thing (``fraction: "3/4"`` on a pizza,
``time: "3:15"`` on a clock, ``range: "0-20"`` on a number line, ``value: "10p"`` on a
coin, ``detail: "symmetry"`` on a square), and ``artwork_for`` names the picture
"3/4 pizza", "3:15 clock", "0-20 number line", "10p coin", "symmetry square".
:class:`NamedShapes` is a table of painters that makes these on demand from the name, so
every fraction up to twelfths, every minute of a clock and any line up to 100 long has a
picture without listing them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

__all__ = ["DRAWN_FROM", "NamedShapes"]

DRAWN_FROM = ("fraction", "time", "range", "value")
"""Attributes that name a maths picture: ``fraction: "3/4"`` on a pizza is "3/4 pizza"."""

Painter = Callable[[Any], None]
FILL, EMPTY, LINE = (70, 130, 220), (245, 245, 245), (40, 60, 110)
_FRACTION = re.compile(r"^(\d{1,2})/(\d{1,2}) (circle|square|rectangle|pizza|pie|cake)$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d\d) (clock|alarm clock|watch)$")
_LINE = re.compile(r"^(-?\d{1,3})-(-?\d{1,3}) number line$")
_COIN = re.compile(r"^(\d{1,3}p|£[12]|\$1|\d{1,2}¢) coin$")
_SYMMETRY = re.compile(r"^symmetry (square|rectangle|triangle|circle|heart|hexagon)$")


def _fraction(top: int, bottom: int, shape: str) -> Painter:
    def paint(d: Any) -> None:
        if shape in ("circle", "pizza", "pie", "cake"):
            food = shape != "circle"
            crust, filling = ((205, 150, 80), (235, 190, 90)) if food else (LINE, FILL)
            for k in range(bottom):
                start, end = -90 + 360 * k / bottom, -90 + 360 * (k + 1) / bottom
                if k < top:
                    d.pieslice((36, 36, 476, 476), start, end, fill=crust, outline=LINE, width=6)
                    if food:
                        d.pieslice((66, 66, 446, 446), start, end, fill=filling)
                        mid = math.radians((start + end) / 2)
                        x, y = 256 + 130 * math.cos(mid), 256 + 130 * math.sin(mid)
                        d.ellipse((x - 26, y - 26, x + 26, y + 26), fill=(200, 60, 50))
                else:
                    d.pieslice((36, 36, 476, 476), start, end, fill=EMPTY if not food else None,
                               outline=(150, 150, 160), width=6)  # fmt: skip
            return
        x0, y0, x1, y1 = (46, 46, 466, 466) if shape == "square" else (16, 136, 496, 376)
        step = (x1 - x0) / bottom
        for k in range(bottom):
            d.rectangle((x0 + k * step, y0, x0 + (k + 1) * step, y1),
                        fill=FILL if k < top else EMPTY, outline=LINE, width=8)  # fmt: skip

    return paint


def _clock(hour: int, minute: int) -> Painter:
    def paint(d: Any) -> None:
        d.ellipse((26, 26, 486, 486), fill=(250, 250, 245), outline=(60, 60, 70), width=18)
        for k in range(60):
            a = math.radians(k * 6 - 90)
            inner = 196 if k % 5 == 0 else 212
            d.line([(256 + inner * math.cos(a), 256 + inner * math.sin(a)),
                    (256 + 222 * math.cos(a), 256 + 222 * math.sin(a))],
                   fill=(60, 60, 70), width=8 if k % 5 == 0 else 3)  # fmt: skip
        for n in range(1, 13):
            a = math.radians(n * 30 - 90)
            d.text((256 + 160 * math.cos(a), 256 + 160 * math.sin(a)), str(n), 50, (40, 40, 50))
        hour_angle = math.radians((hour % 12 + minute / 60) * 30 - 90)
        minute_angle = math.radians(minute * 6 - 90)
        for angle, length, colour, width in (
            (hour_angle, 110, (30, 30, 40), 22),
            (minute_angle, 180, (200, 50, 50), 12),
        ):
            tip = (256 + length * math.cos(angle), 256 + length * math.sin(angle))
            d.line([(256, 256), tip], fill=colour, width=width)
        d.ellipse((236, 236, 276, 276), fill=(30, 30, 40))

    return paint


def _number_line(low: int, high: int) -> Painter:
    span = high - low
    tick = 1 if span <= 50 else 5
    step = 1 if span <= 10 else 2 if span <= 20 else 5 if span <= 50 else 10  # numbers

    def paint(d: Any) -> None:
        d.line([(16, 230), (496, 230)], fill=(40, 40, 50), width=10)
        d.polygon([(500, 230), (466, 208), (466, 252)], fill=(40, 40, 50))
        d.polygon([(12, 230), (46, 208), (46, 252)], fill=(40, 40, 50))
        for value in range(low, high + 1):
            if (value - low) % tick:
                continue
            x = 50 + 412 * (value - low) / span
            major = (value - low) % step == 0
            d.line(
                [(x, 196 if major else 212), (x, 264 if major else 248)], fill=(40, 40, 50), width=6
            )
            if major:
                d.text((x, 300), str(value), 34 if span <= 10 else 28, (30, 30, 40))

    return paint


def _coin(value: str) -> Painter:
    silver = value in ("5p", "10p", "20p", "50p", "5¢", "10¢", "25¢") or value.startswith("£2")
    copper = value in ("1p", "2p", "1¢")
    fill = (190, 120, 70) if copper else (200, 200, 205) if silver else (225, 185, 60)
    edge = tuple(int(c * 0.7) for c in fill)
    # the bundled font has no £ or ¢: the amount big, the unit written under it
    amount, unit = value, ""
    if value[0] in "£$":
        amount, unit = value[1:], {"£": "pound", "$": "dollar"}[value[0]]
    elif value.endswith("¢"):
        amount, unit = value[:-1], "cents"

    def paint(d: Any) -> None:
        if value == "50p":
            d.regular_polygon((256, 256, 220), 7, fill=fill, outline=edge, width=12)
        else:
            d.ellipse((36, 36, 476, 476), fill=fill, outline=edge, width=14)
        d.ellipse((86, 86, 426, 426), outline=edge, width=6)
        top = 236 if unit else 256
        d.text((256, top), amount, 130 if len(amount) <= 3 else 100, (50, 40, 30))
        if unit:
            d.text((256, 350), unit, 56, (50, 40, 30))

    return paint


def _symmetry(shape: str) -> Painter:
    def paint(d: Any) -> None:
        if shape == "square":
            d.rectangle((66, 66, 446, 446), fill=FILL, outline=LINE, width=10)
        elif shape == "rectangle":
            d.rectangle((16, 136, 496, 376), fill=FILL, outline=LINE, width=10)
        elif shape == "triangle":
            d.polygon([(256, 40), (476, 450), (36, 450)], fill=FILL, outline=LINE, width=10)
        elif shape == "circle":
            d.ellipse((46, 46, 466, 466), fill=FILL, outline=LINE, width=10)
        elif shape == "hexagon":
            d.regular_polygon((256, 256, 220), 6, fill=FILL, outline=LINE, width=10)
        else:
            d.ellipse((56, 80, 266, 290), fill=(220, 60, 80))
            d.ellipse((246, 80, 456, 290), fill=(220, 60, 80))
            d.polygon([(66, 230), (446, 230), (256, 470)], fill=(220, 60, 80))
        for y in range(10, 502, 44):  # the mirror line, dashed
            d.line([(256, y), (256, y + 26)], fill=(200, 40, 40), width=8)
        if shape in ("square", "rectangle", "circle"):
            for x in range(10, 502, 44):
                d.line([(x, 256), (x + 26, 256)], fill=(200, 40, 40), width=8)

    return paint


class NamedShapes(dict[str, Painter]):
    """A painter table that also paints the maths pictures named as in the module
    docstring, made when first asked for (the fixed painters are its ordinary items);
    ``makers`` make more named pictures the same way (name -> painter or None)."""

    def __init__(
        self, table: dict[str, Painter], makers: tuple[Callable[[str], Painter | None], ...] = ()
    ) -> None:
        super().__init__(table)
        self._makers = (_made, *makers)

    def _make(self, name: str) -> Painter | None:
        for maker in self._makers:
            if (painter := maker(name)) is not None:
                return painter
        return None

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or (
            isinstance(name, str) and self._make(name) is not None
        )

    def __missing__(self, name: str) -> Painter:
        painter = self._make(name)
        if painter is None:
            raise KeyError(name)
        return painter


def _made(name: str) -> Painter | None:
    if match := _FRACTION.match(name):
        top, bottom = int(match.group(1)), int(match.group(2))
        return _fraction(top, bottom, match.group(3)) if 0 <= top <= bottom <= 12 else None
    if match := _CLOCK.match(name):
        hour, minute = int(match.group(1)), int(match.group(2))
        return _clock(hour, minute) if 0 <= hour <= 23 and minute < 60 else None
    if match := _LINE.match(name):
        low, high = int(match.group(1)), int(match.group(2))
        return _number_line(low, high) if low < high and high - low <= 100 else None
    if match := _COIN.match(name):
        return _coin(match.group(1))
    if match := _SYMMETRY.match(name):
        return _symmetry(match.group(1))
    return None
