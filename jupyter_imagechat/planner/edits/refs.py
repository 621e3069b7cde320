"""What the words of a follow-up point at: "it", "them", "both", "the other dog", "the left
one", "the biggest", "the last one", "the one I selected".

The scene's ``focus`` is the thing last created, changed or selected, so "it" after
"replace the horse with a cow" is the cow. "Them" is the things in focus when they are
several, else everything; "both" the two things of the picture (or the pair in focus).
A pick among instances ("the left apple", "the biggest one", "the second dog") uses the
layout boxes; when it names some of an entity's instances, those become an entity of their
own (:func:`.instances.split_instances`) so the edit changes only them.
"""

from __future__ import annotations

from collections.abc import Callable

from ...scene import Entity, SceneGraph
from .. import lexicon as lx
from ..links import ANIMALS
from ..words import is_adjective_like
from .instances import split_instances
from .words import CHARACTERS, GENERIC_NOUNS, kind_of

SELECTED = frozenset(
    tuple(p.split())
    for p in (
        "the one i selected", "the one i picked", "the one i chose", "the one i clicked",
        "the one i clicked on", "the one i marked", "the one i painted", "the one i painted over",
        "the one i masked", "the one i pointed at", "the one i pointed to", "the selected one",
        "the selection", "what i selected", "the thing i selected", "the highlighted one",
        "the one i highlighted", "the selected thing", "the selected object", "my selection",
    )
)  # fmt: skip
"""Phrases for the thing selected in the picture (the focus)."""
SUPPORTS = frozenset({"on", "inside", "under"})
"""Predicates whose object holds its subject: a table is not what "it" most likely means."""
PEOPLE_WORDS = frozenset({"he", "she", "him", "her", "himself", "herself"})
SEXES = {
    "he": ("man", "boy", "father", "grandfather", "king", "prince"), "him": ("man", "boy"),
    "she": ("woman", "girl", "mother", "grandmother", "queen", "princess"),
    "her": ("woman", "girl", "mother", "queen", "princess"),
}  # fmt: skip
EVERYTHING = frozenset({"everything", "everyone", "everybody", "all", "each"})
THEM = frozenset({"them", "they", "these", "those"})
ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5}

_Key = Callable[[tuple[float, float, float, float]], float]
_X: _Key = lambda b: (b[0] + b[2]) / 2  # noqa: E731
_Y: _Key = lambda b: (b[1] + b[3]) / 2  # noqa: E731
_AREA: _Key = lambda b: (b[2] - b[0]) * (b[3] - b[1])  # noqa: E731
_HEIGHT: _Key = lambda b: b[3] - b[1]  # noqa: E731
_WIDTH: _Key = lambda b: b[2] - b[0]  # noqa: E731
PICKS: dict[str, tuple[_Key, bool]] = {
    "left": (_X, False), "leftmost": (_X, False), "right": (_X, True), "rightmost": (_X, True),
    "top": (_Y, False), "topmost": (_Y, False), "upper": (_Y, False), "higher": (_Y, False),
    "highest": (_Y, False), "bottom": (_Y, True), "lower": (_Y, True), "lowest": (_Y, True),
    "bottommost": (_Y, True), "biggest": (_AREA, True), "largest": (_AREA, True),
    "bigger": (_AREA, True), "larger": (_AREA, True), "big": (_AREA, True),
    "large": (_AREA, True), "huge": (_AREA, True), "smallest": (_AREA, False),
    "smaller": (_AREA, False), "small": (_AREA, False), "little": (_AREA, False),
    "tiny": (_AREA, False), "tiniest": (_AREA, False), "littlest": (_AREA, False),
    "tallest": (_HEIGHT, True), "taller": (_HEIGHT, True), "tall": (_HEIGHT, True),
    "shortest": (_HEIGHT, False), "shorter": (_HEIGHT, False), "widest": (_WIDTH, True),
    "wider": (_WIDTH, True),
}  # fmt: skip
"""Words that pick one instance by its box: the key and whether the largest value wins."""
PLACE_PICKS = {
    ("on", "the", "left"): "left", ("on", "the", "right"): "right", ("at", "the", "top"): "top",
    ("at", "the", "bottom"): "bottom", ("in", "the", "middle"): "middle",
    ("in", "the", "center"): "middle", ("in", "the", "centre"): "middle",
    ("on", "top"): "top", ("in", "front"): "bottom", ("at", "the", "back"): "top",
}  # fmt: skip
"""Places after "the one" that pick an instance ("the one on the left")."""


