"""Things an edit moved: each placed by the solver where the edit wished, among kept ones.

An edit ("move it to the left", "move them closer together", "swap their places", "make
it bigger") gives the things it moves new boxes: where it *wishes* them to be. Put there
as they are, a thing can land on a neighbour, float above the ground band or leave its
host. :func:`settle_moves` places each moved group (a thing with what moved with it: the
ball and the cup on the moved table) through the solver (:mod:`.solver`) instead, with
every box that did not move a fixed obstacle:

- required: inside the area, no bigger than wished;
- support: a standing thing's feet on the ground band, a thing on a kept host on its top
  (in it, for ``inside``), a thing on an indoor wall above the floor, a thing of the sky
  (:func:`~.hosts.in_the_sky`) with no more than half of it below the horizon (moved
  down, the sun sets on the horizon; the checker says the same);
- clear: apart from every thing it is not related to (kept ones, and moved ones settled
  before it);
- relation: left of, right of, above, below the things already placed;
- size: as big as wished; prefer: as near the wished place as the rest allows.

So a wish that breaks nothing is kept to the pixel, and one that would is moved the least
that keeps the world: the ball slides along the bed up to the teddy bear, two things
brought "closer together" end up side by side.
"""

from __future__ import annotations

from ..scene import SceneGraph
from ..vocab.world import ground_level, horizon
from .blocks import ATTACH, GAP, Rect
from .ground import FOOTING
from .hosts import Parents, attachments, in_the_sky, support_of
from .solver import Body, Problem

Key = tuple[str, int]
SIDES = frozenset({"left of", "right of", "above", "below"})
SEAT = 0.3
"""How far into its host (a share of its own height) a thing resting on top may sink."""
LEAST = 0.5
"""The smallest share of its wished size a moved thing may shrink to."""


def moved_keys(
    boxes: dict[Key, Rect], before: dict[Key, Rect], tolerance: float = 2e-4
) -> set[Key]:
    """The instances whose box differs from the box they had ``before`` (instances new
    since then are not moved: they have no box yet)."""
    out = set()
    for key, box in boxes.items():
        old = before.get(key)
        if old is not None and max(abs(a - b) for a, b in zip(box, old, strict=True)) > tolerance:
            out.add(key)
    return out


def settle_moves(
    scene: SceneGraph,
    kept: dict[Key, Rect],
    wished: dict[Key, Rect],
    area: Rect,
    before: dict[Key, Rect] | None = None,
) -> dict[Key, Rect]:
    """Return a box for every instance in ``wished``, placed as the module docstring says.

    Each moved thing keeps clear of a neighbour on the side its wished box is most clear
    of it; where that cannot hold for all of them (a thing moved over two neighbours), on
    the side it was ``before`` the move: it slides up to the neighbour it met.

    Parameters
    ----------
    scene : SceneGraph
        The edited plan.
    kept : dict
        ``(entity id, instance) -> box`` of the instances that stay where they are.
    wished : dict
        ``(entity id, instance) -> box`` the edit gave the instances it moved.
    area : Rect
        Where boxes may go (normalised ``x0, y0, x1, y1``).
    before : dict, optional
        The boxes of the moved instances before the edit.
    """
    parent = attachments(scene)
    how = support_of(scene, parent)
    placed = dict(kept)
    out: dict[Key, Rect] = {}
    for root, keys in _groups(scene, wished, parent).items():
        boxes = {k: wished[k] for k in keys}
        ways = [_settle(scene, root, boxes, placed, parent, how, area, boxes)]
        old = {k: before[k] for k in keys if before and k in before}
        if len(old) == len(keys) and _hits(ways[0], placed, scene, parent):
            ways.append(_settle(scene, root, boxes, placed, parent, how, area, old))
        settled = min(ways, key=lambda way: _hits(way, placed, scene, parent))
        placed.update(settled)
        out.update(settled)
    return out


def _hits(boxes: dict[Key, Rect], placed: dict[Key, Rect], scene: SceneGraph,
          parent: Parents) -> float:  # fmt: skip
    """How much of ``boxes`` lies on placed things they are not related to."""
    friends = _friends(scene, {eid for eid, _ in boxes}, parent)
    total = 0.0
    for r in boxes.values():
        for (eid, _), o in placed.items():
            if eid not in friends:
                w = min(r[2], o[2]) - max(r[0], o[0])
                h = min(r[3], o[3]) - max(r[1], o[1])
                total += w * h if w > 1e-4 and h > 1e-4 else 0.0
    return total


