"""Words that are not things never become things: measures, a body's own parts, pronouns,
poses and qualities, other generators' parameters (planner/measures.py, bodies.py,
abstract.py, text.py)."""

from __future__ import annotations

import pytest

from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.measures import measure_end
from jupyter_imagechat.planner.text import drop_flags, prepare
from jupyter_imagechat.scene import SceneGraph

PLANNER = RulesPlanner()


def plan(text: str) -> SceneGraph:
    return PLANNER.plan(text)


def names(scene: SceneGraph) -> list[str]:
    return [e.name for e in scene.entities]


def rels(scene: SceneGraph) -> set[tuple[str, str, str]]:
    name = {e.id: e.name for e in scene.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in scene.relations}


def ent(scene: SceneGraph, name: str):  # type: ignore[no-untyped-def]
    found = [e for e in scene.entities if e.name == name]
    assert len(found) == 1, scene.summary()
    return found[0]


# -- measures ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a woman with her arms raised at 45 degrees", {"person", "arm"}),
        ("a man with his elbow bent at a 30 degree angle", {"person", "elbow"}),
        ("a lamp post 12 feet tall next to a bench", {"lamp post", "bench"}),
        ("a giraffe 5 meters tall beside a zebra", {"giraffe", "zebra"}),
        ("a snail moving 2 inches per minute on a leaf", {"snail", "leaf"}),
        ("a runner resting for 10 minutes, 8 k", {"runner"}),
        ("a bus leaving at 4:20", {"bus"}),
    ],
)
def test_a_measure_is_never_a_thing_nor_a_count(text: str, kept: set[str]) -> None:
    scene = plan(text)
    assert set(names(scene)) <= kept | {"person"}, scene.summary()
    assert kept <= set(names(scene)), scene.summary()
    assert all(e.count <= 2 for e in scene.entities), scene.summary()


def test_a_measure_after_a_pose_stays_with_the_pose() -> None:
    scene = plan("a woman with her arms raised at 45 degrees")
    assert ent(scene, "arm").attributes["state"] == "raised at 45 degrees"
    assert ent(scene, "arm").count == 2


def test_feet_after_a_count_are_feet_unless_a_dimension_says_otherwise() -> None:
    assert ent(plan("a man standing on two feet"), "foot").count == 2
    assert "foot" not in names(plan("a fence two feet tall"))
    tokens = prepare("on one foot and a 6 foot pole")[0]
    assert measure_end(tokens, tokens.index("one")) == tokens.index("one")
    assert measure_end(tokens, tokens.index("6")) == tokens.index("pole")


# -- a body's own parts -----------------------------------------------------------------------
def test_nobody_stands_on_their_own_feet_as_on_a_thing() -> None:
    scene = plan("A man stands on both feet with his chest pushed out and his back arched.")
    person = ent(scene, "person").id
    parts = {e.id for e in scene.entities if e.id != person}
    assert not [r for r in scene.relations if r.subject == person and r.object in parts]
    assert ("foot", "on", "person") in rels(scene)
    assert ("chest", "on", "person") in rels(scene)


def test_the_body_of_a_person_is_the_person() -> None:
    scene = plan("a girl with her arms wrapped around her body")
    assert names(scene) == ["person", "arm"]
    assert rels(scene) == {("arm", "on", "person")}
    scene = plan("body bent forward, knees bent, arms hanging down")
    assert "body" not in names(scene)
    assert ent(scene, "person").attributes["state"] == "bent forward"


def test_an_animal_body_keeps_its_colours() -> None:
    scene = plan("a toucan with a black body and an orange beak")
    assert ent(scene, "body").attributes == {"color": "black"}


def test_a_hand_on_the_hip_is_a_hand_on_a_hip() -> None:
    scene = plan("a man whose left hand is on his hip")
    assert rels(scene) == {("left hand", "on", "hip")}  # no "man on hip", no "hip next to man"


