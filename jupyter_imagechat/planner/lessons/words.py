"""The words around a lesson request: who it is for, signs that a diagram is wanted, words
that are never things.

Read once from ``data/lessons.json``. Nothing here builds a scene: :mod:`.topics` matches
topics with :func:`content_words`, :mod:`.request` drops "for my year 3 class" with
:func:`drop_audience`, and :mod:`..abstract` reads :data:`ABSTRACT`.
"""

from __future__ import annotations

import os

from ...vocab.files import read_json
from .. import lexicon as lx
from ..words import BODY_PARTS, POSE_WORDS, STATE_WORDS
from ..words import FUNCTION_WORDS as SCAN_WORDS

_PLANNER = os.path.dirname(os.path.abspath(__file__))  # data_path looks in its data/

_DATA = read_json(_PLANNER, "lessons.json")

CUE_SETS: dict[str, list[frozenset[str]]] = {
    kind: [frozenset(cue) for cue in cues] for kind, cues in _DATA["kinds"].items()
}
"""Kind of topic -> word sets that, with the topic's subject, name it ("life cycle" +
"frog")."""

FILLER: frozenset[str] = frozenset(_DATA["cues"])
"""Words around a topic that are not things ("diagram", "stages", "work" in "how does the
water cycle work"): a topic's leftover words drop entities of these names."""

STRONG_CUES: frozenset[str] = frozenset(
    lx.words(
        "diagram label labelled labeled labelling labeling part parts anatomy how why explain "
        "explaining explains lesson poster worksheet stage stages cycle infographic"
    )
)
"""Words that say a lesson picture is wanted: with them a topic named only by things'
names ("shadows", "magnets") is the topic."""

SAME_AS: dict[str, str] = dict(_DATA["same_as"]["words"])
"""A topic word -> the word the matcher reads it as ("phases" are "stages", a "graph" a
"chart", "sorted" is "grouped"), in topics' names and prompts alike."""

ALONE: frozenset[str] = frozenset(_DATA["alone"]["words"])
"""Single words that name their topic on their own ("photosynthesis")."""

AUDIENCE_LEADS: frozenset[str] = frozenset(_DATA["audience"]["leads"])
AUDIENCE_WORDS: frozenset[str] = frozenset(_DATA["audience"]["words"])
AUDIENCE_NEEDS: frozenset[str] = frozenset(_DATA["audience"]["needs_one_of"])

ABSTRACT: dict[str, str] = {
    word: role
    for role in ("description", "group", "activity", "setting")
    for word in _DATA["abstract"][role]
}
"""Word -> what it is instead of a thing: a description, a group, an activity, a setting."""

STANDS_FOR: dict[str, list[str]] = {
    word: phrase.split() for word, phrase in _DATA["stands_for"]["words"].items()
}
"""A word for people -> the tokens of who it means ("a family": a man, a woman and two
children)."""

PICTURE_HOLDERS: frozenset[str] = frozenset(_DATA["picture_of"]["holders"])
"""Things whose "of" says what they show ("a map of the world": a world map)."""

FUNCTION_WORDS = frozenset(
    lx.words(
        "a an the of to in on at for with and or by from into onto about is are was were be "
        "been has have had do does did its it their this that these those my our your some any "
        "each every all"
    )
)


def drop_audience(tokens: list[str]) -> list[str]:
    """Return ``tokens`` without "for my year 3 class", "for kids", "for grade 2 science":
    a phrase from "for"/"to" over audience words and numbers that names an audience."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] in AUDIENCE_LEADS:
            j = i + 1
            while j < n and (
                tokens[j] in AUDIENCE_WORDS or tokens[j].isdigit() or tokens[j] in lx.NUMBER_WORDS
                or tokens[j].rstrip("stndrh").isdigit()
            ):  # fmt: skip
                j += 1
            named = j > i + 1 and AUDIENCE_NEEDS & set(tokens[i + 1 : j])
            if named and not _recipients(tokens, i, j):
                i = j
                continue
        out.append(tokens[i])
        i += 1
    return out


def _recipients(tokens: list[str], i: int, j: int) -> bool:
    """Whether "to <count> <people>" at ``tokens[i:j]`` names people in the picture, not an
    audience: "a teacher reading a book to four children" (a count, then the people)."""
    count = tokens[i + 1] if i + 1 < j else ""
    counted = count.isdigit() or (count in lx.NUMBER_WORDS and count not in ("a", "an", "one"))
    school = ("year", "years", "yr", "grade", "grades")
    return tokens[i] == "to" and j == i + 3 and counted and tokens[i + 2] not in school


# -- slips of the pen -----------------------------------------------------------------------
def planner_word(word: str) -> bool:
    """Whether the planner knows ``word`` in any of its tables."""
    return (
        word in lx.KNOWN_NOUNS or word in lx.SYNONYMS or word in lx.PERSON_WORDS
        or word in lx.NUMBER_WORDS or word in lx.ADJECTIVES or lx.color_of(word) is not None
        or word in _PLANNER_WORDS or lx.singular(word) in lx.KNOWN_NOUNS
    )  # fmt: skip


def near(word: str) -> set[str]:
    """Every word one slip of the pen from ``word`` (a letter wrong, missing, extra, or two
    swapped)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


_PLANNER_WORDS = SCAN_WORDS | STATE_WORDS | POSE_WORDS | BODY_PARTS | lx.SHADES | lx.DETERMINERS


SETS: dict[tuple[str, ...], list[str]] = {
    tuple(name.split()): members for name, members in _DATA["sets"]["sets"].items()
}
"""A set a teacher names ("fruit", "farm animal", "not magnetic") -> the things drawn for
it, for charts, sorting and Venn diagrams (:mod:`.families`)."""
