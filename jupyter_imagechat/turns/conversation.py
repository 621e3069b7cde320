"""One conversation: its history, the mask for the next edit, and one turn at a time.

Each method that makes a turn (``send``, ``generate``, ``fix``, ``outpaint``, ``load``)
builds a :class:`~.request.TurnRequest` for the turn pipeline (:mod:`.pipeline`), which
knows the order of the steps; the conversation holds the state (the history, the mask, the
selected thing, a plan waiting to be drawn) and the lock. The widget, the cell magic and
the command line all drive a conversation. A failed turn changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import resolve_settings
from ..engines import create_engine
from ..errors import Busy, InputError, Unsure
from ..images import as_mask
from ..planner import create_planner
from ..session import History, Turn
from .asking import Question
from .commands import REDO, UNDO, command_of
from .inputs import check_seed, check_size
from .pipeline import TurnPipeline
from .planflow import Pending, draw_request
from .request import TurnRequest
from .selection import selection_at

if TYPE_CHECKING:
    from PIL import Image

    from ..checker.detector import Detector
    from ..engines.base import Engine, ProgressCallback, StopCheck
    from ..planner import Planner
    from ..scene import SceneGraph

__all__ = ["Conversation"]

_CURRENT: Any = object()  # "use the conversation's own mask"


class Conversation:
    """Turns prompts (and masks) into pictures, remembering every turn.

    Parameters
    ----------
    engine : str or Engine, optional
        ``"builtin"`` (offline, no weights), ``"diffusers"``, ``"remote"``, ``"openai"``
        or an engine object; by default the settings' (:mod:`jupyter_imagechat.config`).
    model : str, optional
        Model id or local folder for the diffusers engine, a server's model name.
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
        Passed to the engine (e.g. ``device``, ``dtype`` for diffusers; ``base_url``,
        ``api_key``, ``timeout`` for the remote engines).

    Raises
    ------
    InputError
        For an unknown engine or planner name or a bad size or seed, or an engine or
        size the administrator's settings do not allow.
    """

    def __init__(
        self,
        engine: str | Engine | None = None,
        model: str | None = None,
        *,
        planner: str | Planner = "rules",
        size: int | None = None,
        seed: int = 0,
        **engine_options: Any,
    ) -> None:
        name = engine if engine is None or isinstance(engine, str) else None
        self.settings = resolve_settings(name, model, size=size, **engine_options)
        """The chat's settings: arguments, environment variables, settings files, locks."""
        size = None if self.settings.size is None else check_size(self.settings.size)
        seed = check_seed(seed)
        self.engine: Engine = (
            create_engine(settings=self.settings)
            if engine is None or isinstance(engine, str)
            else engine
        )
        self.planner: Planner = create_planner(planner) if isinstance(planner, str) else planner
        self.detector: Detector | None = None
        """Finds objects in pictures from engines that do not report them (see
        :mod:`jupyter_imagechat.checker.detector`)."""
        self.size, self.seed = size, seed
        self.pipeline = TurnPipeline(self)  # reads engine, planner... from here every turn
        self.history = History()
        """Every turn so far (see :class:`~jupyter_imagechat.session.History`)."""
        self._mask: np.ndarray | None = None
        self._focus: str | None = None  # the entity selected in the picture
        self._pending: Pending | None = None  # a plan waiting to be drawn
        self._question: Question | None = None  # asked, not answered yet
        self._lock = threading.Lock()

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
    plan_edits = property(lambda self: bool(self._pending and self._pending.edit))  # else new

    def select_at(self, x: int, y: int) -> np.ndarray | None:
        """Return the exact shape (widened by 2 px; a box where the engine reports no
        shape) of the object at pixel ``(x, y)`` as a bool mask, or ``None`` if nothing
        drawn is there. The mask is not set: see :meth:`select`."""
        hit = selection_at(self.history.head, x, y)
        return None if hit is None else hit[0]

    def select(self, x: int, y: int) -> np.ndarray | None:
        """Select the object at pixel ``(x, y)``: its shape becomes the mask and "it" in
        the next edit means that object. Return the mask, or ``None`` (and change nothing)
        when nothing drawn is there. Raises :class:`Busy` while a turn runs."""
        with self._guard():
            hit = selection_at(self.history.head, x, y)
            if hit is None:
                return None
            self._mask, self._focus = hit
            return hit[0].copy()

    # -- turns ---------------------------------------------------------------------------------
    def send(
        self,
        prompt: str,
        *,
        mask: Any = _CURRENT,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        new: bool | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Run one turn and return it.

        A follow-up changes the current picture unless it clearly asks for a new one: an
        edit ("make the bowl green", "now it's winter") changes the plan and keeps all it
        does not name; with a mask only the masked pixels change, without one the picture
        is redrawn from the changed plan. A description sharing nothing with the picture
        starts a new one; one sharing some things asks (:class:`Unsure`). "undo", "redo",
        "go back to the picture with the red bowl" and "fix" are commands.

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
        new : bool, optional
            The answer to "change this picture or a new one?": True draws a new picture,
            False changes this one; by default the planner decides (and may ask).
        on_progress, should_stop : callable, optional
            Progress report ``(step, total, preview)`` and cancel check.

        Raises
        ------
        Unsure
            An :class:`InputError`: nothing changes, :meth:`answer` answers it.
        InputError
            Bad prompt, mask or settings. Nothing changes.
        EngineError, Busy
            The engine could not load or draw, or another turn is running.
        Cancelled
            ``should_stop()`` returned True: nothing changes but a draft turn, when the
            engine had a picture so far (see :mod:`.pipeline`).
        """
        own = mask is _CURRENT
        request = TurnRequest(
            "prompt",
            prompt,
            seed=seed,
            mask=self._mask if own else mask,
            settings=settings,
            focus=self._focus if own else None,
            new=new,
        )
        return self._run(request, on_progress, should_stop)

    @property
    def question(self) -> Question | None:
        """The question the last prompt raised (see :mod:`.asking`) until it is answered or
        another turn is made; ``None`` when none waits."""
        return self._question

    def answer(
        self,
        choice: str,
        *,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn | SceneGraph:
        """Answer the :attr:`question` with ``"edit"`` (change this picture) or ``"new"``
        (a new picture): returns what :meth:`send` (or :meth:`plan`, if it asked) returns.

        Raises
        ------
        InputError
            When no question waits, or ``choice`` is not one of its choices.
        """
        if self._question is None:
            raise InputError("there is no question waiting for an answer")
        request = self._question.answered(choice)
        if self._question.planning:
            return self._plan(request)
        return self._run(request, on_progress, should_stop)

    def plan(self, prompt: str, *, seed: int | None = None, new: bool | None = None) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; :meth:`generate` draws it.

        The result is what :meth:`send` would draw: for an edit, the changed current
        scene. Change it (counts, attributes, boxes) and pass it to :meth:`generate`.
        Notes from the planner ("capped 1000 apples at 50") are in :attr:`plan_notes`;
        ``new`` is as for :meth:`send` (an :class:`Unsure` is answered with :meth:`answer`).

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
        return self._plan(TurnRequest("prompt", prompt, seed=seed, mask=self._mask,
                                      focus=self._focus, new=new))  # fmt: skip

    def _plan(self, request: TurnRequest) -> SceneGraph:
        with self._guard():
            try:
                planned = self.pipeline.prepare(request, self.history.head)
            except Unsure as asked:
                self._question = Question(asked, request, planning=True)
                raise
            self._question = None
        self._pending = Pending.of(planned)
        assert planned.scene is not None
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

        ``scene`` may be untrusted (the browser's plan editor): it is validated, boxes of
        instances that are gone are dropped, new instances get boxes. A plan from
        :meth:`plan` for an edit redraws the picture as :meth:`send` would, else it is new;
        ``edit`` says so explicitly, and the :attr:`mask` limits the change. Raises
        :class:`InputError` without a plan or for an invalid scene graph (naming the field).
        """
        request = draw_request(
            self._pending, scene, seed=seed, settings=settings, edit=edit, mask=self._mask
        )
        return self._run(request, on_progress, should_stop)

    def fix(
        self,
        *,
        seed: int | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Redraw the things the checker found wrong in the current picture ("fix"): they
        get new boxes (another seed) and are redrawn inside their old and new boxes; all
        else keeps its pixels. Raises :class:`InputError` when nothing checked is wrong."""
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

        Every old pixel stays; the engine draws the new borders (:mod:`.outpaint`) and
        ``prompt`` adds things inside them. The turn's mode is ``"outpaint"``, its
        ``settings["outpaint"]`` the margins. Raises :class:`InputError` without a picture,
        for no or negative margins or a result over 2048 pixels; else as :meth:`send`.
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
        """Make ``image`` (a PIL image, array, path or bytes) the current picture; a PNG
        this project wrote brings back its plan. Raises :class:`InputError` if it is no
        picture or its size is out of range."""
        return self._run(TurnRequest("load", image=image))

    def checkout(self, turn: int | str | Turn) -> Turn:
        """Reopen an earlier turn: its picture and plan become current, the next turn
        starts a branch from it (nothing is overwritten) and the mask is cleared. Raises
        :class:`InputError` if there is no such turn, :class:`Busy` while a turn runs."""
        with self._guard():
            try:
                reopened = self.history.checkout(turn)
            except (KeyError, IndexError):
                raise InputError(
                    f"there is no turn {turn!r}; the turns are "
                    f"{', '.join(t.id for t in self.history) or 'none yet'}"
                ) from None
            self._mask, self._focus, self._question = None, None, None
            return reopened

    def undo(self) -> Turn:
        """Go back to the picture before the current one (its parent turn); "undo" in
        the chat does this. Nothing is deleted: the next prompt starts a branch from the
        parent (see :meth:`checkout`). Raises :class:`InputError` on the first picture."""
        return self._run(TurnRequest("prompt", UNDO))

    def redo(self) -> Turn:
        """Return to the picture an :meth:`undo` left (the newest turn made from the
        current one); "redo" in the chat does this. Raises :class:`InputError` when no
        later turn was made from the current one."""
        return self._run(TurnRequest("prompt", REDO))

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
            try:
                turn = self.pipeline.run(
                    request, self.history, on_progress=on_progress, should_stop=should_stop
                )
            except Unsure as asked:  # nothing changed: the mask and selection stay
                self._question = Question(asked, request)
                raise
            self._question = None
            if len(self.history) > count:
                self._pending = None
            self._mask, self._focus = None, None
            return turn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Hold the lock for one step, or raise :class:`Busy` while a turn runs."""
        if not self._lock.acquire(blocking=False):
            raise Busy()
        try:
            yield
        finally:
            self._lock.release()
