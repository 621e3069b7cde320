"""Classroom words are drawn as what they mean, and what no picture shows well is said."""

from __future__ import annotations

import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork, load_artwork
from jupyter_imagechat.planner import RulesPlanner, lexicon
from jupyter_imagechat.planner.honesty import CANNOT_DRAW, cannot_draw
from jupyter_imagechat.planner.lessons.topics import find_topic
from jupyter_imagechat.turns import Conversation

STUFF = {"water"}
"""Synonym targets that are a stuff, not a thing with one picture ("a body of water")."""


def plan(text: str):
    return RulesPlanner().plan_with_notes(text)


def test_every_synonym_names_a_noun_whose_artwork_loads():
    targets = set(lexicon.SYNONYMS.values()) - STUFF
    missing = sorted(t for t in targets if not has_artwork(t))
    assert missing == []
    for name in sorted(targets):  # loads, with something visible
        art = load_artwork(name)
        assert art.getchannel("A").getbbox() is not None, name


def test_every_stand_in_for_a_thing_it_cannot_draw_has_artwork():
    for entry in CANNOT_DRAW:
        if entry["draw"] is not None:
            assert has_artwork(str(entry["draw"])), entry["names"]


@pytest.mark.parametrize("entry", CANNOT_DRAW, ids=lambda e: str(e["names"][0]))
def test_what_it_offers_instead_can_be_drawn(entry):
    for offer in entry["offer"]:
        scene, notes = plan(offer)
        assert scene.entities, offer
        assert not any(n.startswith("I can't") for n in notes), offer
        is_topic = find_topic(offer.split()) is not None
        drawn = all(has_artwork(artwork_for(e.name, e.attributes)) for e in scene.entities)
        assert is_topic or drawn, offer


SAMPLE = {  # a teacher's words -> the nouns drawn, each from artwork (no card)
    "a frog on a lily pad": {"frog", "lily pad"},
    "a soldier next to a treasure chest": {"soldier", "treasure chest"},
    "some germs under a microscope": {"microbe", "microscope"},
    "a button, a domino and a calculator": {"button", "domino", "calculator"},
    "a protractor and a rubber": {"protractor", "eraser"},
    "a torch, a spanner and a padlock": {"flashlight", "wrench", "lock"},
    "a pair of wellies and a raincoat": {"boot", "coat"},
    "a tortoise and a hippo": {"turtle", "hippopotamus"},
    "a crow on a washing machine": {"crow", "washing machine"},
    "a lime, an aubergine and a biscuit": {"lime", "eggplant", "cookie"},
    "a sheet of paper in a folder": {"paper", "folder"},
    "two raindrops and a lightning bolt": {"water drop", "lightning"},
    "a child on a slide": {"person", "playground slide"},
}


@pytest.mark.parametrize("prompt", sorted(SAMPLE))
def test_classroom_words_draw_pictures_not_cards(prompt):
    turn = Conversation(engine="builtin", size=128).send(prompt, mask=None)
    assert {o.name for o in turn.objects} == SAMPLE[prompt]
    assert turn.metadata["placeholders"] == []
    assert turn.verdict is not None
    assert "drawn as a card" not in turn.verdict.summary()


@pytest.mark.parametrize(
    ("text", "drawn", "said"),
    [
        ("an atom", ["atom"], "the structure of an atom"),
        ("draw a molecule for my year 9 class", ["atom"], "a molecule's atoms"),
        ("the french revolution", ["french revolution"], "a revolution"),
        ("the first world war", ["military helmet"], "a war or a battle"),
        ("democracy", ["ballot box"], "democracy"),
        ("the krebs cycle", ["krebs cycle"], "the Krebs cycle"),
    ],
)
def test_a_thing_no_picture_shows_well_is_said_with_what_can_be_drawn(text, drawn, said):
    scene, notes = plan(text)
    assert [e.name for e in scene.entities] == drawn
    note = next(n for n in notes if n.startswith("I can't draw"))
    assert said in note
    assert " I can draw " in note


def test_a_name_that_goes_on_into_another_noun_is_that_noun():
    assert cannot_draw(["a", "cell", "phone"]) is None
    assert cannot_draw(["a", "battle", "axe"]) is None
    assert cannot_draw(["a", "red", "apple"]) is None


def test_the_cant_draw_note_is_in_the_chat_and_the_card_is_not_called_kept():
    chat = ImageChat(engine="builtin", size=128)
    try:
        turn = chat.send("the krebs cycle")
        said = chat._messages[-1]
        assert said["role"] == "assistant"
        assert "I can't draw the Krebs cycle" in said["text"]
        assert "photosynthesis" in said["text"]  # what it can draw instead
        assert turn.metadata["placeholders"] == ["krebs cycle"]
        assert "all kept" not in said["verdict"]
        assert "no picture for 'krebs cycle'" in said["verdict"]
    finally:
        chat.close()
