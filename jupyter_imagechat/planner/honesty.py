"""Saying what was not understood: "asdf qwerty zxcv" is not drawn as a thing, and the chat
says "I didn't understand 'asdf qwerty zxcv'".

A word the planner knows in no table is still read as a thing when it could be an English
noun ("a stegosaurus"): another engine may know it, and the built-in engine's card for it
is a checker finding. A word that cannot be English (no vowel, a run of keys along a
keyboard row, six consonants running) is not understood: :func:`drop_unknown` takes it out
of the plan and returns the note.

A lesson topic the knowledge base lacks ("the life cycle of a star") is said with the
topics of that kind it knows (:func:`unknown_topic`), and a thing no picture shows well
("an atom", "the Krebs cycle", "the first world war") with what is drawn in its place
and what can be drawn instead (:func:`cannot_draw`, data in ``data/nouns.json``).
"""

from __future__ import annotations

import re

from ..scene import SceneGraph
from ..vocab.files import read_json
from . import lexicon as lx

__all__ = ["CANNOT_DRAW", "cannot_draw", "drop_unknown", "is_gibberish", "not_understood",
           "unknown_topic"]  # fmt: skip

_KEY_RUNS = re.compile(
    r"qwer|asdf|sdfg|dfgh|fghj|ghjk|hjkl|zxcv|xcvb|cvbn|vbnm|uiop|yuio|lkjh|poiu|mnbv|fdsa"
)
_CONSONANTS = re.compile(r"[bcdfghjklmnpqrstvwxz]{6}")
_REPEAT = re.compile(r"^(.{2,4})\1+$")


def is_gibberish(word: str) -> bool:
    """Whether ``word`` (lowercase) cannot be an English word: letters with no vowel (and
    more than three of them), a run of four neighbouring keys, six consonants in a row, or
    the same few letters over and over ("sdfsdf")."""
    if not word.isalpha() or len(word) < 3:
        return False
    if not re.search(r"[aeiouy]", word) and len(word) > 3:
        return True
    if _REPEAT.match(word) and not re.search(r"[aeiou]", word[:2]):
        return True
    return bool(_KEY_RUNS.search(word) or _CONSONANTS.search(word))


def not_understood(words: list[str]) -> str:
    """The chat's sentence for ``words`` ("I didn't understand 'asdf qwerty zxcv'")."""
    return f"I didn't understand {' '.join(words)!r}"


def drop_unknown(scene: SceneGraph, tokens: list[str]) -> list[str]:
    """Take the things and descriptions made of gibberish out of ``scene``; return the
    gibberish words of ``tokens`` (in order, once each) for the note."""
    words = list(dict.fromkeys(t for t in tokens if is_gibberish(t)))
    if not words:
        return []
    bad = set(words)
    keep = []
    for ent in scene.entities:
        if set(ent.name.split()) & bad:
            continue
        for key, value in list(ent.attributes.items()):
            if key not in ("text", "label") and set(value.split()) & bad:
                kept = " ".join(w for w in value.split() if w not in bad)
                if kept:
                    ent.attributes[key] = kept
                else:
                    del ent.attributes[key]
        keep.append(ent)
    if len(keep) != len(scene.entities):
        scene.entities = keep
        scene.drop_missing()
    return words


# -- a lesson topic the knowledge base lacks ------------------------------------------------
_FRAMES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("life", "cycle", "of"), "life cycle"), (("lifecycle", "of"), "life cycle"),
    (("label", "the", "parts", "of"), "parts"), (("label", "parts", "of"), "parts"),
    (("labelled", "parts", "of"), "parts"), (("parts", "of"), "parts"),
    (("labelled", "diagram", "of"), "parts"), (("labeled", "diagram", "of"), "parts"),
    (("structure", "of"), "parts"), (("anatomy", "of"), "parts"), (("inside", "of"), "parts"),
    (("timeline", "of"), "timeline"), (("time", "line", "of"), "timeline"),
)  # fmt: skip
"""Word runs before a subject that ask for a lesson topic of a kind ("the parts of a ...")."""
_DETERMINERS = frozenset(("a", "an", "the", "my", "our", "your", "this", "that"))
_KIND_SHOWS = {
    "life cycle": " without its stages",
    "parts": " without its parts named",
    "works": "",
    "timeline": " without its events",
}
_KIND_TOPICS = {
    "life cycle": "life cycle of", "parts": "parts of", "cycle": "cycle", "timeline": "timeline",
}


def unknown_topic(tokens: list[str], topic_ids: list[str]) -> tuple[list[str], str] | None:
    """Read a request for a lesson topic the knowledge base lacks ("the life cycle of a
    star", "the parts of a castle", "the nitrogen cycle", "how does a bicycle work").

    Returns ``tokens`` without the words that only asked for the topic (so that "parts"
    is never drawn as a thing: the subject is) and the chat's note saying what was not
    drawn and which topics of that kind can be, or None when ``tokens`` ask for none.
    ``topic_ids`` are the known topics' names, for the suggestion.
    """
    found = _framed(tokens)
    if found is None:
        return cannot_draw(tokens)
    kind, subject, drop = found
    shows = _KIND_SHOWS.get(kind)
    what = f"the {subject}" if kind == "cycle" else f"the {kind} of {subject}"
    if kind == "works":
        what = f"how {subject} works"
    drawn = f", so I drew {subject}{shows}" if shows is not None else ""
    near = [t for t in topic_ids if kind in _KIND_TOPICS and _KIND_TOPICS[kind] in t]
    near = sorted(near, key=lambda t: kind == "cycle" and "life cycle" in t)[:4]
    offer = f" I can draw {_or(near)} instead." if near else ""
    note = f"I don't know {what} as a lesson topic{drawn}.{offer}"
    rest = [t for i, t in enumerate(tokens) if i not in drop]
    return cannot_draw(rest) or (rest, note)  # "the parts of the human eye": the eye's note


