"""Described quantities: "a large group of people", "a brown piece of paper".

A quantity with adjectives before its noun ("a large group of", "a tall stack of", "a
brown piece of") says how many things there are and, often, something about them: the
group's size gives the count ("a large group": 8), a colour or material goes to the
things. :func:`read_quantity` reads such a quantity at the start of a noun phrase for
:func:`.nouns.read_phrase`.
"""

from __future__ import annotations

from . import lexicon as lx
from .items import NounPhrase
from .words import read_number

COLLECTIVE_SIZES: dict[str, int] = {
    "large": 8, "big": 8, "huge": 12, "small": 3, "little": 3, "tiny": 2,
}  # fmt: skip
"""Count for "a large group of", "a small pile of" (without a number)."""
_QUANTITY_NOUNS = frozenset(key[1:] for key in lx.QUANTIFIERS if len(key) == 3 and key[0] == "a")
"""("group", "of"), ("piece", "of")...: what may follow "a large" in a quantity."""


def read_quantity(
    tokens: list[str], j: int, np: NounPhrase
) -> tuple[dict[str, str], list[str], int]:
    """Read a described quantity at ``tokens[j]`` into ``np``'s count.

    Returns the adjectives left for the things themselves ("a brown piece of": colour
    brown), the arrangement the quantity names ("a tall stack": ``["tall stack"]``) and
    the number of tokens read, 0 (and nothing else) when no described quantity is there.
    A number after it wins over the quantity's count ("a large group of seven people").
    """
    before, size = _described_quantity(tokens, j)
    if not size:
        return {}, [], 0
    key: tuple[str, ...] = ("a", tokens[j + size - 2], tokens[j + size - 1])
    np.count, np.explicit = lx.QUANTIFIERS[key], True
    group = [w for w in key if w in lx.COLLECTIVES]
    number, k = read_number(tokens, j + size)
    if number is not None:  # "a large group of seven people": the number wins
        np.count, size = number, k - j
    if group:  # "a tall stack": how the things stand
        if number is None and before.get("size") in COLLECTIVE_SIZES:
            np.count = COLLECTIVE_SIZES[before["size"]]  # "a large group": more of them
        group = [" ".join([*before.values(), group[0]])]
        before = {}
    return before, group, size


def _described_quantity(tokens: list[str], j: int) -> tuple[dict[str, str], int]:
    """Read "a large group of", "a brown piece of" at ``j``: return the adjectives as
    attributes and the number of tokens, or ``({}, 0)`` when no quantity follows them."""
    if j >= len(tokens) or tokens[j] not in ("a", "an"):
        return {}, 0
    attrs: dict[str, str] = {}
    k = j + 1
    while k < len(tokens) and k - j <= 2:
        word = tokens[k]
        colour = lx.color_of(word)
        if colour and "color" not in attrs:
            attrs["color"] = colour
        elif word in lx.ADJECTIVES and lx.ADJECTIVES[word][0] == "size":
            attrs["size"] = word
        else:
            break
        k += 1
    if attrs and tuple(tokens[k : k + 2]) in _QUANTITY_NOUNS:
        return attrs, k + 2 - j
    return {}, 0


_BOUNDS: tuple[tuple[str, ...], ...] = (
    ("no", "more", "than"), ("not", "more", "than"), ("no", "fewer", "than"),
    ("no", "less", "than"), ("at", "least"), ("at", "most"), ("up", "to"),
)  # fmt: skip
"""Words that bound a number ("no more than three apples"): the number is what is drawn."""


def plain_counts(tokens: list[str]) -> list[str]:
    """Return ``tokens`` without the words that bound a number ("no more than three
    apples", "at least two chairs": three apples, two chairs), which would otherwise read
    as a negation, an edit ("more") or a thing ("least")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for bound in _BOUNDS:
            end = i + len(bound)
            if tuple(tokens[i:end]) == bound and read_number(tokens, end)[0] is not None:
                i = end
                break
        else:
            out.append(tokens[i])
            i += 1
    return out
