"""The "add" and "remove" edits: new things into the picture, things (or some of them) out.

"add two more apples", "add a cat left of the bowl", "also a bird" read like a new
description, added to the scene (new things get no layout boxes); "remove the cat",
"remove one apple", "remove the background", "get rid of the cat and the dog" take
things, or some of a group, away.
"""

from __future__ import annotations

from ..scene import SceneGraph
from .build import Builder
from .edit_targets import find_target
from .items import Extras
from .phrases import scan
from .places import combine_backgrounds
from .words import read_number


def apply_add(tokens: list[str], scene: SceneGraph, extras: Extras) -> None:
    """Add what ``tokens`` (after the verb) describe to ``scene`` in place, with its
    background and style; notes for the user go to ``extras``."""
    look = Extras()
    items = scan(tokens, look)
    Builder(scene, extras, add_mode=True).apply(items)
    if look.background:  # "now at night" in a forest: the forest at night
        scene.background = combine_backgrounds(scene.background, look.background)
    if look.style_set:
        scene.style = look.style


def apply_remove(tokens: list[str], scene: SceneGraph) -> None:
    """Remove what ``tokens`` (after the verb) name from ``scene`` in place: whole things,
    a number of a group ("one apple"), or the background, style or text. Raise
    :class:`~.text.PlanError` when they name nothing in the picture."""
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
                scene.entities.remove(ent)
        k = j + target.end
        while k < len(tokens) and tokens[k] in (",", "and", "&", "or", "too", "as", "well"):
            k += 1
