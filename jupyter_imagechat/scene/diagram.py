"""The diagram vocabulary of the scene graph: arrows, labels, panels and arrangements.

A lesson picture is more than things in a place: the water cycle has arrows that go round,
the parts of a plant have labels with leader lines, the life cycle of a frog is a sequence
of stages (panels), "3 + 2 = 5" is things with signs between them, "two rows of four
apples" is an arrangement. Each is part of the public JSON contract, written only when a
scene has some::

    "arrows": [{"start": "e1", "end": "e2", "label": "evaporation", "curved": true,
                "box": [0.4, 0.1, 0.62, 0.15]}],
    "labels": [{"text": "roots", "target": "e3", "index": 0, "anchor": [0.5, 0.95],
                "box": [0.7, 0.8, 0.9, 0.86]}],
    "panels": [{"id": "p1", "members": ["e1"], "title": "egg", "background": null,
                "box": [0.05, 0.1, 0.3, 0.5]}],
    "arrangements": [{"kind": "rows", "members": ["e1", "e2"], "rows": 2, "signs": []}]

Rules (checked by :func:`validate_diagram`):

- an arrow goes from one entity or panel (``start``) to another (``end``); ``curved``
  arrows bow outwards (a cycle drawn round a circle); ``box`` (optional, written only
  when set) is where the layout put its ``label``'s text;
- a label names one instance (``index``) of an entity (``target``); ``anchor`` is the point
  of that instance's box its leader line ends at (``[0.5, 0.95]``: the bottom middle, the
  roots of a tree); ``box`` is where the layout put its text (normalised, or ``null``);
- a panel holds some entities (each entity in at most one panel), drawn inside the
  panel's ``box`` (set by the layout), under its ``title``, over its own ``background``;
- an arrangement lines up its members (entity ids, or panel ids) as one of
  :data:`ARRANGEMENTS`; ``rows`` sets the number of rows for ``"rows"`` and ``"grid"``;
  ``signs`` (from :data:`SIGNS`) are drawn between consecutive members, one fewer than the
  members, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocabulary import ID_PATTERN, MAX_COUNT, MAX_TEXT_CHARS, SceneError

__all__ = [
    "ARRANGEMENTS",
    "MAX_DIAGRAM_ITEMS",
    "SIGNS",
    "Arrangement",
    "Arrow",
    "Label",
    "Panel",
    "validate_diagram",
]

ARRANGEMENTS: tuple[str, ...] = ("row", "column", "rows", "grid", "circle", "stack", "pictogram")
"""How members line up: one row left to right; one column top to bottom; ``rows`` rows
(each member its own row when ``rows`` is not given); a grid; round a circle (a cycle); on
top of each other; a pictogram (one row per member, its name at the start)."""

SIGNS: tuple[str, ...] = ("+", "-", "×", "÷", "=", "→", "<", ">")
"""Signs an arrangement may draw between its members (an equation, a comparison)."""

MAX_DIAGRAM_ITEMS = 60
"""Most arrows, labels, panels or arrangements one scene may hold (each)."""

Rect = tuple[float, float, float, float]


@dataclass
class Arrow:
    """An arrow from one entity or panel to another: a step of a process, a cycle's turn."""

    start: str
    end: str
    label: str | None = None
    curved: bool = False
    box: Rect | None = None
    """Where the layout put the label's text (normalised); None without a label or before
    the layout. Written to JSON only when set, so arrows read as before."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "curved": self.curved,
        }
        if self.box is not None:
            data["box"] = [round(v, 4) for v in self.box]
        return data


@dataclass
class Label:
    """A name written beside one instance of an entity (or one part of it), with a leader
    line from the text to ``anchor``, a point of the instance's box (0..1 each way)."""

    text: str
    target: str
    index: int = 0
    anchor: tuple[float, float] = (0.5, 0.5)
    box: Rect | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "text": self.text,
            "target": self.target,
            "index": self.index,
            "anchor": [round(v, 4) for v in self.anchor],
            "box": None if self.box is None else [round(v, 4) for v in self.box],
        }


