"""A new scene: pack its things (:mod:`.packing`), then solve where each cluster goes.

Every cluster (a thing with what rests on, in, under, in front of or behind it) is a rigid
body of the solver (:mod:`.solver`): its attachments hold exactly, because they are its
shape. Between bodies and against the picture, :func:`lay_out_new` states:

- required: every body inside the area;
- support: the bottom of each standing thing on the ground band, at least
  :data:`~.ground.FOOTING` below the background's horizon; what hangs on an indoor wall
  above the floor; what belongs in the sky (:func:`~.hosts.in_the_sky`: the sun, a
  cloud, a bird in flight) above the horizon;
- clear: unrelated clusters apart by a gap, on the side the packing put them;
- relation: ``left of``, ``right of``, ``above``, ``below`` between things of different
  clusters; a named place in the picture ("at the bottom right") for its cluster;
- size: every cluster at one common scale, as large as it can be (``scale``);
- rest and prefer: standing things a little below the horizon, things of the sky
  (outdoors) up in the middle of the sky; each cluster near its packed place, moved a
  little by the seed.

All are solved together, so a cat above a dog on a short ground band makes both smaller
rather than lifting the cat into the sky, and whatever cannot hold gives way weakest
first.
"""

from __future__ import annotations

import random
from collections import defaultdict

from ..scene import Entity, SceneGraph
from ..vocab.support import SIZE_ORDER, SIZE_TOLERANCE, indoors
from ..vocab.world import ground_level, horizon
from .blocks import (
    BELOW_BIGGER,
    CROWD,
    GAP,
    GRID,
    JITTER,
    MAX_SCALE,
    REST,
    Rect,
    big_enough,
    block_rect,
    block_size,
    clamp,
    instance_rects,
    typical_side,
)
from .ground import FOOTING
from .hosts import attachments, in_the_sky, root_of, shapes_of, support_of
from .lettering import least_side
from .members import one_each
from .packing import Packing, pack
from .positions import MAX_SHARE, TARGETS
from .solver import Body, Problem

Key = tuple[str, int]
SIDES = frozenset({"left of", "right of", "above", "below"})
LEAST = 0.3
"""The smallest share of the packed scale a cluster may shrink to."""
GROWN = 0.85 * SIZE_TOLERANCE
"""Most a thing carrying words is drawn bigger than the scene's scale so that they can be
read: within the checker's size tolerance."""
ROOM = 0.1
"""Largest share of the packed scale the seed gives up, so that even a picture the things
fill has room for different seeds to place them differently."""


