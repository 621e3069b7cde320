"""What a turn is asked to do (:class:`TurnRequest`) and what it will draw (:class:`Planned`).

Every way of asking for a picture builds a :class:`TurnRequest` and hands it to the turn
pipeline (:mod:`.pipeline`): a prompt (``send``), a plan from the editor (``generate``),
``fix``, ``outpaint``, a picture to load, a recorded turn to redraw (replay). The kinds
differ only in what they carry; the steps they go through are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ..scene import SceneGraph

__all__ = ["KINDS", "Planned", "TurnRequest"]

KINDS: tuple[str, ...] = ("prompt", "plan", "fix", "outpaint", "load", "redraw")
"""What a request can be: a prompt to read, a plan to draw as given, a fix of the current
picture, the current picture extended, a picture to load, a recorded turn drawn again."""


@dataclass(frozen=True)
class TurnRequest:
    """One request for a turn.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`. A ``"prompt"`` that says "undo" or "fix" becomes that
        command when the pipeline reads it.
    prompt : str
        What the user typed (for ``"plan"`` the prompt the plan was made from; for
        ``"outpaint"`` what to add in the new area, or empty).
    seed : int or None
        The seed; ``None`` uses the conversation's (for ``"fix"``, the next one after the
        fixed turn's).
    mask : numpy.ndarray or None
        Where an edit may change pixels (a bool array of the picture's size).
    settings : mapping or None
        Engine settings for this turn.
    plan : SceneGraph or dict, optional
        ``"plan"``: the (possibly untrusted) plan to draw; ``"redraw"``: the recorded one.
    edit : bool or None
        ``"plan"``: whether the plan changes the current picture (redrawn from it).
    notes : tuple of str
        Notes made when the plan was planned (``"plan"``).
    margins : mapping or None
        ``"outpaint"``: pixels to add on the ``left``, ``right``, ``top``, ``bottom``.
    image : Any
        ``"load"``: the picture (PIL image, array, path or bytes).
    mode : str or None
        ``"redraw"``: the recorded mode (never worked out again).
    focus : str or None
        The entity the user selected in the picture: "it" in an edit means it.
    new : bool or None
        ``"prompt"``: the user's answer to "change this picture or a new one?": True reads
        the prompt as a new picture, False as a change of the current one; None lets the
        planner decide (it may ask: :class:`~jupyter_imagechat.errors.Unsure`).
    """

    kind: str = "prompt"
    prompt: str = ""
    seed: int | None = None
    mask: np.ndarray | None = None
    settings: Mapping[str, Any] | None = None
    plan: SceneGraph | dict[str, Any] | None = None
    edit: bool | None = None
    notes: tuple[str, ...] = ()
    margins: Mapping[str, int] | None = None
    image: Any = None
    mode: str | None = None
    focus: str | None = None
    new: bool | None = None


@dataclass
class Planned:
    """A turn planned and laid out, ready to draw (steps 1 to 4 of the pipeline).

    Attributes
    ----------
    source : str
        Where the plan came from: ``"send"`` (planned from the prompt), ``"plan"`` (given),
        ``"fix"``, ``"outpaint"``, ``"load"`` or ``"redraw"``; recorded in the turn's
        metadata so exported code redraws the same plan.
    mode : str
        The turn's mode (see :data:`.session.fields.MODES`).
    prompt : str
        The text recorded as the turn's prompt.
    scene_before, scene : SceneGraph or None
        The plan before the turn and the plan to draw.
    image : PIL.Image.Image or None
        The picture the engine starts from (``None`` for a new picture); for a load, the
        picture itself.
    mask : numpy.ndarray or None
        Where the engine may change pixels.
    seed : int
        The seed.
    settings : dict
        The settings recorded with the turn.
    engine_settings : dict
        The settings handed to the engine.
    notes : list of str
        What the user should know about the plan.
    region : tuple or None
        Where new things go, normalised ``(x0, y0, x1, y1)``.
    edit : bool
        True when the plan changes the current picture (kept by a plan waiting to be drawn).
    laid_out : bool
        True when the plan's boxes are final (a fix, a replay): the layout step keeps them.
    reopen : str or None
        For "undo", "redo" and "go back to ...": the turn to reopen instead of drawing.
    new : bool or None
        The user's answer to "change this picture or a new one?", recorded in the turn's
        metadata (``"new"``) so that exported code sends the same answer.
    """

    source: str
    mode: str
    prompt: str = ""
    scene_before: SceneGraph | None = None
    scene: SceneGraph | None = None
    image: Image.Image | None = None
    mask: np.ndarray | None = None
    seed: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    engine_settings: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    region: tuple[float, float, float, float] | None = None
    edit: bool = False
    laid_out: bool = False
    reopen: str | None = None
    new: bool | None = None
