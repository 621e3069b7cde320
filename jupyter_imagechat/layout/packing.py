"""The order of things in a new scene: clusters, grids and shelves in unit space.

The combinatorial half of laying out a new scene (:mod:`.fresh` solves the rest): which
things go together and which side of each other everything goes.

1. Each entity becomes a *block*: its instances in a row (up to 4) or a grid.
2. Attachments (:func:`~.hosts.attachments`: on, under, inside, in front of, behind,
   holding) put blocks together into *clusters*: the cat sits on top of the table's
   block, the apples lie inside the bowl's.
3. ``left of``/``right of``/``next to`` order clusters into columns, ``above``/``below``
   into rows, with a gap between them (*components*); unrelated clusters never share space.
4. Components are packed into shelves so that the whole, scaled to fit the area, is
   largest; the seed shuffles the order of components nothing places. Where there is a
   ground, components of things that fly (:func:`~.hosts.in_the_sky`) go on the top shelf.

:func:`pack` returns every block's unit-space place and the clusters; where each cluster
finally goes (the ground, the frame, named places, sizes) is solved by :mod:`.fresh`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..scene import Entity, SceneGraph
from ..vocab.support import FACE_UP, pinned
from .blocks import GAP, GRID, Rect, attach_blocks, block_rect, block_size, growth
from .hosts import Parents, in_the_sky, root_of
from .positions import packing_rank, shelf_rank

Placed = dict[str, tuple[float, float, float]]
"""Entity id -> its block's top left and scale (``x, y, k``) in unit space."""


@dataclass
class Packing:
    """A new scene packed in unit space (an elephant is 1 wide)."""

    blocks: Placed
    """Every entity's block, in the whole's unit space (the whole starts at 0, 0)."""
    clusters: dict[str, list[str]]
    """Root entity id -> the ids of its cluster (itself first)."""
    width: float
    height: float
    standing: set[str]
    """The entities that stand on the ground."""
    shapes: dict[str, str]
    """Entity id -> how its instances line up (:func:`.hosts.shapes_of`)."""


def pack(
    scene: SceneGraph,
    parent: Parents,
    standing: set[str],
    area: Rect,
    rng: random.Random,
    band: float | None = None,
    shapes: dict[str, str] | None = None,
) -> Packing:
    """Pack ``scene``'s blocks into clusters, components and shelves (see the module
    docstring); ``standing`` are the entities that stand on the ground, ``band`` the
    height of the ground band their bottoms must end in (None: no ground), ``shapes`` how
    each entity's instances line up (:func:`.hosts.shapes_of`)."""
    shapes = shapes or {}
    ents = {e.id: e for e in scene.entities}
    roots = [e.id for e in scene.entities if e.id not in parent]
    roots.sort(key=lambda r: packing_rank(ents[r].attributes.get("position")))
    clusters = {r: cluster_blocks(r, ents, parent, shapes) for r in roots}
    root = {eid: root_of(eid, parent) for eid in ents}
    comps = _components(scene, roots, root, clusters, standing, shapes)
    comps = _shuffled(comps, ents, rng)
    sky = in_the_sky(scene, parent) if band is not None else set()
    comps.sort(key=lambda c: (_rank(c, ents, shelf_rank), _grounded(c, sky)))
    rows = _best_shelves(comps, area, band, standing)
    rows = [sorted(row, key=lambda c: _rank(c, ents, packing_rank)) for row in rows]
    width = max(sum(c[0] for c in row) + GAP * (len(row) - 1) for row in rows)
    height = sum(max(c[1] for c in row) for row in rows) + GAP * (len(rows) - 1)
    blocks: Placed = {}
    y = 0.0
    for row in rows:
        row_h = max(c[1] for c in row)
        row_w = sum(c[0] for c in row) + GAP * (len(row) - 1)
        x = (width - row_w) / 2
        for cw, ch, placed in row:
            grounded = any(eid in standing for eid in placed)
            cy = y + (row_h - ch) * (1.0 if grounded else 0.5)  # standing: bottoms in line
            for eid, (bx, by, k) in placed.items():
                blocks[eid] = (x + bx, cy + by, k)
            x += cw + GAP
        y += row_h + GAP
    members = {r: [r] + [e for e in ents if e != r and root[e] == r] for r in roots}
    return Packing(blocks, members, width, height, set(standing), dict(shapes))


def _grounded(comp: tuple[float, float, Placed], sky: set[str]) -> int:
    """0 for a component of things of the sky only, 1 for one with some, 2 for none: what
    flies goes on the top shelf, in the sky over the ground (after named places at the
    top), never on a shelf under things that stand."""
    flying = len(set(comp[2]) & sky)
    return 0 if flying == len(comp[2]) else 1 if flying else 2


def _rank(
    comp: tuple[float, float, Placed], ents: dict[str, Entity], rank: Callable[[str | None], int]
) -> int:
    """A component's ``rank`` (:func:`.positions.shelf_rank` or
    :func:`.positions.packing_rank`): that of its first member with a named place."""
    ranks = [rank(ents[e].attributes.get("position")) for e in comp[2]]
    return next((r for r in ranks if r != 1), 1)