def lay_out_new(scene: SceneGraph, area: Rect, rng: random.Random) -> dict[Key, Rect]:
    """Return a box for every instance of ``scene`` inside ``area`` (normalised)."""
    ents = {e.id: e for e in scene.entities}
    parent = attachments(scene)
    how = support_of(scene, parent)
    sky = {e for e in in_the_sky(scene, parent) if how[e] == "air"}
    standing = {eid for eid, h in how.items() if h == "ground"}
    line = horizon(scene.background)
    band = area[3] - (line + FOOTING) if line is not None else None
    if band is not None and band <= 0.02:
        band, standing = None, set()  # no room below the horizon: nothing can stand
    standing_how = {e: h for e, h in how.items() if e in standing or h != "ground"}
    shapes = shapes_of(scene, parent, standing_how)
    lifted = {e.id for e in scene.entities if ents[root_of(e.id, parent)].attributes.get(
        "position", "").startswith("top")}  # fmt: skip
    packing = pack(scene, parent, standing - lifted, area, rng, band, shapes)
    ax0, ay0, ax1, ay1 = area
    aw, ah = ax1 - ax0, ay1 - ay0
    guess = min(MAX_SCALE, aw / packing.width, ah / packing.height)
    ox = ax0 + (aw - packing.width * guess) / 2
    oy = ay0 + (ah - packing.height * guess) / 2

    problem = Problem()
    scale = problem.variable("S")
    problem.le(scale, MAX_SCALE, "required", "no bigger than the largest scale")
    roomy = guess * (1.0 - ROOM * rng.random())  # the seed leaves a little room to move in
    problem.eq(scale, roomy, "scale", "as large as the packing allows")
    origin: dict[str, tuple[float, float]] = {}
    local: dict[str, Rect] = {}
    for root, members in packing.clusters.items():
        rects = {e: block_rect(ents[e], packing.blocks[e], shapes[e]) for e in members}
        ux0, uy0 = min(r[0] for r in rects.values()), min(r[1] for r in rects.values())
        ux1, uy1 = max(r[2] for r in rects.values()), max(r[3] for r in rects.values())
        origin[root] = (ux0, uy0)
        for e, r in rects.items():
            local[e] = (r[0] - ux0, r[1] - uy0, r[2] - ux0, r[3] - uy0)
        body = problem.body(root, ux1 - ux0, uy1 - uy0)
        name = ents[root].name
        problem.le(ax0, body.left, "required", f"{name} inside the left edge")
        problem.le(body.right, ax1, "required", f"{name} inside the right edge")
        problem.le(ay0, body.top, "required", f"{name} inside the top edge")
        problem.le(body.bottom, ay1, "required", f"{name} inside the bottom edge")
        problem.eq(body.s, scale, "size", f"{name} at the common scale")
        problem.le(LEAST * guess, body.s, "support", f"{name} big enough to see")
        jx = (rng.random() * 2 - 1) * JITTER * body.w * guess
        jy = (rng.random() * 2 - 1) * JITTER * body.h * guess
        problem.eq(body.at_x(body.w / 2), ox + (ux0 + body.w / 2) * guess + jx, "prefer",
                   f"{name} near its place")  # fmt: skip
        problem.eq(body.at_y(body.h / 2), oy + (uy0 + body.h / 2) * guess + jy, "prefer",
                   f"{name} near its place")  # fmt: skip
        _legible(problem, body, members, ents, packing, shapes, roomy)
        feet = {e: local[e][1] + _first_row(ents[e], packing.blocks[e][2]) for e in members}
        _support(problem, body, members, local, feet, how, scene, area, line)
        flying = [ents[e] for e in members if e in sky]
        _in_the_sky(problem, body, flying, local, ay0, line, indoors(scene.background))
        _named_place(problem, body, ents[root].attributes.get("position"), area)
    _keep_apart(problem, packing, origin, scale)
    _relations(problem, scene, packing, local, scale)
    solved = problem.solve()
    boxes = _instances(scene, packing, local, solved, how, area, rng, sky, line)
    one_each(scene, boxes, parent, area)
    big_enough(boxes, area)
    return boxes


def _support(
    problem: Problem,
    body: Body,
    members: list[str],
    local: dict[str, Rect],
    first_feet: dict[str, float],
    how: dict[str, str],
    scene: SceneGraph,
    area: Rect,
    line: float | None,
) -> None:
    """Standing members on the ground band (every row of a crowd: ``first_feet`` is the
    bottom of each block's first row); hung ones on the wall, above the floor."""
    position = scene.entity(members[0]).attributes.get("position", "")
    if line is not None and not position.startswith("top"):
        feet = [first_feet[e] for e in members if how[e] == "ground"]
        for foot in sorted(set(feet)):
            problem.le(line + FOOTING, body.at_y(foot), "support", "standing on the ground")
        if feet:
            rest = line + FOOTING + REST * (area[3] - line - FOOTING)
            problem.eq(body.at_y(min(feet)), rest, "rest", "a little below the horizon")
    floor = ground_level(scene.background)
    hung = [local[e][3] for e in members if how[e] == "wall"]
    if floor is not None and hung:
        problem.le(body.at_y(max(hung)), floor, "support", "hanging above the floor")


