"""Lesson topics a teacher phrases freely: synonyms, the recipe families that take their
things as an argument (parts of a thing, a chart of counts, things sorted into sets, a Venn
diagram) and honest notes where the picture is only a stand-in."""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.lessons.request import read_lesson
from jupyter_imagechat.planner.lessons.topics import topics
from jupyter_imagechat.planner.lessons.words import SETS
from jupyter_imagechat.planner.text import tokenize


def plan(text: str):
    return RulesPlanner().plan_with_notes(text)


def topic_of(text: str) -> str | None:
    return read_lesson(tokenize(text)).topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("the stages of the moon for year 4", "the moon's phases"),  # stages are phases
        ("the 4 seasons", "the four seasons"),  # a digit is its number word
        ("3-d shapes labelled", "3d shapes"),
        ("label the levels of the rainforest", "layers of the rainforest"),
        ("things that are magnetic and not magnetic", "magnets"),
        ("what lives in the rainforest", "rainforest habitat"),
        ("a healthy plate", "healthy food groups"),
        ("name the colors in a rainbow", "colours of the rainbow"),
        ("a right angle and an acute angle", "angles"),
        ("a 100 square for year 2", "a hundred square"),
    ],
)
def test_a_topic_phrased_with_other_words_is_the_topic(text, topic):
    assert topic_of(text) == topic


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("label the parts of a bicycle", "bicycle"),
        ("what are the parts of a bike called", "bicycle"),
        ("the parts of a castle", "castle"),
        ("a labelled diagram of a shark", "shark"),
        ("can you label a dog for me please", "dog"),
        ("bee body parts", "bee"),
    ],
)
def test_the_parts_of_a_known_thing_are_labelled_on_it(text, thing):
    scene, _notes = plan(text)
    assert [e.name for e in scene.entities] == [thing]
    assert len(scene.labels) >= 3
    assert {lb.target for lb in scene.labels} == {scene.entities[0].id}
    assert all(0 <= lb.anchor[0] <= 1 and 0 <= lb.anchor[1] <= 1 for lb in scene.labels)


def test_several_things_labelled_are_named_not_taken_apart():
    scene, _notes = plan("a cow, a pig and a sheep labelled")
    assert {lb.text for lb in scene.labels} == {"cow", "pig", "sheep"}


def test_every_set_holds_things_with_a_picture():
    for members in SETS.values():
        assert members
        for noun in members:
            assert has_artwork(artwork_for(noun, {})), noun


def test_every_family_recipe_is_a_topic_with_its_area():
    parts = [t for t in topics() if t.recipe.get("family") == "parts"]
    assert len(parts) >= 30
    assert {t.area for t in parts} <= {t.area for t in topics() if not t.recipe.get("family")}


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("a tally chart of favourite fruits", {"apple", "banana", "orange", "pear"}),
        ("a bar chart of pets in our class", {"dog", "cat", "rabbit"}),
        ("bar graph of cats, dogs and rabbits", {"cat", "dog", "rabbit"}),
    ],
)
def test_a_chart_of_a_set_counts_its_things_and_says_the_counts_are_examples(text, members):
    scene, notes = plan(text)
    names = {e.name for e in scene.entities}
    assert members <= names
    assert not names & {"fruit", "favourite fruit", "pet", "class", "chart"}
    assert [a.kind for a in scene.arrangements] == ["pictogram"]
    assert all(e.count >= 1 for e in scene.entities)
    assert any("made up the counts" in n for n in notes)


def test_a_chart_with_its_own_counts_keeps_them():
    scene, notes = plan("a pictogram of apples 4, pears 2 and bananas 6")
    assert {e.name: e.count for e in scene.entities} == {"apple": 4, "pear": 2, "banana": 6}
    assert not any("made up" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("mammals, birds and fish sorted into groups", ["mammals", "birds", "fish"]),
        ("living and non-living things", ["living", "non-living"]),
        ("sort these into fruit and vegetables", ["fruit", "vegetables"]),
        ("sort the shapes into triangles and squares", ["triangles", "squares"]),
    ],
)
def test_things_sorted_into_sets_are_a_panel_each(text, titles):
    scene, _notes = plan(text)
    assert [p.title for p in scene.panels] == titles
    assert all(p.members for p in scene.panels)
    assert not {e.name for e in scene.entities} & {"mammal", "group", "thing", "shape"}


def test_a_venn_diagram_is_its_two_sets_side_by_side_and_says_so():
    scene, notes = plan("a venn diagram of cats and dogs")
    assert [p.title for p in scene.panels] == ["cats", "dogs"]
    assert {e.name for e in scene.entities} == {"cat", "dog"}
    assert any(n.startswith("I can't draw the overlapping circles") for n in notes)


@pytest.mark.parametrize(
    "text",
    [
        "a bird and a fish",
        "a bowl of fruit",
        "cats and dogs",
        "a group of children sorting toys",
        "two groups of cats and dogs",
    ],
)
def test_things_named_together_stay_things(text):
    scene, _notes = plan(text)
    assert not scene.panels
    assert not scene.labels


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a hundred square", "can't write the numbers"),
        ("types of angles", "can't draw an angle on its own"),
        ("the digestive system", "can't draw the organs"),
    ],
)
def test_a_stand_in_picture_says_what_it_could_not_draw(text, said):
    _scene, notes = plan(text)
    assert any(said in n for n in notes)


def test_layers_of_a_thing_no_topic_has_are_said_not_drawn():
    scene, notes = plan("the layers of the atmosphere")
    assert "layer" not in {e.name for e in scene.entities}
    note = next(n for n in notes if n.startswith("I don't know the layers of the atmosphere"))
    assert "the layers of the earth" in note
    assert plan("a layer cake")[1] == []  # a kind of cake, not a lesson
