"""The layout of diagrams: arrangements line up, panels hold their things, words have room.

Scene graphs are built here directly (no planner): what a lesson recipe or a language
model planner hands the layout.
"""

from __future__ import annotations

import itertools
import math
import statistics
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.diagram_marks import name_boxes, sign_boxes
from jupyter_imagechat.layout.marks import MIN_TEXT, panel_parts
from jupyter_imagechat.scene import (
    Arrangement,
    Arrow,
    Entity,
    Label,
    Panel,
    SceneGraph,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from diagram_samples import SAMPLES

Rect = tuple[float, float, float, float]


def boxes(scene: SceneGraph, eid: str) -> list[Rect]:
    return [b.box for b in scene.boxes_of(eid)]


def middle(r: Rect) -> tuple[float, float]:
    return ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] - 1e-9 and b[0] < a[2] - 1e-9 and a[1] < b[3] - 1e-9 and b[1] < a[3] - 1e-9


def within(inner: Rect, outer: Rect, slack: float = 1e-6) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def member_boxes(scene: SceneGraph) -> dict[str, list[Rect]]:
    out: dict[str, list[Rect]] = {e.id: boxes(scene, e.id) for e in scene.entities}
    out.update({p.id: [p.box] for p in scene.panels if p.box is not None})
    return out


def check_words(scene: SceneGraph) -> None:
    """Every label and arrow label: inside the picture, legible, over no thing and no
    other word, and no word over a sign or a pictogram's name."""
    things = [b.box for b in scene.layout]
    words = [lb.box for lb in scene.labels] + [a.box for a in scene.arrows if a.label]
    marks = []
    for arrangement in scene.arrangements:
        marks += [b for b in sign_boxes(arrangement, member_boxes(scene)) if b]
    for box in words:
        assert box is not None
        assert within(box, (0, 0, 1, 1)), box
        assert box[3] - box[1] >= MIN_TEXT, "too small to read at 512 px"
        assert not any(overlap(box, t) for t in things), f"{box} covers a thing"
        assert not any(overlap(box, m) for m in marks), f"{box} covers a sign"
    for a, b in itertools.combinations(words, 2):
        assert not overlap(a, b), f"words {a} and {b} overlap"


def apples_and_pears() -> SceneGraph:
    return SceneGraph(entities=[Entity("e1", "apple", 5), Entity("e2", "pear", 3)])


# -- arrangements -----------------------------------------------------------------------------
def test_a_row_keeps_the_count_and_lines_up_left_to_right():
    scene = arrange(
        SceneGraph(entities=[Entity("e1", "duck", 7)], arrangements=[Arrangement("row", ["e1"])])
    )
    row = boxes(scene, "e1")
    assert len(row) == 7
    assert len({round(b[1], 6) for b in row}) == 1  # one line
    assert len({round(b[2] - b[0], 6) for b in row}) == 1  # one size
    assert [b[0] for b in row] == sorted(b[0] for b in row)
    assert not any(overlap(a, b) for a, b in itertools.combinations(row, 2))
    assert all(within(b, (0, 0, 1, 1)) for b in row)


def test_in_two_rows_each_thing_gets_its_row_and_the_columns_line_up():
    scene = apples_and_pears()
    scene.arrangements = [Arrangement("rows", ["e1", "e2"])]
    laid = arrange(scene)
    apples, pears = boxes(laid, "e1"), boxes(laid, "e2")
    assert len({b[1] for b in apples}) == 1
    assert len({b[1] for b in pears}) == 1
    assert pears[0][1] > apples[0][3]  # the pears' row below the apples'
    assert [b[0] for b in pears] == [b[0] for b in apples[:3]]  # counts compare by column


def test_rows_given_share_the_things_evenly_as_equal_rows():
    scene = SceneGraph(
        entities=[Entity("e1", "strawberry", 12)],
        arrangements=[Arrangement("rows", ["e1"], rows=3)],
    )
    laid = boxes(arrange(scene), "e1")
    rows = sorted({round(b[1], 6) for b in laid})
    assert len(rows) == 3
    assert [sum(round(b[1], 6) == y for b in laid) for y in rows] == [4, 4, 4]
    columns = sorted({round(b[0], 6) for b in laid})
    assert len(columns) == 4  # three rows of four, lined up


@pytest.mark.parametrize(("count", "rows", "shape"), [(9, None, [3, 3, 3]), (7, 2, [4, 3])])
def test_a_grid_fills_rows_in_order(count, rows, shape):
    scene = SceneGraph(
        entities=[Entity("e1", "star", count)], arrangements=[Arrangement("grid", ["e1"], rows)]
    )
    laid = boxes(arrange(scene), "e1")
    tops = sorted({round(b[1], 6) for b in laid})
    assert [sum(round(b[1], 6) == y for b in laid) for y in tops] == shape
    assert all(a[0] == b[0] for a, b in zip(laid, laid[shape[0] :], strict=False))


