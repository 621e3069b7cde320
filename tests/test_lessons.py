"""Lesson topics: what a teacher names becomes a scene with its things, labels and arrows."""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.lessons.request import read_lesson
from jupyter_imagechat.planner.lessons.topics import topic_scene, topics
from jupyter_imagechat.planner.text import tokenize
from jupyter_imagechat.turns import Conversation

AREAS = {
    "science cycles and processes", "life science", "earth and space", "matter and energy",
    "maths", "geography and everyday life",
}  # fmt: skip


def plan(text: str):
    return RulesPlanner().plan_with_notes(text)


def topic_of(text: str) -> str | None:
    return read_lesson(tokenize(text)).topic


def test_the_knowledge_base_covers_every_area_with_120_topics_or_more():
    found = topics()
    assert len(found) >= 120
    assert {t.area for t in found} == AREAS
    assert len({t.id for t in found}) == len(found)


@pytest.mark.parametrize("topic", topics(), ids=lambda t: t.id)
def test_every_recipe_is_a_valid_scene_whose_things_all_have_a_picture(topic):
    scene, _notes = topic_scene(topic)
    scene.validate()
    assert scene.entities
    for ent in scene.entities:
        assert has_artwork(artwork_for(ent.name, ent.attributes)), ent.name


def test_every_recipe_draws_without_a_placeholder_card():
    engine = BuiltinEngine()
    for topic in topics():
        scene = arrange(topic_scene(topic)[0])
        result = engine.draw(scene, settings={"width": 96, "height": 96})
        assert result.metadata["placeholders"] == [], topic.id


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Could you draw the food chain for my year 2 class please?", "food chain"),
        ("the frog's life cycle", "life cycle of a frog"),
        ("label the parts of a tree", "parts of a tree"),
        ("explain photosynthesis to the kids", "photosynthesis"),
        ("how do rainbows form", "how a rainbow forms"),
        ("stages in the life of a ladybird", "life cycle of a ladybird"),
        ("Solar System", "the solar system"),
        ("a poster about healthy eating for grade 3", "healthy food groups"),
        ("what does a plant need to grow?", "what plants need"),
        ("the lifecycle of a butterflly", "life cycle of a butterfly"),
        ("evaporaton", "evaporation"),
        ("moon phases", "the moon's phases"),
        ("magnets", "magnets"),
        ("name the 3d shapes", "3d shapes"),  # "3d" names one topic, "name" several
        ("solids, liquids and gases", "states of matter"),  # "gases": "gas"
        ("how transport has changed over time", "a timeline of transport"),  # "changed"
        ("the phases of the moon across a month", "the moon's phases"),
        ("a labelled diagram of the human body", "parts of the body"),
    ],
)
def test_phrasings_a_teacher_types_name_the_topic(text, topic):
    assert topic_of(text) == topic


def test_a_modifier_is_not_the_subject_of_a_topic():
    assert topic_of("a labelled diagram of the human eye") != "parts of the body"


@pytest.mark.parametrize(
    "text",
    [
        "a frog on a lily pad",
        "a fish in a bowl",
        "two traffic lights",
        "a dog and its shadow",
        "a magnet next to three paperclips",
        "a cat in the town",
        "a photo of a planet",
        "a butterfly on a sunflower",
    ],
)
def test_ordinary_prompts_stay_ordinary(text):
    assert topic_of(text) is None


def test_a_topic_keeps_its_things_labels_and_arrows():
    scene, notes = plan("draw the life cycle of a frog for year 1")
    assert [e.name for e in scene.entities] == ["frogspawn", "tadpole", "frog", "frog"]
    assert [lb.text for lb in scene.labels] == ["frogspawn", "tadpole", "froglet", "frog"]
    assert len(scene.arrows) == 4
    assert all(a.curved for a in scene.arrows)
    assert scene.arrangements[0].kind == "circle"
    assert notes == []


def test_the_rest_of_the_prompt_composes_with_the_topic():
    scene, _ = plan("the rock cycle at sunset")
    assert scene.background == "sunset"
    scene, _ = plan("parts of a flower in a pencil sketch style with a bee")
    assert scene.style
    assert "pencil" in scene.style
    assert "bee" in [e.name for e in scene.entities]
    assert {lb.text for lb in scene.labels} >= {"petal", "stem", "roots"}


def test_words_that_only_frame_the_request_are_not_drawn():
    scene, _ = plan("the life cycle of a chicken in four stages with arrows, as a poster")
    assert {e.name for e in scene.entities} == {"egg", "hatching chick", "chick", "chicken"}


def test_a_topic_the_engine_cannot_draw_well_says_so_and_suggests_others():
    scene, notes = plan("a labelled diagram of the human heart")
    assert scene.entities
    assert notes
    assert "can't draw" in notes[0]
    assert "instead" in notes[0]


def test_panels_hold_the_stages_of_a_before_and_after():
    scene, _ = plan("floating and sinking")
    assert [p.title for p in scene.panels] == ["floats", "sinks"]
    assert scene.arrangements[0].members == [p.id for p in scene.panels]
    scene.validate()


def test_a_topic_can_be_edited_afterwards():
    planner = RulesPlanner()
    scene = planner.plan("the life cycle of a butterfly")
    changed = planner.plan("make the caterpillar red", current=scene)
    caterpillar = next(e for e in changed.entities if e.name == "caterpillar")
    assert caterpillar.attributes.get("color") == "red"
    assert len(changed.arrows) == len(scene.arrows)


def test_the_water_cycle_is_laid_out_as_a_scene_a_teacher_draws():
    """Sea on the left, land on the right, clouds up over the sea, rain over the land."""
    turn = Conversation(engine="builtin", size=256, seed=1).send("the water cycle", mask=None)
    box = {}
    for obj in turn.objects:
        x0, y0, x1, y1 = box.get(obj.name, obj.box)
        box[obj.name] = (
            min(x0, obj.box[0]),
            min(y0, obj.box[1]),
            max(x1, obj.box[2]),
            max(y1, obj.box[3]),
        )
    assert box["wave"][2] <= box["mountain"][0]  # the sea left of the land
    assert box["cloud"][3] <= box["wave"][1]  # evaporation goes up to the clouds
    assert box["rain"][3] <= box["mountain"][1]  # the rain comes down on the land
    assert len(turn.scene.arrows) == 4
    assert all(a.curved for a in turn.scene.arrows)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("a summer day and a winter day side by side", ["summer day", "winter day"]),
        ("a rainy day vs a sunny day", ["rainy day", "sunny day"]),
    ],
)
def test_scenes_side_by_side_are_panels_with_their_backgrounds(text, titles):
    scene = RulesPlanner().plan(text)
    assert [p.title for p in scene.panels] == titles
    assert all(p.background and p.members for p in scene.panels)
    assert not any(e.name.endswith("day") for e in scene.entities)  # never a thing
    assert scene.arrangements[0].members == [p.id for p in scene.panels]


def test_one_place_and_another_thing_are_not_scene_panels():
    scene = RulesPlanner().plan("a dog and a cat side by side")
    assert not scene.panels
