"""Edit commands: a prompt that changes the current scene instead of describing a new one.

Commands (several may be joined: "make the bowl green and add two apples"):

- make / turn / paint / colour / change / set: "make the bowl green", "change the bowl to
  wooden", "make it bigger", "make it night", "change the background to a beach",
  "turn the cat into a dog";
- add / put / place / insert / include: "add two more apples", "add a cat left of the bowl";
- remove / delete / erase / get rid of / take away / without: "remove the cat", "remove one
  apple", "remove the background";
- move / shift / push: "move the dog to the right", "move the dog left of the cat";
- replace / swap / substitute: "replace the cat with a dog";
- now / also + places or styles: "now at night", "in watercolor", "also a bird".

Kept things keep their ids and layout boxes; removed things lose theirs; new things get
no boxes (the layout step places them).

This module is the dispatcher: it cuts a prompt into commands and hands each to its edit.
The parts live in :mod:`.edit_verbs` (recognising an edit), :mod:`.edit_targets` (what a
command is about), :mod:`.edit_make` ("make", "replace"), :mod:`.edit_move` ("move"),
:mod:`.edit_add_remove` ("add", "remove", "now") and :mod:`.edit_boxes` (box arithmetic).
"""

from __future__ import annotations

from ..scene import SceneGraph
from .edit_add_remove import apply_add, apply_remove
from .edit_make import BIGGER, SMALLER, apply_make, apply_replace
from .edit_move import apply_move, names_existing
from .edit_targets import Target, canonical, find_target, find_targets
from .edit_verbs import (
    can_start_fresh,
    edit_kind,
    read_verb,
    rephrase,
    skip_lead,
    split_commands,
    strip_edit_verb,
)
from .items import Extras

__all__ = [
    "Target",
    "apply_edit",
    "can_start_fresh",
    "canonical",
    "edit_kind",
    "find_target",
    "find_targets",
    "rephrase",
    "strip_edit_verb",
]


def apply_edit(
    tokens: list[str], texts: list[str], current: SceneGraph
) -> tuple[SceneGraph, list[str]]:
    """Return a changed copy of ``current`` and notes for the user."""
    scene = current.copy()
    extras = Extras()
    used_texts = False
    for command in split_commands(tokens):
        used_texts = _run(command, scene, extras, texts) or used_texts
    if texts and not used_texts:
        scene.texts += [t for t in texts if t not in scene.texts]
    scene.drop_missing()  # relations, boxes, labels... of what was removed
    scene.validate()
    return scene, extras.notes


def _run(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str]) -> bool:
    """Apply one command; return whether it used the quoted ``texts``."""
    i, _ = skip_lead(tokens)
    kind, j = read_verb(tokens, i)
    rest = tokens[j:]
    if kind == "make":
        word = tokens[i] if i < len(tokens) else ""
        if word in BIGGER | SMALLER:
            rest = ["it", *tokens[i:]]
        return apply_make(rest, scene, extras, texts)
    if kind == "remove":
        apply_remove(rest, scene)
    elif kind == "move" or (kind == "add" and names_existing(rest, scene)):
        apply_move(rest, scene)
    elif kind == "replace":
        apply_replace(rest, scene, swap_order=tokens[i] == "substitute")
    else:
        apply_add(rest if kind else tokens[i:], scene, extras)
    return False