def test_a_column_and_a_stack_go_up_and_down_in_line():
    column = arrange(
        SceneGraph(entities=[Entity("e1", "book", 4)], arrangements=[Arrangement("column", ["e1"])])
    )
    tops = [b[1] for b in boxes(column, "e1")]
    assert tops == sorted(tops)
    assert len({b[0] for b in boxes(column, "e1")}) == 1
    stack = arrange(
        SceneGraph(entities=[Entity("e1", "book", 4)], arrangements=[Arrangement("stack", ["e1"])])
    )
    books = boxes(stack, "e1")
    assert [b[1] for b in books] == sorted((b[1] for b in books), reverse=True)  # first below
    for lower, upper in itertools.pairwise(books):
        assert upper[3] >= lower[1] - 1e-9  # touching: a stack, not a column


def test_a_circle_goes_round_clockwise_from_the_top():
    scene = SceneGraph(
        entities=[
            Entity(f"e{i}", name) for i, name in enumerate(["egg", "chick", "chicken", "egg"])
        ],
        arrangements=[Arrangement("circle", ["e0", "e1", "e2", "e3"])],
    )
    laid = arrange(scene)
    points = [middle(boxes(laid, f"e{i}")[0]) for i in range(4)]
    cx, cy = statistics.mean(p[0] for p in points), statistics.mean(p[1] for p in points)
    radii = [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in points]
    assert max(radii) - min(radii) < 1e-6
    assert points[0][1] < cy
    assert points[1][0] > cx
    assert points[2][1] > cy
    assert points[3][0] < cx
    assert not any(
        overlap(boxes(laid, f"e{a}")[0], boxes(laid, f"e{b}")[0])
        for a, b in itertools.combinations(range(4), 2)
    )


def test_a_pictogram_has_a_row_per_thing_and_room_for_its_name():
    scene = SceneGraph(
        entities=[Entity("e1", "apple", 5), Entity("e2", "banana", 3), Entity("e3", "pear", 6)],
        arrangements=[Arrangement("pictogram", ["e1", "e2", "e3"])],
    )
    laid = arrange(scene)
    rows = [boxes(laid, e) for e in ("e1", "e2", "e3")]
    assert [len(r) for r in rows] == [5, 3, 6]
    assert len({r[0][0] for r in rows}) == 1  # every row starts at one column
    names = name_boxes(laid.arrangements[0], member_boxes(laid), ["apple", "banana", "pear"])
    for row, name in zip(rows, names, strict=True):
        assert name is not None
        assert name[0] >= 0
        assert name[2] <= row[0][0]
        assert not any(overlap(name, b.box) for b in laid.layout)


def test_an_equation_keeps_room_for_its_signs_between_the_members():
    scene = SAMPLES["equation"]()  # 3 + 2 = 5 with apples
    laid = arrange(scene)
    signs = sign_boxes(laid.arrangements[0], member_boxes(laid))
    assert len(signs) == 2
    for sign, (a, b) in zip(signs, [("e1", "e2"), ("e2", "e3")], strict=True):
        assert sign is not None
        assert not any(overlap(sign, inst.box) for inst in laid.layout)
        first, then = bounds_of(boxes(laid, a)), bounds_of(boxes(laid, b))
        side_by_side = first[2] <= sign[0] and sign[2] <= then[0]  # on one line
        one_above = first[3] <= sign[1] and sign[3] <= then[1]  # one member per line
        assert side_by_side or one_above
        assert sign[2] - sign[0] >= 0.4 * (boxes(laid, a)[0][2] - boxes(laid, a)[0][0])


def bounds_of(rects: list) -> tuple[float, float, float, float]:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


# -- panels ------------------------------------------------------------------------------------
def seasons() -> SceneGraph:
    return SceneGraph(
        entities=[Entity("e1", "sun"), Entity("e2", "tree"), Entity("e3", "snowman")],
        panels=[
            Panel("p1", ["e1", "e2"], "summer", "grass"),
            Panel("p2", ["e3"], "winter", "snow"),
        ],
    )


