"""Where a diagram's words go: labels beside their things and arrow labels beside arrows.

Each text gets a box of the size its words need (:func:`~.marks.text_size`, legible at
512 px). Its place is the best of a few hundred candidates (beside the thing, level with
the labelled point; above or below it; at the picture's edge; along the arrow, on its
outer side) that keeps three rules: inside the picture, over no thing, over no other
text. Among those the shortest leader line wins, with a penalty for crossing other
things, other leader lines and arrows. When no candidate keeps the rules the text is
tried smaller (down to :data:`~.marks.MIN_TEXT`), and as a last resort the least bad
place is taken (the checker then reports it). Deterministic: no randomness.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import Rect
from .marks import MIN_TEXT, TEXT, Point, point_along, text_size

__all__ = ["ArrowText", "LabelText", "Placer", "label_reach"]

FRAME = (0.012, 0.012, 0.988, 0.988)
"""Where texts may go: the picture less a thin margin."""
ABOVE_OR_BELOW = 0.12
"""What a label above or below its thing costs over one level with its point beside it
(in picture units of leader line)."""
SHORTLIST = 40
"""How many of the cheapest candidates that keep the rules get their full cost worked out."""
SHARES = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9)
"""Where along its arrow a label is tried, the middle first."""
CLEAR = 0.012
"""Least room between a text and the thing or arrow it is beside."""


@dataclass
class ArrowText:
    """An arrow's label to place: its text, the arrow's line, and the side it prefers
    (+1: the left of the arrow's direction, -1: the right)."""

    text: str
    path: list[Point]
    side: int = 1
    box: Rect | None = None


@dataclass
class LabelText:
    """A label to place: its text, the box of the thing it names, the point its leader
    line ends at, and the box it had (kept when it still keeps the rules)."""

    text: str
    target: Rect
    anchor: Point
    box: Rect | None = None


class Placer:
    """Places texts one after another; each placed text is an obstacle for the next."""

    def __init__(self, things: Sequence[Rect], obstacles: Sequence[Rect] = ()) -> None:
        self.things = np.array(list(things) or [(-9.0, -9.0, -9.0, -9.0)], dtype=float)
        self.taken: list[Rect] = list(obstacles)
        self.leaders: list[tuple[Point, Point]] = []
        self.paths: list[list[Point]] = []
        """Every arrow's line: texts keep off them."""

    # -- rules ---------------------------------------------------------------------------
    def _clashes(self, boxes: np.ndarray) -> np.ndarray:
        """Area each candidate box shares with things and placed texts."""
        area = _overlaps(boxes, self.things).sum(axis=1)
        if self.taken:
            area += _overlaps(boxes, np.array(self.taken, dtype=float)).sum(axis=1)
        x0, y0, x1, y1 = FRAME
        out_x = np.maximum(x0 - boxes[:, 0], 0) + np.maximum(boxes[:, 2] - x1, 0)
        out_y = np.maximum(y0 - boxes[:, 1], 0) + np.maximum(boxes[:, 3] - y1, 0)
        return area + (out_x + out_y) * 0.1

    def keeps_rules(self, box: Rect) -> bool:
        """Whether ``box`` is inside the picture, over no thing and over no placed text."""
        return bool(self._clashes(np.array([box], dtype=float))[0] <= 1e-9)

    def _choose(self, boxes: np.ndarray, base: np.ndarray, extra) -> int:
        """Index of the best candidate: the rules first, then ``base`` cost plus
        ``extra(indices)`` (computed for the :data:`SHORTLIST` cheapest that keep them)."""
        clash = self._clashes(boxes)
        ok = np.flatnonzero(clash <= 1e-9)
        if ok.size == 0:
            return -1 - int(np.argmin(clash + base * 1e-3))  # least bad, flagged negative
        short = ok[np.argsort(base[ok], kind="stable")[:SHORTLIST]]
        cost = base[short] + extra(short)
        return int(short[int(np.argmin(cost))])

    def _path_hits(self, boxes: np.ndarray) -> np.ndarray:
        """``(len(boxes), len(paths))``: whether each box lies over each arrow's line."""
        if not self.paths:
            return np.zeros((len(boxes), 0), dtype=bool)
        starts, ends, owner = [], [], []
        for k, path in enumerate(self.paths):
            pts = [*path[::max(1, len(path) // 12)], path[-1]]
            for p, q in itertools.pairwise(pts):
                starts.append(p)
                ends.append(q)
                owner.append(k)
        hits = _segments_hit(np.array(starts), np.array(ends), boxes)  # (segments, boxes)
        out = np.zeros((len(boxes), len(self.paths)), dtype=bool)
        for k in range(len(self.paths)):
            out[:, k] = hits[np.array(owner) == k].any(axis=0)
        return out

    # -- arrow labels --------------------------------------------------------------------
    def place_arrow_text(self, spec: ArrowText) -> Rect:
        """A box for an arrow's label beside the middle of its line."""
        if spec.box is not None and self.keeps_rules(spec.box):
            return self._take(spec.box)
        for height in (TEXT, MIN_TEXT):
            boxes, pick = self._arrow_try(spec, height)
            if pick >= 0 or height == MIN_TEXT:
                return self._take(boxes[pick if pick >= 0 else -1 - pick])
        raise AssertionError("unreachable")

    def _arrow_try(self, spec: ArrowText, height: float) -> tuple[list[Rect], int]:
        """Candidates for an arrow's label in text of ``height``, and the pick."""
        w, h = text_size(spec.text, height)
        boxes: list[Rect] = []
        base: list[float] = []
        for share in SHARES:
            (px, py), (nx, ny) = point_along(spec.path, share)
            half = abs(nx) * w / 2 + abs(ny) * h / 2
            for side in (spec.side, -spec.side):
                for extra in (CLEAR, 2.5 * CLEAR, 5 * CLEAR, 9 * CLEAR):
                    d = side * (half + extra)
                    cx, cy = px + nx * d, py + ny * d
                    boxes.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
                    base.append(abs(share - 0.5) + extra * 3 + (side != spec.side) * 0.2)
        (px, py), _ = point_along(spec.path, 0.5)
        for reach in (0.06, 0.1, 0.15, 0.2):  # crowded: further from the arrow's middle
            for k in range(12):
                angle = math.pi * k / 6
                cx, cy = px + reach * math.cos(angle), py + reach * math.sin(angle)
                boxes.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
                base.append(1.0 + reach * 4)
        arr = np.array(boxes, dtype=float)
        own = next((k for k, p in enumerate(self.paths) if p is spec.path), None)

        def crossings(pick: np.ndarray) -> np.ndarray:
            hits = self._path_hits(arr[pick])
            weights = np.full(len(self.paths), 0.6)
            if own is not None:
                weights[own] = 5.0
            return hits @ weights

        return boxes, self._choose(arr, np.array(base), crossings)

    # -- labels --------------------------------------------------------------------------
    def place_label(self, spec: LabelText) -> Rect:
        """A box for a label beside its thing, with a short leader line to the anchor."""
        if spec.box is not None and self.keeps_rules(spec.box):
            return self._take(spec.box, spec.anchor)
        for height in (TEXT, MIN_TEXT):
            boxes, pick = self._label_try(spec, height)
            if pick >= 0 or height == MIN_TEXT:
                return self._take(boxes[pick if pick >= 0 else -1 - pick], spec.anchor)
        raise AssertionError("unreachable")

    def _label_try(self, spec: LabelText, height: float) -> tuple[list[Rect], int]:
        """Candidates for a label in text of ``height``, and the pick: the shortest leader
        line, a little more for a place off the anchor's level or on the far side, and
        more for a leader line over other things or other leader lines, or text over an
        arrow."""
        boxes, penalty = _label_candidates(spec, *text_size(spec.text, height))
        arr = np.array(boxes, dtype=float)
        ax, ay = spec.anchor
        tx = (spec.target[0] + spec.target[2]) / 2
        near = np.stack([np.clip(ax, arr[:, 0], arr[:, 2]), np.clip(ay, arr[:, 1], arr[:, 3])], 1)
        leader = np.hypot(near[:, 0] - ax, near[:, 1] - ay)
        wrong_side = ((arr[:, 0] + arr[:, 2]) / 2 - tx) * (ax - tx) < -1e-9
        base = leader + 0.05 * wrong_side + np.array(penalty)
        others = np.array(
            [t for t in self.things if tuple(t) != tuple(spec.target)] or [[-9.0] * 4]
        )

        def extra(pick: np.ndarray) -> np.ndarray:
            starts = near[pick]
            ends = np.tile(np.array(spec.anchor, dtype=float), (len(pick), 1))
            cost = 0.25 * _segments_hit(starts, ends, others).sum(axis=1)
            if self.leaders:
                p = np.array([a for a, _ in self.leaders])
                q = np.array([b for _, b in self.leaders])
                cost += 0.2 * _segments_cross(starts, ends, p, q).sum(axis=1)
            return cost + 0.3 * self._path_hits(arr[pick]).sum(axis=1)

        return boxes, self._choose(arr, base, extra)

    def _take(self, box: Rect, anchor: Point | None = None) -> Rect:
        box = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
        self.taken.append(box)
        if anchor is not None:
            start = (min(max(anchor[0], box[0]), box[2]), min(max(anchor[1], box[1]), box[3]))
            self.leaders.append((start, anchor))
        return box


def _label_candidates(spec: LabelText, w: float, h: float) -> tuple[list[Rect], list[float]]:
    """Boxes of ``w`` x ``h`` to try for a label and a cost for the kind of place: level
    with the anchor beside the thing (best: a worksheet's column of labels; a little up
    or down costs a little), above or below it, at the picture's side edges."""
    tx0, ty0, tx1, ty1 = spec.target
    ax, ay = spec.anchor
    out: list[Rect] = []
    cost: list[float] = []
    shifts = [0.0] + [s * k * h * 0.6 for k in range(1, 13) for s in (-1, 1)]
    for gap in (0.02, 0.05, 0.09):
        for dy in shifts:
            cy = ay + dy
            out.append((tx1 + gap, cy - h / 2, tx1 + gap + w, cy + h / 2))
            out.append((tx0 - gap - w, cy - h / 2, tx0 - gap, cy + h / 2))
            cost += [abs(dy) * 0.3] * 2
        for dx in (0.0, -0.5 * w, 0.5 * w, -w, w):
            cx = ax + dx
            out.append((cx - w / 2, ty0 - gap - h, cx + w / 2, ty0 - gap))
            out.append((cx - w / 2, ty1 + gap, cx + w / 2, ty1 + gap + h))
            cost += [ABOVE_OR_BELOW] * 2
    for dy in shifts:
        cy = ay + dy
        out.append((FRAME[0], cy - h / 2, FRAME[0] + w, cy + h / 2))
        out.append((FRAME[2] - w, cy - h / 2, FRAME[2], cy + h / 2))
        cost += [abs(dy) * 0.3 + 0.03] * 2
    return out, cost


def _overlaps(boxes: np.ndarray, rects: np.ndarray) -> np.ndarray:
    """``(len(boxes), len(rects))`` areas each box shares with each rect."""
    w = np.minimum(boxes[:, None, 2], rects[None, :, 2]) - np.maximum(
        boxes[:, None, 0], rects[None, :, 0]
    )
    h = np.minimum(boxes[:, None, 3], rects[None, :, 3]) - np.maximum(
        boxes[:, None, 1], rects[None, :, 1]
    )
    return np.clip(w, 0, None) * np.clip(h, 0, None)


def _segments_hit(p: np.ndarray, q: np.ndarray, rects: np.ndarray) -> np.ndarray:
    """``(len(p), len(rects))``: whether each segment ``p[i] -> q[i]`` passes through each
    rect (a vectorised slab test)."""
    d = q - p
    lo = np.zeros((len(p), len(rects)))
    hi = np.ones((len(p), len(rects)))
    for axis in (0, 1):
        start = p[:, axis][:, None]
        step = d[:, axis][:, None]
        low, high = rects[:, axis][None, :], rects[:, axis + 2][None, :]
        flat = np.abs(step) < 1e-12
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = np.where(flat, -np.inf, (low - start) / np.where(flat, 1.0, step))
            t1 = np.where(flat, np.inf, (high - start) / np.where(flat, 1.0, step))
        outside = flat & ~((low < start) & (start < high))
        lo = np.maximum(lo, np.minimum(t0, t1))
        hi = np.minimum(hi, np.maximum(t0, t1))
        hi = np.where(outside, -1.0, hi)
    return lo < hi


def _segments_cross(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``(len(a), len(c))``: whether segment ``a[i] -> b[i]`` crosses ``c[j] -> d[j]``."""

    def turn(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (
            r[..., 0] - p[..., 0]
        )

    a, b = a[:, None, :], b[:, None, :]
    c, d = c[None, :, :], d[None, :, :]
    return (turn(a, b, c) * turn(a, b, d) < 0) & (turn(c, d, a) * turn(c, d, b) < 0)


def label_reach(texts: Sequence[str]) -> float:
    """How much room beside the things labels need: the widest label and a gap."""
    return max((text_size(t)[0] for t in texts), default=0.0) + 0.05
