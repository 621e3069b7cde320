"""Layout: give every drawn instance of a scene a box that satisfies its relations.

:func:`arrange` is deterministic for a seed and takes well under a millisecond for a
typical prompt. Boxes are squares (the built-in artwork is square emoji) sized by a table
of typical sizes (:func:`~jupyter_imagechat.vocab.sizes.typical_size`): an elephant is
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
5. Things that stand on the ground (see :mod:`jupyter_imagechat.vocab.world`: not sky
   things, not on, in or held by another) have their bottoms lined up and the whole is
   moved down (shrunk only if it must, :mod:`.ground`) so they stand below the
   background's horizon, where the engine draws the ground.

When some boxes already exist (an edit), they stay exactly where they are; new instances
and new entities are fitted into free space that satisfies their relations
(:mod:`.fill`). Blocks and rectangle helpers live in :mod:`.blocks`.
"""

from __future__ import annotations

import random
from collections import defaultdict

from ..errors import InputError
from ..scene import Box, Entity, SceneGraph
from ..vocab.world import horizon, stands
from .blocks import (
    ATTACH,
    DEPTH,
    GAP,
    MARGIN,
    MAX_SCALE,
    REST,
    Rect,
    attach_blocks,
    block_rect,
    block_size,
    instance_rects,
    jitter,
)
from .diagram import arrange_diagram, has_diagram
from .fill import fill
from .ground import on_ground
from .positions import honour_positions, packing_rank


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
    elif has_diagram(out):  # arrows, labels, panels, arrangements: see .diagram
        rects = arrange_diagram(out, kept, area, rng, plain=_fresh)
    elif kept:
        rects = fill(out, kept, area, rng)
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


# -- a new scene ------------------------------------------------------------------------------
def _fresh(scene: SceneGraph, area: Rect, rng: random.Random) -> dict[tuple[str, int], Rect]:
    ents = {e.id: e for e in scene.entities}
    parent = _attachments(scene)
    roots = [e.id for e in scene.entities if e.id not in parent]
    roots.sort(key=lambda r: packing_rank(ents[r].attributes.get("position")))
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
                for i, r in enumerate(instance_rects(ents[eid], bx, by, k)):
                    units[(eid, i)] = (x + r[0], cy + r[1], x + r[2], cy + r[3])
            x += cw + GAP
        y += row_h + GAP
    ax0, ay0, ax1, ay1 = area
    scale = min(MAX_SCALE, (ax1 - ax0) / width, (ay1 - ay0) / height)
    oy = ay0 + ((ay1 - ay0) - height * scale) / 2
    feet = [r[3] for key, r in units.items() if key[0] in standing]
    scale, oy = on_ground(horizon(scene.background), feet, height, scale, oy, area, REST)
    ox = ax0 + ((ax1 - ax0) - width * scale) / 2
    rects = {
        key: jitter((ox + r[0] * scale, oy + r[1] * scale, ox + r[2] * scale, oy + r[3] * scale),
                     rng, area)
        for key, r in units.items()
    }  # fmt: skip
    positions = {
        r: ents[r].attributes["position"] for r in roots if ents[r].attributes.get("position")
    }
    if not positions:
        return rects
    members = {r: {eid for eid in ents if root[eid] == r} for r in positions}
    return honour_positions(positions, members, rects, area)


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
        _, hw, hh = block_size(ents[host])
        for child, _pred, rect in attach_blocks(
            ents, (hx, hy, hx + hw * hk, hy + hh * hk), hk, kids[host]
        ):
            placed[child] = rect
            todo.append(child)
    rects = [block_rect(ents[e], p) for e, p in placed.items()]
    mx, my = min(r[0] for r in rects), min(r[1] for r in rects)
    return {e: (x - mx, y - my, k) for e, (x, y, k) in placed.items()}


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
    rects = [block_rect(scene.entity(e), p) for e, p in placed.items()]
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
