"""Blocks and boxes shared by the layout of new scenes (:mod:`.layout`) and of edited ones
(:mod:`.fill`): the layout constants, an entity's *block* (its instances in a row or
a grid, sized by :func:`~jupyter_imagechat.vocab.sizes.typical_size`), where blocks
attached to another go (on, under, inside, in front of, behind, held), and small
rectangle helpers.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Mapping

from ..scene import Entity
from ..vocab.sizes import SIZE_FACTORS, typical_size
from ..vocab.support import BOARDS, FACE_UP, OPEN_CONTAINERS, SIZE_ORDER, crowd_factor, pinned
from ..vocab.world import IN_THE_AIR
from .body import on_spots, rides, spot_of, underfoot

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
ON_ROW = 0.8
"""Largest share of its host's width the row of things on its top takes."""
KEEP = 0.6
"""Least share of their own size things on a host keep before the host is drawn bigger."""
GROW = 1.6
"""Most a host is drawn bigger than its typical size to hold what is on it (within the
size table's tolerance)."""
DEPTH_ROW = 0.55
"""How far below the row behind it each row of a standing crowd stands, as a share of the
side: the row behind shows more than half of itself above the row in front."""


FRONT = 0.25
"""Most of the height of each instance of a counted host that what stands in front of the
host may hide."""
SMALLEST = 0.018
"""Smallest side of a box (share of the picture): the drawing in it (a little smaller
than the box) stays over the checker's least visible side, 1.2% of the picture."""
UNDER = 0.03
"""How much lower than its host's bottom what is under it stands, as a share of the
host's height: on the same floor, nearer the viewer, so it is drawn in front of the legs
(two barbells under a shelf stay in sight)."""
HAND = 0.1
"""Where what a thing holds begins, right of its host's middle, as a share of the host's
width: at the hand, so that all of it is within reach of a figure drawn narrower than its
box (a person fills about 0.4 of it)."""
BELOW_BIGGER = 0.8
"""A host grown to hold what is on it stays within this share of the typical size of
anything in the scene that is typically much bigger than it (a drawn figure fills less of
its box than a square thing)."""


def typical_side(ent: Entity) -> float:
    return typical_size(ent.name) * SIZE_FACTORS.get(ent.attributes.get("size", ""), 1.0)


GRID, CROWD, ROW = "grid", "crowd", "row"
"""How an entity's instances line up (see :func:`block_size`)."""


def grid_shape(count: int, shape: str = GRID) -> tuple[int, int]:
    if shape == ROW:
        return count, 1
    cols = count if count <= 4 else math.ceil(math.sqrt(count))
    return cols, math.ceil(count / cols)


def block_size(ent: Entity, shape: str = GRID) -> tuple[float, float, float]:
    """Instance side, block width and height (unit space) of an entity.

    A ``grid`` (up to four in a row, else a square grid) suits things that float or hang;
    the rows of a standing ``crowd`` go back into the picture, each a little higher on the
    ground band than the one in front of it (:data:`DEPTH_ROW` of a side), so that every
    instance has its feet on the ground and shows more than half of itself; things resting
    on one surface (pencils on a desk, apples in a bowl) stand in one ``row``.
    """
    cols, rows = grid_shape(ent.count, shape)
    side = typical_side(ent) * crowd_factor(ent.count)
    step = side * 1.2
    down = side * (DEPTH_ROW if shape == CROWD else 1.2)
    return side, cols * step - 0.2 * side, (rows - 1) * down + side


def instance_rects(ent: Entity, x: float, y: float, k: float, shape: str = GRID) -> list[Rect]:
    """Instance rects of ``ent``'s block with its top left at (x, y), scaled by ``k``
    (the back rows of a crowd first: they are drawn behind the front ones)."""
    cols, _ = grid_shape(ent.count, shape)
    side, _, _ = block_size(ent)
    side, step = side * k, side * 1.2 * k
    down = side * (DEPTH_ROW if shape == CROWD else 1.2)
    out = []
    for i in range(ent.count):
        r, c = divmod(i, cols)
        in_row = min(cols, ent.count - r * cols)
        x0 = x + c * step + (cols - in_row) * step / 2
        y0 = y + r * down
        out.append((x0, y0, x0 + side, y0 + side))
    return out


