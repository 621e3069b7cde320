"""What the browser is shown: the picture, the mask and the chat log, kept in synced traits.

:class:`SyncMixin` is part of :class:`~jupyter_imagechat.widget.ImageChat`. It mirrors the
conversation into the ``_image`` and ``_mask`` traits, appends messages to ``_messages``
(the chat log, at most :data:`MAX_MESSAGES`), turns errors into chat messages (a bug is
logged with its traceback, a stopped run names its draft) and calls the ``on_turn``
callbacks. Trait updates come from the kernel thread and from worker threads;
:meth:`~SyncMixin._batch` serialises them and sends them to the browser in one message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from . import protocol
from .errors import Cancelled, ImageChatError

if TYPE_CHECKING:
    from .history import Turn

# Log as jupyter_imagechat.widget, the name these messages had before this module was
# split out of widget.py (users and tests filter on it).
log = logging.getLogger("jupyter_imagechat.widget")

MAX_MESSAGES = 500
"""The chat log keeps this many messages (the oldest are dropped)."""


class SyncMixin:
    """The widget's synced picture, mask and chat log (see the module docstring)."""

    # provided by ImageChat (and HistoryMixin)
    _conversation: Any
    _state_lock: threading.RLock
    _message_count: int
    _turn_callbacks: list[Callable[[Turn], Any]]
    _image: bytes
    _mask: bytes
    _messages: list[dict[str, Any]]
    hold_sync: Callable[[], Any]
    _current_png: Callable[[], bytes]

    def _image_size(self) -> tuple[int, int] | None:
        image = self._conversation.image
        return None if image is None else (image.width, image.height)

    def _sync_image(self) -> None:
        with self._batch():
            self._image = self._current_png()  # with provenance chunks (widget_history.py)

    def _sync_mask(self) -> None:
        with self._batch():
            self._mask = protocol.encode_mask(self._conversation.mask)

    def _show_loaded(self, turn: Turn, name: str | None) -> None:
        with self._batch():
            self._sync_image()
            self._sync_mask()
        what = f"{name!r}" if name else "a picture"
        plan = turn.summary() if turn.scene is not None else None  # restored from its PNG
        size = f"{turn.image.width}x{turn.image.height}"
        self._post("info", f"Loaded {what} ({size}).", plan=plan, turn=turn.id)
        self._notify(turn)

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Change several traits from any thread; the browser gets them in one message."""
        with self._state_lock, self.hold_sync():
            yield

    def _post(self, role: str, text: str, **extra: str | None) -> None:
        """Append a message to the chat log (thread-safe; keeps the last MAX_MESSAGES)."""
        with self._batch():
            self._message_count += 1
            message = {"id": f"m{self._message_count}", "role": role, "text": text}
            message.update({k: v for k, v in extra.items() if v})
            self._messages = [*self._messages[-(MAX_MESSAGES - 1) :], message]

    def _post_error(self, exc: BaseException) -> None:
        draft = getattr(exc, "turn", None)  # a stopped run's picture so far (drafts.py)
        if isinstance(exc, Cancelled) and draft is not None:
            self._post("info", f"Stopped; the picture so far is kept as draft {draft.id}.")
            self._notify(draft)
        elif isinstance(exc, Cancelled):
            self._post("info", "Stopped; the picture is unchanged.")
        elif isinstance(exc, ImageChatError):
            self._post("error", str(exc))
        else:
            log.error("unexpected error in the image chat widget", exc_info=exc)
            self._post("error", f"Internal error ({type(exc).__name__}: {exc}); see the log.")

    def _notify(self, turn: Turn) -> None:
        for callback in list(self._turn_callbacks):
            try:
                callback(turn)
            except Exception:
                log.exception("on_turn callback %r failed", callback)
