"""First-turn reading: where a trailing place phrase goes, measures and containers with their
counts, people a thing is done "to", hosts one each, and a clock's time words.

Each case is a construction, tried over several words, not one prompt: a place after
"<subject> <verb>ing <object>" goes to the nearest thing it can hold; "two cups of coffee" is
two cups, each with its coffee; "a teacher reading a book to four children" keeps the
children; "two students sitting on chairs" is two chairs; "a clock that says 7 o'clock"
shows that time, it has no writing.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph

PLANNER = RulesPlanner()


def _by_name(scene: SceneGraph) -> dict[str, tuple[str, int]]:
    """``{name or kind: (id, count)}`` for the scene's things."""
    out = {}
    for e in scene.entities:
        out[e.attributes.get("kind", e.name)] = (e.id, e.count)
        out[e.name] = (e.id, e.count)
    return out


def _relations(scene: SceneGraph) -> set[tuple[str, str, str]]:
    names = {e.id: e.attributes.get("kind", e.name) for e in scene.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in scene.relations}


# -- a trailing place phrase goes to the nearest thing it can hold -------------------------------
@pytest.mark.parametrize(
    ("prompt", "doer", "thing", "place"),
    [
        # a board holds flat things, not the person beside them
        ("a teacher pointing at a map of the world on the blackboard", "teacher", "world map",
         "blackboard"),
        ("a teacher standing next to a map on the blackboard", "teacher", "map", "blackboard"),
        ("a girl beside a chart on the whiteboard", "girl", "bar chart", "whiteboard"),
        ("a man staring at a calendar on a blackboard", "man", "calendar", "blackboard"),
        # a container smaller than the doer holds only the thing
        ("a boy sitting next to a fish in a bowl", "boy", "fish", "bowl"),
        ("a man next to a cat in a box", "man", "cat", "box"),
        ("a woman smiling at a cat in a basket", "woman", "cat", "basket"),
        # a verb whose object is away from the doer: the place is the object's
        ("a child pointing at a bird in a tree", "child", "bird", "tree"),
        ("a woman hanging a picture on the wall", "woman", "picture", "wall"),
        ("a chef putting a cake in the oven", "chef", "cake", "oven"),
        ("a dog looking at a ball on a shelf", "dog", "sports ball", "shelf"),
        ("a cat watching a fish in an aquarium", "cat", "fish", "aquarium"),
    ],
)  # fmt: skip
def test_a_trailing_place_holds_only_the_nearest_thing_it_can(prompt, doer, thing, place):
    scene = PLANNER.plan(prompt)
    rels = _relations(scene)
    names = {e.attributes.get("kind", e.name) for e in scene.entities}
    assert {doer, place} <= names, scene.summary()
    assert any(r[0] in (thing, thing.split()[-1]) and r[2] == place for r in rels), scene.summary()
    assert not any(r[0] == doer and r[2] == place for r in rels), scene.summary()


@pytest.mark.parametrize(
    ("prompt", "both"),
    [
        ("a bear catching trout in a stream", ("bear", "trout")),
        ("a woman playing a video game on a couch", ("woman",)),
        ("a cup next to a vase on a table", ("cup", "vase")),
        ("a man reading a book on a bench", ("man",)),
    ],
)
def test_a_place_that_can_hold_the_subject_still_places_it(prompt, both):
    scene = PLANNER.plan(prompt)
    held = {r[0] for r in _relations(scene) if r[1] in ("on", "inside")}
    assert set(both) <= held, scene.summary()


# -- measures and containers ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("prompt", "name", "count"),
    [
        ("a bar of chocolate", "chocolate", 1),
        ("three pieces of cake on a plate", "cake", 3),
        ("a loaf of bread", "bread", 1),
        ("two blocks of wood", "wood", 2),
        ("two slices of pizza", "pizza slice", 2),
    ],
)
def test_a_measure_of_a_stuff_is_the_stuff_in_that_count(prompt, name, count):
    scene = PLANNER.plan(prompt)
    found = _by_name(scene)
    assert found.get(name, ("", 0))[1] == count, scene.summary()
    assert not {"bar", "piece", "loaf", "slice"} & set(found), scene.summary()


@pytest.mark.parametrize(
    ("prompt", "container", "stuff", "count"),
    [
        ("two cups of coffee", "cup", "coffee", 2),
        ("three glasses of milk on a table", "glass", "milk", 3),
        ("four bowls of soup", "bowl", "soup", 4),
        ("a mug of tea", "mug", "tea", 1),
    ],
)
def test_a_counted_container_holds_its_stuff_in_each(prompt, container, stuff, count):
    scene = PLANNER.plan(prompt)
    found = _by_name(scene)
    assert found[container][1] == count, scene.summary()
    assert found[stuff][1] == count, scene.summary()
    assert (stuff, "inside", container) in _relations(scene)
    assert "glasses" not in found  # drinking glasses, not spectacles


