"""A language model as the planner's reasoning step: new pictures, edits and corrections.

:class:`LLMPlanner` asks a model three questions (:mod:`.prompts`), each answered with
a scene graph as JSON against a schema (:mod:`.schema`, with the diagram vocabulary):

- **a new picture**: the prompt alone. A topic the knowledge base knows, a sum and maths
  things (a clock's time, a fraction, coins) are planned from the knowledge base, with no
  model; a lesson topic it lacks ("the nitrogen
  cycle") is expanded by the model into a labelled diagram, and the notes say how to keep
  it as a topic of your own (:func:`..lessons.saved_topics.save_topic`);
- **an edit**: the scene shown now, the conversation's earlier prompts and the follow-up.
  Whether a follow-up changes the picture, starts a new one or needs a question is read
  as the rules planner reads it (:mod:`..edits.followup`); a mask's edit stays with the rules
  planner, which splits the masked instances. The model's answer is matched to the scene
  (:mod:`.edit`) and held to the edits' invariant: what the follow-up did not name is
  put back as it was, and the notes say so (:mod:`.invariant`);
- **a correction** (:meth:`LLMPlanner.correct`, the turn pipeline's step 7): the plan
  drawn, what the checker found wrong with the picture, and the request.

When the model cannot be asked, or answers nothing usable, the rules planner's reading is
used and the notes say why; the notes always say which model planned a turn.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from ...scene import SceneError, SceneGraph
from .. import lexicon
from ..edits.followup import NEW_NOTE
from ..everyday import read_everyday
from ..lessons.maths import spell_signs
from ..lessons.request import read_lesson
from ..lessons.saved_topics import known_topic
from ..lessons.user_topics import refusals_not_told
from ..reading import Reading
from ..rules import RulesPlanner
from ..text import PlanError, check_prompt, prepare
from .edit import merge_answer
from .invariant import changed_ids, hold_to_problems, keep_unnamed, named_by
from .prompts import correct_messages, edit_messages, new_messages
from .schema import EDIT_SCHEMA, SCENE_SCHEMA, Answer, read_answer

__all__ = ["LLMError", "LLMPlanner"]

log = logging.getLogger(__name__)

StopCheck = Callable[[], bool]
"""The turn's Stop: returns True once the user asked to stop."""

QUIET_AFTER_FAILURE = 120.0
"""Seconds after the model could not be asked in which it is not asked to correct a plan
(the prompt already waited for it once; planning itself always asks)."""


class LLMError(RuntimeError):
    """The language model could not be asked (no connection, timeout, HTTP error, refusal)."""


