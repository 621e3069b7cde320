"""Free-form prompts (DSG-1k style): states, poses, clause subjects, worn things, backgrounds.

Each test pins one construction the rules planner reads; the DSG-1k benchmark
(``benchmarks/planner_dsg1k.py``) measures how often they occur.
"""

from __future__ import annotations

from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph

PLANNER = RulesPlanner()


def plan(text: str) -> SceneGraph:
    return PLANNER.plan(text)


def ent(scene: SceneGraph, name: str, **attrs: str):
    """The entity called ``name`` whose attributes include ``attrs``."""
    for e in scene.entities:
        if e.name == name and all(e.attributes.get(k) == v for k, v in attrs.items()):
            return e
    raise AssertionError(f"no {name} {attrs} in {scene.summary()}")


def rels(scene: SceneGraph) -> set[tuple[str, str, str]]:
    names = {
        e.id: e.attributes.get("kind", e.name) if e.name == "person" else e.name
        for e in scene.entities
    }
    return {(names[r.subject], r.predicate, names[r.object]) for r in scene.relations}


def states(scene: SceneGraph, name: str) -> list[str]:
    return ent(scene, name).attributes.get("state", "").split(", ")


# -- states and poses -------------------------------------------------------------------------
def test_state_after_worn_things_belongs_to_the_wearer() -> None:
    scene = plan("A man wearing a black jacket and a green tie is standing behind a white table.")
    man = ent(scene, "person", kind="man")
    assert man.attributes["state"] == "standing"
    assert "state" not in ent(scene, "tie").attributes
    assert rels(scene) == {
        ("jacket", "on", "man"),
        ("tie", "on", "man"),
        ("man", "behind", "dining table"),
    }


def test_state_after_with_phrase_belongs_to_the_owner() -> None:
    scene = plan("Woman with blue dress sitting in a chair")
    assert ent(scene, "person", kind="woman").attributes["state"] == "sitting"
    assert ent(scene, "dress").attributes == {"color": "blue"}
    assert ("woman", "inside", "chair") in rels(scene)


def test_verb_ending_a_noun_phrase_is_a_state_and_its_object_a_thing() -> None:
    scene = plan("A barefoot woman eating food from a plate")
    assert ent(scene, "person", kind="woman").attributes["state"] == "eating"
    assert ent(scene, "food").count == 1
    scene = plan("A man eats hamburgers in a baby chair")
    assert ent(scene, "hamburger").count == 3
    assert "eats" in states(scene, "person")
    assert ("man", "inside", "chair") in rels(scene)  # the man sits in it, not the food


def test_body_part_poses_are_states_of_each_part() -> None:
    scene = plan("left leg straight, right leg bent back, left arm up, head slightly left")
    assert states(scene, "left leg") == ["straight"]
    assert states(scene, "right leg") == ["bent", "back"]
    assert states(scene, "left arm") == ["up"]
    assert plan("the head is forward").entities[0].attributes["state"] == "forward"


def test_a_state_closes_the_group() -> None:
    scene = plan("a cat sitting and a dog standing")
    assert states(scene, "cat") == ["sitting"]
    assert states(scene, "dog") == ["standing"]
    scene = plan("the cat and the dog sitting on a bench")
    assert states(scene, "cat") == states(scene, "dog") == ["sitting"]


# -- colours ----------------------------------------------------------------------------------
def test_predicate_colours_joined_by_and_are_both_kept() -> None:
    assert ent(plan("the bus is red and white"), "bus").attributes == {
        "color": "red",
        "color2": "white",
    }
    scene = plan("There are two birds on the ground. They are brown and black.")
    assert ent(scene, "bird").attributes == {"color": "brown", "color2": "black"}
    assert "color" not in ent(scene, "ground").attributes


def test_in_color_is_not_a_thing() -> None:
    scene = plan("a door is green in color. the wall is white in color too.")
    assert [e.name for e in scene.entities] == ["door", "wall"]
    assert ent(scene, "door").attributes["color"] == "green"
    assert ent(scene, "wall").attributes["color"] == "white"


