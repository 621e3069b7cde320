"""Scene graph -> prompt text."""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.prompting import entity_phrase, plural, scene_to_prompt
from jupyter_imagechat.scene import Entity, SceneGraph


def scene(**data: object) -> SceneGraph:
    return SceneGraph.from_dict(data)


def test_counted_coloured_entities_with_a_relation() -> None:
    s = scene(
        entities=[
            {"id": "e1", "name": "apple", "count": 3, "attributes": {"color": "red"}},
            {"id": "e2", "name": "bowl", "attributes": {"color": "blue"}},
        ],
        relations=[{"subject": "e1", "predicate": "left of", "object": "e2"}],
    )
    assert scene_to_prompt(s) == ("three red apples to the left of a blue bowl", "")


def test_second_mention_is_short_and_unrelated_entities_are_listed() -> None:
    s = scene(
        entities=[
            {"id": "c", "name": "cat"},
            {"id": "m", "name": "mat"},
            {"id": "d", "name": "dog", "count": 2},
            {"id": "u", "name": "umbrella"},
        ],
        relations=[
            {"subject": "c", "predicate": "on", "object": "m"},
            {"subject": "d", "predicate": "next to", "object": "m"},
        ],
    )
    prompt, _ = scene_to_prompt(s)
    assert prompt == "a cat on a mat, two dogs next to the mat and an umbrella"


def test_style_background_and_texts_are_appended() -> None:
    s = scene(
        entities=[{"id": "e1", "name": "sign"}],
        texts=["OPEN"],
        background="white",
        style="watercolor",
    )
    prompt, _ = scene_to_prompt(s)
    assert prompt == 'a sign, with the text "OPEN", white background, watercolor style'


def test_negative_prompt_lists_excluded_names_but_not_wanted_ones() -> None:
    s = scene(
        entities=[{"id": "e1", "name": "clock", "count": 2}],
        exclude=[{"name": "car"}, {"name": "clock", "count": 3}, {"name": "car"}, {"name": "dog"}],
    )
    prompt, negative = scene_to_prompt(s)
    assert prompt == "two clocks"
    assert negative == "car, dog"


def test_empty_scene_gives_empty_prompt() -> None:
    assert scene_to_prompt(SceneGraph()) == ("", "")
    assert scene_to_prompt(SceneGraph(background="beach background")) == ("beach background", "")


@pytest.mark.parametrize(
    ("singular", "expected"),
    [
        ("apple", "apples"),
        ("wine glass", "wine glasses"),
        ("strawberry", "strawberries"),
        ("toy", "toys"),
        ("person", "people"),
        ("sheep", "sheep"),
        ("knife", "knives"),
        ("teddy bear", "teddy bears"),
        ("couch", "couches"),
        ("bus", "buses"),
    ],
)
def test_plural(singular: str, expected: str) -> None:
    assert plural(singular) == expected


def test_entity_phrase_articles_attribute_order_and_large_counts() -> None:
    assert entity_phrase(Entity("e1", "apple", 1, {"color": "orange"})) == "an orange apple"
    assert entity_phrase(Entity("e1", "umbrella")) == "an umbrella"
    assert entity_phrase(Entity("e1", "unicorn")) == "a unicorn"
    chair = Entity("e1", "chair", 1, {"material": "wooden", "color": "red", "size": "small"})
    assert entity_phrase(chair) == "a small red wooden chair"
    assert entity_phrase(Entity("e1", "bird", 20)) == "20 birds"


def test_people_are_named_by_their_kind_and_states_follow_the_noun() -> None:
    man = Entity("e1", "person", 1, {"kind": "man", "state": "sitting, looking up"})
    assert entity_phrase(man) == "a man sitting and looking up"
    assert entity_phrase(Entity("e1", "person", 2, {"kind": "girl"})) == "two girls"
    assert entity_phrase(Entity("e1", "person", 1, {"kind": "someone"})) == "a person"
    bear = Entity("e1", "bear", 1, {"kind": "panda", "facing": "left", "detail": "cute"})
    assert entity_phrase(bear) == "a cute panda bear facing left"
    bus = Entity("e1", "bus", 1, {"color": "red", "color2": "white"})
    assert entity_phrase(bus) == "a red and white bus"
    flag = Entity("e1", "flag", 1, {"color": "red", "color2": "white", "color3": "blue"})
    assert entity_phrase(flag) == "a red, white and blue flag"
    heart = Entity("e1", "heart", 1, {"label": "pump"})
    assert entity_phrase(heart) == 'a heart labelled "pump"'


def test_second_mention_of_a_person_uses_their_kind() -> None:
    scene = SceneGraph.from_dict(
        {
            "entities": [
                {"id": "e1", "name": "person", "attributes": {"kind": "man"}},
                {"id": "e2", "name": "horse"},
                {"id": "e3", "name": "hat"},
            ],
            "relations": [
                {"subject": "e1", "predicate": "on", "object": "e2"},
                {"subject": "e3", "predicate": "on", "object": "e1"},
            ],
        }
    )
    assert scene_to_prompt(scene)[0] == "a man on a horse and a hat on the man"


def test_a_place_at_a_time_of_day_reads_as_both() -> None:
    scene = SceneGraph.from_dict(
        {"entities": [{"id": "e1", "name": "fox", "count": 1}], "background": "forest at night"}
    )
    assert scene_to_prompt(scene)[0] == "a fox, forest background, at night"
