"""Saying what was not understood: "asdf qwerty zxcv" is not drawn as a thing, and the chat
says "I didn't understand 'asdf qwerty zxcv'".

A word the planner knows in no table is still read as a thing when it could be an English
noun ("a stegosaurus"): another engine may know it, and the built-in engine's card for it
is a checker finding. A word that cannot be English (no vowel, a run of keys along a
keyboard row, six consonants running) is not understood: :func:`drop_unknown` takes it out
of the plan and returns the note.
"""

from __future__ import annotations

import re

from ..scene import SceneGraph

__all__ = ["drop_unknown", "is_gibberish", "not_understood"]

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
