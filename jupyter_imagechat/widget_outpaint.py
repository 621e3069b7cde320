"""The widget's outpainting: extend the picture beyond its borders.

:class:`OutpaintMixin` is part of :class:`~jupyter_imagechat.widget.ImageChat`. It gives
the Python method :meth:`~OutpaintMixin.outpaint` and handles the browser's ``outpaint``
request (the canvas toolbar's Extend control, ``js/extend.js``; checked by
:mod:`.protocol`). Both run :meth:`.Conversation.outpaint` through the widget's runner,
so the turn, its progress, Stop, errors in the chat pane and the history (and the code
:meth:`.History.to_code` exports for it) are the same whichever way it was asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import protocol

if TYPE_CHECKING:
    from .history import Turn


class OutpaintMixin:
    """Outpainting methods of the widget (see the module docstring)."""

    # provided by ImageChat
    _conversation: Any
    _run_send: Callable[..., Turn]
    _run_locked: Callable[..., Any]
    _spawn: Callable[..., None]

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
        :meth:`~jupyter_imagechat.conversation.Conversation.outpaint` (and its errors).
        """
        margins = {"left": left, "right": right, "top": top, "bottom": bottom}
        return self._run_locked(
            lambda: self._run_outpaint(margins, prompt, seed=seed, settings=settings)
        )

    def _do_outpaint(self, req: protocol.Request) -> None:
        assert req.margins is not None
        prompt = req.prompt if req.prompt and req.prompt.strip() else None  # blank: none
        self._spawn(req, lambda: self._run_outpaint(req.margins, prompt))

    def _run_outpaint(
        self,
        margins: dict[str, Any],
        prompt: str | None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Turn:
        """Post what was asked ("extend right by 128 px: a tree") and run it (lock held)."""
        shown = "extend " + ", ".join(f"{k} by {v} px" for k, v in margins.items() if v)
        if isinstance(prompt, str) and prompt.strip():
            shown += f": {prompt.strip()}"

        def run(_shown: str, **kwargs: Any) -> Turn:
            return self._conversation.outpaint(**margins, prompt=prompt, **kwargs)

        return self._run_send(shown, seed=seed, settings=settings, run=run)