def block_rect(ent: Entity, p: tuple[float, float, float], shape: str = GRID) -> Rect:
    _, w, h = block_size(ent, shape)
    return (p[0], p[1], p[0] + w * p[2], p[1] + h * p[2])


def attach_blocks(
    ents: dict[str, Entity],
    host: Rect,
    hk: float,
    kids: list[tuple[str, str]],
    host_name: str = "",
    shapes: Mapping[str, str] | None = None,
    grown: Mapping[str, float] | None = None,
    natural: float | None = None,
    side: float | None = None,
) -> list[tuple[str, str, tuple[float, float, float]]]:
    """Place the blocks attached to ``host`` (a ``host_name``) at scale ``hk``: one row
    per predicate.

    A flat thing "on" a board lies on its face (a map on a blackboard, a picture on the
    wall), and so do clothes on a wearer and parts on their whole
    (:func:`~jupyter_imagechat.vocab.support.pinned`), not on its top. ``grown`` says how
    much bigger than its typical size each child is drawn (:func:`growth`), and
    ``natural`` the scale the children are measured against (``hk`` unless the host itself
    was grown to hold them). ``side`` is the side of one instance of a host that has
    several: what stands in front of them stands further forward, hiding at most the
    lowest :data:`FRONT` of each (each of three mountains stays in sight).
    """
    grown = grown or {}
    natural = hk if natural is None else natural
    px0, py0, px1, py1 = host
    pw, ph, pcx = px1 - px0, py1 - py0, (px0 + px1) / 2
    by_pred: dict[str, list[str]] = defaultdict(list)
    spotted: dict[str, tuple[float, float]] = {}  # a hat on the head, skis under the feet
    feet: dict[str, tuple[float, float]] = {}
    for child, pred in kids:
        name, size = ents[child].name, _grown_size(ents[child], shapes, grown.get(child, 1.0))
        face = pred == "on" and pinned(name, host_name)
        if face and host_name not in BOARDS | FACE_UP and spot_of(name) is not None:
            spotted[child] = size
        elif pred == "under" and rides(host_name, name):
            feet[child] = size
        else:
            by_pred["face" if face else pred].append(child)
    names = {c: ents[c].name for c in (*spotted, *feet)}
    out = on_spots(names, spotted, host, natural, dict(grown)) if spotted else []
    out += underfoot(feet, host, natural, dict(grown)) if feet else []
    # on an open container's rim and sticking out of it: side by side, each half its top
    halves = "on" in by_pred and "inside" in by_pred and host_name in OPEN_CONTAINERS
    for pred, ids in by_pred.items():
        sizes = [_grown_size(ents[c], shapes, grown.get(c, 1.0)) for c in ids]
        if pred == "face" and len(ids) > 1:  # several over its body: in rows
            out += _on_face(ids, sizes, grown, host, face_share(host_name), natural)
            continue
        gap = 0.1 * max(s[1] for s in sizes)
        row_w = sum(s[0] for s in sizes) + gap * (len(ids) - 1)
        row_h = max(s[1] for s in sizes)
        k = natural * {"behind": 0.9}.get(pred, 1.0)
        if pred == "inside":
            k = min(natural, 0.8 * pw / row_w, 0.8 * ph / row_h)
        elif pred == "face":
            share = face_share(host_name)
            k = min(natural, share * pw / row_w, share * ph / row_h)
        elif pred == "holding":
            k = min(natural, 0.5 * pw / row_w, 0.5 * ph / row_h)
        elif pred == "on":  # "eight pencils on a desk": all on it (a drawn host fills
            k = min(k, ON_ROW * pw / row_w)  # less than its box)
        elif pred == "behind":  # several things behind one: a row as wide as it at most
            k = min(k, max(pw / row_w, 0.5 * hk))
        if halves and pred in ("on", "inside"):
            k = min(k, 0.4 * pw / row_w)
        rw, rh = row_w * k, row_h * k
        last = block_size(ents[ids[-1]])[0] * k * grown.get(ids[-1], 1.0)  # its last one
        rx, ry = {
            "on": (pcx - rw / 2, py0 - 0.85 * rh),
            # on the floor under it, a little nearer than its legs: drawn in front of them
            "under": (pcx - rw / 2, max(py0 + 0.5 * ph, py1 + UNDER * ph - rh))
            if host_name not in IN_THE_AIR  # under the sun, a plane: on the ground below
            else (pcx - rw / 2, py1 + gap),
            "inside": (pcx - rw / 2, min(py0 + 0.55 * ph - rh / 2, py1 - 0.05 * ph - rh))
            if host_name not in OPEN_CONTAINERS  # in an open one: sticking out of its rim
            else (pcx - rw / 2, py0 - 0.55 * rh),
            "in front of": (
                pcx + 0.3 * pw - rw / 2,
                py1 - 0.85 * rh if side is None else max(py1 - 0.85 * rh, py1 - FRONT * side),
            ),
            # standing a little further back, peeking out on the left, half in view at least
            "behind": (px0 + min(0.2 * min(pw, rw), 0.3 * last) - rw, py1 - 0.15 * ph - rh),
            "holding": (pcx + HAND * pw, py0 + 0.55 * ph - rh / 2),
            "face": (pcx - rw / 2, py0 + 0.45 * ph - rh / 2),
        }[pred]
        if halves and pred in ("on", "inside"):
            rx = pcx + 0.05 * pw if pred == "on" else pcx - 0.05 * pw - rw
        for child, (w, h) in zip(ids, sizes, strict=True):
            dy = rh - h * k if pred in ("on", "in front of", "behind") else (rh - h * k) / 2
            ck = k * grown.get(child, 1.0)
            out.append((child, "on" if pred == "face" else pred, (rx, ry + dy, ck)))
            rx += (w + gap) * k
    return out


