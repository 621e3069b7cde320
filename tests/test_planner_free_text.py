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
    assert ent(plan("a sign that says STOP"), "sign").attributes == {"text": "STOP"}


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
    # the game she plays is beside her (see test_verb_object_stands_next_to_the_subject)
    assert rels(scene) == {("woman", "on", "couch"), ("woman", "next to", "video game")}


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


# -- loose links: "with", "has", verb objects, same-named things ------------------------------
def test_with_gives_a_relation_the_layout_can_draw() -> None:
    assert rels(plan("a man with a tennis racket")) == {("man", "holding", "tennis racket")}
    assert rels(plan("a woman with a hat and a cane")) == {
        ("hat", "on", "woman"),
        ("woman", "holding", "cane"),
    }
    assert rels(plan("a grand piano with a white bench")) == {("piano", "next to", "bench")}
    assert rels(plan("a bowl with three apples")) == {("apple", "inside", "bowl")}
    assert rels(plan("a dog with a ball")) == {("dog", "next to", "sports ball")}
    assert rels(plan("a wall with graffiti")) == {("graffiti", "on", "wall")}  # size unknown
    assert rels(plan("a plate with a cake")) == {("cake", "on", "plate")}
    assert rels(plan("a plate of food")) == {("food", "on", "plate")}


def test_with_a_part_puts_it_on_its_owner() -> None:
    scene = plan("a girl with red hair and a dog")
    assert ent(scene, "hair").attributes == {"color": "red"}
    assert rels(scene) == {("hair", "on", "girl"), ("girl", "next to", "dog")}
    assert rels(plan("gums with teeth")) == {("tooth", "on", "gum")}


def test_a_placed_with_thing_keeps_its_place() -> None:
    scene = plan("a glass with jam in it")
    assert rels(scene) == {("jam", "inside", "glass")}  # not also "next to"


def test_has_reads_like_with() -> None:
    assert rels(plan("a man has a laptop")) == {("man", "holding", "laptop")}
    assert rels(plan("The man also has a dog")) == {("man", "next to", "dog")}
    assert rels(plan("a tower has a clock")) == {("clock", "on", "tower")}
    scene = plan("the man has been walking")
    assert [e.name for e in scene.entities] == ["person"]


def test_verb_object_stands_next_to_the_subject() -> None:
    assert rels(plan("A cat is chasing a dog")) == {("cat", "next to", "dog")}


def test_same_named_things_in_a_relation_are_two() -> None:
    scene = plan("a chair beside a chair")
    assert [(e.name, e.count) for e in scene.entities] == [("chair", 1), ("chair", 1)]
    assert rels(scene) == {("chair", "next to", "chair")}
    # a later bare mention is the first one, the thing the prompt is about
    scene = plan("truck behind truck. truck near a house.")
    assert [e.name for e in scene.entities] == ["truck", "truck", "house"]
    a, b, house = (e.id for e in scene.entities)
    assert {(r.subject, r.predicate, r.object) for r in scene.relations} == {
        (a, "behind", b),
        (a, "next to", house),
    }


def test_place_named_as_a_thing_before_stays_that_thing() -> None:
    scene = plan("a tower above a street. a car on the street")
    assert scene.background is None
    assert rels(scene) == {("tower", "above", "street"), ("car", "on", "street")}
    assert plan("a car on the street").background == "city"  # a place when new


# -- descriptions: predicate adjectives, tags, poses, arrangements ----------------------------
def test_coordinated_predicate_adjectives_all_describe_the_subject() -> None:
    scene = plan("The dock is wooden and very narrow. The airport is quiet and serene.")
    assert [e.name for e in scene.entities] == ["dock", "airport"]
    assert ent(scene, "dock").attributes == {"shape": "narrow", "material": "wooden"}
    assert ent(scene, "airport").attributes == {"detail": "quiet serene"}
    assert plan("the building is old and dirty").entities[0].attributes == {"detail": "old dirty"}


def test_adjectives_before_and_go_with_the_next_noun() -> None:
    scene = plan("The zebras have black and white stripes. The long and beige grasses")
    assert ent(scene, "zebra").attributes == {}
    ent(scene, "stripe", color="black", color2="white")
    ent(scene, "grass", color="beige", shape="long")


def test_made_of_after_a_copula() -> None:
    scene = plan("the building is made out of bricks")
    assert [(e.name, e.attributes) for e in scene.entities] == [("building", {"material": "brick"})]


def test_copula_after_a_relation_describes_the_first_thing() -> None:
    scene = plan("The clock on the bricked building is green.")
    ent(scene, "clock", color="green")
    assert "color" not in ent(scene, "building").attributes
    scene = plan("The book at the bottom of the pile is white and green.")
    ent(scene, "book", color="white", color2="green")
    # after a relative pronoun it is the nearest thing
    ent(plan("a clock on a building that is green"), "building", color="green")


