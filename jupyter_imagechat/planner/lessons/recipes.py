"""A lesson topic's recipe (see :mod:`.topics` for its fields) as a scene graph."""

from __future__ import annotations

from typing import Any

from ...scene import Arrangement, Arrow, Entity, Label, Panel, Relation, SceneGraph

__all__ = ["LINED_UP", "family_recipes", "names_under", "recipe_scene"]


def _thing(spec: Any) -> dict[str, Any]:
    if isinstance(spec, str):
        return {"id": spec, "noun": spec}
    return spec  # type: ignore[no-any-return]


def family_recipes(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The recipes of a topic file: its ``topics``, or, for a family file (``"family":
    "parts"``), one recipe per thing it lists ("parts of a bicycle": the bicycle, big,
    with a label on each part), each with the area it is listed under."""
    area = data["area"]
    if data.get("family") != "parts":
        return [(recipe, area) for recipe in data["topics"]]
    out = []
    for noun, spec in data["things"].items():
        article = "an" if noun[0] in "aeiou" else "a"
        recipe = {
            "id": f"parts of {article} {noun}",
            "family": "parts",
            "kind": "parts",
            "subject": [noun, *spec.get("also", [])],
            "things": [{"id": noun, "noun": noun, "attributes": {"size": "big"}}],
            "labels": [[noun, part, x, y] for part, x, y in spec["parts"]],
        }
        out.append((recipe, spec.get("area", area)))
    return out


def recipe_scene(recipe: dict[str, Any]) -> tuple[SceneGraph, list[str]]:
    """Return the scene of a topic's ``recipe`` (entities ``e1``, ``e2``... in the recipe's
    order) and the notes to tell the user (its caveat, if any)."""
    scene = SceneGraph(background=recipe.get("background"), style=recipe.get("style"))
    ids: dict[str, str] = {}
    labelled = bool(recipe.get("labelled"))

    def add(spec: Any) -> str:
        thing = _thing(spec)
        eid = f"e{len(scene.entities) + 1}"
        ids[thing["id"]] = eid
        attrs = dict(thing.get("attributes", {}))
        scene.entities.append(Entity(eid, thing["noun"], int(thing.get("count", 1)), attrs))
        text = thing.get("label") or (thing["id"] if labelled else None)
        if text:
            scene.labels.append(Label(text, eid, 0, (0.5, 0.5)))
        return eid

    for panel_spec in recipe.get("panels", []):
        members = [add(spec) for spec in panel_spec["things"]]
        pid = f"p{len(scene.panels) + 1}"
        ids.setdefault(panel_spec["title"], pid)
        scene.panels.append(Panel(pid, members, panel_spec["title"], panel_spec.get("background")))
    for spec in recipe.get("things", []):
        add(spec)
    for target, text, x, y in recipe.get("labels", []):
        scene.labels.append(Label(text, ids[target], 0, (float(x), float(y))))
    for subject, predicate, obj in recipe.get("relations", []):  # a scene, not a circle
        scene.relations.append(Relation(ids[subject], predicate, ids[obj]))
    curved = bool(recipe.get("cycle"))
    for start, end, *rest in recipe.get("arrows", []):
        label = rest[0] if rest else None
        scene.arrows.append(Arrow(ids[start], ids[end], label, curved))
    arrangement = recipe.get("arrangement", "circle" if curved else None)
    if arrangement is not None:
        scene.arrangements.append(_arrangement(arrangement, scene, ids))
        names_under(scene)
    notes = [recipe["caveat"]] if recipe.get("caveat") else []
    return scene, notes


LINED_UP = frozenset(("row", "rows", "grid", "column", "stack"))
"""Arrangements whose things' names go under them, as on a worksheet."""


def names_under(scene: SceneGraph) -> None:
    """Put the name of each thing lined up in a row or grid under it (its label's point at
    the bottom of the thing): a row of names under a row of things leaves the things the
    picture's width, where names at their sides would take it."""
    single = {e.id for e in scene.entities if e.count == 1}  # not "4 x 3 = 12" on 12 dots
    lined = {m for a in scene.arrangements if a.kind in LINED_UP for m in a.members} & single
    for i, label in enumerate(scene.labels):
        if label.target in lined and label.anchor == (0.5, 0.5):
            scene.labels[i] = Label(label.text, label.target, label.index, (0.5, 1.0))


def _arrangement(spec: Any, scene: SceneGraph, ids: dict[str, str]) -> Arrangement:
    if isinstance(spec, str):
        spec = {"kind": spec}
    members = spec.get("members")
    if members is None:
        members = [p.id for p in scene.panels]
        in_panels = {m for p in scene.panels for m in p.members}
        members += [e.id for e in scene.entities if e.id not in in_panels]
    else:
        members = [ids[m] for m in members]
    return Arrangement(spec["kind"], members, spec.get("rows"), list(spec.get("signs", [])))
