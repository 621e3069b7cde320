"""Count edits: "there should be nine", "I'd like exactly six rabbits", "make it a pair",
"one more", "two fewer apples", "only one", "double them", "add two more", "remove one".

A count statement says nothing but a number, the thing it counts (or a pointer: "it",
"them", none) and the words around counts ("exactly", "more", "instead"); anything else
("three red rabbits on the lawn") is a description and is read as one. Without a noun the
count is of the thing in focus, else of the only kind there are several of, else of the
only thing. New instances get no layout boxes (the layout places them next to the others);
removed ones lose theirs; every other thing is left as it is.
"""

from __future__ import annotations

from ...scene import MAX_COUNT, Entity, SceneGraph
from .. import lexicon as lx
from ..items import Extras
from ..text import PlanError
from ..words import read_number
from .refs import it_means, them_means
from .targets import canonical
from .words import COUNT_LEADS, COUNT_WORDS, FEWER_WORDS, MORE_WORDS, MULTIPLY, at

ALLOWED = frozenset(
    lx.words(
        "make set change turn increase reduce decrease raise lower bring cut go up down to into "
        "be have there should would could must needs need it them they those these that this the "
        "of number count amount total in all ones things times instead only just exactly as many "
        "much is are please now so let's lets i want like i'd we need there's there're one "
        "each every both everything take get off out a an bump boost push crank knock "
        "adjust update alter modify upped bumped"
    )
)
"""Words a count statement may hold besides its count and noun."""
ADD_VERBS = frozenset(lx.words("add put insert include draw give"))
POINTING = frozenset(lx.words("it them they these those each every both everything all"))
"""Words that make a count without a noun apply to what they point at."""
REMOVE_VERBS = frozenset(lx.words("remove delete erase drop lose minus subtract away rid"))
"""Words that make a count a removal ("remove two", "take two away", "get rid of one")."""


def apply_count(tokens: list[str], scene: SceneGraph, extras: Extras) -> bool:
    """Apply a count statement (``tokens`` after the polite lead) to ``scene`` in place;
    return False when ``tokens`` are not one. Raise :class:`~..text.PlanError` when the count
    could be of several things ("there should be three" with a cat and a dog)."""
    if not tokens:
        return False
    count = _read(tokens)
    if count is None:
        return False
    how, value, words = count
    nouns = [w for w in words if w not in ALLOWED and w not in ADD_VERBS | REMOVE_VERBS]
    if len(nouns) > 1 and not _named(scene, nouns):  # "teddy bears" is one name
        return False
    if how in ("more", "fewer") and not value:  # "more apples": a few; "fewer": one
        plural = bool(nouns) and lx.is_plural(nouns[0])
        value = float(lx.DEFAULT_PLURAL_COUNT if how == "more" and plural else 1)
    adding = any(w in ADD_VERBS for w in words)
    removing = any(w in REMOVE_VERBS for w in words)
    if adding and how == "total":
        how = "more"
    if removing and how in ("total", "more"):
        how = "fewer"
    if (adding or removing) and not (nouns or how != "total"):
        return False
    if nouns:
        ents = _named(scene, nouns)
        if not ents:
            return False  # "three rabbits" with no rabbit: a description adds them
        if how == "times" and sum(e.count for e in ents) * value < 1:
            return False  # "cut the sandwich in half": one thing is not halved away
        total = _new_total(how, value, sum(e.count for e in ents))
        _set_total(scene, ents, total, extras, nouns[0])
        return True
    if set(words) & POINTING:  # "double them", "one more of each"
        for eid in them_means(scene) if "it" not in words else it_means(scene):
            ent = scene.entity(eid)
            _set_total(scene, [ent], _new_total(how, value, ent.count), extras)
        return True
    ent = count_target(scene, value)
    _set_total(scene, [ent], _new_total(how, value, ent.count), extras)
    return True


