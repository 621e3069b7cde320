"""Checks of what a caller hands a conversation: prompts, picture sizes, seeds, settings.

Each check returns the value to use or raises :class:`~jupyter_imagechat.errors.InputError`
with a message that says what is allowed. The turn pipeline runs them first (step 1), so a
bad request changes nothing.

A picture's size can be asked for in several ways: ``size`` (the chat's, from an argument,
the magic's ``--size``, an environment variable or a settings file), and a turn's
``settings={"width": ..., "height": ...}`` (from ``send``, ``generate``, ``fix`` or
``outpaint``). Each goes through :func:`check_size` with the same largest side: the
engines' limit (:data:`MAX_SIZE`), or less where an administrator set ``max_size``
(:func:`largest_side`).
"""

from __future__ import annotations

import numbers
from typing import Any

from ..errors import InputError
from ..scene.text import clean_text
from ..session import records

__all__ = [
    "MAX_PROMPT_CHARS",
    "MAX_SIZE",
    "MIN_SIZE",
    "check_extent",
    "check_prompt",
    "check_seed",
    "check_settings",
    "check_size",
    "check_size_settings",
    "largest_side",
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


SIZE_SETTINGS = ("width", "height")
"""The settings that ask for a picture's size (each side, in pixels)."""


def largest_side(max_size: Any = None) -> int:
    """The largest picture side allowed: :data:`MAX_SIZE`, or an administrator's smaller
    ``max_size`` (a whole number of pixels; anything else leaves :data:`MAX_SIZE`)."""
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < MIN_SIZE:
        return MAX_SIZE
    return min(max_size, MAX_SIZE)


def check_size(size: Any, most: int = MAX_SIZE, what: str = "size") -> int:
    """Return ``size`` if it is a whole number of pixels from MIN_SIZE to ``most``.

    Raises
    ------
    InputError
        Naming ``what`` (``"size"``, ``"settings['width']"``...) and the allowed range;
        when ``most`` is under :data:`MAX_SIZE`, saying that it is this place's limit.
    """
    size = _whole(size)
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= most:
        where = "" if most >= MAX_SIZE else " (the largest side allowed here: max_size)"
        raise InputError(
            f"{what} must be an integer from {MIN_SIZE} to {most}{where}, got {size!r}"
        )
    return size


def check_size_settings(settings: dict[str, Any], most: int = MAX_SIZE) -> dict[str, Any]:
    """Return ``settings`` once its ``width`` and ``height`` (when given and not None) pass
    :func:`check_size` with the largest side ``most``."""
    for key in SIZE_SETTINGS:
        if settings.get(key) is not None:
            check_size(settings[key], most, f"settings[{key!r}]")
    return settings


def check_extent(width: int, height: int, most: int = MAX_SIZE) -> None:
    """Raise :class:`InputError` when a picture made bigger (outpainting) would have a side
    over ``most``."""
    if max(width, height) > most:
        where = "" if most >= MAX_SIZE else " (max_size)"
        raise InputError(
            f"the extended picture would be {width}x{height}; the largest side allowed here "
            f"is {most} pixels{where}"
        )


def check_seed(seed: Any) -> int:
    """Return ``seed`` if it is an integer from 0 to 2**32 - 1 (a numpy one as an ``int``)."""
    seed = _whole(seed)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise InputError(f"seed must be an integer from 0 to 2**32 - 1, got {seed!r}")
    return seed


def _whole(value: Any) -> Any:
    """``value`` as an ``int`` when it is a whole number (``np.int64(3)`` from numpy
    arithmetic too), else as it is; True and False are not numbers here."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


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
