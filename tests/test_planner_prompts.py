"""The prompts people write (the list in issue 3), limits, and any input at all."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_imagechat.checker import check_layout as layout_verdict
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.planner import PlanError, RulesPlanner
from jupyter_imagechat.planner.llm.schema import parse_scene, repair
from jupyter_imagechat.scene import MAX_COUNT, MAX_ENTITIES

planner = RulesPlanner()


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # plurals without numbers, and quantity phrases
        ("apples", "3 x apple"),
        ("a dozen eggs", "12 x egg"),
        ("a pair of shoes", "2 x shoe"),
        ("a couple of dogs", "2 x dog"),
        # exclusions
        ("a street with no cars", "1 x street; no car"),
        # the same noun with different attributes
        ("a red cube on top of a green cube", "1 x cube (red), 1 x cube (green); cube on cube"),
        # several relations in one prompt
        (
            "a cat left of a dog and a bird right of the dog",
            "1 x cat, 1 x dog, 1 x bird; cat left of dog, bird right of dog",
        ),
        # synonyms of relations
        ("a cat beneath a table", "1 x cat, 1 x dining table; cat under dining table"),
        ("a cat beside a dog", "1 x cat, 1 x dog; cat next to dog"),
        ("a cup on top of a book", "1 x cup, 1 x book; cup on book"),
        ("a cat to the left of a dog", "1 x cat, 1 x dog; cat left of dog"),
        # capitals and punctuation
        ("A CAT, LEFT OF A DOG!!!", "1 x cat, 1 x dog; cat left of dog"),
        # style phrases
        ("a watercolor of a fox", "1 x fox; style: watercolor"),
        ("pixel art of a castle", "1 x castle; style: pixel art"),
        ("a photo of a horse", "1 x horse"),
        # backgrounds
        ("a dog at night", "1 x dog; background: night"),
        ("a bear in a forest", "1 x bear; background: forest"),
        ("a crab on a beach", "1 x crab; background: beach"),
        # text to render
        ("a sign that says 'Exit'", "1 x sign (text: 'Exit')"),
    ],
)
def test_prompts_people_write(text: str, summary: str) -> None:
    assert planner.plan(text).summary() == summary


def test_counts_are_capped_with_a_message_and_fast() -> None:
    scene, notes = planner.plan_with_notes("1000 apples and 999999999999 pears")
    assert [e.count for e in scene.entities] == [MAX_COUNT, MAX_COUNT]
    assert notes[0] == f"capped 1000 apples at {MAX_COUNT}"


def test_too_many_kinds_of_things_are_left_out_with_a_message() -> None:
    nouns = [
        "cat", "dog", "bird", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe",
        "apple", "banana", "orange", "carrot", "pizza", "donut", "cake", "chair", "couch",
        "bed", "toilet", "laptop", "mouse", "remote", "keyboard", "book", "clock", "vase",
        "scissors", "toothbrush", "kite", "bottle", "cup", "fork", "knife",
    ]  # fmt: skip
    scene, notes = planner.plan_with_notes(", ".join(f"a {n}" for n in nouns))
    assert len(scene.entities) == MAX_ENTITIES
    assert any(f"at most {MAX_ENTITIES} kinds" in n for n in notes)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=2001, max_size=100_000))
def test_huge_input_is_a_clear_error(text: str) -> None:
    with pytest.raises(PlanError, match="characters long; the limit is 2000"):
        planner.plan(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_control_characters_and_unicode_never_break_the_parser(text: str) -> None:
    try:
        scene = planner.plan("a cat " + text)
    except PlanError:
        return
    scene.validate()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "entities": st.lists(
                st.dictionaries(
                    st.sampled_from(["id", "name", "count", "attributes"]), json_values, max_size=4
                ),
                max_size=5,
            ),
            "relations": st.lists(json_values, max_size=3),
            "exclude": json_values,
            "style": json_values,
            "background": json_values,
            "texts": json_values,
        },
    )
)
def test_any_model_answer_is_repaired_or_refused_clearly(data: dict) -> None:
    try:
        scene, _ = repair(data)
    except ValueError:
        return
    scene.validate()
    text = json.dumps(data)
    for cut in (len(text), len(text) // 2):  # a whole answer and a cut-off one
        with contextlib.suppress(ValueError):
            parse_scene("Answer: " + text[:cut])[0].validate()


@pytest.mark.parametrize(
    "text",
    [
        "three red apples left of a blue bowl",
        "a cat left of a dog and a bird above the dog",
        "a cup on a table and a ball under the table",
    ],
)
def test_different_seeds_give_different_valid_layouts(text: str) -> None:
    scene = planner.plan(text)
    layouts = [arrange(scene, seed=seed) for seed in range(5)]
    assert len({json.dumps(s.to_dict()["layout"]) for s in layouts}) == 5
    for laid in layouts:
        verdict = layout_verdict(laid)
        assert verdict.ok, verdict.summary()