def test_background_named_by_a_copula() -> None:
    assert plan("A leaf. The background of the image is white.").background == "white"
    assert plan("a cat. the backdrop is a forest").background == "forest"


def test_art_tags_after_the_subject_describe_it() -> None:
    scene = plan("statue of liberty covered in graffiti, spray paint, 2d, matte, illustration")
    statue = ent(scene, "statue of liberty", texture="matte")
    assert statue.attributes["detail"] == "2d, illustration"
    assert not {"matte", "illustration"} & {e.name for e in scene.entities}
    scene = plan("CCTV footage of a ghost, black and white")
    ent(scene, "ghost", color="black", color2="white")  # the picture itself is passed over
    scene = plan("a cyberpunk city, highly detailed, 4k, trending on artstation")
    assert ent(scene, "city").attributes["detail"] == "highly detailed, 4k, trending on artstation"
    assert plan("a cat, pixel art").style == "pixel art"  # a style stays a style


def test_pose_phrases_keep_their_direction_and_adverbs() -> None:
    scene = plan("left arm down to the side and slightly bent, hand near face left arm raised")
    assert states(scene, "left arm") == ["down to the side", "bent", "raised"]
    assert "face left arm" not in {e.name for e in scene.entities}
    assert states(plan("The person is in a wide stance squat"), "person") == ["wide stance squat"]
    assert states(plan("head tilted to their right"), "head") == ["tilted to their right"]


def test_collective_quantifier_gives_an_arrangement() -> None:
    scene = plan("A row of motorcycles parked on the side of a road")
    ent(scene, "motorcycle", arrangement="row", state="parked")
    assert ent(plan("a group of women"), "person").attributes["arrangement"] == "group"
    assert ent(plan("an assortment of fruits"), "fruit").count == 5


def test_preposed_place_after_a_comma_starts_a_new_clause() -> None:
    scene = plan("In this image there is a bird standing, around the bird there are rocks.")
    assert [e.name for e in scene.entities] == ["bird", "rock"]  # "the bird" is the same bird
    assert rels(scene) == {("rock", "next to", "bird")}


def test_in_front_of_the_image_is_the_foreground_not_a_relation() -> None:
    scene = plan("In front of the image there is a dog, behind the dog there are trees.")
    assert rels(scene) == {("tree", "behind", "dog")}


def test_kinds_of_things_count_the_things() -> None:
    scene = plan("photos of nine different breeds of dogs")
    assert [(e.name, e.count) for e in scene.entities] == [("dog", 9)]
    assert [(e.name, e.count) for e in plan("six colored mugs").entities] == [("mug", 6)]


def test_participles_after_a_copula_are_states() -> None:
    assert states(plan("An orange cat is curled up on a blue blanket"), "cat") == ["curled up"]
    assert states(plan("The skateboard is tilted to the side"), "skateboard") == [
        "tilted to the side"
    ]


def test_state_after_while_belongs_to_the_subject() -> None:
    scene = plan("a squirrel shouting into a microphone while standing on a lily pad")
    assert states(scene, "squirrel") == ["shouting", "standing"]
    assert states(plan("cute girl smiling while crying"), "person") == ["smiling", "crying"]


def test_in_the_air_is_a_state_not_the_sky() -> None:
    scene = plan("A man is jumping in the air")
    assert states(scene, "person") == ["jumping", "in the air"]
    assert scene.background is None
    assert states(plan("legs very far apart"), "leg") == ["far apart"]


def test_they_prefers_the_sentence_subject() -> None:
    scene = plan("two elephants are touching. they have long trunks. they are grey in color.")
    ent(scene, "elephant", color="gray")
    assert "color" not in ent(scene, "trunk").attributes
    scene = plan("Someone is leaning forward with their left arm behind. They are hunched over")
    assert states(scene, "person") == ["leaning forward", "hunched over"]
    scene = plan("a dog sitting and looking at a cat")
    assert states(scene, "dog") == ["sitting", "looking"]


def test_sky_words_after_a_time_of_day_are_the_background() -> None:
    scene = plan("A rainbow in the night sky")
    assert ([e.name for e in scene.entities], scene.background) == (["rainbow"], "night")
    assert plan("a kite in a clear sky").background == "sky"


def test_hanging_from_and_down_the_are_places() -> None:
    assert rels(plan("a lamp hanging from a tree")) == {("lamp", "under", "tree")}
    scene = plan("people walking down a sidewalk")
    assert rels(scene) == {("person", "on", "sidewalk")}
    assert ent(scene, "person").attributes["state"] == "walking"
    assert ent(plan("a man sitting down"), "person").attributes["state"] == "sitting down"