def test_a_bunch_is_still_a_group_and_plural_contents_keep_their_count():
    assert _by_name(PLANNER.plan("a bunch of bananas"))["banana"][1] >= 3
    assert _by_name(PLANNER.plan("a bowl of apples"))["apple"][1] == 3


# -- people a thing is done to ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("prompt", "kind", "count"),
    [
        ("a teacher reading a book to four children", "child", 4),
        ("a mother reading a story to two kids", "child", 2),
        ("a boy throwing a ball to three dogs", "dog", 3),
        ("a woman showing a map to 5 students", "student", 5),
    ],
)
def test_counted_people_after_to_are_in_the_picture(prompt, kind, count):
    scene = PLANNER.plan(prompt)
    assert _by_name(scene).get(kind, ("", 0))[1] == count, scene.summary()


@pytest.mark.parametrize(
    ("prompt", "doer", "thing"),
    [
        ("a girl giving flowers to two teachers", "girl", "flower"),
        ("a man selling ice cream to three kids", "man", "ice cream"),
        ("a dog chewing bones", "dog", "bone"),
    ],
)
def test_a_doer_with_an_unknown_ing_verb_stays_a_doer(prompt, doer, thing):
    scene = PLANNER.plan(prompt)
    found = _by_name(scene)
    assert doer in found, scene.summary()
    assert thing in found, scene.summary()
    assert found[doer][0] != found[thing][0], scene.summary()


def test_an_audience_after_to_or_for_is_still_not_drawn():
    for prompt in ("draw the water cycle for my year 3 class", "explain the water cycle to year 3"):
        names = {e.attributes.get("kind", e.name) for e in PLANNER.plan(prompt).entities}
        assert not {"child", "student", "person", "class", "year"} & names, names


# -- hosts one each ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("prompt", "host", "count"),
    [
        ("two students sitting on chairs", "chair", 2),
        ("four boys on benches", "bench", 4),
        ("two cats sleeping on cushions", "cushion", 2),
        ("students sitting on chairs", "chair", 3),
    ],
)
def test_people_on_an_uncounted_plural_host_have_one_each(prompt, host, count):
    scene = PLANNER.plan(prompt)
    assert _by_name(scene)[host][1] == count, scene.summary()


def test_a_counted_host_keeps_its_count():
    assert _by_name(PLANNER.plan("two students sitting on five chairs"))["chair"][1] == 5


def test_adding_people_on_chairs_to_a_scene_adds_one_chair_each():
    chat = Conversation(planner=RulesPlanner())
    chat.send("a classroom with a blackboard")
    chat.send("add two students sitting on chairs")
    found = _by_name(chat.scene)
    assert found["student"][1] == 2, chat.scene.summary()
    assert found["chair"][1] == 2, chat.scene.summary()
    assert "blackboard" in found


# -- a clock's time words ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("prompt", "time"),
    [
        ("a clock that says 7 o'clock", "7:00"),
        ("a clock which reads half past three", "3:30"),
        ("a watch that shows quarter to four", "3:45"),
        ("an alarm clock that says 6:15", "6:15"),
        ("a clock that says '10:20' on the wall", "10:20"),
    ],
)
def test_a_clock_that_says_a_time_shows_it(prompt, time):
    scene = PLANNER.plan(prompt)
    clocks = [e for e in scene.entities if e.name.endswith("clock") or e.name == "watch"]
    assert clocks, scene.summary()
    assert clocks[0].attributes.get("time") == time, scene.summary()
    assert "text" not in clocks[0].attributes, scene.summary()
    assert not scene.texts, scene.summary()
    assert all("o'clock" not in e.name for e in scene.entities)


def test_words_on_a_clock_that_are_no_time_are_still_writing():
    scene = PLANNER.plan("a clock that says 'TICK'")
    assert scene.entities[0].attributes.get("text") == "TICK"


def test_the_map_a_teacher_points_at_is_drawn_on_the_blackboard():
    chat = Conversation(planner=RulesPlanner())
    chat.send("a teacher pointing at a map of the world on the blackboard")
    found = _by_name(chat.scene)
    boxes = {p.entity: p.box for p in chat.scene.layout}
    (mx0, my0, mx1, my1), (bx0, by0, bx1, by1) = (
        tuple(boxes[found["world map"][0]]),
        tuple(boxes[found["blackboard"][0]]),
    )
    assert bx0 <= mx0, boxes
    assert mx1 <= bx1, boxes
    assert by0 <= my0, boxes
    assert my1 <= by1, boxes
    tx0, _, tx1, _ = tuple(boxes[found["teacher"][0]])
    assert tx1 <= bx0 or tx0 >= bx1, "the teacher stands beside the board, not on it"


@pytest.mark.parametrize(
    ("prompt", "doer", "thing"),
    [
        ("a teacher reading a book to four children", "teacher", "book"),
        ("a chef with a knife", "chef", "knife"),
        ("an astronaut holding a flag", "astronaut", "flag"),
    ],
)
def test_a_person_noun_drawn_as_itself_holds_what_it_uses(prompt, doer, thing):
    assert (doer, "holding", thing) in _relations(PLANNER.plan(prompt))
