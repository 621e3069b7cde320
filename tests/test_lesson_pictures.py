"""What a teacher relies on when a lesson picture goes on a worksheet at the 512 px default:
a number line spans the picture and its numbers can be read, a cycle's stages are big
enough to see, a sum's things can be counted and its signs read, panels are big enough
for their things and titles. Each asserts a size the old layout did not reach."""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.lineup import rows_of
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Arrangement, Entity, Label, Panel, SceneGraph

SIZE = 512
engine = BuiltinEngine()


def sides(scene: SceneGraph, eid: str | None = None) -> list[float]:
    """The smaller side of each drawn instance's box (of ``eid``, or all)."""
    return [
        min(i.box[2] - i.box[0], i.box[3] - i.box[1])
        for i in scene.layout
        if eid is None or i.entity == eid
    ]


# -- a number line -------------------------------------------------------------------------
@pytest.mark.parametrize("prompt", ["a number line from 0 to 20", "a number line to 10"])
def test_a_number_line_spans_most_of_the_picture(prompt):
    scene = arrange(RulesPlanner().plan(prompt))
    (line,) = [i.box for i in scene.layout if i.entity == scene.entities[0].id]
    assert scene.entities[0].name == "number line"
    assert line[2] - line[0] >= 0.8, "a number line a third of the picture wide"
    assert line[0] >= 0
    assert line[2] <= 1


def test_the_numbers_of_a_number_line_are_big_enough_to_read():
    """Drawn at 512 px, the numbers under the line are at least 14 px tall."""
    plan = arrange(RulesPlanner().plan("a number line from 0 to 20"))
    result = engine.draw(plan, settings={"width": SIZE, "height": SIZE})
    (drawn,) = [o for o in result.objects if o.name == "number line"]
    x0, y0, x1, y1 = (round(v) for v in drawn.box)
    ink = np.asarray(result.image.convert("L"))[y0:y1, x0:x1] < 110
    rows = ink.sum(axis=1)
    line_row = int(np.argmax(rows))  # the line itself is the darkest row
    below = np.flatnonzero(rows[line_row:] > 0) + line_row
    gaps = np.flatnonzero(np.diff(below) > 1)  # the ticks end, then the numbers start
    assert gaps.size, "no numbers under the line"
    numbers = below[gaps[0] + 1 :]
    assert numbers[-1] - numbers[0] + 1 >= 14, "numbers too small to read at 512 px"
    assert x1 - x0 >= 0.7 * SIZE


# -- things round a circle ------------------------------------------------------------------
def life_cycle() -> SceneGraph:
    names = ["egg", "caterpillar", "chrysalis", "butterfly"]
    return SceneGraph(
        entities=[Entity(f"e{k}", n) for k, n in enumerate(names)],
        labels=[Label(n, f"e{k}", 0, (0.5, 0.5)) for k, n in enumerate(names)],
        arrangements=[Arrangement("circle", [f"e{k}" for k in range(4)])],
    )


def test_a_labelled_cycle_fills_its_picture():
    """Four stages with their names round a circle: each stage at least a fifth of the
    picture (100 px at 512), the cycle over most of the picture, every name in it."""
    scene = arrange(life_cycle())
    assert min(sides(scene)) >= 0.2
    xs = [v for i in scene.layout for v in (i.box[0], i.box[2])]
    assert max(xs) - min(xs) >= 0.6
    for label in scene.labels:
        assert label.box is not None
        assert label.box[0] >= 0
        assert label.box[2] <= 1
        assert 0 <= label.box[1] <= label.box[3] <= 1


@pytest.mark.parametrize(
    "prompt", ["the life cycle of a butterfly", "the life cycle of a frog", "the four seasons"]
)
def test_lesson_cycles_are_drawn_big(prompt):
    scene = arrange(RulesPlanner().plan(prompt))
    stages = next(a for a in scene.arrangements if a.kind == "circle")
    counts = {e.id: e.count for e in scene.entities}
    ones = [m for m in stages.members if counts.get(m) == 1]  # a stage of one thing
    found = [s for m in ones for s in sides(scene, m)] or [
        min(p.box[2] - p.box[0], p.box[3] - p.box[1]) for p in scene.panels
    ]
    assert found
    assert min(found) >= 0.17, f"{prompt}: its stages are too small to see"


# -- a sum ---------------------------------------------------------------------------------
def a_sum(a: int, b: int) -> SceneGraph:
    return SceneGraph(
        entities=[Entity("e1", "apple", a), Entity("e2", "apple", b), Entity("e3", "apple", a + b)],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])],
    )


