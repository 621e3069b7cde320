"""Room between things for the words of the arrows that join them.

The ordinary layout packs things in no arrangement close together; an arrow between two
of them with a label ("eaten by") needs its words between them. :func:`spread` moves
groups of things apart (a thing and what rests on, in or under it move together, so
relations hold), keeping their sizes, until each labelled arrow's gap holds its words,
then shrinks the whole back into its region if it must. Where things stand on a ground,
groups move only sideways and the shrinking keeps every thing on its side of the horizon:
standing things keep their feet, things in the sky their middle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..scene import Arrow, Relation
from .blocks import ATTACH, Rect
from .marks import centre, group_box, text_size

Key = tuple[str, int]

MOST = 2.0
"""The furthest groups are moved apart, as a factor of their distances."""
ROOM = 0.05
"""Least length of an arrow between two things, as a share of the picture."""


def spread(
    rects: dict[Key, Rect],
    arrows: Sequence[Arrow],
    relations: Sequence[Relation],
    region: Rect,
    *,
    line: float | None,
) -> dict[Key, Rect]:
    """``rects`` with groups moved apart so that every labelled arrow between two of
    their things has room for its words (sideways only when things stand on a ground
    whose horizon is at ``line``; None: no ground)."""
    ids = {key[0] for key in rects}
    words = [a for a in arrows if a.label and a.start in ids and a.end in ids]
    if not words:
        return rects
    group = _groups(ids, relations)
    boxes = {eid: group_box([r for k, r in rects.items() if k[0] == eid]) for eid in ids}
    factor = 1.0
    for arrow in words:
        (ax, ay), (bx, by) = centre(boxes[arrow.start]), centre(boxes[arrow.end])
        if group[arrow.start] == group[arrow.end] or math.hypot(bx - ax, by - ay) < 1e-9:
            continue
        length = math.hypot(bx - ax, by - ay)
        w, h = text_size(arrow.label or "")
        across = abs(bx - ax) / length  # 1 for a level arrow: its words lie along it
        need = ROOM + (w * across + h * (1 - across)) * 0.6
        gap = _gap(boxes[arrow.start], boxes[arrow.end], (ax, ay), (bx, by))
        if gap < need:
            factor = max(factor, min((length + need - gap) / length, MOST))
    if factor <= 1.0:
        return rects
    grounded = line is not None
    middles = {
        g: centre(group_box([boxes[e] for e in ids if group[e] == g])) for g in set(group.values())
    }
    mx = sum(p[0] for p in middles.values()) / len(middles)
    my = sum(p[1] for p in middles.values()) / len(middles)
    moved = {}
    for key, r in rects.items():
        gx, gy = middles[group[key[0]]]
        dx = (gx - mx) * (factor - 1)
        dy = 0.0 if grounded else (gy - my) * (factor - 1)
        moved[key] = (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy)
    return _fit(moved, region, line)


def _groups(ids: set[str], relations: Sequence[Relation]) -> dict[str, str]:
    """Each thing's group: things joined by on, in, under, in front of, behind, holding."""
    group = {eid: eid for eid in ids}

    def find(e: str) -> str:
        while group[e] != e:
            e = group[e]
        return e

    for rel in relations:
        if rel.predicate in ATTACH and rel.subject in ids and rel.object in ids:
            group[find(rel.subject)] = find(rel.object)
    return {eid: find(eid) for eid in ids}


def _gap(a: Rect, b: Rect, pa: tuple[float, float], pb: tuple[float, float]) -> float:
    """How much of the line between the middles ``pa`` and ``pb`` of boxes ``a`` and
    ``b`` lies outside both."""
    length = math.dist(pa, pb)
    ux, uy = (pb[0] - pa[0]) / length, (pb[1] - pa[1]) / length
    inside = 0.0
    for box in (a, b):
        half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
        tx = half_w / abs(ux) if abs(ux) > 1e-9 else math.inf
        ty = half_h / abs(uy) if abs(uy) > 1e-9 else math.inf
        inside += min(tx, ty)
    return max(length - inside, 0.0)


def _fit(rects: dict[Key, Rect], region: Rect, line: float | None) -> dict[Key, Rect]:
    """``rects`` shrunk about the middle of ``region`` if they no longer fit in it; on a
    ground (horizon at ``line``) they are only moved in sideways, each drawn smaller
    about its feet below the horizon or its middle above it, so that nothing crosses it."""
    x0, y0, x1, y1 = group_box(list(rects.values()))
    rx0, ry0, rx1, ry1 = region
    scale = min(1.0, (rx1 - rx0) / (x1 - x0), (ry1 - ry0) / (y1 - y0))
    cx = (rx0 + rx1) / 2
    ox = cx - (x0 + x1) / 2 * scale
    oy = (ry0 + ry1) / 2 - (y0 + y1) / 2 * scale
    out = {}
    for key, (a, b, c, d) in rects.items():
        if line is None:
            out[key] = (ox + a * scale, oy + b * scale, ox + c * scale, oy + d * scale)
            continue
        mx, half = ox + (a + c) / 2 * scale, (c - a) * scale / 2
        tall = (d - b) * scale
        foot = d if d > line else (b + d) / 2 + tall / 2  # above the horizon: its middle
        out[key] = (mx - half, foot - tall, mx + half, foot)
    return out
