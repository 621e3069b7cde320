"""What the scan produces: noun phrases, items, and what a prompt says about the picture.

Plain data shared by the readers (:mod:`.nouns`, :mod:`.places`, :mod:`.phrases`) and
the :class:`~.build.Builder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NounPhrase:
    """One noun phrase: "three red apples", "the dog", "it"."""

    name: str
    word: str
    count: int | None = None
    explicit: bool = False
    plural: bool = False
    definite: bool = False
    pronoun: bool = False
    more: bool = False
    pair: bool = False
    known: bool = False
    owner: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """One step of a prompt: ``kind`` is NP, ADJS, REL, BETWEEN, CONJ, NEG, SEP, COP, OF,
    POS, STATE, BACK or INHAND; ``np``/``attrs``/``value``/``reverse`` carry what it needs
    (``value2``: the word a relation was reread from, "in" for "a man in a suit")."""

    kind: str
    np: NounPhrase | None = None
    attrs: dict[str, str] | None = None
    value: str = ""
    reverse: bool = False
    value2: str = ""


@dataclass
class Extras:
    """What a prompt says about the whole picture, plus notes for the user."""

    style: str | None = None
    style_set: bool = False
    background: str | None = None
    notes: list[str] = field(default_factory=list)
    things: set[str] = field(default_factory=set)
    """Nouns read as things so far: "on the street" after "a street" is that street."""