# -- pronouns and possessives -----------------------------------------------------------------
def test_he_and_she_prefer_a_person_they_prefers_several() -> None:
    scene = plan("A woman is walking on the sidewalk. She is holding a black phone.")
    assert ("woman", "holding", "cell phone") in rels(scene)
    scene = plan("A man is laying in bed. He has a black cat right next to him")
    assert ("cat", "next to", "man") in rels(scene)
    assert ent(scene, "cat").attributes == {"color": "black"}  # "right" is no part of it


def test_possessive_owner_is_drawn_and_the_relation_goes_to_the_part() -> None:
    scene = plan("a pumpkin on a man's head")
    assert {e.name for e in scene.entities} == {"pumpkin", "person", "head"}
    assert rels(scene) == {("pumpkin", "on", "head")}


# -- relations ------------------------------------------------------------------------------
def test_in_clothes_means_wearing_and_later_places_go_to_the_wearer() -> None:
    scene = plan("a dolphin in an astronaut suit on saturn")
    assert rels(scene) == {("astronaut suit", "on", "dolphin"), ("dolphin", "on", "saturn")}
    scene = plan("a man in a black jacket and blue jeans")
    assert rels(scene) == {("jacket", "on", "man"), ("jeans", "on", "man")}
    scene = plan("a woman in a black jacket and a pizza")
    assert rels(scene) == {("jacket", "on", "woman")}  # a pizza is not worn
    assert rels(plan("a cat in a box")) == {("cat", "inside", "box")}


def test_wearing_after_a_place_goes_back_to_the_subject() -> None:
    scene = plan("An infant is sitting on a bed wearing glasses and reading a book.")
    assert rels(scene) >= {("baby", "on", "bed"), ("glasses", "on", "baby")}
    assert scene.texts == []  # "reading a book" is no text to render
    assert plan("a sign that says STOP").texts == ["STOP"]


def test_with_thing_in_it_relates_to_the_owner() -> None:
    scene = plan("There is a glass with jam in it on top of a table.")
    assert rels(scene) == {("jam", "inside", "glass"), ("glass", "on", "dining table")}
    scene = plan("a panda with aviator glasses on its head")
    assert ("glasses", "on", "head") in rels(scene) or ("glasses", "on", "panda") in rels(scene)


def test_topped_with_puts_every_listed_thing_on_top() -> None:
    scene = plan("A red plate topped with broccoli, meat and peas.")
    assert rels(scene) == {
        ("broccoli", "on", "plate"),
        ("meat", "on", "plate"),
        ("pea", "on", "plate"),
    }


def test_things_in_the_background_stand_behind_the_main_thing() -> None:
    scene = plan("A man on a horse. In the background there is a wall and trees.")
    assert rels(scene) == {
        ("man", "on", "horse"),
        ("wall", "behind", "man"),
        ("tree", "behind", "man"),
    }
    assert rels(plan("a dog with trees in the background")) == {("tree", "behind", "dog")}
    scene = plan("a cat on a white background")
    assert scene.background == "white"
    assert not scene.relations


def test_frame_words_place_nothing() -> None:
    scene = plan("In this image there are leaves and flowers on a surface.")
    assert [e.name for e in scene.entities] == ["leaf", "flower", "surface"]
    assert rels(scene) == {("leaf", "on", "surface"), ("flower", "on", "surface")}
    assert plan("In the background there is a wall.").background is None


def test_there_is_after_a_comma_starts_a_new_sentence() -> None:
    scene = plan("a woman is carrying a child, here we can see a wall behind them")
    assert ("woman", "holding", "wall") not in rels(scene)
    scene = plan("On the shelf there is a cup")  # a preposed place stays with its sentence
    assert rels(scene) == {("cup", "on", "shelf")}


def test_noun_endings_that_are_not_adjectives() -> None:
    scene = plan("a basketball on a gravel driveway")
    assert rels(scene) == {("basketball", "on", "gravel driveway")}


