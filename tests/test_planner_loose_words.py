"""Words the rules planner once read as things: verbs after their subject, words for
what a picture is made of, media and arrangements."""

from __future__ import annotations

import pytest

from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph

_PLANNER = RulesPlanner()


def plan(text: str) -> SceneGraph:
    return _PLANNER.plan(text)


def counts(scene: SceneGraph) -> dict[str, int]:
    return {e.name: e.count for e in scene.entities}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("four skaters wobble across a frozen pond", {"skater": 4, "pond": 1}),
        ("a swimmer dives into the lake", {"swimmer": 1, "pond": 1}),
        ("two acrobats tumble over a mat", {"acrobat": 2, "rug": 1}),
        ("the kite drifts over the hill", {"kite": 1, "hill": 1}),
    ],
)
def test_a_verb_after_its_subject_is_not_part_of_the_name(
    text: str, wanted: dict[str, int]
) -> None:
    assert counts(plan(text)) == wanted, plan(text).summary()


def test_a_body_part_followed_by_its_movement_is_the_part() -> None:
    scene = plan("a woman with her right arm swing out")
    assert "right arm" in counts(scene), scene.summary()


def test_both_before_a_body_part_starts_a_new_part() -> None:
    scene = plan("sitting on a bench both legs crossed")
    assert {"bench", "leg"} <= set(counts(scene)), scene.summary()
    assert counts(scene)["leg"] == 2


def test_what_a_picture_consists_of_is_what_is_drawn() -> None:
    assert counts(plan("the photo consists of a kettle and two mugs")) == {"kettle": 1, "mug": 2}


@pytest.mark.parametrize("medium", ["chalk", "crayon"])
def test_a_medium_after_in_is_a_style_not_a_place(medium: str) -> None:
    scene = plan(f"a sketch of a lighthouse in {medium}")
    assert counts(scene) == {"lighthouse": 1}, scene.summary()
    assert scene.style == "pencil sketch"
    assert "chalk" in counts(plan("a teacher holding a piece of chalk"))  # still a thing


def test_handwriting_and_formations_are_not_things() -> None:
    assert counts(plan("a note written in cursive on a desk")) == {"note": 1, "desk": 1}
    assert counts(plan("geese flying in formation over a lake")) == {"goose": 3, "pond": 1}


def test_paired_body_parts_are_two() -> None:
    assert counts(plan("a statue with bare buttocks"))["buttock"] == 2


def test_a_typeface_is_not_a_thing_or_a_style() -> None:
    scene = plan("a shop sign with the text 'open' in comic sans")
    assert counts(scene) == {"sign": 1}, scene.summary()
    assert scene.style is None


def test_matching_with_no_noun_after_it_is_not_a_thing() -> None:
    assert counts(plan("a desk with two drawers and four matching")) == {"desk": 1, "drawer": 2}
    assert counts(plan("four matching stools")) == {"stool": 4}


def test_keep_before_a_body_part_is_an_instruction_not_a_name() -> None:
    scene = plan("arms stretched out to the sides, but keep arms straight")
    assert [e.name for e in scene.entities if e.name != "person"] == ["arm"], scene.summary()
