"""Maths things with what they show: a fraction of a shape or a pizza, a clock at a time,
a number line's range, a coin's value.

"a quarter of a pizza", "three quarters of a square shaded", "a pizza cut into eighths",
"a clock showing half past three", "7:20", "a number line from 0 to 20", "three 10p
coins". :func:`read_maths_things` takes these words out of the prompt and returns the
attributes to set on the things the rest of the prompt names (``fraction: "3/4"``,
``time: "3:30"``, ``range: "0-20"``, ``value: "10p"``), which the built-in engine draws.
Signs are already words (:func:`.maths.spell_signs`: "3/4" is "3 over 4").
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..words import read_number

__all__ = ["CLOCKS", "FRACTION_SHAPES", "Wanted", "read_maths_things"]

# -- fractions, times, ranges, coins ----------------------------------------------------------
FRACTION_WORDS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "twelfth": 12, "twelfths": 12,
}  # fmt: skip
FRACTION_SHAPES = frozenset(lx.words("circle square rectangle pizza pie cake"))
"""Things a fraction can be drawn on (the built-in engine has them cut into equal parts)."""
CLOCKS = frozenset({"clock", "alarm clock", "watch"})
_CUT = frozenset(lx.words("cut divided split sliced shared"))
_COIN_UNITS = {
    "p": "p", "pence": "p", "penny": "p", "pennies": "p", "pound": "£", "pounds": "£",
    "cent": "¢", "cents": "¢", "c": "¢", "dollar": "$", "dollars": "$",
}  # fmt: skip


def _fraction_at(tokens: list[str], i: int) -> tuple[tuple[int, int], int] | None:
    """ "three quarters", "a half", "half", "1 over 4", "2 thirds" at ``i``."""
    top, j = read_number(tokens, i)
    if top is None and tokens[i] in ("a", "an", "one"):
        top, j = 1, i + 1
    if top is None:
        top, j = 1, i
    if j < len(tokens) and tokens[j] in FRACTION_WORDS:
        return (top, FRACTION_WORDS[tokens[j]]), j + 1
    if j < len(tokens) and tokens[j] == "over":
        bottom, k = read_number(tokens, j + 1)
        if bottom:
            return (top, bottom), k
    return None


Wanted = dict[str, list[dict[str, str]]]
"""Noun -> the maths attributes of each of its things, in the order the prompt names them."""


def read_maths_things(tokens: list[str]) -> tuple[list[str], Wanted]:
    """Take fractions, clock times, number line ranges and coin values out of ``tokens``.

    Returns the tokens left to plan and, per noun they belong to, the attributes to set on
    its things once planned, in order: ``{"pizza": [{"fraction": "1/4"}], "clock":
    [{"time": "3:30"}]}`` ("a quarter of a pizza and half a pizza": two pizzas).
    """
    wanted: Wanted = {}
    out = _fractions(tokens, wanted)
    out = _times(out, wanted)
    out = _ranges(out, wanted)
    out = _coins(out, wanted)
    return out, wanted


_PARTS = frozenset(lx.words("part parts piece pieces slice slices section sections"))
_SHADED = frozenset(lx.words("shaded shade coloured colored colour color filled"))


def _fractions(tokens: list[str], wanted: Wanted) -> list[str]:
    """ "three quarters of a square", "half a pizza", "a pizza cut into quarters", "a
    square cut in half", "a rectangle divided into 4 equal parts with 1 part shaded"."""
    shapes = [k for k, t in enumerate(tokens) if lx.singular(t) in FRACTION_SHAPES]
    if not shapes:
        return tokens
    out: list[str] = []
    found_any = False
    i = 0
    while i < len(tokens):
        found = _fraction_at(tokens, i) if tokens[i] not in _CUT else None
        into = i > 1 and tokens[i - 1] in ("into", "in") and tokens[i - 2] in _CUT
        parts = _equal_parts(tokens, i) if i and tokens[i - 1] == "into" else None
        if parts is not None:
            found, into = parts, False
        if found is not None and (found[1] > i + 1 or tokens[i] in FRACTION_WORDS):
            (top, bottom), j = found
            if into:  # "cut into quarters": every part there
                top = bottom
            j += tokens[j : j + 1] == ["of"]
            after = [k for k in shapes if k >= j]
            before = [k for k in shapes if k < i] or shapes[:1]
            shape = tokens[after[0]] if after and not (into or parts) else tokens[max(before)]
            if 1 <= bottom <= 12 and 0 <= top <= bottom:
                wanted.setdefault(lx.singular(shape), []).append({"fraction": f"{top}/{bottom}"})
                found_any = True
                if out and out[-1] in ("into", "in"):
                    out.pop()
                    while out and out[-1] in _CUT:
                        out.pop()
                i = j
                continue
        out.append(tokens[i])
        i += 1
    return [t for t in out if t not in _SHADED] if found_any else out