class LLMPlanner:
    """Base class: ask a model, repair its answer, fall back to the rules planner.

    Subclasses implement :meth:`complete`, which returns the model's answer text or raises
    :class:`LLMError` when the model cannot be asked.

    Parameters
    ----------
    corrections : int
        How many times the turn pipeline may send what the checker found wrong back to the
        model for a corrected plan (0: never). Each round draws the picture again.
    """

    name = "llm"
    recent_turns = 6
    """How many of the conversation's earlier prompts an edit sends (oldest dropped)."""

    def __init__(self, *, corrections: int = 1) -> None:
        if isinstance(corrections, bool) or not isinstance(corrections, int) or corrections < 0:
            raise PlanError(f"corrections must be a whole number from 0, got {corrections!r}")
        self.corrections = corrections
        self.fallback = RulesPlanner()
        self._failed_at = -QUIET_AFTER_FAILURE  # when the model last could not be asked
        self._told: set[str] = set()  # what the chat was told about your topics file

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        should_stop: StopCheck | None = None,
    ) -> str:
        """Return the model's answer to ``messages`` (JSON matching ``schema``, if it can);
        raise :class:`~jupyter_imagechat.errors.Cancelled` once ``should_stop()`` is True
        (subclasses that cannot be stopped leave the argument out)."""
        raise NotImplementedError

    def describe(self) -> str:
        """Return a short name for notes, e.g. ``"llama3.2 at http://localhost:11434/v1"``."""
        return self.name

    # -- what the conversation asks -----------------------------------------------------------
    def plan(self, text: str, *, current: SceneGraph | None = None) -> SceneGraph:
        """Return the scene ``text`` describes, or ``current`` changed by it."""
        return self.plan_with_notes(text, current=current)[0]

    def plan_with_notes(
        self, text: str, *, current: SceneGraph | None = None
    ) -> tuple[SceneGraph, list[str]]:
        """Like :meth:`plan`, with notes that say which model planned it and what was
        repaired or fallen back on.

        Raises
        ------
        PlanError
            For a prompt that is not text, empty or too long, or when the model failed and
            the rules planner found nothing to draw either.
        """
        reading = self.read(text, current=current)
        return reading.scene, reading.notes

    def is_edit(self, text: str, current: SceneGraph | None = None) -> bool:
        """Whether ``text`` changes the ``current`` picture (read as the rules planner reads it)."""
        return self.fallback.is_edit(text, current)

    def read(
        self,
        text: str,
        *,
        current: SceneGraph | None = None,
        focus: str | None = None,
        masked: list[tuple[str, int]] | None = None,
        new: bool | None = None,
        recent: Sequence[str] = (),
        should_stop: StopCheck | None = None,
    ) -> Reading:
        """Read ``text`` (see the module docstring); ``recent`` are the conversation's
        earlier prompts, oldest first, sent with an edit and nothing else of the notebook;
        ``should_stop`` (the turn's Stop) is polled while the model is asked.

        Raises
        ------
        PlanError
            As :meth:`plan_with_notes`.
        Cancelled
            ``should_stop()`` returned True while the model was asked.
        """
        check_prompt(text)
        if current is None or new is True:
            return self._new(text, should_stop=should_stop)
        base = current.copy()
        if focus is not None and any(e.id == focus for e in base.entities):
            base.focus = focus
        rules: Reading | None = None
        refused: PlanError | None = None
        try:
            rules = self.fallback.read(text, current=current, focus=focus, masked=masked, new=new)
        except PlanError as exc:  # the model may still read it ("give the knight a sword")
            refused = exc
        if rules is not None and rules.question:
            return rules
        if rules is not None and not rules.edit:  # "start over with ...": a new picture
            reading = self._new(text, rules, should_stop=should_stop)
            if NEW_NOTE in rules.notes and NEW_NOTE not in reading.notes:
                reading.notes.insert(0, NEW_NOTE)
            return reading
        if masked and rules is not None:  # the rules split the masked instances
            rules.notes.insert(0, f"an edit under a mask: read by the rules planner, "
                                  f"{self.describe()} not asked")  # fmt: skip
            return rules
        recent = list(recent)[-self.recent_turns :]
        return self._edit(text, base, rules, refused, recent, should_stop=should_stop)

    def correct(
        self,
        scene: SceneGraph,
        problems: Sequence[str],
        *,
        prompt: str = "",
        before: SceneGraph | None = None,
        recent: Sequence[str] = (),
        should_stop: StopCheck | None = None,
    ) -> Reading | None:
        """Ask the model to correct ``scene`` for ``problems`` the checker found in its picture.

        Parameters
        ----------
        scene : SceneGraph
            The plan that was drawn (laid out).
        problems : sequence of str
            What was found wrong, one sentence each (violated findings, things drawn as
            placeholder cards, words not understood).
        prompt : str
            The request the plan was made for.
        before : SceneGraph, optional
            For an edit, the scene it changed: the corrected plan still keeps what the
            request did not name as it was there.
        recent : sequence of str
            The conversation's earlier prompts.
        should_stop : callable, optional
            The turn's Stop, polled while the model is asked (``Cancelled`` when True).

        Returns
        -------
        Reading or None
            The corrected plan with notes (the same plan when the model changed nothing or
            could not be asked: its notes say why); None when there is nothing to correct.
        """
        if not problems:
            return None
        if time.monotonic() - self._failed_at < QUIET_AFTER_FAILURE:  # no second long wait
            why = "the language model could not be asked a moment ago: not asked to correct"
            return Reading(scene.copy(), [why], edit=before is not None)
        asked = correct_messages(
            scene, problems, prompt, before, list(recent)[-self.recent_turns :]
        )
        try:
            answer = self._answer(asked, EDIT_SCHEMA, should_stop)
            fixed = merge_answer(scene, answer, renamable=None, renamed_stay=False)
            repairs = hold_to_problems(scene, fixed, problems, prompt)
            if before is not None:
                named = named_by(prompt, before, changed_ids(before, scene))
                repairs += keep_unnamed(before, fixed, named, prompt, allowed=scene)
            fixed.validate()
        except (LLMError, ValueError) as exc:
            log.info("%s: no correction: %s", self.describe(), exc)
            return Reading(scene.copy(), [f"no corrected plan ({exc})"], edit=before is not None)
        if _same(fixed, scene):
            return Reading(scene.copy(), ["the model changed nothing"], edit=before is not None)
        notes = [f"corrected by {self.describe()}", *answer.notes, *repairs]
        return Reading(fixed, notes, edit=before is not None)

    # -- the questions ------------------------------------------------------------------------
    def _answer(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        should_stop: StopCheck | None = None,
    ) -> Answer:
        """The model's answer read as a scene graph; LLMError or ValueError when unusable,
        Cancelled when ``should_stop()`` returned True while it was asked."""
        try:
            if should_stop is not None and _takes(self.complete, "should_stop"):
                text = self.complete(messages, schema=schema, should_stop=should_stop)
            elif _takes_schema(self.complete):
                text = self.complete(messages, schema=schema)
            else:
                text = self.complete(messages)  # a subclass of an earlier version
        except LLMError:
            self._failed_at = time.monotonic()
            raise
        return read_answer(text)

    def _new(
        self, text: str, rules: Reading | None = None, *, should_stop: StopCheck | None = None
    ) -> Reading:
        """A new picture (:meth:`_new_picture`); the first one after your topics file was
        read says what of it was left out, and why."""
        reading = self._new_picture(text, rules, should_stop=should_stop)
        reading.notes[:0] = refusals_not_told(self._told)
        return reading

    def _new_picture(
        self, text: str, rules: Reading | None = None, *, should_stop: StopCheck | None = None
    ) -> Reading:
        """A new picture: from the knowledge base for its topics, sums and maths things (a
        clock's time, a fraction, coins: attributes the engine draws exactly), else the model;
        ``rules`` is the rules planner's reading of a follow-up that starts a new picture."""
        tokens, _texts = prepare(spell_signs(text))
        lesson = read_lesson(lexicon.join_phrases(tokens))
        if lesson.framed or lesson.attributes:
            scene, notes = self.fallback.plan_with_notes(text) if rules is None else (
                rules.scene, rules.notes)  # fmt: skip
            what = (
                f"the topic {lesson.topic!r}" if lesson.topic
                else "a sum" if lesson.framed else "maths things"
            )  # fmt: skip
            return Reading(scene, [f"{what} from the knowledge base (no model asked)", *notes])
        try:
            answer = self._answer(new_messages(text), SCENE_SCHEMA, should_stop)
        except LLMError as exc:
            return self._fall_back(text, f"the language model could not be asked ({exc})", rules)
        except ValueError as exc:
            why = f"the language model's answer was unusable ({exc})"
            return self._fall_back(text, why, rules)
        notes = [f"planned by {self.describe()}", *answer.notes]
        scene = answer.scene
        scene.background = read_everyday(scene, background=scene.background)  # as the rules do
        known = known_topic(answer.topic) if answer.topic else None
        if known is not None:  # a topic the prompt named in words the knowledge base lacks
            notes.append(
                f"{self.describe()} read this as {known!r}, a topic the knowledge base knows: "
                f"ask for {known!r} by that name to draw it from there, with no model"
            )
        elif answer.topic and (scene.labels or scene.arrows or scene.panels or scene.arrangements):
            notes.append(
                f"{answer.topic!r} is not in the topic knowledge base: {self.describe()} drew it "
                "as a diagram; to draw it again offline, keep it with "
                f"save_topic(chat.scene, {answer.topic!r}) (from jupyter_imagechat.planner)"
            )
        return Reading(scene, notes, edit=False)

    def _edit(
        self,
        text: str,
        base: SceneGraph,
        rules: Reading | None,
        refused: PlanError | None,
        recent: list[str],
        *,
        should_stop: StopCheck | None = None,
    ) -> Reading:
        """An edit of ``base`` by the model, held to the invariant; the rules' reading (or
        their refusal) when the model fails."""
        ruled = changed_ids(base, rules.scene) if rules else set()
        named = named_by(text, base, ruled, it_names=not _look_only(base, rules, ruled))
        try:
            answer = self._answer(edit_messages(text, base, recent), EDIT_SCHEMA, should_stop)
            scene = merge_answer(base, answer, renamable=named)
            moves = rules is None or _moves(base, rules.scene)
            allowed = rules.scene if rules else None
            repairs = keep_unnamed(base, scene, named, text, allowed, may_move=moves)
            added = {e.id for e in scene.entities} - {e.id for e in base.entities}
            read_everyday(scene, only=added)  # "add a postman", as the rules planner reads it
            scene.validate()
        except LLMError as exc:
            return self._edit_fallback(
                rules, refused, f"the language model could not be asked ({exc})"
            )
        except (ValueError, SceneError) as exc:
            return self._edit_fallback(
                rules, refused, f"the language model's answer was unusable ({exc})"
            )
        if _same(scene, base) and rules is not None and not _same(rules.scene, base):
            return self._edit_fallback(rules, refused, "the language model changed nothing")
        old = {e.id: e for e in base.entities}
        changed = [e.id for e in scene.entities if old.get(e.id) != e]
        if answer.focus is None and changed:
            scene.focus = changed[0]
        return Reading(scene, [f"edited by {self.describe()}", *answer.notes, *repairs], edit=True)

    def _edit_fallback(self, rules: Reading | None, refused: PlanError | None, why: str) -> Reading:
        log.info("%s: %s", self.describe(), why)  # the notes say it in the chat
        if rules is None:
            assert refused is not None
            raise refused
        return Reading(rules.scene, [f"{why}; used the rules planner instead", *rules.notes], True)

    def _fall_back(self, text: str, why: str, rules: Reading | None = None) -> Reading:
        log.info("%s: %s", self.describe(), why)  # the notes say it in the chat
        if rules is not None:  # the rules' own reading of a follow-up
            return Reading(rules.scene, [f"{why}; used the rules planner instead", *rules.notes])
        scene, notes = self.fallback.plan_with_notes(text)
        return Reading(scene, [f"{why}; used the rules planner instead", *notes], edit=False)


