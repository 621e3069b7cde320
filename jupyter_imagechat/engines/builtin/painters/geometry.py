"""Geometric shapes for lessons: circle, square, triangle, rectangle, oval, polygons, and
solids (sphere, cylinder, cone, pyramid), plus an arrow.

Each painter draws in a 512-unit square in the flat style of the other artwork (a solid
fill with a darker outline; solids get a lighter face for depth). The fill is a mid blue
that :mod:`..recolor` turns into any named colour ("a red circle inside a blue square").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

FILL = (70, 130, 220)
LIGHT = (120, 170, 240)
DARK = (40, 80, 150)
LINE = 12


def _polygon(d: Any, sides: int, turn: float = -90.0, r: float = 220.0) -> None:
    points = [
        (256 + r * math.cos(math.radians(turn + 360 * k / sides)),
         256 + r * math.sin(math.radians(turn + 360 * k / sides)))
        for k in range(sides)
    ]  # fmt: skip
    d.polygon(points, fill=FILL, outline=DARK, width=LINE)


def _circle(d: Any) -> None:
    d.ellipse((36, 36, 476, 476), fill=FILL, outline=DARK, width=LINE)


def _square(d: Any) -> None:
    d.rectangle((46, 46, 466, 466), fill=FILL, outline=DARK, width=LINE)


def _rectangle(d: Any) -> None:
    d.rectangle((16, 126, 496, 386), fill=FILL, outline=DARK, width=LINE)


def _oval(d: Any) -> None:
    d.ellipse((16, 116, 496, 396), fill=FILL, outline=DARK, width=LINE)


def _triangle(d: Any) -> None:
    d.polygon([(256, 40), (486, 450), (26, 450)], fill=FILL, outline=DARK, width=LINE)


def _rhombus(d: Any) -> None:
    d.polygon([(256, 20), (476, 256), (256, 492), (36, 256)], fill=FILL, outline=DARK,
              width=LINE)  # fmt: skip


def _sphere(d: Any) -> None:
    d.ellipse((36, 36, 476, 476), fill=FILL, outline=DARK, width=LINE)
    d.ellipse((120, 100, 260, 230), fill=LIGHT)  # a highlight


def _cylinder(d: Any) -> None:
    d.rectangle((96, 96, 416, 416), fill=FILL)
    d.ellipse((96, 356, 416, 476), fill=FILL, outline=DARK, width=LINE)
    d.rectangle((102, 96, 410, 416), fill=FILL)
    d.line([(96, 96), (96, 416)], fill=DARK, width=LINE)
    d.line([(416, 96), (416, 416)], fill=DARK, width=LINE)
    d.ellipse((96, 36, 416, 156), fill=LIGHT, outline=DARK, width=LINE)


def _cone(d: Any) -> None:
    d.ellipse((76, 376, 436, 476), fill=FILL, outline=DARK, width=LINE)
    d.polygon([(256, 30), (436, 426), (76, 426)], fill=FILL)
    d.line([(256, 30), (436, 426)], fill=DARK, width=LINE)
    d.line([(256, 30), (76, 426)], fill=DARK, width=LINE)
    d.polygon([(256, 30), (300, 426), (220, 426)], fill=LIGHT)


def _pyramid(d: Any) -> None:
    d.polygon([(256, 40), (486, 430), (300, 480)], fill=FILL, outline=DARK, width=LINE)
    d.polygon([(256, 40), (300, 480), (26, 420)], fill=LIGHT, outline=DARK, width=LINE)


def _arrow(d: Any) -> None:
    d.polygon(
        [(30, 196), (300, 196), (300, 96), (486, 256), (300, 416), (300, 316), (30, 316)],
        fill=FILL, outline=DARK, width=LINE,
    )  # fmt: skip


GEOMETRY: dict[str, Callable[[Any], None]] = {
    "circle": _circle,
    "square": _square,
    "rectangle": _rectangle,
    "oval": _oval,
    "triangle": _triangle,
    "rhombus": _rhombus,
    "pentagon": lambda d: _polygon(d, 5),
    "hexagon": lambda d: _polygon(d, 6, 0.0),
    "octagon": lambda d: _polygon(d, 8, 22.5),
    "sphere": _sphere,
    "cylinder": _cylinder,
    "cone": _cone,
    "pyramid": _pyramid,
    "arrow": _arrow,
}
"""Shape noun -> painter."""
