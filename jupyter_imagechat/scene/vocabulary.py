"""The words and limits of the scene graph contract: predicates, colours, counts, times."""

from __future__ import annotations

import re

__all__ = [
    "COLORS",
    "ID_PATTERN",
    "MAX_ATTRIBUTES",
    "MAX_ATTRIBUTE_CHARS",
    "MAX_COUNT",
    "MAX_ENTITIES",
    "MAX_LAYOUT_BOXES",
    "MAX_RELATIONS",
    "MAX_TEXTS",
    "MAX_TEXT_CHARS",
    "NAME_PATTERN",
    "PREDICATES",
    "TIMES_OF_DAY",
    "WRITTEN_ATTRIBUTES",
    "SceneError",
    "split_background",
]

PREDICATES: tuple[str, ...] = (
    "left of",
    "right of",
    "above",
    "below",
    "on",
    "under",
    "in front of",
    "behind",
    "next to",
    "inside",
    "holding",
)
"""The relation vocabulary. Extend it here (and document it) when needed."""

COLORS: dict[str, tuple[int, int, int]] = {
    "red": (220, 40, 40),
    "orange": (245, 140, 30),
    "yellow": (250, 210, 40),
    "green": (60, 170, 70),
    "blue": (45, 110, 220),
    "purple": (140, 70, 190),
    "pink": (245, 130, 180),
    "brown": (135, 85, 45),
    "black": (35, 35, 35),
    "white": (245, 245, 245),
    "gray": (135, 135, 135),
    "gold": (212, 175, 55),
    "silver": (192, 192, 200),
    "beige": (225, 205, 165),
    "turquoise": (50, 200, 190),
    "cyan": (40, 200, 230),
    "magenta": (210, 50, 170),
    "navy": (25, 40, 110),
    "teal": (30, 130, 130),
    "maroon": (120, 25, 40),
}
"""Colour names the project understands, with the RGB an engine should use."""

MAX_COUNT = 50
"""Largest count of one entity; the planner caps larger counts and says so."""

MAX_ENTITIES = 30
"""Largest number of entities in one scene."""

TIMES_OF_DAY: frozenset[str] = frozenset({"night", "sunset", "sunrise", "day"})
"""Backgrounds that say when, not where; ``"<place> at <time>"`` joins one to a place."""


def split_background(value: str | None) -> tuple[str | None, str | None]:
    """Return ``(place, time)`` of a background: ``"forest at night"`` -> ``("forest",
    "night")``, ``"night"`` -> ``(None, "night")``, ``"forest"`` -> ``("forest", None)``."""
    if not value:
        return None, None
    place, _, time = value.partition(" at ")
    if time in TIMES_OF_DAY and place:
        return place, time
    return (None, value) if value in TIMES_OF_DAY else (value, None)

MAX_TEXT_CHARS = 200
"""Longest text written in a picture by one field (an entity's ``text`` or ``label``, a
label, a title, an arrow's label, an entry of ``texts``), and longest style, background or
excluded name."""

MAX_ATTRIBUTE_CHARS = 2000
"""Longest value of an attribute that is not written in the picture (``state``,
``detail``...): at most a whole prompt."""

MAX_ATTRIBUTES = 20
"""Most attributes one entity may have."""

MAX_RELATIONS = 200
"""Most relations one scene may hold."""

MAX_TEXTS = 20
"""Most entries of ``texts`` and of ``exclude`` one scene may hold (each)."""

MAX_LAYOUT_BOXES = MAX_ENTITIES * MAX_COUNT
"""Most layout boxes one scene may hold: one per instance."""

WRITTEN_ATTRIBUTES = frozenset({"text", "label"})
"""Attributes whose values are written in the picture (they keep their case)."""

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9' -]{0,63}\Z")
"""An entity's name: a lowercase noun of at most 64 characters."""
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}\Z")
"""An entity's or a panel's id."""



class SceneError(ValueError):
    """A scene graph that breaks the contract; the message says which field."""
