"""Attributes the rules planner reads off the whole prompt: ``facing``, ``label``, ``text``.

"a dog facing left" gives the dog ``facing: left`` (the built-in engine mirrors its
artwork); "a heart labeled 'pump'" gives the heart ``label: pump`` (written beside it
with an arrow) instead of a caption; "a mug that reads 'hello'" gives the mug
``text: hello`` (written on it; see :mod:`.inscriptions`). All need the words around a
noun, so they are read from the prompt after the scene is built, and matched to the
entity the noun names.
"""

from __future__ import annotations

import re

from ..scene import Entity, SceneGraph
from . import lexicon as lx
from .inscriptions import attach_texts

_FACING = re.compile(
    r"(?<![a-z-])([a-z][a-z-]{0,30})(?:\s+(?:is|are|was|that\s+is|who\s+is))?\s+"
    r"(?:facing|faces|face|looking|looks|turned|heading|headed|pointing|points)\s+"
    r"(?:to(?:wards?)?\s+)?(?:the\s+)?(left|right)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?<![a-z-])([a-z][a-z-]{0,30}),?\s+(?:labell?ed|tagged|marked|named|called)\s+"
    r"(?:as\s+|with\s+)?"
    r"(?:the\s+(?:word|text|label)\s+)?[\"'\u2018\u201c]([^\"'\u2019\u201d]{1,40})[\"'\u2019\u201d]",
    re.IGNORECASE,
)


def _canonical(word: str) -> str:
    one = lx.singular(word.lower())
    return lx.SYNONYMS.get(one, one)


def _entity_for(scene: SceneGraph, word: str) -> Entity | None:
    """The entity ``word`` names (its noun, a synonym or a person kind); the only one
    when the prompt has one thing; else None."""
    names = {_canonical(word), lx.singular(word.lower())}
    for ent in reversed(scene.entities):  # the nearest mention wins
        if ent.name in names or ent.attributes.get("kind") in names:
            return ent
    for ent in reversed(scene.entities):  # "the car" for a "race car"
        if any(ent.name.split()[-1] == n.split()[-1] for n in names):
            return ent
    return scene.entities[0] if len(scene.entities) == 1 else None


def annotate(scene: SceneGraph, text: str) -> None:
    """Set ``facing``, ``label`` and ``text`` attributes that ``text`` gives things of
    ``scene`` (in place); a quoted label or text written on a thing is taken out of
    ``scene.texts`` so it is not also drawn as a caption."""
    for match in _FACING.finditer(text):
        ent = _entity_for(scene, match.group(1))
        if ent is not None:
            ent.attributes["facing"] = match.group(2).lower()
            if ent.attributes.get("state") in ("looking", "facing", "turned", "heading"):
                del ent.attributes["state"]  # "looking to the right" is the facing
            if ent.attributes.get("position") == match.group(2).lower():
                del ent.attributes["position"]  # "facing left" says which way, not where
    for match in _LABEL.finditer(text):
        ent = _entity_for(scene, match.group(1))
        label = match.group(2).strip()
        if ent is None or not label:
            continue
        ent.attributes["label"] = label
        if label in scene.texts:
            scene.texts.remove(label)
    attach_texts(scene, text)


ADDED_LOOK = ("facing", "label", "text")
"""Attributes an "add" edit may give only the things it adds."""


def annotate_added(scene: SceneGraph, before: SceneGraph, text: str) -> None:
    """Like :func:`annotate` for an "add" edit of ``before`` that gave ``scene``.

    "add a dog facing left" next to a dog that faces right adds one more dog that faces
    left: when the edit joined the new things to an existing entity (its count grew) and
    the prompt gives them a ``facing``, ``label`` or ``text`` the old ones lack, the new
    things become an entity of their own, and the relations the edit added move with them.
    """
    probe = scene.copy()
    annotate(probe, text)
    old = {e.id: e for e in before.entities}
    for ent in probe.entities:
        kept = old.get(ent.id)
        mine = scene.entity(ent.id)
        look = {
            k: v for k, v in ent.attributes.items() if k in ADDED_LOOK and kept is not None
            and kept.attributes.get(k) != v
        }  # fmt: skip
        if kept is None or not look or ent.count <= kept.count:
            mine.attributes = dict(ent.attributes)
            continue
        added = Entity(scene.new_id(), ent.name, ent.count - kept.count, dict(ent.attributes))
        mine.count, mine.attributes = kept.count, dict(kept.attributes)
        scene.entities.append(added)
        for rel in scene.relations:
            if rel not in before.relations:  # "add a dog facing left next to the cat"
                if rel.subject == ent.id:
                    rel.subject = added.id
                if rel.object == ent.id:
                    rel.object = added.id
    scene.texts = list(probe.texts)
