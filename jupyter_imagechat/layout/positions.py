"""Places in the picture a prompt names: "a cat at the bottom right", "a sun in the top left
corner", "a tree on the left side of the picture".

The planner keeps such a place as the thing's ``position`` attribute (``left``, ``right``,
``top``, ``bottom``, ``center`` or a corner such as ``top left``). After a new scene is
packed (:mod:`.layout`), :func:`honour_positions` moves each such thing, with whatever rests
on, in or under it, towards that part of the picture: all the way when the spot is free,
else as far as it goes without running into other things. The place was asked for, so a
thing that stands on the ground is lifted to the top when the prompt says so.
"""

from __future__ import annotations

from .blocks import Rect, overlap_area

TARGETS: dict[str, tuple[float | None, float | None]] = {
    "left": (0.22, None), "right": (0.78, None), "top": (None, 0.2), "bottom": (None, 0.8),
    "center": (0.5, 0.5), "top left": (0.22, 0.2), "top right": (0.78, 0.2),
    "bottom left": (0.22, 0.8), "bottom right": (0.78, 0.8),
}  # fmt: skip
"""Position -> where the centre of the thing should go (None: keep that coordinate)."""
MAX_SHARE = 0.5
"""Largest share of the picture's width (height) a thing sent to a side (corner) keeps."""
STEPS = (1.0, 0.75, 0.5, 0.25)
"""Shares of the way tried, longest first, until the moved thing overlaps nothing new."""


def shelf_rank(position: str | None) -> int:
    """Which shelf of the packing a thing goes on: 0 (the first, highest) for a place at
    the top, 2 (the last) at the bottom, else 1, so "flowers in the top right" are not
    packed under the things that stand on the ground."""
    ty = TARGETS.get(position or "", (None, None))[1]
    return 1 if ty is None or ty == 0.5 else (0 if ty < 0.5 else 2)


def packing_rank(position: str | None) -> int:
    """Where a thing goes in the packing order: 0 for a place on the left, 2 on the right,
    else 1, so "a house on the right and a dog" packs the dog first."""
    tx = TARGETS.get(position or "", (None, None))[0]
    return 1 if tx is None or tx == 0.5 else (0 if tx < 0.5 else 2)


def honour_positions(
    positions: dict[str, str],
    members: dict[str, set[str]],
    rects: dict[tuple[str, int], Rect],
    area: Rect,
) -> dict[tuple[str, int], Rect]:
    """Return ``rects`` with each positioned group moved towards its place.

    Parameters
    ----------
    positions : dict
        Entity id -> ``position`` value, for the things not attached to another.
    members : dict
        Entity id -> the ids that move with it (itself and what is attached to it).
    rects : dict
        ``(entity id, instance) -> box`` of the packed layout.
    area : Rect
        Where boxes may go.
    """
    out = dict(rects)
    for eid, where in positions.items():
        tx, ty = TARGETS.get(where, (None, None))
        group = members.get(eid, {eid})
        keys = [k for k in out if k[0] in group]
        if not keys or (tx is None and ty is None):
            continue
        _shrink(keys, out, area, tx is not None, ty is not None)
        x0 = min(out[k][0] for k in keys)
        y0 = min(out[k][1] for k in keys)
        x1 = max(out[k][2] for k in keys)
        y1 = max(out[k][3] for k in keys)
        dx = 0.0 if tx is None else _towards(tx, x0, x1, area[0], area[2])
        dy = 0.0 if ty is None else _towards(ty, y0, y1, area[1], area[3])
        others = [r for k, r in out.items() if k[0] not in group]
        before = _clash(keys, out, others, 0.0, 0.0)
        for share in STEPS:
            if _clash(keys, out, others, dx * share, dy * share) <= before + 1e-9:
                for k in keys:
                    a, b, c, d = out[k]
                    out[k] = (a + dx * share, b + dy * share, c + dx * share, d + dy * share)
                break
    return out


def _shrink(
    keys: list[tuple[str, int]], rects: dict[tuple[str, int], Rect], area: Rect, wide: bool,
    tall: bool,
) -> None:
    """Scale the group down (about its centre) to at most :data:`MAX_SHARE` of the picture
    along the axes it moves on, so "a dog in the top left corner" can get there."""
    x0, y0 = min(rects[k][0] for k in keys), min(rects[k][1] for k in keys)
    x1, y1 = max(rects[k][2] for k in keys), max(rects[k][3] for k in keys)
    limits = [1.0]
    if wide:
        limits.append(MAX_SHARE * (area[2] - area[0]) / max(x1 - x0, 1e-9))
    if tall:
        limits.append(MAX_SHARE * (area[3] - area[1]) / max(y1 - y0, 1e-9))
    k = min(limits)
    if k >= 1.0:
        return
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for key in keys:
        a, b, c, d = rects[key]
        rects[key] = (cx + (a - cx) * k, cy + (b - cy) * k, cx + (c - cx) * k, cy + (d - cy) * k)


def _towards(target: float, lo: float, hi: float, low: float, high: float) -> float:
    """Shift that puts the span ``lo..hi`` centred on ``target``, kept within low..high."""
    shift = target - (lo + hi) / 2
    return min(max(shift, low - lo), high - hi)


def _clash(
    keys: list[tuple[str, int]],
    rects: dict[tuple[str, int], Rect],
    others: list[Rect],
    dx: float,
    dy: float,
) -> float:
    """Area the group's boxes, moved by (dx, dy), share with the other boxes."""
    total = 0.0
    for k in keys:
        a, b, c, d = rects[k]
        moved = (a + dx, b + dy, c + dx, d + dy)
        total += sum(overlap_area(moved, o) for o in others)
    return total
