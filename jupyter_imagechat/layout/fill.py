"""Layout of an edited scene: kept boxes stay, new things are placed around them.

:func:`fill` is what :func:`.layout.arrange` uses when some boxes already exist (an edit,
a fix, a diagram's new loose things). Kept boxes are fixed; only what is new is solved:

- more of a thing already drawn ("add two more apples") is a block of the same size next
  to the others;
- a new thing comes with whatever new rests on, in or under it ("add a cat on a table":
  the new table and the cat on it are placed together); on a kept host ("put a hat on the
  bowl") it goes where the host holds it;
- a spot is searched (:func:`.spots.free_spot`): one that keeps its relations to what is
  there, overlaps nothing, and puts its standing things' feet on the ground band (an
  indoor wall's things above the floor, what belongs in the sky above the horizon),
  shrinking it if it must;
- then the solver (:mod:`.solver`) settles the spot exactly, with every kept box a fixed
  obstacle: inside the area, feet on the ground, clear of unrelated things, relations
  kept, as large as the things already drawn.
"""

from __future__ import annotations

import random

from ..scene import Entity, SceneGraph
from ..vocab.support import indoors
from ..vocab.world import HELD_UP, ground_level, horizon
from .blocks import (
    ATTACH,
    CROWD,
    GAP,
    MAX_SCALE,
    REST,
    Rect,
    attach_blocks,
    block_rect,
    block_size,
    clamp,
    instance_rects,
    overlap_area,
)
from .ground import FOOTING
from .hosts import Parents, attachments, in_the_sky, shapes_of, support_of
from .moves import apart, keep_side
from .packing import cluster_blocks
from .solver import Problem
from .spots import Wants, free_spot, ideal_point

Key = tuple[str, int]
SIDES = frozenset({"left of", "right of", "above", "below"})
INVERSE = {
    "left of": "right of", "right of": "left of", "above": "below", "below": "above",
    "next to": "next to",
}  # fmt: skip


def fill(
    scene: SceneGraph, kept: dict[Key, Rect], area: Rect, rng: random.Random
) -> dict[Key, Rect]:
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
        Seeded; kept for the signature shared with the fresh layout (new things go to the
        best spot, which does not depend on the seed).
    """
    ents = {e.id: e for e in scene.entities}
    rects = dict(kept)
    ratios = sorted((r[2] - r[0]) / block_size(ents[eid])[0] for (eid, _), r in kept.items())
    scale = min(max(ratios[len(ratios) // 2], 0.05), MAX_SCALE)
    parent = attachments(scene)
    world = _World(scene, area, parent)
    have = {eid for eid, _ in kept}
    for ent in scene.entities:  # more apples in the bowl: all of them laid in it again
        host = parent.get(ent.id, ("", ""))
        short = any((ent.id, i) not in rects for i in range(ent.count))
        if ent.id in have and short and host[1] in HELD_UP and host[0] in have:
            have.discard(ent.id)
            for key in [k for k in rects if k[0] == ent.id]:
                del rects[key]
    for ent in scene.entities:
        if ent.id in have and any((ent.id, i) not in rects for i in range(ent.count)):
            _more(world, ent, rects)
    new = [e.id for e in scene.entities if e.id not in have]
    roots = [e for e in new if not (e in parent and parent[e][0] in new)]
    while roots:  # a thing whose partners are all placed first
        ready = [r for r in roots if not (_partners(scene, r) & set(roots) - {r})]
        root = (ready or roots)[0]
        roots.remove(root)
        members = _cluster_of(root, new, parent)
        _place_cluster(world, root, members, rects, scale)
    return rects


class _World:
    """What an edited scene's new things must respect: the area, the ground, the wall."""

    def __init__(self, scene: SceneGraph, area: Rect, parent: Parents) -> None:
        self.scene, self.area, self.parent = scene, area, parent
        self.ents = {e.id: e for e in scene.entities}
        self.how = support_of(scene, parent)
        self.shapes = shapes_of(scene, parent, self.how)
        line = horizon(scene.background)
        self.ground = None if line is None or line + FOOTING >= area[3] - 0.02 else line + FOOTING
        self.floor = ground_level(scene.background)
        self.line = None if line is None or line <= area[1] + 0.05 else line
        """The horizon what belongs in the sky stays above (None: no room, or no ground)."""
        self.sky = {e for e in in_the_sky(scene, parent) if self.how[e] == "air"}

    def band(self, feet: float, hung: float | None, h: float) -> tuple[float, float, float] | None:
        """The band a cluster's feet (its standing things' highest bottom, a share of its
        height ``h``) must end in, or its hung things' lowest bottom."""
        if feet >= 0 and self.ground is not None:
            return feet / h, self.ground, self.area[3]
        if hung is not None and self.floor is not None:
            return hung / h, self.area[1], self.floor
        return None

    def sky_band(self, bottom: float, h: float) -> tuple[float, float, float] | None:
        """The band the bottom of a cluster's things of the sky (a share ``bottom`` of its
        height ``h``) must end in: above the horizon."""
        return None if self.line is None else (bottom / h, self.area[1], self.line)

    def rest(self) -> float | None:
        """Where standing feet go by preference: a little below the horizon."""
        if self.ground is None:
            return None
        return self.ground + REST * (self.area[3] - self.ground)


