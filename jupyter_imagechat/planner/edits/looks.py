"""How a thing should look, said loosely: "happier", "more determined", "face the castle",
"different colours", "one red, one blue and one green".

- a comparative names the attribute of its adjective ("happier" -> happy, "darker" ->
  dark, "older" -> old); a word the planner does not know is kept as a ``detail`` (as a
  new description keeps "a determined knight"), never made a thing of its own;
- "face the castle" turns a thing towards another, by where their boxes are;
- "make them different colours" gives each instance its own colour, and "one red, one blue
  and one green" (or "two red, one blue") colours the instances in turn: each becomes a
  thing of its own (:func:`.instances.split_instances`).
"""

from __future__ import annotations

from ...scene import Entity, SceneGraph
from .. import lexicon as lx
from ..words import is_adjective_like, known_word, read_number
from .boxes import group_box
from .instances import split_instances
from .words import MOODS

PALETTE = ("red", "blue", "green", "yellow", "orange", "purple", "pink", "brown", "white", "black")
"""Colours given in turn when things should be "different colours"."""
DIFFERENT = frozenset(lx.words("different various varied distinct separate"))
COLOUR_WORDS = frozenset(lx.words("colour colours color colors"))
SIZES = frozenset(lx.words("bigger smaller larger taller shorter wider huger tinier littler"))


def base_of(word: str) -> str | None:
    """The adjective a comparative is made from ("happier" -> "happy", "darker" -> "dark",
    "bigger" -> "big"), or ``None``."""
    if not word.endswith("er") or len(word) < 5:
        return None
    stems = [word[:-2], word[:-1]]  # "older" -> "old", "wider" -> "wide"
    if word.endswith("ier"):
        stems.insert(0, word[:-3] + "y")  # "happier" -> "happy"
    if len(word) > 5 and word[-3] == word[-4]:
        stems.insert(0, word[:-3])  # "bigger" -> "big"
    for stem in stems:
        if stem in lx.ADJECTIVES or stem in lx.SHADES or lx.color_of(stem):
            return stem
    return None


def clear_mood(ent: Entity, words: list[str]) -> None:
    """When ``words`` (a new look or state) say a mood, drop the mood ``ent`` had, from its
    ``detail`` and its ``state``: "make her sad" after "a smiling girl" is sad, not both."""
    if not any(w in MOODS for w in words):
        return
    detail = [w for w in ent.attributes.get("detail", "").split() if w not in MOODS]
    if detail:
        ent.attributes["detail"] = " ".join(detail)
    else:
        ent.attributes.pop("detail", None)
    if any(w in MOODS for w in ent.attributes.get("state", "").split()):
        ent.attributes.pop("state", None)


def look_of(words: list[str]) -> dict[str, str] | None:
    """The attributes a loose description sets ("happier", "more determined", "sad"), or
    ``None`` when ``words`` say something else (a thing: "a dog")."""
    words = [w for w in words if w not in ("more", "a", "bit", "little", "lot", "much", "very")]
    if len(words) != 1 or words[0] in SIZES:
        return None
    word = words[0]
    base = base_of(word) or word
    if base in lx.ADJECTIVES:
        key, value = lx.ADJECTIVES[base]
        return {key: value}
    if base in lx.SHADES:
        return {"shade": base}
    if lx.color_of(base):
        return {"color": str(lx.color_of(base))}
    if base != word or (is_adjective_like(word) and not known_word(word)) or word.endswith("ed"):
        return {"detail": base}  # "determined", "grumpy": kept as said
    return None


def face_towards(scene: SceneGraph, ids: list[str], other: list[str]) -> bool:
    """Turn the things ``ids`` towards ``other`` by where their boxes are; False when a box
    is missing."""
    there = group_box(scene, other[0]) if other else None
    if there is None:
        return False
    for eid in ids:
        here = group_box(scene, eid)
        if here is None:
            return False
        right = (there[0] + there[2]) / 2 > (here[0] + here[2]) / 2
        scene.entity(eid).attributes["facing"] = "right" if right else "left"
    return True


def each_its_colour(scene: SceneGraph, ids: list[str], words: list[str]) -> bool:
    """ "different colours" or "one red, one blue and one green" for the things ``ids``
    (``words`` after the things): each instance gets its colour. False for other words."""
    ents = [scene.entity(i) for i in ids]
    if set(words) & DIFFERENT and set(words) & COLOUR_WORDS:
        plan = [(1, c) for c in PALETTE]
    else:
        plan = _counted_colours(words)
        if not plan:
            return False
    for ent in ents:
        _colour_in_turn(scene, ent, plan)
    return True


def says_colours(tokens: list[str]) -> bool:
    """Whether ``tokens`` are only counts and colours ("one red, one blue and one green")."""
    return bool(_counted_colours(tokens))


def _counted_colours(words: list[str]) -> list[tuple[int, str]]:
    """ "one red, one blue and one green" -> [(1, "red"), (1, "blue"), (1, "green")]; []
    unless the words are only counts and colours."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(words):
        if words[k] in (",", "and", "the", "other", "others", "rest"):
            k += 1
            continue
        number, j = read_number(words, k)
        color = lx.color_of(words[j]) if number is not None and j < len(words) else None
        if number is None or color is None:
            return []
        out.append((number, color))
        k = j + 1
    return out if len(out) >= 2 else []


def _colour_in_turn(scene: SceneGraph, ent: Entity, plan: list[tuple[int, str]]) -> None:
    """Give the instances of ``ent``, left to right, the colours of ``plan`` in turn (those
    past the plan keep theirs)."""
    boxes = {b.index: tuple(b.box) for b in scene.layout if b.entity == ent.id}
    laid = len(boxes) == ent.count
    order = sorted(range(ent.count), key=lambda i: boxes[i][0] if laid else i)
    groups: list[tuple[list[object], str]] = []
    k = 0
    for number, color in plan:
        if k >= len(order):
            break
        groups.append(([boxes[i] if laid else i for i in order[k : k + number]], color))
        k += number
    for keys, color in groups:
        if laid:  # the instances whose boxes these are (splits renumber the rest)
            indices = [b.index for b in scene.layout if b.entity == ent.id and tuple(b.box) in keys]
        else:
            indices = list(range(len(keys)))
        part = split_instances(scene, ent, indices)
        part.attributes["color"] = color
        if part is ent:
            break