def test_plain_adjectives_before_unknown_heads_are_details() -> None:
    scene = plan("weak joe biden at a nice restaurant")
    ent(scene, "joe biden", detail="weak")
    ent(scene, "restaurant", detail="nice")
    assert states(plan("A lone person appears on the beach"), "person") == ["appears"]
    ent(plan("A lone person appears on the beach"), "person", detail="lone")


def test_reduced_relative_clause_keeps_its_head_as_subject() -> None:
    scene = plan("a man is throwing a ball. the uniform he is wearing is white.")
    ent(scene, "uniform", color="white")
    assert "color" not in ent(scene, "person").attributes


def test_pronouns_prefer_living_things() -> None:
    scene = plan("A beaver wearing glasses. He stands next to a table.")
    assert ent(scene, "beaver").attributes["state"] == "stands"
    assert ("beaver", "next to", "dining table") in rels(scene)
    scene = plan(
        "There are people on the court. There are bushes behind them. "
        "They are wearing white shirts and holding rackets."
    )
    assert {("shirt", "on", "person"), ("person", "holding", "tennis racket")} <= rels(scene)


def test_pose_after_also_and_both() -> None:
    assert states(plan("left arm raised, right arm also bent"), "right arm") == ["bent"]
    assert states(plan("right and left legs both bent at knee"), "left leg") == ["bent"]
    scene = plan("hands resting on sides just below chest head tilted to right")
    assert states(scene, "head") == ["tilted"]
    assert "chest head" not in {e.name for e in scene.entities}


def test_side_and_front_after_a_body_part_are_its_pose() -> None:
    scene = plan("standing straight with left arm to the side and right arm raised up")
    assert states(scene, "left arm") == ["to the side"]
    assert states(plan("both arms out in front"), "arm") == ["out in front"]
    assert states(plan("subject is almost in a push up position"), "subject") == [
        "push up position"
    ]
    assert rels(plan("a man standing at the side of a road")) == {("man", "next to", "road")}


def test_a_place_some_relation_uses_as_a_thing_is_that_thing_throughout() -> None:
    scene = plan("a car on the road. the sky above the road.")
    assert scene.background is None
    assert rels(scene) == {("car", "on", "road"), ("sky", "above", "road")}
    assert plan("a car on the road").background == "city"


def test_a_material_named_alone_is_a_thing() -> None:
    scene = plan("laptop on table. paper on table.")
    assert rels(scene) == {("laptop", "on", "dining table"), ("paper", "on", "dining table")}
    assert ent(scene, "dining table").attributes == {}
    assert ent(plan("the dock is wooden"), "dock").attributes == {"material": "wooden"}


def test_beside_after_a_support_places_both() -> None:
    scene = plan("A grey motorcycle on a dirt road next to a building.")
    assert rels(scene) == {
        ("motorcycle", "on", "road"),
        ("road", "next to", "building"),
        ("motorcycle", "next to", "building"),
    }


def test_with_after_worn_things_belongs_to_the_wearer() -> None:
    scene = plan("A young man in a suit and tie with a beer")
    assert rels(scene) == {("suit", "on", "man"), ("tie", "on", "man"), ("man", "holding", "beer")}


def test_the_head_noun_refers_back_to_a_longer_name() -> None:
    scene = plan("A teddy bear is sitting on a sill. There is a white bar in front of the bear.")
    assert [e.name for e in scene.entities] == ["teddy bear", "sill", "bar"]
    assert ("bar", "in front of", "teddy bear") in rels(scene)


def test_a_place_ending_in_ary_is_still_a_place() -> None:
    scene = plan("a cat in a library")
    assert ([e.name for e in scene.entities], scene.background) == (["cat"], "library")


def test_in_the_background_mid_sentence_starts_a_new_clause() -> None:
    scene = plan("a car on the surface and in the background we can see the wall.")
    assert rels(scene) == {("car", "on", "surface"), ("wall", "behind", "car")}


def test_contains_puts_the_thing_inside() -> None:
    assert rels(plan("a glass jar that contains three cookies")) == {("cookie", "inside", "jar")}


def test_comma_then_a_thing_with_is_starts_a_new_clause() -> None:
    scene = plan("right leg parallel to the ground, the left arm is bent")
    assert "state" not in ent(scene, "ground").attributes
    assert ent(scene, "left arm").attributes["state"] == "bent"
    scene = plan("left arm is holding the bag, right arm is straight forward")
    assert rels(scene) == {("left arm", "holding", "bag")}
    assert ent(scene, "right arm").attributes["state"] == "straight forward"
