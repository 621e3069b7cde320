"""Jobs and roles with no picture of their own: a person with what the job is known by.

"A postman" is a person holding a letter, "a photographer" a person with a camera, "a
taxi driver" a person beside a taxi. :func:`dress_roles` runs once the builder has read
the prompt and turns each entity named by a job in ``data/roles.json`` into a ``person``
whose ``kind`` is the job word (the checker cannot measure a job: that attribute is
unknown, never kept), and adds the job's thing ("with"), held or stood beside, unless
the prompt already gives the person something to hold ("a postman holding a parcel").

A job word read with the thing before it ("a lorry driver", "a balloon seller") takes
that thing: the words of ``heads`` in the data.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..scene import MAX_ENTITIES, Entity, Relation, SceneGraph
from ..vocab.files import read_json
from . import lexicon as lx
from .words import is_adjective_like

__all__ = ["ROLES", "Role", "dress_roles", "role_of"]

_DATA: dict[str, Any] = read_json(__file__, "roles.json")


@dataclass(frozen=True)
class Role:
    """What a job is drawn with: ``thing`` (a canonical noun; ``thing_kind`` its kind,
    "" for none), held or stood beside (``how``), and a background for a prompt that
    names none (``setting``, "" for none)."""

    thing: str
    how: str
    thing_kind: str = ""
    setting: str = ""


ROLES: dict[str, Role] = {
    name: Role(r["with"], r["how"], r.get("with_kind", ""), r.get("setting", ""))
    for r in _DATA["roles"]
    for name in r["names"]
}
"""Job word -> how it is drawn."""
HEADS: dict[str, str] = dict(_DATA["heads"])
"""Job words that take the thing named before them ("taxi driver") -> held or beside."""
_HOLDS = frozenset({"holding", "carrying", "with", "wearing"})


def role_of(name: str, detail: str = "") -> tuple[str, Role] | None:
    """The job word and its :class:`Role` for an entity named ``name`` (with the
    ``detail`` word the reader put before it: "lorry" of "lorry driver"), or None."""
    words = [*detail.split(), *name.split()] if detail and " " not in detail else name.split()
    whole = " ".join(words)
    if whole in ROLES:
        return whole, ROLES[whole]
    if name in ROLES and all(is_adjective_like(w) for w in detail.split()):
        return name, ROLES[name]  # "a smiling milkman"; not "a vacuum cleaner"
    if len(words) >= 2 and words[-1] in HEADS:
        thing = " ".join(words[:-1])
        thing = lx.SYNONYMS.get(thing, thing)
        if thing in lx.KNOWN_NOUNS and thing not in lx.PERSON_WORDS:
            return whole, Role(thing, HEADS[words[-1]])
    return None


def dress_roles(
    scene: SceneGraph, *, background: str | None = None, only: Collection[str] | None = None
) -> str | None:
    """Draw each job in ``scene`` as a person with its thing (see the module docstring);
    return the background a job asks for when ``background`` is None ("a lifeguard":
    the beach), else ``background``. ``only``: the ids of the entities that may be
    dressed (those an edit adds), default all."""
    for ent in list(scene.entities):
        if only is not None and ent.id not in only:
            continue
        kind = ent.attributes.get("kind", "")
        if ent.name == "person" and kind in ROLES:  # a language model's person of that job
            found: tuple[str, Role] | None = (kind, ROLES[kind])
        else:
            found = role_of(ent.name, ent.attributes.get("detail", ""))
        if found is None:
            continue
        word, role = found
        if word != ent.name and ent.name != "person":
            ent.attributes.pop("detail")  # "lorry" is now part of "lorry driver"
        ent.name = "person"
        ent.attributes["kind"] = word
        holds = any(r.subject == ent.id and r.predicate in _HOLDS for r in scene.relations)
        named = [e for e in scene.entities if e.name == role.thing]  # "a bus driver and a bus"
        if named and not holds:
            if Relation(ent.id, role.how, named[0].id) not in scene.relations:
                scene.relations.append(Relation(ent.id, role.how, named[0].id))
        elif not holds and len(scene.entities) < MAX_ENTITIES:
            thing = Entity(scene.new_id(), role.thing, ent.count)
            if role.thing_kind:
                thing.attributes["kind"] = role.thing_kind
            scene.entities.append(thing)
            scene.relations.append(Relation(ent.id, role.how, thing.id))
        if background is None and role.setting:
            background = role.setting
    return background
