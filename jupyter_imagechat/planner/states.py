"""States and poses: what a thing is doing or how it is held, read after the thing.

Helpers for :func:`.phrases.scan`: "-ing" and "-ed" words that are states ("an ostrich
swimming", "the cat is curled up"), a pose named by a noun ("in a wide stance"), the
direction that ends a state ("down | to the side", "tilted | to their right"), a body part's
place ("left arm | to the side") and "in the air". Pure functions on token lists.
"""

from __future__ import annotations

from typing import Any

from . import lexicon as lx
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
    """Whether ``tokens[i]`` follows "and" (and adverbs: "and slightly bent") after a thing."""
    k = i - 1
    while k > 0 and tokens[k] in ADVERBS:
        k -= 1
    return len(items) > 1 and items[-1].kind == "CONJ" and tokens[k] in ("and", "also")


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
