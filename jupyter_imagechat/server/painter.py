"""Draws one :class:`~.jobs.ImageJob` with a served engine, through the turn pipeline.

A job with a ``scene_graph`` draws that plan as given (validated first, as the plan editor's
plans are); a job with a prompt only is planned by the rules planner, as a chat prompt is.
An edit loads the picture first, then draws inside the mask (or, without one, redraws the
whole picture from the plan). The reply says which request fields the engine honoured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..engines import create_engine
from ..errors import InputError
from ..openai_api import WireError, mask_from_png
from ..openai_api.wire import picture_to_png
from ..planner import create_planner
from ..session import History, Turn
from ..turns import Toolkit, TurnPipeline, TurnRequest
from .forms import BadRequest
from .jobs import EXTRA_SETTINGS
from .options import Limits, ModelSpec

__all__ = ["HONOURED", "Painter"]

HONOURED: dict[str, tuple[str, ...]] = {
    "builtin": ("seed", "size", "scene_graph"),
    "diffusers": ("seed", "size", "scene_graph", *EXTRA_SETTINGS),
}
"""The request fields each engine uses; an engine not listed gets every setting and its
reply does not claim to have honoured any."""


class Painter:
    """One replica's engine, and the pipeline that draws jobs with it.

    Parameters
    ----------
    spec : ModelSpec
        The model this replica serves.
    limits : Limits
        The same limits the gateway checked (the mask is decoded here).
    """

    def __init__(self, spec: ModelSpec, limits: Limits) -> None:
        self.spec = spec
        self.limits = limits
        if spec.engine_factory is not None:
            engine = spec.engine_factory()
        else:
            engine = create_engine(spec.engine, model=spec.model, **dict(spec.engine_options))
        self.engine = engine
        self._honoured = HONOURED.get(engine.name)
        self._pipeline = TurnPipeline(Toolkit(engine, create_planner("rules")))

    def paint(self, job: Any, should_stop: Callable[[], bool] | None = None) -> dict[str, Any]:
        """Draw ``job``; return the PNG and what the reply reports about it.

        Raises
        ------
        BadRequest
            The plan, the picture or the mask is not usable (400), or the engine refused
            the request's values (400).
        EngineError
            The engine failed (500).
        Cancelled
            ``should_stop()`` returned True (the client left).
        """
        outcome = self.paint_batch([(job, should_stop)])[0]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def paint_batch(
        self, jobs: Sequence[tuple[Any, Callable[[], bool] | None]]
    ) -> list[dict[str, Any] | Exception]:
        """Draw each ``(job, should_stop)`` with one drawing step for all
        (:meth:`~..turns.TurnPipeline.run_batch`: the diffusers engine shares a pipeline call
        among the jobs that can share one). Returns, in order, each job's reply (as
        :meth:`paint`'s) or its own error (those :meth:`paint` raises): one bad job never
        fails the others."""
        outcomes: list[dict[str, Any] | Exception] = []
        runs: list[tuple[TurnRequest, History, Callable[[], bool] | None]] = []
        for job, stop in jobs:
            try:
                runs.append((self._request(job, history := History()), history, stop))
                outcomes.append({})  # filled in below
            except Exception as exc:
                outcomes.append(_refusal(exc))
        turns = iter(self._pipeline.run_batch(runs))
        for i, outcome in enumerate(outcomes):
            if isinstance(outcome, Exception):
                continue
            turn = next(turns)
            drawn = len(runs)
            outcomes[i] = (
                _refusal(turn) if isinstance(turn, Exception) else self._reply(turn, drawn)
            )
        return outcomes

    def _request(self, job: Any, history: History) -> TurnRequest:
        """The turn request of ``job``; an edit's picture is loaded into ``history`` first."""
        settings = {
            k: v for k, v in job.settings.items() if self._honoured is None
            or _field_of(k) in self._honoured
        }  # fmt: skip
        if job.size is not None and job.image is None:
            settings["width"], settings["height"] = job.size
        mask = None
        if job.image is not None:
            self._pipeline.run(TurnRequest("load", image=job.image), history)
            if job.mask is not None:
                mask = mask_from_png(job.mask, job.size, max_side=self.limits.max_side)
        if job.scene_graph is not None:
            return TurnRequest(
                "plan",
                job.prompt,
                seed=job.seed,
                mask=mask,
                settings=settings,
                plan=job.scene_graph,
                edit=job.image is not None,
            )
        return TurnRequest("prompt", job.prompt, seed=job.seed, mask=mask, settings=settings)

    def _reply(self, turn: Turn, batch: int) -> dict[str, Any]:
        """What the reply reports: the PNG, the engine, the fields it used, what it drew
        where, and ``batch``: the requests drawn in the same step, and how many of them
        shared this picture's model call (1: drawn alone)."""
        honoured = self._honoured
        return {
            "png": picture_to_png(turn.image),
            "engine": self.engine.name,
            "model": self.spec.name,
            "seed": turn.seed,
            "mode": turn.mode,
            "honoured": list(honoured) if honoured is not None else None,
            "objects": turn.to_record()["objects"],  # what it drew where, as the history keeps it
            "batch": {"requests": batch, "shared_call": int(turn.metadata.get("batch_size", 1))},
        }


def _refusal(exc: Exception) -> Exception:
    """A job's error as the server answers it: what the request got wrong is a
    :class:`BadRequest` (400); the engine's failures and Stop stay as they are."""
    if isinstance(exc, (InputError, WireError)):
        return BadRequest(str(exc))
    return exc


def _field_of(setting: str) -> str:
    """The request field a turn setting came from."""
    return next((f for f, s in EXTRA_SETTINGS.items() if s == setting), setting)
