"""The "add" and "remove" edits: new things into the picture, things (or some of them) out.

"add two more apples", "add a cat left of the bowl", "also a bird" read like a new
description, added to the scene (new things get no layout boxes); "remove the cat",
"remove one apple", "remove the background", "get rid of the cat and the dog" take
things, or some of a group, away.
"""

from __future__ import annotations

from ...scene import Entity, Relation, SceneGraph
from .. import lexicon as lx
from ..bodies import can_own
from ..build import Builder
from ..everyday import read_everyday
from ..items import Extras
from ..links import PARTS, WEARABLE
from ..phrases import scan
from ..places import combine_backgrounds
from ..text import PlanError
from ..words import read_number
from ..worn_counts import one_per_owner
from .places import guests
from .refs import reference
from .targets import canonical, find_target


def apply_add(tokens: list[str], scene: SceneGraph, extras: Extras) -> None:
    """Add what ``tokens`` (after the verb) describe to ``scene`` in place, with its
    background and style; notes for the user go to ``extras``."""
    if _give_to_several(tokens, scene):
        return
    tokens = _one_each(_referred(tokens, scene), scene)
    look = Extras()
    items = scan(tokens, look)
    before = {e.id for e in scene.entities}
    builder = Builder(scene, extras, add_mode=True)
    builder.resolver.mentioned.extend(e.id for e in scene.entities if e.id != scene.focus)
    if scene.focus is not None and any(e.id == scene.focus for e in scene.entities):
        builder.resolver.mentioned.append(scene.focus)  # "add a hat on it": the thing in focus
    builder.apply(items)
    _to_existing(tokens, scene, before)
    _parts_to_their_whole(scene, before)
    one_per_owner(scene, builder.resolver.guessed)  # "add tails" to two cats: two
    added = {e.id for e in scene.entities} - before
    read_everyday(scene, only=added)  # "add a glass of water", "add a postman"
    scene.background = added_background(scene.background, look.background)
    if look.style_set:
        scene.style = look.style


GIVING = frozenset({"wearing", "holding", "carrying"})
REFERRING = frozenset(lx.words("them they both all each every these those everyone"))


def _give_to_several(tokens: list[str], scene: SceneGraph) -> bool:
    """ "them wearing hats", "both dogs holding a ball" (from "give them hats", "give both
    dogs a ball"): each of the things there are gets one, as many as they are; nothing new
    is made of "them" or "both dogs". Return False for anything else."""
    k = next((i for i, w in enumerate(tokens) if w in GIVING), 0)
    if k == 0 or k + 1 >= len(tokens):
        return False
    try:
        target = find_target(tokens[:k], scene)
    except PlanError:
        return False
    owners = [scene.entity(i) for i in target.ids] if target.what in ("entities", "it") else []
    several = len(owners) > 1 or any(o.count > 1 for o in owners) or tokens[0] in REFERRING
    if not owners or target.end != k or not several:
        return False
    given = SceneGraph()
    Builder(given, Extras()).apply(scan(tokens[k + 1 :], Extras()))
    if len(given.entities) != 1:
        return False
    thing = given.entities[0]
    worn = tokens[k] == "wearing" or lx.singular(thing.name) in WEARABLE
    for owner in owners:
        new = Entity(scene.new_id(), thing.name, owner.count, dict(thing.attributes))
        scene.entities.append(new)
        pair = (new.id, "on", owner.id) if worn else (owner.id, "holding", new.id)
        scene.relations.append(Relation(*pair))
        scene.focus = new.id
    return True


def _referred(tokens: list[str], scene: SceneGraph) -> list[str]:
    """ "the smallest one wearing a scarf" (from "give the smallest one a scarf") -> "it
    wearing a scarf", with the smallest thing in focus: a reference the description would
    read as a new thing is resolved here."""
    ref = reference(tokens, scene, lambda words: canonical(words)[0])
    if ref is None or len(set(ref.ids)) != 1 or ref.end >= len(tokens):
        return tokens
    if tokens[ref.end] not in ("wearing", "holding", "carrying", "with"):
        return tokens
    scene.focus = ref.ids[0]
    return ["it", *tokens[ref.end :]]


