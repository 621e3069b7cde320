"""What a language-model planner sends: the instructions and the messages for each question.

Three questions, each answered with a scene graph as JSON (:mod:`.schema`):

- a new picture: the prompt alone (:func:`new_messages`);
- an edit: the scene graph shown now (ids, each thing's box, the diagram parts), the
  conversation's earlier prompts and the follow-up (:func:`edit_messages`);
- a correction: the plan that was drawn, what the checker found wrong with the picture,
  and the request (:func:`correct_messages`).

Nothing else from the notebook is sent: no picture, no code, no file, no setting, no key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...scene import ARRANGEMENTS, MAX_COUNT, MAX_ENTITIES, PREDICATES, SIGNS, SceneGraph
from ..edits.boxes import group_box
from .schema import describe_colors

__all__ = [
    "CORRECT_PROMPT",
    "EDIT_PROMPT",
    "SYSTEM_PROMPT",
    "correct_messages",
    "edit_messages",
    "new_messages",
    "scene_for_model",
]

Messages = list[dict[str, str]]

VOCABULARY = f"""Entities: id ("e1", "e2", ...), name (a lowercase singular noun),
count (1-{MAX_COUNT}), attributes (lowercase words: color, size, material, shape, texture,
state; "text": words written on the thing exactly as quoted, e.g. a sign that says 'Exit'
-> {{"text": "Exit"}}).
Colors: {describe_colors()}.
Relations: subject id, predicate, object id; predicates: {", ".join(PREDICATES)}.
"A left of B" is subject A, object B. At most {MAX_ENTITIES} entities.
exclude: things the description says must not appear ("no cars" -> {{"name": "car"}}).
style: e.g. watercolor, pixel art, pencil sketch, cartoon, oil painting, or null.
background: the place or time, e.g. forest, beach, night, or null.
texts: other strings the picture must show as written text (captions).
Diagrams (lesson pictures: a cycle, the parts of something, stages, a sum) may also have:
labels: names written beside a thing with a leader line: {{"text", "target": entity id,
"index": which instance (0), "anchor": [x, y], the point of the thing's box the line ends at,
0..1 from the top left ([0.5, 0.95] is the bottom middle: the roots of a tree)}};
arrows: steps of a process: {{"start", "end": entity or panel ids, "label": text or null,
"curved": true in a cycle}};
panels: framed stages or sides: {{"id": "p1", "members": [entity ids], "title", "background"}},
each entity in at most one panel;
arrangements: how things or panels line up: {{"kind": one of {", ".join(ARRANGEMENTS)},
"members": [ids in order], "rows": a number or null, "signs": [one fewer than the members,
from {" ".join(SIGNS)}] or []}}.
Draw concrete things a picture can show, with common names ("microbe", not "nitrogen-fixing
bacteria"); put the technical word in a label."""

SYSTEM_PROMPT = f"""You turn a picture description into a scene graph, as JSON only.
{VOCABULARY}
topic: when the request names a school topic (a process, a cycle, the parts or layers of
something, a historical place), its short name, e.g. "nitrogen cycle"; draw it as a
labelled diagram. Otherwise null.
Answer with one JSON object matching the schema and nothing else."""

EDIT_PROMPT = f"""You change the scene graph of a picture as a follow-up asks, as JSON only.
You get the scene graph of the picture shown now, the earlier requests of the conversation
and the follow-up. Each entity has its id and its "box": [x0, y0, x1, y1], 0..1 from the top
left, around all its instances.
Answer with the whole scene graph after the follow-up:
- change only what the follow-up names; every other entity stays exactly as it is: the
  same id, name, count, attributes and box;
- keep the ids of the things you keep or change; a new thing gets a new id and "box": null;
- to move or resize a thing, change its box; to replace a thing keep its id, change its name;
- "it" means the entity named in "focus" when there is one;
- set "focus" to the id of the thing the follow-up created or changed (or null);
- keep the labels, arrows, panels and arrangements of the things you keep.
{VOCABULARY}
Answer with one JSON object matching the schema and nothing else."""

CORRECT_PROMPT = f"""You correct the scene graph a picture was drawn from, as JSON only.
The picture was drawn from the scene graph you get and checked against it. You get what the
checker found wrong, the request and, for a change of an earlier picture, that picture's
scene graph. Answer with the whole corrected scene graph:
- "no picture for 'X'": the drawing engine has no picture of X and drew a labelled card:
  name a common, concrete thing it may know instead (a "villa" may be a "house"), and keep
  X as a label when the word matters;
- "I didn't understand ...": read the words again; plan what they mean, or leave them out;
- a count, colour, place or relation not kept: change the plan so a picture can keep it
  (fewer things, another place, a box with room), or leave it as it is when the plan is
  right and only the drawing failed;
- keep the ids, and keep every entity the problems do not concern exactly as it is; for a
  change of an earlier picture, keep what the request did not name as it was there.
{VOCABULARY}
Answer with one JSON object matching the schema and nothing else."""

EXAMPLE_USER = "three red apples left of a blue bowl at night"
EXAMPLE_ANSWER = json.dumps(
    {
        "entities": [
            {"id": "e1", "name": "apple", "count": 3, "attributes": {"color": "red"}},
            {"id": "e2", "name": "bowl", "count": 1, "attributes": {"color": "blue"}},
        ],
        "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
        "exclude": [],
        "style": None,
        "background": "night",
        "texts": [],
        "topic": None,
    }
)


def scene_for_model(scene: SceneGraph) -> dict[str, Any]:
    """``scene`` as the model reads it: the JSON form with one ``box`` per entity (around its
    instances, two decimals) in place of the per-instance layout and the layout's text
    boxes."""
    data = scene.to_dict()
    data.pop("layout", None)
    for ent in data["entities"]:
        box = group_box(scene, ent["id"])
        ent["box"] = [round(v, 2) for v in box] if box is not None else None
    for key in ("arrows", "labels", "panels"):
        for item in data.get(key, []):
            item.pop("box", None)
    return data


def new_messages(text: str) -> Messages:
    """The messages that ask for ``text``'s scene graph (one worked example)."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": EXAMPLE_USER},
        {"role": "assistant", "content": EXAMPLE_ANSWER},
        {"role": "user", "content": text},
    ]


def edit_messages(text: str, scene: SceneGraph, recent: Sequence[str] = ()) -> Messages:
    """The messages that ask how the follow-up ``text`` changes ``scene``; ``recent`` are
    the conversation's earlier prompts, oldest first."""
    parts = [_scene_text("The picture shown now", scene)]
    if recent:
        parts.append(_recent_text(recent))
    parts.append(f"The follow-up: {json.dumps(text, ensure_ascii=False)}")
    return [
        {"role": "system", "content": EDIT_PROMPT},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def correct_messages(
    scene: SceneGraph,
    problems: Sequence[str],
    prompt: str,
    before: SceneGraph | None = None,
    recent: Sequence[str] = (),
) -> Messages:
    """The messages that ask to correct ``scene`` for ``problems`` the checker found in the
    picture drawn for ``prompt`` (``before``: the picture it changed, for an edit)."""
    parts = []
    if before is not None:
        parts.append(_scene_text("The earlier picture", before))
    if recent:
        parts.append(_recent_text(recent))
    parts.append(f"The request: {json.dumps(prompt, ensure_ascii=False)}")
    parts.append(_scene_text("The scene graph it was drawn from", scene))
    found = "\n".join(f"- {p}" for p in problems)
    parts.append(f"What the checker found wrong with the picture:\n{found}")
    return [
        {"role": "system", "content": CORRECT_PROMPT},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def _scene_text(title: str, scene: SceneGraph) -> str:
    return f"{title} (scene graph JSON):\n{json.dumps(scene_for_model(scene), ensure_ascii=False)}"


def _recent_text(recent: Sequence[str]) -> str:
    lines = "\n".join(f"{k}. {json.dumps(p, ensure_ascii=False)}" for k, p in enumerate(recent, 1))
    return f"The earlier requests of the conversation, oldest first:\n{lines}"
