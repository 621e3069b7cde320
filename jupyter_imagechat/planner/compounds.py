"""Known nouns of several words that the noun reader would cut short.

A known noun may hold a word that ends a noun phrase elsewhere: a joining word ("a chest
of drawers", "a jack in the box") or a verb-like word ("a music stand", "a running track",
where "stand" and "running" would otherwise be a state). :func:`noun_across` and
:func:`goes_on_a_noun` tell the reader (:mod:`.nouns`) to read on; :func:`singular_key`
finds such a noun in the plural ("chests of drawers") and :func:`joined_noun` a noun of
one word spelled as two ("a butter fly", "a doll's house").
"""

from __future__ import annotations

from ..vocab.sizes import TYPICAL_SIZE
from . import lexicon as lx

__all__ = [
    "INSIDE_NOUNS",
    "goes_on_a_noun",
    "joined_noun",
    "noun_across",
    "singular_key",
    "stuff_not_verb",
]

INSIDE_NOUNS = frozenset(("of", "in", "the", "a", "on", "and"))
"""Joining words that may stand inside a known noun ("chest of drawers")."""


def noun_across(words: list[str], tokens: list[str], j: int) -> int:
    """The index after a known noun of several words that ``words`` begin and that goes on
    across the joining word at ``j`` ("chest" + "of drawers"), else ``j``."""
    for size in range(1, min(len(words), 2) + 1):
        for end in range(min(len(tokens), j + lx.MAX_NOUN_WORDS - size), j, -1):
            key = (*words[-size:], *tokens[j:end])
            if singular_key(key) is not None:
                return end
    return j


STUFF_VERBS = frozenset({"paint"})
"""Words that ask for a picture ("paint a cat") and also name a stuff ("a pot of paint")."""
_ASKING_BEFORE = frozenset(
    lx.words("to please you i we lets let's us then now just and or can could will would")
)
_OBJECT_AFTER = frozenset(
    lx.words("""a an the me us my our your his her their this that these those it them some
    one two three four five six seven eight nine ten what how""")
)


def stuff_not_verb(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` is a stuff, not a request: "a pot of paint", "a paint pot",
    "red paint" are paint; "paint a cat", "please paint me a sunset" ask for a picture."""
    if tokens[j] not in STUFF_VERBS or j == 0 or tokens[j - 1] in _ASKING_BEFORE:
        return False
    return j + 1 >= len(tokens) or tokens[j + 1] not in _OBJECT_AFTER


def goes_on_a_noun(words: list[str], tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` ends a known noun of several words begun in ``words`` ("a
    music stand", "a chest of drawers"), so it is no state ("a man stands")."""
    for size in range(1, min(len(words), lx.MAX_NOUN_WORDS - 1) + 1):
        key = (*words[-size:], tokens[j])
        if key in lx.MULTI_WORD_NOUNS or (*key[:-1], lx.singular(key[-1])) in lx.MULTI_WORD_NOUNS:
            return True
    if words or j + 1 >= len(tokens):
        return False
    key = (tokens[j], lx.singular(tokens[j + 1]))  # a noun that starts here: "running track"
    return key in lx.MULTI_WORD_NOUNS or tuple(tokens[j : j + 2]) in lx.MULTI_WORD_NOUNS


def singular_key(key: tuple[str, ...]) -> tuple[str, ...] | None:
    """The known noun of several words that ``key`` spells, in its singular, or None.

    A plural is read on its last word ("pine cones") or, across a joining word, on its
    first ("chests of drawers", "jacks in the box").
    """
    forms = [key, (*key[:-1], lx.singular(key[-1]))]
    if any(w in INSIDE_NOUNS for w in key[1:-1]):
        forms.append((lx.singular(key[0]), *key[1:]))
    return next((form for form in forms if form in lx.MULTI_WORD_NOUNS), None)


def joined_noun(first: str, second: str) -> str | None:
    """The known noun that ``first`` and ``second`` spell as one word ("pan" "cakes":
    pancake, "dolls" "house": dollhouse), or None; never after a colour or an adjective
    ("a green house")."""
    if not (first.isalpha() and second.isalpha()) or lx.color_of(first):
        return None
    if first in lx.ADJECTIVES or first in lx.SHADES:
        return None
    firsts = (first, first[:-1]) if first.endswith("s") else (first,)  # "a dolls house"
    for word in dict.fromkeys(a + b for a in firsts for b in (second, lx.singular(second))):
        if word in lx.KNOWN_NOUNS or word in lx.SYNONYMS or word in TYPICAL_SIZE:
            return word
    return None