def test_panels_side_by_side_hold_their_things_under_their_titles():
    laid = arrange(seasons())
    first, second = laid.panels
    assert first.box is not None
    assert second.box is not None
    assert first.box[2] <= second.box[0]  # side by side, in order
    assert abs(first.box[1] - second.box[1]) < 1e-6
    assert within(first.box, (0, 0, 1, 1))
    for panel in laid.panels:
        title, inside = panel_parts(panel.box, True)
        assert title is not None
        for member in panel.members:
            for box in boxes(laid, member):
                assert within(box, inside), (panel.id, box, inside)
                assert not overlap(box, title)


def test_panels_on_a_ground_stand_their_things_on_it():
    laid = arrange(seasons())
    _, inside = panel_parts(laid.panels[0].box, True)
    tree = boxes(laid, "e2")[0]
    # grass's horizon is half way down: the tree stands in the lower half of the panel
    assert tree[3] > inside[1] + 0.5 * (inside[3] - inside[1])


def test_panels_in_a_circle_go_round_and_do_not_overlap():
    scene = SceneGraph(
        entities=[Entity(f"e{i}", n) for i, n in enumerate(["egg", "chick", "chicken"])],
        panels=[Panel(f"p{i}", [f"e{i}"], n) for i, n in enumerate(["egg", "chick", "chicken"])],
        arrows=[Arrow("p0", "p1", curved=True), Arrow("p1", "p2", curved=True)],
        arrangements=[Arrangement("circle", ["p0", "p1", "p2"])],
    )
    laid = arrange(scene)
    panels = [p.box for p in laid.panels]
    assert not any(overlap(a, b) for a, b in itertools.combinations(panels, 2))
    assert all(within(p, (0, 0, 1, 1)) for p in panels)
    assert middle(panels[0])[1] < middle(panels[1])[1]  # the first at the top
    assert middle(panels[1])[0] > middle(panels[2])[0]  # then clockwise


def test_more_than_four_panels_wrap_into_rows():
    scene = SceneGraph(
        entities=[Entity(f"e{i}", "flower") for i in range(6)],
        panels=[Panel(f"p{i}", [f"e{i}"], f"day {i + 1}") for i in range(6)],
    )
    panels = [p.box for p in arrange(scene).panels]
    assert len({round(p[1], 6) for p in panels}) == 2
    assert not any(overlap(a, b) for a, b in itertools.combinations(panels, 2))


# -- words --------------------------------------------------------------------------------------
def tree_parts() -> SceneGraph:
    """The README's labels: leaves, branch, trunk and roots of a tree."""
    return SAMPLES["labels"]()


def test_labels_sit_beside_their_thing_over_nothing_and_inside_the_picture():
    laid = arrange(tree_parts())
    check_words(laid)
    tree = boxes(laid, "e1")[0]
    for label in laid.labels:
        assert label.box is not None
        gap = max(tree[0] - label.box[2], label.box[0] - tree[2], tree[1] - label.box[3], 0)
        assert gap < 0.15, f"{label.text} is far from the tree"


def test_a_cycle_keeps_room_outside_for_its_arrows_words():
    laid = arrange(SAMPLES["cycle"]())
    check_words(laid)
    side = boxes(laid, "e1")[0][2] - boxes(laid, "e1")[0][0]
    assert side > 0.15  # the things stay big enough to see


def test_a_process_in_a_row_writes_each_arrow_s_word_between_its_things():
    scene = SceneGraph(
        entities=[Entity("e1", "sprout"), Entity("e2", "plant"), Entity("e3", "flower")],
        arrows=[Arrow("e1", "e2", "grows"), Arrow("e2", "e3", "blooms")],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"])],
    )
    laid = arrange(scene)
    check_words(laid)
    for arrow in laid.arrows:
        assert arrow.box is not None
        left, right = boxes(laid, arrow.start)[0], boxes(laid, arrow.end)[0]
        assert left[2] <= middle(arrow.box)[0] <= right[0]


NOUNS = ["apple", "tree", "cat", "flower", "house", "bird", "fish", "car"]
WORDS = ["roots", "leaves", "stem", "petal", "tail", "wing", "fin", "roof", "door", "wheel"]


@st.composite
def lesson_diagrams(draw: st.DrawFn) -> SceneGraph:
    """A lesson-like diagram: one to three things in an arrangement or none, with labels on
    their parts and arrows between them."""
    n = draw(st.integers(1, 3))
    counts = [draw(st.sampled_from([1, 1, 2, 3])) for _ in range(n)]
    ents = [Entity(f"e{i}", draw(st.sampled_from(NOUNS)), c) for i, c in enumerate(counts)]
    labels = [
        Label(
            draw(st.sampled_from(WORDS)),
            f"e{i}",
            draw(st.integers(0, counts[i] - 1)),
            (draw(st.floats(0, 1)), draw(st.floats(0, 1))),
        )
        for i in draw(st.lists(st.integers(0, n - 1), max_size=4))
    ]
    kind = draw(st.sampled_from([None, "row", "column", "circle", "rows", "grid"]))
    arrangements = [Arrangement(kind, [e.id for e in ents])] if kind else []
    arrows = []
    if n > 1 and all(c == 1 for c in counts):
        for i in range(n - 1):
            arrows.append(Arrow(f"e{i}", f"e{i + 1}", draw(st.sampled_from([None, *WORDS]))))
    return SceneGraph(entities=ents, labels=labels, arrangements=arrangements, arrows=arrows)


