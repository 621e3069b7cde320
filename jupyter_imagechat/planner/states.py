"""States and poses: what a thing is doing or how it is held, read after the thing.

Helpers for :func:`.phrases.scan`: "-ing" and "-ed" words that are states ("an ostrich
swimming", "the cat is curled up"), a pose named by a noun ("in a wide stance"), the
direction that ends a state ("down | to the side", "tilted | to their right"), a body part's
place ("left arm | to the side") and "in the air". Pure functions on token lists.
"""

from __future__ import annotations

from typing import Any

from . import lexicon as lx
from .clauses import in_colour
from .words import (
    ADVERBS,
    BODY_PARTS,
    FUNCTION_WORDS,
    HARD_BOUNDARY,
    POSE_WORDS,
    STATE_WORDS,
    known_word,
)


def is_state(word: str, rel: int) -> bool:
    """An unknown "-ing" word after a thing ("an ostrich swimming") says what it does."""
    return (
        not rel
        and len(word) > 5
        and word.endswith("ing")
        and word not in lx.KNOWN_NOUNS
        and word not in FUNCTION_WORDS
    )


def body_part_at(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` is a body part ("left | arm")."""
    return j < len(tokens) and lx.singular(tokens[j]) in BODY_PARTS


AIRBORNE = {
    ("in", "the", "air"): 3, ("in", "mid", "air"): 3, ("in", "mid-air"): 2, ("in", "midair"): 2,
    ("mid-air",): 1, ("midair",): 1,
}  # fmt: skip
"""Phrases saying a thing is off the ground ("jumping in the air"): a state, not a place."""
THING_ITEMS = frozenset({"NP", "STATE", "COP"})


def participle(word: str) -> bool:
    """An unknown "-ed" word after "is" says how a thing is ("is curled up", "is tilted")."""
    return (
        len(word) > 4
        and word.endswith("ed")
        and not known_word(word)
        and word not in FUNCTION_WORDS
        and word not in lx.ADJECTIVES
    )


def state_next(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` is a state word ("while crying", "while standing")."""
    return j < len(tokens) and (
        tokens[j] in STATE_WORDS or tokens[j] in POSE_WORDS or is_state(tokens[j], 0)
    )


def after_and(tokens: list[str], i: int, items: list[Any]) -> bool:
    """Whether ``tokens[i]`` follows "and" (and adverbs: "and slightly bent") or a comma
    (before a boundary: ", smiling and ...") after a thing."""
    k = i - 1
    while k > 0 and tokens[k] in ADVERBS:
        k -= 1
    if len(items) < 2 or items[-1].kind != "CONJ":
        return False
    if tokens[k] == ",":  # "woman dressed in black, smiling and ...", not ", glowing eyes"
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ","
        return nxt in HARD_BOUNDARY or nxt in FUNCTION_WORDS
    return tokens[k] in ("and", "also")


POSE_NOUNS = frozenset(lx.words("pose position stance posture squat crouch lunge"))
"""Nouns that end "in a ... pose": "in a wide stance", "in throwing position"."""


def in_pose(tokens: list[str], i: int) -> tuple[str | None, int]:
    """Read "in a wide stance squat" / "in throwing position" at ``i`` (after a thing):
    the pose it names and the index after it, or ``None`` and ``i``."""
    if tokens[i] != "in":
        return None, i
    j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in ("a", "an", "the", "his", "her", "their"))
    k = j
    while k < len(tokens) and k - j < 4 and tokens[k] not in POSE_NOUNS:
        word = tokens[k]
        loose = word in FUNCTION_WORDS and word not in ("up", "down")  # "a push up position"
        if word in HARD_BOUNDARY or known_word(word) or loose:
            return None, i
        k += 1
    if k >= len(tokens) or tokens[k] not in POSE_NOUNS:
        return None, i
    k += 1
    while k < len(tokens) and tokens[k] in POSE_NOUNS:
        k += 1  # "wide stance squat"
    return " ".join(tokens[j:k]), k


SIDE_WORDS = frozenset(lx.words("side sides left right front back ground floor sky"))
_OWNERS = frozenset(lx.words("the a his her their its your one"))


def side_pose(tokens: list[str], i: int) -> int:
    """Index after "to the side" / "by their side" / "in front" at ``i`` (after a body part:
    "left arm to the side"), or ``i``."""
    if i >= len(tokens):
        return i
    if tokens[i] == "in" and i + 1 < len(tokens) and tokens[i + 1] == "front":
        return i if i + 2 < len(tokens) and tokens[i + 2] == "of" else i + 2
    if tokens[i] not in ("to", "by", "at"):
        return i
    j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in _OWNERS)
    if j < len(tokens) and tokens[j] in ("side", "sides"):
        return i if j + 1 < len(tokens) and tokens[j + 1] == "of" else j + 1
    return i


def state_tail(tokens: list[str], k: int) -> int:
    """Index after a direction that ends a state at ``k`` ("down | to the side", "tilted |
    to their right", "pointing | towards the ground", "out | in front"); ``k`` if none."""
    side = side_pose(tokens, k)
    if side > k:
        return side
    if k >= len(tokens) or tokens[k] not in ("to", "toward", "towards"):
        return k
    j = k + 1 + (k + 1 < len(tokens) and tokens[k + 1] in _OWNERS)
    if j < len(tokens) and tokens[j] in SIDE_WORDS:
        if tokens[j] in ("left", "right") and tokens[j - 1] in ("to", "the", "toward", "towards"):
            return k  # "looking to the right": the way it faces (see annotations)
        if j + 1 < len(tokens) and tokens[j + 1] == "of":
            return k  # "to the left of the tree": a relation
        return j + 1
    return k


LINKING_VERBS = frozenset(lx.words("looks look appears appear seems seem"))
_DEGREE = frozenset(
    lx.words("very so quite really rather too pretty extremely fairly a bit little")
)


def linking_verb(tokens: list[str], i: int) -> int:
    """Index after a linking verb at ``i`` that an adjective follows ("looks sad", "seems to
    be very tired"), so that it reads as "is"; ``i`` when it is not one ("looks up")."""
    if tokens[i] not in LINKING_VERBS:
        return i
    k = i + 1
    if tuple(tokens[k : k + 2]) == ("to", "be"):
        k += 2
    j = k
    while j < len(tokens) and tokens[j] in _DEGREE:
        j += 1
    if j >= len(tokens):
        return i
    word = tokens[j]
    adjective = lx.color_of(word) is not None or word in lx.ADJECTIVES or word in lx.SHADES
    return k if adjective and (word not in lx.KNOWN_NOUNS or k > i + 1) else i


def dressed_in(tokens: list[str], i: int) -> int:
    """Index after "dressed in black" / "wearing red" / "clad in white" at ``i`` (after a
    person): clothes named only by their colour, a state; ``i`` when a noun follows ("wearing
    red boots" is a thing worn)."""
    word = tokens[i]
    if word in ("dressed", "clad", "clothed") and tokens[i + 1 : i + 2] == ["in"]:
        start = i + 1
    elif word in ("wearing", "wears", "wear") and i + 1 < len(tokens):
        start = i
    else:
        return i
    window = ["in", *tokens[start + 1 : start + 9]]
    attrs, k = in_colour(window, 0)
    return start + k if attrs else i


_DEGREE_TAILS = {("a", "little"): 2, ("a", "bit"): 2, ("a", "little", "bit"): 3}


def degree_tail(tokens: list[str], k: int) -> int:
    """Index after "a little" / "a bit" that ends a state at ``k`` ("bent a little, ..."), not
    "a little dog"; ``k`` if none."""
    start = k
    k += k < len(tokens) and tokens[k] in ("just", "only")  # "bent just a little"
    for words, size in _DEGREE_TAILS.items():
        if tuple(tokens[k : k + size]) == words:
            after = tokens[k + size] if k + size < len(tokens) else ","
            if after in HARD_BOUNDARY or after in FUNCTION_WORDS or after in ("left", "right"):
                return k + size
    return start
