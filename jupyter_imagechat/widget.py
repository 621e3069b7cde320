"""The notebook widget: traits and message dispatch around a :class:`Conversation`.

No model logic lives here. The browser sends requests (see :mod:`.protocol`);
the kernel answers each one and mirrors the conversation's state into a few
synced traits that the front end draws:

``_image``     PNG of the current picture (``b""`` if none)
``_mask``      the current mask, bit-packed (see :func:`.protocol.encode_mask`; ``b""`` if none)
``_messages``  the chat log: dicts ``{id, role, text, plan?, verdict?, turn?}``
``_busy``      True while a prompt is being drawn
``_progress``  ``{step, total, label}`` of the running prompt (``{}`` when idle)
``_plan``      the plan waiting to be drawn (``{}`` if none; see :mod:`.widget_plan`)
``plan_first`` public setting: chat prompts stop at the plan instead of drawing at once

:class:`ImageChat` is put together from mixins with one role each: running requests
(:mod:`.widget_runner`), keeping the picture, mask and chat log in sync
(:mod:`.widget_sync`), history (:mod:`.widget_history`), the plan-first flow
(:mod:`.widget_plan`) and outpainting (:mod:`.widget_outpaint`).
"""

from __future__ import annotations

import logging
import os
import pathlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anywidget
import numpy as np
import traitlets

from . import protocol
from .conversation import Conversation
from .conversation_inputs import is_undo
from .widget_history import HistoryMixin
from .widget_outpaint import OutpaintMixin
from .widget_plan import PlanMixin
from .widget_runner import _UNSET, RunnerMixin
from .widget_sync import MAX_MESSAGES as MAX_MESSAGES  # the limit stays importable from here
from .widget_sync import SyncMixin

if TYPE_CHECKING:
    from PIL import Image

    from .history import History, Turn

__all__ = ["ImageChat"]

log = logging.getLogger(__name__)

_STATIC = pathlib.Path(__file__).parent / "static"
_ESM_FILE = _STATIC / "widget.js"
_CSS_FILE = _STATIC / "widget.css"

_WIDGET_KWARGS = frozenset({"layout"})


def _bundle(path: pathlib.Path) -> pathlib.Path | str:
    # anywidget raises at class creation for a missing file; the check happens in __init__.
    return path if path.is_file() else ""


