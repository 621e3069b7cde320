"""Follow-ups said as teachers and analysts type them (the second pass over issue 14): each
is read as the change it asks for, and everything it does not name stays as it was."""

from __future__ import annotations

import pytest
from followup_steps import follow, planner, start, things  # tests/ is on sys.path

from jupyter_imagechat.planner import PlanError
from jupyter_imagechat.scene import SceneGraph


@pytest.mark.parametrize(
    ("start_text", "text", "want"),
    [
        # a comma or a word of its own before the wish
        ("three blue boxes", "actually, I'd like 4 blue boxes", ["4 x box (blue)"]),
        ("three blue boxes", "ok, I'd like five boxes", ["5 x box (blue)"]),
        ("three blue boxes", "hmm, there should be 2 boxes", ["2 x box (blue)"]),
        ("three blue boxes", "wait, make them red", ["3 x box (red)"]),
        ("six green triangles", "four triangles is enough", ["4 x triangle (green)"]),
        # a look said with "in"
        ("two yellow squares and a circle", "squares in red please",
         ["1 x circle", "2 x square (red)"]),
        # things worn or had, said as a wish
        ("a teacher next to a whiteboard", "make her wear a green dress",
         ["1 x dress (green)", "1 x teacher", "1 x whiteboard"]),
        ("a teacher next to a whiteboard", "she should be wearing goggles",
         ["1 x goggles", "1 x teacher", "1 x whiteboard"]),
        ("a snail on a leaf", "the snail needs a pink shell",
         ["1 x leaf", "1 x shell (pink)", "1 x snail"]),
        ("a knight next to a dragon", "let the knight hold a sword",
         ["1 x dragon", "1 x knight", "1 x sword"]),
        # one for each of the things there are; the things stay as many
        ("a classroom with 4 desks and a teacher", "add a student at each desk",
         ["1 x classroom", "1 x teacher", "4 x desk", "4 x student"]),
        ("three plates on a table", "put an apple on every plate",
         ["1 x dining table", "3 x apple", "3 x plate"]),
        # a thing named by its kind, or by the last word of its name
        ("a mother duck and five ducklings", "make the mother bigger",
         ["1 x duck (big, mother)", "5 x duckling"]),
        ("a mother duck and five ducklings", "make the mother duck white",
         ["1 x duck (white, mother)", "5 x duckling"]),
        ("two girls playing football in a park", "make the ball bigger",
         ["1 x football (big)", "2 x person (girl, playing)"]),
        ("two red books and two teddy bears", "one fewer teddy bear",
         ["1 x teddy bear", "2 x book (red)"]),
        ("two red books and two teddy bears", "I'd like exactly 3 bears",
         ["2 x book (red)", "3 x teddy bear"]),
        # a count nudged with an everyday verb: the verb is not a thing to draw
        ("five green dots in a row", "bump the dots up to 6", ["6 x dot (green)"]),
        ("three blue boxes", "knock them down to 2", ["2 x box (blue)"]),
        ("three blue boxes", "boost the number of boxes to 7", ["7 x box (blue)"]),
        # "a little" says how much, not which way
        ("a giraffe and a zebra", "could the giraffe be a little taller?",
         ["1 x giraffe (big)", "1 x zebra"]),
        ("a giraffe and a zebra", "make the zebra a little smaller",
         ["1 x giraffe", "1 x zebra (small)"]),
    ],
)  # fmt: skip
def test_phrased_changes(start_text: str, text: str, want: list[str]) -> None:
    assert things(follow(start(start_text), text)) == want


def test_a_thing_put_in_the_sky_keeps_the_setting() -> None:
    night = follow(start("an owl on a branch at night"), "put a moon in the sky")
    assert night.background == "night"
    assert things(night) == ["1 x branch", "1 x moon", "1 x owl"]
    bare = follow(start("a red kite"), "add a bird in the sky")
    assert bare.background == "sky"  # no setting yet: the sky is one


def test_a_polite_word_before_a_description_is_not_a_thing() -> None:
    reading = planner.read("yes, a dog", current=start("three blue boxes"))
    assert not reading.edit
    assert things(reading.scene) == ["1 x dog"]


def test_it_meaning_several_things_is_not_made_into_one() -> None:
    """ "it should be a birthday party" after "two more balloons": the three balloons are
    not turned into one thing; the chat asks which thing is meant."""
    scene = follow(start("a kid holding a balloon"), "give the kid two more balloons")
    with pytest.raises(PlanError, match="'it' here means the balloons"):
        planner.read("it should be a birthday party", current=scene)
    assert things(follow(start("a brown horse"), "make it a white horse")) == ["1 x horse (white)"]
    assert things(follow(start("three dogs"), "make them cats")) == ["3 x cat"]


def rels(scene: SceneGraph) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in scene.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in scene.relations}


@pytest.mark.parametrize(
    ("start_text", "text", "want", "relation"),
    [
        ("two dogs", "give them hats", ["2 x dog", "2 x hat"], ("hat", "on", "dog")),
        ("two dogs", "give both dogs a ball", ["2 x dog", "2 x sports ball"],
         ("dog", "holding", "sports ball")),
        ("a red bus next to a blue van", "give both of them a flag",
         ["1 x bus (red)", "1 x flag", "1 x flag", "1 x van (blue)"], ("bus", "holding", "flag")),
        ("three penguins on the ice", "give the biggest one a scarf",
         ["1 x ice", "1 x penguin", "1 x scarf", "2 x penguin"], ("scarf", "on", "penguin")),
    ],
)  # fmt: skip
def test_giving_to_things_there_are_makes_nothing_of_the_pointer(
    start_text: str, text: str, want: list[str], relation: tuple[str, str, str]
) -> None:
    """ "give them hats" gives the dogs hats: "them" is not drawn as three people."""
    after = follow(start(start_text), text)
    assert things(after) == want
    assert relation in rels(after)


@pytest.mark.parametrize(
    ("start_text", "text", "want"),
    [
        ("a door in a wall", "the label should read 'IN'", "IN"),
        ("a mug on a desk", "the writing should say 'HI'", "HI"),
    ],
)
def test_the_words_on_the_one_written_thing(start_text: str, text: str, want: str) -> None:
    scene = follow(start(start_text), f"put 'OLD' on the {start_text.split()[1]}")
    after = follow(scene, text)
    assert [e.attributes["text"] for e in after.entities if "text" in e.attributes] == [want]


@pytest.mark.parametrize(
    ("start_text", "text", "want"),
    [
        ("a plate with a sandwich", "cut the sandwich in half",
         ["1 x plate", "1 x sandwich (cut in half)"]),
        ("an egg and a cup", "crack the egg", ["1 x cup", "1 x egg (cracked)"]),
        ("a banana on a plate", "peel the banana", ["1 x banana (peeled)", "1 x plate"]),
        ("a bar chart with five bars", "make the tallest bar red", ["1 x bar (red)", "4 x bar"]),
    ],
)  # fmt: skip
def test_what_is_done_to_a_thing_is_its_state(start_text: str, text: str, want: list[str]) -> None:
    """An unknown verb on a thing of the picture says what was done to it; "in half" does
    not halve one sandwich away."""
    assert things(follow(start(start_text), text)) == want