@dataclass
class Panel:
    """A framed part of the picture that holds some of its entities: a stage of a
    process, one side of a before/after, one term of a story."""

    id: str
    members: list[str] = field(default_factory=list)
    title: str | None = None
    background: str | None = None
    box: Rect | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "members": list(self.members),
            "title": self.title,
            "background": self.background,
            "box": None if self.box is None else [round(v, 4) for v in self.box],
        }


@dataclass
class Arrangement:
    """How some entities (their instances, in order) or panels line up."""

    kind: str
    members: list[str]
    rows: int | None = None
    signs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "kind": self.kind,
            "members": list(self.members),
            "rows": self.rows,
            "signs": list(self.signs),
        }


def arrow_from(data: Any) -> Arrow:
    """Read an arrow's JSON form (types are checked by :func:`validate_diagram`)."""
    box = data.get("box")
    return Arrow(
        data["start"],
        data["end"],
        data.get("label"),
        data.get("curved", False),
        None if box is None else tuple(box),  # type: ignore[arg-type]
    )


def label_from(data: Any) -> Label:
    """Read a label's JSON form."""
    anchor = data.get("anchor", (0.5, 0.5))
    box = data.get("box")
    return Label(
        data["text"],
        data["target"],
        data.get("index", 0),
        tuple(anchor),  # type: ignore[arg-type]  # its length is checked by validate_diagram
        None if box is None else tuple(box),  # type: ignore[arg-type]
    )


def panel_from(data: Any) -> Panel:
    """Read a panel's JSON form."""
    box = data.get("box")
    return Panel(
        data["id"],
        _copied(data.get("members", [])),
        data.get("title"),
        data.get("background"),
        None if box is None else tuple(box),  # type: ignore[arg-type]
    )


def arrangement_from(data: Any) -> Arrangement:
    """Read an arrangement's JSON form."""
    return Arrangement(
        data["kind"], _copied(data["members"]), data.get("rows"), _copied(data.get("signs", []))
    )


def _copied(value: Any) -> Any:
    """A list read from JSON, copied; anything else as it is, for validation to refuse."""
    return list(value) if isinstance(value, list) else value


def validate_diagram(
    entities: dict[str, int],
    arrows: list[Arrow],
    labels: list[Label],
    panels: list[Panel],
    arrangements: list[Arrangement],
) -> None:
    """Check the diagram parts of a scene whose entities are ``entities`` (id -> count).

    Raises
    ------
    SceneError
        Naming the bad field and showing the value.
    """
    for name, items in (
        ("arrows", arrows),
        ("labels", labels),
        ("panels", panels),
        ("arrangements", arrangements),
    ):
        if len(items) > MAX_DIAGRAM_ITEMS:
            raise SceneError(f"a scene holds at most {MAX_DIAGRAM_ITEMS} {name}, got {len(items)}")
    panel_ids = _check_panels(panels, entities)
    ends = set(entities) | panel_ids
    for arrow in arrows:
        for end in (arrow.start, arrow.end):
            if end not in ends:
                raise SceneError(f"arrow names unknown entity or panel {end!r}")
        if arrow.start == arrow.end:
            raise SceneError(f"an arrow must join two things, got {arrow.start!r} twice")
        _text(arrow.label, "arrow label", optional=True)
        if not isinstance(arrow.curved, bool):
            raise SceneError(f"arrow 'curved' must be true or false, got {arrow.curved!r}")
        if arrow.box is not None:
            _rect(arrow.box, f"box of arrow {arrow.start!r} -> {arrow.end!r}")
    for label in labels:
        _text(label.text, "label text")
        if label.target not in entities:
            raise SceneError(f"label {label.text!r} names unknown entity {label.target!r}")
        index = label.index
        if isinstance(index, bool) or not isinstance(index, int):
            raise SceneError(f"label {label.text!r} index must be an integer, got {index!r}")
        if not 0 <= index < entities[label.target]:
            raise SceneError(f"label {label.text!r} index {index} is not an instance")
        _point(label.anchor, f"anchor of label {label.text!r}")
        if label.box is not None:
            _rect(label.box, f"box of label {label.text!r}")
    for arrangement in arrangements:
        _check_arrangement(arrangement, ends)