class ImageChat(
    HistoryMixin, PlanMixin, OutpaintMixin, RunnerMixin, SyncMixin, anywidget.AnyWidget
):
    """Build a picture by conversation: a chat pane and a canvas for masks.

    Parameters
    ----------
    engine : str
        ``"builtin"`` (default; offline, no model weights) or ``"diffusers"``.
    model : str, optional
        For ``engine="diffusers"``: a hub id or a local folder.
    planner : str
        ``"rules"`` (default).
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
        Passed to the engine (e.g. ``device="cuda"`` for diffusers).

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
    >>> chat = ImageChat()
    >>> chat                                         # doctest: +SKIP
    >>> turn = chat.send("three red apples left of a blue bowl")
    >>> turn.mode
    'text2img'
    """

    _esm = _bundle(_ESM_FILE)
    _css = _bundle(_CSS_FILE)

    _image = traitlets.Bytes(b"").tag(sync=True, from_json=protocol.bytes_from_json)
    _mask = traitlets.Bytes(b"").tag(sync=True, from_json=protocol.bytes_from_json)
    _messages = traitlets.List(traitlets.Dict()).tag(sync=True)
    _busy = traitlets.Bool(False).tag(sync=True)
    _progress = traitlets.Dict().tag(sync=True)
    _plan = traitlets.Dict().tag(sync=True)  # the plan editor: widget_plan.py
    plan_first = traitlets.Bool(
        False, help="Stop at the plan (editable in the widget) instead of drawing at once"
    ).tag(sync=True)
    _history = traitlets.List(traitlets.Dict()).tag(sync=True)  # the strip: widget_history.py
    _head = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        engine: str = "builtin",
        model: str | None = None,
        *,
        planner: str = "rules",
        size: int | None = None,
        seed: int = 0,
        autosave: bool | str | os.PathLike[str] | None = None,
        session: str | None = None,
        **engine_options: Any,
    ) -> None:
        if not _ESM_FILE.is_file():
            raise RuntimeError(
                f"the widget's front end is not built ({_ESM_FILE} is missing): run "
                "`npm install && npm run build` in the source checkout, or install the "
                "package with `pip install .`"
            )
        if not type(self)._esm:  # built after this module was imported
            self._esm = _ESM_FILE.read_text(encoding="utf-8")
            self._css = _CSS_FILE.read_text(encoding="utf-8") if _CSS_FILE.is_file() else ""
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
        self._conversation = conversation
        self._run_lock = threading.Lock()  # held while a request changes the conversation
        self._stop = threading.Event()
        self._state_lock = threading.RLock()  # trait updates come from two threads
        self._message_count = 0
        self._turn_callbacks: list[Callable[[Turn], Any]] = []
        self._worker: threading.Thread | None = None
        self._last_progress = 0.0
        super().__init__(**widget_kwargs)
        self.on_msg(self._on_request)
        self._setup_history(autosave, session)  # strip, autosave, resuming `session`

    # -- Python API -----------------------------------------------------------
    @property
    def conversation(self) -> Conversation:
        """The :class:`~jupyter_imagechat.conversation.Conversation` behind the widget."""
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
        with self._hold_run():
            self._conversation.mask = value
            self._sync_mask()

    def send(  # type: ignore[override]  # ipywidgets' send(content, buffers) is _reply here
        self,
        prompt: str,
        *,
        mask: Any = _UNSET,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Turn:
        """Draw or edit from ``prompt`` and return the new turn (blocks until done).

        Parameters
        ----------
        prompt : str
            What to draw ("three red apples left of a blue bowl") or change
            ("make the bowl green"); "undo" goes back to the picture before.
        mask : array-like or None, optional
            Where an edit may change pixels; by default the mask painted on the
            canvas (or set through :attr:`mask`).
        seed : int, optional
            Overrides the widget's seed for this turn.
        settings : dict, optional
            Engine settings for this turn.

        Raises
        ------
        InputError, EngineError, Cancelled, Busy
            The error is also shown in the chat pane; nothing changes.
        """
        if is_undo(prompt):  # "undo", "go back": the picture before
            return self.undo()
        return self._run_locked(
            lambda: self._run_send(prompt, mask=mask, seed=seed, settings=settings)
        )

    def load(self, image: Any) -> Turn:
        """Make ``image`` the current picture.

        ``image``: a PIL image, numpy array, matplotlib figure, path or image-file bytes.
        """
        try:
            with self._hold_run():
                turn = self._conversation.load(image)
        except Exception as exc:
            self._post_error(exc)
            raise
        self._show_loaded(turn, None)
        return turn

    def on_turn(self, callback: Callable[[Turn], Any], remove: bool = False) -> None:
        """Call ``callback(turn)`` after each new turn (or stop calling it with ``remove=True``).

        The callback runs in whichever thread ran the turn (a worker thread for
        prompts typed in the chat pane). Its exceptions are logged, not raised.
        """
        if remove:
            if callback in self._turn_callbacks:
                self._turn_callbacks.remove(callback)
        elif callback not in self._turn_callbacks:
            self._turn_callbacks.append(callback)

    def close(self) -> None:
        """Stop a running prompt and close the widget's connection to the browser."""
        if hasattr(self, "_run_lock"):  # not when __init__ failed (ipywidgets' __del__)
            self.cancel()
        store = getattr(self, "_store", None)  # unset when __init__ failed early
        if store is not None:
            store.detach()  # the session may be opened again
        super().close()

    # -- requests from the browser ---------------------------------------------
    def _on_request(self, _widget: Any, content: Any, buffers: list[Any] | None) -> None:
        rid = protocol.request_id(content)
        try:
            req = protocol.parse_request(content, buffers, image_size=self._image_size())
            handler = getattr(self, f"_do_{req.kind}")
            handler(req)
        except Exception as exc:  # never let anything escape the comm handler
            try:
                self._post_error(exc)
                self._reply(protocol.error_reply(rid, exc))
            except Exception:
                log.exception("could not report an error to the browser")

    def _do_send(self, req: protocol.Request) -> None:
        if self._route_send(req):  # plan first, or "fix"
            return
        self._spawn(req, lambda: self._run_send(req.prompt))

    def _do_mask(self, req: protocol.Request) -> None:
        assert req.mask is not None
        with self._hold_run():
            self._conversation.mask = req.mask if req.mask.any() else None
            self._sync_mask()
        self._reply(protocol.ok_reply(req.id, {"pixels": int(req.mask.sum())}))

    def _do_select(self, req: protocol.Request) -> None:
        # click to select: the mask becomes the clicked object's exact shape; a click
        # on the background leaves the mask as it was and replies pixels 0
        assert req.point is not None
        with self._hold_run():
            shape = self._conversation.select_at(*req.point)
            if shape is not None:
                self._conversation.mask = shape
                self._sync_mask()
        self._reply(protocol.ok_reply(req.id, {"pixels": 0 if shape is None else int(shape.sum())}))

    def _do_clear_mask(self, req: protocol.Request) -> None:
        with self._hold_run():
            self._conversation.mask = None
            self._sync_mask()
        self._reply(protocol.ok_reply(req.id, {"pixels": 0}))

    def _do_cancel(self, req: protocol.Request) -> None:
        self._reply(protocol.ok_reply(req.id, {"stopping": self.cancel()}))

    def _do_load_image(self, req: protocol.Request) -> None:
        with self._hold_run():
            turn = self._conversation.load(req.data)
        self._show_loaded(turn, req.name)
        self._reply(
            protocol.ok_reply(
                req.id, {"turn": turn.id, "width": turn.image.width, "height": turn.image.height}
            )
        )

    def _reply(self, content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        anywidget.AnyWidget.send(self, content, buffers)
