"""What rests on what: the attachments of a scene and what stands on the ground.

One definition for the layout (which places a thing on its host, on the ground or on the
wall) and the checker (which says whether it rests there):

- :func:`attachments`: child id -> (host id, predicate) for the relations that put one
  thing against or into another (on, under, inside, in front of, behind, holding), without
  cycles, and without the ones the world forbids: "a teacher on a blackboard" gives way
  (a blackboard holds only flat things), so the teacher stands beside it and the checker
  names that relation as not kept; a thing related to a patch of the place itself ("a
  person under the sky", "a dog on the grass") stands on the ground;
- :func:`support_of`: how each entity is held up: ``"air"`` (it flies), ``"free"``
  (nothing stands in space or under water; a patch of the place itself, the grass or the
  sky, holds itself up), ``"wall"`` (it hangs on an indoor wall),
  ``"host"`` (it rests on, in or is held by its host), ``"beside"`` (under a host that
  does not stand) or ``"ground"`` (in front of or behind anything too).
"""

from __future__ import annotations

from ..scene import Relation, SceneGraph
from ..vocab.support import OPEN_CONTAINERS, SCENERY, can_rest_on, hangs, pinned
from ..vocab.world import HELD_UP, IN_THE_AIR, IN_THE_SKY, ground_level, horizon
from .body import rides

ATTACH = frozenset({"on", "under", "inside", "in front of", "behind", "holding"})
"""Predicates that put one thing against or into another."""

DEPTH_ONLY = frozenset({"behind", "in front of"})
"""Predicates that say only which of two things is nearer: a thing that can stand stands on
the ground itself (a fence behind bears on a bicycle, a building behind a plane)."""

Parents = dict[str, tuple[str, str]]


def attachments(scene: SceneGraph) -> Parents:
    """Return child id -> (host id, predicate) for the attaching relations of ``scene``.

    "A holding B" attaches B to A. A thing keeps its first host: its wearer or its whole
    for what is worn or a part ("a left arm on a person" before "the left arm under the
    right arm"), then what holds it up (on, inside, held, under), then what it is only in
    front of or behind; a relation that
    would close a cycle is skipped, and so is "on" when the host cannot hold the child
    (:func:`~jupyter_imagechat.vocab.support.can_rest_on`), and "in front of" or "behind"
    a thing that does not stand on the ground itself.
    """
    names = {e.id: e.name for e in scene.entities}
    parent: Parents = {}

    def rank(rel: Relation) -> int:
        if rel.predicate == "on" and pinned(names[rel.subject], names[rel.object]):
            return 0
        return 2 if rel.predicate in DEPTH_ONLY else 1

    for rel in sorted((r for r in scene.relations if r.predicate in ATTACH), key=rank):
        child, host, pred = rel.subject, rel.object, rel.predicate
        if pred == "holding":
            child, host = host, child
        elif pred == "on" and rides(names[child], names[host]):  # "a kid on skis": the
            child, host, pred = host, child, "under"  # skis lie under its feet
        if child in parent or child == host or root_of(host, parent) == child:
            continue
        if pred == "on" and not can_rest_on(names[child], names[host]):
            continue
        if names[host] in SCENERY:  # "a person under the sky", "a dog on the grass": the
            continue  # place itself holds it; it stands on the ground like anything else
        if pred in DEPTH_ONLY and _lifted(host, parent):
            continue  # "a book in front of the vegetables on the table": it stands itself
        parent[child] = (host, pred)
    return parent


def _lifted(eid: str, parent: Parents) -> bool:
    """Whether ``eid`` rests on, in or is held by a host, down its chain of hosts: what is
    only in front of or behind it does not stand on the ground where it stands (it would be
    drawn at the host's small scale, off the ground), so it is not attached to it."""
    seen = set()
    while eid in parent and eid not in seen:
        seen.add(eid)
        host, pred = parent[eid]
        if pred in HELD_UP:
            return True
        eid = host
    return False


def root_of(eid: str, parent: Parents) -> str:
    """The entity at the bottom of ``eid``'s chain of hosts (itself when unattached)."""
    seen = set()
    while eid in parent and eid not in seen:
        seen.add(eid)
        eid = parent[eid][0]
    return eid


