"""Things round a circle: a cycle's stages, children in a ring.

A circle arrangement has *places*, evenly round a circle, clockwise: each member one place
when there are several (the water cycle's two clouds share theirs, side by side), each
instance one place when there is a single member ("six children in a circle"). The first
place is at the top unless the circle is *turned* (:func:`turn_for`) so that things of
the sky (clouds, rain, the sun) are up and things of the ground are down: the order round
the circle is the plan's, where it starts is the layout's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..scene import Arrangement
from .blocks import Rect
from .items import MAX_SIDE, Item, items_of

CIRCLE_SPACING = 1.55
"""Distance between neighbouring places round a circle, in item sides (room for arrows)."""


@dataclass(frozen=True)
class Circle:
    """Where ``n`` places go round a circle, for items of side 1: the angle of each
    (clockwise on the picture), the radius, the middle of the circle measured from the
    middle of the places' bounding box (off centre for an odd number: one at the top, two
    lower down), and that box's width and height."""

    angles: tuple[float, ...]
    radius: float
    offset: tuple[float, float]
    width: float
    height: float


def places_of(arrangement: Arrangement, counts: dict[str, int]) -> list[list[Item]]:
    """The items at each place round the circle, in order."""
    groups = items_of(arrangement, counts)
    return groups if len(groups) > 1 else [[item] for item in groups[0]]


def turn_for(lifts: Sequence[float]) -> int:
    """How many places round the first place goes so that the places with the largest
    ``lifts`` (sky things: positive) are highest; 0 when no turn is better."""
    n = len(lifts)
    if n < 2 or not any(lifts):
        return 0
    best, best_score = 0, -math.inf
    for turn in range(n):
        angles = circle_of(n, turn).angles
        score = sum(-lift * math.sin(a) for lift, a in zip(lifts, angles, strict=True))
        if score > best_score + 1e-9:
            best, best_score = turn, score
    return best


def circle_of(n: int, turn: int = 0) -> Circle:
    """The :class:`Circle` of ``n`` places (neighbours :data:`CIRCLE_SPACING` apart), the
    first ``turn`` places round from the top."""
    if n <= 1:
        return Circle((-math.pi / 2,), 0.0, (0.0, 0.0), 1.0, 1.0)
    angles = tuple(-math.pi / 2 + 2 * math.pi * (k + turn) / n for k in range(n))
    radius = CIRCLE_SPACING / (2 * math.sin(math.pi / n))
    cos = [math.cos(a) for a in angles]
    sin = [math.sin(a) for a in angles]
    offset = (-radius * (max(cos) + min(cos)) / 2, -radius * (max(sin) + min(sin)) / 2)
    return Circle(
        angles,
        radius,
        offset,
        radius * (max(cos) - min(cos)) + 1,
        radius * (max(sin) - min(sin)) + 1,
    )


def fit_circle(
    places: list[list[Item]], region: Rect, *, panels: bool = False, turn: int = 0
) -> dict[Item, Rect]:
    """A box for every item: places round a circle as large as fits in ``region``; the
    items sharing a place in a small grid inside it."""
    x0, y0, x1, y1 = region
    shape = circle_of(len(places), turn)
    side = min((x1 - x0) / shape.width, (y1 - y0) / shape.height)
    side = min(side, MAX_SIDE * (1.4 if panels else 1.0))
    cx = (x0 + x1) / 2 + shape.offset[0] * side
    cy = (y0 + y1) / 2 + shape.offset[1] * side
    out: dict[Item, Rect] = {}
    for place, angle in zip(places, shape.angles, strict=True):
        px = cx + shape.radius * side * math.cos(angle)
        py = cy + shape.radius * side * math.sin(angle)
        out.update(_together(place, (px - side / 2, py - side / 2, px + side / 2, py + side / 2)))
    return out


def _together(items: list[Item], cell: Rect) -> dict[Item, Rect]:
    """``items`` in rows inside ``cell``: the whole cell for one, a small grid for more."""
    if len(items) == 1:
        return {items[0]: cell}
    cols = math.ceil(math.sqrt(len(items)))
    rows = math.ceil(len(items) / cols)
    side = (cell[2] - cell[0]) / (max(cols, rows) + 0.15 * (max(cols, rows) - 1))
    step = side * 1.15
    top = cell[1] + ((cell[3] - cell[1]) - (side + step * (rows - 1))) / 2
    out = {}
    for k, item in enumerate(items):
        r, c = divmod(k, cols)
        in_row = min(cols, len(items) - r * cols)
        left = cell[0] + ((cell[2] - cell[0]) - (side + step * (in_row - 1))) / 2
        x, y = left + c * step, top + r * step
        out[item] = (x, y, x + side, y + side)
    return out
