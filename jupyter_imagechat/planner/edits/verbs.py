"""Recognising an edit: the polite lead words, the edit verb, and where one command ends.

"please make the bowl green" is a "make" edit; "now at night" and "in watercolor" (only a
place or a style) are "now" edits; "three red apples" is no edit. "make the bowl green
and add two apples" is two commands, cut where "and", "then", "," or "." come before a
verb. Used by the dispatcher (:mod:`.commands`) and the rules planner (:mod:`..rules`).
"""

from __future__ import annotations

from .. import lexicon as lx
from ..items import Extras
from ..links import WEARABLE
from ..phrases import scan
from ..words import longest

LEAD = frozenset(
    lx.words(
        "please pls ok okay so then and just can could would will you let's lets i i'd want to "
        "like try great good nice thanks thank hmm oh well alright also now next actually "
        "hey yes yeah right sorry oops wait um umm hmmm cool awesome"
    )
)
VERBS: dict[str, str] = {
    "make": "make", "turn": "make", "paint": "make", "color": "make", "colour": "make",
    "recolor": "make", "recolour": "make", "change": "make", "set": "make", "dye": "make",
    "add": "add", "put": "add", "place": "add", "insert": "add", "include": "add",
    "remove": "remove", "delete": "remove", "erase": "remove", "drop": "remove",
    "without": "remove", "eliminate": "remove", "hide": "remove", "lose": "remove",
    "move": "move", "shift": "move", "push": "move", "slide": "move", "drag": "move",
    "replace": "replace", "swap": "replace", "substitute": "replace", "exchange": "replace",
    "flip": "make", "mirror": "make", "rotate": "make",
    "bigger": "make", "smaller": "make", "larger": "make",
    "lay": "add", "hang": "add", "lean": "add", "prop": "add", "sit": "add", "stand": "add",
    "seat": "add", "perch": "add", "plant": "add",
}  # fmt: skip
MULTI_VERBS: dict[tuple[str, ...], str] = {
    ("get", "rid", "of"): "remove", ("take", "away"): "remove", ("take", "out"): "remove",
    ("no", "more"): "remove", ("switch", "to"): "now", ("cut", "down"): "remove",
    ("chop", "down"): "remove", ("knock", "down"): "remove", ("pull", "out"): "remove",
    ("throw", "away"): "remove", ("wipe", "out"): "remove", ("take", "off"): "remove",
}  # fmt: skip
NEEDS_TARGET = frozenset(
    {"make", "turn", "paint", "color", "colour", "set", "dye", "flip", "mirror", "rotate",
     "lay", "hang", "lean", "prop", "sit", "stand", "seat", "perch"}
)  # fmt: skip
"""Verbs that edit only when they name something there ("lay it under the table"; "hang
a lamp" describes)."""
TARGET_STARTS = frozenset(
    lx.words(
        "the it them they this that these those his her its their him he she every each "
        "everything all "
        "everyone background sky picture image scene style both one other others rest"
    )
)
SPLIT_WORDS = frozenset({",", ";", ".", "and", "then", "also", "!"})


def skip_lead(tokens: list[str]) -> tuple[int, bool]:
    """The index after the leading polite words ("please", "ok so") and whether they
    included "now" or "also" (which make a bare place or thing an edit)."""
    i, signal = 0, False
    while i < len(tokens) and tokens[i] in LEAD:
        signal = signal or tokens[i] in ("now", "also")
        i += 1
    return i, signal


def read_verb(tokens: list[str], i: int, *, loose: bool = False) -> tuple[str, int]:
    """The edit kind of the verb at ``i`` and the index after it. "make" and its kin need
    a target ("make the bowl...", "make it...") unless ``loose``."""
    size = longest(tokens, i, MULTI_VERBS, 3)
    if size:
        return MULTI_VERBS[tuple(tokens[i : i + size])], i + size
    if i < len(tokens) and tokens[i] in VERBS:
        word = tokens[i]
        has_target = i + 1 < len(tokens) and tokens[i + 1] in TARGET_STARTS
        has_target = has_target or (_counted(tokens, i + 1) and _ends_describing(tokens))
        if word in NEEDS_TARGET and not (loose or has_target):
            return "", i
        return VERBS[word], i + 1
    return "", i


def edit_kind(tokens: list[str]) -> str:
    """The kind of edit ``tokens`` ask for ("make", "add", "remove", "move", "replace",
    "now"), or ``""`` when they describe a new picture."""
    i, signal = skip_lead(tokens)
    kind, _ = read_verb(tokens, i)
    if kind:
        return kind
    if i >= len(tokens):
        return ""
    if signal:
        return "now"
    extras = Extras()
    items = scan(tokens[i:], extras)
    if not any(it.kind == "NP" for it in items) and (extras.background or extras.style_set):
        return "now"
    return ""


def can_start_fresh(tokens: list[str]) -> bool:
    """Whether an edit makes sense with no picture yet ("add a cat", "now at night")."""
    return edit_kind(tokens) in ("add", "now")


def strip_edit_verb(tokens: list[str]) -> list[str]:
    """``tokens`` without the leading polite words and the edit verb."""
    i, _ = skip_lead(tokens)
    _, j = read_verb(tokens, i)
    return tokens[j:]