class Reference:
    """What a reference found: entity ids (after any split) and the tokens it used."""

    def __init__(self, ids: list[str], end: int) -> None:
        self.ids, self.end = ids, end


def it_means(scene: SceneGraph) -> list[str]:
    """What "it" means: the thing in focus, else the only thing, else the last thing added
    that is not what another thing stands on or is in (a table under a cat is not "it")."""
    ids = [e.id for e in scene.entities]
    if scene.focus in ids:
        return [scene.focus]
    if len(ids) <= 1:
        return ids
    holders = {r.object for r in scene.relations if r.predicate in SUPPORTS}
    single = [e.id for e in scene.entities if e.count == 1 and e.id not in holders]
    rest = [i for i in ids if i not in holders]
    return (single or rest or ids)[-1:]


def them_means(scene: SceneGraph) -> list[str]:
    """What "them" means: the things in focus when they are several, else the things there
    are several of ("three ducks on a pond": the ducks), else everything."""
    if scene.focus is not None and any(e.id == scene.focus and e.count > 1 for e in scene.entities):
        return [scene.focus]
    several = [e.id for e in scene.entities if e.count > 1]
    return several or [e.id for e in scene.entities]


def person_means(scene: SceneGraph, word: str) -> list[str]:
    """What "he", "she", "him" or "her" means: the thing in focus when it is a person, else
    the person of that sex, else the animal in focus (a dog just added is no "she" beside a
    woman), else the first person, else what "it" means."""
    people = [e for e in scene.entities if e.name in CHARACTERS]
    focus = next((e for e in scene.entities if e.id == scene.focus), None)
    if focus is not None and focus.name in CHARACTERS:
        return [focus.id]
    sex = SEXES.get(word, ())
    matching = [e.id for e in people if e.attributes.get("kind") in sex]
    if not matching and focus is not None and focus.name in ANIMALS:
        return [focus.id]
    animals = [e.id for e in scene.entities if e.name in ANIMALS]
    return matching[:1] or [e.id for e in people][:1] or animals[:1] or it_means(scene)


def both_mean(scene: SceneGraph) -> list[str]:
    """What "both" means: the pair in focus, else the two things of the picture, else the
    first two that do not hold the others."""
    focus = next((e for e in scene.entities if e.id == scene.focus), None)
    if focus is not None and focus.count == 2:
        return [focus.id]
    if len(scene.entities) == 2:
        return [e.id for e in scene.entities]
    pairs = [e.id for e in scene.entities if e.count == 2]
    if len(pairs) == 1:
        return pairs
    holders = {r.object for r in scene.relations if r.predicate in SUPPORTS}
    free = [e.id for e in scene.entities if e.id not in holders]
    return (free if len(free) >= 2 else [e.id for e in scene.entities])[:2]


