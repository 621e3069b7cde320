"""Checks of what a caller hands a conversation: prompts, picture sizes and seeds.

Each check returns the value to use or raises :class:`~jupyter_imagechat.errors.InputError`
with a message that says what is allowed. :class:`~jupyter_imagechat.conversation.Conversation`
(and its plan-first methods, :mod:`.conversation_plan`) run them before anything changes;
the limits are re-exported by :mod:`jupyter_imagechat.conversation`.
"""

from __future__ import annotations

from typing import Any

from .errors import InputError

MAX_PROMPT_CHARS = 2000
"""Longest prompt accepted, in characters."""

MIN_SIZE, MAX_SIZE = 64, 2048
"""Allowed picture sizes in pixels (each side)."""


def _check_prompt(prompt: Any) -> str:
    if not isinstance(prompt, str):
        raise InputError(f"the prompt must be text, got {type(prompt).__name__}")
    text = prompt.strip()
    if not text:
        raise InputError("Type what you want to see, e.g. 'three red apples left of a blue bowl'")
    if len(text) > MAX_PROMPT_CHARS:
        raise InputError(
            f"the prompt is {len(text):,} characters long; the limit is {MAX_PROMPT_CHARS:,}"
        )
    return text


def _check_size(size: Any) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise InputError(f"size must be an integer from {MIN_SIZE} to {MAX_SIZE}, got {size!r}")
    return size


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise InputError(f"seed must be an integer from 0 to 2**32 - 1, got {seed!r}")
    return seed


UNDO_WORDS = frozenset(
    {"undo", "undo that", "undo it", "go back", "back", "revert", "undo the last change"}
)
"""Chat messages that go back to the picture before instead of drawing."""


def is_undo(prompt: object) -> bool:
    """Whether ``prompt`` asks to undo ("undo", "go back"), not to draw."""
    return isinstance(prompt, str) and prompt.strip().lower().rstrip(".!") in UNDO_WORDS
