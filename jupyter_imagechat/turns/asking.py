"""The question a prompt raised ("change this picture or a new one?") until it is answered.

When the planner cannot tell whether a follow-up changes the picture shown or asks for a
new one, the turn pipeline raises :class:`~jupyter_imagechat.errors.Unsure` and nothing
changes. The conversation keeps the question with the request that raised it
(:class:`Question`); :meth:`Question.answered` gives that request back with the user's
answer (``new=False`` for "Change this picture", ``new=True`` for "New picture").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import InputError, Unsure
from .request import TurnRequest

__all__ = ["Question"]


@dataclass(frozen=True)
class Question:
    """A question waiting for an answer.

    Attributes
    ----------
    asked : Unsure
        What was asked, and the choices.
    request : TurnRequest
        The request that raised it (its prompt, mask, selection, seed and settings).
    planning : bool
        True when it came from ``plan()``: the answer plans instead of drawing.
    """

    asked: Unsure
    request: TurnRequest
    planning: bool = False

    def answered(self, choice: str) -> TurnRequest:
        """The request again, answered with ``choice`` (``"edit"`` or ``"new"``).

        Raises
        ------
        InputError
            When ``choice`` is not one of the question's choices.
        """
        if choice not in self.asked.choices:
            choices = ", ".join(map(repr, self.asked.choices))
            raise InputError(f"answer with one of {choices}, not {choice!r}")
        return replace(self.request, new=choice == "new")
