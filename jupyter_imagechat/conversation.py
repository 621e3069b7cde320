"""One conversation: the only place that knows the order of the steps.

``Conversation.send(prompt)`` runs plan -> layout -> draw -> check -> record and
returns the new :class:`~jupyter_imagechat.history.Turn`. The widget, the cell
magic and the command line all drive a conversation; none re-implements a step.
A failed turn changes nothing: the history, the picture and the mask stay as
they were.

The class is put together from parts with one role each: the steps themselves
(:mod:`.conversation_steps`), the plan-first flow ``plan`` / ``generate`` / ``fix``
(:mod:`.conversation_plan`) and the checks of prompts, sizes and seeds
(:mod:`.conversation_inputs`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from .conversation_inputs import (
    MAX_PROMPT_CHARS,
    MAX_SIZE,
    _check_prompt,
    _check_seed,
    _check_size,
    is_undo,
)
from .conversation_inputs import MIN_SIZE as MIN_SIZE  # the limits stay importable from here
from .conversation_plan import PlanFirstMixin
from .conversation_steps import TurnSteps
from .errors import Cancelled, InputError
from .history import History, Turn
from .images import as_image, as_mask
from .planner import create_planner
from .provenance import plan_from_png

if TYPE_CHECKING:
    from PIL import Image

    from .detector import Detector
    from .engines.base import Engine, ProgressCallback, StopCheck
    from .planflow import Pending
    from .planner import Planner
    from .scene import SceneGraph

_CURRENT: Any = object()  # "use the conversation's own mask"


class Conversation(PlanFirstMixin, TurnSteps):
    """Turns prompts (and masks) into pictures, remembering every turn.

    Parameters
    ----------
    engine : str or Engine
        ``"builtin"`` (default; offline, no weights), ``"diffusers"``, or an
        engine object.
    model : str, optional
        Model id or local folder for the diffusers engine.
    planner : str or Planner
        ``"rules"`` (default) or a planner object.
    size : int, optional
        Side of new pictures in pixels (64 to 2048). By default the engine's own:
        512 for the built-in engine, the model's native size for diffusers.
        Edits keep the size of the picture they edit.
    seed : int
        Seed used for every turn unless ``send(seed=...)`` says otherwise, so the
        same prompt gives the same picture.
    **engine_options
        Passed to the engine (e.g. ``device``, ``dtype`` for diffusers).

    Raises
    ------
    InputError
        For an unknown engine or planner name or a bad size or seed.
    """

    def __init__(
        self,
        engine: str | Engine = "builtin",
        model: str | None = None,
        *,
        planner: str | Planner = "rules",
        size: int | None = None,
        seed: int = 0,
        **engine_options: Any,
    ) -> None:
        from .engines import create_engine

        self.size = None if size is None else _check_size(size)
        self.seed = _check_seed(seed)
        self.engine: Engine = (
            create_engine(engine, model=model, **engine_options)
            if isinstance(engine, str)
            else engine
        )
        self.planner: Planner = create_planner(planner) if isinstance(planner, str) else planner
        self.history = History()
        self._mask: np.ndarray | None = None
        self._lock = threading.Lock()
        self.detector: Detector | None = None
        """Finds objects in pictures from engines that do not report them (see ``detector``)."""
        self._pending: Pending | None = None

    # -- state ----------------------------------------------------------------
    @property
    def image(self) -> Image.Image | None:
        """The current picture (the head turn's: the newest unless reopened), or ``None``."""
        last = self.history.head
        return last.image if last else None

    @property
    def scene(self) -> SceneGraph | None:
        """The current plan (the head turn's), or ``None``."""
        last = self.history.head
        return last.scene.copy() if last and last.scene else None

    @property
    def mask(self) -> np.ndarray | None:
        """The mask for the next edit: a bool array of the picture's size, or ``None``."""
        return None if self._mask is None else self._mask.copy()

    @mask.setter
    def mask(self, value: Any) -> None:
        self._mask = as_mask(value, self.image)

    @property
    def busy(self) -> bool:
        """True while a turn is running."""
        return self._lock.locked()

    def select_at(self, x: int, y: int) -> np.ndarray | None:
        """Return the exact shape of the object at pixel ``(x, y)`` of the current picture
        as a bool mask (widened by 2 px), or ``None`` if nothing drawn is there.

        Uses what the engine reported it drew: the built-in engine knows each shape;
        other engines' objects select their box. The mask is not set; assign it to
        :attr:`mask` to edit that object.
        """
        from .selection import object_at, object_mask

        last = self.history.head  # the current picture (a reopened turn's, too)
        if last is None or last.image is None:
            return None
        hit = object_at(last.objects, int(x), int(y))
        return None if hit is None else object_mask(hit, last.image.size)

    # -- turns ----------------------------------------------------------------
    def send(
        self,
        prompt: str,
        *,
        mask: Any = _CURRENT,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Run one turn and return it.

        A prompt that describes a scene draws a new picture. An edit ("make the
        bowl green", "add two more apples") changes the current plan; with a
        mask only the masked pixels change (inpainting), without one the whole
        picture is redrawn from the changed plan (img2img for diffusion models).
        "undo" (or "go back") goes back to the picture before, see :meth:`undo`, and
        returns that earlier turn.

        Parameters
        ----------
        prompt : str
            What to draw or change.
        mask : array-like or PIL.Image.Image or None, optional
            Where the edit may change pixels; by default the conversation's own
            :attr:`mask`. ``None`` means no mask.
        seed : int, optional
            Overrides the conversation's seed for this turn.
        settings : dict, optional
            Engine settings for this turn (``steps``, ``guidance_scale``, ...).
        on_progress, should_stop : callable, optional
            Progress report ``(step, total, preview)`` and cancel check.

        Raises
        ------
        InputError
            Bad prompt, mask or settings. Nothing changes.
        EngineError
            The engine could not load or draw. Nothing changes.
        Cancelled
            ``should_stop()`` returned True. Nothing changes.
        Busy
            Another turn is running.
        """
        if is_undo(prompt):
            return self.undo()
        with self._busy_guard():
            return self._send(prompt, mask, seed, settings, on_progress, should_stop)

    def load(self, image: Any) -> Turn:
        """Make ``image`` the current picture (a PIL image, array, path or bytes).

        Raises
        ------
        InputError
            If ``image`` cannot be read as a picture, or its size is out of range.
        """
        picture = as_image(image, min_size=16, max_size=4 * MAX_SIZE)
        with self._busy_guard():
            turn = Turn(
                id=self.history.next_id(),
                parent=self.history.head.id if self.history.head else None,
                prompt="",
                mode="load",
                scene_before=self.scene,
                scene=plan_from_png(image),  # a PNG this project wrote carries its plan
                engine="load",
                model=None,
                settings={"width": picture.width, "height": picture.height},
                seed=0,
                mask=None,
                image=picture,
            )
            self.history.append(turn)
            self._mask = None
            return turn

    def checkout(self, turn: int | str | Turn) -> Turn:
        """Reopen an earlier turn: its picture and plan become current.

        The next turn's parent is ``turn``, so editing from it starts a branch;
        nothing is overwritten. The mask is cleared.

        Raises
        ------
        InputError
            If there is no such turn.
        Busy
            While a turn is running.
        """
        with self._busy_guard():
            try:
                reopened = self.history.checkout(turn)
            except (KeyError, IndexError):
                raise InputError(
                    f"there is no turn {turn!r}; the turns are "
                    f"{', '.join(t.id for t in self.history) or 'none yet'}"
                ) from None
            self._mask = None
            return reopened

    def undo(self) -> Turn:
        """Go back to the picture before the current one (its parent turn).

        Nothing is deleted: the undone turn stays in the history, and the next prompt
        starts a branch from the parent (see :meth:`checkout`).

        Raises
        ------
        InputError
            When the current picture is the first one (or there is none).
        Busy
            While a turn is running.
        """
        head = self.history.head
        if head is None or head.parent is None:
            raise InputError("there is nothing to undo: this is the first picture")
        return self.checkout(head.parent)

    # -- outpainting (plan, generate and fix: conversation_plan.py) ------------------
    def outpaint(
        self,
        left: int = 0,
        right: int = 0,
        top: int = 0,
        bottom: int = 0,
        *,
        prompt: str | None = None,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Extend the picture by ``left``/``right``/``top``/``bottom`` pixels; return the turn.

        The new borders are drawn by the engine (inpainted by diffusion models, drawn
        from the plan by the built-in engine); every old pixel stays exactly as it
        was. ``prompt`` adds things inside the new area ("a tall tree"). The turn's
        mode is ``"outpaint"`` and ``settings["outpaint"]`` holds the margins. See
        :mod:`jupyter_imagechat.outpainting`.

        Raises
        ------
        InputError
            No picture yet, negative or zero margins, or a result over 2048 pixels.
        EngineError, Cancelled, Busy
            As for :meth:`send`.
        """
        from .outpainting import outpaint

        use_seed = self.seed if seed is None else _check_seed(seed)
        with self._busy_guard():
            return outpaint(
                self, left, right, top, bottom, prompt=prompt, seed=use_seed,
                settings=settings, on_progress=on_progress, should_stop=should_stop,
            )  # fmt: skip

    # -- internals (the steps themselves: conversation_steps.py) ---------------------
    def _send(
        self,
        prompt: Any,
        mask: Any,
        seed: int | None,
        settings: dict[str, Any] | None,
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Turn:
        text = _check_prompt(prompt)
        use_seed = self.seed if seed is None else _check_seed(seed)
        use_mask = self._mask if mask is _CURRENT else as_mask(mask, self.image)
        if settings is not None and not isinstance(settings, dict):
            raise InputError(f"settings must be a dict, got {type(settings).__name__}")
        timings: dict[str, float] = {}
        scene, notes, edit = self._prepare(text, use_mask, use_seed, timings)
        return self._render(
            text, scene, notes, edit, use_mask, use_seed, settings, on_progress, should_stop,
            timings,
        )  # fmt: skip


__all__ = ["MAX_PROMPT_CHARS", "Cancelled", "Conversation"]
