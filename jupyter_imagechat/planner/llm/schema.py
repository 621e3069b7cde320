"""The scene graph as a JSON schema for language models, and repair of what they answer.

A language model asked for a scene graph answers with text that is usually JSON, sometimes
wrapped in prose or a code fence, sometimes cut off, sometimes with the right idea in the
wrong shape (``"count": "3"``, ``"name": "Apples"``, ``"predicate": "on top of"``).
:func:`parse_scene` finds the JSON, closes what was cut off, repairs each field it can and
drops what it cannot, and returns a validated :class:`~jupyter_imagechat.scene.SceneGraph`
with notes that say what was repaired.

The schema holds the diagram vocabulary (arrows, labels, panels, arrangements:
:mod:`.diagram`) and a ``topic`` (the name of a lesson topic the request names).
:data:`EDIT_SCHEMA` adds what an edit answers with: each entity's ``box`` and the
``focus``. :func:`read_answer` keeps what the answer called each entity, so that an edit
can be matched to the scene it changed (:mod:`.edit`).
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ...scene import (
    COLORS,
    MAX_COUNT,
    MAX_ENTITIES,
    PREDICATES,
    Entity,
    Relation,
    SceneError,
    SceneGraph,
)
from ...scene.text import clean_data
from .. import lexicon as lx
from ..compounds import joined_noun, singular_key
from .answer_text import extract_json
from .diagram import DIAGRAM_PROPERTIES, repair_diagram

SCENE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["entities", "relations", "exclude", "style", "background", "texts"],
    "properties": {
        "entities": {
            "type": "array",
            "maxItems": MAX_ENTITIES,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "count", "attributes"],
                "properties": {
                    "id": {"type": "string", "pattern": "^e[0-9]+$"},
                    "name": {"type": "string", "description": "lowercase singular noun"},
                    "count": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
                    "attributes": {
                        "type": "object",
                        "description": "color, size, material, shape, texture, state, ...",
                        "additionalProperties": {"type": "string"},
                    },
                },
            },
        },
        "relations": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["subject", "predicate", "object"],
                "properties": {
                    "subject": {"type": "string"},
                    "predicate": {"type": "string", "enum": list(PREDICATES)},
                    "object": {"type": "string"},
                },
            },
        },
        "exclude": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "color": {"type": "string"}},
            },
        },
        "style": {"type": ["string", "null"]},
        "background": {"type": ["string", "null"]},
        "texts": {"type": "array", "items": {"type": "string"}},
        **DIAGRAM_PROPERTIES,
        "topic": {
            "type": ["string", "null"],
            "description": "the lesson topic the request names, e.g. 'nitrogen cycle', or null",
        },
    },
}
"""JSON schema of the scene graph without its layout (the layout step adds that), with the
diagram vocabulary and the ``topic`` a request names."""

EDIT_SCHEMA: dict[str, Any] = copy.deepcopy(SCENE_SCHEMA)
EDIT_SCHEMA["properties"].pop("topic")
EDIT_SCHEMA["properties"]["entities"]["items"]["properties"]["box"] = {
    "type": ["array", "null"],
    "items": {"type": "number"},
    "minItems": 4,
    "maxItems": 4,
    "description": "[x0, y0, x1, y1] from the top left, 0..1: where its things are; null: new",
}
EDIT_SCHEMA["properties"]["focus"] = {
    "type": ["string", "null"],
    "description": "the id of the thing the follow-up created or changed",
}
"""JSON schema of a changed scene graph: each entity may say where it is (``box``), and
``focus`` names the thing the follow-up is about."""

_WORD = re.compile(r"[^a-z0-9' -]+")


def _clean_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    words = _WORD.sub(" ", value.lower()).split()
    if not words:
        return None
    known = singular_key(tuple(words)) if len(words) > 2 else None  # "chests of drawers"
    joined = joined_noun(*words) if len(words) == 2 else None  # "dolls house", "butter fly"
    words = list(known) if known else [joined] if joined else [*words[:-1], lx.singular(words[-1])]
    name = " ".join(words)[:64].strip(" '-")
    name = lx.SYNONYMS.get(name, name)
    return name if name and name[0].isalpha() else None


def _clean_count(value: Any, name: str, notes: list[str]) -> int:
    if isinstance(value, str):
        value = lx.NUMBER_WORDS.get(value.strip().lower(), value.strip())
    try:
        count = int(value)
    except (TypeError, ValueError):
        return 1
    except OverflowError:  # a model answered "count": Infinity
        if value < 0:
            return 1
        notes.append(f"capped an endless count of {name} at {MAX_COUNT}")
        return MAX_COUNT
    if count > MAX_COUNT:
        notes.append(f"capped {count} {name} at {MAX_COUNT}")
    return min(max(count, 1), MAX_COUNT)


def _clean_attrs(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    out: dict[str, str] = {}
    for key, val in list(value.items())[:12]:
        if isinstance(val, (int, float)) and not isinstance(val, bool):
            val = str(val)
        if not isinstance(key, str) or not isinstance(val, str) or not val.strip():
            continue
        written = key.strip().lower() in ("text", "label")  # written as given, case kept
        val = val.strip()[:200] if written else val.strip().lower()[:40]
        if key.lower() in ("color", "colour"):
            key, val = "color", lx.color_of(val) or val
        out[key.strip().lower()[:24]] = val
    return out


def _clean_predicate(value: Any) -> tuple[str, bool] | None:
    if not isinstance(value, str):
        return None
    pred = value.strip().lower().replace("_", " ")
    if pred in PREDICATES:
        return pred, False
    return lx.RELATIONS.get(tuple(pred.split()))


@dataclass
class Answer:
    """A model's answer read as a scene graph.

    Attributes
    ----------
    scene : SceneGraph
        The scene, ids renumbered ``e1``, ``e2``... in the answer's order.
    notes : list of str
        What was repaired or dropped.
    said : dict of str to str
        Each entity's id in the scene -> the id the answer gave it.
    boxes : dict of str to tuple
        Each entity's id in the scene -> the ``box`` the answer gave it (edits).
    topic : str or None
        The lesson topic the answer says the request names.
    focus : str or None
        The entity the answer says the follow-up is about (its id in the scene).
    """

    scene: SceneGraph
    notes: list[str] = field(default_factory=list)
    said: dict[str, str] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    topic: str | None = None
    focus: str | None = None


def repair(data: Any) -> tuple[SceneGraph, list[str]]:
    """Turn a JSON object shaped roughly like a scene graph into a valid one.

    Returns the scene and notes naming what was dropped. Raises :class:`SceneError` when
    nothing usable is left (no entity, background, style or text).
    """
    answer = read_data(data)
    return answer.scene, answer.notes


def read_data(data: Any) -> Answer:
    """Like :func:`repair`, keeping what :class:`Answer` records (ids, boxes, topic, focus)."""
    if not isinstance(data, dict):
        raise SceneError(f"expected a JSON object, got {type(data).__name__}")
    data = clean_data(data)  # a control character or half an emoji is dropped, not fatal
    notes: list[str] = []
    scene = SceneGraph()
    ids: dict[str, str] = {}
    answer = Answer(scene, notes)
    raw_entities = data.get("entities")
    for raw in raw_entities if isinstance(raw_entities, list) else []:
        if not isinstance(raw, dict):
            continue
        name = _clean_name(raw.get("name"))
        if name is None:
            notes.append(f"dropped an entity without a usable name: {str(raw)[:40]}")
            continue
        if len(scene.entities) >= MAX_ENTITIES:
            notes.append(f"a picture holds at most {MAX_ENTITIES} kinds of things")
            break
        eid = scene.new_id()
        said = str(raw.get("id", eid))
        ids.setdefault(said, eid)  # an id given twice: relations mean the first
        ids.setdefault(name, eid)
        answer.said[eid] = said
        count = _clean_count(raw.get("count", 1), name, notes)
        scene.entities.append(Entity(eid, name, count, _clean_attrs(raw.get("attributes"))))
        box = _clean_box(raw.get("box"))
        if box is not None:
            answer.boxes[eid] = box
    raw_relations = data.get("relations")
    for raw in raw_relations if isinstance(raw_relations, list) else []:
        if not isinstance(raw, dict):
            continue
        pred = _clean_predicate(raw.get("predicate"))
        subj, obj = ids.get(str(raw.get("subject"))), ids.get(str(raw.get("object")))
        if pred is None or subj is None or obj is None or subj == obj:
            notes.append(f"dropped a relation it could not read: {str(raw)[:60]}")
            continue
        if pred[1]:
            subj, obj = obj, subj
        rel = Relation(subj, pred[0], obj)
        if rel not in scene.relations:
            scene.relations.append(rel)
    raw_exclude = data.get("exclude")
    for raw in raw_exclude if isinstance(raw_exclude, list) else []:
        name = _clean_name(raw.get("name") if isinstance(raw, dict) else raw)
        if name:
            entry: dict[str, Any] = {"name": name}
            if isinstance(raw, dict) and isinstance(raw.get("color"), str):
                entry["color"] = lx.color_of(raw["color"].lower()) or raw["color"].lower()
            scene.exclude.append(entry)
    for key in ("style", "background"):
        value = data.get(key)
        clean = value.strip().lower()[:60] if isinstance(value, str) else ""
        setattr(scene, key, clean or None)
    texts = data.get("texts")
    if isinstance(texts, list):
        scene.texts = [t[:200] for t in texts if isinstance(t, str) and t.strip()][:10]
    repair_diagram(data, scene, ids, notes)
    if not (scene.entities or scene.background or scene.style or scene.texts):
        raise SceneError("the answer names nothing to draw")
    answer.topic = _clean_topic(data.get("topic"))
    answer.focus = ids.get(str(data.get("focus"))) if data.get("focus") is not None else None
    _merge_listed(answer)
    scene.validate()
    return answer


def _merge_listed(answer: Answer) -> None:
    """Things a model listed one by one ("apple", "apple", "apple" for three apples) become
    one thing of that count: the same name, attributes and relations, and no label, arrow,
    panel or arrangement that tells them apart."""
    scene = answer.scene
    pinned = {lb.target for lb in scene.labels} | {m for p in scene.panels for m in p.members}
    pinned |= {end for a in scene.arrows for end in (a.start, a.end)}
    pinned |= {m for a in scene.arrangements for m in a.members}

    def relations(eid: str) -> tuple[tuple[str, str, str], ...]:
        out = [("to", r.predicate, r.object) for r in scene.relations if r.subject == eid]
        out += [("from", r.predicate, r.subject) for r in scene.relations if r.object == eid]
        return tuple(sorted(out))

    groups: dict[Any, list[Entity]] = {}
    for ent in scene.entities:
        if ent.id not in pinned:
            key = (ent.name, tuple(sorted(ent.attributes.items())), relations(ent.id))
            groups.setdefault(key, []).append(ent)
    for same in (g for g in groups.values() if len(g) > 1):
        first, gone = same[0], {e.id for e in same[1:]}
        first.count = min(sum(e.count for e in same), MAX_COUNT)
        scene.entities = [e for e in scene.entities if e.id not in gone]
        scene.relations = [r for r in scene.relations if not {r.subject, r.object} & gone]
        for eid in gone:
            answer.said.pop(eid, None)
            answer.boxes.pop(eid, None)
        answer.focus = first.id if answer.focus in gone else answer.focus
        answer.notes.append(f"read {len(same)} entries of {first.name} as {first.count}")


def parse_scene(text: str) -> tuple[SceneGraph, list[str]]:
    """Read a language model's answer as a scene graph (see the module docstring).

    Raises
    ------
    ValueError
        When the answer holds no JSON object or nothing usable (``SceneError`` is a
        ``ValueError`` too).
    """
    answer = read_answer(text)
    return answer.scene, answer.notes


def read_answer(text: str) -> Answer:
    """Like :func:`parse_scene`, keeping what :class:`Answer` records."""
    data, closed = extract_json(text)
    answer = read_data(data)
    if closed:
        answer.notes.insert(0, "the answer was cut off; used the part that arrived")
    return answer


def _clean_topic(value: Any) -> str | None:
    """ "The Nitrogen Cycle" -> "nitrogen cycle"; None for anything that is not a name."""
    if not isinstance(value, str):
        return None
    words = _WORD.sub(" ", value.lower()).split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    name = " ".join(words)[:64].strip(" '-")
    return name if name and name[0].isalpha() else None


def _clean_box(value: Any) -> tuple[float, float, float, float] | None:
    """A box ``[x0, y0, x1, y1]`` in range, or None (a thing's box may not be read)."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value
    ):
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    if not (-0.5 <= x0 < x1 <= 1.5 and -0.5 <= y0 < y1 <= 1.5):
        return None
    return (x0, y0, x1, y1)


def describe_colors() -> str:
    """Return the colour names for the prompt, e.g. ``"red, orange, ..."``."""
    return ", ".join(COLORS)
