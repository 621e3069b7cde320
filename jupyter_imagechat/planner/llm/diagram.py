"""The diagram vocabulary for language models: its JSON schema, and repair of what they answer.

A lesson picture has arrows, labels, panels and arrangements (:mod:`..scene.diagram`). A
model asked for them answers in roughly the right shape: an arrow to a thing by its name
instead of its id, an anchor of ``[50, 95]``, a ``"cycle"`` arrangement, four signs between
four members. :func:`repair_diagram` reads each part it can into the scene, drops what it
cannot with a note, and never lets a part through that the scene contract refuses.
"""

from __future__ import annotations

import math
from typing import Any

from ...scene import ARRANGEMENTS, MAX_COUNT, MAX_TEXT_CHARS, SIGNS, SceneGraph
from ...scene.diagram import MAX_DIAGRAM_ITEMS, Arrangement, Arrow, Label, Panel
from ...scene.text import clean_text
from ...scene.vocabulary import ID_PATTERN

__all__ = ["DIAGRAM_PROPERTIES", "repair_diagram"]

_ID = {"type": "string", "description": "an entity id (e1) or a panel id (p1)"}
_TEXT = {"type": "string", "maxLength": MAX_TEXT_CHARS}
DIAGRAM_PROPERTIES: dict[str, Any] = {
    "arrows": {
        "type": "array",
        "maxItems": MAX_DIAGRAM_ITEMS,
        "description": "steps of a process or a cycle, from one thing or panel to another",
        "items": {
            "type": "object",
            "required": ["start", "end"],
            "properties": {
                "start": _ID,
                "end": _ID,
                "label": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
                "curved": {"type": "boolean", "description": "true in a cycle"},
            },
        },
    },
    "labels": {
        "type": "array",
        "maxItems": MAX_DIAGRAM_ITEMS,
        "description": "names written beside a thing (or a part of it) with a leader line",
        "items": {
            "type": "object",
            "required": ["text", "target"],
            "properties": {
                "text": _TEXT,
                "target": {"type": "string", "description": "entity id"},
                "index": {"type": "integer", "minimum": 0, "description": "which instance"},
                "anchor": {
                    "type": "array",
                    "items": {"type": "number", "minimum": 0, "maximum": 1},
                    "minItems": 2,
                    "maxItems": 2,
                    "description": "the point of the thing's box the line ends at, [x, y]",
                },
            },
        },
    },
    "panels": {
        "type": "array",
        "maxItems": MAX_DIAGRAM_ITEMS,
        "description": "framed parts: the stages of a life cycle, the sides of a comparison",
        "items": {
            "type": "object",
            "required": ["id", "members"],
            "properties": {
                "id": {"type": "string", "pattern": "^p[0-9]+$"},
                "members": {"type": "array", "items": {"type": "string"}},
                "title": {"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS},
                "background": {"type": ["string", "null"]},
            },
        },
    },
    "arrangements": {
        "type": "array",
        "maxItems": MAX_DIAGRAM_ITEMS,
        "description": "how things or panels line up",
        "items": {
            "type": "object",
            "required": ["kind", "members"],
            "properties": {
                "kind": {"type": "string", "enum": list(ARRANGEMENTS)},
                "members": {"type": "array", "items": {"type": "string"}},
                "rows": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_COUNT},
                "signs": {"type": "array", "items": {"type": "string", "enum": list(SIGNS)}},
            },
        },
    },
}
"""The JSON schema of the diagram parts, as properties of the scene graph's object."""

_KIND_WORDS = {"cycle": "circle", "ring": "circle", "line": "row", "sequence": "row",
               "list": "column", "table": "grid", "pile": "stack",
               "chart": "pictogram"}  # fmt: skip
_SIGN_WORDS = {"x": "×", "*": "×", "/": "÷", "->": "→", "plus": "+", "minus": "-",
               "times": "×", "equals": "="}  # fmt: skip


