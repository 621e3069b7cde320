"""The scene graph's size limits and its texts, checked (see :mod:`.vocabulary` for the
numbers): how many relations, texts, exclusions, layout boxes and attributes a scene may
hold, how long each text may be, and that every text is valid (:mod:`.text`).

A scene from outside (the browser's plan editor, a notebook, a PNG's metadata) is checked
here before anything draws it: a 150 kB text on a thing would take seconds to draw, and
60,000 relations would make every message about the scene megabytes long.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from .text import check_text
from .vocabulary import (
    MAX_ATTRIBUTE_CHARS,
    MAX_ATTRIBUTES,
    MAX_LAYOUT_BOXES,
    MAX_RELATIONS,
    MAX_TEXT_CHARS,
    MAX_TEXTS,
    WRITTEN_ATTRIBUTES,
    SceneError,
)

__all__ = ["check_fields", "check_limits", "check_shape"]

_LISTS = (
    "entities", "relations", "exclude", "texts", "layout", "arrows", "labels", "panels",
    "arrangements",
)  # fmt: skip


_FIELDS: dict[str | None, frozenset[str]] = {
    None: frozenset(_LISTS) | {"style", "background", "focus"},
    "entities": frozenset({"id", "name", "count", "attributes"}),
    "relations": frozenset({"subject", "predicate", "object"}),
    "layout": frozenset({"entity", "index", "box"}),
}  # what a scene's JSON form and its most edited parts hold (``SceneGraph.to_dict``)


class Limited(Protocol):
    """The parts of a :class:`~.graph.SceneGraph` whose sizes and texts are limited."""

    @property
    def entities(self) -> Sequence[Any]: ...
    @property
    def relations(self) -> Sequence[Any]: ...
    @property
    def exclude(self) -> Sequence[dict[str, Any]]: ...
    @property
    def style(self) -> str | None: ...
    @property
    def background(self) -> str | None: ...
    @property
    def texts(self) -> Sequence[str]: ...
    @property
    def layout(self) -> Sequence[Any]: ...
    @property
    def arrows(self) -> Sequence[Any]: ...
    @property
    def labels(self) -> Sequence[Any]: ...
    @property
    def panels(self) -> Sequence[Any]: ...


def check_limits(scene: Limited) -> None:
    """Raise :class:`~.vocabulary.SceneError` naming the field when ``scene`` holds too
    many things or a text that is too long or not valid text."""
    for what, items, limit in (
        ("relations", scene.relations, MAX_RELATIONS),
        ("texts", scene.texts, MAX_TEXTS),
        ("exclude entries", scene.exclude, MAX_TEXTS),
        ("layout boxes", scene.layout, MAX_LAYOUT_BOXES),
    ):
        if len(items) > limit:
            raise SceneError(f"a scene holds at most {limit} {what}, got {len(items):,}")
    for e in scene.entities:
        if len(e.attributes) > MAX_ATTRIBUTES:
            raise SceneError(
                f"{e.id!r} has {len(e.attributes)} attributes; the limit is {MAX_ATTRIBUTES}"
            )
    for what, text, limit in _texts(scene):
        check_text(text, what, limit)


def _texts(scene: Limited) -> Iterator[tuple[str, str, int]]:
    """Every text of the scene: what it is, the text, and its longest length."""
    for e in scene.entities:
        for key, value in e.attributes.items():
            yield f"an attribute name of {e.id!r}", key, MAX_TEXT_CHARS
            limit = MAX_TEXT_CHARS if key in WRITTEN_ATTRIBUTES else MAX_ATTRIBUTE_CHARS
            yield f"attribute {key!r} of {e.id!r}", value, limit
    named: list[tuple[str, Any]] = [("style", scene.style), ("background", scene.background)]
    named += [("an entry of texts", t) for t in scene.texts]
    named += [("an exclude entry's name", x.get("name")) for x in scene.exclude]
    named += [("an arrow's label", a.label) for a in scene.arrows]
    named += [("a label", lb.text) for lb in scene.labels]
    named += [(f"panel {p.id!r}'s title", p.title) for p in scene.panels]
    named += [(f"panel {p.id!r}'s background", p.background) for p in scene.panels]
    for what, text in named:
        if isinstance(text, str):
            yield what, text, MAX_TEXT_CHARS


def check_shape(data: dict[str, Any]) -> None:
    """Check that each list of a scene's JSON form is a list (of objects, where the contract
    says so) before it is read, so a tampered scene is refused naming the field, not with a
    Python error."""
    for key in _LISTS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise SceneError(
                f"malformed scene graph: {key!r} must be a list, not {type(value).__name__}"
            )
        if key != "texts" and any(not isinstance(item, dict) for item in value):
            raise SceneError(f"malformed scene graph: each item of {key!r} must be an object")


def check_fields(data: dict[str, Any]) -> None:
    """Refuse a field a scene's JSON form does not have, at its top level and in its
    entities, relations and layout boxes (a plan from the browser's editor holds only what the
    kernel sent it): ``"colour"`` beside ``"attributes"`` or ``"realtions"`` would otherwise be
    dropped without a word, and the picture drawn without them."""
    parts: list[tuple[str | None, str, Any]] = [(None, "the plan", data)]
    for key in ("entities", "relations", "layout"):
        items = data.get(key)
        if isinstance(items, list):
            parts += [(key, f"{key}[{n}]", item) for n, item in enumerate(items)]
    for part, where, item in parts:
        extra = set(item) - _FIELDS[part] if isinstance(item, dict) else set()
        if extra:
            names = ", ".join(repr(str(x)[:40]) for x in sorted(extra, key=str)[:5])
            raise SceneError(f"{where} has field(s) a plan does not have: {names}")
