"""Finding what an edit command is about: which entities, or the background, style or text.

"the red apple" narrows to the red apples when there are several, and "the apple" to the
apple in focus when several entities are apples; "it", "them", "both", "the other dog",
"the left one" and the like are read by :mod:`.refs`; "the cat and the dog" joins
both. A name the picture does not hold raises :class:`~..text.PlanError` listing what it
does hold.
"""

from __future__ import annotations

from ...scene import Entity, SceneGraph
from .. import lexicon as lx
from ..items import NounPhrase
from ..text import PlanError
from ..words import is_adjective_like
from .refs import it_means, person_means, reference, them_means
from .words import GENERIC_NOUNS, PARTS, TEXT_OBJECTS, kind_of

ALL_WORDS = frozenset({"everything", "all", "everyone", "them", "they", "both"})
SCENE_WORDS = frozenset({"picture", "image", "scene", "whole", "photo"})
_IT = frozenset({"it", "itself", "this", "that"})
EVERY = frozenset({"all", "every", "each"})


class Target:
    """What a command names: entity ids, or the background, style or text."""

    def __init__(self, what: str, ids: list[str], end: int, np: NounPhrase | None = None):
        self.what, self.ids, self.end, self.np = what, ids, end, np


def canonical(words: list[str]) -> tuple[str, str]:
    """Canonical noun and ``kind`` for the words of a noun ("teddy bears", "men")."""
    phrase = " ".join(words)
    key = (*words[:-1], lx.singular(words[-1]))
    one = lx.MULTI_WORD_NOUNS.get(key, " ".join(key)) if len(words) > 1 else lx.singular(phrase)
    one = lx.SYNONYMS.get(one, one)
    if one in lx.PERSON_WORDS:
        return "person", one
    return one, ""


def find_target(tokens: list[str], scene: SceneGraph) -> Target:
    """Find what ``tokens`` (after the verb) are about; raise :class:`PlanError` if the
    picture has no such thing."""
    n = len(tokens)
    ref = reference(tokens, scene, lambda words: canonical(words)[0])
    if ref is not None:
        return Target("it" if ref.end and tokens[0] in _IT else "entities", ref.ids, ref.end)
    k = 0
    while k < n and tokens[k] in ("the", "this", "that", "these", "those", "its", "of", *EVERY):
        k += 1
    every = bool(EVERY & set(tokens[:k]))  # "all the sheep", "every sheep": not just one
    if k >= n:
        raise PlanError(
            "Name the thing to change, e.g. 'remove the cat', 'make the bowl green' or "
            "'move the dog to the right'."
        )
    if tokens[k] in lx.BACKGROUND_WORDS | {"sky"}:
        return Target("background", [], k + 1)
    if k < n and tokens[k] == "style":
        return Target("style", [], k + 1)
    if k < n and tokens[k] in TEXT_OBJECTS:
        return Target("text", [], k + 1)
    if k < n and tokens[k] in SCENE_WORDS:  # "make the picture darker": the whole of it
        return Target("it", [e.id for e in scene.entities], k + 1)
    mods: list[str] = []
    start = k
    while k < n and k - start < 6:
        for size in range(min(3, n - k), 0, -1):
            name, kind = canonical(tokens[k : k + size])
            found = [e for e in scene.entities if e.name == name]
            if kind:
                found = [e for e in found if e.attributes.get("kind") == kind] or found
            if not found and size == 1:  # "the shirt" for a t-shirt, "the board" for a whiteboard
                found = [e for e in scene.entities if _last_word(e.name) == name]
                if not found and len(name) >= 4:
                    found = [e for e in scene.entities if e.name.endswith(name)]
                word = lx.singular(tokens[k])
                if not found and len(word) >= 4 and word != name:  # "the ball": a football
                    found = [e for e in scene.entities if e.name.endswith(word)]
                if not found:  # "the mother" for a mother duck, "the pirate" for its ship
                    after = lx.singular(tokens[k + 1]) if k + 1 < n else ""
                    found = [
                        e
                        for e in scene.entities
                        if e.attributes.get("kind") == word and after not in e.name.split()
                    ]
            if found:
                attrs = modifier_attrs(mods)
                narrowed = [e for e in found if _matches(e, attrs)] or found
                word = tokens[k + size - 1]
                plural = lx.is_plural(word)
                plural = plural or every
                if not plural and len(narrowed) > 1 and scene.focus in {e.id for e in narrowed}:
                    narrowed = [e for e in narrowed if e.id == scene.focus]  # "the apple": that one
                np = NounPhrase(name=name, word=word, plural=plural)
                return Target("entities", [e.id for e in narrowed], k + size, np)
        if tokens[k] in (",", "and", "with", "to", "into", "by", "for"):
            break
        mods.append(tokens[k])
        k += 1
    first = tokens[start] if start < n else ""
    covered = kind_of(first)
    if covered is not None:  # "the fruit", "all the vehicles": the things of that kind
        ids = [e.id for e in scene.entities if e.name in covered]
        if ids:
            return Target("entities", ids, start + 1)
    if first in GENERIC_NOUNS:  # "the character", "the things": what is pointed at
        if first.startswith(("character", "figure", "guy")):
            ids = person_means(scene, "they")  # a character: a person or an animal
        else:
            ids = them_means(scene) if lx.is_plural(first) else it_means(scene)
        return Target("entities", ids, start + 1)
    owner = PARTS.get(first)
    owners = [e.id for e in scene.entities if owner and e.name == owner]
    if owners:  # "the leaves" of the tree: the tree (its main part is what changes)
        return Target("entities", owners, start + 1)
    words = [w for w in tokens[start:k] if not is_adjective_like(w)] or tokens[start : start + 1]
    guess = canonical(words[-1:])[0] if words else "such thing"
    names = ", ".join(sorted({e.name for e in scene.entities})) or "nothing yet"
    raise PlanError(
        f"There is no {guess} in the picture; it has: {names}. "
        "Name one of those, or add it first (e.g. 'add a " + guess + "')."
    )