@pytest.mark.parametrize(("a", "b"), [(3, 2), (7, 3), (4, 4)])
def test_a_long_sum_is_drawn_big_enough_to_count_and_is_kept(a, b):
    """3 apples + 2 apples = 5 apples: apples at least 10% of the picture (51 px), every
    sign drawn big between its members, and the checker keeps the arrangement."""
    plan = arrange(a_sum(a, b))
    assert min(sides(plan)) >= min(0.1, 0.7 / (1.25 * (a + b)))  # the widest line fills
    result = engine.draw(plan, settings={"width": SIZE, "height": SIZE})
    apple = min(o.box[2] - o.box[0] for o in result.objects)
    for sign in result.metadata["diagram"]["signs"]:
        x0, _, x1, _ = sign["box"]
        assert x1 - x0 >= 0.4 * apple, "a sign too small to read"
    verdict = check(plan, result, reader=None)
    (row,) = [f for f in verdict.findings if f.constraint.startswith("row")]
    assert row.status == "satisfied", row.reason


def test_a_short_sum_stays_on_one_line():
    plan = arrange(a_sum(1, 1))
    assert len(rows_of(plan.arrangements[0], {e.id: e.count for e in plan.entities})) == 1
    tops = {round(i.box[1], 4) for i in plan.layout}
    assert len(tops) == 1


# -- panels --------------------------------------------------------------------------------
def food_groups(n: int) -> SceneGraph:
    ents = [Entity(f"e{k}", name) for k, name in enumerate(["apple", "bread", "fish"] * n)]
    panels = [
        Panel(f"p{k}", [f"e{3 * k}", f"e{3 * k + 1}", f"e{3 * k + 2}"], f"group number {k}")
        for k in range(n)
    ]
    return SceneGraph(
        entities=ents, panels=panels, arrangements=[Arrangement("row", [p.id for p in panels])]
    )


@pytest.mark.parametrize("n", [5, 6, 8])
def test_many_panels_in_a_row_wrap_so_each_stays_big(n):
    scene = arrange(food_groups(n))
    widths = [p.box[2] - p.box[0] for p in scene.panels]
    assert min(widths) >= 0.2, "panels too narrow for their things and titles"
    result = engine.draw(scene, settings={"width": SIZE, "height": SIZE})
    verdict = check(scene, result, reader=None)
    (row,) = [f for f in verdict.findings if f.constraint.startswith("row")]
    assert row.status == "satisfied", row.reason


def test_a_panel_title_that_wraps_is_written_as_large_as_a_short_one():
    from jupyter_imagechat.layout.marks import TEXT, panel_parts

    box = (0.05, 0.1, 0.33, 0.48)  # one of five food groups
    short, _ = panel_parts(box, "dairy")
    long, inside = panel_parts(box, "fruit and vegetables")
    assert short is not None
    assert long is not None
    assert long[3] - long[1] >= 2 * TEXT, "two lines of title squeezed into one line's room"
    assert inside[1] >= long[3]


def test_labelled_things_in_panels_leave_the_panels_big():
    """Two panels of four named things ("healthy" and "treats"): the names go beside
    their things, and the panels keep most of the picture's width."""
    names = [["salad", "apple", "carrot", "banana"], ["donut", "candy", "fries", "cookie"]]
    ents, labels, panels = [], [], []
    for p, group in enumerate(names):
        ids = [f"e{p}{k}" for k in range(len(group))]
        ents += [Entity(i, n) for i, n in zip(ids, group, strict=True)]
        labels += [Label(n, i, 0, (0.5, 0.5)) for i, n in zip(ids, group, strict=True)]
        panels.append(Panel(f"p{p}", ids, ["healthy", "treats"][p]))
    scene = arrange(
        SceneGraph(
            entities=ents,
            labels=labels,
            panels=panels,
            arrangements=[Arrangement("row", ["p0", "p1"])],
        )
    )
    assert sum(p.box[2] - p.box[0] for p in scene.panels) >= 0.75
    for label in scene.labels:
        assert label.box is not None
        assert label.box[0] >= 0
        assert label.box[2] <= 1


def test_names_in_a_crowded_row_stay_by_their_own_things():
    """A timeline whose names are wider than the things: no name sits under or over a
    neighbour (it would read as the neighbour's name); the nearest thing to each name's
    middle, side to side, is its own."""
    names = ["horse", "bicycle", "steam train", "car", "aeroplane", "rocket"]
    ids = [f"e{k}" for k in range(len(names))]
    scene = arrange(
        SceneGraph(
            entities=[Entity(i, n) for i, n in zip(ids, names, strict=True)],
            labels=[Label(n, i, 0, (0.5, 1.0)) for i, n in zip(ids, names, strict=True)],
            arrangements=[Arrangement("row", ids)],
        )
    )
    middles = {i.entity: (i.box[0] + i.box[2]) / 2 for i in scene.layout}
    for label in scene.labels:
        x = (label.box[0] + label.box[2]) / 2
        nearest = min(middles, key=lambda e: abs(middles[e] - x))
        assert nearest == label.target, f"{label.text!r} reads as another thing's name"
