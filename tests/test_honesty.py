"""Honesty: what the planner did not understand is said, and a card is never "kept"."""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.builtin.catalogue import ARTWORK
from jupyter_imagechat.planner import PlanError, RulesPlanner
from jupyter_imagechat.planner.honesty import is_gibberish
from jupyter_imagechat.turns import Conversation


def plan(text: str):
    return RulesPlanner().plan_with_notes(text)


def test_a_prompt_with_nothing_understood_is_a_clear_error():
    with pytest.raises(PlanError, match="I didn't understand 'qwerty asdfgh'"):
        plan("qwerty asdfgh")


def test_words_not_understood_are_said_and_not_drawn():
    scene, notes = plan("a horse and zxcvb in a field")
    assert [e.name for e in scene.entities] == ["horse"]
    assert any("I didn't understand 'zxcvb'" in n for n in notes)


@pytest.mark.parametrize("word", ["asdf", "qwerty", "zxcv", "hjkl", "sdfsdf", "xkcdtrz"])
def test_keyboard_mash_is_gibberish(word):
    assert is_gibberish(word)


@pytest.mark.parametrize(
    "word", ["stegosaurus", "rhythm", "strengths", "property", "liberty", "lymph", "xylophone"]
)
def test_real_words_are_not_gibberish(word):
    assert not is_gibberish(word)


def test_a_card_is_a_finding_and_never_all_kept():
    chat = Conversation(engine="builtin", size=128)
    turn = chat.send("a stegosaurus next to a dog", mask=None)
    cards = [f for f in turn.verdict.findings if f.reason == "no picture for 'stegosaurus'"]
    assert [f.status for f in cards] == ["unknown"]
    assert "all kept" not in turn.verdict.summary()
    assert "no picture for 'stegosaurus'" in turn.verdict.summary()


def test_a_picture_with_no_card_still_says_all_kept():
    chat = Conversation(engine="builtin", size=128)
    turn = chat.send("a dog", mask=None)
    assert ": all kept" in turn.verdict.summary()


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("kids having fun at the beach", {"person"}, "fun"),
        ("a lunch of sandwiches and apples", {"sandwich", "apple"}, "lunch"),
        ("a herd of cows", {"cow"}, "herd"),
        ("a globe of the world on a desk", {"globe", "desk"}, "world"),
    ],
)
def test_abstract_words_are_never_things(text, kept, gone):
    scene, _ = plan(text)
    names = {e.name for e in scene.entities}
    assert kept <= names
    assert gone not in names


def test_an_activity_becomes_what_its_doers_do():
    scene, _ = plan("children having fun")
    assert "having fun" in scene.entities[0].attributes.get("state", "")


def test_a_mug_is_a_coffee_mug_with_its_words_on_it():
    assert ARTWORK["mug"] == ARTWORK["coffee mug"]
    chat = Conversation(engine="builtin", size=256)
    turn = chat.send("a mug that reads 'hello'", mask=None)
    mug = next(o for o in turn.objects if o.name == "mug")
    assert mug.attributes.get("text") == "hello"


@pytest.mark.parametrize(
    ("text", "drawn", "said"),
    [
        ("the life cycle of a penguin", ["penguin"], "the life cycle of a penguin"),
        ("label the parts of a piano", ["piano"], "the parts of a piano"),
        ("the anatomy of a kangaroo", ["kangaroo"], "the parts of a kangaroo"),
        ("how does a bicycle work", ["bicycle"], "how a bicycle works"),
    ],
)
def test_a_topic_the_knowledge_base_lacks_draws_its_subject_and_says_so(text, drawn, said):
    scene, notes = plan(text)
    assert [e.name for e in scene.entities] == drawn  # never "part", "anatomy" or "how"
    assert not scene.arrows
    assert not scene.panels
    note = next(n for n in notes if n.startswith("I don't know"))
    assert said in note


def test_an_unknown_cycle_is_said_with_the_cycles_it_can_draw_instead():
    _, notes = plan("draw the nitrogen cycle for my year 9 class")
    note = next(n for n in notes if n.startswith("I don't know the nitrogen cycle"))
    assert "the water cycle" in note
    assert "the carbon cycle" in note


def test_the_life_cycle_of_a_thing_with_no_life_cycle_topic_is_not_another_topic():
    scene, notes = plan("the life cycle of a star")  # not "the sun, our star"
    assert [e.name for e in scene.entities] == ["star"]
    assert any("the life cycle of a star" in n for n in notes)


def test_a_known_topic_gets_no_such_note():
    scene, notes = plan("the parts of a flower")
    assert scene.labels
    assert not any(n.startswith("I don't know") for n in notes)


def test_a_family_is_the_people_it_means_and_a_picnic_what_they_do():
    scene, _ = plan("a family having a picnic in the park")
    assert sum(e.count for e in scene.entities if e.name == "person") == 4
    assert not any(e.name in ("family", "picnic") for e in scene.entities)