@settings(max_examples=60, deadline=None)
@given(lesson_diagrams(), st.integers(0, 5))
def test_words_never_cover_things_or_each_other_nor_leave_the_picture(scene, seed):
    laid = arrange(scene, seed=seed)
    laid.validate()
    assert sorted((b.entity, b.index) for b in laid.layout) == sorted(
        (e.id, i) for e in laid.entities for i in range(e.count)
    )
    check_words(laid)


# -- determinism and edits ----------------------------------------------------------------------
def test_the_same_seed_gives_the_same_diagram():
    assert arrange(tree_parts(), seed=3).to_dict() == arrange(tree_parts(), seed=3).to_dict()
    assert arrange(seasons(), seed=3).to_dict() == arrange(seasons(), seed=3).to_dict()


def test_an_edit_that_adds_nothing_keeps_every_box():
    laid = arrange(seasons())
    laid.labels = [Label("sun", "e1", 0, (0.5, 0.5))]
    laid.entities[0].attributes["color"] = "orange"
    again = arrange(laid, seed=9)
    assert [b.box for b in again.layout] == [b.box for b in laid.layout]
    assert [p.box for p in again.panels] == [p.box for p in laid.panels]
    check_words(again)
    kept = arrange(again, seed=4)
    assert kept.labels[0].box == again.labels[0].box  # a label keeps its place


def test_one_more_apple_redoes_its_row_in_place_and_leaves_the_rest():
    scene = apples_and_pears()
    scene.entities.append(Entity("e3", "cat"))
    scene.arrangements = [Arrangement("row", ["e1"]), Arrangement("row", ["e2"])]
    laid = arrange(scene)
    laid.entities[0].count = 6
    again = arrange(laid)
    assert boxes(again, "e2") == boxes(laid, "e2")
    assert boxes(again, "e3") == boxes(laid, "e3")
    apples = boxes(again, "e1")
    assert len(apples) == 6
    assert len({b[1] for b in apples}) == 1
    old = (min(b[0] for b in boxes(laid, "e1")), max(b[2] for b in boxes(laid, "e1")))
    assert old[0] - 1e-6 <= apples[0][0]
    assert apples[-1][2] <= old[1] + 1e-6


def test_a_new_thing_in_a_panel_redraws_that_panel_only():
    laid = arrange(seasons())
    laid.entities.append(Entity("e4", "snowflake"))
    laid.panels[1].members.append("e4")
    again = arrange(laid)
    assert [p.box for p in again.panels] == [p.box for p in laid.panels]
    assert boxes(again, "e1") == boxes(laid, "e1")
    assert boxes(again, "e2") == boxes(laid, "e2")
    _, inside = panel_parts(again.panels[1].box, True)
    assert within(boxes(again, "e4")[0], inside)


def test_a_new_thing_outside_the_diagram_is_fitted_around_it():
    laid = arrange(tree_parts())
    laid.entities.append(Entity("e2", "bird"))
    again = arrange(laid)
    assert boxes(again, "e1") == boxes(laid, "e1")
    assert not overlap(boxes(again, "e2")[0], boxes(again, "e1")[0])


def test_names_at_the_foot_of_things_in_a_row_go_under_the_row():
    names = ["mercury", "venus", "earth", "mars", "jupiter"]
    scene = SceneGraph(
        entities=[Entity(f"e{i}", "moon") for i in range(5)],
        labels=[Label(n, f"e{i}", 0, (0.5, 1.0)) for i, n in enumerate(names)],
        arrangements=[Arrangement("row", [f"e{i}" for i in range(5)])],
    )
    laid = arrange(scene)
    check_words(laid)
    bottom = max(b.box[3] for b in laid.layout)
    assert all(lb.box[1] >= bottom for lb in laid.labels)  # a row of names under the row


