"""Arrangement words are layout, never things; sums, fractions, times and coins are maths."""

from __future__ import annotations

import pytest

from jupyter_imagechat.planner import RulesPlanner


def plan(text: str):
    return RulesPlanner().plan(text)


def counts(scene) -> dict[str, int]:
    out: dict[str, int] = {}
    for ent in scene.entities:
        out[ent.name] = out.get(ent.name, 0) + ent.count
    return out


@pytest.mark.parametrize(
    ("text", "kind", "rows", "things"),
    [
        ("seven buttons in a row", "row", None, {"button": 7}),
        ("nine marbles in three rows", "rows", 3, {"marble": 9}),
        ("two rows of five cookies", "rows", 2, {"cookie": 10}),
        ("four apples and two oranges side by side", "row", None, {"apple": 4, "orange": 2}),
        ("six cups stacked on top of each other", "stack", None, {"cup": 6}),
        ("ducks in a circle", "circle", None, {"duck": 3}),
        ("3 bears one above the other", "column", None, {"bear": 3}),
        ("twenty stars in a 4 by 5 grid", "grid", 4, {"star": 20}),
        ("a pictogram showing 2 owls and 4 bats", "pictogram", None, {"owl": 2, "bat": 4}),
        ("eight carrots in rows of four", "rows", 2, {"carrot": 8}),
    ],
)
def test_arrangement_words_line_things_up_and_keep_counts(text, kind, rows, things):
    scene = plan(text)
    assert counts(scene) == things
    assert [(a.kind, a.rows) for a in scene.arrangements] == [(kind, rows)]
    assert not {"row", "rows", "grid", "circle", "stack", "pictogram"} & set(counts(scene))


def test_counts_shared_over_rows_stay_exact_one_kind_per_row():
    scene = plan("three lemons and six limes in two rows")
    assert counts(scene) == {"lemon": 3, "lime": 6}
    arrangement = scene.arrangements[0]
    assert arrangement.rows == 2
    assert len(arrangement.members) == 2


def test_a_single_thing_in_a_circle_is_not_an_arrangement():
    scene = plan("a cat in a circle")
    assert not scene.arrangements


def test_the_things_lined_up_are_not_what_they_stand_on():
    scene = plan("five apples in a row on a table")
    apples = next(e for e in scene.entities if e.name == "apple")
    assert scene.arrangements[0].members == [apples.id]


@pytest.mark.parametrize(
    ("text", "name", "terms", "signs"),
    [
        ("6 + 1 = 7", "dot", [6, 1, 7], ["+", "="]),
        ("nine minus three with apples", "apple", [9, 3, 6], ["-", "="]),
        ("2 ducks plus 2 ducks", "duck", [2, 2, 4], ["+", "="]),
        ("eight take away five equals three", "dot", [8, 5, 3], ["-", "="]),
    ],
)
def test_sums_are_things_with_signs_between_them(text, name, terms, signs):
    scene = plan(text)
    assert [e.count for e in scene.entities] == terms
    assert {e.name for e in scene.entities} == {name}
    assert scene.arrangements[0].signs == signs
    assert scene.arrangements[0].members == [e.id for e in scene.entities]


def test_multiplying_is_equal_rows_with_the_sum_as_label():
    scene = plan("5 x 2 as an array of stars")
    assert counts(scene) == {"star": 10}
    assert scene.arrangements[0].kind == "rows"
    assert scene.arrangements[0].rows == 5
    assert [lb.text for lb in scene.labels] == ["5 × 2 = 10"]


def test_signs_inside_quoted_text_are_written_as_typed():
    scene = plan("a blackboard that says '2+2=4'")
    assert scene.texts == ["2+2=4"] or any(
        e.attributes.get("text") == "2+2=4" for e in scene.entities
    )
    assert not scene.arrangements


@pytest.mark.parametrize(
    ("text", "name", "key", "value"),
    [
        ("two thirds of a rectangle shaded", "rectangle", "fraction", "2/3"),
        ("a pie cut into sixths", "pie", "fraction", "6/6"),
        ("one half of a circle", "circle", "fraction", "1/2"),
        ("a clock showing twenty past four", "clock", "time", "4:20"),
        ("an alarm clock at 6:45", "clock", "time", "6:45"),
        ("a clock at quarter to twelve", "clock", "time", "11:45"),
        ("a number line from 0 to 12", "number line", "range", "0-12"),
        ("two 20p coins", "coin", "value", "20p"),
        ("a 25 cent coin", "coin", "value", "25¢"),
    ],
)
def test_maths_things_carry_what_they_show(text, name, key, value):
    scene = plan(text)
    ent = next(e for e in scene.entities if e.name == name)
    assert ent.attributes[key] == value


def test_two_fractions_go_to_their_own_shapes():
    scene = plan("a quarter of a square and two thirds of a circle")
    got = {e.name: e.attributes.get("fraction") for e in scene.entities}
    assert got == {"square": "1/4", "circle": "2/3"}


def test_shapes_with_their_names_are_labelled():
    scene = plan("a hexagon, a star and a heart with their names")
    assert sorted(lb.text for lb in scene.labels) == ["heart", "hexagon", "star"]


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("a square cut in half", "square", "2/2"),
        ("a rectangle split into 5 equal pieces with 2 pieces shaded", "rectangle", "2/5"),
        ("colour 3/8 of a circle", "circle", "3/8"),
    ],
)
def test_fractions_said_as_parts(text, name, value):
    scene = plan(text)
    assert next(e for e in scene.entities if e.name == name).attributes["fraction"] == value


def test_a_number_line_range_written_with_a_dash():
    scene = plan("a 5-15 number line")
    assert scene.entities[0].attributes["range"] == "5-15"


def test_a_chart_titled_with_a_colon_counts_what_follows():
    scene = plan("a bar chart of our favourite pets: hamsters 2, cats 7")
    assert counts(scene) == {"hamster": 2, "cat": 7}
    assert scene.arrangements[0].kind == "pictogram"