def _on_face(
    ids: list[str],
    sizes: list[tuple[float, float]],
    grown: Mapping[str, float],
    host: Rect,
    share: float,
    natural: float,
) -> list[tuple[str, str, tuple[float, float, float]]]:
    """Blocks ``ids`` (unit ``sizes``) over the body of ``host``, in as many rows as makes
    them largest within ``share`` of its width and height (a person's arms, hands, legs
    and feet stay big enough to see), the rows about the middle of the body."""
    px0, py0, px1, py1 = host
    pw, ph = px1 - px0, py1 - py0
    gap = 0.1 * max(h for _, h in sizes)
    best: tuple[float, list[list[int]]] = (-1.0, [])
    for n in range(1, len(ids) + 1):
        per = math.ceil(len(ids) / n)
        rows = [list(range(len(ids)))[i : i + per] for i in range(0, len(ids), per)]
        wide = max(sum(sizes[i][0] for i in r) + gap * (len(r) - 1) for r in rows)
        tall = sum(max(sizes[i][1] for i in r) for r in rows) + gap * (len(rows) - 1)
        k = min(natural, share * pw / wide, share * ph / tall)
        if k > best[0] + 1e-12:
            best = (k, rows)
    k, rows = best
    tall = (sum(max(sizes[i][1] for i in r) for r in rows) + gap * (len(rows) - 1)) * k
    y = py0 + 0.45 * ph - tall / 2
    out = []
    for r in rows:
        row_h = max(sizes[i][1] for i in r) * k
        x = (px0 + px1) / 2 - (sum(sizes[i][0] for i in r) + gap * (len(r) - 1)) * k / 2
        for i in r:
            w, h = sizes[i]
            out.append((ids[i], "on", (x, y + (row_h - h * k) / 2, k * grown.get(ids[i], 1.0))))
            x += (w + gap) * k
        y += row_h + gap * k
    return out