def reference(
    tokens: list[str], scene: SceneGraph, name: Callable[[list[str]], str]
) -> Reference | None:
    """Read a reference at the start of ``tokens`` (the words after the verb), or return
    ``None`` when they name a thing plainly ("the bowl") or the background, style or text.

    ``name`` turns the words of a noun into its canonical name ("dogs" -> "dog").
    """
    n = len(tokens)
    if not n:
        return None
    for size in (6, 5, 4, 3, 2):
        if tuple(tokens[:size]) in SELECTED:
            return Reference(it_means(scene), size)
    first = tokens[0]
    nxt = tokens[1] if n > 1 else ""
    if kind_of(nxt) is not None or (nxt == "the" and n > 2 and kind_of(tokens[2]) is not None):
        return None  # "both vehicles", "all the fruit": the things of that kind, by name
    if first in ("it", "itself") or (first in ("this", "that") and not _names(nxt, scene)):
        end = 2 if nxt in ("one", "thing") else 1
        return Reference(it_means(scene), end)
    if first == "both":
        end = _rest_of_group(tokens, 1)
        if end == 1 and _names(nxt, scene):
            return None  # "both dogs": the dogs by name
        end += end < n and tokens[end] in GENERIC_NOUNS  # "both vehicles"
        return Reference(both_mean(scene), end)
    if first in EVERYTHING:
        if first in ("all", "each") and _names(
            nxt if nxt != "the" else tokens[2:3][0] if n > 2 else "", scene
        ):
            return None  # "all the apples": by name
        end = _rest_of_group(tokens, 1)
        end += end < n and tokens[end] in GENERIC_NOUNS
        alive = [e.id for e in scene.entities if e.name in CHARACTERS or e.name in ANIMALS]
        if first in ("everyone", "everybody") and alive:
            return Reference(alive, end)  # "make everyone smile": not the see-saw
        return Reference([e.id for e in scene.entities], end)
    if first in PEOPLE_WORDS:
        return Reference(person_means(scene, first), 1)
    if first == "one" and nxt == "of":
        return _one_of(tokens, scene, name)
    if first in ("them", "they") or (first in THEM and not _names(nxt, scene)):
        end = _rest_of_group(tokens, 1)
        end += end < n and tokens[end] in GENERIC_NOUNS
        return Reference(them_means(scene), end)
    k = 1 if first in ("the", "this", "that", "these", "those") else 0
    left = _remaining(tokens, k, scene, name)
    if left is not None:
        return left
    if k < n and tokens[k] in ("other", "others", "rest"):
        return _other(tokens, k, scene, name)
    return _pick(tokens, k, scene, name)


def _one_of(
    tokens: list[str], scene: SceneGraph, name: Callable[[list[str]], str]
) -> Reference | None:
    """ "one of them", "one of the kids": one instance of the group, split off so that the
    change is its own (the first in reading order); ``None`` when no group is meant."""
    k = 2 + (tokens[2:3] in (["the"], ["these"], ["those"]))
    word = tokens[k] if k < len(tokens) else ""
    if word in ("them", "these", "those") and k == 2:
        group = [scene.entity(i) for i in them_means(scene)]
    elif _names(word, scene):
        group = _pool(scene, name([word]))
    else:
        return None
    group = [e for e in group if e.count > 1][:1] or group
    picked = _choose(scene, group, "first") if group else None
    if picked is None:
        return None
    ent, index = picked
    if ent.count == 1:
        return Reference([ent.id], k + 1)
    return Reference([split_instances(scene, ent, [index]).id], k + 1)


def _rest_of_group(tokens: list[str], k: int) -> int:
    """The index after "of them", "both", "all", "together" that may follow a pointer
    ("them both", "both of them", "all of them")."""
    while k < len(tokens):
        if tokens[k : k + 2] == ["of", "them"] or tokens[k : k + 2] == ["of", "these"]:
            k += 2
        elif tokens[k] in ("both", "all", "together", "too"):
            k += 1
        else:
            break
    return k


def _names(word: str, scene: SceneGraph) -> bool:
    """Whether ``word`` names things of the picture ("dogs", "sofa")."""
    if not word:
        return False
    one = lx.singular(word)
    one = lx.SYNONYMS.get(one, one)
    return any(e.name == one or e.name.endswith(" " + one) or e.attributes.get("kind") == one
               for e in scene.entities)  # fmt: skip


def _is_noun(word: str) -> bool:
    one = lx.singular(word)
    return bool(word) and (one in lx.KNOWN_NOUNS or one in lx.SYNONYMS or word in lx.KNOWN_NOUNS)


