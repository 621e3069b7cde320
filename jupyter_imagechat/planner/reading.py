"""What a planner makes of a prompt: the scene, notes for the user, and whether it edits.

:func:`read_prompt` asks any planner for a :class:`Reading`: planners with a ``read``
method answer in one pass over the prompt; others are asked through ``plan_with_notes``
(or ``plan``) and ``is_edit``, so a planner written for an earlier version still works.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

from ..scene import SceneGraph

__all__ = ["Reading", "read_prompt"]


@dataclass
class Reading:
    """A prompt as a planner read it.

    Attributes
    ----------
    scene : SceneGraph
        The scene the prompt describes, or the current scene changed by the edit.
    notes : list of str
        What the user should know ("capped 1000 apples at 50").
    edit : bool
        True when the prompt changes the current picture rather than describing a new one.
    """

    scene: SceneGraph
    notes: list[str] = field(default_factory=list)
    edit: bool = False


def read_prompt(
    planner: Any, text: str, current: SceneGraph | None, focus: str | None = None
) -> Reading:
    """Return ``planner``'s reading of ``text`` with the ``current`` scene (or none).

    ``focus`` names the entity the user selected, for planners that take it.
    """
    read = getattr(planner, "read", None)
    if read is not None:
        if focus is not None and _takes(read, "focus"):
            return read(text, current=current, focus=focus)
        return read(text, current=current)
    with_notes = getattr(planner, "plan_with_notes", None)
    if with_notes is not None:
        scene, notes = with_notes(text, current=current)
    else:
        scene, notes = planner.plan(text, current=current), []
    edit = current is not None and _is_edit(planner, text, current)
    return Reading(scene, list(notes), edit)


def _is_edit(planner: Any, text: str, current: SceneGraph) -> bool:
    """``planner.is_edit`` with the current picture, for planners that take it ("the bowl
    should be green" is an edit only when there is a bowl)."""
    if _takes(planner.is_edit, "current"):
        return bool(planner.is_edit(text, current=current))
    return bool(planner.is_edit(text))


def _takes(method: Any, name: str) -> bool:
    try:
        return name in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
