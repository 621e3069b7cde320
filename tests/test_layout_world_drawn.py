"""The layout keeps the world in the drawn picture, not only in its own boxes.

Each plan here is made by hand (so that it says exactly what a user would ask for), laid
out, drawn by the built-in engine and checked by the world model on the drawn shapes: what
is held is within reach of a figure drawn narrower than its box, every counted thing stays
in sight when something stands in front of it or it stands under something, what is on
two plates is shared between them, parts of a body are big enough to see.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.hosts import attachments
from jupyter_imagechat.scene import Entity, Relation, SceneGraph
from jupyter_imagechat.vocab.support import is_part, pinned, resting_on

ENGINE = create_engine("builtin")


def drawn_problems(plan: SceneGraph, kinds: tuple[str, ...], seed: int = 0) -> list[str]:
    """The violated world findings of ``kinds`` once ``plan`` is laid out and drawn."""
    scene = arrange(plan, seed=seed)
    result = ENGINE.draw(scene, seed=seed, settings={"width": 512, "height": 512})
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check(scene, result).findings
            if f.kind in kinds and f.status == "violated"]  # fmt: skip


def plan(things: list[tuple[str, int]], relations: list[tuple[str, str, str]]) -> SceneGraph:
    """Entities ``e1``, ``e2``... of ``things`` (name, count), and relations between them."""
    ents = [Entity(f"e{i}", name, count) for i, (name, count) in enumerate(things, start=1)]
    return SceneGraph(entities=ents, relations=[Relation(*r) for r in relations])


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("things", "relations"),
    [
        ([("person", 1), ("fruit", 7)], [("e1", "holding", "e2")]),  # a bouquet of fruit
        ([("person", 1), ("hamburger", 3), ("chair", 1)],
         [("e1", "inside", "e3"), ("e1", "holding", "e2")]),
        ([("person", 10), ("icon", 3)], [("e1", "holding", "e2")]),  # a crowd, rows back
    ],
)  # fmt: skip
def test_what_is_held_is_within_the_holders_reach(things, relations, seed: int) -> None:
    assert drawn_problems(plan(things, relations), ("support",), seed) == []


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("things", "relations"),
    [
        ([("mountain", 3), ("tent", 1)], [("e2", "in front of", "e1")]),
        ([("mountain", 3), ("box", 1), ("bird", 6)],
         [("e2", "in front of", "e1"), ("e3", "inside", "e2")]),
        ([("tree", 3), ("dog", 1), ("person", 1), ("post", 1)],
         [("e2", "in front of", "e1"), ("e3", "in front of", "e1"), ("e4", "in front of", "e1")]),
        ([("cat", 1), ("shelf", 1), ("barbell", 2), ("dvd player", 3), ("radio", 1)],
         [("e1", "inside", "e2"), ("e3", "under", "e2"), ("e4", "on", "e2"), ("e5", "on", "e2")]),
    ],
)  # fmt: skip
def test_counted_things_stay_in_sight_in_front_of_and_under_others(
    things, relations, seed: int
) -> None:
    assert drawn_problems(plan(things, relations), ("legibility", "overlap"), seed) == []


def test_what_is_on_two_plates_is_shared_between_them_and_rests_on_them() -> None:
    scene = plan([("plate", 2), ("bowl", 1), ("fork", 1), ("cake", 1)],
                 [("e2", "on", "e1"), ("e3", "on", "e1"), ("e4", "on", "e1")])  # fmt: skip
    assert drawn_problems(scene, ("support", "legibility")) == []


def test_the_parts_of_a_body_are_drawn_on_it_big_enough_to_see() -> None:
    parts = ["left arm", "right arm", "hand", "left leg", "right leg", "foot", "head"]
    scene = plan([("person", 1)] + [(p, 1) for p in parts],
                 [(f"e{i}", "on", "e1") for i in range(2, len(parts) + 2)])  # fmt: skip
    assert drawn_problems(scene, ("support", "legibility", "size")) == []


def test_a_side_word_and_a_part_is_a_part_drawn_on_its_whole() -> None:
    assert is_part("left arm")
    assert is_part("inner thigh")
    assert is_part("front wheel")
    assert not is_part("left")
    assert not is_part("left shoe")
    assert pinned("right knee", "person")
    assert not pinned("left shoe", "table")


def test_toppings_lie_on_a_pizza_and_the_pizza_on_its_plate() -> None:
    scene = plan([("plate", 1), ("pizza", 1), ("olive", 3), ("mushroom", 3), ("tomato", 3)],
                 [("e2", "on", "e1"), ("e3", "on", "e2"), ("e4", "on", "e2"),
                  ("e5", "on", "e2")])  # fmt: skip
    assert pinned("olive", "pizza")
    assert pinned("pizza", "plate")
    assert drawn_problems(scene, ("support", "legibility", "overlap", "frame")) == []


def test_a_plant_in_a_pot_and_a_sign_on_it_stand_side_by_side() -> None:
    scene = plan([("pot", 1), ("plant", 1), ("sign", 1)],
                 [("e2", "inside", "e1"), ("e3", "on", "e1")])  # fmt: skip
    assert drawn_problems(scene, ("support", "overlap")) == []


def test_two_things_resting_on_each_other_rest_one_way_only() -> None:
    scene = plan([("person", 1), ("skis", 1)], [("e1", "on", "e2"), ("e2", "on", "e1")])
    assert resting_on(scene) == {"e1": "e2"}  # the skis stay under the person
    assert drawn_problems(scene, ("support", "frame")) == []


def test_what_is_in_front_of_a_thing_on_a_table_stands_itself() -> None:
    scene = plan([("table", 1), ("paper", 1), ("vegetable", 6), ("book", 1)],
                 [("e2", "on", "e1"), ("e3", "on", "e2"), ("e4", "in front of", "e3")])
    assert "e4" not in attachments(scene)  # not drawn at the vegetables' small scale
    assert drawn_problems(scene, ("support", "size", "legibility")) == []


def test_support_comes_before_depth_whatever_the_order_of_the_relations() -> None:
    scene = plan([("person", 1), ("chest", 1), ("left arm", 1)],
                 [("e3", "in front of", "e2"), ("e2", "on", "e1"), ("e3", "on", "e1")])
    assert attachments(scene)["e3"] == ("e1", "on")
    assert drawn_problems(scene, ("support", "size")) == []


def test_a_thing_asked_at_the_top_is_packed_above_the_ground_not_shrinking_the_rest() -> None:
    things = [("sculpture", 1), ("stone", 3), ("stick", 3), ("potted plant", 3), ("pot", 3),
              ("flower", 3)]  # fmt: skip
    scene = plan(things, [])
    scene.entities[5].attributes["position"] = "top right"
    laid = arrange(scene, seed=0)
    flowers = [b.box for b in laid.boxes_of("e6")]
    assert max(b[3] for b in flowers) < 0.5  # at the top, as asked
    stones = [b.box for b in laid.boxes_of("e2")]
    assert min(b[2] - b[0] for b in stones) > 0.03  # the rest keep a size one can see
    assert drawn_problems(scene, ("overlap", "legibility", "support")) == []


def test_a_part_goes_on_its_whole_before_anything_else() -> None:
    scene = plan([("person", 1), ("right arm", 1), ("left arm", 1)],
                 [("e3", "under", "e2"), ("e2", "on", "e1"), ("e3", "on", "e1")])  # fmt: skip
    assert attachments(scene)["e3"] == ("e1", "on")
    assert drawn_problems(scene, ("support", "size")) == []


def test_nothing_is_drawn_too_small_to_see() -> None:
    scene = plan([("person", 1), ("head", 1), ("hand", 2), ("arm", 2), ("foot", 2),
                  ("knee", 2), ("leg", 2), ("bench", 1)],
                 [("e3", "on", "e2"), ("e2", "on", "e1"), ("e4", "on", "e1"), ("e5", "on", "e1"),
                  ("e6", "on", "e1"), ("e7", "on", "e1")])  # fmt: skip
    assert drawn_problems(scene, ("legibility",)) == []
