"""Planners turn a prompt (and the current scene, for an edit) into a scene graph.

>>> from jupyter_imagechat.planner import create_planner
>>> create_planner("rules").plan("a cat left of a dog").summary()
'1 x cat, 1 x dog; cat left of dog'
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..scene import SceneGraph
from .rules import RulesPlanner
from .text import PlanError

__all__ = ["PLANNERS", "PlanError", "Planner", "RulesPlanner", "create_planner"]

PLANNERS: tuple[str, ...] = ("rules",)
"""Names :func:`create_planner` accepts."""


@runtime_checkable
class Planner(Protocol):
    """What the conversation needs from a planner."""

    def plan(self, text: str, *, current: SceneGraph | None = None) -> SceneGraph:
        """Return the scene ``text`` describes, or ``current`` changed by an edit."""
        ...

    def plan_with_notes(
        self, text: str, *, current: SceneGraph | None = None
    ) -> tuple[SceneGraph, list[str]]:
        """Like :meth:`plan`, plus notes for the user ("capped 1000 apples at 50")."""
        ...

    def is_edit(self, text: str) -> bool:
        """Whether ``text`` changes the current picture instead of describing a new one."""
        ...


def create_planner(name: str = "rules") -> Planner:
    """Return the planner called ``name``.

    Raises
    ------
    PlanError
        For an unknown name; the message lists the choices.
    """
    if name == "rules":
        return RulesPlanner()
    raise PlanError(f"unknown planner {name!r}; choose one of: {', '.join(PLANNERS)}")
