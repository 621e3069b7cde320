"""The widget's side of history: the strip of thumbnails, reopening turns, autosave, restore.

Mixed into :class:`~jupyter_imagechat.widget.ImageChat`; it owns two synced traits
(declared there):

``_history``  the strip: ``[{id, parent, mode, prompt, thumb?}]``, oldest first, at most
              :data:`MAX_STRIP_TURNS` entries; ``thumb`` is a JPEG of at most
              :data:`THUMB_SIZE` px a side, and all thumbs together stay under
              :data:`MAX_STRIP_BYTES` (the oldest lose theirs first)
``_head``     the id of the current turn (``""`` before the first)

So the widget state a notebook saves stays bounded however long the session:
the current picture and mask, at most ``MAX_MESSAGES`` chat messages, and the
strip. The full pictures live in the autosave folder and the history, never
in the synced state.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from . import protocol
from .errors import InputError
from .replay import ReplayReport, read_notebook, replay, restore_turns
from .store import SessionStore, default_root, list_sessions, new_session_name

if TYPE_CHECKING:
    from PIL import Image

    from .history import Turn
    from .widget import ImageChat

__all__ = ["MAX_STRIP_BYTES", "MAX_STRIP_TURNS", "THUMB_SIZE", "HistoryMixin", "thumbnail"]

log = logging.getLogger(__name__)

THUMB_SIZE = 96
"""Longest side of a history-strip thumbnail, in pixels."""

MAX_STRIP_TURNS = 200
"""The strip lists at most this many turns (the newest)."""

MAX_STRIP_BYTES = 512 * 1024
"""All thumbnails in the strip together stay under this many bytes."""

_PROMPT_CHARS = 80


def thumbnail(image: Image.Image) -> bytes:
    """Return a small JPEG of ``image`` (at most :data:`THUMB_SIZE` px a side)."""
    small = image.convert("RGB")
    small.thumbnail((THUMB_SIZE, THUMB_SIZE))
    buf = io.BytesIO()
    small.save(buf, format="JPEG", quality=75)
    return buf.getvalue()


def _in_kernel() -> bool:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None  # type: ignore[attr-defined]
    return shell is not None and getattr(shell, "kernel", None) is not None


class HistoryMixin:
    """History features of :class:`ImageChat` (see the module docstring)."""

    _conversation: Any
    _store: SessionStore | None
    _history: list[dict[str, Any]]
    _head: str

    # -- setup -----------------------------------------------------------------------------
    def _setup_history(self, autosave: bool | str | os.PathLike[str] | None, session: str | None):
        self._thumbs: dict[str, bytes] = {}
        self._store: SessionStore | None = None
        history = self._conversation.history
        if autosave is None:  # on in a kernel, or when a session is named
            autosave = session is not None or _in_kernel()
        if autosave is not False:
            root = None if autosave is True else autosave
            store = SessionStore(session or new_session_name(), root)
            earlier = [] if session else list_sessions(store.root)
            if store.exists:
                turns = store.load_turns()
                restore_turns(history, turns, store.info().get("head"))
                if turns:
                    self._post(  # type: ignore[attr-defined]
                        "info", f"Restored {len(turns)} turn(s) of session {store.session!r}."
                    )
            conv = self._conversation
            store.attach(
                history,
                on_error=self._autosave_failed,
                engine=conv.engine.name,
                model=conv.engine.model,
                seed=conv.seed,
                size=conv.size,
            )
            self._store = store
            if earlier:
                self._post(  # type: ignore[attr-defined]
                    "info",
                    f"This chat saves to {store.folder}. {len(earlier)} earlier session(s) are "
                    f"saved next to it: ImageChat.restore() reopens the newest ({earlier[0]!r}).",
                )
        history.on_change(self._on_history_change)
        if len(history):
            self._sync_all()

    def _autosave_failed(self, exc: OSError) -> None:
        self._post(  # type: ignore[attr-defined]
            "error", f"Autosave failed ({exc}); the turn is kept in memory but not on disk."
        )

    # -- Python API ------------------------------------------------------------------------
    @property
    def session_dir(self) -> os.PathLike[str] | None:
        """The folder this session autosaves to, or ``None`` when autosave is off."""
        return self._store.folder if self._store is not None else None

    def checkout(self, turn: int | str | Turn) -> Turn:
        """Reopen an earlier turn (position, id or turn): the next prompt branches from it.

        Raises
        ------
        InputError
            If there is no such turn. Also shown in the chat pane.
        """
        return self._reopen(
            lambda: self._conversation.checkout(turn),
            "Reopened {id}: {summary}. The next prompt starts a branch from it; later turns "
            "are kept.",
        )

    def undo(self) -> Turn:
        """Go back to the picture before the current one; the chat's "undo" does this.

        Nothing is deleted: the undone turn stays in the history strip.

        Raises
        ------
        InputError
            When the current picture is the first one. Also shown in the chat pane.
        """
        return self._reopen(
            self._conversation.undo,
            "Back to {id}: {summary}. The undone picture stays in the history; the next "
            "prompt starts from this one.",
        )

    def _reopen(self, how: Callable[[], Turn], message: str) -> Turn:
        """Make an earlier turn current with ``how``; show it and say so (``message`` with
        ``{id}`` and ``{summary}``), or show the error and re-raise it."""
        try:
            with self._hold_run():  # type: ignore[attr-defined]
                turn = how()
        except Exception as exc:
            self._post_error(exc)  # type: ignore[attr-defined]
            raise
        self._sync_all()
        self._post("info", message.format(id=turn.id, summary=turn.summary()))  # type: ignore[attr-defined]
        return turn

    def replay(self, *, replan: bool = False) -> ReplayReport:
        """Draw every turn again with this widget's engine and compare with the record.

        Parameters
        ----------
        replan : bool
            False (default): redraw each turn's recorded plan. True: send every
            prompt through the planner again in a fresh conversation.

        Returns
        -------
        ReplayReport
            ``report.identical`` is True when every picture is pixel-identical.
        """
        return replay(list(self._conversation.history), self._conversation.engine, replan=replan)

    @classmethod
    def from_notebook(cls, path: str | os.PathLike[str], *, redraw: bool = False, **kwargs: Any):
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
            If the file is not such a notebook, or a redrawn picture differs.
        """
        saved = read_notebook(path)
        kwargs.setdefault("engine", saved.engine)
        if saved.model is not None and kwargs["engine"] == saved.engine:
            kwargs.setdefault("model", saved.model)
        chat = cls(**kwargs)
        turns = saved.turns
        if redraw:
            report = replay(turns, chat._conversation.engine)
            if not report.identical:
                raise InputError(
                    f"turn(s) {', '.join(report.differing)} came out different when redrawn"
                )
            images = {t.id: t.image for t in report.turns}
            turns = [_with_image(t, images[t.id]) for t in turns]
        with chat._hold_run():  # type: ignore[attr-defined]
            restore_turns(chat._conversation.history, turns, saved.head)
        chat._sync_all()
        return chat

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
        folder = root if root is not None else default_root()
        if session is None:
            names = list_sessions(folder)
            if not names:
                raise InputError(f"no saved session in {str(folder)!r}")
            session = names[0]
        store = SessionStore(session, folder)
        if not store.exists:
            raise InputError(f"no saved session {session!r} in {str(folder)!r}")
        info = store.info()
        kwargs.setdefault("engine", info.get("engine") or "builtin")
        if info.get("model") and kwargs["engine"] == info.get("engine"):
            kwargs.setdefault("model", info["model"])
        for key in ("seed", "size"):
            if isinstance(info.get(key), int):
                kwargs.setdefault(key, info[key])
        widget_class = cast("type[ImageChat]", cls)  # the widget this is mixed into
        return widget_class(autosave=folder, session=session, **kwargs)

    # -- requests from the browser ------------------------------------------------------------
    def _do_checkout(self, req: protocol.Request) -> None:
        reopened = self.checkout(req.turn)  # type: ignore[arg-type]
        self._reply(protocol.ok_reply(req.id, {"turn": reopened.id}))  # type: ignore[attr-defined]

    def _do_turn_code(self, req: protocol.Request) -> None:
        history = self._conversation.history
        if req.turn not in history:
            raise InputError(f"there is no turn {req.turn!r}")
        code = history.to_code(req.turn)
        self._reply(protocol.ok_reply(req.id, {"turn": req.turn, "code": code}))  # type: ignore[attr-defined]

    # -- state -> traits --------------------------------------------------------------------------
    def _on_history_change(self, event: str, turn: Turn) -> None:
        if event == "append":
            self._thumbs[turn.id] = thumbnail(turn.image)
        self._sync_history()

    def _current_png(self) -> bytes:
        """The current picture as PNG with its turn's provenance (``b""`` for none)."""
        head = self._conversation.history.head
        return head.to_png() if head is not None else b""

    def _sync_all(self) -> None:
        with self._batch():  # type: ignore[attr-defined]
            self._sync_image()  # type: ignore[attr-defined]
            self._sync_mask()  # type: ignore[attr-defined]
            self._sync_history()

    def _sync_history(self) -> None:
        history = self._conversation.history
        turns = list(history)[-MAX_STRIP_TURNS:]
        budget = MAX_STRIP_BYTES
        entries: list[dict[str, Any]] = []
        for turn in reversed(turns):  # the newest keep their thumbnails
            entry: dict[str, Any] = {
                "id": turn.id,
                "parent": turn.parent,
                "mode": turn.mode,
                "prompt": turn.prompt[:_PROMPT_CHARS],
            }
            thumb = self._thumbs.get(turn.id)
            if thumb is None:
                thumb = self._thumbs[turn.id] = thumbnail(turn.image)
            if len(thumb) <= budget:
                entry["thumb"] = thumb
                budget -= len(thumb)
            entries.append(entry)
        head = history.head
        with self._batch():  # type: ignore[attr-defined]
            self._history = entries[::-1]
            self._head = head.id if head is not None else ""


def _with_image(turn: Turn, image: Image.Image) -> Turn:
    from dataclasses import replace

    return replace(turn, image=image)
