"""Where a diagram's marks go, given the boxes of what they join: arrows, signs, names.

One definition for the layout (which keeps room for the marks and places text beside
them), the built-in engine (which draws them at the boxes it actually drew) and the
checker (which verifies them): the functions take boxes in any unit (picture fractions
or pixels) and return points and boxes in the same unit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .blocks import Rect

Point = tuple[float, float]

TEXT = 0.036
"""Height of a line of diagram text (labels, arrow labels, names), as a share of the
picture's height: 18 px at 512 px."""
MIN_TEXT = 0.026
"""The smallest text the layout shrinks a label to when room is short (13 px at 512)."""
CHAR = 0.55
"""Average width of a character, as a share of the text's height (the engine's font)."""
PAD = 0.25
"""Padding round a text, as a share of its height."""
MAX_LINE = 0.34
"""Widest line of diagram text before it wraps, as a share of the picture."""
CURVE = 0.28
"""How far a curved arrow that is not part of a circle bows out, as a share of its length
(twice this at the middle of a quadratic curve: the control point goes this far)."""
DETOURS = (0.3, -0.3, 0.55, -0.55, 0.85, -0.85)
"""Bends tried, in order, for a straight arrow whose straight line would cross another
thing: it goes round instead."""


def text_size(text: str, height: float = TEXT, width: float = MAX_LINE) -> tuple[float, float]:
    """Estimated width and height of ``text`` in a padded box, lines of ``height``;
    text wider than ``width`` wraps at spaces onto up to three lines."""
    lines = wrapped(text, height, width)
    pad = PAD * height
    return max(len(line) for line in lines) * CHAR * height + 2 * pad, (
        len(lines) * height * 1.1 + 2 * pad
    )


