"""Language-model planners (:mod:`.planners`: ``EndpointPlanner``, ``TransformersPlanner``):
what is sent to a model (:mod:`.prompts`), the schema of its answer and the repair of what
it says (:mod:`.schema`, :mod:`.answer_text`, :mod:`.diagram`), and an answer held to the
edits' invariant (:mod:`.edit`, :mod:`.invariant`, :mod:`.structure`).
"""

from __future__ import annotations

from typing import Any

_MOVED = frozenset({"EndpointPlanner", "LLMError", "LLMPlanner", "TransformersPlanner"})


def __getattr__(name: str) -> Any:
    """``jupyter_imagechat.planner.llm.EndpointPlanner`` as code written for earlier
    versions imports it (the module became this folder), loaded only when asked for."""
    if name in _MOVED:
        from . import planners

        return getattr(planners, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
