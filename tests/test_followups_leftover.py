"""Follow-ups from the last review of issue 14: "the rest", "the remaining ones" after a
removal, a new mood replacing the old, a place on the left or right, a worn thing given to
one of a group, a thing put between two others."""

from __future__ import annotations

import pytest

from jupyter_imagechat.layout import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph

planner = RulesPlanner()


def run(*texts: str) -> SceneGraph:
    scene = arrange(planner.plan(texts[0]), seed=0)
    for text in texts[1:]:
        reading = planner.read(text, current=scene)
        assert reading.edit, (text, reading.notes)
        scene = arrange(reading.scene, seed=0)
    return scene


def things(scene: SceneGraph) -> list[str]:
    return sorted(e.describe() for e in scene.entities)


@pytest.mark.parametrize(
    "what",
    ["the remaining ones", "the rest", "the others", "the ones left", "the remaining geese",
     "the ones that are left", "the rest of them"],
)  # fmt: skip
def test_what_is_left_after_a_removal_is_the_rest_of_that_kind(what: str) -> None:
    scene = run("three geese on a rug", "take away the middle goose", f"colour {what} black")
    geese = [e for e in scene.entities if e.name == "goose"]
    assert [(e.count, e.attributes.get("color")) for e in geese] == [(2, "black")]
    rug = [e for e in scene.entities if e.name != "goose"]
    assert rug
    assert all("color" not in e.attributes for e in rug)


def test_the_others_beside_a_group_are_still_the_other_things() -> None:
    scene = run("two cows and a horse in a field", "make the cows smaller", "make the others brown")
    colors = {e.name: e.attributes.get("color") for e in scene.entities}
    assert colors["horse"] == "brown"
    assert colors["cow"] is None


def test_a_thing_left_of_another_is_a_place_not_what_is_left() -> None:
    scene = run("a lamp and a sofa in a living room", "the lamp ought to be left of the sofa")
    names = {e.id: e.name for e in scene.entities}
    assert {(names[r.subject], r.predicate, names[r.object]) for r in scene.relations} == {
        ("lamp", "left of", "couch")
    }


@pytest.mark.parametrize(
    ("start_text", "text", "gone", "mood"),
    [("a grinning pirate", "make him look worried", "grinning", "worried"),
     ("a crying baby", "make the baby happier", "crying", "happy"),
     ("an excited puppy", "make it sleepy", "excited", "sleepy"),
     ("a cheerful old woman", "make her scowl", "cheerful", "scowling")],
)  # fmt: skip
def test_a_new_mood_replaces_the_old_one(start_text: str, text: str, gone: str, mood: str) -> None:
    (ent,) = run(start_text, text).entities
    said = f"{ent.attributes.get('detail', '')} {ent.attributes.get('state', '')}".split()
    assert mood in said
    assert gone not in said


def test_a_mood_keeps_what_is_not_a_mood() -> None:
    (ent,) = run("a grumpy old man", "make him cheerful").entities
    assert ent.attributes["detail"].split() == ["old", "cheerful"]


def _box(scene: SceneGraph, name: str) -> tuple[float, float, float, float]:
    boxes = [b.box for b in scene.layout if scene.entity(b.entity).name == name]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(
        b[3] for b in boxes
    )


@pytest.mark.parametrize("edge", ["far", "very", "extreme"])
def test_a_thing_put_at_the_far_side_goes_that_way_and_nothing_else_moves(edge: str) -> None:
    before = run("a bear and a tent in a forest")
    scene = run("a bear and a tent in a forest", f"put the bear on the {edge} right")
    assert things(scene) == ["1 x bear (right)", "1 x tent"]
    assert _box(scene, "bear")[0] > _box(before, "bear")[0]
    assert _box(scene, "tent") == _box(before, "tent")


@pytest.mark.parametrize(
    "text", ["move the cat left", "move the cat right a bit", "shift the cat left"]
)
def test_a_thing_followed_by_a_direction_is_moved(text: str) -> None:
    before = run("a cat and a lamp in a room")
    after = run("a cat and a lamp in a room", text)
    assert _box(after, "cat") != _box(before, "cat")


@pytest.mark.parametrize(
    "text",
    ["make one of them wear a green scarf", "give one of them a green scarf",
     "make one of the girls wear a green scarf"],
)  # fmt: skip
def test_one_of_a_group_is_given_a_worn_thing_and_the_other_is_unchanged(text: str) -> None:
    scene = run("two girls skipping on a path", text)
    girls = [e for e in scene.entities if e.name == "person"]
    assert [g.count for g in girls] == [1, 1]
    scarf = [e for e in scene.entities if e.name == "scarf"]
    assert [(s.count, s.attributes.get("color")) for s in scarf] == [(1, "green")]
    worn = {r.object for r in scene.relations if r.subject == scarf[0].id}
    assert len(worn & {g.id for g in girls}) == 1
    assert all("wear" not in str(g.attributes) for g in girls)


def test_a_thing_said_to_be_between_two_others_is_placed_between_them() -> None:
    scene = run("two boys and a kite on a hill", "make one of them wear a hat",
                "the kite ought to be between them")  # fmt: skip
    names = {e.id: e.name for e in scene.entities}
    kite = next(e for e in scene.entities if e.name == "kite")
    assert "state" not in kite.attributes
    sides = {(r.predicate, names[r.object]) for r in scene.relations if r.subject == kite.id}
    assert {("right of", "person"), ("left of", "person")} <= sides


@pytest.mark.parametrize("verb", ["put", "place", "set"])
def test_a_thing_put_between_them_is_moved_there_not_added(verb: str) -> None:
    scene = run("a goat, a sheep and a bucket in a field", f"{verb} the bucket between them")
    assert things(scene) == ["1 x bucket", "1 x goat", "1 x sheep"]
    names = {e.id: e.name for e in scene.entities}
    sides = {(names[r.subject], r.predicate, names[r.object]) for r in scene.relations}
    assert {("bucket", "right of", "goat"), ("bucket", "left of", "sheep")} <= sides
