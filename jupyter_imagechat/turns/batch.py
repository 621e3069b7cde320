"""Step 5 of a batch of turns (:meth:`~.pipeline.TurnPipeline.run_batch`): what each draw
asks of the engine, and the engine's answers as the pipeline's own step 5 gives them.

An engine may draw a batch (``draw_batch(calls)``): ``calls`` is a list of the keyword
arguments of its ``draw`` (:func:`draw_kwargs`, ``scene`` included), and it returns, in
the same order, a :class:`~..engines.base.Result` or the error of each draw: errors stay
per draw, so one bad request never fails the others. The diffusers engine shares one
pipeline call among the draws that can share it; an engine without ``draw_batch`` draws
them one by one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..engines.base import Result
from ..errors import EngineError, ImageChatError

if TYPE_CHECKING:
    from ..engines.base import ProgressCallback, StopCheck
    from .request import Planned

__all__ = ["attempt", "batch_outcomes", "draw_kwargs"]

log = logging.getLogger(__name__)


def draw_kwargs(
    planned: Planned, on_progress: ProgressCallback | None, should_stop: StopCheck | None
) -> dict[str, Any]:
    """The keyword arguments of the engine's ``draw`` for ``planned`` (``scene`` too)."""
    return {
        "scene": planned.scene,
        "image": planned.image,
        "mask": planned.mask,
        "seed": planned.seed,
        "settings": planned.engine_settings,
        "on_progress": on_progress,
        "should_stop": should_stop,
    }


def attempt(draw: Callable[..., Result], *args: Any) -> Result | Exception:
    """``draw(*args)``, or the error it raised (a batch's draws one by one)."""
    try:
        return draw(*args)
    except Exception as exc:
        return exc


def batch_outcomes(engine: str, drawn: list[Any], count: int) -> list[Result | Exception]:
    """``drawn`` (an engine's ``draw_batch`` answer) as ``count`` outcomes: each a result,
    a project error (:class:`~..errors.Cancelled` keeps its draft), or an
    :class:`~..errors.EngineError` saying what went wrong, as a single draw's would."""
    if len(drawn) != count:
        lost = EngineError(f"the {engine} engine answered {len(drawn)} of {count} draws")
        return [lost] * count
    return [_outcome(engine, outcome) for outcome in drawn]


def _outcome(engine: str, outcome: Any) -> Result | Exception:
    if isinstance(outcome, (Result, ImageChatError)):
        return outcome
    if isinstance(outcome, MemoryError):
        return EngineError("out of memory while drawing: try a smaller size")
    if isinstance(outcome, Exception):
        log.error("engine %s failed in a batch", engine, exc_info=outcome)
        return EngineError(f"the {engine} engine failed: {outcome}")
    return EngineError(f"the {engine} engine drew no picture")
