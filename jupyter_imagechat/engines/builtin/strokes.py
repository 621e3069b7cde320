"""Smooth lines for diagrams: arrows with heads, leader lines with a dot, signs.

Pillow draws lines without anti-aliasing; a diagram's thin lines would look jagged. Each
mark is drawn three times larger on a small transparent layer just big enough for it,
shrunk with a box filter and laid over the picture: smooth edges at a fraction of the
cost of a whole-picture layer.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PIL import Image, ImageDraw

Point = tuple[float, float]
RGB = tuple[int, int, int]

FACTOR = 3
"""How much larger marks are drawn before they are shrunk onto the picture."""
BIG = 400_000
"""A mark over more pixels than this is drawn only twice as large (over four times
this, at its size): a cycle's arrow on a 2048 px picture stays a few MB."""


class Mark:
    """One mark (an arrow, a sign...) drawn smooth over ``bounds`` (pixels) of a picture."""

    def __init__(self, canvas: Image.Image, bounds: tuple[float, float, float, float]) -> None:
        width, height = canvas.size
        x0, y0 = max(math.floor(bounds[0]) - 2, 0), max(math.floor(bounds[1]) - 2, 0)
        x1 = min(math.ceil(bounds[2]) + 2, width)
        y1 = min(math.ceil(bounds[3]) + 2, height)
        self.canvas, self.origin = canvas, (x0, y0)
        self.size = (max(x1 - x0, 1), max(y1 - y0, 1))
        area = self.size[0] * self.size[1]
        self.factor = FACTOR if area <= BIG else 2 if area <= 4 * BIG else 1
        self.layer = Image.new("RGBA", (self.size[0] * self.factor, self.size[1] * self.factor))
        self.draw = ImageDraw.Draw(self.layer)

    def _at(self, p: Point) -> Point:
        f = self.factor
        return ((p[0] - self.origin[0]) * f, (p[1] - self.origin[1]) * f)

    def line(self, points: Sequence[Point], width: float, colour: RGB) -> None:
        """A line through ``points``, ``width`` pixels wide, with round ends: one filled
        outline (a curve of many points costs no more than a straight line)."""
        pts = [self._at(p) for p in points]
        r = max(1, round(width * self.factor)) / 2
        self.draw.polygon(_outline(pts, r), fill=(*colour, 255))
        for x, y in (pts[0], pts[-1]):
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 255))

    def polygon(self, points: Sequence[Point], colour: RGB) -> None:
        """A filled polygon."""
        self.draw.polygon([self._at(p) for p in points], fill=(*colour, 255))

    def dot(self, centre: Point, radius: float, colour: RGB) -> None:
        """A filled circle."""
        x, y = self._at(centre)
        r = radius * self.factor
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 255))

    def done(self) -> None:
        """Shrink the mark and lay it over the picture."""
        small = self.layer.reduce(self.factor) if self.factor > 1 else self.layer
        self.canvas.paste(small, self.origin, small)


def _outline(points: Sequence[Point], half: float) -> list[Point]:
    """The outline of a line ``2 * half`` wide along ``points``: its left edge out, its
    right edge back (each point moved along the mean of its segments' normals)."""
    pts = [p for i, p in enumerate(points) if i == 0 or math.dist(p, points[i - 1]) > 1e-6]
    if len(pts) < 2:
        x, y = points[0]
        return [(x - half, y - half), (x + half, y - half), (x + half, y + half)]
    normals = []
    for p, q in itertools.pairwise(pts):
        d = math.dist(p, q)
        normals.append(((q[1] - p[1]) / d, -(q[0] - p[0]) / d))
    left, right = [], []
    for i, (x, y) in enumerate(pts):
        ns = normals[max(i - 1, 0) : i + 1]
        nx, ny = sum(n[0] for n in ns), sum(n[1] for n in ns)
        norm = max(math.hypot(nx, ny), 1e-9)
        scale = half / max(norm / len(ns), 0.5)  # keep the width at a bend
        nx, ny = nx / norm * scale, ny / norm * scale
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    return left + right[::-1]


def bounds_of(points: Sequence[Point], pad: float) -> tuple[float, float, float, float]:
    """The box round ``points``, ``pad`` wider on every side."""
    return (
        min(p[0] for p in points) - pad,
        min(p[1] for p in points) - pad,
        max(p[0] for p in points) + pad,
        max(p[1] for p in points) + pad,
    )


