"""New pictures as a teacher or analyst types them: a negation keeps to its own list, a
chart the planner cannot draw is drawn as a pictogram and says so, the sky is the
background, and a whole name is one thing."""

from __future__ import annotations

import pytest

from jupyter_imagechat.planner import RulesPlanner


def plan(text: str):
    return RulesPlanner().plan_with_notes(text)


def counts(scene) -> dict[str, int]:
    out: dict[str, int] = {}
    for ent in scene.entities:
        out[ent.name] = out.get(ent.name, 0) + ent.count
    return out


def excluded(scene) -> set[str]:
    return {str(e["name"]) for e in scene.exclude}


@pytest.mark.parametrize(
    ("text", "drawn", "not_drawn"),
    [
        ("no cars, a street with two houses and a tree", {"street", "house", "tree"}, {"car"}),
        ("a field with no cows and two horses", {"field", "horse"}, {"cow"}),
        ("no cats or dogs, just a bird", {"bird"}, {"cat", "dog"}),
        ("a table without chairs and a lamp", {"lamp"}, {"chair"}),
        ("no cats, dogs or birds, a fish", {"fish"}, {"cat", "dog", "bird"}),
        ("a man without a hat or a scarf", {"person"}, {"hat", "scarf"}),
    ],
)
def test_a_negation_scopes_to_its_own_list(text, drawn, not_drawn):
    scene, _ = plan(text)
    names = set(counts(scene))
    assert drawn <= names
    assert not (not_drawn & names)
    assert not_drawn == excluded(scene)


@pytest.mark.parametrize(
    ("text", "chart"),
    [
        ("a pie chart of favourite fruits", "pie chart"),
        ("a pie chart showing pets in our class", "pie chart"),
        ("a line graph of apples 5, pears 3", "line graph"),
    ],
)
def test_a_chart_it_cannot_draw_is_a_pictogram_of_kinds_and_says_so(text, chart):
    scene, notes = plan(text)
    assert [a.kind for a in scene.arrangements] == ["pictogram"]
    assert len(scene.entities) >= 2  # a row for each kind, not three of "favourite fruit"
    assert "fruit" not in " ".join(e.name for e in scene.entities).split()
    assert any(f"can't draw a {chart}" in n for n in notes)


def test_a_pie_chart_alone_is_a_thing():
    scene, _ = plan("a pie chart on a whiteboard")
    assert counts(scene) == {"pie chart": 1, "whiteboard": 1}
    assert not scene.arrangements


@pytest.mark.parametrize(
    "text", ["a cat in the masked part", "put a dog inside the selected area"]
)
def test_a_region_of_a_drawn_picture_is_no_thing_in_a_new_one(text):
    scene, notes = plan(text)
    assert len(scene.entities) == 1
    assert scene.entities[0].name in ("cat", "dog")
    assert not scene.entities[0].attributes.get("detail")
    assert any("no masked or selected area in a new picture" in n for n in notes)


def test_a_mask_worn_is_still_a_thing():
    scene, notes = plan("a man in the mask")
    assert "mask" in counts(scene)
    assert not any("masked" in n for n in notes)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("a black bird perched on a bird of paradise flower", {"bird": 1, "flower": 1}),
        ("a hummingbird on a bird of paradise", {"hummingbird": 1, "bird of paradise": 1}),
        ("a bird of prey on a branch", {"bird of prey": 1, "branch": 1}),
        ("a lily of the valley next to a rose", {"lily of the valley": 1, "rose": 1}),
    ],
)
def test_a_name_spelled_with_of_is_one_thing(text, names):
    scene, _ = plan(text)
    assert counts(scene) == names


@pytest.mark.parametrize(
    ("text", "background", "things"),
    [
        ("a red kite against a cloudy sky", "sky", {"kite": 1}),
        ("the sky with stars and a moon", "sky", {"star": 3, "moon": 1}),
        ("a house under a starry sky", "night", {"house": 1}),
        ("a sky full of balloons", "sky", {"balloon": 3}),
        ("a castle in a park under a starry sky", "park at night", {"castle": 1}),
    ],
)
def test_a_sky_named_as_a_thing_is_the_background(text, background, things):
    scene, _ = plan(text)
    assert counts(scene) == things
    assert scene.background == background


@pytest.mark.parametrize(
    "text", ["a kite flying high in the sky", "a hot air balloon high up in the sky"]
)
def test_high_in_the_sky_is_no_thing(text):
    scene, _ = plan(text)
    assert len(scene.entities) == 1
    assert "high" not in scene.entities[0].name