def _shuffled(
    comps: list[tuple[float, float, Placed]], ents: dict[str, Entity], rng: random.Random
) -> list[tuple[float, float, Placed]]:
    """The components in a seeded order: those a named place puts at a side keep theirs,
    the others (nothing says where they go) swap places among themselves."""
    free = [i for i, c in enumerate(comps) if not any(
        ents[e].attributes.get("position") for e in c[2]
    )]  # fmt: skip
    order = list(free)
    rng.shuffle(order)
    out = list(comps)
    for slot, src in zip(free, order, strict=True):
        out[slot] = comps[src]
    return out


def cluster_blocks(
    root: str,
    ents: dict[str, Entity],
    parent: Parents,
    shapes: dict[str, str] | None = None,
) -> Placed:
    """Blocks of ``root`` and everything attached to it, moved so their union starts at 0
    (``shapes``: how each entity's instances line up, see :func:`.blocks.block_size`)."""
    shapes = shapes or {}
    kids: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for child, (host, pred) in parent.items():
        kids[host].append((child, pred))
    grown = _growths(root, ents, kids, shapes)
    placed: Placed = {root: (0.0, 0.0, grown[root])}
    todo = [root]
    while todo:
        host = todo.pop()
        hx, hy, hk = placed[host]
        one, hw, hh = block_size(ents[host], shapes.get(host, GRID))
        for child, _pred, rect in attach_blocks(
            ents, (hx, hy, hx + hw * hk, hy + hh * hk), hk, kids[host], ents[host].name, shapes,
            grown, hk / grown[host], one * hk if ents[host].count > 1 else None,
        ):  # fmt: skip
            placed[child] = rect
            todo.append(child)
    rects = [block_rect(ents[e], p, shapes.get(e, GRID)) for e, p in placed.items()]
    mx, my = min(r[0] for r in rects), min(r[1] for r in rects)
    return {e: (x - mx, y - my, k) for e, (x, y, k) in placed.items()}


def _growths(
    root: str, ents: dict[str, Entity], kids: dict[str, list[tuple[str, str]]],
    shapes: dict[str, str],
) -> dict[str, float]:  # fmt: skip
    """How much bigger than typical each member of ``root``'s cluster is drawn to hold
    what rests on its top (:func:`.blocks.growth`), the things on top first."""
    grown: dict[str, float] = {}
    order, todo = [], [root]
    while todo:
        host = todo.pop()
        if host in grown:
            continue
        grown[host] = 1.0
        order.append(host)
        todo += [c for c, _ in kids[host]]
    for host in reversed(order):
        on_top = [  # on its top, or on the face of a thing lying flat (a pizza's toppings)
            c for c, p in kids[host] if p == "on" and (
                ents[host].name in FACE_UP or not pinned(ents[c].name, ents[host].name))
        ]  # fmt: skip
        if on_top:
            grown[host] = growth(ents, host, on_top, shapes, grown)
    return grown


def _components(
    scene: SceneGraph,
    roots: list[str],
    root: dict[str, str],
    clusters: dict[str, Placed],
    standing: set[str],
    shapes: dict[str, str],
) -> list[tuple[float, float, Placed]]:
    """Group clusters linked by left/right/above/below/next-to into grids; return each
    group's width, height and block positions."""
    xs: dict[str, set[str]] = defaultdict(set)
    ys: dict[str, set[str]] = defaultdict(set)
    link: dict[str, set[str]] = defaultdict(set)
    for rel in scene.relations:
        a, b = root.get(rel.subject), root.get(rel.object)
        if a is None or b is None or a == b or rel.predicate in ATTACHING:
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
    size = {r: _extent(scene, clusters[r], shapes) for r in roots}
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


ATTACHING = frozenset({"on", "under", "inside", "in front of", "behind", "holding"})
"""Relations that attach (handled by clusters, not by the grids of components)."""


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
    standing: set[str],
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


def _extent(scene: SceneGraph, placed: Placed, shapes: dict[str, str]) -> tuple[float, float]:
    rects = [block_rect(scene.entity(e), p, shapes.get(e, GRID)) for e, p in placed.items()]
    return max(r[2] for r in rects), max(r[3] for r in rects)


def _best_shelves(
    comps: list[tuple[float, float, Placed]],
    area: Rect,
    band: float | None = None,
    standing: set[str] | frozenset[str] = frozenset(),
) -> list[list[tuple[float, float, Placed]]]:
    """Split components into shelves (rows) so that the scaled result is largest, with
    every shelf that holds a standing thing low enough for it to reach the ground band
    (``band`` high) below the picture's horizon."""
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
        if band is not None:
            firsts = [i for i, r in enumerate(rows) if any(e in standing for c in r for e in c[2])]
            if firsts:  # from the first standing shelf's bottom to the whole's bottom
                below = sum(max(c[1] for c in r) + GAP for r in rows[firsts[0] + 1 :])
                scale = min(scale, band / below) if below > 0 else scale
        if scale > best_scale + 1e-9:
            best, best_scale = rows, scale
    return best