def _one_each(tokens: list[str], scene: SceneGraph) -> list[str]:
    """ "a student at each desk" (4 desks) -> "4 student at the desk": one new thing for
    each of the things there are, which stay as many as they were."""
    for k, word in enumerate(tokens):
        if word not in ("each", "every") or k == 0 or k + 1 >= len(tokens):
            continue
        try:
            target = find_target(["the", *tokens[k + 1 :]], scene)
        except PlanError:
            return tokens
        if target.what != "entities" or not target.ids:
            return tokens
        count = sum(scene.entity(i).count for i in target.ids)
        if tokens[0] in ("a", "an", "one") and count > 1:
            return [str(count), *tokens[1:k], "the", *tokens[k + 1 :]]
        return [*tokens[:k], "the", *tokens[k + 1 :]]
    return tokens


WHERE_THINGS_ARE = frozenset({"sky"})
"""Backgrounds that say where an added thing is ("a moon in the sky"), not a new setting,
when the picture has one already."""


def added_background(old: str | None, new: str | None) -> str | None:
    """The background after an addition read ``new`` ("now at night" in a forest: the
    forest at night; "a moon in the sky" at night: still night)."""
    if not new or (old and new in WHERE_THINGS_ARE):
        return old
    return combine_backgrounds(old, new)


def _to_existing(tokens: list[str], scene: SceneGraph, before: set[str]) -> None:
    """ "add a hat to the snowman", "add candles to the cake": a new thing given to a thing
    of the picture goes on it (in it, for a container), unless the prompt placed it."""
    if "to" not in tokens:
        return
    k = tokens.index("to")
    try:
        target = find_target(tokens[k + 1 :], scene)
    except PlanError:
        return
    if target.what not in ("entities", "it") or len(target.ids) != 1 or target.ids[0] not in before:
        return
    host = target.ids[0]
    placed = {r.subject for r in scene.relations} | {r.object for r in scene.relations}
    for ent in scene.entities:
        if ent.id in before or ent.id in placed:
            continue
        inside = (
            scene.entity(host).name in lx.CONTAINERS and scene.entity(host).name not in lx.SURFACES
        )
        scene.relations.append(Relation(ent.id, "inside" if inside else "on", host))


def _parts_to_their_whole(scene: SceneGraph, before: set[str]) -> None:
    """ "add a carrot nose" to a picture of a snowman: a new part placed nowhere goes on
    the one thing of the picture it can belong to (the one thing there, else the one person
    or animal for a body part), as "a snowman with a carrot nose" puts it there."""
    placed = {r.subject for r in scene.relations} | {r.object for r in scene.relations}
    new = [e for e in scene.entities if e.id not in before and e.id not in placed]
    parts = [e for e in new if _head(e.name) in PARTS]
    wholes = [e for e in scene.entities if e.id in before and _head(e.name) not in PARTS]
    for part in parts:
        whole = wholes if len(wholes) == 1 else [e for e in wholes if can_own(e)]
        if len(whole) == 1:
            scene.relations.append(Relation(part.id, "on", whole[0].id))


def _head(name: str) -> str:
    return name.rpartition(" ")[2]


def apply_remove(tokens: list[str], scene: SceneGraph) -> None:
    """Remove what ``tokens`` (after the verb) name from ``scene`` in place: whole things,
    a number of a group ("one apple"), or the background, style or text. Raise
    :class:`~..text.PlanError` when they name nothing in the picture."""
    if not tokens:
        find_target(tokens, scene)  # raises: says what to name
    k = 0
    while k < len(tokens):
        number, j = read_number(tokens, k)
        if number is None and k < len(tokens) and tokens[k] in ("a", "an", "one", "another"):
            number, j = 1, k + 1
        if j < len(tokens) and tokens[j] == "of":
            j += 1
        target = find_target(tokens[j:], scene)
        if target.what == "background":
            scene.background = None
        elif target.what == "style":
            scene.style = None
        elif target.what == "text":
            scene.texts = []
        for eid in target.ids:
            ent = scene.entity(eid)
            if number is not None and number < ent.count:
                ent.count -= number
            else:
                riders = guests(scene, eid)  # what stood on it is placed again (it fell)
                scene.layout = [b for b in scene.layout if b.entity not in riders]
                scene.entities.remove(ent)
        k = j + target.end
        while k < len(tokens) and tokens[k] in (",", "and", "&", "or", "too", "as", "well"):
            k += 1
