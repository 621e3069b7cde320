"""Checks of what a caller hands a conversation: prompts, picture sizes, seeds, settings.

Each check returns the value to use or raises :class:`~jupyter_imagechat.errors.InputError`
with a message that says what is allowed. The turn pipeline runs them first (step 1), so a
bad request changes nothing.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..scene.text import clean_text
from ..session import records

__all__ = [
    "MAX_PROMPT_CHARS",
    "MAX_SIZE",
    "MIN_SIZE",
    "check_prompt",
    "check_seed",
    "check_settings",
    "check_size",
]

MAX_PROMPT_CHARS = 2000
"""Longest prompt accepted, in characters."""

MIN_SIZE, MAX_SIZE = 64, 2048
"""Allowed picture sizes in pixels (each side)."""


def check_prompt(prompt: Any) -> str:
    """Return the prompt stripped, or raise for one that is not text, empty or too long."""
    if not isinstance(prompt, str):
        raise InputError(f"the prompt must be text, got {type(prompt).__name__}")
    text = clean_text(prompt).strip()  # half an emoji from a browser becomes U+FFFD
    if not text:
        raise InputError("Type what you want to see, e.g. 'three red apples left of a blue bowl'")
    if len(text) > MAX_PROMPT_CHARS:
        raise InputError(
            f"the prompt is {len(text):,} characters long; the limit is {MAX_PROMPT_CHARS:,}"
        )
    return text


def check_size(size: Any) -> int:
    """Return ``size`` if it is a whole number of pixels from MIN_SIZE to MAX_SIZE."""
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise InputError(f"size must be an integer from {MIN_SIZE} to {MAX_SIZE}, got {size!r}")
    return size


def check_seed(seed: Any) -> int:
    """Return ``seed`` if it is an integer from 0 to 2**32 - 1."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise InputError(f"seed must be an integer from 0 to 2**32 - 1, got {seed!r}")
    return seed


def check_settings(settings: Any) -> dict[str, Any]:
    """Return a copy of ``settings`` (``{}`` for None) with its texts made valid.

    Settings are named by identifiers and hold what JSON holds (text, whole or finite
    numbers, true/false, null, lists and dicts of those): see
    :func:`jupyter_imagechat.session.records.check_settings`.

    Raises
    ------
    InputError
        Naming the setting that is not such a value.
    """
    return records.check_settings(settings)
