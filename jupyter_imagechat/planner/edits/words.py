"""The words follow-ups are read with, from ``data/edits.json``, and matching them on tokens.

The tables say what asks for a new picture ("start over", "something different"), what
says the picture is being changed ("I'd like", "there should be", "now", "instead"), what
points at things in it ("it", "both of them", "the other one"), and the words of counts,
weather, times and places that an edit sets. Each phrase is a tuple of tokens, matched with
:func:`..words.longest` like the planner's other phrase tables.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ...vocab.files import read_json
from .. import lexicon as lx
from ..links import ANIMALS
from ..words import longest

_PLANNER = os.path.dirname(os.path.abspath(__file__))  # data_path looks in its data/

_DATA = read_json(_PLANNER, "edits.json")


Phrases = dict[tuple[str, ...], object]
"""A phrase table: each phrase as a tuple of tokens (the values, if any, are what it means)."""


def _phrases(name: str) -> Phrases:
    return dict.fromkeys(tuple(p.split()) for p in _DATA[name])


def _table(name: str) -> Phrases:
    return {tuple(k.split()): v for k, v in _DATA[name].items()}


NEW_PICTURE = _phrases("new_picture")
"""Phrases that ask for a new picture ("start over", "new picture", "instead of this")."""
NEW_PICTURE_VERBS = frozenset(_DATA["new_picture_verbs"])
"""Words around such a phrase that describe nothing ("draw me", "let's do")."""
CHANGE_LEADS = _phrases("change_leads")
"""Openings that make what follows a change ("i'd like", "there should be")."""
CHANGE_WORDS = _phrases("change_words")
"""Words that say the picture is being changed ("now", "instead", "more", "again")."""
POINTERS = _phrases("pointers")
"""Words that point at what is in the picture ("it", "both of them", "the other")."""
FILLERS = _phrases("fillers")
"""Words an edit leaves out before reading what it changes ("please", "a bit")."""
SCENE_FILLERS = _phrases("scene_fillers")
"""Words around a time, weather, place or style that leave the things as they are."""
WEATHER: dict[tuple[str, ...], str] = {k: str(v) for k, v in _table("weather").items()}
"""Weather, time and season words -> the background they mean ("stormy" -> "storm")."""
COUNT_WORDS: dict[tuple[str, ...], int] = {k: int(str(v)) for k, v in _table("count_words").items()}
"""Counts said in words ("a pair" -> 2, "only one" -> 1)."""
COUNT_LEADS = _phrases("count_leads")
"""Words around a count that make it the new total ("exactly", "in total")."""
MULTIPLY: dict[str, float] = {k: float(v) for k, v in _DATA["multiply"].items()}
"""Words that multiply a count ("double" -> 2)."""
MOODS = frozenset(_DATA["moods"])
"""How a face or a character feels: a new mood replaces the old one."""
MORE_WORDS = frozenset(_DATA["more_words"])
FEWER_WORDS = _phrases("fewer_words")
CLOSER = _phrases("closer")
"""Things named with these move towards each other."""
APART = _phrases("apart")
"""Things named with these move away from each other."""
SWAP = frozenset(_DATA["swap"])
"""Verbs that exchange two things' places."""
GENERIC_NOUNS = frozenset(_DATA["generic_nouns"])
"""Nouns that point at things without naming them ("the character", "the things")."""
TEXT_OBJECTS = frozenset(_DATA["text_objects"])
"""Nouns for the words written in the picture ("caption", "text", "label")."""
ARRANGEMENTS: dict[str, str] = dict(_DATA["arrangements"])
"""Shapes things are arranged in ("row", "circle", "grid") -> the scene's arrangement kind."""
CHARACTERS = frozenset(_DATA["characters"])
"""People and characters "he" and "she" may mean (besides persons and animals)."""
PARTS: dict[str, str] = dict(_DATA["parts"])
"""A part of a thing -> the thing ("leaves" -> "tree")."""
KINDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _DATA["kinds"].items()}
"""Kinds of things ("fruit", "vehicle") -> the names they cover ("animal": see :func:`kind_of`)."""
_KIND_WORDS = {**{k: k for k in KINDS}, **{k + "s": k for k in KINDS}, "people": "person",
               "fruits": "fruit", "furniture": "furniture", "vegetables": "vegetable"}  # fmt: skip


def kind_of(word: str) -> frozenset[str] | None:
    """The names a kind word covers ("fruit" -> apple, orange...; "animals" -> every animal),
    or ``None`` when ``word`` is no kind word."""
    kind = _KIND_WORDS.get(word)
    if kind is None:
        return None
    if kind == "animal":
        return ANIMALS
    return KINDS[kind]


_TABLES = (NEW_PICTURE, CHANGE_LEADS, CHANGE_WORDS, POINTERS, FILLERS, SCENE_FILLERS, WEATHER,
           COUNT_WORDS, COUNT_LEADS, CLOSER, APART)  # fmt: skip
MOST = max(len(p) for table in _TABLES for p in table)
"""The longest phrase of any table, in tokens."""


def at(tokens: list[str], i: int, table: Mapping[tuple[str, ...], object]) -> int:
    """Length of the longest phrase of ``table`` at ``tokens[i]`` (0 if none)."""
    return longest(tokens, i, table, MOST)


def find(tokens: list[str], table: Mapping[tuple[str, ...], object]) -> tuple[int, int] | None:
    """``(start, length)`` of the first phrase of ``table`` in ``tokens``, or ``None``."""
    for i in range(len(tokens)):
        size = longest(tokens, i, table, MOST)
        if size:
            return i, size
    return None


def without(tokens: list[str], table: Mapping[tuple[str, ...], object]) -> list[str]:
    """``tokens`` with every phrase of ``table`` left out."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        size = longest(tokens, i, table, MOST)
        if size:
            i += size
        else:
            out.append(tokens[i])
            i += 1
    return out


def plural(name: str) -> str:
    """ "cat" -> "cats", "bus" -> "buses", "mouse" -> "mice": what a user calls several."""
    irregular = {one: many for many, one in lx.IRREGULAR_PLURALS.items()}
    if name in irregular:
        return irregular[name]
    if name.endswith(("s", "sh", "ch", "x")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        return name[:-1] + "ies"
    return name + "s"
