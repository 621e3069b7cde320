"""The history strip: a thumbnail per turn, one row per branch, under the chat.

:class:`HistoryStrip` turns a history into the ``_history`` trait's entries:
``[{id, parent, mode, prompt, thumb?}]``, oldest first, at most :data:`MAX_STRIP_TURNS`;
``thumb`` is a JPEG of at most :data:`THUMB_SIZE` px a side, and all thumbs together stay
under :data:`MAX_STRIP_BYTES` (the oldest lose theirs first). So the widget state a
notebook saves stays bounded however long the session: the current picture and mask, at
most ``MAX_MESSAGES`` chat messages, and the strip. The full pictures live in the history
and the autosave folder, never in the synced state.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

    from ..session import History, Turn

__all__ = ["MAX_STRIP_BYTES", "MAX_STRIP_TURNS", "THUMB_SIZE", "HistoryStrip", "thumbnail"]

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


class HistoryStrip:
    """The strip's entries for a history; each turn's thumbnail is made once."""

    def __init__(self) -> None:
        self._thumbs: dict[str, bytes] = {}

    def entries(self, history: History) -> tuple[list[dict[str, Any]], str]:
        """Return the strip's entries (oldest first) and the id of the current turn."""
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
            thumb = self.thumb(turn)
            if len(thumb) <= budget:
                entry["thumb"] = thumb
                budget -= len(thumb)
            entries.append(entry)
        head = history.head
        return entries[::-1], head.id if head is not None else ""

    def thumb(self, turn: Turn) -> bytes:
        """Return ``turn``'s thumbnail (made on first use)."""
        thumb = self._thumbs.get(turn.id)
        if thumb is None:
            thumb = self._thumbs[turn.id] = thumbnail(turn.image)
        return thumb