def _check_panels(panels: list[Panel], entities: dict[str, int]) -> set[str]:
    ids: set[str] = set()
    placed: set[str] = set()
    for panel in panels:
        if not isinstance(panel.id, str) or not ID_PATTERN.match(panel.id):
            raise SceneError(f"panel id must be 1-32 letters, digits, - or _, got {panel.id!r}")
        if panel.id in ids or panel.id in entities:
            raise SceneError(f"panel id {panel.id!r} is used twice")
        ids.add(panel.id)
        for member in _members(panel.members, f"panel {panel.id!r}"):
            if member not in entities:
                raise SceneError(f"panel {panel.id!r} holds unknown entity {member!r}")
            if member in placed:
                raise SceneError(f"entity {member!r} is in two panels")
            placed.add(member)
        _text(panel.title, f"title of panel {panel.id!r}", optional=True)
        _text(panel.background, f"background of panel {panel.id!r}", optional=True)
        if panel.box is not None:
            _rect(panel.box, f"box of panel {panel.id!r}")
    return ids


def _check_arrangement(arrangement: Arrangement, ends: set[str]) -> None:
    if arrangement.kind not in ARRANGEMENTS:
        raise SceneError(
            f"unknown arrangement {arrangement.kind!r}; use one of: {', '.join(ARRANGEMENTS)}"
        )
    members = _members(arrangement.members, f"a {arrangement.kind!r} arrangement")
    if not members:
        raise SceneError(f"a {arrangement.kind!r} arrangement needs members")
    for member in members:
        if member not in ends:
            raise SceneError(f"arrangement names unknown entity or panel {member!r}")
    rows = arrangement.rows
    if rows is not None and (
        isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= MAX_COUNT
    ):
        raise SceneError(f"arrangement rows must be 1 to {MAX_COUNT}, got {rows!r}")
    signs = arrangement.signs
    if not isinstance(signs, list) or any(s not in SIGNS for s in signs):
        raise SceneError(f"arrangement signs must be from {' '.join(SIGNS)}, got {signs!r}")
    if signs and len(signs) != len(members) - 1:
        raise SceneError(
            f"{len(members)} members take {len(members) - 1} signs between them, "
            f"got {len(signs)}"
        )


def _members(members: Any, where: str) -> list[str]:
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise SceneError(f"the members of {where} must be a list of ids, got {members!r}")
    return members


def _text(value: Any, what: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not value.strip():
        raise SceneError(f"{what} must be text, got {value!r}")
    if len(value) > MAX_TEXT_CHARS:
        raise SceneError(f"{what} is {len(value)} characters; the limit is {MAX_TEXT_CHARS}")


def _point(value: Any, what: str) -> None:
    if not _numbers(value, 2) or not all(0 <= v <= 1 for v in value):
        raise SceneError(f"{what} must be [x, y] within 0..1, got {value!r}")


def _rect(value: Any, what: str) -> None:
    if not _numbers(value, 4):
        raise SceneError(f"{what} must be [x0, y0, x1, y1], got {value!r}")
    x0, y0, x1, y1 = value
    if not (-0.5 <= x0 < x1 <= 1.5 and -0.5 <= y0 < y1 <= 1.5):
        raise SceneError(f"{what} is out of range: {list(value)!r}")


def _numbers(value: Any, count: int) -> bool:
    return (
        isinstance(value, (list, tuple))
        and len(value) == count
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    )
