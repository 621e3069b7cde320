"""Words the rules planner knows: nouns, plurals, synonyms, numbers, adjectives, phrases.

The word tables are data: ``data/nouns.json``, ``data/words.json`` and
``data/phrases.json`` beside this module, read once at import and exposed here under the
names the planner reads (``lx.SYNONYMS``, ``lx.RELATIONS``...). What stays code is a few
small word functions (:func:`singular`, :func:`join_phrases`, :func:`color_of`...) and the
rules that spell out the compact phrase tables. No parsing happens here. Canonical nouns
are lowercase and singular; the 80 GenEval (COCO) class names are canonical exactly as
GenEval spells them (``"tv"``, ``"couch"``, ``"hair drier"``, ``"skis"``...).

Phrase tables are keyed by tuples of tokens so the planner can match them on a token
list without regular expressions; the data files spell a phrase as its words separated
by spaces. How big things are drawn is shared with the layout:
:mod:`jupyter_imagechat.vocab.sizes`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..scene import COLORS
from ..vocab.files import read_json
from ..vocab.sizes import TYPICAL_SIZE

_NOUNS: dict[str, Any] = read_json(__file__, "nouns.json")
_WORDS: dict[str, Any] = read_json(__file__, "words.json")
_PHRASES: dict[str, Any] = read_json(__file__, "phrases.json")
_ROLES: dict[str, Any] = read_json(__file__, "roles.json")

OE_NOUNS: frozenset[str] = frozenset(_WORDS["oe_nouns"])
"""Nouns ending in "oe" whose plural adds only "s" ("toes"; "potatoes" drops "es")."""

_V = TypeVar("_V")


def words(text: str) -> list[str]:
    """Split a space-separated word list (keeps the planner's small word sets short)."""
    return text.split()


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrase_table(table: dict[str, _V]) -> dict[tuple[str, ...], _V]:
    """Spelled-out phrase -> value, keyed by token tuples instead."""
    return {_phrase(key): value for key, value in table.items()}


def _grouped(groups: list[dict[str, Any]]) -> dict[tuple[str, ...], Any]:
    """``[{"means": X, "phrases": [...]}, ...]`` -> each phrase's token tuple -> X."""
    return {_phrase(p): group["means"] for group in groups for p in group["phrases"]}


# -- nouns ----------------------------------------------------------------------------------
COCO_NAMES: tuple[str, ...] = tuple(_NOUNS["coco_names"])
"""The 80 GenEval class names, canonical spellings."""

ROLE_NAMES: frozenset[str] = frozenset(n for role in _ROLES["roles"] for n in role["names"])
"""Jobs drawn as a person with what the job is known by (``data/roles.json``, read by
:mod:`.roles`)."""

WHOLE_NAMES: frozenset[str] = frozenset(_NOUNS["whole_names"])
"""Names of several words for a thing that is not what their last word names ("a sea
lion" is no lion): read as one noun, never as the last word with a kind."""

KNOWN_NOUNS: frozenset[str] = frozenset(
    [*COCO_NAMES, *_NOUNS["other_multi"], *_NOUNS["other_nouns"], *ROLE_NAMES, *WHOLE_NAMES]
)
"""Canonical nouns the planner recognises as heads of noun phrases."""

SYNONYMS: dict[str, str] = dict(_NOUNS["synonyms"])
"""Word or phrase -> canonical noun."""

PERSON_WORDS: frozenset[str] = frozenset(_NOUNS["person_words"])
"""Singular words drawn as ``"person"``; the word itself is kept as attribute ``kind``."""

MULTI_WORD_NOUNS: dict[tuple[str, ...], str] = {
    tuple(n.split()): n for n in KNOWN_NOUNS | set(SYNONYMS) if " " in n
}
"""Token tuple -> the noun phrase it spells (before synonym mapping)."""

MAX_NOUN_WORDS = max(len(k) for k in MULTI_WORD_NOUNS)

# -- plurals ----------------------------------------------------------------------------------
IRREGULAR_PLURALS: dict[str, str] = dict(_NOUNS["irregular_plurals"])
"""Plural -> singular where the regular rules fail or a known noun looks plural."""
IRREGULAR_PLURALS.update({n[:-3] + "men": n for n in ROLE_NAMES if n.endswith("man")})

PAIR_NOUNS: frozenset[str] = frozenset(_NOUNS["pair_nouns"])
"""Nouns that name one thing made of a pair: "a pair of scissors" is one."""


def singular(word: str) -> str:
    """Return the singular of ``word`` (lowercase), or ``word`` if it looks singular.

    Known nouns win over the regular rules ("bus", "glass", "skis" stay as they are),
    so GenEval's made-up plurals ("benchs", "knifes", "sheeps") come out right too; then
    the nouns the house knows sizes of (:data:`~jupyter_imagechat.vocab.sizes.TYPICAL_SIZE`:
    "smoothies" is a smoothie, "circuses" a circus, "underpants" stays as it is).
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("men") and not _known(word) and _known(word[:-3] + "man"):
        return word[:-3] + "man"  # "snowmen", "gingerbread men" (no "women" rule needed)
    if _known(word) or len(word) < 3 or not word.endswith("s"):
        return word
    for cand in _candidates(word):  # or a noun the house sizes: "smoothies", "circuses"
        if _known(cand) or cand in TYPICAL_SIZE:
            return cand
    if word in TYPICAL_SIZE or word.endswith(("ss", "us", "is", "'s")):
        return word  # "underpants", "cactus": no plural of anything known
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("oes") and word[:-1] in OE_NOUNS:
        return word[:-1]  # "toes", "canoes"
    if word.endswith(("sses", "xes", "zzes", "ches", "shes", "oes")):
        return word[:-2]
    return word[:-1]


def _candidates(word: str) -> list[str]:
    out = [word[:-1]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("ves"):
        out += [word[:-3] + "f", word[:-3] + "fe"]
    return out


def _known(word: str) -> bool:
    return word in KNOWN_NOUNS or word in SYNONYMS or word in PERSON_WORDS


JOINED_PHRASES: dict[tuple[str, ...], str] = _phrase_table(_NOUNS["joined_phrases"])
"""Nouns spelled with a joining word ("and", "of", a verb-like "can") that would split a
phrase: read as one token (see :func:`join_phrases`), which :data:`SYNONYMS` maps back.
Every known noun ending in " can" ("a trash can") is joined too: "can" alone would read
as a verb."""
_CANS = {n: n.replace(" ", "-") for n in sorted(KNOWN_NOUNS) if n.endswith(" can")}
JOINED_PHRASES.update({tuple(n.split()): joined for n, joined in _CANS.items()})
SYNONYMS.update({joined: n for n, joined in _CANS.items()})

NOUN_CAN_BEFORE: frozenset[str] = frozenset(_NOUNS["noun_can_before"])
"""Words after which "can" is the noun ("a can", "the red can"), not "can you draw"."""


def join_phrases(tokens: list[str]) -> list[str]:
    """Return ``tokens`` with :data:`JOINED_PHRASES` joined into one token and a noun
    "can" ("a can", "two red cans") spelled ``tincan`` so it is not read as a verb."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        for key, joined in JOINED_PHRASES.items():
            if tuple(tokens[i : i + len(key)]) == key:
                out.append(joined)
                i += len(key)
                break
        else:
            word = tokens[i]
            prev = out[-1] if out else ""
            if word == "can" and (
                prev in NOUN_CAN_BEFORE or prev in NUMBER_WORDS or prev.isdigit()
                or color_of(prev) is not None or prev in ADJECTIVES
            ):  # fmt: skip
                word = "tincan"
            out.append(word)
            i += 1
    return out


def is_plural(word: str) -> bool:
    """Whether ``word`` is a plural form ("apples", "mice"; not "sheep" or "skis")."""
    return singular(word) != word


# -- numbers ----------------------------------------------------------------------------------
NUMBER_WORDS: dict[str, int] = dict(_WORDS["number_words"])
MULTIPLIERS: dict[str, int] = dict(_WORDS["multipliers"])

QUANTIFIERS: dict[tuple[str, ...], int] = _phrase_table(_WORDS["quantifiers"])
"""Quantifier phrase -> count (the largest are capped later, with a note)."""

MAX_QUANTIFIER_WORDS = max(len(k) for k in QUANTIFIERS)
COLLECTIVES: frozenset[str] = frozenset(_WORDS["collectives"])
"""Quantifier nouns that also say how the things stand together ("a row of bottles"): kept
as the things' ``arrangement``."""

DEFAULT_PLURAL_COUNT = 3
"""Count for a bare plural ("apples") or "some"/"several"."""
PAIRED: frozenset[str] = frozenset(_NOUNS["paired"])
"""Things that come in twos: "his hands", "blue wings" are two, not :data:`DEFAULT_PLURAL_COUNT`."""


def plural_count(name: str) -> int:
    """Return the count of a bare plural ``name``: 2 for :data:`PAIRED` things, else 3."""
    return 2 if name.rpartition(" ")[2] in PAIRED else DEFAULT_PLURAL_COUNT


DETERMINERS: frozenset[str] = frozenset(_WORDS["determiners"])
"""Words that start a noun phrase; all but "each"/"every"/"any" make it definite."""

MORE_WORDS: frozenset[str] = frozenset(_WORDS["more_words"])
PRONOUNS: frozenset[str] = frozenset(_WORDS["pronouns"])

# -- adjectives -------------------------------------------------------------------------------
COLOR_SYNONYMS: dict[str, str] = dict(_WORDS["color_synonyms"])


def color_of(word: str) -> str | None:
    """Return the canonical colour name for ``word`` ("grey" -> "gray"), or ``None``."""
    if word in COLORS:
        return word
    return COLOR_SYNONYMS.get(word)


SHADES: frozenset[str] = frozenset(_WORDS["shades"])

ADJECTIVES: dict[str, tuple[str, str]] = {
    word: (attribute, value)
    for attribute, table in _WORDS["adjectives"].items()
    for word, value in (table.items() if isinstance(table, dict) else ((w, w) for w in table))
}
"""Word -> (attribute key, value) for adjectives other than colours."""

ADJECTIVE_SUFFIXES: tuple[str, ...] = tuple(_WORDS["adjective_suffixes"])
"""Endings of unknown words read as adjectives rather than nouns."""

ATTRIBUTE_ORDER: tuple[str, ...] = tuple(_WORDS["attribute_order"])

# -- phrases ----------------------------------------------------------------------------------
RELATIONS: dict[tuple[str, ...], tuple[str, bool]] = {
    _phrase(p): (group["means"], bool(group.get("reversed", False)))
    for group in _PHRASES["relations"]
    for p in group["phrases"]
}
"""Token phrase -> (predicate, reversed). ``reversed`` means "A wearing B" is "B on A"."""
MAX_RELATION_WORDS = max(len(k) for k in RELATIONS)

BETWEEN_WORDS: frozenset[str] = frozenset(_PHRASES["between_words"])


def _positions(data: dict[str, Any]) -> dict[tuple[str, ...], str]:
    """The named positions, then the corners and the frame's sides spelled out from the
    parts in ``phrases.json`` ("in the upper left corner", "on the left edge of the
    picture")."""
    out: dict[tuple[str, ...], str] = _grouped(data["positions"])
    corners, frames = data["corners"], data["frames"]
    for row, row_words in corners["rows"].items():
        for column in corners["columns"]:
            for word in row_words:
                for lead in corners["leads"]:
                    for tail in corners["tails"]:
                        out[_phrase(f"{lead} {word} {column} {tail}")] = f"{row} {column}"
                    out[_phrase(f"{lead} {word}-{column}")] = f"{row} {column}"
    for noun in frames["nouns"]:
        for middle in frames["middles"]:
            out[_phrase(f"{middle} of the {noun}")] = "center"
        for side in frames["sides"]:
            for lead in frames["leads"]:
                for part in frames["parts"]:
                    out[_phrase(f"{lead} {side} {part} of the {noun}")] = side
    return out


POSITIONS: dict[tuple[str, ...], str] = _positions(_PHRASES)
"""Phrase naming a place in the picture -> ``left``/``right``/``top``/``bottom``/``center``
(or a corner, ``top left``...)."""
MAX_POSITION_WORDS = max(len(k) for k in POSITIONS)

HAND_WORDS: frozenset[str] = frozenset(_WORDS["hand_words"])
NOT_THINGS: dict[str, list[str]] = _WORDS["not_things"]
"""What a noun is instead of a thing ("pronoun", "pose", "measure", "quality") -> the
nouns."""

CONTAINERS: frozenset[str] = frozenset(_NOUNS["containers"])
"""Nouns for which "a bowl of apples" means the apples are inside the bowl."""
SURFACES: frozenset[str] = frozenset(_NOUNS["surfaces"])
"""Containers whose contents lie on them: "a plate of food" is food on a plate."""

# -- style and background -------------------------------------------------------------------
STYLES: dict[tuple[str, ...], str] = _grouped(_PHRASES["styles"])
"""Phrase -> style name; these words mean a style wherever they appear."""
WEAK_STYLE_WORDS: frozenset[tuple[str, ...]] = frozenset(
    _phrase(p) for p in _PHRASES["weak_style_words"]
)
"""Styles only as "in a flat style", "flat illustration", "a sticker of a cat": alone they
are words ("a flat tire"; "pencil" and "oil" are nouns)."""
MAX_STYLE_WORDS = max(len(k) for k in STYLES)

GENERIC_STYLES: dict[str, str | None] = dict(_PHRASES["generic_styles"])
"""Words meaning "a picture of" (only as "a photo of ..." or "in ... style")."""
STYLE_ADJECTIVES: frozenset[str] = frozenset(_PHRASES["style_adjectives"])

BACKGROUNDS: dict[tuple[str, ...], str] = _grouped(_PHRASES["backgrounds"])
"""Place phrase (after "in"/"on"/"at"...) -> background name."""
TIMELESS: frozenset[str] = frozenset(_PHRASES["timeless"])
"""Places a time of day does not change (the time replaces them instead)."""
SEASONS: frozenset[str] = frozenset(_PHRASES["seasons"])
"""Backgrounds read only after "in" or "during" ("a park in spring", not "on a spring")."""
UNDERWATER_AFTER: frozenset[tuple[str, ...]] = frozenset(
    _phrase(p) for p in _PHRASES["underwater_after"]
)
"""Places read as a background after "under" ("under the sea")."""
BACKGROUND_PREPOSITIONS: frozenset[str] = frozenset(_PHRASES["background_prepositions"])
MAX_BACKGROUND_WORDS = max(len(k) for k in BACKGROUNDS)
STANDALONE_BACKGROUNDS: dict[tuple[str, ...], str] = _phrase_table(
    _PHRASES["standalone_backgrounds"]
)
"""Phrases that name a background with no preposition ("underwater", "at night")."""
BACKGROUND_WORDS: frozenset[str] = frozenset(_PHRASES["background_words"])
COMPARATIVES: dict[str, tuple[str, str]] = {
    word: (sizes[0], sizes[1]) for word, sizes in _WORDS["comparatives"].items()
}
"""Comparative -> sizes of the two things ("a giraffe taller than a tree": big, small)."""
