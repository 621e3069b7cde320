"""How the widget runs a request: worker threads, Stop, progress, and the outcome in the chat.

One request at a time changes the conversation, which holds the only lock
(:class:`~jupyter_imagechat.errors.Busy` otherwise). :class:`Runner` runs a step of the
Python API in the caller's thread and a request from the browser in a worker thread, so
that the kernel stays free for Stop. While a worker runs, every other request is refused at
once. :meth:`Runner.turn` runs one turn: it shows the prompt and its progress (``_busy``,
``_progress`` and preview pictures), then posts the outcome to the chat, however the run
ends (an interrupted kernel included).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import Busy
from ..scene import SceneGraph
from ..session import Turn
from . import protocol

if TYPE_CHECKING:
    from PIL import Image

    from ..turns import Conversation
    from .display import Display

__all__ = ["Runner"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

SHOWN_PROMPT_CHARS = 300
"""A prompt longer than this is shortened in the chat log."""
_PROGRESS_INTERVAL = 0.1  # seconds between progress updates sent to the browser

_MODE_TEXT = {
    "text2img": "Drew a new picture.",
    "img2img": "Redrew the picture from the changed plan.",
    "inpaint": "Changed the picture inside the mask; everything outside it is unchanged.",
    "outpaint": "Extended the picture; the old pixels are unchanged.",
}

TurnCall = Callable[..., "Turn"]
"""A conversation method that makes a turn and takes ``on_progress`` and ``should_stop``."""


class Runner:
    """Runs requests for the widget (see the module docstring).

    Parameters
    ----------
    conversation : Conversation
        What the requests change.
    display : Display
        Where progress and outcomes are shown.
    reply : callable
        Sends a reply message to the browser.
    """

    def __init__(
        self,
        conversation: Conversation,
        display: Display,
        reply: Callable[[dict[str, Any]], None],
    ) -> None:
        self._conversation = conversation
        self._display = display
        self._reply = reply
        self._callbacks: list[Callable[[Turn], Any]] = []
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._last_progress = 0.0

    # -- new turns ------------------------------------------------------------------------------
    def on_turn(self, callback: Callable[[Turn], Any], *, remove: bool = False) -> None:
        """Call ``callback(turn)`` after each new turn (``remove=True``: stop calling it)."""
        if remove:
            if callback in self._callbacks:
                self._callbacks.remove(callback)
        elif callback not in self._callbacks:
            self._callbacks.append(callback)

    def notify(self, turn: Turn) -> None:
        """Call the ``on_turn`` callbacks with ``turn``; their exceptions are logged."""
        for callback in list(self._callbacks):
            try:
                callback(turn)
            except Exception:
                log.exception("on_turn callback %r failed", callback)

    # -- Stop, and waiting for a browser request ---------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a request runs (in a worker thread, or a turn in any thread)."""
        worker = self._worker
        return (worker is not None and worker.is_alive()) or self._conversation.busy

    def cancel(self) -> bool:
        """Ask the running request to stop; return True if one was running."""
        running = self.busy
        if running:
            self._stop.set()
        return running

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a request from the browser to finish; True if none is running."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
            return not worker.is_alive()
        return True

    # -- running -------------------------------------------------------------------------------
    def check_idle(self) -> None:
        """Raise :class:`Busy` while a request runs."""
        if self.busy:
            raise Busy()

    def now(self, step: Callable[[], _T]) -> _T:
        """Run a step of the Python API in this thread; refused while a request runs.

        A refusal is shown in the chat too.
        """
        if self.busy:
            busy = Busy()
            self._display.post("error", str(busy))
            raise busy
        return step()

    def spawn(self, rid: str, kind: str, step: Callable[[], Any]) -> None:
        """Run a browser request's ``step`` in a worker thread and reply with its outcome.

        The kernel stays free for Stop while it runs; the reply carries the new turn (or
        plan) or the error, which the step has already posted to the chat.

        Raises
        ------
        Busy
            While another request runs.
        """
        self.check_idle()

        def work() -> None:
            try:
                reply = protocol.ok_reply(rid, self._result(step()))
            except Exception as exc:
                reply = protocol.error_reply(rid, exc)
            try:
                self._reply(reply)
            except Exception:
                log.exception("could not send a reply to the browser")

        self._worker = threading.Thread(target=work, name=f"imagechat-{kind}", daemon=True)
        self._worker.start()

    def _result(self, out: Any) -> dict[str, Any]:
        """A reply's result: the new turn and its mode, a reopened turn, or a plan."""
        if isinstance(out, Turn):
            if out is self._conversation.history.last:
                return {"turn": out.id, "mode": out.mode}
            return {"turn": out.id}  # "undo" reopened an earlier turn
        if isinstance(out, SceneGraph):
            return {"plan": out.to_dict()}
        return {}

    def turn(self, shown: str | None, call: TurnCall, **kwargs: Any) -> Turn:
        """Run one turn with ``call`` (a conversation method); show it; re-raise errors.

        ``shown`` is what the chat shows as the user's message (``None``: nothing).
        """
        if shown and shown.strip():
            self._display.post("user", _shorten(shown.strip(), SHOWN_PROMPT_CHARS))
        history = self._conversation.history
        count = len(history)
        self._stop.clear()
        self._last_progress = 0.0
        self._display.show_busy(True)
        try:
            turn = call(on_progress=self._on_progress, should_stop=self._stop.is_set, **kwargs)
        except BaseException as exc:  # an interrupted kernel too: the browser can send again
            if len(history) > count and not isinstance(exc, Exception):  # interrupted late
                self._done(self._display.show_state)
                last = history.last
                self._display.post("info", f"Interrupted; turn {last.id if last else ''} is kept.")
                raise
            self._done(self._display.show_picture)  # drop any preview
            self._display.post_error(exc)
            draft = getattr(exc, "turn", None)
            if draft is not None:
                self.notify(draft)
            raise
        self._done(self._display.show_state)
        if len(history) == count:  # "undo": an earlier turn reopened, nothing drawn
            self._display.post("info", reopened_text(turn, back=True))
            return turn
        self._display.post(
            "assistant",
            " ".join([_MODE_TEXT.get(turn.mode, "Done."), *turn.notes]),
            plan=turn.summary(),
            verdict=turn.verdict.summary() if turn.verdict is not None else None,
            turn=turn.id,  # the chat shows the turn's thumbnail from the history strip
        )
        self.notify(turn)
        return turn

    def _done(self, show: Callable[[], None]) -> None:
        """End a turn on the screen with ``show``; the browser may send again even when
        showing fails (or the kernel is interrupted meanwhile)."""
        try:
            with self._display.batch():
                try:
                    show()
                finally:
                    self._display.show_busy(False)
        except Exception:  # the turn is recorded; the browser still gets its reply
            log.exception("could not show the outcome of a turn")

    def _on_progress(
        self, step: int, total: int, preview: Image.Image | None, label: str = "drawing"
    ) -> None:
        now = time.monotonic()
        if step < total and now - self._last_progress < _PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self._display.show_progress(step, total, label, preview)


def reopened_text(turn: Turn, *, back: bool) -> str:
    """What the chat says when ``turn`` is reopened (by "undo" when ``back``)."""
    if back:
        return (
            f"Back to {turn.id}: {turn.summary()}. The undone picture stays in the history; "
            "the next prompt starts from this one."
        )
    return (
        f"Reopened {turn.id}: {turn.summary()}. The next prompt starts a branch from it; "
        "later turns are kept."
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
