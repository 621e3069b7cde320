"""What the browser is shown: the widget's synced traits, written from any thread.

:class:`Display` is the one writer of the traits the front end draws: the picture
(``_image``), the mask (``_mask``), the chat log (``_messages``, at most
:data:`MAX_MESSAGES`), progress (``_busy``, ``_progress``), the plan waiting in the editor
(``_plan``) and the history strip (``_history``, ``_head``). Trait updates come from the
kernel thread and from worker threads; :meth:`Display.batch` serialises them and sends
them to the browser in one message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import Cancelled, ImageChatError, Unsure
from ..scene.text import clean_data, clean_text
from . import protocol

if TYPE_CHECKING:
    from PIL import Image

    from ..turns import Conversation

__all__ = ["MAX_MESSAGES", "Display", "Screen"]

log = logging.getLogger(__name__)

MAX_MESSAGES = 500
"""The chat log keeps this many messages (the oldest are dropped)."""


class Screen(Protocol):
    """The synced traits of the widget (declared on :class:`~.chat.ImageChat`)."""

    _image: bytes
    _mask: bytes
    _messages: list[dict[str, Any]]
    _busy: bool
    _progress: dict[str, Any]
    _plan: dict[str, Any]
    _history: list[dict[str, Any]]
    _head: str
    _settings: dict[str, Any]

    def hold_sync(self) -> AbstractContextManager[Any]: ...


class Display:
    """Writes the conversation's state into the widget's synced traits.

    Parameters
    ----------
    screen : Screen
        The widget whose traits the browser draws.
    conversation : Conversation
        Where the picture and the mask come from.
    """

    def __init__(self, screen: Screen, conversation: Conversation) -> None:
        self._screen = screen
        self._conversation = conversation
        self._lock = threading.RLock()  # trait updates come from two threads
        self._message_count = 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Change several traits from any thread; the browser gets them in one message."""
        with self._lock, self._screen.hold_sync():
            yield

    # -- the canvas --------------------------------------------------------------------------
    def show_picture(self) -> None:
        """Show the current picture (PNG with its turn's provenance), dropping any preview."""
        head = self._conversation.history.head
        with self.batch():
            self._screen._image = head.to_png() if head is not None else b""

    def show_mask(self) -> None:
        """Show the conversation's mask (bit-packed; ``b""`` for none)."""
        with self.batch():
            self._screen._mask = protocol.encode_mask(self._conversation.mask)

    def show_state(self) -> None:
        """Show the current picture and mask."""
        with self.batch():
            self.show_picture()
            self.show_mask()

    def show_progress(
        self, step: int, total: int, label: str, preview: Image.Image | None = None
    ) -> None:
        """Show how far the running request is, and its picture so far when there is one."""
        with self.batch():
            label = clean_text(label)
            self._screen._progress = {"step": int(step), "total": int(total), "label": label}
            if preview is not None:
                self._screen._image = protocol.encode_image(preview)

    def show_busy(self, busy: bool) -> None:
        """Show whether a request is running (``_progress`` empties when it is not)."""
        with self.batch():
            self._screen._busy = busy
            if busy:
                self._screen._progress = {"step": 0, "total": 0, "label": "planning"}
            else:
                self._screen._progress = {}

    def show_plan(self, plan: dict[str, Any]) -> None:
        """Show the plan waiting in the editor (``{}``: none waits); its text made valid."""
        with self.batch():
            self._screen._plan = clean_data(plan)

    def show_strip(self, entries: list[dict[str, Any]], head: str) -> None:
        """Show the history strip and which turn is current (its text made valid)."""
        with self.batch():
            self._screen._history = clean_data(entries)
            self._screen._head = head

    def show_settings(self) -> None:
        """Show what the administrator locked and whether generation is off (``_settings``);
        say the settings' notes (an ignored argument...) in the chat."""
        shown = self._conversation.settings.shown()
        with self.batch():
            self._screen._settings = shown
            for note in shown["notes"]:
                self.post("info", note)

    # -- the chat log ------------------------------------------------------------------------
    def post(
        self,
        role: str,
        text: str,
        *,
        actions: list[dict[str, Any]] | None = None,
        **extra: str | None,
    ) -> None:
        """Append a message to the chat log (thread-safe; keeps the last MAX_MESSAGES).

        The text is made valid first (a lone surrogate cannot be sent to the browser, and
        the chat log is sent whole with each message).

        ``actions`` are buttons under the message, each ``{"label", "request"}``: the
        request the browser sends when it is pressed (an ``answer`` or a ``send``). Only the
        newest message keeps its buttons: a new message from the user, or one with buttons,
        takes them off the older ones. A new picture drawn over an older one (an
        ``assistant`` message of a ``text2img`` turn with a parent) offers to undo it.
        """
        offers = [*(self._undo_offer(role, extra.get("turn")) or []),
                  *(self._fix_offer(role, extra.get("turn")) or [])]  # fmt: skip
        actions = actions or offers or None
        with self.batch():
            self._message_count += 1
            message: dict[str, Any] = {"id": f"m{self._message_count}", "role": role}
            message["text"] = clean_text(text)
            message.update(clean_data({k: v for k, v in extra.items() if v}))
            older = self._screen._messages[-(MAX_MESSAGES - 1) :]
            if role == "user" or actions:
                older = _without_actions(older)
            if actions:
                message["actions"] = actions
            self._screen._messages = [*older, message]

    def close_questions(self) -> None:
        """Take the buttons off every message (a question was answered)."""
        with self.batch():
            self._screen._messages = _without_actions(self._screen._messages)

    def _undo_offer(self, role: str, turn_id: str | None) -> list[dict[str, Any]] | None:
        """An "Undo" button under a new picture that replaced another (a new picture is
        never a silent loss: the old one is a click away)."""
        if role != "assistant" or not turn_id or turn_id not in self._conversation.history:
            return None
        turn = self._conversation.history[turn_id]
        if turn.mode != "text2img" or turn.parent is None:
            return None
        return [
            {"label": "Back to the picture before", "request": {"kind": "send", "prompt": "undo"}}
        ]

    def _fix_offer(self, role: str, turn_id: str | None) -> list[dict[str, Any]] | None:
        """A "Fix" button under a picture the checker found something wrong in (a thing
        floating, cut off, out of proportion, or a constraint of the plan not kept)."""
        if role != "assistant" or not turn_id or turn_id not in self._conversation.history:
            return None
        verdict = self._conversation.history[turn_id].verdict
        wrong = verdict is not None and any(
            f.status == "violated" and f.entities for f in verdict.findings
        )
        if not wrong:
            return None
        return [{"label": "Fix", "request": {"kind": "send", "prompt": "fix"}}]

    def post_error(self, exc: BaseException) -> None:
        """Say in the chat what went wrong: a stop (naming its draft), a refusal, or a bug
        (logged with its traceback). An error is said once, however many callers pass it
        on."""
        if getattr(exc, "_shown_in_chat", False):
            return
        with suppress(AttributeError):  # a type without attributes is said each time
            exc._shown_in_chat = True  # type: ignore[attr-defined]
        draft = getattr(exc, "turn", None)  # a stopped run's picture so far
        if isinstance(exc, Unsure):  # a question, with a button for each answer
            actions = [
                {"label": label, "request": {"kind": "answer", "choice": choice}}
                for choice, label in exc.choices.items()
            ]
            self.post("question", exc.question, actions=actions)
        elif isinstance(exc, Cancelled) and draft is not None:
            self.post("info", f"Stopped; the picture so far is kept as draft {draft.id}.")
        elif isinstance(exc, Cancelled):
            self.post("info", "Stopped; the picture is unchanged.")
        elif isinstance(exc, ImageChatError):
            self.post("error", str(exc))
        elif isinstance(exc, Exception):
            log.error("unexpected error in the image chat widget", exc_info=exc)
            self.post("error", f"Internal error ({type(exc).__name__}: {exc}); see the log.")
        else:  # KeyboardInterrupt and the like: the kernel was interrupted
            self.post("info", "Interrupted; the picture is unchanged.")


def _without_actions(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``messages`` with no buttons (copies of those that had some)."""
    return [{k: v for k, v in m.items() if k != "actions"} for m in messages]