def test_a_part_held_behind_its_owner_is_posed_and_drawn_on_it() -> None:
    scene = plan("a boy reaching up, his right arm above him")
    assert "above" in ent(scene, "right arm").attributes["state"]
    assert rels(scene) == {("right arm", "on", "person")}
    scene = plan("a goalkeeper kicking with her right leg")  # a person noun of its own
    assert rels(scene) == {("right leg", "on", "goalkeeper")}


def test_what_the_body_rests_on_the_owner_rests_on() -> None:
    scene = plan("a woman kneeling on her knees on a yoga mat")
    assert ("person", "on", "rug") in rels(scene)  # a (yoga) mat is drawn as a rug
    assert ("knee", "on", "person") in rels(scene)


def test_a_pose_with_nobody_named_is_a_persons_pose() -> None:
    scene = plan("left knee bent, right arm raised, head tilted back")
    assert names(scene).count("person") == 1
    assert rels(scene) == {
        ("left knee", "on", "person"), ("right arm", "on", "person"), ("head", "on", "person")
    }  # fmt: skip
    scene = plan("two hands holding a red heart")  # hands on their own, a close-up
    assert "person" not in names(scene)


# -- pronouns, poses, qualities ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("a cat washing itself on a rug", ["cat", "rug"]),
        ("a knight bowing before thee", ["knight"]),
        ("a boxer in a fighting position next to a rope", ["boxer", "rope"]),
        ("a dancer with her weight on her toes", ["dancer", "toe"]),  # not "to"
        ("marbles of many colors and sizes in a jar", ["marble", "jar"]),
        ("a kite flying in three directions over a hill", ["kite", "hill"]),
    ],
)
def test_words_that_are_not_things_are_not_drawn(text: str, wanted: list[str]) -> None:
    assert set(names(plan(text))) <= {*wanted, "person"}, plan(text).summary()


def test_a_subject_doing_something_owns_the_parts_named_with_it() -> None:
    scene = plan("the subject is crouching, torso leaning left, right arm straight forward")
    assert names(scene).count("person") == 1  # the subject is drawn as a person; no second
    assert ent(scene, "person").attributes["kind"] == "subject"
    assert rels(scene) == {("torso", "on", "person"), ("right arm", "on", "person")}


@pytest.mark.parametrize("word", ["subject", "figure", "human", "poser"])
def test_words_for_the_posed_someone_are_a_person(word: str) -> None:
    scene = plan(f"a {word} with the left arm raised up")
    assert names(scene).count("person") == 1, scene.summary()
    assert ent(scene, "person").attributes["kind"] == word


# -- other generators' parameters -------------------------------------------------------------
def test_parameters_of_other_generators_are_not_things() -> None:
    assert drop_flags("a castle --ar 16:9 --uplight").split() == ["a", "castle"]
    assert names(plan("a foggy castle, octane render --ar 16:9 --w 512 --h 768")) == ["castle"]
    assert names(plan("a red fox \u2014ar 3:2 \u2014v 5")) == ["fox"]
    assert plan("a quiet street --no people").exclude == [{"name": "person"}]
    assert names(plan("a cat -- a big one")) == ["cat"]  # a dash in a sentence is a dash


# -- the picture and how it is made -----------------------------------------------------------
def test_in_the_style_of_a_name_is_no_place_and_no_thing() -> None:
    scene = plan("an owl reading a map in the style of Hilma af Klint, on a branch")
    assert set(names(scene)) == {"owl", "map", "branch"}, scene.summary()
    assert not [r for r in scene.relations if r.predicate == "inside"]
    assert plan("in the style of a cartoon, a dog").style == "cartoon"


def test_words_for_the_picture_itself_are_not_things_unless_hung() -> None:
    assert names(plan("two teapots, studio shot, stock vector")) == ["teapot"]
    assert names(plan("a portrait of two teapots, high detail")) == ["teapot"]
    scene = plan("a framed portrait on the wall above a desk")
    assert "portrait" in names(scene)


def test_the_shape_of_written_words_is_a_shape_not_a_thing() -> None:
    scene = plan("a hedge in the shape of the word 'welcome'")
    assert names(scene) == ["hedge"]
    assert ent(scene, "hedge").attributes["shape"] == "letters"
    assert scene.texts == ["welcome"]