def _in_the_sky(
    problem: Problem,
    body: Body,
    flying: list[Entity],
    local: dict[str, Rect],
    top: float,
    line: float | None,
    inside: bool,
) -> None:
    """Things of the sky (``flying``) wholly above the horizon ``line`` (drawn smaller
    if they must be); outdoors (not ``inside``) by preference up in the middle of the
    sky, between the ``top`` of the area and the horizon."""
    if line is None:
        return
    for ent in flying:
        mid = (local[ent.id][1] + local[ent.id][3]) / 2
        problem.le(body.at_y(local[ent.id][3]), line, "support", f"{ent.name} in the sky")
        if not inside:
            problem.eq(body.at_y(mid), (top + line) / 2, "rest", f"{ent.name} up in the sky")


def _legible(
    problem: Problem,
    body: Body,
    members: list[str],
    ents: dict[str, Entity],
    packing: Packing,
    shapes: dict[str, str],
    scale: float,
) -> None:
    """A thing that carries words at least as wide as they need to be read
    (:func:`~.lettering.least_side`): stronger than the common scale, so that "a van that
    says FRESH BREAD" beside a house is drawn a little bigger rather than unreadable, but
    never out of the picture nor over its neighbours, and in proportion with the rest (at
    most :data:`GROWN` times the common ``scale`` aimed at, and smaller than what is typically much
    bigger than it); where that is too small to read, the checker's legibility finding
    says so."""
    for e in members:
        text = (ents[e].attributes.get("text") or "").strip()
        if text:
            side = block_size(ents[e], shapes[e])[0] * packing.blocks[e][2]
            mine = typical_side(ents[e])
            most = min([GROWN] + [BELOW_BIGGER * typical_side(o) / mine for o in ents.values()
                                  if typical_side(o) >= SIZE_ORDER * mine])  # fmt: skip
            least = min(least_side(text), most * scale * side)
            if least > scale * side:  # it must grow (a thing that cannot grow is left be)
                problem.le(least, body.s * side, "relation", f"{ents[e].name} wide enough to read")


def _named_place(problem: Problem, body: Body, position: str | None, area: Rect) -> None:
    """A cluster with a named place ("at the bottom right") goes there, no wider than
    :data:`~.positions.MAX_SHARE` of the picture along the axes it moves on."""
    tx, ty = TARGETS.get(position or "", (None, None))
    ax0, ay0, ax1, ay1 = area
    if tx is not None:
        problem.eq(body.at_x(body.w / 2), ax0 + tx * (ax1 - ax0), "relation", f"at the {position}")
        problem.le(body.s * body.w, MAX_SHARE * (ax1 - ax0), "relation", "small enough to go there")
    if ty is not None:
        problem.eq(body.at_y(body.h / 2), ay0 + ty * (ay1 - ay0), "relation", f"at the {position}")
        problem.le(body.s * body.h, MAX_SHARE * (ay1 - ay0), "relation", "small enough to go there")


def _keep_apart(
    problem: Problem, packing: Packing, origin: dict[str, tuple[float, float]], scale: object
) -> None:
    """A gap between clusters, on the side of each other the packing put them (pairs
    implied by two others left out)."""
    boxes = {}
    for root in packing.clusters:
        ux0, uy0 = origin[root]
        body = problem.bodies[root]
        boxes[root] = (ux0, uy0, ux0 + body.w, uy0 + body.h)
    before: dict[str, set[tuple[str, str]]] = {"x": set(), "y": set()}
    roots = list(boxes)
    for i, a in enumerate(roots):
        for b in roots[i + 1 :]:
            axis, first, second = _side(boxes[a], boxes[b], a, b)
            before[axis].add((first, second))
    for axis, pairs in before.items():
        after = defaultdict(set)
        for a, b in pairs:
            after[a].add(b)
        for a, b in sorted(pairs):
            if any(b in after[m] for m in after[a] if m != b):
                continue  # implied: a before m before b
            one, two = problem.bodies[a], problem.bodies[b]
            gap = scale * GAP  # type: ignore[operator]
            if axis == "x":
                problem.le(one.right + gap, two.left, "clear", f"{a} clear of {b}")
            else:
                problem.le(one.bottom + gap, two.top, "clear", f"{a} clear of {b}")