def head_points(tip: Point, before: Point, length: float) -> list[Point]:
    """The triangle of an arrow's head at ``tip``, pointing away from ``before``."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    norm = max(math.hypot(dx, dy), 1e-9)
    ux, uy = dx / norm, dy / norm
    bx, by = tip[0] - ux * length, tip[1] - uy * length
    half = length * 0.55
    return [tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]


def trimmed(points: Sequence[Point], length: float) -> list[Point]:
    """``points`` less ``length`` at the end (where the head goes), so the line stops
    inside the head instead of poking through its tip."""
    out = list(points)
    left = length
    while len(out) > 1:
        p, q = out[-2], out[-1]
        step = math.dist(p, q)
        if step > left:
            f = (step - left) / step
            out[-1] = (p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f)
            return out
        left -= step
        out.pop()
    return out


def draw_arrow(canvas: Image.Image, points: Sequence[Point], width: float, colour: RGB) -> None:
    """An arrow along ``points`` with a filled head at the last point."""
    head = max(width * 3.6, 7.0)
    path_len = sum(math.dist(p, q) for p, q in itertools.pairwise(points))
    head = min(head, path_len * 0.6)
    mark = Mark(canvas, bounds_of(points, head + width))
    tip = points[-1]
    before = _back_along(points, head)
    body = trimmed(points, head * 0.7)
    if len(body) >= 2:
        mark.line(body, width, colour)
    mark.polygon(head_points(tip, before, head), colour)
    mark.done()


def _back_along(points: Sequence[Point], length: float) -> Point:
    """The point ``length`` back along the line from its end (for the head's direction)."""
    left = length
    for p, q in zip(reversed(points[:-1]), reversed(points[1:]), strict=False):
        step = math.dist(p, q)
        if step >= left and step > 0:
            f = left / step
            return (q[0] + (p[0] - q[0]) * f, q[1] + (p[1] - q[1]) * f)
        left -= step
    return points[0]


def draw_leader(
    canvas: Image.Image, start: Point, anchor: Point, width: float, colour: RGB
) -> None:
    """A leader line from a label to the point it names, with a dot on that point."""
    radius = max(width * 1.6, 2.2)
    mark = Mark(canvas, bounds_of([start, anchor], radius + width))
    mark.line([start, anchor], width, colour)
    mark.dot(anchor, radius, colour)
    mark.done()


def draw_sign(
    canvas: Image.Image, sign: str, box: tuple[float, float, float, float], colour: RGB
) -> None:
    """One of ``+ - × ÷ = → < >`` drawn with strokes (no font needed) to fill ``box``."""
    x0, y0, x1, y1 = box
    side = min(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r, w = side * 0.36, max(side * 0.11, 2.0)
    mark = Mark(canvas, (cx - r - w, cy - r - w, cx + r + w, cy + r + w))
    flat = [(cx - r, cy), (cx + r, cy)]
    if sign in ("+", "-", "÷"):
        mark.line(flat, w, colour)
    if sign == "+":
        mark.line([(cx, cy - r), (cx, cy + r)], w, colour)
    elif sign == "÷":
        for dy in (-r * 0.62, r * 0.62):
            mark.dot((cx, cy + dy), w * 0.75, colour)
    elif sign == "×":
        d = r * 0.78
        mark.line([(cx - d, cy - d), (cx + d, cy + d)], w, colour)
        mark.line([(cx - d, cy + d), (cx + d, cy - d)], w, colour)
    elif sign == "=":
        for dy in (-r * 0.36, r * 0.36):
            mark.line([(cx - r, cy + dy), (cx + r, cy + dy)], w, colour)
    elif sign == "→":
        mark.line([(cx - r, cy), (cx + r * 0.4, cy)], w, colour)
        mark.polygon(head_points((cx + r, cy), (cx - r, cy), r * 0.8), colour)
    elif sign in ("<", ">"):
        tip, back = (cx - r * 0.7, cx + r * 0.7) if sign == "<" else (cx + r * 0.7, cx - r * 0.7)
        mark.line([(back, cy - r * 0.8), (tip, cy), (back, cy + r * 0.8)], w, colour)
    mark.done()