def test_made_of_is_a_material_and_in_the_shape_of_a_shape() -> None:
    assert ent(plan("A cube made of denim."), "cube").attributes == {"material": "denim"}
    assert ent(plan("a brain made from wire and paper"), "brain").attributes == {
        "material": "wire and paper"
    }
    scene = plan("a table made of wood next to a chair")
    assert ent(scene, "dining table").attributes == {"material": "wooden"}
    assert rels(scene) == {("dining table", "next to", "chair")}
    scene = plan("a house made of candy and a dog")
    assert [e.name for e in scene.entities] == ["house", "dog"]
    assert ent(plan("a cloud in the shape of a heart"), "cloud").attributes == {"shape": "heart"}


def test_at_places_a_thing_next_to_another() -> None:
    scene = plan("a man at a table at night")
    assert rels(scene) == {("man", "next to", "dining table")}
    assert scene.background == "night"


def test_a_bare_plural_mentioned_again_is_the_same_group() -> None:
    scene = plan("trees behind a bush. sky above trees")
    assert [(e.name, e.count) for e in scene.entities] == [("tree", 3), ("bush", 1), ("sky", 1)]
    scene = plan("a red apple and apples")  # a plural next to one thing is more things
    assert [(e.name, e.count) for e in scene.entities] == [("apple", 1), ("apple", 3)]


def test_verb_object_then_place_goes_to_the_subject() -> None:
    scene = plan("A young woman is playing a video game on a couch.")
    assert rels(scene) == {("woman", "on", "couch")}


def test_in_colours_after_a_thing_colour_it() -> None:
    assert ent(plan("Set of four bookmarks in black and white."), "bookmark").attributes == {
        "color": "black",
        "color2": "white",
    }
    assert ent(plan("a cat in red"), "cat").attributes == {"color": "red"}
    scene = plan("a man in red boots")  # a colour before a noun belongs to the noun
    assert ent(scene, "boot").attributes == {"color": "red"}
    assert rels(scene) == {("boot", "on", "man")}


def test_trailing_set_of_n_counts_the_things() -> None:
    scene = plan("Pineapple cocktail napkins, white, set of four")
    assert [(e.name, e.count) for e in scene.entities] == [("napkin", 4)]
    assert [(e.name, e.count) for e in plan("a set of four chairs").entities] == [("chair", 4)]


def test_coloured_inside_a_noun_phrase_is_a_modifier() -> None:
    scene = plan("A set of nine different colored labels.")
    assert len(scene.entities) == 1
    assert scene.entities[0].count == 9
    assert ent(plan("a dog painted red"), "dog").attributes == {"color": "red"}


def test_state_words_after_and_and_after_a_known_noun() -> None:
    scene = plan("A penguin wearing aviator goggles and flying next to an eagle.")
    assert states(scene, "penguin") == ["flying"]
    assert ("penguin", "next to", "eagle") in rels(scene)
    assert "smiling" in states(plan("cute girl smiling while crying"), "person")


def test_body_part_after_with_keeps_its_own_pose() -> None:
    scene = plan("The person is leaning to the right with their right arm up and left arm bent.")
    assert states(scene, "person") == ["leaning"]
    assert states(scene, "right arm") == ["up"]
    assert states(scene, "left arm") == ["bent"]


def test_and_the_thing_after_worn_things_starts_a_new_clause() -> None:
    scene = plan("A man has on a white tank and the door is open.")
    assert rels(scene) == {("tank", "on", "man")}
    assert states(scene, "door") == ["open"]
    assert "state" not in ent(scene, "person").attributes


def test_inverted_relation_covers_every_thing_in_the_list() -> None:
    scene = plan("In front of the man we can see a mic, a podium and a bottle.")
    assert rels(scene) == {
        ("mic", "in front of", "man"),
        ("podium", "in front of", "man"),
        ("bottle", "in front of", "man"),
    }


def test_pose_with_no_subject_is_a_person() -> None:
    scene = plan("standing on left leg, right arm up")
    assert states(scene, "person") == ["standing"]
    assert states(scene, "right arm") == ["up"]
    assert [e.name for e in plan("sitting cat on a sofa").entities] == ["cat", "couch"]
