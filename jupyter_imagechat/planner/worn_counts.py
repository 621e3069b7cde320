"""How many of an uncounted plural a group wears or has: one each, or a pair each.

A bare plural is :data:`~.lexicon.DEFAULT_PLURAL_COUNT` things ("apples": three). Worn on
or grown by several owners it is one for each of them ("four penguins wearing scarves":
four scarves; "two snowmen with carrot noses": two noses), or a pair for each of them when
such things come in twos ("two children in boots": four boots). A plural with a number of
its own ("five hats") keeps it; things owners have many of (wheels, spots, windows) keep the
default.
"""

from __future__ import annotations

from ..scene import MAX_COUNT, SceneGraph
from . import lexicon as lx
from .links import CLOTHING

ONE_EACH = CLOTHING | frozenset(
    lx.words("""nose mouth tail face beard mustache moustache hair mane beak trunk head neck
    collar crown tiara bow tie necklace backpack bag badge cape mask wig halo lanyard""")
)
"""Things an owner wears or has one of."""


def one_per_owner(scene: SceneGraph, guessed: set[str]) -> None:
    """Set the count of each entity in ``guessed`` (bare plurals whose count the planner
    guessed) worn "on" owners that are several to one (or a pair) per owner, in place."""
    if not guessed:
        return
    for rel in scene.relations:
        if rel.subject not in guessed or rel.predicate != "on":
            continue
        worn, owner = scene.entity(rel.subject), scene.entity(rel.object)
        head = worn.name.rpartition(" ")[2]
        if owner.count < 2:
            continue
        if head in lx.PAIRED:
            worn.count = min(2 * owner.count, MAX_COUNT)
        elif head in ONE_EACH:
            worn.count = owner.count
        guessed.discard(rel.subject)