def test_a_bird_is_drawn_smaller_than_a_cat():
    from jupyter_imagechat.layout import arrange

    scene = arrange(plan("two birds and a cat and a dog")[0])
    width: dict[str, float] = {}
    for box in scene.layout:
        width[scene.entity(box.entity).name] = box.box[2] - box.box[0]
    assert width["bird"] < width["cat"] < width["dog"]


@pytest.mark.parametrize(
    ("text", "things"),
    [
        ("a bar chart on a whiteboard", {"bar chart": 1, "whiteboard": 1}),
        ("a teacher pointing at a bar chart", {"teacher": 1, "bar chart": 1}),
    ],
)
def test_a_chart_in_a_scene_is_a_thing_not_a_count_of_the_scene(text, things):
    scene, _ = plan(text)
    assert counts(scene) == things
    assert not scene.arrangements


@pytest.mark.parametrize(
    ("text", "chart"),
    [
        ("a pie chart of favourite colours in our class", "pie chart"),
        ("a pictogram of favourite colours", "bar chart"),
    ],
)
def test_a_chart_of_kinds_it_does_not_know_is_honest(text, chart):
    scene, notes = plan(text)
    assert counts(scene) == {chart: 1}
    assert any("don't know which kinds of favourite colours" in n for n in notes)


def test_a_set_named_with_a_plural_word_of_its_own_is_charted():
    scene, _ = plan("a bar chart of favourite sports")
    assert [a.kind for a in scene.arrangements] == ["pictogram"]
    assert len(scene.entities) >= 3


def test_a_negated_word_names_no_topic():
    scene, _ = plan("a farm with no animals, just a tractor and a barn")
    assert counts(scene) == {"farm": 1, "tractor": 1, "barn": 1}
    assert excluded(scene) == {"animal"}


def test_a_thing_after_a_negated_list_starts_its_own_group():
    scene, _ = plan("a pond without ducks and a frog on a lily pad")
    on = {(r.subject, r.object) for r in scene.relations if r.predicate == "on"}
    names = {e.id: e.name for e in scene.entities}
    assert {(names[s], names[o]) for s, o in on} == {("frog", "lily pad")}


def test_things_left_out_by_their_set_are_not_drawn():
    scene, _ = plan("farm animals but no pigs")
    assert "pig" not in counts(scene)
    assert {"cow", "sheep"} <= set(counts(scene))
    assert "pig" not in {lb.text for lb in scene.labels}


def test_a_clear_sky_is_the_background():
    scene, _ = plan("a plane flying through a clear blue sky")
    assert counts(scene) == {"airplane": 1}
    assert scene.background == "sky"


def test_a_topic_without_labels_has_none():
    scene, _ = plan("a diagram of a volcano without labels")
    assert "volcano" in counts(scene)
    assert scene.labels == []


@pytest.mark.parametrize("text", ["a timeline of my day", "a timeline of the stone age"])
def test_a_timeline_of_another_subject_is_not_the_transport_timeline(text):
    scene, notes = plan(text)
    assert not {"bicycle", "rocket"} & set(counts(scene))
    assert notes


@pytest.mark.parametrize(
    ("text", "things"),
    [
        ("no more than three apples on a table", {"apple": 3, "dining table": 1}),
        ("at least two chairs and no tables", {"chair": 2}),
        ("at most 4 cats", {"cat": 4}),
    ],
)
def test_a_bounded_number_is_the_number_drawn(text, things):
    scene, _ = plan(text)
    assert counts(scene) == things


def test_neither_nor_leaves_both_out():
    scene, _ = plan("a garden with neither flowers nor trees, just a shed")
    assert counts(scene) == {"garden": 1, "shed": 1}
    assert excluded(scene) == {"flower", "tree"}


def test_not_a_colour_is_not_that_colour():
    scene, _ = plan("a dog that is not brown")
    assert counts(scene) == {"dog": 1}
    assert scene.entities[0].attributes.get("color") != "brown"


def test_no_green_ones_leaves_out_green_things_of_the_kind_named():
    scene, _ = plan("three red cubes, no green ones")
    assert counts(scene) == {"cube": 3}
    assert scene.exclude == [{"name": "cube", "color": "green"}]


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("birds on a telephone wire against the evening sky", "sunset"),
        ("a night sky over a city", "night"),
    ],
)
def test_a_time_of_day_sky_is_the_background(text, background):
    scene, _ = plan(text)
    assert scene.background == background
    assert not {"evening", "night", "sky"} & set(counts(scene))


def test_flying_overhead_is_no_thing():
    scene, _ = plan("a scarecrow in a field with crows flying overhead")
    assert "overhead" not in counts(scene)