def repair_diagram(
    data: dict[str, Any], scene: SceneGraph, ids: dict[str, str], notes: list[str]
) -> None:
    """Read ``data``'s arrows, labels, panels and arrangements into ``scene``.

    ``ids`` maps what the answer called each entity (its id, or its name) to the scene's
    id; panels are added to it by their id and title. Parts that cannot be read are
    dropped with a note; nothing that breaks the scene contract is kept.
    """
    counts = {e.id: e.count for e in scene.entities}
    placed: set[str] = set()
    for raw in _items(data.get("panels")):
        pid = _panel_id(raw.get("id"), scene, counts)
        members = []
        for m in _ids(raw.get("members"), ids):
            if m in counts and m not in placed:
                members.append(m)
                placed.add(m)
        title = _text(raw.get("title"))
        scene.panels.append(Panel(pid, members, title, _text(raw.get("background"), lower=True)))
        ids[str(raw.get("id"))] = pid
        if title:
            ids.setdefault(title, pid)
            ids.setdefault(title.lower(), pid)
    ends = set(counts) | {p.id for p in scene.panels}
    for raw in _items(data.get("arrows")):
        start, end = ids.get(str(raw.get("start"))), ids.get(str(raw.get("end")))
        if start is None or end is None or not {start, end} <= ends or start == end:
            notes.append(f"dropped an arrow it could not read: {_short(raw)}")
            continue
        curved = raw.get("curved") is True
        scene.arrows.append(Arrow(start, end, _text(raw.get("label")), curved))
    for raw in _items(data.get("labels")):
        target, text = ids.get(str(raw.get("target"))), _text(raw.get("text"))
        if target is None or target not in counts or not text:
            notes.append(f"dropped a label it could not read: {_short(raw)}")
            continue
        index = raw.get("index", 0)
        index = index if isinstance(index, int) and 0 <= index < counts[target] else 0
        scene.labels.append(Label(text, target, index, _anchor(raw.get("anchor"))))
    for raw in _items(data.get("arrangements")):
        arrangement = _arrangement(raw, ids, ends)
        if arrangement is None:
            notes.append(f"dropped an arrangement it could not read: {_short(raw)}")
        else:
            scene.arrangements.append(arrangement)


def _items(value: Any) -> list[dict[str, Any]]:
    return (
        [v for v in value if isinstance(v, dict)][:MAX_DIAGRAM_ITEMS]
        if isinstance(value, list)
        else []
    )


def _ids(value: Any, ids: dict[str, str]) -> list[str]:
    if not isinstance(value, list):
        return []
    found = [ids.get(str(v)) or ids.get(str(v).lower()) for v in value]
    return list(dict.fromkeys(f for f in found if f is not None))


def _panel_id(raw: Any, scene: SceneGraph, counts: dict[str, int]) -> str:
    used = set(counts) | {p.id for p in scene.panels}
    if isinstance(raw, str) and ID_PATTERN.match(raw) and raw not in used:
        return raw
    n = len(scene.panels) + 1
    while f"p{n}" in used:
        n += 1
    return f"p{n}"


def _text(value: Any, *, lower: bool = False) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(clean_text(value).split())[:MAX_TEXT_CHARS]
    return (text.lower() if lower else text) or None


def _anchor(value: Any) -> tuple[float, float]:
    if not (isinstance(value, (list, tuple)) and len(value) == 2):
        return (0.5, 0.5)
    point = []
    for v in value:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            return (0.5, 0.5)
        point.append(v / 100 if 1 < v <= 100 else v)  # "[50, 95]": percent
    x, y = (min(max(float(v), 0.0), 1.0) for v in point)
    return (round(x, 4), round(y, 4))


def _arrangement(raw: dict[str, Any], ids: dict[str, str], ends: set[str]) -> Arrangement | None:
    kind = str(raw.get("kind", "")).strip().lower()
    kind = _KIND_WORDS.get(kind, kind)
    members = [m for m in _ids(raw.get("members"), ids) if m in ends]
    if kind not in ARRANGEMENTS or not members:
        return None
    rows = raw.get("rows")
    if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= MAX_COUNT:
        rows = None
    given = raw.get("signs")
    listed: list[Any] = given if isinstance(given, list) else []
    signs = [_SIGN_WORDS.get(str(s).strip().lower(), str(s).strip()) for s in listed]
    if any(s not in SIGNS for s in signs) or len(signs) != len(members) - 1:
        signs = []
    return Arrangement(kind, members, rows, signs)


def _short(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 60 else text[:57] + "..."