def _equal_parts(tokens: list[str], i: int) -> tuple[tuple[int, int], int] | None:
    """ "4 equal parts with 1 part shaded" after "into": (1, 4) and the index after; all
    parts there when none is said to be shaded."""
    bottom, j = read_number(tokens, i)
    j += tokens[j : j + 1] == ["equal"]
    if bottom is None or tokens[j : j + 1] == [] or tokens[j] not in _PARTS:
        return None
    j += 1
    top, k = bottom, j
    if tokens[j : j + 1] in (["with"], ["and"]):
        shaded, m = read_number(tokens, j + 1)
        m += tokens[m : m + 1] != [] and tokens[m] in _PARTS
        if shaded is not None and tokens[m : m + 1] != [] and tokens[m] in _SHADED:
            top, k = shaded, m + 1
    return (top, bottom), k


_HOURS = {**lx.NUMBER_WORDS}


def _times(tokens: list[str], wanted: Wanted) -> list[str]:
    """ "half past three", "quarter to 4", "3 o'clock", "7 colon 30", "ten past six"."""
    if not any(lx.singular(t) in ("clock", "watch", "time") for t in tokens):
        return tokens
    for i in range(len(tokens)):
        time, j = _time_at(tokens, i)
        if time is not None:
            k = i - 1 if i and tokens[i - 1] in ("showing", "shows", "reading", "at") else i
            wanted.setdefault("clock", []).append({"time": time})
            return _times(tokens[:k] + tokens[j:], wanted)
    return tokens


def _time_at(tokens: list[str], i: int) -> tuple[str | None, int]:
    word = tokens[i]
    if word in ("half", "quarter") and tokens[i + 1 : i + 2] in (["past"], ["to"]):
        hour, j = read_number(tokens, i + 2)
        if hour is not None and 1 <= hour <= 12:
            minutes = 30 if word == "half" else 15
            if tokens[i + 1] == "to":
                hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
            return f"{hour}:{minutes:02d}", j
    number, j = read_number(tokens, i)
    if number is None:
        return None, i
    if tokens[j : j + 1] == ["o'clock"] and 1 <= number <= 12:
        return f"{number}:00", j + 1
    if tokens[j : j + 1] in (["colon"], [":"]):
        past, k = read_number(tokens, j + 1)
        if past is not None and 0 <= past < 60 and 0 <= number <= 23:
            return f"{(number - 1) % 12 + 1}:{past:02d}", k
    j2 = j + (tokens[j : j + 1] == ["minutes"])
    if tokens[j2 : j2 + 1] in (["past"], ["to"]) and 1 <= number < 60:
        hour, k = read_number(tokens, j2 + 1)
        if hour is not None and 1 <= hour <= 12:
            if tokens[j2] == "to":
                return f"{(hour - 2) % 12 + 1}:{60 - number:02d}", k
            return f"{hour}:{number:02d}", k
    return None, i


def _ranges(tokens: list[str], wanted: Wanted) -> list[str]:
    """ "a number line from 0 to 20", "a number line to 10", "a 0-20 number line"."""
    if "line" not in tokens and "numberline" not in tokens:
        return tokens
    for i, word in enumerate(tokens):
        dashed = re.fullmatch(r"(\d{1,3})-(\d{1,3})", word)  # "a 0-20 number line"
        if dashed and int(dashed.group(1)) < int(dashed.group(2)) <= int(dashed.group(1)) + 100:
            wanted.setdefault("number line", []).append({"range": word})
            return tokens[:i] + tokens[i + 1 :]
        if word not in ("from", "to"):
            continue
        low, j = (0, i + 1) if word == "to" else read_number(tokens, i + 1)
        if low is None:
            continue
        if word == "from":
            if tokens[j : j + 1] not in (["to"], ["minus"]):
                continue
            j += 1
        high, k = read_number(tokens, j)
        if high is not None and low < high and high - low <= 100:
            wanted.setdefault("number line", []).append({"range": f"{low}-{high}"})
            return tokens[:i] + tokens[k:]
    return tokens


def _coins(tokens: list[str], wanted: Wanted) -> list[str]:
    """ "a 5p coin", "three 10p coins", "a 2 pound coin", "a 25 cent coin"."""
    if not any(lx.singular(t) == "coin" for t in tokens):
        return tokens
    for i, word in enumerate(tokens):
        match = re.fullmatch(r"(\d{1,3})(p|c)", word)
        if match:
            value, unit, end = int(match.group(1)), _COIN_UNITS[match.group(2)], i + 1
        elif word.isdigit() and tokens[i + 1 : i + 2] and tokens[i + 1] in _COIN_UNITS:
            value, unit, end = int(word), _COIN_UNITS[tokens[i + 1]], i + 2
        else:
            continue
        if tokens[end : end + 1] and lx.singular(tokens[end]) == "coin":
            shown = f"{unit}{value}" if unit in "£$" else f"{value}{unit}"
            wanted.setdefault("coin", []).append({"value": shown})
            return _coins(tokens[:i] + tokens[end:], wanted)
    return tokens