def _named(scene: SceneGraph, nouns: list[str]) -> list[Entity]:
    """The things of ``scene`` that ``nouns`` name ("teddy bears"; "bears" for teddy bears
    when nothing else is called so)."""
    name, kind = canonical(nouns)
    ents = [e for e in scene.entities if e.name == name]
    if kind:
        ents = [e for e in ents if e.attributes.get("kind") == kind] or ents
    if not ents and len(nouns) == 1:
        ents = [e for e in scene.entities if e.name.rpartition(" ")[2] == name]
    return ents


def _new_total(how: str, value: float, total: int) -> int:
    if how == "more":
        return total + int(value)
    if how == "fewer":
        return total - int(value)
    if how == "times":
        return round(total * value)
    return int(value)


def _read(tokens: list[str]) -> tuple[str, float, list[str]] | None:
    """The count in ``tokens``: how it applies ("total", "more", "fewer", "times"), its value
    and the other words; ``None`` when there is no count."""
    how, value, rest = "", 0.0, []
    k = 0
    while k < len(tokens):
        word = tokens[k]
        size = at(tokens, k, COUNT_WORDS)
        number, after = read_number(tokens, k)
        if not how and number is not None:
            how, value, k = "total", float(number), after
            continue
        if not how and size:
            how, value, k = "total", float(COUNT_WORDS[tuple(tokens[k : k + size])]), k + size
            continue
        if word in MULTIPLY and not how:
            how, value = "times", MULTIPLY[word]
        elif word in MORE_WORDS:
            if not how:
                how, value = "total", 0.0  # "more apples": how many is said below
            if how == "total":
                how = "more"
        elif at(tokens, k, FEWER_WORDS):
            if not how:
                how, value = "total", 0.0
            if how == "total":
                how = "fewer"
            k += at(tokens, k, FEWER_WORDS)
            continue
        elif at(tokens, k, COUNT_LEADS):
            k += at(tokens, k, COUNT_LEADS)
            continue
        elif word in ("a", "an") and k + 1 < len(tokens) and tokens[k + 1] in lx.MULTIPLIERS:
            pass
        elif word in ("second", "third", "fourth") and k and tokens[k - 1] == "a" and not how:
            how, value = "more", 1.0  # "a second cat": one more
        elif number is not None:  # "three rabbits instead of two": the old count
            k = after
            continue
        else:
            rest.append(word)
        k += 1
    if not how:
        return None
    if how == "times" and "as" in rest and "many" in rest:  # "twice as many apples"
        rest = [w for w in rest if w not in ("as", "many")]
    return how, value, rest


def count_target(scene: SceneGraph, value: float = 0) -> Entity:
    """What a count without a noun counts: the thing in focus, else the only kind there are
    several of, else the only thing; else raise :class:`~..text.PlanError`."""
    ents = scene.entities
    focus = next((e for e in ents if e.id == scene.focus), None)
    if focus is not None:
        return focus
    several = [e for e in ents if e.count > 1]
    if len(several) == 1:
        return several[0]
    if len(ents) == 1:
        return ents[0]
    number = int(value) if value == int(value) else value
    names = " or ".join(sorted({e.name for e in ents})[:4]) or "things"
    raise PlanError(
        f"Say what there should be {number} of: {names}? "
        f"For example 'there should be {number} {ents[0].name if ents else 'apples'}s'."
    )


def _set_total(
    scene: SceneGraph, ents: list[Entity], want: int, extras: Extras, word: str = ""
) -> None:
    """Make ``ents`` (things of one name) number ``want`` in all: the first keeps the
    change, the others stay as they are while they fit; none left removes them."""
    if want <= 0:
        for ent in ents:
            scene.entities.remove(ent)
        return
    if want > MAX_COUNT:
        extras.notes.append(f"capped {want} {word or ents[0].name} at {MAX_COUNT}")
        want = MAX_COUNT
    others = ents[1:]
    while others and sum(e.count for e in others) >= want:
        scene.entities.remove(others.pop())  # "only one" after a split: one apple left
    ents[0].count = want - sum(e.count for e in others)
