"""Chat messages that are commands, not pictures: "undo" and "fix".

They mean the same wherever they are typed: the chat pane, ``send()``, ``%%imagechat``
and the command line all go through the turn pipeline, which reads them here.
"""

from __future__ import annotations

__all__ = ["FIX", "FIX_WORDS", "UNDO", "UNDO_WORDS", "command_of"]

UNDO, FIX = "undo", "fix"

UNDO_WORDS = frozenset(
    {"undo", "undo that", "undo it", "go back", "back", "revert", "undo the last change"}
)
"""Messages that go back to the picture before instead of drawing."""

FIX_WORDS = frozenset({"fix", "fix it", "fix them", "fix this", "fix that", "fix the picture"})
"""Messages that ask to redraw what the checker found wrong."""


def command_of(prompt: object) -> str | None:
    """Return :data:`UNDO` or :data:`FIX` when ``prompt`` is that command, else ``None``."""
    if not isinstance(prompt, str):
        return None
    text = prompt.strip().lower().rstrip(".!")
    if text in UNDO_WORDS:
        return UNDO
    if text in FIX_WORDS:
        return FIX
    return None