def _grown_size(ent: Entity, shapes: Mapping[str, str] | None, g: float) -> tuple[float, float]:
    _, w, h = block_size(ent, (shapes or {}).get(ent.id, GRID))
    return w * g, h * g


def growth(
    ents: Mapping[str, Entity],
    host: str,
    on_top: list[str],
    shapes: Mapping[str, str] | None,
    grown: Mapping[str, float],
) -> float:
    """How much bigger than its typical size ``host`` is drawn so that the things
    ``on_top`` of it, in one row, keep at least :data:`KEEP` of their size (a desk with a
    keyboard, a monitor, a phone and glasses on it; a pizza with its toppings): at most
    :data:`GROW`; beyond that they shrink. A host that must stay smaller than one of them
    (:data:`~jupyter_imagechat.vocab.support.SIZE_ORDER`) does not grow, and one grows
    to at most :data:`BELOW_BIGGER` of anything else in the scene that is typically that
    much bigger than it (a chessboard with its pieces stays smaller than the two men
    playing on it)."""
    side = typical_side(ents[host])
    if any(typical_side(ents[c]) >= SIZE_ORDER * side for c in on_top):
        return 1.0  # a person on a skateboard: the board stays smaller than the rider
    sizes = [_grown_size(ents[c], shapes, grown.get(c, 1.0)) for c in on_top]
    row_w = sum(w for w, _ in sizes) + 0.1 * max(h for _, h in sizes) * (len(sizes) - 1)
    pw = block_size(ents[host], (shapes or {}).get(host, GRID))[1]
    k = ON_ROW * pw / row_w
    bigger = [
        BELOW_BIGGER * typical_side(e) / side
        for e in ents.values()
        if e.id != host and e.id not in on_top and typical_side(e) >= SIZE_ORDER * side
    ]
    return max(1.0, min(GROW, KEEP / k, *bigger)) if k < KEEP else 1.0


def face_share(host_name: str) -> float:
    """How much of its host's width (and height) what lies on the host's face may take: a
    board shows what is pinned to it; a wearer stays in sight under what it wears."""
    return 0.6 if host_name in BOARDS or host_name in FACE_UP else 0.4


def big_enough(rects: dict[tuple[str, int], Rect], area: Rect) -> None:
    """Grow every box smaller than :data:`SMALLEST` to that side, about the middle of its
    bottom (what it stands or rests on stays under it): a hand on a small figure, an olive
    on a slice are drawn big enough to see. Changes ``rects``."""
    for key, (x0, y0, x1, y1) in rects.items():
        if max(x1 - x0, y1 - y0) < SMALLEST:
            cx = (x0 + x1) / 2
            rects[key] = clamp((cx - SMALLEST / 2, y1 - SMALLEST, cx + SMALLEST / 2, y1), area)


def jitter(rect: Rect, rng: random.Random, area: Rect) -> Rect:
    side = rect[2] - rect[0]
    dx = (rng.random() * 2 - 1) * JITTER * side
    dy = (rng.random() * 2 - 1) * JITTER * side
    return clamp((rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy), area)


def clamp(rect: Rect, area: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    w, h = min(x1 - x0, area[2] - area[0]), min(y1 - y0, area[3] - area[1])
    x0 = min(max(x0, area[0]), area[2] - w)
    y0 = min(max(y0, area[1]), area[3] - h)
    return (x0, y0, x0 + w, y0 + h)


def overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overlap_area(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def fit_shift(rect: Rect, area: Rect) -> tuple[float, float]:
    x0, y0, x1, y1 = rect
    dx = area[0] - x0 if x0 < area[0] else (area[2] - x1 if x1 > area[2] else 0.0)
    dy = area[1] - y0 if y0 < area[1] else (area[3] - y1 if y1 > area[3] else 0.0)
    return dx, dy