def _takes(method: Any, name: str) -> bool:
    """Whether ``method`` names the keyword argument ``name`` (subclasses of earlier
    versions do not take ``should_stop``)."""
    try:
        return name in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


def _takes_schema(method: Any) -> bool:
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    return "schema" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def _look_only(before: SceneGraph, rules: Reading | None, changed: set[str]) -> bool:
    """Whether the rules read the follow-up as a change of the whole picture's look and of
    no thing ("make it snowy", "it's night now": "it" is the picture's, not a thing's)."""
    if rules is None or changed:
        return False
    after = rules.scene
    return (after.background, after.style) != (before.background, before.style)


def _moves(before: SceneGraph, after: SceneGraph) -> bool:
    """Whether ``after`` moves, resizes or removes an instance ``before`` has a box for."""
    boxes = {(b.entity, b.index): b.box for b in after.layout}
    return any(boxes.get((b.entity, b.index)) != b.box for b in before.layout)


def _same(scene: SceneGraph, other: SceneGraph) -> bool:
    """Whether two scenes hold the same plan (the focus and the boxes' drawing order aside)."""
    a, b = scene.to_dict(), other.to_dict()
    for data in (a, b):
        data.pop("focus", None)
        data["layout"] = sorted(data["layout"], key=lambda x: (x["entity"], x["index"]))
    return a == b
