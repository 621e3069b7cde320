"""A body's parts belong to the one whose body it is.

"The person stands on both feet with the torso bent; both arms are extended away from
the body": the feet, torso and arms are the person's, drawn on the person; "the body" is
the person; nobody stands on their own feet as on a table. :func:`own_bodies` runs once the
builder has read the whole prompt and makes the plan say so:

- each body part's owner is the last person or animal named before it (else the first
  one after it; else the one doing something: "the subject is squatting"); parts with
  nobody to own them and a pose ("left leg straight, right arm up") are a person's, who
  is added;
- a person's "body" is that person (an animal's body keeps its colours: "a parrot with a
  blue body");
- a relation from an owner to its own part ("person on left leg", "person next to right
  arm") says how the owner stands: it is dropped, and what the part rests on ("sitting on
  their buttocks on the ground") is what the owner rests on;
- a part related to its owner ("left leg behind them") is on the owner, the relation its
  pose; a part resting on a part that carries the body ("torso on foot") or on its twin
  ("left arm on right arm") is on the owner;
- a part that no relation places is on its owner; one placed against another part ("left
  arm across the chest", "a hand on the hip") is left to that relation, so the layout is
  not asked for both (measured: asking for both gave 23 more DSG-1k pose plans a world
  violation, the layout drawing a part on a part outside its owner).
"""

from __future__ import annotations

from collections.abc import Callable

from ..scene import Entity, Relation, SceneGraph
from . import lexicon as lx
from .entity_attrs import add_state
from .links import ANIMALS, is_person
from .words import BODY_PARTS

__all__ = ["own_bodies"]

CARRIERS = frozenset(
    lx.words("foot feet leg knee toe heel buttock buttocks bottom shin ankle thigh hip")
)
"""Parts one stands, kneels or sits on: "on" one of them says how the body rests."""
POSE_PLACES = frozenset({"behind", "in front of", "above", "below", "left of", "right of"})
"""Relations of a part to its owner that say where the part is held ("the left leg behind
them"): kept as the part's pose."""
REACHERS = frozenset(lx.words("hand finger palm fist elbow forearm wrist arm thumb"))
"""Parts that may rest on another part ("a hand on the hip", "elbows on the knees")."""


def head(name: str) -> str:
    """The last word of ``name``, singular ("right arm" -> "arm")."""
    return lx.singular(name.rpartition(" ")[2])


def is_part(ent: Entity) -> bool:
    """Whether ``ent`` is a body part ("right arm", "hands")."""
    last = ent.name.rpartition(" ")[2]
    return last in BODY_PARTS or head(ent.name) in BODY_PARTS


def can_own(ent: Entity) -> bool:
    """Whether ``ent`` has a body whose parts a prompt names: a person or an animal."""
    return is_person(ent.name) or head(ent.name) in ANIMALS


def owners(scene: SceneGraph) -> dict[str, str]:
    """Part id -> the id of its owner: the last person or animal named before the part,
    else the first after it. With neither in the prompt, the owner is the one doing
    something ("the subject is squatting", "a goalkeeper kicking"): a thing with a state."""
    out = _owners(scene, can_own)
    if not out:
        out = _owners(scene, lambda e: "state" in e.attributes)
    return out


def _owners(scene: SceneGraph, owns: Callable[[Entity], bool]) -> dict[str, str]:
    out: dict[str, str] = {}
    last: str | None = None
    waiting: list[str] = []
    for ent in scene.entities:
        if is_part(ent):
            if last is not None:
                out[ent.id] = last
            else:
                waiting.append(ent.id)
        elif owns(ent):
            last = ent.id
            for eid in waiting:
                out[eid] = last
            waiting = []
    return out


def _someone(scene: SceneGraph) -> str | None:
    """Add the person whose pose the prompt describes with no one named ("left leg
    straight, right arm up, head tilted"): two kinds of part or more, one of them posed.
    Return the person's id, or ``None`` when the parts read as things on their own ("two
    hands holding a heart")."""
    parts = [e for e in scene.entities if is_part(e)]
    kinds = {head(e.name) for e in parts}
    if len(kinds) < 2 or not any("state" in e.attributes for e in parts):
        return None
    eid = scene.new_id()
    scene.entities.append(Entity(id=eid, name="person", count=1))
    return eid


def _the_body_is_the_owner(scene: SceneGraph, owner_of: dict[str, str]) -> None:
    """A person's "body" is that person: its relations are the person's."""
    bodies = {
        e.id: owner
        for e in scene.entities
        if head(e.name) == "body"
        and (owner := owner_of.get(e.id)) is not None
        and is_person(scene.entity(owner).name)
    }
    if not bodies:
        return
    for rel in scene.relations:
        rel.subject = bodies.get(rel.subject, rel.subject)
        rel.object = bodies.get(rel.object, rel.object)
    scene.entities = [e for e in scene.entities if e.id not in bodies]
    scene.drop_missing()
    for eid in bodies:
        del owner_of[eid]


def _keeps(scene: SceneGraph, rel: Relation, owner_of: dict[str, str]) -> bool:
    """Whether ``rel`` between two parts of one owner says more than that both are on it:
    not "torso on foot" (a part on one that carries the body) nor "left arm on right arm"
    (a part on its twin); "a hand on the hip" and "elbows on the knees" are kept."""
    owner = owner_of.get(rel.subject)
    if rel.predicate != "on" or owner is None or owner_of.get(rel.object) != owner:
        return True
    upper, lower = head(scene.entity(rel.subject).name), head(scene.entity(rel.object).name)
    return upper != lower and (lower not in CARRIERS or upper in REACHERS)


def own_bodies(scene: SceneGraph) -> None:
    """Give every body part of ``scene`` to its owner (see the module's description)."""
    if not any(is_part(e) for e in scene.entities):
        return
    if not any(can_own(e) for e in scene.entities):
        for ent in scene.entities:
            if head(ent.name) == "body":  # "body is leaning left": the person it is
                ent.name = "person"
    owner_of = owners(scene)
    if not owner_of:
        someone = _someone(scene)
        if someone is None:
            return
        owner_of = {e.id: someone for e in scene.entities if is_part(e)}
    _the_body_is_the_owner(scene, owner_of)
    kept: list[Relation] = []
    rests: set[str] = set()  # the parts the owner rests on
    for rel in scene.relations:
        if owner_of.get(rel.object) == rel.subject:  # "person on left leg": how it stands
            if rel.predicate == "on":
                rests.add(rel.object)
        elif owner_of.get(rel.subject) == rel.object:  # "left leg behind person": a pose
            if rel.predicate in POSE_PLACES:
                add_state(scene.entity(rel.subject), rel.predicate)
        elif rel.subject != rel.object and _keeps(scene, rel, owner_of):
            kept.append(rel)
    scene.relations = []
    for rel in kept:
        if rel.subject in rests and rel.predicate in ("on", "inside"):
            # "sitting on their buttocks on the ground": the person is on the ground
            rel = Relation(owner_of[rel.subject], rel.predicate, rel.object)
        if rel not in scene.relations:
            scene.relations.append(rel)
    placed = {eid for r in scene.relations for eid in (r.subject, r.object)}
    for ent in scene.entities:
        owner = owner_of.get(ent.id)
        if owner is not None and ent.id not in placed:
            scene.relations.append(Relation(ent.id, "on", owner))
