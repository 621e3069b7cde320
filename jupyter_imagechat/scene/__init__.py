"""The scene graph: what a prompt means, as plain data.

A :class:`SceneGraph` is the contract between the planner, the layout step, the engines
and the checker; its JSON form is public (see :mod:`.graph` for the rules). The diagram
vocabulary (arrows, labels, panels, arrangements) is :mod:`.diagram`; the words and limits
(predicates, colours, counts, times of day) are :mod:`.vocabulary`.
"""

from .diagram import ARRANGEMENTS, SIGNS, Arrangement, Arrow, Label, Panel
from .graph import Box, Entity, Relation, SceneGraph
from .vocabulary import (
    COLORS,
    MAX_COUNT,
    MAX_ENTITIES,
    MAX_TEXT_CHARS,
    PREDICATES,
    TIMES_OF_DAY,
    SceneError,
    split_background,
)

__all__ = [
    "ARRANGEMENTS",
    "COLORS",
    "MAX_COUNT",
    "MAX_ENTITIES",
    "MAX_TEXT_CHARS",
    "PREDICATES",
    "SIGNS",
    "TIMES_OF_DAY",
    "Arrangement",
    "Arrow",
    "Box",
    "Entity",
    "Label",
    "Panel",
    "Relation",
    "SceneError",
    "SceneGraph",
    "split_background",
]