def _framed(tokens: list[str]) -> tuple[str, str, set[int]] | None:
    """The kind of topic asked for, its subject ("a star") and the positions of the words
    that only asked for it."""
    for i in range(len(tokens)):
        for frame, kind in _FRAMES:
            if tuple(tokens[i : i + len(frame)]) == frame:
                subject = _subject(tokens, i + len(frame))
                if subject:
                    return kind, subject, set(range(i, i + len(frame)))
        before = tokens[i - 1] if i else ""
        named = before.isalpha() and before not in ("life", *_DETERMINERS)
        if tokens[i] == "cycle" and named and not _noun(before + "cycle"):  # not "motor cycle"
            return "cycle", f"{tokens[i - 1]} cycle", set()
    if tokens[:1] == ["how"] and tokens[-1:] in (["work"], ["works"]) and len(tokens) > 3:
        middle = [t for t in tokens[1:-1] if t not in ("does", "do", "did")]
        subject = _subject(middle, 0)
        if subject:
            return (
                "works",
                subject,
                {0, len(tokens) - 1}
                | {k for k, t in enumerate(tokens) if t in ("does", "do", "did")},
            )
    return None


def _subject(tokens: list[str], start: int) -> str:
    """The noun phrase from ``start``: a determiner, then words up to punctuation or a
    function word ("a star", "the human eye")."""
    out: list[str] = []
    for k, token in enumerate(tokens[start:]):
        if not token[:1].isalnum() or (token in _STOP and k):
            break
        out.append(token)
    words = [t for t in out if t not in _DETERMINERS]
    return " ".join(out) if words else ""


def _noun(word: str) -> bool:
    return word in lx.KNOWN_NOUNS or word in lx.SYNONYMS


_STOP = frozenset(("for", "with", "and", "in", "on", "at", "to", "of", "from", "please", "by"))


def _or(names: list[str]) -> str:
    names = [n if n.startswith(("the ", "a ", "an ")) else f"the {n}" for n in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


# -- a thing no picture shows well -----------------------------------------------------------
CANNOT_DRAW: tuple[dict[str, object], ...] = tuple(
    read_json(__file__, "nouns.json")["cannot_draw_well"]
)
"""Things no picture shows well (a structure, a process, an event, an idea), from
``data/nouns.json``: ``names`` (the phrasings that name it), ``what`` (what the chat says
cannot be drawn), ``draw`` (the noun drawn in its place, or None: the thing stays, and
the built-in engine draws a card the checker reports), ``drew`` (how the chat names
that picture) and ``offer`` (topics or things that can be drawn instead)."""
_HARD_NAMES: dict[tuple[str, ...], dict[str, object]] = {
    tuple(name.split()): entry
    for entry in CANNOT_DRAW
    for name in entry["names"]  # type: ignore[attr-defined]
}
_MAX_HARD = max(len(k) for k in _HARD_NAMES)


def cannot_draw(tokens: list[str]) -> tuple[list[str], str] | None:
    """Read a request for a thing no picture shows well ("an atom", "the human eye", "the
    Krebs cycle", "the first world war").

    Returns ``tokens`` with its words replaced by the noun drawn in its place (the atom
    symbol, an eye, a soldier's helmet; unchanged where there is none) and the chat's
    note saying what cannot be drawn well and what can be drawn instead, or None when
    ``tokens`` name no such thing. A name followed by a noun names something else ("a
    cell phone", "a battle axe").
    """
    for i in range(len(tokens)):
        for size in range(min(_MAX_HARD, len(tokens) - i), 0, -1):
            words = (*tokens[i : i + size - 1], lx.singular(tokens[i + size - 1]))
            entry = _HARD_NAMES.get(words) or _HARD_NAMES.get(tuple(tokens[i : i + size]))
            if entry is None or _noun_follows(tokens, i, i + size):
                continue
            return _instead(tokens, i, i + size, entry)
    return None


def _instead(
    tokens: list[str], start: int, end: int, entry: dict[str, object]
) -> tuple[list[str], str]:
    """``tokens`` with the thing at ``start:end`` replaced by its stand-in, and the note."""
    what, _, why = str(entry["what"]).partition(" (")
    what = f"{what} well ({why}" if why else f"{what} well"
    offers = [str(o) for o in entry["offer"]]  # type: ignore[attr-defined]
    offer = offers[0] if len(offers) == 1 else f"{', '.join(offers[:-1])} or {offers[-1]}"
    draw = entry["draw"]
    if isinstance(draw, str):
        note = f"I can't draw {what}, so I drew {entry['drew']} in its place."
        tokens = [*tokens[:start], *draw.split(), *tokens[end:]]
    else:
        note = f"I can't draw {what}, so the picture shows only its name."
    return tokens, f"{note} I can draw {offer} instead."


def _noun_follows(tokens: list[str], start: int, end: int) -> bool:
    """Whether the words at ``start:end`` go on into another noun ("cell phone")."""
    if end >= len(tokens):
        return False
    longer = tuple(tokens[start : end + 1])
    if any(longer == key[: len(longer)] for key in lx.MULTI_WORD_NOUNS):
        return True
    return lx.singular(tokens[end]) in lx.KNOWN_NOUNS or tokens[end] in lx.SYNONYMS