def _partners(scene: SceneGraph, eid: str) -> set[str]:
    out = {r.object for r in scene.relations if r.subject == eid}
    return out | {r.subject for r in scene.relations if r.object == eid}


def _cluster_of(root: str, new: list[str], parent: Parents) -> list[str]:
    """``root`` and the new things resting on, in or under it (down the chain)."""
    members = [root]
    for eid in new:
        if eid == root:
            continue
        host, seen = eid, set()
        while host in parent and host not in seen:
            seen.add(host)
            host = parent[host][0]
            if host == root:
                members.append(eid)
                break
            if host not in new:
                break
    return members


def _bbox(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _relations_out(
    world: _World, members: list[str], rects: dict[Key, Rect]
) -> tuple[Wants, list[tuple[str, str, Rect]], set[str]]:
    """What the cluster ``members`` wants of things already placed: (predicate, box) pairs
    for the search, (member, predicate, box) for the solver, and the ids it may overlap."""
    placed: dict[str, list[Rect]] = {}
    for (eid, _), r in rects.items():
        placed.setdefault(eid, []).append(r)
    wants: Wants = []
    exact: list[tuple[str, str, Rect]] = []
    friends: set[str] = set()
    for rel in world.scene.relations:
        back = INVERSE.get(rel.predicate, "")
        for me, other, pred in ((rel.subject, rel.object, rel.predicate),
                                (rel.object, rel.subject, back)):  # fmt: skip
            if me not in members or other in members or other not in placed:
                continue
            box = _bbox(placed[other])
            if rel.predicate in ATTACH:
                friends.add(other)
                wants.append(("next to", box))
            elif pred:
                wants.append((pred, box))
                if pred in SIDES:
                    exact.append((me, pred, box))
    return wants, exact, friends


def _place_cluster(
    world: _World, root: str, members: list[str], rects: dict[Key, Rect], scale: float
) -> None:
    """Place a new thing and what new rests on it around the boxes in ``rects``."""
    ents, area = world.ents, world.area
    sub = {c: world.parent[c] for c in members if c != root}
    shapes = world.shapes
    crowd = {e for e in members if world.how[e] == "ground"}
    units = cluster_blocks(root, ents, sub, shapes)
    local = {e: block_rect(ents[e], p, shapes[e]) for e, p in units.items()}
    feet_of = {e: local[e][1] + block_size(ents[e], CROWD)[0] * units[e][2] for e in crowd}
    w, h = max(r[2] for r in local.values()), max(r[3] for r in local.values())
    wants, exact, friends = _relations_out(world, members, rects)
    obstacles = [r for (eid, _), r in rects.items() if eid not in friends]
    host_id, pred = world.parent.get(root, (None, None))
    pin = None
    if host_id is not None and any(k[0] == host_id for k in rects):
        host = _bbox([r for k, r in rects.items() if k[0] == host_id])
        hk = (host[2] - host[0]) / block_size(ents[host_id], shapes[host_id])[1]
        (_, _, (x, y, k)), = attach_blocks(ents, host, hk, [(root, str(pred))],
                                           ents[host_id].name, shapes)  # fmt: skip
        rx, ry, _ = units[root]
        pin = _beside_others((x - rx * k, y - ry * k, k), (w, h), host, obstacles)
        spot = pin
    else:
        feet = [feet_of[e] for e in crowd]
        hung = [local[e][3] for e in members if world.how[e] == "wall"]
        band = world.band(min(feet) if feet else -1.0, max(hung) if hung else None, h)
        ideal = ideal_point(ents[root].attributes.get("position"), wants, w * scale,
                            h * scale, area)  # fmt: skip
        lifted = [local[e][3] for e in members if e in world.sky]
        if band is None and lifted:  # the sun, a cloud: in the sky, up in its middle
            band = world.sky_band(max(lifted), h)
            if band is not None and not (
                wants or ents[root].attributes.get("position") or indoors(world.scene.background)
            ):
                ideal = (ideal[0], (area[1] + band[2]) / 2)
        rest = world.rest()
        if band is not None and rest is not None and feet and not wants:
            ideal = (ideal[0], rest - (min(feet) / h - 0.5) * h * scale)
        x, y, shrink = free_spot(w * scale, h * scale, wants, ideal, obstacles, area, band)
        spot = (x, y, scale * shrink)
    x, y, s = _settle(world, root, members, feet_of, (w, h), spot, scale, obstacles, exact, pin,
                      local)  # fmt: skip
    for e in members:
        bx, by, k = units[e]
        block = instance_rects(ents[e], x + bx * s, y + by * s, k * s, shapes[e])
        for i, r in enumerate(block):
            rects[(e, i)] = clamp(r, area)


def _beside_others(
    spot: tuple[float, float, float], size: tuple[float, float], host: Rect, obstacles: list[Rect]
) -> tuple[float, float, float]:
    """``spot`` (x, y, scale) of a new thing on a kept host, moved along the host's width
    clear of what already rests there ("put the book on the shelf too": beside the cup)."""
    x, y, k = spot
    bottom = y + size[1] * k

    def clash(left: float, kk: float) -> float:
        r = (left, bottom - size[1] * kk, left + size[0] * kk, bottom)
        return sum(overlap_area(r, o) for o in obstacles)

    if clash(x, k) <= 0:
        return spot
    best = (clash(x, k), 0.0, x, k)
    for kk in (k, 0.8 * k, 0.64 * k, 0.5 * k):  # smaller if there is no room at its size
        w = size[0] * kk
        lo, hi = host[0] - 0.25 * w, host[2] - 0.75 * w
        for i in range(13):
            left = lo + (hi - lo) * i / 12 if hi > lo else x
            best = min(best, (clash(left, kk), abs(left - x) + (k - kk), left, kk))
        if best[0] <= 0:
            break
    _, _, left, kk = best
    return left, bottom - size[1] * kk, kk


def _more(world: _World, ent: Entity, rects: dict[Key, Rect]) -> None:
    """More of a thing already drawn: a block of the same size next to the others."""
    have = [r for (eid, _), r in rects.items() if eid == ent.id]
    missing = [i for i in range(ent.count) if (ent.id, i) not in rects]
    box = _bbox(have)
    side = sorted(r[2] - r[0] for r in have)[len(have) // 2]
    extra = Entity(ent.id, ent.name, len(missing), dict(ent.attributes))
    how = world.how[ent.id]
    shape = world.shapes[ent.id]
    crowd = shape == CROWD
    unit, bw, bh = block_size(extra, shape)
    k = side / unit
    wants, exact, friends = _relations_out(world, [ent.id], {
        key: r for key, r in rects.items() if key[0] != ent.id
    })  # fmt: skip
    obstacles = [r for (eid, _), r in rects.items() if eid not in friends]
    ideal = (box[2] + side * 0.2 + bw * k / 2, (box[1] + box[3]) / 2)
    band = world.band(unit if crowd else -1.0, bh if how == "wall" else None, bh)
    if band is None and ent.id in world.sky:
        band = world.sky_band(bh, bh)
    x, y, shrink = free_spot(bw * k, bh * k, wants, ideal, obstacles, world.area, band)
    local = {ent.id: (0.0, 0.0, bw, bh)}
    feet = {ent.id: unit} if crowd else {}
    x, y, s = _settle(world, ent.id, [ent.id], feet, (bw, bh), (x, y, k * shrink), k,
                      obstacles, exact, None, local)  # fmt: skip
    for i, r in zip(missing, instance_rects(extra, x, y, s, shape), strict=True):
        rects[(ent.id, i)] = clamp(r, world.area)


def _settle(
    world: _World,
    key: str,
    members: list[str],
    feet: dict[str, float],
    size: tuple[float, float],
    spot: tuple[float, float, float],
    scale: float,
    obstacles: list[Rect],
    exact: list[tuple[str, str, Rect]],
    pin: tuple[float, float, float] | None,
    local: dict[str, Rect],
) -> tuple[float, float, float]:
    """Solve the exact place and scale of a new cluster of unit ``size`` found at
    ``spot`` (x, y, scale), with kept boxes as fixed obstacles (see the module docstring).
    ``feet`` are the unit heights of its standing members' first rows, ``local`` its
    members' unit boxes."""
    w, h = size
    ax0, ay0, ax1, ay1 = world.area
    problem = Problem()
    body = problem.body(key, w, h)
    problem.le(ax0, body.left, "required", "inside the left edge")
    problem.le(body.right, ax1, "required", "inside the right edge")
    problem.le(ay0, body.top, "required", "inside the top edge")
    problem.le(body.bottom, ay1, "required", "inside the bottom edge")
    top = max(scale, spot[2]) if pin is not None else scale
    problem.le(body.s, top, "required", "no bigger than the things already drawn")
    problem.eq(body.s, top, "size", "as big as the things already drawn")
    problem.le(0.3 * spot[2], body.s, "support", "big enough to see")
    x, y, s = spot
    problem.eq(body.at_x(w / 2), x + s * w / 2, "prefer", "at the spot found")
    problem.eq(body.at_y(h / 2), y + s * h / 2, "prefer", "at the spot found")
    if pin is not None:
        problem.eq(body.x, pin[0], "support", "resting on its host")
        problem.eq(body.y, pin[1], "support", "resting on its host")
        problem.eq(body.s, pin[2], "support", "resting on its host")
    else:
        for e in members:
            if e in feet and world.ground is not None:
                problem.le(world.ground, body.at_y(feet[e]), "support", "on the ground")
            if world.how[e] == "wall" and world.floor is not None:
                problem.le(body.at_y(local[e][3]), world.floor, "support", "above the floor")
            if e in world.sky and world.line is not None and e not in feet:
                problem.le(body.at_y(local[e][3]), world.line, "support", "in the sky")
    gap = GAP * 0.3 * s * w
    here = (x, y, x + s * w, y + s * h)
    for o in obstacles:
        apart(problem, body, here, o, gap)
    for member, pred, box in exact:
        keep_side(problem, body, pred, local[member], box, gap, pred)
    return problem.solve()[key]
