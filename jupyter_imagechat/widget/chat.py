"""The notebook widget: synced traits and the Python API around a :class:`Conversation`.

No model logic and no step order live here. The browser sends requests (see
:mod:`.protocol`, handled in :mod:`.requests`); the kernel answers each one and mirrors the
conversation's state into synced traits that the front end draws (listed in
:mod:`.display`, their one writer). ``plan_first`` is the one public trait: chat prompts
stop at the plan instead of drawing at once.

:class:`ImageChat` owns small collaborators, each with one role: a :class:`~.display.Display`,
a :class:`~.runner.Runner` (worker threads, Stop, progress, outcomes in the chat), a
:class:`~.strip.HistoryStrip` (thumbnails), :class:`~.requests.Requests` (the browser's
messages) and the autosave store (:mod:`.saving`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anywidget
import numpy as np
import traitlets

from ..session import SessionStore
from ..turns import Conversation, ReplayReport, replay
from . import bundle, fallback, protocol, saving
from .display import Display
from .requests import Requests
from .runner import Runner
from .strip import HistoryStrip

if TYPE_CHECKING:
    from PIL import Image

    from ..planner import Planner
    from ..scene import SceneGraph
    from ..session import History, Turn

__all__ = ["ImageChat"]


_WIDGET_KWARGS = frozenset({"layout"})
_UNSET: Any = object()  # "use the mask painted on the canvas"


class ImageChat(anywidget.AnyWidget):
    """Build a picture by conversation: a chat pane and a canvas for masks.

    Parameters
    ----------
    engine : str, optional
        ``"builtin"``, ``"diffusers"``, ``"remote"`` or ``"openai"``; default: the hub's.
    model : str, optional
        For ``engine="diffusers"``: a hub id or a local folder; a remote server's model.
    planner : str or Planner
        ``"rules"`` (default), ``"openai"``, ``"transformers:<model>"`` or a planner object.
    size : int
        Side of new pictures in pixels.
    seed : int
        Seed for every turn, so the same prompt gives the same picture.
    autosave : bool, str or path, optional
        Save every finished turn as it happens (JSON + PNG, atomic writes) to
        ``<folder>/<session>/``: True uses ``./.imagechat`` (or
        ``$JUPYTER_IMAGECHAT_DIR``), a path names the folder, False turns it off.
        By default on inside a Jupyter kernel or when ``session`` is given, off elsewhere.
    session : str, optional
        The session's name; an existing saved session of that name is resumed.
        By default a new name from the date and time.
    **engine_options
        Passed to the engine (``device="cuda"``; ``base_url=``, ``api_key=`` if remote).

    Raises
    ------
    InputError
        For an unknown engine or planner, or a bad size or seed.
    TypeError
        For a keyword argument that neither the widget nor the engine takes.
    RuntimeError
        If the front end was not built (a source checkout without ``npm run build``).

    Examples
    --------
    >>> chat = ImageChat()  # then show ``chat`` as a cell's last line
    >>> turn = chat.send("three red apples left of a blue bowl")
    >>> turn.mode
    'text2img'
    """

    _esm = bundle.esm()
    _css = bundle.css()
    _repr_mimebundle_ = fallback.repr_mimebundle  # + the picture as a PNG, for GitHub & co

    _image = traitlets.Bytes(b"").tag(sync=True, from_json=protocol.bytes_from_json)
    _mask = traitlets.Bytes(b"").tag(sync=True, from_json=protocol.bytes_from_json)
    _messages = traitlets.List(traitlets.Dict()).tag(sync=True)
    _busy = traitlets.Bool(False).tag(sync=True)
    _progress = traitlets.Dict().tag(sync=True)
    _plan = traitlets.Dict().tag(sync=True)
    plan_first = traitlets.Bool(
        False, help="Stop at the plan (editable in the widget) instead of drawing at once"
    ).tag(sync=True)
    _history = traitlets.List(traitlets.Dict()).tag(sync=True)
    _head = traitlets.Unicode("").tag(sync=True)
    _settings = traitlets.Dict().tag(sync=True)  # the hub's locks, generation on or off

    def __init__(
        self,
        engine: str | None = None,
        model: str | None = None,
        *,
        planner: str | Planner = "rules",
        size: int | None = None,
        seed: int = 0,
        autosave: bool | str | os.PathLike[str] | None = None,
        session: str | None = None,
        **engine_options: Any,
    ) -> None:
        bundle.require()
        if not type(self)._esm:  # built after this module was imported
            self._esm, self._css = bundle.esm(), bundle.css()
        widget_kwargs = {k: engine_options.pop(k) for k in _WIDGET_KWARGS & engine_options.keys()}
        try:
            conversation = Conversation(
                engine, model, planner=planner, size=size, seed=seed, **engine_options
            )
        except TypeError as exc:
            if not engine_options:
                raise
            names = ", ".join(sorted(engine_options))
            raise TypeError(
                f"ImageChat() got keyword argument(s) the {engine!r} engine does not take: "
                f"{names}. Check the spelling; ImageChat takes engine, model, planner, size, "
                f"seed and the options of its engine ({exc})"
            ) from exc
        super().__init__(**widget_kwargs)
        self._conversation = conversation
        self._display = Display(self, conversation)
        self._display.show_settings()
        # replies look ``_reply`` up late: tests replace it
        reply: Callable[[dict[str, Any]], None] = lambda content: self._reply(content)  # noqa: E731
        self._runner = Runner(conversation, self._display, reply)
        self._strip = HistoryStrip()
        self._requests = Requests(self, conversation, self._display, self._runner, reply)
        self.on_msg(self._requests.handle)
        self._store = saving.attach_autosave(self, conversation, autosave, session)
        conversation.history.on_change(self._on_history_change)
        if len(conversation.history):
            self._show_all()

    # -- state -----------------------------------------------------------------------------------
    @property
    def conversation(self) -> Conversation:
        """The :class:`~jupyter_imagechat.turns.Conversation` behind the widget."""
        return self._conversation

    @property
    def history(self) -> History:
        """Every turn so far (list-like, oldest first)."""
        return self._conversation.history

    @property
    def image(self) -> Image.Image | None:
        """The current picture, or ``None`` before the first turn."""
        return self._conversation.image

    @property
    def mask(self) -> np.ndarray | None:
        """The mask for the next edit: bool array ``(height, width)``, or ``None``.

        Setting it shows it on the canvas; ``None`` clears it.
        """
        return self._conversation.mask

    @mask.setter
    def mask(self, value: Any) -> None:
        self._runner.check_idle()
        self._conversation.mask = value
        self._display.show_mask()

    @property
    def session_dir(self) -> os.PathLike[str] | None:
        """The folder this session autosaves to, or ``None`` when autosave is off."""
        store: SessionStore | None = self._store
        return store.folder if store is not None else None

    def select_at(self, x: int, y: int) -> np.ndarray | None:
        """Return the shape of the object at pixel ``(x, y)`` as a bool mask, or ``None``.

        The mask is not set; assign it to :attr:`mask` to edit that object (clicking it
        with the canvas's select tool does both, and "it" then means that object)."""
        return self._conversation.select_at(x, y)

    # -- turns -----------------------------------------------------------------------------------
    def send(  # type: ignore[override]  # ipywidgets' send(content, buffers) is _reply here
        self,
        prompt: str,
        *,
        mask: Any = _UNSET,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        new: bool | None = None,
    ) -> Turn:
        """Draw or edit from ``prompt`` and return the new turn (blocks until done).

        Parameters
        ----------
        prompt : str
            What to draw ("three red apples") or change ("make the bowl green"); "undo",
            "redo" and "fix" are commands (see :meth:`Conversation.send`).
        mask : array-like or None, optional
            Where an edit may change pixels; by default the mask painted on the canvas.
        seed : int, optional
            Overrides the widget's seed for this turn.
        settings : dict, optional
            Engine settings for this turn.
        new : bool, optional
            True: a new picture, False: a change of it; None: decided or asked (:meth:`answer`).

        Raises
        ------
        InputError, EngineError, Cancelled, Busy
            The error is also shown in the chat pane; nothing changes.
        """
        options: dict[str, Any] = {"seed": seed, "settings": settings, "new": new}
        options.update({} if mask is _UNSET else {"mask": mask})
        return self._runner.now(
            lambda: self._runner.turn(prompt, self._conversation.send, prompt=prompt, **options)
        )

    def answer(self, choice: str) -> Turn | SceneGraph:
        """Answer the chat's question with ``"edit"`` or ``"new"``, as its buttons do."""
        return self._runner.now(lambda: self._requests.answer(choice))

    def plan(self, prompt: str) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; the plan editor shows it.

        Returns the laid-out scene graph; :meth:`generate` draws it (or an edited copy).
        Errors (:class:`InputError`, :class:`Busy`) are also shown in the chat pane.
        """
        return self._runner.now(lambda: self._requests.plan(prompt))

    def generate(
        self,
        scene: SceneGraph | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan waiting in the editor) and return the turn.

        ``edit`` says whether ``scene`` changes the current picture (redrawn from it)
        or is a new picture; by default the waiting plan knows.

        Raises
        ------
        InputError
            When no plan waits or ``scene`` is not a valid scene graph (shown in the chat).
        """
        return self._runner.now(
            lambda: self._requests.generate(scene, seed=seed, settings=settings, edit=edit)
        )

    def fix(self) -> Turn:
        """Redraw the things the checker found wrong in the current picture ("fix").

        Raises :class:`InputError` (also shown in the chat) when there is nothing to fix.
        """
        return self._runner.now(lambda: self._runner.turn(None, self._conversation.fix))

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
    ) -> Turn:
        """Extend the picture by ``left``/``right``/``top``/``bottom`` pixels; return the turn.

        Every old pixel stays as it was; ``prompt`` adds things in the new area. See
        :meth:`~jupyter_imagechat.turns.Conversation.outpaint` (and its errors).
        """
        margins = {"left": left, "right": right, "top": top, "bottom": bottom}
        return self._runner.now(
            lambda: self._requests.outpaint(margins, prompt, seed=seed, settings=settings)
        )

    def load(self, image: Any) -> Turn:
        """Make ``image`` the current picture.

        ``image``: a PIL image, numpy array, matplotlib figure, path or image-file bytes.
        """
        return self._requests.load(image, None)

    def checkout(self, turn: int | str | Turn) -> Turn:
        """Reopen an earlier turn (position, id or turn): the next prompt branches from it.

        Raises
        ------
        InputError
            If there is no such turn. Also shown in the chat pane.
        """
        return self._requests.reopen(lambda: self._conversation.checkout(turn), back=False)

    def undo(self) -> Turn:
        """Go back to the picture before the current one; the chat's "undo" does this.

        Nothing is deleted: the undone turn stays in the history strip.

        Raises
        ------
        InputError
            When the current picture is the first one. Also shown in the chat pane.
        """
        return self._requests.reopen(self._conversation.undo, back=True)

    def replay(self, *, replan: bool = False) -> ReplayReport:
        """Draw every turn again with this widget's engine and compare with the record.

        ``replan=False`` (default) redraws each turn's recorded plan; ``True`` sends every
        prompt through the planner again in a fresh conversation. The report's
        ``identical`` is True when every picture is pixel-identical.
        """
        return replay(list(self._conversation.history), self._conversation.engine, replan=replan)

    def cancel(self) -> bool:
        """Ask the running request to stop; return True if one was running."""
        return self._runner.cancel()

    def on_turn(self, callback: Callable[[Turn], Any], remove: bool = False) -> None:
        """Call ``callback(turn)`` after each new turn (or stop calling it with ``remove=True``).

        The callback runs in whichever thread ran the turn (a worker thread for
        prompts typed in the chat pane). Its exceptions are logged, not raised.
        """
        self._runner.on_turn(callback, remove=remove)

    def close(self) -> None:
        """Stop a running request and close the widget's connection to the browser."""
        runner = getattr(self, "_runner", None)  # unset when __init__ failed early
        if runner is not None:
            runner.cancel()
        saving.close_autosave(self)  # saves what is not saved yet; frees the session
        super().close()

    # -- sessions from disk -------------------------------------------------------------------
    @classmethod
    def from_notebook(
        cls, path: str | os.PathLike[str], *, redraw: bool = False, **kwargs: Any
    ) -> ImageChat:
        """Restore a session from a notebook written by ``history.to_notebook(path)``.

        Parameters
        ----------
        path : str or path
            The .ipynb file.
        redraw : bool
            False (default): take each picture from its cell's output. True: draw
            every turn again from its record with the engine (pixel-exact on the
            built-in engine); a picture that comes out different raises.
        **kwargs
            Passed to ``ImageChat`` (by default the notebook's engine and model).

        Raises
        ------
        InputError
            If it is not such a notebook, a redrawn picture differs, or ``session`` differs.
        """
        return saving.from_notebook(cls, path, redraw=redraw, options=kwargs)

    @classmethod
    def restore(
        cls,
        session: str | None = None,
        *,
        root: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> ImageChat:
        """Reopen an autosaved session (by default the most recently saved one).

        Every finished turn comes back, the head included; new turns keep
        saving to the same session folder.

        Raises
        ------
        InputError
            If there is no saved session.
        """
        return saving.restore_chat(cls, session, root, kwargs)

    # -- internals ------------------------------------------------------------------------------
    def _show_all(self) -> None:
        with self._display.batch():
            self._display.show_state()
            self._on_history_change()

    def _on_history_change(self, *_change: Any) -> None:
        self._display.show_strip(*self._strip.entries(self.history))

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Take from the browser only the traits it may set (``protocol.BROWSER_TRAITS``)."""
        super().set_state(protocol.browser_state(sync_data))

    def _reply(self, content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        anywidget.AnyWidget.send(self, content, buffers)

    def _wait(self, timeout: float | None = None) -> bool:
        """Wait for a request from the browser to finish (tests use this)."""
        return self._runner.wait(timeout)
