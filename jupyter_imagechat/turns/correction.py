"""Step 7 of a turn: what the checker found wrong goes back to the planner, bounded.

After the check (step 6), a planner that can correct a plan (one with a ``correct``
method, as the language-model planners have: :meth:`~..planner.llm.base.LLMPlanner.correct`)
is given the plan and what was found: each violated finding, each thing drawn as a
placeholder card ("no picture for 'villa'") and each note of words not understood. A
corrected plan is laid out, drawn and checked by the pipeline like the first; it is kept
when it leaves fewer of those problems and violates no more than the first did (as SLD
corrects a picture with a language model in the loop). The rounds are bounded: the
planner's ``corrections`` (1 by default; 0 turns the step off).

The turn records both plans and why: ``turn.metadata["correction"]`` lists each round
(the problems sent, the plan corrected, the corrected plan, the problems left, which was
kept), and a note says it in the chat. Only prompts drawn without a mask are corrected: a
plan from the editor is the user's, a mask's edit is the user's area, a fix is already a
correction, a replay must redraw what was recorded.
"""

from __future__ import annotations

import inspect
import json
import re
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..checker import UNKNOWN, VIOLATED
from ..checker.cards import NO_PICTURE
from ..errors import Cancelled
from ..planner.honesty import not_understood

if TYPE_CHECKING:
    from ..checker import Verdict
    from ..engines.base import Result
    from ..session import History
    from .request import Planned

__all__ = ["Corrector", "problems_of", "recent_prompts"]

RECENT = 12
"""Most earlier prompts handed to a planner that reads the conversation (it may use fewer)."""
_NOT_UNDERSTOOD = not_understood(["x"]).partition("'")[0]  # "I didn't understand "
_MODES = ("text2img", "img2img")
_WORDS = re.compile(re.escape(_NOT_UNDERSTOOD) + r"(['\"])(.+?)\1")


def recent_prompts(history: History | None, head: Any) -> list[str]:
    """The prompts of the turns leading to ``head`` (its branch), oldest first, at most
    :data:`RECENT`: what a planner may read of the conversation, and nothing else."""
    if history is None or head is None or head.id not in history:
        return []
    prompts = [t.prompt for t in history.lineage(head.id) if t.prompt]
    return prompts[-RECENT:]


def problems_of(planned: Planned, verdict: Verdict | None) -> list[str]:
    """What a planner is asked to correct: violated findings, things drawn as placeholder
    cards and words not understood, one sentence each."""
    found = []
    for f in verdict.findings if verdict is not None else []:
        ids = f" ({', '.join(f.entities)})" if f.entities else ""
        kind = "" if f.kind == "plan" else f"{f.kind}: "
        if f.status == VIOLATED:
            found.append(f"not kept: {kind}{f.constraint}{ids}: {f.reason}")
        elif f.status == UNKNOWN and f.reason.startswith(NO_PICTURE):
            found.append(f"{f.reason}{ids}: drawn as a labelled card")
    found += [n for n in planned.notes if n.startswith(_NOT_UNDERSTOOD)]
    return found


def _understood_in(problem: str, scene: Any, first: Any) -> bool:
    """Whether the corrected ``scene`` plans something for the words a "not understood"
    ``problem`` names, which the ``first`` plan left out: a thing, description or label holds
    one of them, or it has a thing the first had not (a misspelling read as a word). What
    it then draws is checked like everything else (a card is a finding)."""
    match = _WORDS.match(problem)
    if match is None or scene is None:
        return False
    if first is not None and {e.id for e in scene.entities} - {e.id for e in first.entities}:
        return True
    planned = json.dumps(scene.to_dict(), ensure_ascii=False).lower()
    words = [w for w in match.group(2).lower().split() if len(w) > 1]
    return any(re.search(rf"\b{re.escape(w)}\b", planned) for w in words)


def _takes_stop(method: Any) -> bool:
    """Whether a planner's ``correct`` takes ``should_stop`` (planners of earlier versions
    do not)."""
    try:
        return "should_stop" in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


def _violated(verdict: Verdict | None) -> int:
    return verdict.count(VIOLATED) if verdict is not None else 0


