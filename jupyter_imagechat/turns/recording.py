"""Step 8 of a turn: the :class:`~jupyter_imagechat.session.Turn` that records it.

The pipeline (:mod:`.pipeline`) decides when a turn is recorded; this module says what the
record holds: the plan, the picture, the verdict, the timings and the engine that drew it,
and for a stopped run the picture so far as a ``draft`` turn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..session import Turn
from ..session.fields import DRAFT_MODE, KEPT_MODES

if TYPE_CHECKING:
    from ..checker import Verdict
    from ..engines.base import Engine, Result
    from ..errors import Cancelled
    from ..session import History
    from .request import Planned

__all__ = ["keep_draft", "planner_record", "record_turn"]


def planner_record(planner: Any) -> dict[str, Any]:
    """Which language model planned a turn, for ``turn.metadata["planner"]``: the planner's
    name and its model, and for an endpoint its base URL as shown to users (never a key);
    ``{}`` for the rules planner and planners this cannot name. The exported code makes the
    chat with it (:mod:`..session.code`)."""
    name = getattr(planner, "name", None)
    model = getattr(planner, "model", None)
    if name == "openai" and isinstance(model, str):
        base_url = getattr(planner, "base_url", None)
        return {"planner": {"name": name, "model": model, "base_url": base_url}}
    model_id = getattr(planner, "model_id", None)
    if name == "transformers" and isinstance(model_id, str):
        return {"planner": {"name": name, "model": model_id}}
    return {}


def record_turn(
    history: History,
    planned: Planned,
    result: Result,
    verdict: Verdict | None,
    timings: dict[str, float],
    metadata: dict[str, Any],
    engine: Engine,
) -> Turn:
    """Step 8: the turn that records ``planned`` drawn as ``result`` (not yet appended)."""
    head = history.head
    loaded = planned.mode in KEPT_MODES and planned.source == "load"
    return Turn(
        id=history.next_id(),
        parent=head.id if head else None,
        prompt=planned.prompt,
        mode=planned.mode,
        scene_before=planned.scene_before,
        scene=planned.scene,
        engine="load" if loaded else engine.name,
        model=None if loaded else metadata.get("model_revision") or engine.model,
        settings=planned.settings,
        seed=planned.seed,
        mask=planned.mask,
        image=result.image,
        verdict=verdict,
        objects=list(result.objects),
        notes=[*planned.notes, *map(str, metadata.pop("notes", ()))],  # the engine's too
        timings=dict(timings),
        metadata=metadata,
    )


def keep_draft(
    error: Cancelled,
    planned: Planned,
    history: History,
    engine: Engine,
    timings: dict[str, float],
) -> None:
    """Record the picture so far of a stopped run (``error.draft``) as a ``draft`` turn.

    An engine that can hand back an unfinished picture attaches it to the
    :class:`~jupyter_imagechat.errors.Cancelled` it raises (the diffusers engine does, from
    the step it stopped at). The turn becomes the current picture; its id goes into the
    error's message and ``error.turn`` (``None`` when there is no draft).
    """
    draft: Result | None = getattr(error, "draft", None)
    error.turn = None  # type: ignore[attr-defined]
    if draft is None:
        return
    metadata = {**dict(draft.metadata), "draft_of": planned.mode}
    kept = replace(planned, mode=DRAFT_MODE, settings=dict(planned.settings))
    turn = record_turn(history, kept, draft, None, timings, metadata, engine)
    history.append(turn)
    error.turn = turn  # type: ignore[attr-defined]
    error.args = (f"{error}; the picture so far is kept as draft turn {turn.id}",)
