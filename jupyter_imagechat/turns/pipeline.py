"""The turn pipeline: the one place that knows the order of a turn's steps.

Every way of asking for a picture is a :class:`~.request.TurnRequest`: a prompt (``send``),
a plan from the editor (``generate``), ``fix``, ``outpaint``, a picture to ``load`` and a
recorded turn drawn again (replay). :meth:`TurnPipeline.run` takes each through the same
numbered steps, as a diffusers pipeline's ``__call__`` reads top to bottom:

1. check inputs (nothing changes when they are wrong);
2. read the request: a command ("undo", "fix"), or a prompt the planner reads as a new
   picture or an edit of the current one;
3. plan: the scene to draw, and the picture and mask the engine starts from (per kind:
   :mod:`.planning`);
4. lay out (boxes that keep the relations; kept boxes stay where they are);
5. draw (a stopped run keeps its picture so far as a ``draft`` turn);
6. check the picture against the plan;
7. correct: a planner with ``correct`` gets what the check found; a corrected plan is laid
   out, drawn and checked, and kept if it fixes more (bounded: :mod:`.correction`);
8. record the turn in the history.

:meth:`TurnPipeline.prepare` runs steps 1 to 4 alone: the plan-first flow shows that plan
before anything is drawn. :meth:`TurnPipeline.run_batch` runs several requests (each in its
own history) through the same steps with one step 5 for them all: an engine with
``draw_batch`` shares one model call among the draws that can share it (the server's
batches); each request gets its own turn or its own error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..checker import Parent, Verdict, check
from ..engines.base import Result
from ..errors import Cancelled, EngineError, ImageChatError, InputError, Unsure
from ..images import as_mask
from ..layout import arrange
from ..planner import Reading, read_prompt
from ..planner.reading import CHOICES
from ..session import History, Turn
from ..session.fields import KEPT_MODES, OUTPAINT_MODE
from .batch import attempt, batch_outcomes, draw_kwargs
from .commands import (
    FIX,
    GOTO,
    REDO,
    UNDO,
    command_of,
    find_turn,
    goto_of,
    names_a_picture,
    redo_target,
)
from .correction import Corrector, recent_prompts
from .inputs import (
    check_extent,
    check_prompt,
    check_seed,
    check_settings,
    check_size,
    check_size_settings,
    largest_side,
)
from .masked import masked_instances
from .outpaint import check_margins
from .planflow import validate_plan
from .planning import plan_fix, plan_given, plan_load, plan_outpaint, plan_prompt, plan_redraw
from .recording import keep_draft, planner_record, record_turn
from .request import KINDS, Planned, TurnRequest
from .tools import Toolkit, Tools

if TYPE_CHECKING:
    from ..engines.base import ProgressCallback, StopCheck

__all__ = ["Toolkit", "Tools", "TurnPipeline"]

log = logging.getLogger(__name__)


class TurnPipeline:
    """Runs turn requests through the numbered steps (see the module docstring).

    Parameters
    ----------
    tools : Tools
        The engine, planner, detector, size and seed; read at every run, so changing
        them (say, giving the conversation a detector) takes effect on the next turn.
    """

    def __init__(self, tools: Tools) -> None:
        self.tools = tools

    def run(
        self,
        request: TurnRequest,
        history: History,
        *,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Run every step of ``request``; record the turn in ``history`` and return it.

        "undo" records nothing: it reopens the turn before and returns it.

        Raises
        ------
        InputError
            Bad inputs, or a prompt with nothing to draw. Nothing changes.
        EngineError
            The engine failed. Nothing changes.
        Cancelled
            ``should_stop()`` returned True; a picture so far, if the engine has one, is
            recorded as a draft turn (``error.turn``).
        """
        timings: dict[str, float] = {}
        # 1-4. Check inputs, read the request, plan, lay out
        planned = self.prepare(
            request, history.head, timings, history=history, should_stop=should_stop
        )
        if planned.reopen is not None:  # "undo", "redo", "go back to ...": nothing to draw
            return history.checkout(planned.reopen)

        # 5. Draw
        t0 = time.perf_counter()
        if planned.mode in KEPT_MODES:  # a picture taken as it is
            assert planned.image is not None
            result = Result(image=planned.image)
        else:
            try:
                result = self._draw(planned, on_progress, should_stop)
            except Cancelled as exc:  # keep the picture so far, if the engine has one
                keep_draft(exc, planned, history, self.tools.engine, timings)
                raise
        timings["draw"] = time.perf_counter() - t0
        return self._finish(planned, result, history, timings, on_progress, should_stop)

    def run_batch(
        self, runs: Sequence[tuple[TurnRequest, History, StopCheck | None]]
    ) -> list[Turn | Exception]:
        """Run each ``(request, history, should_stop)`` as :meth:`run` does, with one step 5
        for all (:meth:`_draw_batch`). Returns each request's turn or the error :meth:`run`
        would have raised for it alone: one bad request never fails the others."""
        outcomes: list[Turn | Exception] = [InputError("not run")] * len(runs)
        drawing: list[tuple[int, Planned, dict[str, float]]] = []
        for i, (request, history, stop) in enumerate(runs):  # 1-4, each on its own
            timings: dict[str, float] = {}
            try:
                planned = self.prepare(
                    request, history.head, timings, history=history, should_stop=stop
                )
                if planned.reopen is not None or planned.mode in KEPT_MODES:  # nothing to draw
                    outcomes[i] = self.run(request, history, should_stop=stop)
                else:
                    drawing.append((i, planned, timings))
            except Exception as exc:
                outcomes[i] = exc
        t0 = time.perf_counter()  # 5. Draw, together
        drawn = self._draw_batch([(planned, runs[i][2]) for i, planned, _ in drawing])
        for (i, planned, timings), result in zip(drawing, drawn, strict=True):
            history, stop = runs[i][1], runs[i][2]
            timings["draw"] = time.perf_counter() - t0
            try:
                if isinstance(result, Cancelled):
                    keep_draft(result, planned, history, self.tools.engine, timings)
                if isinstance(result, Exception):
                    raise result
                outcomes[i] = self._finish(planned, result, history, timings, None, stop)
            except Exception as exc:  # 6-8, each on its own
                outcomes[i] = exc
        return outcomes

    def _finish(
        self,
        planned: Planned,
        result: Result,
        history: History,
        timings: dict[str, float],
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Turn:
        """Steps 6 to 8 of a drawn (or kept) picture: check, correct, record."""
        if planned.mode == "text2img":  # record the size drawn, so the turn can be redone
            planned.settings.setdefault("width", result.image.width)
            planned.settings.setdefault("height", result.image.height)

        # 6. Check
        verdict: Verdict | None = None
        if planned.scene is not None and planned.mode not in KEPT_MODES:
            t0 = time.perf_counter()
            head = history.head  # an edit of it: what nobody changed must stay as it was
            edit = head is not None and planned.mode != "text2img"
            parent = Parent(head.scene, head.objects) if head and edit else None
            verdict = check(planned.scene, result, detector=self.tools.detector, parent=parent)
            timings["check"] = time.perf_counter() - t0

        # 7. Correct: what the check found goes back to a planner that can correct a plan
        fixer = Corrector(self.tools.planner, planned, result, verdict, history, should_stop)
        while (second := fixer.next_plan()) is not None and second.scene is not None:
            second.scene = arrange(second.scene, seed=second.seed, region=second.region)
            try:
                drawn = self._draw(second, on_progress, should_stop)
            except (EngineError, Cancelled) as exc:  # the first picture stays
                fixer.failed(exc)
                break
            better = check(second.scene, drawn, detector=self.tools.detector, parent=parent)
            fixer.judge(second, drawn, better)
        planned, result, verdict = fixer.kept(timings)

        # 8. Record
        metadata = dict(result.metadata)
        if planned.mode not in KEPT_MODES and planned.source != OUTPAINT_MODE:
            metadata["source"] = planned.source
        if planned.new is not None:  # the user's answer to "change it or a new one?"
            metadata["new"] = planned.new
        if planned.source == "send":  # which model read the prompt (for the exported code)
            metadata.update(planner_record(self.tools.planner))
        turn = record_turn(history, planned, result, verdict, timings, metadata, self.tools.engine)
        history.append(turn)
        return turn

    def prepare(
        self,
        request: TurnRequest,
        head: Turn | None,
        timings: dict[str, float] | None = None,
        *,
        history: History | None = None,
        should_stop: StopCheck | None = None,
    ) -> Planned:
        """Run steps 1 to 4: return the request planned and laid out, nothing drawn.

        ``head`` is the current turn (the one the request starts from), or ``None``;
        ``history`` (where "redo" and "go back to ..." look for the turn to reopen) the
        turns so far; ``should_stop`` is polled while a language model plans.

        Raises
        ------
        Unsure
            The planner could not tell whether the prompt changes the current picture or
            asks for a new one: nothing was planned; send it again with ``new``.
        Cancelled
            ``should_stop()`` returned True while the planner asked a model: nothing changes.
        """
        timings = {} if timings is None else timings
        # 1. Check inputs: nothing changes when they are wrong
        request = self._check(request, head)

        # 2. Read the request: a command, or a prompt read by the planner
        t0 = time.perf_counter()
        command = command_of(request.prompt) if request.kind == "prompt" else None
        if command in (UNDO, REDO, GOTO):
            reopen = self._reopen(command, request.prompt, head, history)
            if reopen is not None:
                return Planned(source=str(command), mode="", reopen=reopen)
        if command == FIX:
            request = replace(request, kind="fix")
        if request.seed is None and request.kind != "fix":  # a fix picks the next seed
            request = replace(request, seed=self.tools.seed)
        reading = self._read(request, head, recent_prompts(history, head), should_stop)
        if reading is not None and reading.question:  # ask: nothing changes until answered
            raise Unsure(request.prompt, reading.question, CHOICES)

        # 3. Plan: the scene to draw, and the picture and mask the engine starts from
        engine_name = self.tools.engine.name
        if request.kind == "prompt":
            assert reading is not None
            planned = plan_prompt(request, reading, head, self.tools.size)
        elif request.kind == "plan":
            planned = plan_given(request, head, self.tools.size)
        elif request.kind == "fix":
            planned = plan_fix(request, head)
        elif request.kind == "outpaint":
            planned = plan_outpaint(request, reading, head, engine_name)
        elif request.kind == "load":
            planned = plan_load(request, head, self._largest())
        else:
            planned = plan_redraw(request, head, engine_name)
        timings["plan"] = time.perf_counter() - t0

        # 4. Lay out: new things get boxes; kept boxes stay where they are
        if planned.scene is not None and not planned.laid_out:
            t0 = time.perf_counter()
            moved_from = planned.scene_before if planned.source == "send" else None  # issue 15
            planned.scene = arrange(planned.scene, seed=planned.seed, region=planned.region,
                                    before=moved_from)  # fmt: skip
            timings["layout"] = time.perf_counter() - t0
        return planned

    # -- the steps' helpers -----------------------------------------------------------------
    def _check(self, request: TurnRequest, head: Turn | None) -> TurnRequest:
        """Step 1: the request with its prompt, seed, settings, mask and margins checked."""
        if request.kind not in KINDS:
            raise InputError(f"unknown kind of turn {request.kind!r}; one of {', '.join(KINDS)}")
        prompt = request.prompt
        if request.kind == "prompt" or (request.kind == "outpaint" and prompt):
            prompt = check_prompt(prompt)
        seed = None if request.seed is None else check_seed(request.seed)
        # every way of asking for a size meets the same largest side (an administrator's
        # max_size, else the engines'): the chat's size and the turn's width and height
        most = self._largest()
        if self.tools.size is not None:
            check_size(self.tools.size, most)
        settings = check_size_settings(check_settings(request.settings), most)
        picture = head.image if head is not None else None
        mask = as_mask(request.mask, picture) if request.kind != "redraw" else request.mask
        plan = request.plan
        if request.kind == "plan":  # a plan from outside (the browser's editor) is untrusted
            plan = validate_plan(plan)
        margins = request.margins
        if request.kind == "outpaint":
            if picture is None:
                raise InputError("outpainting extends the current picture: draw or load one first")
            margins = check_margins(picture, margins or {})
            check_extent(
                picture.width + margins["left"] + margins["right"],
                picture.height + margins["top"] + margins["bottom"],
                most,
            )
        return replace(
            request,
            prompt=prompt,
            seed=seed,
            settings=settings,
            mask=mask,
            plan=plan,
            margins=margins,
        )

    def _largest(self) -> int:
        """The largest picture side: the hub's ``max_size`` (the conversation's settings),
        else the engines' limit."""
        return largest_side(getattr(getattr(self.tools, "settings", None), "max_size", None))

    def _reopen(
        self, command: str, prompt: str, head: Turn | None, history: History | None
    ) -> str | None:
        """Step 2 for "undo", "redo" and "go back to ...": the turn to reopen; ``None`` for
        a "back to the beach" that matches no picture (then read as a prompt)."""
        if command == UNDO:
            if head is None or head.parent is None:
                raise InputError("there is nothing to undo: this is the first picture")
            return head.parent
        if history is None:
            raise InputError(f"{prompt.strip()!r} needs the history of the conversation")
        if command == REDO:
            return redo_target(history, head).id
        what = goto_of(prompt) or ""
        planner = self.tools.planner
        try:
            return find_turn(history, head, what, lambda t: read_prompt(planner, t, None).scene).id
        except InputError:
            if names_a_picture(prompt):
                raise
            return None

    def _read(
        self,
        request: TurnRequest,
        head: Turn | None,
        recent: list[str],
        should_stop: StopCheck | None,
    ) -> Reading | None:
        """Step 2: the planner's reading of the prompt (an outpainting prompt describes only
        new things); ``None`` for requests that bring their own plan. A mask tells the
        planner which drawn things it covers; ``recent`` are the earlier prompts."""
        planner = self.tools.planner
        if request.kind == "prompt":
            current = head.scene if head is not None else None
            masked = masked_instances(head, request.mask)
            return read_prompt(
                planner, request.prompt, current, request.focus, masked=masked, new=request.new,
                recent=recent, should_stop=should_stop,
            )
        if request.kind == "outpaint" and request.prompt:
            return read_prompt(planner, request.prompt, None, should_stop=should_stop)
        return None

    def _draw(
        self,
        planned: Planned,
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Result:
        """Step 5: the engine's drawing; its unexpected failures become an EngineError."""
        engine = self.tools.engine
        assert planned.scene is not None
        try:
            return engine.draw(**draw_kwargs(planned, on_progress, should_stop))
        except (ImageChatError, KeyboardInterrupt):
            raise
        except MemoryError:
            raise EngineError("out of memory while drawing: try a smaller size") from None
        except Exception as exc:  # an engine bug must not take the session down
            log.exception("engine %s failed", engine.name)
            raise EngineError(f"the {engine.name} engine failed: {exc}") from exc

    def _draw_batch(self, items: list[tuple[Planned, StopCheck | None]]) -> list[Any]:
        """Step 5 of :meth:`run_batch`: the engine's ``draw_batch`` (:mod:`.batch`), which
        shares a model call among draws that can share one, else :meth:`_draw` one by one;
        a result or an error per draw."""
        engine = self.tools.engine
        draw_batch = getattr(engine, "draw_batch", None)
        if draw_batch is None or len(items) < 2:
            return [attempt(self._draw, planned, None, stop) for planned, stop in items]
        try:
            drawn = list(draw_batch([draw_kwargs(p, None, stop) for p, stop in items]))
        except Exception as exc:  # the whole call failed: each draw failed with it
            drawn = [exc] * len(items)
        return batch_outcomes(engine.name, drawn, len(items))
