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
from .marks import MAX_LINE, MIN_TEXT, TEXT, Point, point_along, text_size

__all__ = ["ArrowText", "LabelText", "Placer", "label_reach", "natural_side"]

FRAME = (0.012, 0.012, 0.988, 0.988)
"""Where texts may go: the picture less a thin margin."""
ABOVE_OR_BELOW = 0.12
"""What a label off its natural side costs (in picture units of leader line): above or
below a thing for a point on its side, beside it for a point at its top or bottom."""
EDGE = 0.85
"""A label's point this far down its thing (or this far up) is at its bottom (top)."""
SIDES = ("left", "right", "above", "below")
SHORTLIST = 40
"""How many of the cheapest candidates that keep the rules get their full cost worked out."""
SHARES = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9)
"""Where along its arrow a label is tried, the middle first."""
CLEAR = 0.012
"""Least room between a text and the thing or arrow it is beside."""
MISLEADING = 0.15
"""What a label costs (in picture units of leader line) when it sits under or over
another thing, nearer to it than to its own: in a crowded row it reads as that thing's
name, so it goes over its own thing instead ("car" under the aeroplane)."""


@dataclass
class ArrowText:
    """An arrow's label to place: its text, the arrow's line, and the side it prefers
    (+1: the left of the arrow's direction, -1: the right)."""

    text: str
    path: list[Point]
    side: int = 1
    box: Rect | None = None
    width: float = MAX_LINE
    """The widest line before the text wraps."""


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
        self._segments: tuple[np.ndarray, np.ndarray, np.ndarray, int] | None = None

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
        best, best_cost, start = int(short[0]), np.inf, 0
        for size in (1, 4, SHORTLIST):  # the cheapest often wins outright: look no further
            batch = short[start : start + size]
            if not len(batch) or base[batch[0]] >= best_cost:
                break
            cost = base[batch] + extra(batch)
            k = int(np.argmin(cost))
            if cost[k] < best_cost:
                best, best_cost = int(batch[k]), float(cost[k])
            start += size
        return best

    def _path_hits(self, boxes: np.ndarray) -> np.ndarray:
        """``(len(boxes), len(paths))``: whether each box lies over each arrow's line."""
        if not self.paths:
            return np.zeros((len(boxes), 0), dtype=bool)
        if self._segments is None or self._segments[3] != len(self.paths):
            firsts: list[Point] = []
            lasts: list[Point] = []
            owners: list[int] = []
            for k, path in enumerate(self.paths):
                pts = [*path[:: max(1, len(path) // 12)], path[-1]]
                for p, q in itertools.pairwise(pts):
                    firsts.append(p)
                    lasts.append(q)
                    owners.append(k)
            self._segments = (np.array(firsts), np.array(lasts), np.array(owners), len(self.paths))
        starts, ends, owner, count = self._segments
        hits = _segments_hit(starts, ends, boxes)  # (segments, boxes)
        out = np.zeros((len(boxes), count), dtype=bool)
        for k in range(count):
            out[:, k] = hits[owner == k].any(axis=0)
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
        w, h = text_size(spec.text, height, spec.width)
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
                x0, y0, x1, y1 = boxes[pick if pick >= 0 else -1 - pick]
                return self._take((float(x0), float(y0), float(x1), float(y1)), spec.anchor)
        raise AssertionError("unreachable")

    def _label_try(self, spec: LabelText, height: float) -> tuple[np.ndarray, int]:
        """Candidates for a label in text of ``height``, and the pick: the shortest leader
        line, a little more for a place off the anchor's level or on the far side, and
        more for a leader line over other things or other leader lines, or text over an
        arrow."""
        arr, penalty = _label_candidates(spec, *text_size(spec.text, height))
        ax, ay = spec.anchor
        tx = (spec.target[0] + spec.target[2]) / 2
        near = np.stack([np.clip(ax, arr[:, 0], arr[:, 2]), np.clip(ay, arr[:, 1], arr[:, 3])], 1)
        leader = np.hypot(near[:, 0] - ax, near[:, 1] - ay)
        wrong_side = ((arr[:, 0] + arr[:, 2]) / 2 - tx) * (ax - tx) < -1e-9
        others = self.things[~np.all(np.abs(self.things - np.array(spec.target)) < 1e-9, axis=1)]
        if not len(others):
            others = np.full((1, 4), -9.0)
        base = leader + 0.05 * wrong_side + penalty + MISLEADING * _names_other(arr, spec, others)

        def extra(pick: np.ndarray) -> np.ndarray:
            starts = near[pick]
            ends = np.tile(np.array(spec.anchor, dtype=float), (len(pick), 1))
            cost = 0.25 * _segments_hit(starts, ends, others).sum(axis=1)
            if self.leaders:
                p = np.array([a for a, _ in self.leaders])
                q = np.array([b for _, b in self.leaders])
                cost += 0.2 * _segments_cross(starts, ends, p, q).sum(axis=1)
            if self.taken:  # a leader line through another word
                words = np.array(self.taken, dtype=float)
                cost += 0.3 * _segments_hit(starts, ends, words).sum(axis=1)
            return cost + 0.3 * self._path_hits(arr[pick]).sum(axis=1)

        return arr, self._choose(arr, base, extra)

    def _take(self, box: Rect, anchor: Point | None = None) -> Rect:
        box = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
        self.taken.append(box)
        if anchor is not None:
            start = (min(max(anchor[0], box[0]), box[2]), min(max(anchor[1], box[1]), box[3]))
            self.leaders.append((start, anchor))
        return box


def _names_other(boxes: np.ndarray, spec: LabelText, others: np.ndarray) -> np.ndarray:
    """Whether each candidate box lies right under or over another of ``others`` (its
    middle within that thing's width, not within its own thing's) and nearer to it than
    to its own thing."""
    cx = (boxes[:, 0] + boxes[:, 2]) / 2
    cy = (boxes[:, 1] + boxes[:, 3]) / 2
    t = spec.target
    own = np.hypot(cx - (t[0] + t[2]) / 2, cy - (t[1] + t[3]) / 2)
    ox, oy = (others[:, 0] + others[:, 2]) / 2, (others[:, 1] + others[:, 3]) / 2
    near = np.hypot(cx[:, None] - ox[None, :], cy[:, None] - oy[None, :])
    over = (others[None, :, 0] <= cx[:, None]) & (cx[:, None] <= others[None, :, 2])
    aside = (cx < t[0]) | (cx > t[2])  # under its own thing, it names that one
    return aside & (over & (near < own[:, None])).any(axis=1)


def natural_side(anchor: Point) -> str:
    """Where a label goes by nature, from the point of its thing it names (0..1 of the
    thing's box): ``"above"`` or ``"below"`` for a point at the top or bottom edge (a
    planet's name under it), else ``"left"`` or ``"right"``, the nearer side."""
    ax, ay = anchor
    if ay >= EDGE:
        return "below"
    if ay <= 1 - EDGE:
        return "above"
    return "left" if ax < 0.5 else "right"


def _label_candidates(spec: LabelText, w: float, h: float) -> tuple[np.ndarray, np.ndarray]:
    """Boxes of ``w`` x ``h`` to try for a label and a cost for the kind of place: on the
    label's natural side (:func:`natural_side`) level with its point (best: a worksheet's
    column of labels, or a row of names under a row of things; a little off level costs
    a little), on the other sides, at the picture's side edges."""
    tx0, ty0, tx1, ty1 = spec.target
    ax, ay = spec.anchor
    rel = ((ax - tx0) / max(tx1 - tx0, 1e-9), (ay - ty0) / max(ty1 - ty0, 1e-9))
    side = natural_side(rel)
    off = {s: 0.0 if s == side else ABOVE_OR_BELOW for s in SIDES}
    if side in ("left", "right"):  # a label level with its point may go either side
        off["left"] = off["right"] = 0.0
    gaps = np.array([0.02, 0.05, 0.09])
    k = np.arange(1, 13) * h * 0.6
    shifts = np.concatenate([[0.0], np.ravel(np.stack([-k, k], axis=1))])
    g, dy = (a.ravel() for a in np.meshgrid(gaps, shifts, indexing="ij"))
    cy = ay + dy
    level = abs(dy) * 0.3
    parts = [
        (np.stack([tx1 + g, cy - h / 2, tx1 + g + w, cy + h / 2], 1), level + off["right"]),
        (np.stack([tx0 - g - w, cy - h / 2, tx0 - g, cy + h / 2], 1), level + off["left"]),
    ]
    g, dx = (a.ravel() for a in np.meshgrid(gaps, np.array([0.0, -0.5, 0.5, -1.0, 1.0]) * w))
    cx, near = ax + dx, abs(dx) * 0.3 + (g - 0.02)
    parts += [
        (np.stack([cx - w / 2, ty0 - g - h, cx + w / 2, ty0 - g], 1), near + off["above"]),
        (np.stack([cx - w / 2, ty1 + g, cx + w / 2, ty1 + g + h], 1), near + off["below"]),
    ]
    cy, edge = ay + shifts, abs(shifts) * 0.3 + 0.03
    ones = np.ones_like(cy)
    parts += [
        (np.stack([FRAME[0] * ones, cy - h / 2, FRAME[0] + w + 0 * cy, cy + h / 2], 1),
         edge + off["left"]),
        (np.stack([FRAME[2] - w + 0 * cy, cy - h / 2, FRAME[2] * ones, cy + h / 2], 1),
         edge + off["right"]),
    ]  # fmt: skip
    return np.concatenate([p for p, _ in parts]), np.concatenate([c for _, c in parts])


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
