"""How the widget runs a request: the run lock, worker threads, Stop and progress.

:class:`RunnerMixin` is part of :class:`~jupyter_imagechat.widget.ImageChat`. One request
at a time changes the conversation: the Python API runs its step in the caller's thread
(:meth:`~RunnerMixin._run_locked`), a request from the browser in a worker thread
(:meth:`~RunnerMixin._spawn`) so that the kernel stays free for ``cancel``. A second
request while one runs is refused with :class:`~jupyter_imagechat.errors.Busy`.
:meth:`~RunnerMixin._run_send` runs one prompt (or the plan-first ``generate``, ``fix``
and outpainting, which pass their own ``run``): it shows the prompt and its progress
(``_busy``, ``_progress`` and preview pictures), then posts the outcome to the chat.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from . import protocol
from .errors import Busy

if TYPE_CHECKING:
    from PIL import Image

    from .history import Turn

# Log as jupyter_imagechat.widget, the name these messages had before this module was
# split out of widget.py (users and tests filter on it).
log = logging.getLogger("jupyter_imagechat.widget")
_T = TypeVar("_T")

_SHOWN_PROMPT_CHARS = 300
_PROGRESS_INTERVAL = 0.1  # seconds between progress updates sent to the browser
_UNSET: Any = object()  # "use the mask painted on the canvas"

_MODE_TEXT = {
    "text2img": "Drew a new picture.",
    "img2img": "Redrew the picture from the changed plan.",
    "inpaint": "Changed the picture inside the mask; everything outside it is unchanged.",
    "outpaint": "Extended the picture; the old pixels are unchanged.",
}


class RunnerMixin:
    """Running requests for the widget (see the module docstring)."""

    # provided by ImageChat (and SyncMixin)
    _conversation: Any
    _run_lock: threading.Lock
    _stop: threading.Event
    _worker: threading.Thread | None
    _last_progress: float
    _busy: bool
    _progress: dict[str, Any]
    _image: bytes
    _batch: Callable[[], Any]
    _post: Callable[..., None]
    _post_error: Callable[[BaseException], None]
    _notify: Callable[[Turn], None]
    _sync_image: Callable[[], None]
    _sync_mask: Callable[[], None]
    _reply: Callable[..., None]

    # -- Stop, and waiting for a browser request ----------------------------------
    def cancel(self) -> bool:
        """Ask the running prompt to stop; return True if one was running."""
        running = self._run_lock.locked()
        if running:
            self._stop.set()
        return running

    def _wait(self, timeout: float | None = None) -> bool:
        """Wait for a prompt sent from the browser to finish; True if none is running."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
            return not worker.is_alive()
        return True

    # -- running a prompt --------------------------------------------------------
    def _run_send(
        self,
        prompt: Any,
        *,
        mask: Any = _UNSET,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        run: Callable[..., Turn] | None = None,
    ) -> Turn:
        """Run one prompt (the run lock is held); post the outcome; re-raise errors.

        ``run`` replaces ``Conversation.send`` (the plan-first ``generate`` and ``fix``)."""
        if isinstance(prompt, str) and prompt.strip():
            self._post("user", _shorten(prompt.strip(), _SHOWN_PROMPT_CHARS))
        kwargs: dict[str, Any] = {"seed": seed, "settings": settings}
        if mask is not _UNSET:
            kwargs["mask"] = mask
        self._stop.clear()
        self._last_progress = 0.0
        with self._batch():
            self._busy = True
            self._progress = {"step": 0, "total": 0, "label": "planning"}
        try:
            turn = (run or self._conversation.send)(
                prompt, on_progress=self._on_progress, should_stop=self._stop.is_set, **kwargs
            )
        except Exception as exc:
            with self._batch():
                self._sync_image()  # drop any preview
                self._busy = False
                self._progress = {}
            self._post_error(exc)
            raise
        with self._batch():
            self._sync_image()
            self._sync_mask()
            self._busy = False
            self._progress = {}
        self._post(
            "assistant",
            " ".join([_MODE_TEXT.get(turn.mode, "Done."), *turn.notes]),
            plan=turn.summary(),
            verdict=turn.verdict.summary() if turn.verdict is not None else None,
            turn=turn.id,  # the chat shows the turn's thumbnail from the history strip
        )
        self._notify(turn)
        return turn

    def _on_progress(
        self, step: int, total: int, preview: Image.Image | None, label: str = "drawing"
    ) -> None:
        now = time.monotonic()
        if step < total and now - self._last_progress < _PROGRESS_INTERVAL:
            return
        self._last_progress = now
        with self._batch():
            self._progress = {"step": int(step), "total": int(total), "label": label}
            if preview is not None:
                self._image = protocol.encode_image(preview)

    # -- the run lock ----------------------------------------------------------------
    def _acquire_run(self) -> None:
        if not self._run_lock.acquire(blocking=False):
            raise Busy("still working on the previous request; press Stop or wait")

    def _release_run(self) -> None:
        self._run_lock.release()

    def _run_locked(self, step: Callable[[], _T]) -> _T:
        """Run a Python-API step holding the run lock; a refusal is shown in the chat too."""
        try:
            self._acquire_run()
        except Busy as exc:
            self._post("error", str(exc))
            raise
        try:
            return step()
        finally:
            self._release_run()

    def _spawn(self, req: protocol.Request, step: Callable[[], Any]) -> None:
        """Run a browser request's ``step`` in a worker thread holding the run lock.

        The kernel stays free for ``cancel`` while it runs; the reply carries the new
        turn (or plan) or the error, which the step has already posted to the chat.
        """
        self._acquire_run()

        def work() -> None:
            try:
                out = step()
                result: dict[str, Any] = {}
                if hasattr(out, "mode"):
                    result = {"turn": out.id, "mode": out.mode}
                elif hasattr(out, "to_dict"):
                    result = {"plan": out.to_dict()}
                reply = protocol.ok_reply(req.id, result)
            except Exception as exc:
                reply = protocol.error_reply(req.id, exc)
            finally:
                self._release_run()
            try:
                self._reply(reply)
            except Exception:
                log.exception("could not send a reply to the browser")

        try:
            self._worker = threading.Thread(target=work, name=f"imagechat-{req.kind}", daemon=True)
            self._worker.start()
        except BaseException:
            self._release_run()
            raise

    @contextmanager
    def _hold_run(self) -> Iterator[None]:
        """Hold the run lock for a quick change, or raise :class:`Busy`."""
        self._acquire_run()
        try:
            yield
        finally:
            self._release_run()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