LEFT_OVER = (("that", "are", "left"), ("that", "remain"), ("still", "there"), ("left",),
             ("remaining",))  # fmt: skip
"""Words after "the ones" or "the ducks" that mean what is left of them ("the ones left")."""


def _remaining(
    tokens: list[str], k: int, scene: SceneGraph, name: Callable[[list[str]], str]
) -> Reference | None:
    """ "the remaining ones", "the remaining ducks", "the ones left", "the ones that are
    left": what is left of the kind in focus (or of the kind named), after a removal."""
    end, noun = k, ""
    if tokens[k : k + 1] == ["remaining"]:
        end = k + 1
        if tokens[end : end + 1] in (["one"], ["ones"]):
            end += 1
        elif end < len(tokens) and _names(tokens[end], scene):
            noun, end = name(tokens[end : end + 1]), end + 1
    elif k and end < len(tokens) and (tokens[end] == "ones" or _names(tokens[end], scene)):
        after = next((w for w in LEFT_OVER if tuple(tokens[end + 1 : end + 1 + len(w)]) == w), None)
        if after == ("left",) and tokens[end] != "ones":
            return None  # "move the boy left" is a move; "the ones left" what is left
        if after is None or tokens[end + 1 + len(after) : end + 2 + len(after)] == ["of"]:
            return None  # "the lamp left of the sofa" is a place
        noun = "" if tokens[end] == "ones" else name(tokens[end : end + 1])
        end += 1 + len(after)
    else:
        return None
    focus = next((e for e in scene.entities if e.id == scene.focus), None)
    kind = noun or (focus.name if focus is not None else "")
    pool = [e.id for e in scene.entities if e.name == kind]
    return Reference(pool or them_means(scene), end)


def _other(
    tokens: list[str], k: int, scene: SceneGraph, name: Callable[[list[str]], str]
) -> Reference | None:
    """ "the other dog", "the other one", "the others", "the rest (of them)"."""
    end = k + 1
    noun = ""
    after = tokens[end] if end < len(tokens) else ""
    looks = bool(after) and (is_adjective_like(after) or not _is_noun(after))  # "the other blue"
    if tokens[k] == "other" and end < len(tokens) and tokens[end] not in ("one", "ones"):
        noun = name(tokens[end : end + 1])
        if not any(e.name == noun for e in scene.entities):
            if not looks:
                return None
            noun = ""
        else:
            end += 1
    elif tokens[k] == "other":
        end += end < len(tokens)
    if tokens[end : end + 2] == ["of", "them"]:
        end += 2
    focus = next((e for e in scene.entities if e.id == scene.focus), None)
    kind = noun or (focus.name if focus is not None else "")
    pool = [e for e in scene.entities if not kind or e.name == kind]
    if not noun and len(pool) < 2:  # "the others" when the focus is the only one of its kind
        pool = list(scene.entities)
    held = {r.object for r in scene.relations if focus is not None and r.subject == focus.id
            and r.predicate in SUPPORTS}  # fmt: skip
    others = [e.id for e in pool if focus is None or e.id not in (focus.id, *held)]
    if not others and not noun and focus is not None and focus.count > 1:
        others = [focus.id]  # "the rest" of three ducks on a pond, one removed: the two left
    if focus is None and len(others) > 1 and tokens[k] == "other":
        others = others[1:]  # no focus: "the other" is not the first one
    return Reference(others or [e.id for e in pool], end) if pool else None


