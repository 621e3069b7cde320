"""Everyday phrases read as the one thing they name: jobs, containers and measures,
joined names, weather scenes.

The prompts are written for these tests (not the classroom development set's strings):
each stands for a construction a teacher uses.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.contents import FILLINGS
from jupyter_imagechat.planner.roles import ROLES
from jupyter_imagechat.scene import SceneGraph
from jupyter_imagechat.turns import Conversation

planner = RulesPlanner()


def plan(text: str) -> SceneGraph:
    return planner.plan(text)


def names(scene: SceneGraph) -> list[str]:
    return [e.name for e in scene.entities]


def rels(scene: SceneGraph) -> set[tuple[str, str, str]]:
    return {
        (scene.entity(r.subject).name, r.predicate, scene.entity(r.object).name)
        for r in scene.relations
    }


# -- jobs -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "thing", "how"),
    [
        ("a smiling milkman", "milkman", "milk", "holding"),
        ("an astronomer at night", "astronomer", "telescope", "next to"),
        ("the locksmith", "locksmith", "key", "holding"),
        ("a tractor driver", "tractor driver", "tractor", "next to"),
        ("a hot dog seller", "hot dog seller", "hot dog", "holding"),
    ],
)
def test_a_job_with_no_picture_is_a_person_with_its_thing(
    text: str, kind: str, thing: str, how: str
) -> None:
    scene = plan(text)
    person = next(e for e in scene.entities if e.name == "person")
    assert person.attributes["kind"] == kind
    assert rels(scene) == {("person", how, thing)}


def test_several_workers_each_have_their_thing() -> None:
    scene = plan("three postwomen")  # "-men"/"-women" plurals of jobs are read
    person = next(e for e in scene.entities if e.name == "person")
    thing = next(e for e in scene.entities if e.name != "person")
    assert (person.count, person.attributes["kind"], thing.count) == (3, "postwoman", 3)


def test_a_worker_given_something_to_hold_holds_only_that() -> None:
    scene = plan("a photographer holding an umbrella")
    assert sorted(names(scene)) == ["person", "umbrella"]


def test_a_job_that_works_somewhere_brings_its_place_unless_one_is_named() -> None:
    assert plan("a lifeguard").background == "beach"
    assert plan("a lifeguard in a forest").background == "forest"


def test_jobs_with_a_picture_of_their_own_and_their_other_names_keep_it() -> None:
    assert names(plan("a doctor")) == ["doctor"]
    assert names(plan("two firemen")) == ["firefighter"]
    assert names(plan("a policewoman")) == ["police officer"]


def test_every_job_thing_is_drawn_by_the_builtin_engine() -> None:
    missing = {
        word: role.thing
        for word, role in ROLES.items()
        if not has_artwork(artwork_for(role.thing, {"kind": role.thing_kind}))
    }
    assert not missing


def test_the_checker_never_calls_a_job_kept() -> None:
    turn = Conversation(engine="builtin", size=128, seed=1).send("a beekeeper", mask=None)
    assert turn.verdict is not None
    kinds = [f for f in turn.verdict.findings if "kind" in f.constraint]
    assert kinds
    assert all(f.status == "unknown" for f in kinds)
    assert not [f for f in turn.verdict.findings if f.reason.startswith("no picture for")]


# -- containers and measures ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("a tuft of grass", ["grass"]),
        ("two spools of thread", ["thread"]),
        ("a handful of sand", ["sand"]),
        ("a dollop of cream", ["cream"]),
        ("a bunch of roses", ["bouquet"]),
        ("a tub of popcorn", ["popcorn"]),
        ("a box of milk", ["milk carton"]),
    ],
)
def test_a_measure_or_a_pictured_serving_is_one_thing(text: str, wanted: list[str]) -> None:
    assert names(plan(text)) == wanted


def test_two_servings_keep_their_count() -> None:
    assert [(e.name, e.count) for e in plan("three cartons of juice").entities] == [("juice", 3)]


def test_a_dish_of_food_with_a_picture_stays_the_dish_with_the_food() -> None:
    assert rels(plan("a plate of cake")) == {("cake", "on", "plate")}


@pytest.mark.parametrize(
    ("text", "container", "contents"),
    [
        ("a bucket of water", "bucket", "water"),
        ("a jar full of sand", "jar", "sand"),
        ("two beakers of blue liquid", "beaker", "blue liquid"),
        ("a bottle filled with glue", "bottle", "glue"),
    ],
)
def test_a_filling_is_what_its_container_holds(text: str, container: str, contents: str) -> None:
    scene = plan(text)
    assert names(scene) == [container]
    assert scene.entities[0].attributes["contents"] == contents
    assert not scene.relations


def test_things_in_a_container_stay_things() -> None:
    assert sorted(names(plan("a jar of marbles"))) == ["jar", "marble"]
    assert sorted(names(plan("a bowl of oranges"))) == ["bowl", "orange"]


def test_fillings_are_stuff_not_countable_things() -> None:
    assert not {"apple", "marble", "button", "sweet", "coin"} & FILLINGS


def test_the_checker_reports_contents_as_unknown() -> None:
    turn = Conversation(engine="builtin", size=128, seed=1).send("a cup of water", mask=None)
    assert turn.verdict is not None
    found = [f for f in turn.verdict.findings if "contents" in f.constraint]
    assert found
    assert all(f.status == "unknown" for f in found)


# -- joined names ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("two music stands by the piano", ["music stand", "piano"]),
        ("a boy on a running track", ["person", "running track"]),
        ("a pair of tweezers", ["tweezers"]),
        ("a doll on a chest of drawers", ["doll", "chest of drawers"]),
        ("an iron on a table", ["iron", "dining table"]),
        ("a spinning top", ["spinning top"]),
    ],
)
def test_a_name_of_several_words_is_one_thing(text: str, wanted: list[str]) -> None:
    assert names(plan(text)) == wanted


def test_a_verb_after_a_thing_is_still_its_state() -> None:
    assert plan("a woman stands").entities[0].attributes.get("state") == "stands"
    assert names(plan("a dog running on the grass")) == ["dog"]


def test_a_chart_named_alone_is_the_chart_and_a_chart_of_things_charts_them() -> None:
    assert names(plan("the pie chart")) == ["pie chart"]
    assert plan("a bar chart of fruits").arrangements[0].kind == "pictogram"


# -- weather and times of day ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("a breezy afternoon", "day"),
        ("a frosty morning", "snow at sunrise"),
        ("a wet evening", "rain at sunset"),
        ("the dark night", "night"),
        ("an autumn day", "autumn"),
    ],
)
def test_a_weather_or_season_scene_alone_is_its_background(text: str, background: str) -> None:
    scene = plan(text)
    assert scene.background == background
    assert scene.entities  # the things that show it, never a thing called "day"
    assert not {"day", "night", "morning", "afternoon", "evening"} & set(names(scene))


def test_wind_and_fog_show_as_things_the_sky_does_not_draw() -> None:
    assert "wind" in names(plan("a blustery day"))
    assert "fog" in names(plan("a misty morning"))


def test_a_scene_in_a_longer_prompt_is_the_background() -> None:
    scene = plan("a snowman on a frosty morning")
    assert (names(scene), scene.background) == (["snowman"], "snow at sunrise")
    scene = plan("a fox in a forest on a rainy night")
    assert (names(scene), scene.background) == (["fox"], "forest at night")


def test_a_picture_of_a_place_is_still_a_picture() -> None:
    assert names(plan("a forest picture")) == ["picture"]


# -- the same constructions in a follow-up ----------------------------------------------------
def test_an_added_worker_or_filled_container_is_read_as_in_a_new_picture() -> None:
    current = plan("a house with a red door")
    scene = planner.plan("add a milkman and a bucket of water", current=current)
    assert sorted(names(scene)) == ["bucket", "door", "house", "milk", "person"]
    assert next(e for e in scene.entities if e.name == "bucket").attributes["contents"] == "water"
    assert planner.plan("add a lifeguard", current=current).background == current.background


def test_every_job_in_the_table_is_read_as_that_job() -> None:
    misread = {}
    for word in ROLES:
        scene = plan(f"a {word}")
        kinds = [e.attributes.get("kind") for e in scene.entities if e.name == "person"]
        if kinds != [word] or len(scene.entities) != 2:
            misread[word] = scene.summary()
    assert not misread


@pytest.mark.parametrize(
    ("text", "kind", "thing"),
    [("a dog walker", "dog walker", "dog"), ("a lorry driver", "lorry driver", "truck")],
)
def test_a_job_named_by_what_it_works_with_is_beside_that(text: str, kind: str, thing: str) -> None:
    scene = plan(text)
    assert [(e.name, e.attributes.get("kind")) for e in scene.entities] == [
        ("person", kind), (thing, None)
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["a vacuum cleaner", "a screw driver", "a record player"])
def test_a_machine_named_like_a_job_is_no_person(text: str) -> None:
    assert "person" not in names(plan(text))


def test_a_soccer_ball_is_not_read_as_an_american_football() -> None:
    assert names(plan("a soccer ball")) == ["soccer ball"]
    assert has_artwork(artwork_for("soccer ball"))


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("a teddy on a chest of drawers", ["teddy bear", "chest of drawers"]),
        ("a jack in the box and a kite", ["jack in the box", "kite"]),
        ("a cat in the box", ["cat", "box"]),  # "in the box" is where the cat is
    ],
)
def test_a_known_noun_with_a_joining_word_inside_is_one_thing(text: str, wanted: list[str]) -> None:
    assert names(plan(text)) == wanted