def _side(a: Rect, b: Rect, ka: str, kb: str) -> tuple[str, str, str]:
    """The axis and order along which unit boxes ``a`` and ``b`` are apart most."""
    options = [
        (b[0] - a[2], "x", ka, kb),
        (a[0] - b[2], "x", kb, ka),
        (b[1] - a[3], "y", ka, kb),
        (a[1] - b[3], "y", kb, ka),
    ]
    _, axis, first, second = max(options, key=lambda o: o[0])
    return axis, first, second


def _relations(
    problem: Problem,
    scene: SceneGraph,
    packing: Packing,
    local: dict[str, Rect],
    scale: float,
) -> None:
    """``left of``, ``right of``, ``above``, ``below`` between things of two clusters, as
    the packing placed them (one it could not keep, in a cycle such as "a cat left of a
    dog and the dog left of the cat", gives way)."""
    owner = {e: r for r, members in packing.clusters.items() for e in members}
    names = {e.id: e.name for e in scene.entities}
    gap = scale * (GAP / 2)  # type: ignore[operator]
    for rel in scene.relations:
        if rel.predicate not in SIDES or owner[rel.subject] == owner[rel.object]:
            continue
        first, second = rel.subject, rel.object
        if rel.predicate in ("right of", "below"):
            first, second = second, first
        a, b = problem.bodies[owner[first]], problem.bodies[owner[second]]
        ra, rb = local[first], local[second]
        ua, ub = packing.blocks[first], packing.blocks[second]
        wa, ha = _block_extent(scene, first, packing)
        horizontal = rel.predicate in ("left of", "right of")
        if (ua[0] + wa > ub[0] + 1e-9) if horizontal else (ua[1] + ha > ub[1] + 1e-9):
            continue
        why = f"{names[rel.subject]} {rel.predicate} {names[rel.object]}"
        if horizontal:
            problem.le(a.at_x(ra[2]) + gap, b.at_x(rb[0]), "relation", why)
        else:
            problem.le(a.at_y(ra[3]) + gap, b.at_y(rb[1]), "relation", why)


def _first_row(ent: Entity, k: float) -> float:
    """The height (unit space) of the first row of an entity's standing block."""
    return block_size(ent, CROWD)[0] * k


def _block_extent(scene: SceneGraph, eid: str, packing: Packing) -> tuple[float, float]:
    r = block_rect(scene.entity(eid), packing.blocks[eid], packing.shapes.get(eid, GRID))
    return r[2] - r[0], r[3] - r[1]


def _instances(
    scene: SceneGraph,
    packing: Packing,
    local: dict[str, Rect],
    solved: dict[object, tuple[float, float, float]],
    how: dict[str, str],
    area: Rect,
    rng: random.Random,
    sky: set[str],
    line: float | None,
) -> dict[Key, Rect]:
    """Each instance's box from its cluster's solved place, with the seed's jitter:
    sideways for everything, up and down only for what flies or floats (never down over
    the horizon for what belongs in the sky)."""
    ents = {e.id: e for e in scene.entities}
    out: dict[Key, Rect] = {}
    for root, members in packing.clusters.items():
        x, y, s = solved[root]
        for e in members:
            bx, by, _, _ = local[e]
            k = packing.blocks[e][2]
            floats = how[e] in ("air", "free")
            crowd = instance_rects(ents[e], x + bx * s, y + by * s, k * s, packing.shapes[e])
            for i, r in enumerate(crowd):
                side = r[2] - r[0]
                dx = (rng.random() * 2 - 1) * JITTER * side
                dy = (rng.random() * 2 - 1) * JITTER * side if floats else 0.0
                if e in sky and line is not None:
                    dy = min(dy, max(line - r[3], 0.0))
                out[(e, i)] = clamp((r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy), area)
    return out