def _counted(tokens: list[str], i: int) -> bool:
    """Whether a count starts at ``i`` ("make one apple yellow", "make two of the apples")."""
    return i < len(tokens) and (
        tokens[i] in lx.NUMBER_WORDS or tokens[i].isdigit() or tokens[i] == "half"
    )


def _ends_describing(tokens: list[str]) -> bool:
    """Whether the command ends in a description ("... yellow", "... bigger"): "make one
    apple yellow" changes the picture, "make two apples on a table" describes a new one."""
    words = [w for w in tokens if w not in SPLIT_WORDS and w not in ("?", "please")]
    last = words[-1] if words else ""
    return bool(lx.color_of(last)) or last in lx.ADJECTIVES or VERBS.get(last) == "make"


SHOULD = (("should", "be"), ("must", "be"), ("needs", "to", "be"), ("has", "to", "be"))
"""Ways of saying how a thing ought to look: "the bowl should be green"."""


def rephrase(tokens: list[str], names: set[str]) -> list[str]:
    """Say some wishes about the picture as the commands they are (for things called one of
    ``names``, which the picture has): "the bowl should be green" -> "make the bowl green";
    "the cat is wearing a hat" -> "add the cat is wearing a hat" (read onto the picture);
    "let the cat sleep" -> "make the cat sleep"; "give the cat a hat" -> "add the cat
    wearing a hat"; "change the bowl's colour to red" and "change the colour of the bowl to
    red" -> "change the bowl to red"."""
    i, _ = skip_lead(tokens)
    pointer = i + 1 < len(tokens) and tokens[i + 1] in (
        "the", "this", "that", "it", "them", "her", "him", "both", "each", "all", "everyone"
    )  # fmt: skip
    pointer = pointer or tokens[i + 1 : i + 3] == ["one", "of"]  # "give one of them a hat"
    if pointer and tokens[i] == "let":  # "let the cat sleep": make it sleep
        return [*tokens[:i], "make", *tokens[i + 1 :]]
    if pointer and tokens[i] == "give":  # "give the cat a hat": it wears (or holds) one
        return _give(tokens, i)
    people = i < len(tokens) and tokens[i] in ("she", "he", "they")  # "she is wearing a hat"
    if i < len(tokens) and (people or tokens[i] in ("the", "this", "that", "these", "those", "it")):
        for k in range(i + 1, min(i + 6, len(tokens) - 1)):
            if tokens[k] in ("is", "are") and tokens[k + 1].endswith("ing"):
                named = people or any(lx.singular(w) in names for w in tokens[i + 1 : k])
                if named:  # "the cat is wearing a hat": what it does is added to it
                    return [*tokens[:i], "add", *tokens[i:]]
                break
        for k in range(i + 1, min(i + 6, len(tokens))):
            for phrase in SHOULD:
                if tuple(tokens[k : k + len(phrase)]) != phrase or k + len(phrase) >= len(tokens):
                    continue
                named = tokens[i] == "it" or any(
                    lx.singular(w) in names or w in names for w in tokens[i + 1 : k]
                )
                if named:
                    return [*tokens[:i], "make", *tokens[i:k], *tokens[k + len(phrase) :]]
    out = list(tokens)
    for k, word in enumerate(out):
        if word in ("color", "colour") and k > 0 and out[k - 1].endswith("'s"):
            out[k - 1 : k + 1] = [out[k - 1][:-2]]  # "the bowl's colour" -> "the bowl"
            break
        if word in ("color", "colour") and out[k + 1 : k + 2] == ["of"] and k > 0:
            owner_end = k + 2
            while owner_end < len(out) and out[owner_end] not in ("to", "into", "in"):
                owner_end += 1
            out[k - (out[k - 1] in ("the", "its")) : owner_end] = out[k + 2 : owner_end]
            break
    return out


_GIVEN = frozenset(lx.words("them him her it everyone"))
"""Pointers a bare plural may follow in "give them hats"."""


def _give(tokens: list[str], i: int) -> list[str]:
    """ "give the cat a hat" -> "add the cat wearing a hat" ("holding" for other things);
    "give the cats hats" -> "add the cats wearing hats"."""
    for k in range(i + 2, len(tokens)):
        bare = k > i + 2 and lx.is_plural(tokens[k]) and lx.is_plural(tokens[k - 1])
        bare = bare or (k == i + 2 and tokens[i + 1] in _GIVEN and lx.is_plural(tokens[k]))
        if tokens[k] in ("a", "an", "some") or tokens[k] in lx.NUMBER_WORDS or bare:
            thing = [w for w in tokens[k:] if w not in SPLIT_WORDS]
            worn = bool(thing) and lx.singular(thing[-1]) in WEARABLE
            return [*tokens[:i], "add", *tokens[i + 1 : k], "wearing" if worn else "holding",
                    *tokens[k:]]  # fmt: skip
    return tokens


def split_commands(tokens: list[str]) -> list[list[str]]:
    """Cut a prompt into commands where "and", "then", "," or "." come before a verb."""
    out: list[list[str]] = []
    start = 0
    for k, word in enumerate(tokens):
        if word in SPLIT_WORDS and k > start:
            rest = tokens[k + 1 :]
            j, _ = skip_lead(rest)
            if read_verb(rest, j, loose=True)[0] or rest[j : j + 1] == ["draw"]:
                out.append(tokens[start:k])
                start = k + 1
    out.append(tokens[start:])
    return [c for c in out if c]
