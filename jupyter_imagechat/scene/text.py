"""Valid text: what every boundary does to text that comes from outside.

Text reaches the kernel from the browser (JSON that may carry half an emoji: a lone
surrogate such as ``"\\ud83c"``), from the Python API, from notebooks, autosave folders and
PNG text chunks. Python keeps a lone surrogate in a ``str`` without complaint, and it
breaks later, far from where it came in: encoding a PNG text chunk or a JSON file raises
``UnicodeEncodeError``. So every boundary cleans text once, with :func:`clean_text`, or
refuses it with :func:`invalid_text`'s reason:

- a lone surrogate becomes U+FFFD (the replacement character, what a browser's
  ``TextEncoder`` writes for one); a surrogate pair held as two code points becomes the
  one character it encodes;
- control characters other than tab, line feed and carriage return are dropped (NUL ends
  strings in C libraries and file formats).

:func:`clean_data` does the same to every string (keys too) inside JSON-like data.
"""

from __future__ import annotations

import re
from typing import Any

from .vocabulary import SceneError

__all__ = ["MAX_DEPTH", "check_text", "clean_data", "clean_text", "invalid_text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return ``value`` as valid text (see the module docstring); the same string if it is."""
    if _SURROGATE.search(value) is not None:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if _CONTROL.search(value) is not None:
        value = _CONTROL.sub("", value)
    return value


def invalid_text(value: str) -> str | None:
    """Return why ``value`` is not valid text (``None`` when it is): a lone surrogate or a
    control character, with its position."""
    for pattern, what in ((_SURROGATE, "a lone surrogate (half an emoji)"),
                          (_CONTROL, "a control character")):  # fmt: skip
        found = pattern.search(value)
        if found is not None:
            return f"holds {what} at position {found.start()}"
    return None


def check_text(value: str, what: str, limit: int) -> None:
    """Raise :class:`~.vocabulary.SceneError` naming ``what`` when ``value`` is longer than
    ``limit`` characters or is not valid text."""
    if len(value) > limit:
        raise SceneError(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    reason = invalid_text(value)
    if reason is not None:
        shown = repr(value) if len(value) <= 40 else repr(value[:37]) + "..."
        raise SceneError(f"{what} {reason}: {shown}")


MAX_DEPTH = 32
"""Deepest nesting of lists and dicts :func:`clean_data` accepts (a scene graph is 4 deep)."""


def clean_data(value: Any, *, depth: int = MAX_DEPTH) -> Any:
    """Return JSON-like ``value`` with every string in it (dict keys too) cleaned.

    Dicts, lists and tuples are rebuilt (tuples as lists); other values are returned as
    they are.

    Raises
    ------
    ValueError
        When lists and dicts nest deeper than ``depth`` (deep nesting would otherwise end
        in a ``RecursionError`` somewhere later).
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (dict, list, tuple)) and depth <= 0:
        raise ValueError(f"lists and objects nest deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        return {
            (clean_text(k) if isinstance(k, str) else k): clean_data(v, depth=depth - 1)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [clean_data(v, depth=depth - 1) for v in value]
    return value
