"""Measures are not counts: "bent at 90 degrees", "a man 6 feet tall", "10 minutes", "8 k".

A number before a unit says how much, not how many things: the scan reads such a run of
tokens with :func:`measure_end` and gives it to the state before it ("elbows bent at 90
degree angles") or drops it, so no "50 x degree angle" is planned. "feet" and "foot" are
units only where a body part cannot be meant: after digits ("6 feet") or before a
dimension word ("two feet tall"); "stands on two feet" keeps its feet. The word tables
are in ``data/words.json`` (``units``, ``length_units``, ``dimensions``,
``measure_leads``).
"""

from __future__ import annotations

import re

from ..vocab.files import read_json
from . import lexicon as lx
from .words import read_number

__all__ = ["is_measure_token", "measure_end"]

_WORDS = read_json(__file__, "words.json")
UNITS: frozenset[str] = frozenset(_WORDS["units"])
"""Units that make a measure after any number ("90 degrees", "ten minutes")."""
LENGTH_UNITS: frozenset[str] = frozenset(_WORDS["length_units"])
"""Units that are also body parts ("feet"): a measure only after digits or before a
dimension word."""


def _by_first(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """First word -> the phrases starting with it, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted((tuple(p.split()) for p in phrases), key=len, reverse=True):
        out.setdefault(words[0], []).append(words)
    return out


DIMENSIONS = _by_first(_WORDS["dimensions"])
"""Words after a measure that say what it measures ("tall", "in diameter", "angles")."""
LEADS = _by_first(_WORDS["measure_leads"])
"""Words before a number that belong to its measure ("at about 45 degrees")."""

_UNIT_PATTERN = "|".join(sorted((re.escape(u) for u in UNITS | LENGTH_UNITS), key=len))
_ONE_TOKEN = re.compile(
    rf"^(?:\d+|{'|'.join(lx.NUMBER_WORDS)})-?(?:{_UNIT_PATTERN}|foot)s?(?:-[a-z]+)*$"
)
"""A measure written as one token: "90-degree", "10-minute", "2cm", "5-foot-tall"."""


def is_measure_token(word: str) -> bool:
    """Whether ``word`` is a whole measure on its own ("2cm", "90-degree", "five-minute")."""
    return bool(_ONE_TOKEN.match(word)) and not word.isdigit()


def _match(tokens: list[str], i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """Length of the longest phrase of ``table`` at ``tokens[i]`` (0 if none)."""
    if i >= len(tokens):
        return 0
    for words in table.get(tokens[i], ()):
        if tuple(tokens[i : i + len(words)]) == words:
            return len(words)
    return 0


def measure_end(tokens: list[str], i: int) -> int:
    """Index after the measure that starts at ``tokens[i]``, ``i`` if none starts there.

    A measure is an optional lead ("at", "about"), a number and a unit, then an optional
    dimension ("tall", "angles"); or a one-token measure ("90-degree") with its dimension.
    """
    word = tokens[i]
    if word not in LEADS and not word[0].isdigit() and word.split("-")[0] not in lx.NUMBER_WORDS:
        return i  # most tokens: a look-up or two
    n = len(tokens)
    start = i + _match(tokens, i, LEADS)
    if start < n and is_measure_token(tokens[start]):
        end = start + 1
        return end + _match(tokens, end, DIMENSIONS)
    value, k = read_number(tokens, start)
    if value is None or k >= n or k == start:
        return i
    if tokens[start] in ("a", "an"):
        return i  # "a hundred degrees" is rare; "a foot" is a foot
    unit = tokens[k]
    digits = tokens[start].isdigit()
    if unit in (":", "colon") and digits and tokens[k + 1 : k + 2] and tokens[k + 1].isdigit():
        return k + 2  # a time or a ratio no clock showed ("4:20", "16:9")
    if unit in UNITS:
        end = k + 1
    elif unit in LENGTH_UNITS:
        dim = _match(tokens, k + 1, DIMENSIONS)
        if not (dim or (digits and value > 2) or (unit == "foot" and value > 1)):
            return i  # "stands on two feet", "on one foot"
        end = k + 1
    else:
        return i
    if (
        tokens[end : end + 1] in (["per"], ["a"], ["an"])
        and tokens[end + 1 : end + 2]
        and (tokens[end + 1] in UNITS or tokens[end + 1] == "foot")
    ):
        end += 2  # "2 inches per minute", "60 miles an hour"
    return end + _match(tokens, end, DIMENSIONS)
