"""Where a new block fits in an edited picture: a search over candidate spots.

:func:`free_spot` is the ordering half of placing new things among kept ones (the solver
of :mod:`.fill` then settles the spot exactly): it tries a grid of positions in the area
and takes the one that keeps most of the block's relations to things already there with a
gap, overlaps nothing, and lies nearest the ideal point; if nothing is free it shrinks the
block, and overlaps only as a last resort. A ``band`` keeps the block's feet (a standing
thing's bottom) between two heights: on the ground band, or above an indoor floor.
"""

from __future__ import annotations

import math

from .blocks import GAP, STEPS, Rect, overlap_area, overlaps
from .positions import TARGETS

Wants = list[tuple[str, Rect]]
"""(predicate, box of the other thing) pairs the new block should keep."""


def ideal_point(
    position: str | None, wants: Wants, w: float, h: float, area: Rect
) -> tuple[float, float]:
    """Where a ``w`` x ``h`` block would best go: beside the things it relates to, or at
    its named place in the picture, or the middle of the area."""
    g = GAP * 0.5 * w
    points = []
    for pred, (x0, y0, x1, y1) in wants:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        points.append(
            {
                "left of": (x0 - g - w / 2, cy),
                "right of": (x1 + g + w / 2, cy),
                "above": (cx, y0 - g - h / 2),
                "below": (cx, y1 + g + h / 2),
            }.get(pred, (x1 + g + w / 2, cy))
        )
    if points:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    tx, ty = TARGETS.get(position or "", (None, None))
    fx, fy = 0.5 if tx is None else tx, 0.5 if ty is None else ty
    return area[0] + fx * (area[2] - area[0]), area[1] + fy * (area[3] - area[1])


def satisfied(pred: str, r: Rect, other: Rect, gap: float) -> int:
    """2 when ``r`` stands in ``pred`` to ``other`` with a gap, 1 by centres only, else 0."""
    cx, cy = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2
    ox, oy = (other[0] + other[2]) / 2, (other[1] + other[3]) / 2
    if pred == "next to":
        near = abs(cx - ox) <= 1.5 * max(r[2] - r[0], other[2] - other[0])
        return 2 if near and not overlaps(r, other) else 0
    strict, loose = {
        "left of": (r[2] + gap <= other[0], cx < ox),
        "right of": (r[0] >= other[2] + gap, cx > ox),
        "above": (r[3] + gap <= other[1], cy < oy),
        "below": (r[1] >= other[3] + gap, cy > oy),
    }.get(pred, (True, True))
    return 2 if strict else int(loose)


def free_spot(
    w: float,
    h: float,
    wants: Wants,
    ideal: tuple[float, float],
    obstacles: list[Rect],
    area: Rect,
    band: tuple[float, float, float] | None = None,
) -> tuple[float, float, float]:
    """Best spot for a ``w`` x ``h`` block: returns its top left and how much it was
    shrunk (1.0: not at all).

    ``band`` = (feet, low, high): the block's row ``y + feet * h`` must lie between
    ``low`` and ``high`` (its standing things' bottoms on the ground band).
    """
    ax0, ay0, ax1, ay1 = area
    shrink = min(1.0, (ax1 - ax0) / w, (ay1 - ay0) / h)
    free: tuple[float, float, float] | None = None
    least: tuple[float, int, float, float, float, float] | None = None
    for attempt in range(6):
        bw, bh = w * shrink, h * shrink
        lo, hi = ay0, ay1 - bh
        if band is not None:
            feet, low, high = band
            lo, hi = max(lo, low - feet * bh), min(hi, high - feet * bh)
        if hi < lo - 1e-9:  # too tall for the band: smaller
            shrink *= 0.8
            continue
        best: tuple[int, float, float, float] | None = None
        gap = GAP * 0.3 * bw
        last = attempt == 5 and free is None
        for gx in range(STEPS + 1):
            x = ax0 + (ax1 - ax0 - bw) * gx / STEPS
            for gy in range(STEPS + 1):
                y = lo + (hi - lo) * gy / STEPS
                r = (x, y, x + bw, y + bh)
                blocked = any(overlaps(r, o) for o in obstacles)
                if blocked and not last:
                    continue
                grade = sum(2 - satisfied(p, r, o, gap) for p, o in wants)
                dist = math.hypot(x + bw / 2 - ideal[0], y + bh / 2 - ideal[1])
                if not blocked:
                    if best is None or (grade, dist) < best[:2]:
                        best = (grade, dist, x, y)
                    continue
                clash = sum(overlap_area(r, o) for o in obstacles)
                if least is None or (clash, grade, dist) < least[:3]:
                    least = (clash, grade, dist, x, y, shrink)
        if best is not None and (best[0] == 0 or attempt == 5):
            return best[2], best[3], shrink
        if best is not None and free is None:
            free = (best[2], best[3], shrink)
        shrink *= 0.8
    if free is not None:
        return free
    if least is not None:
        return least[3], least[4], least[5]
    return ax0, max(ay0, ay1 - h * shrink), shrink