def support_of(scene: SceneGraph, parent: Parents | None = None) -> dict[str, str]:
    """Return entity id -> how it is held up (see the module docstring).

    In a diagram (a scene with arrows, labels, panels or arrangements) things in a panel
    or an arrangement, and every thing on a diagram with no background, are ``"free"``:
    they are drawn on the page.
    """
    parent = attachments(scene) if parent is None else parent
    names = {e.id: e.name for e in scene.entities}
    grounded = horizon(scene.background) is not None
    on_page = diagram_members(scene)
    out: dict[str, str] = {}
    for ent in scene.entities:
        if ent.id in on_page:
            out[ent.id] = "free"
        else:
            out[ent.id] = _support(ent.id, names, parent, scene.background, grounded)
    return out


LOW = frozenset({"below", "under", "on"})
"""Relations that put their subject lower than their object, or on it ("a plane on the
road": the road is the place itself, so it is no host, but the plane is on the ground)."""


def in_the_sky(scene: SceneGraph, parent: Parents | None = None) -> set[str]:
    """Return the ids of the things that belong in the sky, above the background's horizon.

    A thing that flies (:data:`~jupyter_imagechat.vocab.world.IN_THE_SKY`: the sun, a
    cloud, a bird, a plane) belongs there unless the plan puts it lower: it rests on, in,
    under or is held by a thing that does not fly (a bird on a branch, a kite held by a
    child), it is on, below or under such a thing, such a thing stands in front of or
    behind it (a plane with a hangar behind it is on the ground), or it is asked to be at
    the bottom of the picture. One definition for the layout, which keeps these things
    above the horizon where there is one, and the checker, which says where one was laid
    below it.
    """
    parent = attachments(scene) if parent is None else parent
    ents = {e.id: e for e in scene.entities}
    flies = {eid for eid, ent in ents.items() if ent.name in IN_THE_SKY or _up(ent.name)}
    low = {r.subject for r in scene.relations if r.predicate in LOW and r.object not in flies}
    low |= {r.object for r in scene.relations if r.predicate == "above" and r.subject not in flies}
    low |= {host for child, (host, pred) in parent.items()
            if pred in DEPTH_ONLY and child not in flies}  # fmt: skip
    out: set[str] = set()
    for ent in scene.entities:
        chain, eid = [ent.id], ent.id
        while eid in parent and parent[eid][0] not in chain:
            eid = parent[eid][0]
            chain.append(eid)
        placed = (ents[e].attributes.get("position") or "" for e in chain)
        if (
            set(chain) <= flies
            and not set(chain) & low
            and not any(p.startswith("bottom") for p in placed)
        ):
            out.add(ent.id)
    return out


def _up(name: str) -> bool:
    """Whether a thing called ``name`` is a place with no ground (the sky, space): a
    cloud on the sky is still up in it."""
    return ground_level(name) is None


def diagram_members(scene: SceneGraph) -> set[str]:
    """Ids of the entities a diagram lays out on its page: those in panels or
    arrangements, and all of them when a diagram names no background."""
    if not (scene.arrows or scene.labels or scene.panels or scene.arrangements):
        return set()
    if not scene.background:
        return {e.id for e in scene.entities}
    members = {m for p in scene.panels for m in p.members}
    members |= {m for a in scene.arrangements for m in a.members}
    members |= {m for p in scene.panels if p.id in members for m in p.members}
    return members


def _support(
    eid: str, names: dict[str, str], parent: Parents, background: str | None, grounded: bool
) -> str:
    if names[eid] in IN_THE_AIR:
        return "air"
    if names[eid] in SCENERY:
        return "free"
    if not grounded:
        return "free"
    host, pred = parent.get(eid, (None, None))
    if host is not None and pred in HELD_UP:
        return "host"
    if hangs(names[eid], background):
        return "wall"
    if host is None or pred in DEPTH_ONLY:
        return "ground"  # behind or in front of: nearer or further, on the ground itself
    # under a host: it stands where its host stands; under a thing in the air (flowers
    # under the sun, a house under a plane) it stands on the ground below it, not hanging
    below = _support(host, names, {k: v for k, v in parent.items() if k != eid}, background,
                     grounded)  # fmt: skip
    return "ground" if below in ("ground", "air") else "beside"


def stands(scene: SceneGraph, parent: Parents | None = None) -> set[str]:
    """Ids of the entities whose bottom goes on the ground band."""
    return {eid for eid, how in support_of(scene, parent).items() if how == "ground"}


DEPTH = {"behind": -1, "on": 1, "inside": 1, "in front of": 1, "holding": 1}
"""How a relation moves its subject (the held thing, for ``holding``) in depth: +1 in
front of its object, -1 behind it. A thing under another is at its depth: it stands lower,
so it is drawn after it and stays in sight (the barbells under a shelf)."""


