"""Planners turn a prompt (and the current scene, for an edit) into a scene graph.

>>> from jupyter_imagechat.planner import create_planner
>>> create_planner("rules").plan("a cat left of a dog").summary()
'1 x cat, 1 x dog; cat left of dog'
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from ..scene import SceneGraph
from .lessons.saved_topics import save_topic
from .reading import Reading, read_prompt
from .rules import RulesPlanner
from .text import PlanError

__all__ = [
    "PLANNERS",
    "PlanError",
    "Planner",
    "Reading",
    "RulesPlanner",
    "create_planner",
    "read_prompt",
    "save_topic",
]

PLANNERS: tuple[str, ...] = ("rules", "openai", "transformers")
"""Names :func:`create_planner` accepts ("transformers:<model id or folder>" too)."""


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

    def is_edit(self, text: str, current: SceneGraph | None = None) -> bool:
        """Whether ``text`` changes the ``current`` picture instead of describing a new one."""
        ...

    def read(
        self, text: str, *, current: SceneGraph | None = None, focus: str | None = None
    ) -> Reading:
        """Read ``text`` once: the scene, the notes and whether it edits ``current``.

        Optional: :func:`read_prompt` asks planners without it through the methods above.
        """
        ...


def create_planner(name: str = "rules", **options: Any) -> Planner:
    """Return the planner called ``name``.

    Parameters
    ----------
    name : str
        ``"rules"`` (default, no model), ``"openai"`` (any OpenAI-compatible chat endpoint;
        base URL, model and key from ``options`` or ``$IMAGECHAT_LLM_BASE_URL``,
        ``$IMAGECHAT_LLM_MODEL``, ``$IMAGECHAT_LLM_API_KEY`` / ``$OPENAI_API_KEY``), or
        ``"transformers:<model id or folder>"`` (a local model).
    **options
        Passed to :class:`~.llm.EndpointPlanner` or :class:`~.llm.TransformersPlanner`.

    Raises
    ------
    PlanError
        For an unknown name; the message lists the choices.
    """
    if name == "rules" and not options:
        return RulesPlanner()
    if name in ("openai", "endpoint"):
        from .llm.planners import EndpointPlanner

        return EndpointPlanner(**options)
    if isinstance(name, str) and name.startswith("transformers"):
        from .llm.planners import TransformersPlanner

        model = name.partition(":")[2] or options.pop("model", None)
        return TransformersPlanner(model, **options)
    raise PlanError(f"unknown planner {name!r}; choose one of: {', '.join(PLANNERS)}")