def _groups(scene: SceneGraph, wished: dict[Key, Rect], parent: Parents) -> dict[str, list[Key]]:
    """Moved instances by the moved thing at the bottom of their chain of hosts, in the
    scene's order of entities."""
    moved = {eid for eid, _ in wished}
    order = {e.id: i for i, e in enumerate(scene.entities)}
    groups: dict[str, list[Key]] = {}
    for key in sorted(wished, key=lambda k: (order.get(k[0], 0), k[1])):
        root, seen = key[0], set()
        while root in parent and parent[root][0] in moved and root not in seen:
            seen.add(root)
            root = parent[root][0]
        groups.setdefault(root, []).append(key)
    return dict(sorted(groups.items(), key=lambda g: order.get(g[0], 0)))


def _bbox(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _friends(scene: SceneGraph, members: set[str], parent: Parents) -> set[str]:
    """Entities the group may touch: related to one of its members by a relation that
    puts things together (on, in, holding, in front of, behind, under), and its hosts."""
    out = set()
    for rel in scene.relations:
        if rel.predicate in ATTACH and {rel.subject, rel.object} & members:
            out |= {rel.subject, rel.object}
    for eid in members:
        host, seen = eid, set()
        while host in parent and host not in seen:
            seen.add(host)
            host = parent[host][0]
            out.add(host)
    return out - members


def _settle(
    scene: SceneGraph,
    root: str,
    boxes: dict[Key, Rect],
    placed: dict[Key, Rect],
    parent: Parents,
    how: dict[str, str],
    area: Rect,
    sides: dict[Key, Rect],
) -> dict[Key, Rect]:
    """Solve one moved group (its wished ``boxes``) among the ``placed`` ones, keeping
    clear of each on the side the group's ``sides`` boxes are most clear of it."""
    bx0, by0, bx1, by1 = _bbox(list(boxes.values()))
    w, h = max(bx1 - bx0, 1e-4), max(by1 - by0, 1e-4)
    members = {eid for eid, _ in boxes}
    problem = Problem()
    body = problem.body(root, w, h)  # unit space: the wished group, at scale 1
    ax0, ay0, ax1, ay1 = area
    problem.le(ax0, body.left, "required", "inside the left edge")
    problem.le(body.right, ax1, "required", "inside the right edge")
    problem.le(ay0, body.top, "required", "inside the top edge")
    problem.le(body.bottom, ay1, "required", "inside the bottom edge")
    problem.le(body.s, 1.0, "required", "no bigger than wished")
    problem.le(LEAST, body.s, "support", "big enough to see")
    problem.eq(body.s, 1.0, "size", "as big as wished")
    problem.eq(body.at_x(w / 2), (bx0 + bx1) / 2, "prefer", "where the edit put it")
    problem.eq(body.at_y(h / 2), (by0 + by1) / 2, "prefer", "where the edit put it")
    local = {k: (r[0] - bx0, r[1] - by0, r[2] - bx0, r[3] - by0) for k, r in boxes.items()}
    _hold_up(problem, body, scene, root, local, placed, parent, how, area)
    friends = _friends(scene, members, parent)
    gap = GAP * 0.15 * min(w, h)
    sx0, sy0, _, _ = _bbox(list(sides.values()))
    here = (sx0, sy0, sx0 + w, sy0 + h)  # the group's size, where it is seen from
    for (eid, _), other in placed.items():
        if eid not in friends:
            apart(problem, body, here, other, gap, keep_gap=True)
    _sides(problem, body, scene, members, local, placed, gap)
    x, y, s = problem.solve()[root]
    return {k: (x + r[0] * s, y + r[1] * s, x + r[2] * s, y + r[3] * s) for k, r in local.items()}


def _hold_up(
    problem: Problem,
    body: Body,
    scene: SceneGraph,
    root: str,
    local: dict[Key, Rect],
    placed: dict[Key, Rect],
    parent: Parents,
    how: dict[str, str],
    area: Rect,
) -> None:
    """What holds the group up: the ground band, its kept host, or the wall."""
    mine = [r for (eid, _), r in local.items() if eid == root]
    if not mine:
        return
    feet = min(r[3] for r in mine)  # a crowd's back row: every row stands lower
    lowest = max(r[3] for r in mine)
    line = horizon(scene.background)
    kind = how.get(root, "ground")
    position = scene.entity(root).attributes.get("position", "")
    if kind == "ground" and line is not None and not position.startswith("top"):
        if line + FOOTING < area[3] - 0.02:
            problem.le(line + FOOTING, body.at_y(feet), "support", "standing on the ground")
        return
    if kind == "air" and line is not None and root in in_the_sky(scene, parent):
        middle = max((r[1] + r[3]) / 2 for r in mine)  # its lowest one's
        problem.le(body.at_y(middle), line, "support", "in the sky")
        return
    host, pred = parent.get(root, ("", ""))
    held = [r for (eid, _), r in placed.items() if eid == host]
    if kind == "host" and held and pred in ("on", "inside"):
        hx0, hy0, hx1, hy1 = _bbox(held)
        tall = max(r[3] - r[1] for r in mine)
        cx = sum(r[0] + r[2] for r in mine) / (2 * len(mine))
        problem.le(hx0, body.at_x(cx), "support", f"over its {pred} host")
        problem.le(body.at_x(cx), hx1, "support", f"over its {pred} host")
        top = hy0 if pred == "on" else hy0 + SEAT * tall
        problem.le(top, body.at_y(lowest), "support", f"resting {pred} its host")
        deepest = hy0 + SEAT * tall if pred == "on" else hy1
        problem.le(body.at_y(lowest), deepest, "support", f"resting {pred} its host")
        return
    floor = ground_level(scene.background)
    if kind == "wall" and floor is not None:
        problem.le(body.at_y(lowest), floor, "support", "hanging above the floor")


def _sides(
    problem: Problem,
    body: Body,
    scene: SceneGraph,
    members: set[str],
    local: dict[Key, Rect],
    placed: dict[Key, Rect],
    gap: float,
) -> None:
    """Left of, right of, above and below between the group and things already placed."""
    for rel in scene.relations:
        if rel.predicate not in SIDES:
            continue
        if rel.subject in members and rel.object not in members:
            me, other, pred = rel.subject, rel.object, rel.predicate
        elif rel.object in members and rel.subject not in members:
            me, other = rel.object, rel.subject
            pred = {"left of": "right of", "right of": "left of", "above": "below"}.get(
                rel.predicate, "above"
            )
        else:
            continue
        theirs = [r for (eid, _), r in placed.items() if eid == other]
        ours = [r for (eid, _), r in local.items() if eid == me]
        if not theirs or not ours:
            continue
        o = _bbox(theirs)
        u = _bbox(ours)
        why = f"{scene.entity(rel.subject).name} {rel.predicate} {scene.entity(rel.object).name}"
        keep_side(problem, body, pred, u, o, gap, why)


def keep_side(
    problem: Problem, body: Body, pred: str, mine: Rect, other: Rect, gap: float, why: str
) -> None:
    """Ask that ``mine`` (a rect of ``body``) lie ``gap`` or more to the side of the fixed
    ``other`` that ``pred`` names ("left of", "right of", "above"; anything else: below)."""
    if pred == "left of":
        problem.le(body.at_x(mine[2]) + gap, other[0], "relation", why)
    elif pred == "right of":
        problem.le(other[2] + gap, body.at_x(mine[0]), "relation", why)
    elif pred == "above":
        problem.le(body.at_y(mine[3]) + gap, other[1], "relation", why)
    else:
        problem.le(other[3] + gap, body.at_y(mine[1]), "relation", why)


def apart(
    problem: Problem, body: Body, here: Rect, other: Rect, gap: float, *, keep_gap: bool = False
) -> None:
    """Keep ``body`` (seen at ``here``) clear of the fixed box ``other``, on the side it
    is most clear of it (or least into it); a box far away needs nothing. The ``gap`` is
    kept in full with ``keep_gap``, else only as much of it as ``here`` already has."""
    options = [
        (other[0] - here[2], "left"),
        (here[0] - other[2], "right"),
        (other[1] - here[3], "above"),
        (here[1] - other[3], "below"),
    ]
    room, side = max(options)
    if room > 0.35:
        return
    keep = gap if keep_gap else min(gap, max(room, 0.0))
    if side == "left":
        problem.le(body.right, other[0] - keep, "clear", "clear of a kept thing")
    elif side == "right":
        problem.le(other[2] + keep, body.left, "clear", "clear of a kept thing")
    elif side == "above":
        problem.le(body.bottom, other[1] - keep, "clear", "clear of a kept thing")
    else:
        problem.le(other[3] + keep, body.top, "clear", "clear of a kept thing")