def _nearer(scene: SceneGraph, known: set[str]) -> list[tuple[str, str]]:
    """(thing in front, thing behind) for every depth relation between ``known`` ids."""
    pairs, resting = [], set()
    names = {e.id: e.name for e in scene.entities}
    for rel in scene.relations:
        step = DEPTH.get(rel.predicate, 0)
        if rel.subject not in known or rel.object not in known:
            continue
        if rel.subject == rel.object:  # "a bus behind a bus": among its own instances
            continue
        board = _underfoot(rel, names)
        if board:  # "a kid on skis": the skis lie under its feet, nearer than it
            pairs.append((board, rel.object if board == rel.subject else rel.subject))
            resting.add(pairs[-1])
            continue
        if not step:
            continue
        child, host = (rel.object, rel.subject) if rel.predicate == "holding" else (
            rel.subject, rel.object)  # fmt: skip
        pairs.append((child, host) if step > 0 else (host, child))
        if rel.predicate not in DEPTH_ONLY:
            resting.add(pairs[-1])
    # what rests on, in or is held by another first; a pair that would close a cycle ("a
    # bus in front of a bus and behind it") gives way, so what is on a thing stays in front
    pairs.sort(key=lambda pair: pair not in resting)
    kept: list[tuple[str, str]] = []
    for front, back in pairs:
        if not _reaches(kept, back, front):
            kept.append((front, back))
    return kept


def _underfoot(rel: Relation, names: dict[str, str]) -> str | None:
    """The id of the thing stood on in a relation that puts a rider on it ("a kid on
    skis", "a surfboard under a surfer"), else None."""
    if rel.predicate == "on" and rides(names[rel.subject], names[rel.object]):
        return rel.object
    if rel.predicate == "under" and rides(names[rel.object], names[rel.subject]):
        return rel.subject
    return None


def _reaches(pairs: list[tuple[str, str]], start: str, goal: str) -> bool:
    """Whether ``goal`` is ``start`` or behind it through ``pairs`` (front, back)."""
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        if here == goal:
            return True
        for front, back in pairs:
            if front == here and back not in seen:
                seen.add(back)
                todo.append(back)
    return False


def depths(scene: SceneGraph) -> dict[str, int]:
    """Entity id -> its depth: 0 for things related to nothing, higher for things drawn in
    front (on, inside, in front of, held), -1 for a thing behind or under others that
    nothing is behind.

    Every relation is kept together: a thing in front of one thing and behind another
    ("trees in front of a building, a tree behind a post") lies between them, whatever
    order the relations come in. Each thing in front is pushed one deeper than the deepest
    thing it is in front of (bounded: a cycle of relations stops at the number of things).
    """
    depth = {e.id: 0 for e in scene.entities}
    pairs = _nearer(scene, set(depth))
    for _ in range(len(depth)):
        changed = False
        for front, back in pairs:
            if depth[front] <= depth[back] and depth[back] < len(depth):
                depth[front], changed = depth[back] + 1, True
        if not changed:
            break
    behind = {rel.subject for rel in scene.relations if rel.predicate == "behind"}
    return {eid: d - 1 if d == 0 and eid in behind else d for eid, d in depth.items()}


def draw_ranks(scene: SceneGraph) -> dict[str, tuple[int, int]]:
    """Entity id -> its place in the drawing order, back to front: patches of the place
    itself (the grass, the road) first, then by :func:`depths`. The one order the layout
    solves for and every engine draws in (an engine breaks ties by the box's bottom: the
    nearer row of a crowd over the one behind it)."""
    depth = depths(scene)
    return {e.id: (int(e.name not in SCENERY), depth[e.id]) for e in scene.entities}


def shapes_of(scene: SceneGraph, parent: Parents, how: dict[str, str]) -> dict[str, str]:
    """Entity id -> how its instances line up (:func:`~.blocks.block_size`): a standing
    ``crowd`` in rows going back, one ``row`` on a surface or in an open container (each
    instance rests on it), else a ``grid``."""
    names = {e.id: e.name for e in scene.entities}
    out: dict[str, str] = {}
    for eid in names:
        host, pred = parent.get(eid, ("", ""))
        if how.get(eid) == "ground":
            out[eid] = "crowd"
        elif (pred == "on" and not pinned(names[eid], names.get(host, ""))) or (
            pred == "inside" and names.get(host) in OPEN_CONTAINERS
        ):
            out[eid] = "row"
        else:
            out[eid] = "grid"
    return out