def _pick(
    tokens: list[str], k: int, scene: SceneGraph, name: Callable[[list[str]], str]
) -> Reference | None:
    """ "the left one", "the biggest apple", "the second dog", "the red one", "the one on
    the left", "the last one": one instance picked by its box (or colour)."""
    n = len(tokens)
    word = tokens[k] if k < n else ""
    if k and _names(word, scene) and not lx.is_plural(word):  # "the cat on the right"
        for place, pick in PLACE_PICKS.items():
            if tuple(tokens[k + 1 : k + 1 + len(place)]) == place:
                group = _pool(scene, name([word]))
                if sum(e.count for e in group) < 2:
                    return None
                picked = _choose(scene, group, pick)
                if picked is None:
                    return None
                ent, index = picked
                return Reference([split_instances(scene, ent, [index]).id], k + 1 + len(place))
        return None
    how = word if word in PICKS or word in ORDINALS or word in ("last", "middle") else ""
    color = lx.color_of(word) if not how else None
    j = k + 1 if how or color else k
    if j < n and tokens[j] in ("one", "ones"):
        j += 1
        noun = ""
    elif j < n and (how or color) and (_is_noun(tokens[j]) or _names(tokens[j], scene)):
        if how and lx.is_plural(tokens[j]):
            return None  # "the small apples": the apples that are small, by name
        noun = name(tokens[j : j + 1])
        j += 1
    elif tokens[k : k + 1] == ["one"] and not how:
        j, noun = k + 1, ""
    elif how and k and (j >= n or not (_is_noun(tokens[j]) or _names(tokens[j], scene))):
        noun = ""  # "colour the first red": the first one
    else:
        return None
    if not how and not color:  # "the one on the left"
        for place, pick in PLACE_PICKS.items():
            if tuple(tokens[j : j + len(place)]) == place:
                how, j = pick, j + len(place)
                break
        else:
            return None
    if color and not how:
        pool = [e.id for e in scene.entities if e.attributes.get("color") == color]
        named = [i for i in pool if not noun or scene.entity(i).name == noun]
        return Reference(named, j) if named else None
    group = _pool(scene, noun)
    if color:
        group = [e for e in group if e.attributes.get("color") == color] or group
    if not group:
        return None
    if how == "last" and len({e.name for e in group}) > 1:
        return Reference([group[-1].id], j)  # the thing added last
    picked = _choose(scene, group, how)
    if picked is None:
        return None
    ent, index = picked
    return Reference([split_instances(scene, ent, [index]).id], j)


def _pool(scene: SceneGraph, noun: str) -> list[Entity]:
    """The things a pick chooses among: those called ``noun``; for "one", the kind in focus
    when there are several of it, else the only kind there are several of, else all."""
    if noun:
        return [e for e in scene.entities if e.name == noun]
    totals: dict[str, int] = {}
    for e in scene.entities:
        totals[e.name] = totals.get(e.name, 0) + e.count
    focus = next((e for e in scene.entities if e.id == scene.focus), None)
    if focus is not None and totals[focus.name] > 1:
        return [e for e in scene.entities if e.name == focus.name]
    several = [name for name, total in totals.items() if total > 1]
    if len(several) == 1:
        return [e for e in scene.entities if e.name == several[0]]
    return list(scene.entities)


def _choose(scene: SceneGraph, group: list[Entity], how: str) -> tuple[Entity, int] | None:
    """The instance of ``group`` that ``how`` picks, by the layout boxes (by order without)."""
    order = [(e, i) for e in group for i in range(e.count)]
    boxes = {(b.entity, b.index): b.box for b in scene.layout}
    if not order:
        return None
    if all((e.id, i) in boxes for e, i in order):
        reading = sorted(order, key=lambda p: (_X(boxes[p[0].id, p[1]]), _Y(boxes[p[0].id, p[1]])))
    else:
        reading = order
    if how in ORDINALS:
        place = ORDINALS[how]
        return reading[place] if place < len(reading) else None
    if how == "last":
        return reading[-1]
    if how == "middle":
        return reading[(len(reading) - 1) // 2]
    key, largest = PICKS[how]
    if not all((e.id, i) in boxes for e, i in order):
        return reading[-1] if largest else reading[0]
    ranked = sorted(reading, key=lambda p: key(boxes[p[0].id, p[1]]), reverse=largest)
    return ranked[0]