class Corrector:
    """The rounds of step 7 for one turn; the pipeline lays out, draws and checks each plan.

    Parameters
    ----------
    planner : Any
        The turn's planner; without a ``correct`` method nothing is corrected.
    planned, result, verdict
        The first plan, its picture and its verdict.
    history : History
        The turns so far (for the conversation's earlier prompts).
    should_stop : callable, optional
        The turn's Stop, polled while the planner asks a model to correct the plan: when
        it returns True, no corrected plan is drawn and the first picture is kept.
    """

    def __init__(
        self,
        planner: Any,
        planned: Planned,
        result: Result,
        verdict: Verdict | None,
        history: History,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.correct = getattr(planner, "correct", None)
        self.should_stop = should_stop
        rounds = getattr(planner, "corrections", 1)
        eligible = (
            callable(self.correct)
            and verdict is not None
            and planned.source == "send"
            and planned.mask is None
            and planned.mode in _MODES
        )
        self.rounds = rounds if eligible and isinstance(rounds, int) else 0
        self.describe = getattr(planner, "describe", lambda: type(planner).__name__)
        self.best: tuple[Planned, Result, Verdict | None] = (planned, result, verdict)
        self.recent = recent_prompts(history, history.head) if self.rounds else []
        self.done: list[dict[str, Any]] = []
        self._started = time.perf_counter()
        self._pending: tuple[Planned, list[str], list[str]] | None = None

    def next_plan(self) -> Planned | None:
        """The next corrected plan to lay out, draw and check, or None: no rounds left,
        nothing to correct, or the planner changed nothing."""
        planned, _result, verdict = self.best
        problems = problems_of(planned, verdict)
        if len(self.done) >= self.rounds or not problems or self.correct is None:
            return None
        before = planned.scene_before if planned.edit else None
        assert planned.scene is not None
        record: dict[str, Any] = {"problems": problems, "plan": planned.scene.to_dict()}
        options: dict[str, Any] = {"prompt": planned.prompt, "before": before}
        if self.should_stop is not None and _takes_stop(self.correct):
            options["should_stop"] = self.should_stop
        try:
            reading = self.correct(planned.scene, problems, recent=self.recent, **options)
        except Cancelled as exc:  # Stop while the model was asked: the first picture stays
            record.update(kept="first", why=f"stopped before a corrected plan came ({exc})")
            record["notes"] = []
            self.done.append(record)
            return None
        if reading is None or reading.scene.to_dict() == planned.scene.to_dict():
            notes = list(reading.notes) if reading is not None else []
            record.update(kept="first", why=notes[0] if notes else "the planner changed nothing")
            record["notes"] = notes
            self.done.append(record)
            return None
        record.update(corrected=reading.scene.to_dict(), notes=list(reading.notes))
        self.done.append(record)
        self._pending = (planned, problems, list(reading.notes))
        return replace(planned, scene=reading.scene, laid_out=False)

    def judge(self, second: Planned, result: Result, verdict: Verdict | None) -> None:
        """Keep ``second`` (drawn as ``result``, checked as ``verdict``) if it fixes more."""
        assert self._pending is not None
        first, problems, notes = self._pending
        # the second plan carries the first one's notes: words it now reads are not left
        read = {p for p in problems if _understood_in(p, second.scene, first.scene)}
        left = [p for p in problems_of(second, verdict) if p not in read]
        better = len(left) < len(problems) and _violated(verdict) <= _violated(self.best[2])
        self.done[-1].update(
            left=left,
            kept="corrected" if better else "first",
            why=(
                f"it leaves {len(left)} of the {len(problems)} problems"
                if better
                else f"it would leave {len(left)} of the {len(problems)} problems"
            ),
        )
        if better:
            second.notes = [*(n for n in first.notes if n not in read), *notes]
            second.scene_before = first.scene_before
            self.best = (second, result, verdict)

    def failed(self, error: Exception) -> None:
        """The corrected plan could not be drawn (an engine error, Stop): the first stays."""
        self.done[-1].update(kept="first", why=f"it could not be drawn: {error}")

    def kept(self, timings: dict[str, float]) -> tuple[Planned, Result, Verdict | None]:
        """The plan, picture and verdict to record, with the rounds in the picture's
        metadata (``"correction"``) and a note for the chat."""
        planned, result, verdict = self.best
        if not self.done:
            return planned, result, verdict
        fixed = [r for r in self.done if r["kept"] == "corrected"]
        who = self.describe()
        first = self.done[0]
        if fixed:
            left = len(fixed[-1]["left"])
            note = (
                f"self-correction: {who} was shown {len(first['problems'])} problem(s) the "
                f"check found and planned again; the new picture leaves {left}"
            )
        elif any("corrected" in r for r in self.done):
            note = (
                f"self-correction: {who} was shown {len(first['problems'])} problem(s) the "
                f"check found; kept the first picture ({self.done[-1]['why']})"
            )
        else:
            note = f"self-correction: no corrected plan ({self.done[-1]['why']})"
        planned.notes = [*planned.notes, note]
        metadata = {**result.metadata, "correction": {"planner": who, "rounds": self.done}}
        timings["correct"] = time.perf_counter() - self._started
        return planned, replace(result, metadata=metadata), verdict
