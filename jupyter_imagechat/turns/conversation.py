"""One conversation: its history, the mask for the next edit, and one turn at a time.

``Conversation.send(prompt)`` builds a :class:`~.request.TurnRequest` and hands it to the
turn pipeline (:mod:`.pipeline`), which plans, lays out, draws, checks and records. So do
``generate``, ``fix``, ``outpaint`` and ``load``: the conversation holds state (the history,
the mask, the selected thing, a plan waiting to be drawn) and a lock; the pipeline knows the
order of the steps. The widget, the cell magic and the command line all drive a
conversation. A failed turn changes nothing: the history, the picture and the mask stay as
they were.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engines import create_engine
from ..errors import Busy, InputError
from ..images import as_mask
from ..planner import create_planner
from ..session.history import History, Turn
from .commands import UNDO, command_of
from .inputs import MAX_PROMPT_CHARS, MAX_SIZE, MIN_SIZE, check_seed, check_size
from .pipeline import Tools, TurnPipeline
from .planflow import Pending
from .request import TurnRequest
from .selection import object_at, object_mask

if TYPE_CHECKING:
    from PIL import Image

    from ..checker.detector import Detector
    from ..engines.base import Engine, ProgressCallback, StopCheck
    from ..planner import Planner
    from ..scene import SceneGraph

__all__ = ["MAX_PROMPT_CHARS", "MAX_SIZE", "MIN_SIZE", "Conversation"]

_CURRENT: Any = object()  # "use the conversation's own mask"
_BUSY = "still working on the previous request; press Stop or wait"


class Conversation:
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
        size = None if size is None else check_size(size)
        seed = check_seed(seed)
        drawer = (
            create_engine(engine, model=model, **engine_options)
            if isinstance(engine, str)
            else engine
        )
        reader = create_planner(planner) if isinstance(planner, str) else planner
        self.tools = Tools(drawer, reader, size=size, seed=seed)
        """The engine, planner, detector, size and seed turns are made with."""
        self.pipeline = TurnPipeline(self.tools)
        """Runs every turn's steps (see :mod:`.pipeline`)."""
        self.history = History()
        """Every turn so far (see :class:`~jupyter_imagechat.session.History`)."""
        self._mask: np.ndarray | None = None
        self._focus: str | None = None  # the entity selected in the picture
        self._pending: Pending | None = None  # a plan waiting to be drawn
        self._lock = threading.Lock()

    # -- tools ---------------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The engine that draws the pictures (another may be set between turns)."""
        return self.tools.engine

    @engine.setter
    def engine(self, value: Engine) -> None:
        self.tools.engine = value

    @property
    def planner(self) -> Planner:
        """The planner that reads the prompts (another may be set between turns)."""
        return self.tools.planner

    @planner.setter
    def planner(self, value: Planner) -> None:
        self.tools.planner = value

    @property
    def detector(self) -> Detector | None:
        """Finds objects in pictures from engines that do not report them (see
        :mod:`jupyter_imagechat.checker.detector`); ``None`` by default."""
        return self.tools.detector

    @detector.setter
    def detector(self, value: Detector | None) -> None:
        self.tools.detector = value

    @property
    def seed(self) -> int:
        """The seed of turns that name none."""
        return self.tools.seed

    @property
    def size(self) -> int | None:
        """Side of new pictures in pixels, or ``None`` for the engine's own."""
        return self.tools.size

    # -- state ---------------------------------------------------------------------------------
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
        with self._guard():
            self._mask = as_mask(value, self.image)
            self._focus = None

    @property
    def busy(self) -> bool:
        """True while a turn is running."""
        return self._lock.locked()

    @property
    def plan_notes(self) -> list[str]:
        """The notes of the plan made by the last :meth:`plan` (empty when none waits)."""
        return list(self._pending.notes) if self._pending else []

    def select_at(self, x: int, y: int) -> np.ndarray | None:
        """Return the exact shape of the object at pixel ``(x, y)`` of the current picture
        as a bool mask (widened by 2 px), or ``None`` if nothing drawn is there.

        Uses what the engine reported it drew: the built-in engine knows each shape;
        other engines' objects select their box. The mask is not set: assign it to
        :attr:`mask` to edit that object, or use :meth:`select`.
        """
        hit = self._object_at(x, y)
        image = self.image
        return None if hit is None or image is None else object_mask(hit, image.size)

    def select(self, x: int, y: int) -> np.ndarray | None:
        """Select the object at pixel ``(x, y)``: its shape becomes the mask and "it" in
        the next edit means that object. Return the mask, or ``None`` (and change nothing)
        when nothing drawn is there.

        Raises
        ------
        Busy
            While a turn is running.
        """
        with self._guard():
            hit = self._object_at(x, y)
            image = self.image
            if hit is None or image is None:
                return None
            self._mask = object_mask(hit, image.size)
            self._focus = hit.entity
            return self._mask.copy()

    # -- turns ---------------------------------------------------------------------------------
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
        returns that earlier turn; "fix" redraws what the checker found wrong, see
        :meth:`fix`.

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
        own = mask is _CURRENT
        request = TurnRequest(
            "prompt",
            prompt,
            seed=seed,
            mask=self._mask if own else mask,
            settings=settings,
            focus=self._focus if own else None,
        )
        return self._run(request, on_progress, should_stop)

    def plan(self, prompt: str, *, seed: int | None = None) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; :meth:`generate` draws it.

        The result is what :meth:`send` would draw: for an edit, the changed current
        scene. Change it (counts, attributes, boxes) and pass it to :meth:`generate`.
        Notes from the planner ("capped 1000 apples at 50") are in :attr:`plan_notes`.

        Raises
        ------
        InputError
            Bad prompt or seed (``PlanError`` for a prompt with nothing to draw), or a
            command ("undo", "fix"), which has no plan: send it instead.
        Busy
            While a turn is running.
        """
        if command_of(prompt) is not None:
            raise InputError(f"{prompt.strip()!r} is a command, not a picture: send it instead")
        request = TurnRequest("prompt", prompt, seed=seed, mask=self._mask, focus=self._focus)
        with self._guard():
            planned = self.pipeline.prepare(request, self.history.head)
        assert planned.scene is not None
        self._pending = Pending(
            planned.prompt, planned.scene.copy(), planned.notes, planned.edit, planned.seed
        )
        return planned.scene

    def generate(
        self,
        scene: SceneGraph | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan from :meth:`plan`) and return the turn.

        ``scene`` may come from an untrusted source (the browser's plan editor): it is
        validated, boxes of instances that no longer exist are dropped and new instances
        get boxes. With a plan from :meth:`plan` for an edit, the picture is redrawn from
        the changed plan as :meth:`send` would; otherwise it is a new picture.
        ``edit=True`` or ``False`` says so explicitly (replayed code does), and the
        conversation's :attr:`mask`, when set, limits the change to the mask.

        Raises
        ------
        InputError
            When there is no plan, or ``scene`` is not a valid scene graph (the message
            names the field).
        """
        pending = self._pending
        if scene is None:
            if pending is None:
                raise InputError("there is no plan to draw; plan a prompt first")
            scene = pending.scene
        request = TurnRequest(
            "plan",
            pending.prompt if pending else "(a plan)",
            seed=pending.seed if seed is None and pending else seed,
            mask=self._mask,
            settings=settings,
            plan=scene,
            edit=bool(pending and pending.edit) if edit is None else bool(edit),
            notes=tuple(pending.notes) if pending else (),
        )
        return self._run(request, on_progress, should_stop)

    def fix(
        self,
        *,
        seed: int | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Redraw the things the checker found wrong in the current picture ("fix").

        The offending entities get new boxes (laid out again with another seed) and are
        redrawn inside the area of their old and new boxes; everything else keeps its
        pixels.

        Raises
        ------
        InputError
            When there is no checked picture, or nothing in it is violated.
        """
        return self._run(TurnRequest("fix", seed=seed), on_progress, should_stop)

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
        :mod:`jupyter_imagechat.turns.outpaint`.

        Raises
        ------
        InputError
            No picture yet, negative or zero margins, or a result over 2048 pixels.
        EngineError, Cancelled, Busy
            As for :meth:`send`.
        """
        request = TurnRequest(
            "outpaint",
            "" if prompt is None else prompt,
            seed=seed,
            settings=settings,
            margins={"left": left, "right": right, "top": top, "bottom": bottom},
        )
        return self._run(request, on_progress, should_stop)

    def load(self, image: Any) -> Turn:
        """Make ``image`` the current picture (a PIL image, array, path or bytes).

        A PNG written by this project brings back its plan.

        Raises
        ------
        InputError
            If ``image`` cannot be read as a picture, or its size is out of range.
        """
        return self._run(TurnRequest("load", image=image))

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
        with self._guard():
            try:
                reopened = self.history.checkout(turn)
            except (KeyError, IndexError):
                raise InputError(
                    f"there is no turn {turn!r}; the turns are "
                    f"{', '.join(t.id for t in self.history) or 'none yet'}"
                ) from None
            self._mask, self._focus = None, None
            return reopened

    def undo(self) -> Turn:
        """Go back to the picture before the current one (its parent turn); "undo" in
        the chat does this.

        Nothing is deleted: the undone turn stays in the history, and the next prompt
        starts a branch from the parent (see :meth:`checkout`).

        Raises
        ------
        InputError
            When the current picture is the first one (or there is none).
        Busy
            While a turn is running.
        """
        return self._run(TurnRequest("prompt", UNDO))

    # -- internals -----------------------------------------------------------------------------
    def _run(
        self,
        request: TurnRequest,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Run ``request`` through the pipeline, one at a time; a finished turn uses up
        the mask and any plan waiting to be drawn, a reopened one the mask."""
        with self._guard():
            count = len(self.history)
            turn = self.pipeline.run(
                request, self.history, on_progress=on_progress, should_stop=should_stop
            )
            if len(self.history) > count:
                self._pending = None
            self._mask, self._focus = None, None
            return turn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Hold the lock for one step, or raise :class:`Busy` while a turn runs."""
        if not self._lock.acquire(blocking=False):
            raise Busy(_BUSY)
        try:
            yield
        finally:
            self._lock.release()

    def _object_at(self, x: int, y: int) -> Any:
        head = self.history.head  # the current picture (a reopened turn's, too)
        if head is None or head.image is None:
            return None
        return object_at(head.objects, int(x), int(y))
