"""What a notebook shows where the widget cannot run: the picture and a few lines of text.

A widget's output holds only a reference to a live model, which GitHub, nbviewer and
``nbconvert --to html`` cannot draw. So the output of ``chat`` carries, beside the widget
view, a PNG of the current picture (at most :data:`MAX_SIDE` pixels a side) and a short text:
live front ends draw the widget, the others show the picture. The bundle is made when the
output is displayed: run the cell (or display ``chat`` again) to show a newer picture there.

JupyterLab and Notebook 7 always choose the widget view, so after the kernel is gone they
draw the chat from the widget state saved in the notebook (their "Save Widget State
Automatically" setting, off by default), or say the model is not found.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any, Protocol

import anywidget

if TYPE_CHECKING:
    from ..turns import Conversation

__all__ = ["MAX_SIDE", "fallback", "repr_mimebundle"]

MAX_SIDE = 512
"""The static picture's longest side in pixels (a bigger picture is scaled down)."""


class _Chat(Protocol):
    @property
    def conversation(self) -> Conversation: ...


def fallback(conversation: Conversation) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return ``(data, metadata)``: the current picture as ``image/png`` (none before the
    first turn) and a summary as ``text/plain``, for a notebook output."""
    history = conversation.history
    head = history.head
    if head is None:
        return {"text/plain": "ImageChat: no picture yet (run the notebook to use the chat)"}, {}
    image = head.image.convert("RGBA" if head.image.mode in ("RGBA", "LA", "P") else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    width, height = head.image.size
    turns = f"{len(history)} turn{'s' if len(history) != 1 else ''}"
    lines = [f"ImageChat: {turns}; the picture of {head.id} ({width}x{height})"]
    if head.prompt:
        lines.append(f"Prompt: {head.prompt}")
    lines.append(f"Plan: {head.summary()}")
    if head.verdict is not None:
        lines.append(f"Check: {head.verdict.summary()}")
    data = {"image/png": base64.b64encode(buf.getvalue()).decode("ascii")}
    metadata = {"image/png": {"width": image.width, "height": image.height}}
    return {**data, "text/plain": "\n".join(lines)}, metadata


def repr_mimebundle(widget: Any, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The widget's own bundle (its view) plus :func:`fallback` of its conversation: the
    ``_repr_mimebundle_`` of :class:`~.chat.ImageChat`."""
    bundle = anywidget.AnyWidget._repr_mimebundle_(widget, **kwargs)
    if bundle is None:
        return None
    data, metadata = bundle
    chat: _Chat = widget
    extra, extra_metadata = fallback(chat.conversation)
    return {**data, **extra}, {**metadata, **extra_metadata}