POINTING = frozenset(lx.words("the this that it them they both these those everything all"))
"""Words a thing already in the picture is named with ("the dog", "it", "both")."""


def pointed(tokens: list[str], scene: SceneGraph) -> Target | None:
    """The things of the picture ``tokens`` start by naming with a pointing word ("the bus",
    "both of them"), or ``None``."""
    if not tokens or tokens[0] not in POINTING:
        return None
    try:
        return find_targets(tokens, scene)
    except PlanError:
        return None


def find_targets(tokens: list[str], scene: SceneGraph) -> Target:
    """Like :func:`find_target`, joining things named with "and": "the cat and the dog"."""
    target = find_target(tokens, scene)
    while (
        target.what == "entities"
        and target.end + 1 < len(tokens)
        and tokens[target.end] in (",", "and", "&")
    ):
        try:
            more = find_target(tokens[target.end + 1 :], scene)
        except PlanError:
            break
        if more.what != "entities" or not more.ids:
            break
        ids = target.ids + [i for i in more.ids if i not in target.ids]
        target = Target("entities", ids, target.end + 1 + more.end, target.np)
    return target


def modifier_attrs(words: list[str]) -> dict[str, str]:
    """The attributes that colour words and known adjectives among ``words`` set
    ("red", "wooden": ``{"color": "red", "material": "wooden"}``)."""
    attrs: dict[str, str] = {}
    for word in words:
        color = lx.color_of(word)
        if color:
            attrs["color"] = color
        elif word in lx.ADJECTIVES:
            key, value = lx.ADJECTIVES[word]
            attrs[key] = value
    return attrs


def _last_word(name: str) -> str:
    """The head noun of a name: "t-shirt" -> "shirt", "wine glass" -> "glass"."""
    return name.replace("-", " ").rpartition(" ")[2]


def _matches(ent: Entity, attrs: dict[str, str]) -> bool:
    return all(ent.attributes.get(k) == v for k, v in attrs.items())
