"""Words for what the built-in engine can draw: facing, labels, multi-word nouns, styles."""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork
from jupyter_imagechat.engines.builtin.styles import style_key
from jupyter_imagechat.planner import RulesPlanner

planner = RulesPlanner()


def attrs(text: str) -> dict[str, dict[str, str]]:
    return {e.name: e.attributes for e in planner.plan(text).entities}


def test_facing_is_an_attribute_not_a_position() -> None:
    assert attrs("a dog facing left") == {"dog": {"facing": "left"}}
    assert attrs("a car facing right") == {"car": {"facing": "right"}}
    both = attrs("a cat facing left and a dog facing right")
    assert both == {"cat": {"facing": "left"}, "dog": {"facing": "right"}}
    assert attrs("a man looking to the right")["person"] == {"kind": "man", "facing": "right"}


def test_labels_go_on_the_thing_not_into_a_caption() -> None:
    scene = planner.plan("a cat labelled 'Tom'")
    assert [(e.name, e.attributes) for e in scene.entities] == [("cat", {"label": "Tom"})]
    assert scene.texts == []
    scene = planner.plan("a heart labeled 'pump' next to a lung labeled \"air\"")
    assert {e.name: e.attributes.get("label") for e in scene.entities} == {
        "heart": "pump", "lungs": "air"}  # fmt: skip
    assert scene.texts == []
    sign = planner.plan("a sign that says 'Exit'")  # written on the sign, not beside it
    assert (sign.texts, sign.entities[0].attributes) == ([], {"text": "Exit"})


MULTI = [
    "traffic cone", "trash can", "watering can", "fishing pole", "hockey stick", "boxing glove",
    "diving mask", "petri dish", "safety pin", "sewing needle", "magic wand", "nesting doll",
    "money bag", "shopping bag", "musical note", "floppy disk", "shooting star", "full moon",
    "tropical fish", "toilet paper", "hiking boot", "military helmet", "satellite dish",
    "rugby ball", "bow and arrow", "statue of liberty",
]  # fmt: skip


@pytest.mark.parametrize("noun", MULTI)
def test_multi_word_nouns_are_one_thing_with_artwork(noun: str) -> None:
    scene = planner.plan(f"a {noun}")
    assert [(e.name, e.count) for e in scene.entities] == [(noun, 1)]
    assert has_artwork(artwork_for(noun, {}))
    more = planner.plan(f"a cat and a {noun} on a table")
    assert [e.name for e in more.entities] == ["cat", noun, "dining table"]
    if " and " not in noun and " of " not in noun and not noun.endswith(("h", "sh")):
        two = planner.plan(f"two {noun}s")
        assert [(e.name, e.count) for e in two.entities] == [(noun, 2)]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("a rhinoceros", "1 x rhinoceros"),
        ("two rhinoceroses", "2 x rhinoceros"),
        ("a can", "1 x can"),
        ("three red cans", "3 x can (red)"),
        ("a can next to a bottle", "1 x can, 1 x bottle; can next to bottle"),
        ("three olives", "3 x olive"),
        ("an olive", "1 x olive"),
        ("a wood table", "1 x dining table (wooden)"),
        ("a wooden chair", "1 x chair (wooden)"),
        ("a dog in the city", "1 x dog; background: city"),
    ],
)
def test_nouns_the_engine_engineer_listed(text: str, summary: str) -> None:
    assert planner.plan(text).summary() == summary


def test_can_as_a_verb_is_not_a_thing() -> None:
    assert [e.name for e in planner.plan("can you draw a cat").entities] == ["cat"]
    assert [e.name for e in planner.plan("the cat can see a dog").entities] == ["cat", "dog"]


def test_wood_is_a_noun_only_when_used_as_one() -> None:
    assert [e.name for e in planner.plan("some wood").entities] == ["wood"]


@pytest.mark.parametrize(
    ("text", "style", "names"),
    [
        ("a flat illustration of a cat", "flat", ["cat"]),
        ("in a flat style, a dog", "flat", ["dog"]),
        ("an outlined dog", "outlined", ["dog"]),
        ("a sticker of a cat", "sticker", ["cat"]),
        ("a cat in sticker style", "sticker", ["cat"]),
        ("a sticker on a laptop", None, ["sticker", "laptop"]),
        ("a flat tire", None, ["flat tire"]),
    ],
)
def test_flat_outlined_and_sticker_styles(text: str, style: str | None, names: list[str]) -> None:
    scene = planner.plan(text)
    assert scene.style == style
    assert [e.name for e in scene.entities] == names
    if style is not None:
        assert style_key(style) is not None  # the engine draws it


def test_edits_set_facing_and_labels() -> None:
    scene = planner.plan("a dog and a cat")
    turned = planner.plan("make the dog face right", current=scene)
    assert {e.name: e.attributes for e in turned.entities} == {
        "dog": {"facing": "right"},
        "cat": {},
    }
    added = planner.plan("add a bird labelled 'Tweety'", current=turned)
    assert added.entities[-1].name == "bird"
    assert added.entities[-1].attributes == {"label": "Tweety"}
    assert added.texts == []


@pytest.mark.parametrize(
    ("prompt", "picture"),
    [
        ("a fried egg", "fried egg"),
        ("a crystal ball", "crystal ball"),
        ("a wilted flower", "wilted flower"),
        ("a pair of chopsticks", "chopsticks"),
        ("a bowl of noodles", "noodles"),
        ("an old woman", "old woman"),
        ("an old man reading", "old man"),
        ("a young man", "man"),
        ("a long drum", "long drum"),
    ],
)
def test_named_pictures_are_reachable_in_words(prompt: str, picture: str) -> None:
    drawn = [artwork_for(e.name, e.attributes) for e in planner.plan(prompt).entities]
    assert picture in drawn
    assert has_artwork(picture)


def test_adding_one_more_that_faces_the_other_way_is_a_new_thing() -> None:
    from jupyter_imagechat.layout.arrange import arrange

    current = arrange(planner.plan("a dog and a cat"))
    scene = planner.plan("add a dog facing left next to the cat", current=current)
    old, cat, new = scene.entities
    assert (old.name, old.count, old.attributes) == ("dog", 1, {})  # the first dog unchanged
    assert (new.name, new.count, new.attributes) == ("dog", 1, {"facing": "left"})
    assert [(r.subject, r.predicate, r.object) for r in scene.relations] == [
        (new.id, "next to", cat.id)
    ]
    kept = {(b.entity, b.index): b.box for b in current.layout}
    assert [b.box for b in arrange(scene).layout if b.entity == old.id] == [kept[(old.id, 0)]]
    more = planner.plan("add another dog", current=current)  # no new look: one entity, two
    assert [(e.name, e.count) for e in more.entities] == [("dog", 2), ("cat", 1)]