def wrapped(text: str, height: float = TEXT, width: float = MAX_LINE) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (three at most)."""
    words = text.split()
    per_line = max(1, int(width / (CHAR * height)))
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = [*lines[:2], " ".join(lines[2:])]
    return lines or [text]


def group_box(rects: Sequence[Rect]) -> Rect:
    """The box round ``rects``."""
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def centre(rect: Rect) -> Point:
    """The middle of ``rect``."""
    return (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2


def grow(rect: Rect, by: float) -> Rect:
    """``rect`` grown by ``by`` on every side."""
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


def shrink(rect: Rect, share: float) -> Rect:
    """``rect`` less ``share`` of its width and height on each side."""
    dx, dy = (rect[2] - rect[0]) * share, (rect[3] - rect[1]) * share
    return (rect[0] + dx, rect[1] + dy, rect[2] - dx, rect[3] - dy)


def overlap(a: Rect, b: Rect) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def inside(p: Point, rect: Rect) -> bool:
    """Whether point ``p`` lies in ``rect``."""
    return rect[0] <= p[0] <= rect[2] and rect[1] <= p[1] <= rect[3]


def distance(p: Point, rect: Rect) -> float:
    """How far ``p`` lies outside ``rect`` (0 inside)."""
    dx = max(rect[0] - p[0], 0.0, p[0] - rect[2])
    dy = max(rect[1] - p[1], 0.0, p[1] - rect[3])
    return math.hypot(dx, dy)


# -- panels ---------------------------------------------------------------------------------
def panel_parts(box: Rect, titled: bool | str | None) -> tuple[Rect | None, Rect]:
    """A panel's title strip (None without a title) and the part its things go in (where
    its own background is painted), inside the panel's ``box``. Given the title's text, a
    title that wraps onto more lines gets a taller strip, so it is written as large as a
    one-line title ("fruit and vegetables" on a narrow panel)."""
    x0, y0, x1, y1 = box
    pad = min(0.012, 0.04 * (x1 - x0), 0.04 * (y1 - y0))
    if not titled:
        return None, (x0 + pad, y0 + pad, x1 - pad, y1 - pad)
    lines = len(wrapped(titled, TEXT, x1 - x0 - 4 * pad)) if isinstance(titled, str) else 1
    most = 0.062 + (lines - 1) * TEXT
    strip = min(max(0.15 * (y1 - y0), 0.045) + (lines - 1) * TEXT, most, 0.3 * (y1 - y0))
    title = (x0 + pad, y0 + pad, x1 - pad, y0 + pad + strip)
    return title, (x0 + pad, title[3] + pad * 0.5, x1 - pad, y1 - pad)


# -- signs and names ---------------------------------------------------------------------
def sign_box(a: Rect, b: Rect, side: float) -> Rect:
    """A square of ``side`` for the sign between two members' boxes ``a`` and ``b``: in the
    middle of the gap between them along the line joining their middles (one above the
    other, as a sum set one member per line: in the gap between the lines)."""
    (ax, ay), (bx, by) = centre(a), centre(b)
    horizontal = not _one_above(a, b) and abs(bx - ax) >= abs(by - ay)
    if horizontal:
        left, right = (a, b) if ax <= bx else (b, a)
        x = (left[2] + right[0]) / 2
        y = (ay + by) / 2
    else:
        top, bottom = (a, b) if ay <= by else (b, a)
        x = (ax + bx) / 2
        y = (top[3] + bottom[1]) / 2
    return (x - side / 2, y - side / 2, x + side / 2, y + side / 2)


def sign_side(a: Rect, b: Rect) -> float:
    """How big the sign between two members is: most of the gap, at most 0.6 of an item
    (the smaller side of the two members' first boxes)."""
    (ax, ay), (bx, by) = centre(a), centre(b)
    if not _one_above(a, b) and abs(bx - ax) >= abs(by - ay):
        gap = max(b[0] - a[2], a[0] - b[2])
    else:
        gap = max(b[1] - a[3], a[1] - b[3])
    item = min(a[2] - a[0], a[3] - a[1], b[2] - b[0], b[3] - b[1])
    return max(min(gap * 0.8, item * 0.6), item * 0.2)


def _one_above(a: Rect, b: Rect) -> bool:
    """Whether one box lies wholly above the other (they share no height)."""
    return a[3] <= b[1] or b[3] <= a[1]


def name_box(row: Sequence[Rect], width: float) -> Rect:
    """Where a pictogram row's name goes: ``width`` wide, ending a little before the row's
    first box, as high as the row."""
    first = min(row, key=lambda r: r[0])
    gap = 0.15 * (first[2] - first[0])
    top, bottom = min(r[1] for r in row), max(r[3] for r in row)
    return (first[0] - gap - width, top, first[0] - gap, bottom)


def name_width(names: Sequence[str]) -> float:
    """Room a pictogram keeps at the start of its rows for the longest of ``names``."""
    return max(text_size(n)[0] for n in names) + 0.02 if names else 0.0


# -- arrows ---------------------------------------------------------------------------------
def arrow_path(
    start: Rect,
    end: Rect,
    *,
    bend: float = 0.0,
    circle: Point | None = None,
    gap: float = 0.0,
    shift: float = 0.0,
) -> list[Point]:
    """The line of an arrow from box ``start`` to box ``end``: points from just outside
    ``start`` (``gap`` away) to just outside ``end``, where the head's tip goes.

    A straight arrow joins the middles (moved ``shift`` to the left of its direction, for
    two arrows between the same things); one with a ``bend`` bows to the left of its
    direction by that share of its length (to the right when negative); with ``circle``
    (the middle of a circle arrangement both ends are on) it follows the circle the short
    way round, so a cycle's arrows read as going round.
    """
    a, b = centre(start), centre(end)
    if circle is not None:
        points = _arc(a, b, circle)
    elif bend:
        points = _bow(a, b, bend)
    else:  # sampled, to find where it leaves the boxes; then its two ends
        length = max(math.dist(a, b), 1e-9)
        nx, ny = (b[1] - a[1]) / length * shift, -(b[0] - a[0]) / length * shift
        a, b = (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)
        points = [(a[0] + (b[0] - a[0]) * k / 32, a[1] + (b[1] - a[1]) * k / 32) for k in range(33)]
        clipped = _clip(points, grow(start, gap), grow(end, gap))
        return [clipped[0], clipped[-1]]
    return _clip(points, grow(start, gap), grow(end, gap))


def _arc(a: Point, b: Point, c: Point, steps: int = 48) -> list[Point]:
    ra, rb = math.dist(a, c), math.dist(b, c)
    if ra < 1e-9 or rb < 1e-9:
        return _bow(a, b, CURVE)
    t0 = math.atan2(a[1] - c[1], a[0] - c[0])
    t1 = math.atan2(b[1] - c[1], b[0] - c[0])
    turn = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi
    if turn <= -math.pi + 1e-9:
        turn = math.pi  # half way round: clockwise on the picture
    out = []
    for k in range(steps + 1):
        f = k / steps
        t, r = t0 + turn * f, ra + (rb - ra) * f
        out.append((c[0] + r * math.cos(t), c[1] + r * math.sin(t)))
    return out


def _bow(a: Point, b: Point, bend: float, steps: int = 32) -> list[Point]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    mx, my = (a[0] + b[0]) / 2 + dy * bend, (a[1] + b[1]) / 2 - dx * bend
    out = []
    for k in range(steps + 1):
        f = k / steps
        out.append(
            (
                (1 - f) ** 2 * a[0] + 2 * (1 - f) * f * mx + f * f * b[0],
                (1 - f) ** 2 * a[1] + 2 * (1 - f) * f * my + f * f * b[1],
            )
        )
    return out


def _clip(points: list[Point], start: Rect, end: Rect) -> list[Point]:
    """``points`` from where they leave ``start`` to where they enter ``end``."""
    first = next((i for i, p in enumerate(points) if not inside(p, start)), None)
    last = next((i for i in range(len(points) - 1, -1, -1) if not inside(points[i], end)), None)
    if first is None or last is None or first > last:
        return [points[0], points[-1]]  # the boxes overlap: join the middles
    head = _cross(points[first - 1], points[first], start) if first > 0 else points[first]
    tail = _cross(points[last + 1], points[last], end) if last + 1 < len(points) else points[last]
    return [head, *points[first : last + 1], tail]


def _cross(inner: Point, outer: Point, rect: Rect) -> Point:
    """The point where the segment from ``inner`` (in ``rect``) to ``outer`` leaves it."""
    lo, hi = 0.0, 1.0
    for _ in range(24):
        mid = (lo + hi) / 2
        p = (inner[0] + (outer[0] - inner[0]) * mid, inner[1] + (outer[1] - inner[1]) * mid)
        lo, hi = (mid, hi) if inside(p, rect) else (lo, mid)
    return (inner[0] + (outer[0] - inner[0]) * hi, inner[1] + (outer[1] - inner[1]) * hi)


def path_length(points: Sequence[Point]) -> float:
    """The length of a polyline."""
    return sum(math.dist(p, q) for p, q in itertools.pairwise(points))


def point_along(points: Sequence[Point], share: float) -> tuple[Point, Point]:
    """The point ``share`` of the way along a polyline and the unit normal to its left."""
    total = path_length(points)
    want, run = total * min(max(share, 0.0), 1.0), 0.0
    for p, q in itertools.pairwise(points):
        step = math.dist(p, q)
        if run + step >= want and step > 0:
            f = (want - run) / step
            x, y = p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
            return (x, y), ((q[1] - p[1]) / step, -(q[0] - p[0]) / step)
        run += step
    p, q = points[0], points[-1]
    d = max(math.dist(p, q), 1e-9)
    return q, ((q[1] - p[1]) / d, -(q[0] - p[0]) / d)


def segment_hits(p: Point, q: Point, rect: Rect) -> bool:
    """Whether the segment from ``p`` to ``q`` passes through ``rect``."""
    x0, y0, x1, y1 = rect
    lo, hi = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, start, low, high in ((dx, p[0], x0, x1), (dy, p[1], y0, y1)):
        if abs(d) < 1e-12:
            if not low < start < high:
                return False
            continue
        t0, t1 = (low - start) / d, (high - start) / d
        if t0 > t1:
            t0, t1 = t1, t0
        lo, hi = max(lo, t0), min(hi, t1)
        if lo >= hi:
            return False
    return True
