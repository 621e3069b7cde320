"""Places in the picture ("on the left", "at the top") turned into relations.

"a cat on the left and a dog on the right" puts the cat left of the dog; "a bridge. At the
bottom there is water. At the top there is sky" puts the bridge above the water and the sky
above the bridge: a thing told only to be at the top or the bottom of the picture goes above
or below the picture's main thing (the first one named that is not placed so, if named
before it).
"""

from __future__ import annotations

from ..scene import Relation, SceneGraph

EDGES = ("top", "bottom")


def _add(scene: SceneGraph, subject: str, predicate: str, obj: str) -> None:
    rel = Relation(subject, predicate, obj)
    if subject != obj and rel not in scene.relations:
        scene.relations.append(rel)


def place_at_edges(scene: SceneGraph, back: list[str]) -> None:
    """Put things "at the top" above, and things "at the bottom" below, the main thing.

    Parameters
    ----------
    scene : SceneGraph
        Changed in place.
    back : list of str
        Ids of things "in the background": never the main thing.
    """
    edge = [e for e in scene.entities if e.attributes.get("position") in EDGES]
    main = [e for e in scene.entities if e.id not in back and e not in edge]
    if not (edge and main):
        return
    first = main[0].id
    order = [e.id for e in scene.entities]
    for ent in edge:
        if order.index(ent.id) < order.index(first):
            continue  # the main thing is named first: "a bridge. At the bottom there is water"
        placed = any(r.subject == ent.id for r in scene.relations)
        if placed or any({r.subject, r.object} == {ent.id, first} for r in scene.relations):
            continue  # "a cup on a table at the top": the table says where
        if ent.attributes["position"] == "top":
            _add(scene, ent.id, "above", first)  # "at the top there is sky"
        else:
            _add(scene, first, "above", ent.id)  # "at the bottom there is water"


def pair_positions(scene: SceneGraph) -> None:
    """Things placed "on the left" and "on the right" become a left-of relation."""
    for first, second, pred in (("left", "right", "left of"), ("top", "bottom", "above")):
        a = [e for e in scene.entities if e.attributes.get("position") == first]
        b = [e for e in scene.entities if e.attributes.get("position") == second]
        if not (a and b):
            continue
        for x in a:
            for y in b:
                _add(scene, x.id, pred, y.id)
        for ent in a + b:
            del ent.attributes["position"]
