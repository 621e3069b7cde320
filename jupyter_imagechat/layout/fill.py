"""Layout of an edited scene: kept boxes stay, new things are fitted into free space.

:func:`fill` is what :func:`.layout.arrange` uses when some boxes already exist (an edit):
it places each new entity, partners first, at the candidate position that keeps most of
its relations and overlaps least, scaled like the things already there.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from ..scene import Entity, SceneGraph
from ..vocab.world import horizon, stands_on_ground
from .blocks import (
    ATTACH,
    GAP,
    MAX_SCALE,
    REST,
    STEPS,
    Rect,
    attach_blocks,
    block_size,
    clamp,
    fit_shift,
    instance_rects,
    overlap_area,
    overlaps,
)
from .positions import TARGETS


def fill(
    scene: SceneGraph, kept: dict[tuple[str, int], Rect], area: Rect, rng: random.Random
) -> dict[tuple[str, int], Rect]:
    """Return boxes for every instance of ``scene``: ``kept`` ones unchanged, the rest new.

    Parameters
    ----------
    scene : SceneGraph
        The edited plan.
    kept : dict
        ``(entity id, instance index) -> box`` of instances that keep their place.
    area : Rect
        Where new boxes may go (normalised ``x0, y0, x1, y1``).
    rng : random.Random
        Seeded source for the small jitter.
    """
    ents = {e.id: e for e in scene.entities}
    rects = dict(kept)
    ratios = sorted((r[2] - r[0]) / block_size(ents[eid])[0] for (eid, _), r in kept.items())
    scale = min(max(ratios[len(ratios) // 2], 0.05), MAX_SCALE)
    todo = [e for e in scene.entities if any((e.id, i) not in rects for i in range(e.count))]
    waiting = {e.id for e in todo}
    while todo:
        ready = [e for e in todo if not (_partners(scene, e.id) & (waiting - {e.id}))]
        hosts = [e for e in todo if _hosts_waiting(scene, e.id, waiting)]
        ent = (ready or hosts or todo)[0]  # "put the bowl on a table": the table first
        todo.remove(ent)
        waiting.discard(ent.id)
        _place(scene, ents, ent, rects, area, scale)
    return rects


def _hosts_waiting(scene: SceneGraph, eid: str, waiting: set[str]) -> bool:
    """Whether something still to be placed attaches to ``eid`` (is on, in, under it...)."""
    for rel in scene.relations:
        if rel.predicate not in ATTACH:
            continue
        host, child = (rel.subject, rel.object) if rel.predicate == "holding" else (
            rel.object, rel.subject
        )
        if host == eid and child in waiting and child != eid:
            return True
    return False


def _partners(scene: SceneGraph, eid: str) -> set[str]:
    out = {r.object for r in scene.relations if r.subject == eid}
    return out | {r.subject for r in scene.relations if r.object == eid}


def _bbox(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _place(
    scene: SceneGraph,
    ents: dict[str, Entity],
    ent: Entity,
    rects: dict[tuple[str, int], Rect],
    area: Rect,
    scale: float,
) -> None:
    """Add boxes for the missing instances of ``ent`` around the boxes already placed."""
    groups: dict[str, list[Rect]] = defaultdict(list)
    for (eid, _), r in rects.items():
        groups[eid].append(r)
    have = groups.get(ent.id, [])
    missing = [i for i in range(ent.count) if (ent.id, i) not in rects]
    wants, friends = [], set()
    for rel in scene.relations:
        if ent.id not in (rel.subject, rel.object) or rel.subject == rel.object:
            continue
        other = rel.object if rel.subject == ent.id else rel.subject
        if other not in groups or other == ent.id:
            continue
        if rel.predicate in ATTACH:
            friends.add(other)
            child = rel.subject if rel.predicate != "holding" else rel.object
            if child == ent.id and not have:
                rect = attach_blocks(ents, _bbox(groups[other]), scale, [(ent.id, rel.predicate)])
                x, y, k = rect[0][2]
                block = instance_rects(ent, x, y, k)
                dx, dy = fit_shift(_bbox(block), area)
                for i, r in zip(missing, block, strict=False):
                    rects[(ent.id, i)] = clamp((r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy), area)
                return
            pred = "next to"
        else:
            pred = rel.predicate if rel.subject == ent.id else _INVERSE[rel.predicate]
        wants.append((pred, _bbox(groups[other])))
    obstacles = [r for eid, rs in groups.items() if eid not in friends for r in rs]
    if have:
        # more of a thing already drawn: a block of the same size next to the others
        box = _bbox(have)
        side = sorted(r[2] - r[0] for r in have)[len(have) // 2]
        extra = Entity(ent.id, ent.name, len(missing), dict(ent.attributes))
        unit, bw, bh = block_size(extra)
        k = side / unit
        ideal = (box[2] + side * 0.2 + bw * k / 2, (box[1] + box[3]) / 2)
        x, y, w = _search(bw * k, bh * k, wants, ideal, obstacles, area)
        block = instance_rects(extra, x, y, k * w / (bw * k))
    else:
        _, bw, bh = block_size(ent)
        ideal = _ideal(ent, wants, bw * scale, bh * scale, area, horizon(scene.background))
        x, y, w = _search(bw * scale, bh * scale, wants, ideal, obstacles, area)
        block = instance_rects(ent, x, y, scale * w / (bw * scale))
    for i, r in zip(missing, block, strict=False):
        rects[(ent.id, i)] = clamp(r, area)


_INVERSE = {
    "left of": "right of", "right of": "left of", "above": "below", "below": "above",
    "next to": "next to",
}  # fmt: skip


def _ideal(
    ent: Entity,
    wants: list[tuple[str, Rect]],
    w: float,
    h: float,
    area: Rect,
    line: float | None = None,
) -> tuple[float, float]:
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
    tx, ty = TARGETS.get(ent.attributes.get("position", ""), (None, None))
    fx, fy = 0.5 if tx is None else tx, 0.5 if ty is None else ty
    x, y = area[0] + fx * (area[2] - area[0]), area[1] + fy * (area[3] - area[1])
    if line is not None and fy == 0.5 and stands_on_ground(ent.name, None):
        rest = line + REST * (area[3] - line)  # a new standing thing: on the ground
        y = min(max(y, rest - h / 2), area[3] - h / 2)
    return x, y


def _satisfied(pred: str, r: Rect, other: Rect, gap: float) -> int:
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


def _search(
    w: float,
    h: float,
    wants: list[tuple[str, Rect]],
    ideal: tuple[float, float],
    obstacles: list[Rect],
    area: Rect,
) -> tuple[float, float, float]:
    """Best free spot for a ``w`` x ``h`` block: returns its top left and its (maybe
    shrunk) width. Prefers spots that satisfy every wanted relation with a gap, then
    spots near ``ideal``; shrinks the block to make room; overlaps only as a last resort."""
    ax0, ay0, ax1, ay1 = area
    shrink = min(1.0, (ax1 - ax0) / w, (ay1 - ay0) / h)
    w, h = w * shrink, h * shrink
    free: tuple[float, float, float] | None = None
    least: tuple[float, int, float, float, float, float] | None = None
    for attempt in range(5):
        best: tuple[int, float, float, float] | None = None
        gap = GAP * 0.3 * w
        last = attempt == 4 and free is None
        for gx in range(STEPS + 1):
            x = ax0 + (ax1 - ax0 - w) * gx / STEPS
            for gy in range(STEPS + 1):
                y = ay0 + (ay1 - ay0 - h) * gy / STEPS
                r = (x, y, x + w, y + h)
                blocked = any(overlaps(r, o) for o in obstacles)
                if blocked and not last:
                    continue
                grade = sum(2 - _satisfied(p, r, o, gap) for p, o in wants)
                dist = math.hypot(x + w / 2 - ideal[0], y + h / 2 - ideal[1])
                if not blocked:
                    if best is None or (grade, dist) < best[:2]:
                        best = (grade, dist, x, y)
                    continue
                clash = sum(overlap_area(r, o) for o in obstacles)
                if least is None or (clash, grade, dist) < least[:3]:
                    least = (clash, grade, dist, x, y, w)
        if best is not None and (best[0] == 0 or attempt == 4):
            return best[2], best[3], w
        if best is not None and free is None:
            free = (best[2], best[3], w)
        w, h = w * 0.8, h * 0.8
    if free is not None:
        return free
    assert least is not None
    return least[3], least[4], least[5]