@pytest.mark.parametrize("seed", range(4))
def test_things_joined_by_labelled_arrows_move_apart_to_make_room_for_the_words(seed):
    scene = SceneGraph(
        entities=[Entity("e1", "tree"), Entity("e2", "tree"), Entity("e3", "tree")],
        arrows=[Arrow("e1", "e2", "roots"), Arrow("e2", "e3", "grows into")],
    )
    check_words(arrange(scene, seed=seed))


def test_a_long_arrow_word_between_neighbours_of_a_row_wraps_onto_two_lines():
    scene = SceneGraph(
        entities=[Entity("e1", "rabbit"), Entity("e2", "fox"), Entity("e3", "eagle")],
        arrows=[Arrow("e1", "e2", "eaten by"), Arrow("e2", "e3", "eaten by")],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"])],
    )
    laid = arrange(scene)
    check_words(laid)
    box = laid.arrows[0].box
    assert box is not None
    assert box[3] - box[1] > 2 * MIN_TEXT  # two lines
    assert box[2] - box[0] < 0.15  # narrower than "eaten by" on one line


def water_cycle_recipe() -> SceneGraph:
    """What a lesson recipe hands the layout: a cycle whose members differ in count, with
    labelled arrows and labels, a sun beside it, on a day background."""
    return SceneGraph(
        entities=[
            Entity("e1", "wave"),
            Entity("e2", "sun"),
            Entity("e3", "cloud", 2),
            Entity("e4", "rain"),
            Entity("e5", "mountain"),
        ],
        arrows=[
            Arrow("e1", "e3", "evaporation", curved=True),
            Arrow("e3", "e4", "condensation", curved=True),
            Arrow("e4", "e5", "precipitation", curved=True),
            Arrow("e5", "e1", "collection", curved=True),
        ],
        labels=[Label(t, e, 0, (0.5, 0.5)) for t, e in [("sea", "e1"), ("land", "e5")]],
        arrangements=[Arrangement("circle", ["e1", "e3", "e4", "e5"])],
        background="day",
    )


def test_a_cycle_gives_each_member_one_place_and_turns_sky_things_up():
    laid = arrange(water_cycle_recipe())
    check_words(laid)
    places = {e: middle(group(laid, e)) for e in ("e1", "e3", "e4", "e5")}
    cx = statistics.mean(p[0] for p in places.values())
    cy = statistics.mean(p[1] for p in places.values())
    radii = [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in places.values()]
    assert max(radii) - min(radii) < 0.02  # the two clouds share one place
    clouds = boxes(laid, "e3")
    assert max(abs(a[1] - b[1]) for a, b in itertools.combinations(clouds, 2)) < 0.01
    highest = min(places, key=lambda e: places[e][1])
    lowest = max(places, key=lambda e: places[e][1])
    assert highest in ("e3", "e4")
    assert lowest in ("e1", "e5")
    # the order round stays the plan's: wave, cloud, rain, mountain, clockwise
    angles = [math.atan2(places[e][1] - cy, places[e][0] - cx) for e in ("e1", "e3", "e4", "e5")]
    steps = [(b - a) % (2 * math.pi) for a, b in itertools.pairwise([*angles, angles[0]])]
    assert all(abs(s - math.pi / 2) < 0.05 for s in steps)


def test_a_sun_beside_a_diagram_goes_in_a_free_corner_at_the_top():
    laid = arrange(water_cycle_recipe())
    sun = boxes(laid, "e2")[0]
    assert sun[3] < 0.35
    assert not any(overlap(sun, b.box) for b in laid.layout if b.entity != "e2")
    cycle = [b.box for b in laid.layout if b.entity != "e2"]
    width = max(b[2] for b in cycle) - min(b[0] for b in cycle)
    assert width > 0.45  # the cycle keeps the picture; the sun does not take a shelf


def group(scene: SceneGraph, eid: str) -> Rect:
    found = boxes(scene, eid)
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


@pytest.mark.parametrize("prompt", ["the five senses", "sources of light", "3d shapes"])
def test_names_of_things_lined_up_go_under_them_in_the_grid(prompt):
    """A worksheet's row or grid of named things: each name under its thing, over no
    thing and no other word; the things as big as a row of names under them allows."""
    from jupyter_imagechat.planner import RulesPlanner

    scene = arrange(RulesPlanner().plan(prompt))
    check_words(scene)
    for label in scene.labels:
        thing = boxes(scene, label.target)[label.index]
        assert label.box[1] >= thing[3] - 1e-6, f"{label.text!r} is not under its thing"
        assert abs(middle(label.box)[0] - middle(thing)[0]) < 0.05, label.text
    sides = [b[2] - b[0] for e in scene.entities for b in boxes(scene, e.id)]
    assert min(sides) >= 0.08, "things too small to see on a worksheet"
