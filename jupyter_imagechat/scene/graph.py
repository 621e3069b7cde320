"""The scene graph: what a prompt means, as plain data.

A :class:`SceneGraph` is the contract between the planner, the layout step, the
engines and the checker. Its JSON form (``SceneGraph.to_dict``) is public: the
command line prints it and later tools read it::

    {"entities": [{"id": "e1", "name": "apple", "count": 3,
                   "attributes": {"color": "red"}}],
     "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
     "exclude": [{"name": "car"}],
     "style": null, "background": null, "texts": [],
     "layout": [{"entity": "e1", "index": 0, "box": [0.1, 0.5, 0.3, 0.7]}]}

Rules:

- ``name`` is a lowercase singular noun, possibly of several words
  ("teddy bear", "wine glass").
- ``count`` is an integer from 1 to :data:`MAX_COUNT`.
- attribute keys and values are lowercase words; colours use :data:`COLORS`.
- ``predicate`` is one of :data:`PREDICATES`. "A left of B" reads as
  subject A, predicate "left of", object B.
- ``layout`` holds one box per drawn instance: ``index`` counts the instances
  of an entity from 0, ``box`` is ``[x0, y0, x1, y1]`` normalised to 0..1 with
  the origin at the top left of the picture.
- ``background`` is a place, a colour or a time of day, or a place at a time of day:
  ``"forest at night"`` (see :func:`split_background`).
- ``focus`` (optional, written only when set) is the id of the entity the conversation is
  about: the one the user selected in the picture. "it" in the next edit means it.
- ``arrows``, ``labels``, ``panels`` and ``arrangements`` (optional, written only when a
  scene has some) are the diagram vocabulary: see :mod:`.diagram`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .diagram import (
    Arrangement,
    Arrow,
    Label,
    Panel,
    arrangement_from,
    arrow_from,
    label_from,
    panel_from,
    validate_diagram,
)
from .limits import check_limits, check_shape
from .vocabulary import (
    ID_PATTERN,
    MAX_COUNT,
    MAX_ENTITIES,
    NAME_PATTERN,
    PREDICATES,
    SceneError,
)

__all__ = ["Box", "Entity", "Relation", "SceneGraph"]


@dataclass
class Entity:
    """A kind of thing in the scene, drawn ``count`` times.

    Parameters
    ----------
    id : str
        Unique within the scene, e.g. ``"e1"``.
    name : str
        Lowercase singular noun, e.g. ``"apple"`` or ``"teddy bear"``.
    count : int
        How many instances to draw.
    attributes : dict of str to str
        ``color``, ``size``, ``material``, ... as lowercase words; ``text`` (words written
        on the thing) and ``label`` (a name written beside it) keep their case.
    """

    id: str
    name: str
    count: int = 1
    attributes: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """Return the entity as a short phrase, e.g. ``"3 x apple (red)"``,
        ``"1 x mug (blue, text: 'hi')"``."""
        text = f"{self.count} x {self.name}"
        if self.attributes:
            words = [f"text: {v!r}" if k == "text" else v for k, v in self.attributes.items()]
            text += " (" + ", ".join(words) + ")"
        return text


@dataclass
class Relation:
    """``subject`` stands in ``predicate`` to ``object`` (entity ids)."""

    subject: str
    predicate: str
    object: str


@dataclass
class Box:
    """Where one instance of an entity goes, normalised ``[x0, y0, x1, y1]``."""

    entity: str
    index: int
    box: tuple[float, float, float, float]

    @property
    def center(self) -> tuple[float, float]:
        """The centre of the box as ``(x, y)``."""
        x0, y0, x1, y1 = self.box
        return ((x0 + x1) / 2, (y0 + y1) / 2)


@dataclass
class SceneGraph:
    """Entities, relations and look of one picture.

    See the module docstring for the JSON form and its rules.
    """

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    exclude: list[dict[str, Any]] = field(default_factory=list)
    style: str | None = None
    background: str | None = None
    texts: list[str] = field(default_factory=list)
    layout: list[Box] = field(default_factory=list)
    focus: str | None = None
    arrows: list[Arrow] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    arrangements: list[Arrangement] = field(default_factory=list)

    # -- access ---------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        """Return the entity with ``entity_id``; raise ``KeyError`` if absent."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)

    def boxes_of(self, entity_id: str) -> list[Box]:
        """Return the layout boxes of one entity, in instance order."""
        return sorted((b for b in self.layout if b.entity == entity_id), key=lambda b: b.index)

    def new_id(self) -> str:
        """Return an entity id not yet used in this scene."""
        used = {e.id for e in self.entities}
        n = len(self.entities) + 1
        while f"e{n}" in used:
            n += 1
        return f"e{n}"

    def copy(self) -> SceneGraph:
        """Return a deep copy."""
        return SceneGraph.from_dict(self.to_dict())

    def panel(self, panel_id: str) -> Panel:
        """Return the panel with ``panel_id``; raise ``KeyError`` if absent."""
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        raise KeyError(panel_id)

    def drop_missing(self) -> None:
        """Forget what names an entity or instance that is no longer in the scene: its
        relations, layout boxes, focus, arrows, labels, and its place in panels and
        arrangements (an arrangement or panel left empty goes too)."""
        counts = {e.id: e.count for e in self.entities}
        self.relations = [r for r in self.relations if {r.subject, r.object} <= counts.keys()]
        self.layout = [b for b in self.layout if b.index < counts.get(b.entity, 0)]
        if self.focus not in counts:
            self.focus = None
        for panel in self.panels:
            panel.members = [m for m in panel.members if m in counts]
        ends = counts.keys() | {p.id for p in self.panels}
        self.arrows = [a for a in self.arrows if {a.start, a.end} <= ends]
        self.labels = [lb for lb in self.labels if lb.index < counts.get(lb.target, 0)]
        for arrangement in self.arrangements:
            kept = [m for m in arrangement.members if m in ends]
            if arrangement.signs and len(kept) != len(arrangement.members):
                arrangement.signs = []
            arrangement.members = kept
        self.arrangements = [a for a in self.arrangements if a.members]

    def summary(self) -> str:
        """Return a one-line summary, e.g.

        ``"3 x apple (red), 1 x bowl (blue); apple left of bowl"``.
        """
        if not self.entities:
            parts = ["nothing to draw"]
        else:
            parts = [", ".join(e.describe() for e in self.entities)]
        names = {e.id: e.name for e in self.entities}
        rels = [
            f"{names.get(r.subject, r.subject)} {r.predicate} {names.get(r.object, r.object)}"
            for r in self.relations
        ]
        if rels:
            parts.append(", ".join(rels))
        extras = []
        if self.exclude:
            extras.append("no " + ", ".join(x["name"] for x in self.exclude))
        if self.background:
            extras.append(f"background: {self.background}")
        if self.style:
            extras.append(f"style: {self.style}")
        if self.texts:
            extras.append("text: " + ", ".join(repr(t) for t in self.texts))
        extras.extend(self._diagram_summary(names))
        if extras:
            parts.append("; ".join(extras))
        return "; ".join(parts)

    def _diagram_summary(self, names: dict[str, str]) -> list[str]:
        names = {**names, **{p.id: p.title or p.id for p in self.panels}}
        parts = []
        if self.panels:
            parts.append("panels: " + ", ".join(p.title or p.id for p in self.panels))
        if self.arrows:
            parts.append(
                "arrows: "
                + ", ".join(
                    f"{names[a.start]} -> {names[a.end]}" + (f" ({a.label})" if a.label else "")
                    for a in self.arrows
                )
            )
        if self.labels:
            parts.append("labels: " + ", ".join(repr(lb.text) for lb in self.labels))
        for arrangement in self.arrangements:
            rows = f" {arrangement.rows}" if arrangement.rows else ""
            members = ", ".join(names[m] for m in arrangement.members)
            signs = f" with {' '.join(arrangement.signs)}" if arrangement.signs else ""
            parts.append(f"{arrangement.kind}{rows}: {members}{signs}")
        return parts

    # -- JSON -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Return the public JSON form (plain dicts, lists, str, int, float)."""
        data: dict[str, Any] = {
            "entities": [
                {"id": e.id, "name": e.name, "count": e.count, "attributes": dict(e.attributes)}
                for e in self.entities
            ],
            "relations": [
                {"subject": r.subject, "predicate": r.predicate, "object": r.object}
                for r in self.relations
            ],
            "exclude": [dict(x) for x in self.exclude],
            "style": self.style,
            "background": self.background,
            "texts": list(self.texts),
            "layout": [
                {"entity": b.entity, "index": b.index, "box": [round(v, 4) for v in b.box]}
                for b in self.layout
            ],
        }
        if self.focus is not None:
            data["focus"] = self.focus
        for key, items in (
            ("arrows", self.arrows),
            ("labels", self.labels),
            ("panels", self.panels),
            ("arrangements", self.arrangements),
        ):
            if items:
                data[key] = [item.to_dict() for item in items]
        return data

    def to_json(self, **kwargs: Any) -> str:
        """Return :meth:`to_dict` as a JSON string (``kwargs`` go to ``json.dumps``)."""
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: Any) -> SceneGraph:
        """Build and validate a scene graph from its JSON form.

        Raises
        ------
        SceneError
            If a field is missing, of the wrong type or out of range; the
            message names the field and shows the value.
        """
        if not isinstance(data, dict):
            raise SceneError(f"a scene graph must be a JSON object, not {type(data).__name__}")
        check_shape(data)
        try:
            scene = cls(
                entities=[
                    Entity(
                        id=e["id"],
                        name=e["name"],
                        count=e.get("count", 1),
                        attributes=dict(e.get("attributes") or {}),
                    )
                    for e in data.get("entities") or []
                ],
                relations=[
                    Relation(r["subject"], r["predicate"], r["object"])
                    for r in data.get("relations") or []
                ],
                exclude=[dict(x) for x in data.get("exclude") or []],
                style=data.get("style"),
                background=data.get("background"),
                texts=list(data.get("texts") or []),
                layout=[
                    Box(b["entity"], b.get("index", 0), tuple(b["box"]))  # type: ignore[arg-type]
                    for b in data.get("layout") or []
                ],
                focus=data.get("focus"),
                arrows=[arrow_from(a) for a in data.get("arrows") or []],
                labels=[label_from(lb) for lb in data.get("labels") or []],
                panels=[panel_from(p) for p in data.get("panels") or []],
                arrangements=[arrangement_from(a) for a in data.get("arrangements") or []],
            )
        except KeyError as exc:
            raise SceneError(f"malformed scene graph: a field is missing: {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise SceneError(f"malformed scene graph: {exc}") from None
        scene.validate()
        return scene

    @classmethod
    def from_json(cls, text: str) -> SceneGraph:
        """Parse and validate the JSON form."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SceneError(f"scene graph is not valid JSON: {exc}") from None
        return cls.from_dict(data)

    def validate(self) -> None:
        """Check the contract; raise :class:`SceneError` naming the bad field."""
        try:
            self._check()
        except (TypeError, AttributeError) as exc:  # an id that is a list, a box of dicts...
            raise SceneError(f"malformed scene graph: {exc}") from None

    def _check(self) -> None:
        if len(self.entities) > MAX_ENTITIES:
            raise SceneError(
                f"a scene holds at most {MAX_ENTITIES} entities, got {len(self.entities)}"
            )
        ids: set[str] = set()
        for e in self.entities:
            if not isinstance(e.id, str) or not ID_PATTERN.match(e.id):
                raise SceneError(
                    f"entity id must be 1-32 letters, digits, - or _, got {_short(e.id)}"
                )
            if e.id in ids:
                raise SceneError(f"entity id {_short(e.id)} is used twice")
            ids.add(e.id)
            if not isinstance(e.name, str) or not NAME_PATTERN.match(e.name):
                raise SceneError(f"entity name must be a lowercase noun, got {_short(e.name)}")
            if isinstance(e.count, bool) or not isinstance(e.count, int):
                raise SceneError(
                    f"count of {_short(e.id)} must be an integer, got {_short(e.count)}"
                )
            if not 1 <= e.count <= MAX_COUNT:
                raise SceneError(f"count of {_short(e.id)} must be 1 to {MAX_COUNT}, got {e.count}")
            for key, value in e.attributes.items():
                if not isinstance(key, str) or not isinstance(value, str):
                    raise SceneError(f"attributes of {_short(e.id)} must map words to words")
        for r in self.relations:
            if r.predicate not in PREDICATES:
                raise SceneError(
                    f"unknown predicate {_short(r.predicate)}; use one of: {', '.join(PREDICATES)}"
                )
            for end in (r.subject, r.object):
                if end not in ids:
                    raise SceneError(f"relation names unknown entity {_short(end)}")
        for x in self.exclude:
            if not isinstance(x.get("name"), str):
                raise SceneError(f"each exclude entry needs a 'name', got {_short(x)}")
        for label, text in (("style", self.style), ("background", self.background)):
            if text is not None and not isinstance(text, str):
                raise SceneError(f"{label} must be a string or null, got {_short(text)}")
        if not all(isinstance(t, str) for t in self.texts):
            raise SceneError("texts must be a list of strings")
        if self.focus is not None and self.focus not in ids:
            raise SceneError(f"focus names unknown entity {_short(self.focus)}")
        for b in self.layout:
            if b.entity not in ids:
                raise SceneError(f"layout box names unknown entity {_short(b.entity)}")
            if isinstance(b.index, bool) or not isinstance(b.index, int) or b.index < 0:
                raise SceneError(
                    f"layout box index must be a whole number >= 0, got {_short(b.index)}"
                )
            if len(b.box) != 4 or not all(isinstance(v, (int, float)) for v in b.box):
                raise SceneError(f"layout box must be [x0, y0, x1, y1], got {_short(list(b.box))}")
            x0, y0, x1, y1 = b.box
            if not (-0.5 <= x0 < x1 <= 1.5 and -0.5 <= y0 < y1 <= 1.5):
                raise SceneError(f"layout box out of range: {_short(list(b.box))}")
        validate_diagram(
            {e.id: e.count for e in self.entities},
            self.arrows,
            self.labels,
            self.panels,
            self.arrangements,
        )
        check_limits(self)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
