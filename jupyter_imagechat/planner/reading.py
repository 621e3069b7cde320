"""What a planner makes of a prompt: the scene, notes for the user, and whether it edits.

:func:`read_prompt` asks any planner for a :class:`Reading`: planners with a ``read``
method answer in one pass over the prompt; others are asked through ``plan_with_notes``
(or ``plan``) and ``is_edit``, so a planner written for an earlier version still works.

A planner that cannot tell whether a follow-up changes the picture or asks for a new one
answers with a question (:attr:`Reading.question`); the turn pipeline then asks the user,
who answers with one of :data:`CHOICES` (``send(prompt, new=False)`` or ``new=True``).
Newer arguments (``focus``, ``masked``, ``new``, ``recent``) reach only planners whose
``read`` takes them; ``new=True`` reaches the others as a prompt read without the current
scene.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..scene import SceneGraph

__all__ = ["CHOICES", "Reading", "read_prompt"]

CHOICES: dict[str, str] = {"edit": "Change this picture", "new": "New picture"}
"""The answers to a planner's question: change the picture shown, or draw a new one."""


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
    question : str or None
        Set when the planner could not tell whether the prompt changes the picture or
        describes a new one: what to ask the user (``scene`` is then the current scene,
        unchanged). The answers are :data:`CHOICES`.
    """

    scene: SceneGraph
    notes: list[str] = field(default_factory=list)
    edit: bool = False
    question: str | None = None


def read_prompt(
    planner: Any,
    text: str,
    current: SceneGraph | None,
    focus: str | None = None,
    *,
    masked: list[tuple[str, int]] | None = None,
    new: bool | None = None,
    recent: list[str] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Reading:
    """Return ``planner``'s reading of ``text`` with the ``current`` scene (or none).

    Parameters
    ----------
    focus : str, optional
        The entity the user selected, for planners that take it.
    masked : list of (str, int), optional
        The instances (entity id, index) a mask painted on the picture covers; an edit of
        their entity changes only them.
    new : bool, optional
        The user's answer to a question: True reads ``text`` as a new picture, False as a
        change of ``current``; None lets the planner decide.
    recent : list of str, optional
        The conversation's earlier prompts, oldest first (a language model reads an edit
        with them; nothing else of the notebook is passed).
    should_stop : callable, optional
        The turn's Stop, for planners that ask a model (their ``read`` takes it): polled
        while the model is asked; ``Cancelled`` when it returns True.
    """
    if new is True and current is not None and not _takes(getattr(planner, "read", None), "new"):
        current = None  # a new picture: read without the scene shown
    read = getattr(planner, "read", None)
    if read is not None:
        options: dict[str, Any] = {}
        for name, value in (("focus", focus), ("masked", masked), ("new", new)):
            if value is not None and _takes(read, name):
                options[name] = value
        if recent and _takes(read, "recent", by_name=True):  # not through **options
            options["recent"] = list(recent)
        if should_stop is not None and _takes(read, "should_stop", by_name=True):
            options["should_stop"] = should_stop
        return read(text, current=current, **options)
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


def _takes(method: Any, name: str, *, by_name: bool = False) -> bool:
    """Whether ``method`` takes the keyword argument ``name`` (by name, or as ``**options``
    unless ``by_name``)."""
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    if name in parameters or by_name:
        return name in parameters
    return any(p.kind is p.VAR_KEYWORD for p in parameters.values())
