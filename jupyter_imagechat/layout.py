"""Layout: give every drawn instance of a scene a box that satisfies its relations.

:func:`arrange` is deterministic for a seed and takes well under a millisecond for a
typical prompt. Boxes are squares (the built-in artwork is square emoji) sized by a table
of typical sizes (:func:`~jupyter_imagechat.planner.lexicon.typical_size`): an elephant is
drawn bigger than a mouse.

How a new scene is laid out:

1. Each entity becomes a *block*: its instances in a row (up to 4) or a grid.
2. Relations that attach one thing to another (``on``, ``under``, ``inside``, ``in front
   of``, ``behind``, ``holding``) put blocks together into *clusters*: the cat sits on top
   of the table's box, the apples lie inside the bowl's box.
3. ``left of``/``right of``/``next to`` order clusters into columns, ``above``/``below``
   into rows, with a gap between them; unrelated clusters never share space.
4. Groups of related clusters are packed into shelves and the whole is scaled to fit the
   picture (or ``region``) and centred; a little seeded jitter makes it look less rigid.
5. Things that stand on the ground (see :mod:`.ground`: not sky things, not on, in or held
   by another) have their bottoms lined up and the whole is moved down (shrunk only if it
   must) so they stand below the background's horizon, where the engine draws the ground.

When some boxes already exist (an edit), they stay exactly where they are; new instances
and new entities are fitted into free space that satisfies their relations.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from .errors import InputError
from .ground import horizon, on_ground, stands, stands_on_ground
from .planner.lexicon import SIZE_FACTORS, typical_size
from .scene import Box, Entity, SceneGraph

Rect = tuple[float, float, float, float]

ATTACH = frozenset({"on", "under", "inside", "in front of", "behind", "holding"})
"""Predicates that put one thing against or into another."""
GAP = 0.25
"""Space between groups, in units of a typical size (an elephant is 1.0)."""
MARGIN = 0.05
"""Space kept free at the edges of the whole picture."""
MAX_SCALE = 0.75
"""Largest drawn size of a 1.0 thing (an elephant alone fills 75% of the width)."""
JITTER = 0.05
"""Largest seeded shift of an instance, as a share of its size."""
STEPS = 10
"""Candidate positions per axis when fitting a new thing into an edited scene, less one."""
REST = 0.3
"""Where standing things go, as a share of the ground band below the horizon (when the
scene leaves room): a little below the horizon, as if standing in the middle distance."""
DEPTH = {"behind": -1, "under": -1, "on": 1, "inside": 1, "in front of": 1, "holding": 1}


def arrange(
    scene: SceneGraph,
    *,
    seed: int = 0,
    region: tuple[float, float, float, float] | None = None,
) -> SceneGraph:
    """Return a copy of ``scene`` with one layout box per drawn instance.

    Parameters
    ----------
    scene : SceneGraph
        The plan. Boxes already in its layout for instances that still exist are kept
        unchanged; boxes of instances that no longer exist are dropped.
    seed : int
        Seeds the small jitter; the same seed always gives the same boxes.
    region : (x0, y0, x1, y1), optional
        Normalised area where new boxes must go (e.g. a painted mask's bounding box).
        Without it new boxes use the whole picture less a small margin.

    Raises
    ------
    InputError
        If ``region`` is not four numbers with ``0 <= x0 < x1 <= 1`` and the same for y.
    """
    out = scene.copy()
    area = _area(region)
    counts = {e.id: e.count for e in out.entities}
    kept: dict[tuple[str, int], Rect] = {}
    for b in out.layout:
        if 0 <= b.index < counts.get(b.entity, 0):
            kept.setdefault((b.entity, b.index), tuple(b.box))  # type: ignore[arg-type]
    rng = random.Random(seed)
    if not out.entities:
        rects: dict[tuple[str, int], Rect] = {}
    elif kept:
        rects = _fill(out, kept, area, rng)
    else:
        rects = _fresh(out, area, rng)
    out.layout = _draw_order(out, rects)
    return out


def _area(region: tuple[float, float, float, float] | None) -> Rect:
    if region is None:
        return (MARGIN, MARGIN, 1 - MARGIN, 1 - MARGIN)
    try:
        x0, y0, x1, y1 = (float(v) for v in region)
    except (TypeError, ValueError):
        raise InputError(f"region must be (x0, y0, x1, y1) numbers, got {region!r}") from None
    x0, y0, x1, y1 = max(x0, 0.0), max(y0, 0.0), min(x1, 1.0), min(y1, 1.0)
    if not (x1 - x0 > 1e-3 and y1 - y0 > 1e-3):
        raise InputError(
            f"region {region!r} is empty; give normalised (x0, y0, x1, y1) with x0 < x1 and "
            "y0 < y1 inside 0..1"
        )
    return (x0, y0, x1, y1)


# -- blocks: one entity's instances -----------------------------------------------------------
def _side(ent: Entity) -> float:
    return typical_size(ent.name) * SIZE_FACTORS.get(ent.attributes.get("size", ""), 1.0)


def _grid(count: int) -> tuple[int, int]:
    cols = count if count <= 4 else math.ceil(math.sqrt(count))
    return cols, math.ceil(count / cols)


def _block_size(ent: Entity) -> tuple[float, float, float]:
    """Instance side, block width and height (unit space) of an entity."""
    cols, rows = _grid(ent.count)
    side = _side(ent) / (math.sqrt(cols / 2) if cols > 2 else 1.0)
    step = side * 1.2
    return side, cols * step - 0.2 * side, rows * step - 0.2 * side


def _instances(ent: Entity, x: float, y: float, k: float) -> list[Rect]:
    """Instance rects of ``ent``'s block with its top left at (x, y), scaled by ``k``."""
    cols, _ = _grid(ent.count)
    side, _, _ = _block_size(ent)
    side, step = side * k, side * 1.2 * k
    out = []
    for i in range(ent.count):
        r, c = divmod(i, cols)
        in_row = min(cols, ent.count - r * cols)
        x0 = x + c * step + (cols - in_row) * step / 2
        y0 = y + r * step
        out.append((x0, y0, x0 + side, y0 + side))
    return out


# -- a new scene ------------------------------------------------------------------------------
def _fresh(scene: SceneGraph, area: Rect, rng: random.Random) -> dict[tuple[str, int], Rect]:
    ents = {e.id: e for e in scene.entities}
    parent = _attachments(scene)
    roots = [e.id for e in scene.entities if e.id not in parent]
    clusters = {r: _cluster(r, ents, parent) for r in roots}
    root = {eid: _root(eid, parent) for eid in ents}
    names = {eid: ent.name for eid, ent in ents.items()}
    standing = {eid for eid in ents if stands(eid, names, parent)}
    comps = _components(scene, roots, root, clusters, standing)
    rows = _best_shelves(comps, area)
    width = max(sum(c[0] for c in row) + GAP * (len(row) - 1) for row in rows)
    height = sum(max(c[1] for c in row) for row in rows) + GAP * (len(rows) - 1)
    units: dict[tuple[str, int], Rect] = {}  # unit space, the whole starting at (0, 0)
    y = 0.0
    for row in rows:
        row_h = max(c[1] for c in row)
        row_w = sum(c[0] for c in row) + GAP * (len(row) - 1)
        x = (width - row_w) / 2
        for cw, ch, placed in row:
            grounded = any(eid in standing for eid in placed)
            cy = y + (row_h - ch) * (1.0 if grounded else 0.5)  # standing: bottoms in line
            for eid, (bx, by, k) in placed.items():
                for i, r in enumerate(_instances(ents[eid], bx, by, k)):
                    units[(eid, i)] = (x + r[0], cy + r[1], x + r[2], cy + r[3])
            x += cw + GAP
        y += row_h + GAP
    ax0, ay0, ax1, ay1 = area
    scale = min(MAX_SCALE, (ax1 - ax0) / width, (ay1 - ay0) / height)
    oy = ay0 + ((ay1 - ay0) - height * scale) / 2
    feet = [r[3] for key, r in units.items() if key[0] in standing]
    scale, oy = on_ground(horizon(scene.background), feet, height, scale, oy, area, REST)
    ox = ax0 + ((ax1 - ax0) - width * scale) / 2
    return {
        key: _jitter((ox + r[0] * scale, oy + r[1] * scale, ox + r[2] * scale, oy + r[3] * scale),
                     rng, area)
        for key, r in units.items()
    }  # fmt: skip


def _attachments(scene: SceneGraph) -> dict[str, tuple[str, str]]:
    """child id -> (parent id, predicate) for attaching relations, without cycles."""
    parent: dict[str, tuple[str, str]] = {}
    for rel in scene.relations:
        if rel.predicate not in ATTACH:
            continue
        child, host = rel.subject, rel.object
        if rel.predicate == "holding":
            child, host = host, child
        if child in parent or child == host or _root(host, parent) == child:
            continue
        parent[child] = (host, rel.predicate)
    return parent


def _root(eid: str, parent: dict[str, tuple[str, str]]) -> str:
    seen = set()
    while eid in parent and eid not in seen:
        seen.add(eid)
        eid = parent[eid][0]
    return eid


Placed = dict[str, tuple[float, float, float]]


def _cluster(root: str, ents: dict[str, Entity], parent: dict[str, tuple[str, str]]) -> Placed:
    """Blocks of ``root`` and everything attached to it, moved so their union starts at 0."""
    kids: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for child, (host, pred) in parent.items():
        kids[host].append((child, pred))
    placed: Placed = {root: (0.0, 0.0, 1.0)}
    todo = [root]
    while todo:
        host = todo.pop()
        hx, hy, hk = placed[host]
        _, hw, hh = _block_size(ents[host])
        for child, _pred, rect in _attach(
            ents, (hx, hy, hx + hw * hk, hy + hh * hk), hk, kids[host]
        ):
            placed[child] = rect
            todo.append(child)
    rects = [_block_rect(ents[e], p) for e, p in placed.items()]
    mx, my = min(r[0] for r in rects), min(r[1] for r in rects)
    return {e: (x - mx, y - my, k) for e, (x, y, k) in placed.items()}


def _block_rect(ent: Entity, p: tuple[float, float, float]) -> Rect:
    _, w, h = _block_size(ent)
    return (p[0], p[1], p[0] + w * p[2], p[1] + h * p[2])


def _attach(
    ents: dict[str, Entity], host: Rect, hk: float, kids: list[tuple[str, str]]
) -> list[tuple[str, str, tuple[float, float, float]]]:
    """Place the blocks attached to ``host``: one row per predicate."""
    px0, py0, px1, py1 = host
    pw, ph, pcx = px1 - px0, py1 - py0, (px0 + px1) / 2
    by_pred: dict[str, list[str]] = defaultdict(list)
    for child, pred in kids:
        by_pred[pred].append(child)
    out = []
    for pred, ids in by_pred.items():
        sizes = [_block_size(ents[c])[1:] for c in ids]
        gap = 0.1 * max(s[1] for s in sizes)
        row_w = sum(s[0] for s in sizes) + gap * (len(ids) - 1)
        row_h = max(s[1] for s in sizes)
        k = hk * {"behind": 0.9}.get(pred, 1.0)
        if pred == "inside":
            k = min(hk, 0.8 * pw / row_w, 0.8 * ph / row_h)
        elif pred == "holding":
            k = min(hk, 0.5 * pw / row_w, 0.5 * ph / row_h)
        rw, rh = row_w * k, row_h * k
        rx, ry = {
            "on": (pcx - rw / 2, py0 - 0.85 * rh),
            "under": (pcx - rw / 2, py0 + 0.5 * ph),
            "inside": (pcx - rw / 2, min(py0 + 0.55 * ph - rh / 2, py1 - 0.05 * ph - rh)),
            "in front of": (pcx + 0.3 * pw - rw / 2, py1 - 0.85 * rh),
            "behind": (pcx - 0.3 * pw - rw / 2, py0 + 0.6 * ph - rh),
            "holding": (px1 - 0.25 * rw, py0 + 0.55 * ph - rh / 2),
        }[pred]
        for child, (w, h) in zip(ids, sizes, strict=True):
            dy = rh - h * k if pred in ("on", "in front of", "behind") else (rh - h * k) / 2
            out.append((child, pred, (rx, ry + dy, k)))
            rx += (w + gap) * k
    return out


def _components(
    scene: SceneGraph,
    roots: list[str],
    root: dict[str, str],
    clusters: dict[str, Placed],
    standing: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[float, float, Placed]]:
    """Group clusters linked by left/right/above/below/next-to into grids; return each
    group's width, height and block positions."""
    xs: dict[str, set[str]] = defaultdict(set)
    ys: dict[str, set[str]] = defaultdict(set)
    link: dict[str, set[str]] = defaultdict(set)
    for rel in scene.relations:
        a, b = root.get(rel.subject), root.get(rel.object)
        if a is None or b is None or a == b or rel.predicate in ATTACH:
            continue
        pred = rel.predicate
        graph = ys if pred in ("above", "below") else xs
        first, second = (b, a) if pred in ("right of", "below") else (a, b)
        if _reaches(graph, second, first):
            if pred != "next to" or _reaches(graph, first, second):
                continue
            first, second = second, first
        graph[first].add(second)
        link[a].add(b)
        link[b].add(a)
    size = {r: _extent(scene, clusters[r]) for r in roots}
    comps, seen = [], set()
    for r in roots:
        if r in seen:
            continue
        members, stack = [], [r]
        seen.add(r)
        while stack:
            m = stack.pop()
            members.append(m)
            for o in sorted(link[m] - seen):
                seen.add(o)
                stack.append(o)
        members.sort(key=roots.index)
        comps.append(_grid_component(members, xs, ys, size, clusters, standing))
    return comps


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in graph[node] - seen:
            seen.add(nxt)
            stack.append(nxt)
    return False


def _levels(members: list[str], graph: dict[str, set[str]]) -> dict[str, int]:
    level = dict.fromkeys(members, 0)
    for _ in range(len(members)):
        changed = False
        for a in members:
            for b in graph[a]:
                if b in level and level[b] < level[a] + 1:
                    level[b], changed = level[a] + 1, True
        if not changed:
            break
    return level


def _grid_component(
    members: list[str],
    xs: dict[str, set[str]],
    ys: dict[str, set[str]],
    size: dict[str, tuple[float, float]],
    clusters: dict[str, Placed],
    standing: frozenset[str] | set[str] = frozenset(),
) -> tuple[float, float, Placed]:
    col, row = _levels(members, xs), _levels(members, ys)
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m in members:
        cells[(col[m], row[m])].append(m)
    ncol, nrow = max(col.values()) + 1, max(row.values()) + 1
    cell_w = {key: sum(size[m][0] for m in ms) + GAP * (len(ms) - 1) for key, ms in cells.items()}
    col_w = [max((w for (c, _), w in cell_w.items() if c == i), default=0.0) for i in range(ncol)]
    row_h = [
        max((size[m][1] for (_, r), ms in cells.items() if r == j for m in ms), default=0.0)
        for j in range(nrow)
    ]
    col_x = [sum(col_w[:i]) + GAP * i for i in range(ncol)]
    row_y = [sum(row_h[:j]) + GAP * j for j in range(nrow)]
    placed: Placed = {}
    for (c, r), ms in cells.items():
        x = col_x[c] + (col_w[c] - cell_w[(c, r)]) / 2
        for m in ms:
            w, h = size[m]
            y = row_y[r] + (row_h[r] - h) * (1.0 if m in standing else 0.5)
            for eid, (bx, by, k) in clusters[m].items():
                placed[eid] = (x + bx, y + by, k)
            x += w + GAP
    return col_x[-1] + col_w[-1], row_y[-1] + row_h[-1], placed


def _extent(scene: SceneGraph, placed: Placed) -> tuple[float, float]:
    rects = [_block_rect(scene.entity(e), p) for e, p in placed.items()]
    return max(r[2] for r in rects), max(r[3] for r in rects)


def _best_shelves(
    comps: list[tuple[float, float, Placed]], area: Rect
) -> list[list[tuple[float, float, Placed]]]:
    """Split components into shelves (rows) so that the scaled result is largest."""
    aw, ah = area[2] - area[0], area[3] - area[1]
    total = sum(c[0] for c in comps) + GAP * (len(comps) - 1)
    best, best_scale = [comps], -1.0
    for n in range(1, len(comps) + 1):
        target = total / n
        rows: list[list[tuple[float, float, Placed]]] = [[]]
        for comp in comps:
            row_w = sum(c[0] for c in rows[-1]) + GAP * len(rows[-1])
            if rows[-1] and row_w + comp[0] / 2 > target and len(rows) < n:
                rows.append([])
            rows[-1].append(comp)
        width = max(sum(c[0] for c in r) + GAP * (len(r) - 1) for r in rows)
        height = sum(max(c[1] for c in r) for r in rows) + GAP * (len(rows) - 1)
        scale = min(aw / width, ah / height)
        if scale > best_scale + 1e-9:
            best, best_scale = rows, scale
    return best


def _jitter(rect: Rect, rng: random.Random, area: Rect) -> Rect:
    side = rect[2] - rect[0]
    dx = (rng.random() * 2 - 1) * JITTER * side
    dy = (rng.random() * 2 - 1) * JITTER * side
    return _clamp((rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy), area)


def _clamp(rect: Rect, area: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    w, h = min(x1 - x0, area[2] - area[0]), min(y1 - y0, area[3] - area[1])
    x0 = min(max(x0, area[0]), area[2] - w)
    y0 = min(max(y0, area[1]), area[3] - h)
    return (x0, y0, x0 + w, y0 + h)


# -- an edited scene: keep what exists, fit in the rest -------------------------------------------
def _fill(
    scene: SceneGraph, kept: dict[tuple[str, int], Rect], area: Rect, rng: random.Random
) -> dict[tuple[str, int], Rect]:
    ents = {e.id: e for e in scene.entities}
    rects = dict(kept)
    ratios = sorted((r[2] - r[0]) / _block_size(ents[eid])[0] for (eid, _), r in kept.items())
    scale = min(max(ratios[len(ratios) // 2], 0.05), MAX_SCALE)
    todo = [e for e in scene.entities if any((e.id, i) not in rects for i in range(e.count))]
    waiting = {e.id for e in todo}
    while todo:
        ready = [e for e in todo if not (_partners(scene, e.id) & (waiting - {e.id}))]
        ent = (ready or todo)[0]
        todo.remove(ent)
        waiting.discard(ent.id)
        _place(scene, ents, ent, rects, area, scale)
    return rects


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
                rect = _attach(ents, _bbox(groups[other]), scale, [(ent.id, rel.predicate)])
                x, y, k = rect[0][2]
                block = _instances(ent, x, y, k)
                dx, dy = _fit_shift(_bbox(block), area)
                for i, r in zip(missing, block, strict=False):
                    rects[(ent.id, i)] = _clamp((r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy), area)
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
        unit, bw, bh = _block_size(extra)
        k = side / unit
        ideal = (box[2] + side * 0.2 + bw * k / 2, (box[1] + box[3]) / 2)
        x, y, w = _search(bw * k, bh * k, wants, ideal, obstacles, area)
        block = _instances(extra, x, y, k * w / (bw * k))
    else:
        _, bw, bh = _block_size(ent)
        ideal = _ideal(ent, wants, bw * scale, bh * scale, area, horizon(scene.background))
        x, y, w = _search(bw * scale, bh * scale, wants, ideal, obstacles, area)
        block = _instances(ent, x, y, scale * w / (bw * scale))
    for i, r in zip(missing, block, strict=False):
        rects[(ent.id, i)] = _clamp(r, area)


_INVERSE = {
    "left of": "right of", "right of": "left of", "above": "below", "below": "above",
    "next to": "next to",
}  # fmt: skip
_SIDE = {"left": (0.25, 0.5), "right": (0.75, 0.5), "top": (0.5, 0.25), "bottom": (0.5, 0.75)}


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
    fx, fy = _SIDE.get(ent.attributes.get("position", ""), (0.5, 0.5))
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
        return 2 if near and not _overlap(r, other) else 0
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
                blocked = any(_overlap(r, o) for o in obstacles)
                if blocked and not last:
                    continue
                grade = sum(2 - _satisfied(p, r, o, gap) for p, o in wants)
                dist = math.hypot(x + w / 2 - ideal[0], y + h / 2 - ideal[1])
                if not blocked:
                    if best is None or (grade, dist) < best[:2]:
                        best = (grade, dist, x, y)
                    continue
                clash = sum(_overlap_area(r, o) for o in obstacles)
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


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlap_area(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _fit_shift(rect: Rect, area: Rect) -> tuple[float, float]:
    x0, y0, x1, y1 = rect
    dx = area[0] - x0 if x0 < area[0] else (area[2] - x1 if x1 > area[2] else 0.0)
    dy = area[1] - y0 if y0 < area[1] else (area[3] - y1 if y1 > area[3] else 0.0)
    return dx, dy


def _draw_order(scene: SceneGraph, rects: dict[tuple[str, int], Rect]) -> list[Box]:
    """Boxes in drawing order: things behind first, things in front or on top last."""
    depth = {e.id: 0 for e in scene.entities}
    for _ in range(len(depth)):
        changed = False
        for rel in scene.relations:
            step = DEPTH.get(rel.predicate)
            if step is None:
                continue
            child, host = rel.subject, rel.object
            if rel.predicate == "holding":
                child, host = host, child
            want = depth[host] + step
            deeper = (step > 0 and depth[child] < want) or (step < 0 and depth[child] > want)
            if deeper and abs(want) <= len(depth):
                depth[child], changed = want, True
        if not changed:
            break
    order = {e.id: i for i, e in enumerate(scene.entities)}
    keys = sorted(rects, key=lambda key: (depth[key[0]], order[key[0]], key[1]))
    return [Box(eid, i, _round(rects[(eid, i)])) for eid, i in keys]


def _round(rect: Rect) -> Rect:
    """Four decimals, as ``SceneGraph.to_dict`` writes boxes: copies then stay exact."""
    x0, y0, x1, y1 = (round(v, 4) for v in rect)
    return (x0, y0, x1, y1)
