"""A stuff that takes the shape of what holds it is that container's contents.

"A glass of water", "a jar of jam", "a bucket filled with sand": water, jam and sand are
no thing to stand beside the glass, the jar or the bucket; they are what it holds.
:func:`fold_fillings` runs once the builder has read the prompt: each stuff in
``data/portions.json`` (``fillings``) that is inside (or on) one container, and takes
part in nothing else, is dropped as a thing and kept as the container's attribute
``contents`` ("water"). The checker cannot measure contents: that attribute is unknown,
never kept. A container and stuff that are one picture together ("a bowl of cereal") were
read as that one thing before (:mod:`.partitives`).
"""

from __future__ import annotations

from collections.abc import Collection

from ..scene import SceneGraph
from ..vocab.files import read_json
from . import lexicon as lx

__all__ = ["FILLINGS", "fold_fillings"]

FILLINGS: frozenset[str] = frozenset(read_json(__file__, "portions.json")["fillings"])
"""Liquids, pastes, powders and grains: drawn as the contents of their container."""
_HELD_IN = frozenset({"inside", "on"})
_KEPT = frozenset({"color", "color2", "detail", "state"})
"""A filling's own attributes folded into the contents ("a jar of red jam": "red jam")."""


def fold_fillings(scene: SceneGraph, only: Collection[str] | None = None) -> None:
    """Turn each filling held by one container into that container's ``contents`` (see
    the module docstring); everything else is left as it is. ``only``: the ids of the
    fillings that may be folded (those an edit adds), default all."""
    if scene.panels or scene.arrows or scene.labels or scene.arrangements:
        return  # a diagram points at its things by id: leave them all
    for ent in list(scene.entities):
        if ent.name not in FILLINGS or set(ent.attributes) - _KEPT:
            continue
        if only is not None and ent.id not in only:
            continue
        mine = [r for r in scene.relations if ent.id in (r.subject, r.object)]
        if len(mine) != 1 or mine[0].subject != ent.id or mine[0].predicate not in _HELD_IN:
            continue
        holder = scene.entity(mine[0].object)
        if holder.name not in lx.CONTAINERS or "contents" in holder.attributes:
            continue
        if ent.count not in (1, holder.count):
            continue  # "a bowl of five apples" is not a filling anyway
        words = [ent.attributes[k] for k in ("color", "color2", "detail") if k in ent.attributes]
        holder.attributes["contents"] = " ".join([*words, ent.name])
        scene.relations.remove(mine[0])
        scene.entities.remove(ent)
        if scene.focus == ent.id:
            scene.focus = holder.id
