"""The layout step: boxes that satisfy relations, keep their place and fit the picture."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from jupyter_imagechat.checker import check_layout
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Box, SceneGraph

DATA = Path(__file__).resolve().parent / "data" / "geneval"
planner = RulesPlanner()
Rect = tuple[float, float, float, float]


def geneval(tag: str | None = None) -> list[dict]:
    path = DATA / "evaluation_metadata.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if tag is None or r["tag"] == tag]


def laid(text: str, seed: int = 0) -> SceneGraph:
    return arrange(planner.plan(text), seed=seed)


def group(scene: SceneGraph, eid: str) -> Rect:
    rs = [b.box for b in scene.boxes_of(eid)]
    return (
        min(r[0] for r in rs),
        min(r[1] for r in rs),
        max(r[2] for r in rs),
        max(r[3] for r in rs),
    )


def centre(r: Rect) -> tuple[float, float]:
    return ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] - 1e-9 and b[0] < a[2] - 1e-9 and a[1] < b[3] - 1e-9 and b[1] < a[3] - 1e-9


def name_of(scene: SceneGraph, eid: str) -> str:
    return scene.entity(eid).name


WORLD = ("support", "frame", "overlap", "legibility")
"""World findings the layout must keep in every scene (sizes give way in crowded ones)."""


def check_basics(scene: SceneGraph) -> None:
    """One square box per instance, inside the picture; and by the checker's world model,
    every thing resting on something, inside the frame, clear of unrelated things (only a
    standing crowd's rows overlap, each showing at least half of itself)."""
    scene.validate()
    assert sorted((b.entity, b.index) for b in scene.layout) == sorted(
        (e.id, i) for e in scene.entities for i in range(e.count)
    )
    for b in scene.layout:
        x0, y0, x1, y1 = b.box
        assert 0 <= x0 < x1 <= 1, b
        assert 0 <= y0 < y1 <= 1, b
        assert (x1 - x0) == pytest.approx(y1 - y0, rel=0.02), "boxes are square"
    bad = [f for f in check_layout(scene).of_kind(*WORLD) if f.status == "violated"]
    assert not bad, (scene.summary(), bad)
    related = {frozenset((r.subject, r.object)) for r in scene.relations}
    for a, b in combinations(scene.layout, 2):
        if a.entity != b.entity and frozenset((a.entity, b.entity)) not in related:
            assert not overlap(a.box, b.box), (scene.summary(), a, b)


SIDE = {
    "left of": lambda a, b: centre(a)[0] < centre(b)[0] and a[2] < b[0],
    "right of": lambda a, b: centre(a)[0] > centre(b)[0] and a[0] > b[2],
    "above": lambda a, b: centre(a)[1] < centre(b)[1] and a[3] < b[1],
    "below": lambda a, b: centre(a)[1] > centre(b)[1] and a[1] > b[3],
}


def test_every_geneval_position_prompt_satisfies_its_relation() -> None:
    rows = geneval("position")
    assert len(rows) == 100
    for row in rows:
        scene = laid(row["prompt"])
        check_basics(scene)
        (rel,) = scene.relations
        a, b = group(scene, rel.subject), group(scene, rel.object)
        assert SIDE[rel.predicate](a, b), f"{row['prompt']}: {a} {rel.predicate} {b}"


def test_every_geneval_prompt_lays_out_cleanly() -> None:
    # how fast: python benchmarks/world_check.py prints the median per prompt
    for seed, row in enumerate(geneval()):
        check_basics(arrange(planner.plan(row["prompt"]), seed=seed))


@pytest.mark.parametrize(
    "text",
    [
        "three red apples left of a blue bowl",
        "a cat left of a dog and a bird right of the dog",
        "a cat above a dog, a bird left of the dog, and a cow below the bird",
        "five apples, two bananas, a pear, twelve grapes, a bowl and a cup",
        "a cat and a dog and a bird and a cow and a horse and a sheep and a pig and a duck",
        "fifty apples and an elephant",
        "a cat left of a dog and the dog left of the cat",
        "a cat on a table next to a lamp, a dog under the table, a man holding an umbrella",
    ],
)
def test_scenes_lay_out_cleanly(text: str) -> None:
    for seed in (0, 1, 2):
        check_basics(laid(text, seed))


def test_directional_relations_hold_in_richer_scenes() -> None:
    scene = laid("a cat above a dog, a bird left of the dog, and a cow below the bird")
    for rel in scene.relations:
        a, b = group(scene, rel.subject), group(scene, rel.object)
        assert SIDE[rel.predicate](a, b), (rel, a, b)


def test_attaching_relations() -> None:
    scene = laid("a cat on a table, a mouse under a chair, three apples inside a bowl")
    names = {e.name: e.id for e in scene.entities}
    cat, table = group(scene, names["cat"]), group(scene, names["dining table"])
    assert centre(cat)[1] < centre(table)[1]
    assert overlap((cat[0], 0, cat[2], 1), (table[0], 0, table[2], 1)), "x ranges overlap"
    mouse, chair = group(scene, names["mouse"]), group(scene, names["chair"])
    assert centre(mouse)[1] > centre(chair)[1]
    assert overlap((mouse[0], 0, mouse[2], 1), (chair[0], 0, chair[2], 1)), "x ranges overlap"
    apples, bowl = group(scene, names["apple"]), group(scene, names["bowl"])
    assert bowl[0] <= apples[0], "within the bowl's width"
    assert apples[2] <= bowl[2], "within the bowl's width"
    assert bowl[1] < apples[3] <= bowl[3], "their bottoms in the bowl, their tops above its rim"
    assert apples[1] < bowl[1]
    check_basics(scene)


def test_in_front_is_drawn_after_and_behind_before() -> None:
    scene = laid("a dog in front of a car and a tree behind a house")
    order = [scene.entity(b.entity).name for b in scene.layout]
    assert order.index("dog") > order.index("car")
    assert order.index("tree") < order.index("house")
    dog = group(scene, scene.layout[order.index("dog")].entity)
    car = group(scene, scene.layout[order.index("car")].entity)
    assert overlap(dog, car)
    assert centre(dog)[1] > centre(car)[1]


def test_counts_are_a_row_or_grid_of_equal_boxes() -> None:
    scene = laid("four apples")
    rects = [b.box for b in scene.layout]
    sides = {round(r[2] - r[0], 3) for r in rects}
    assert len(sides) == 1
    ys = [centre(r)[1] for r in rects]
    assert max(ys) - min(ys) < 0.2 * next(iter(sides)), "four in one row"
    grid = laid("twelve eggs")
    assert len({round(b.box[2] - b.box[0], 3) for b in grid.layout}) == 1


def test_typical_sizes() -> None:
    scene = laid("an elephant and a mouse")
    sizes = {name_of(scene, b.entity): b.box[2] - b.box[0] for b in scene.layout}
    assert sizes["elephant"] > 2 * sizes["mouse"]
    small = laid("a tiny dog and a huge dog")
    a, b = (bx.box[2] - bx.box[0] for bx in small.layout)
    assert b > 2 * a


def test_kept_boxes_stay_and_missing_ones_are_added() -> None:
    first = laid("three red apples left of a blue bowl")
    more = arrange(planner.plan("add two more apples", current=first), seed=5)
    kept = {(b.entity, b.index): b.box for b in first.layout}
    for b in more.layout:
        if (b.entity, b.index) in kept:
            assert b.box == kept[(b.entity, b.index)]
    assert len(more.layout) == 6
    check_basics(more)
    apples, bowl = group(more, "e1"), group(more, "e2")
    assert centre(apples)[0] < centre(bowl)[0]


def test_new_thing_in_an_edit_respects_its_relation_and_free_space() -> None:
    first = laid("three red apples left of a blue bowl")
    out = arrange(planner.plan("add a bird above the bowl", current=first))
    bird = next(e.id for e in out.entities if e.name == "bird")
    assert centre(group(out, bird))[1] < centre(group(out, "e2"))[1]
    check_basics(out)
    # A cat cannot stand above a bowl that stands just below the horizon: the kept boxes
    # stay, the cat stands on the ground, and the checker names the relation that gave way.
    out = arrange(planner.plan("add a cat above the bowl", current=first))
    check_basics(out)
    cat = next(e.id for e in out.entities if e.name == "cat")
    status = {f.constraint: f.status for f in check_layout(out).findings}
    assert status["cat on the ground"] == "satisfied"
    if centre(group(out, cat))[1] >= centre(group(out, "e2"))[1]:
        assert status["cat above bowl"] == "violated"
    hat = arrange(planner.plan("put a hat on the bowl", current=first))
    hat_id = hat.entities[-1].id
    assert centre(group(hat, hat_id))[1] < centre(group(hat, "e2"))[1]


def test_a_new_thing_on_a_new_thing_in_an_edit_rests_on_it() -> None:
    first = laid("three red apples left of a blue bowl")
    for text in ("put the bowl on a table", "add a dog on a sofa"):
        for seed in (0, 1, 2):
            out = arrange(planner.plan(text, current=first), seed=seed)
            rel = next(r for r in out.relations if r.predicate == "on")
            child, host = group(out, rel.subject), group(out, rel.object)
            assert centre(child)[1] < centre(host)[1], (text, seed)
            assert overlap((child[0], 0, child[2], 1), (host[0], 0, host[2], 1)), (text, seed)
            kept = {(b.entity, b.index): b.box for b in first.layout if b.entity == "e1"}
            assert all(kept[(b.entity, b.index)] == b.box for b in out.layout if b.entity == "e1")


def test_boxes_of_removed_instances_are_dropped() -> None:
    scene = laid("three apples and a cat")
    scene.entities[0].count = 1
    out = arrange(scene)
    assert sorted((b.entity, b.index) for b in out.layout) == [("e1", 0), ("e2", 0)]
    assert {(b.entity, b.index): b.box for b in out.layout}[("e2", 0)] == scene.boxes_of("e2")[
        0
    ].box


def test_region_is_respected() -> None:
    first = laid("a cat")
    scene = planner.plan("add a red ball and two dogs", current=first)
    region = (0.55, 0.05, 0.95, 0.5)
    out = arrange(scene, region=region)
    assert out.boxes_of("e1")[0].box == first.boxes_of("e1")[0].box
    for b in out.layout:
        if b.entity != "e1":
            x0, y0, x1, y1 = b.box
            assert region[0] - 1e-9 <= x0 < x1 <= region[2] + 1e-9
            assert region[1] - 1e-9 <= y0 < y1 <= region[3] + 1e-9
    fresh = arrange(planner.plan("three cats left of a dog"), region=(0.0, 0.5, 0.5, 1.0))
    assert all(b.box[0] >= 0 and b.box[2] <= 0.5 and b.box[1] >= 0.5 for b in fresh.layout)


def test_bad_region() -> None:
    with pytest.raises(InputError, match="region"):
        arrange(planner.plan("a cat"), region=(0.5, 0.5, 0.5, 0.9))
    with pytest.raises(InputError, match="region"):
        arrange(planner.plan("a cat"), region="left")  # type: ignore[arg-type]


def test_deterministic_for_a_seed() -> None:
    text = "three red apples left of a blue bowl and a cat on a table"
    assert laid(text, 3).to_dict() == laid(text, 3).to_dict()
    assert laid(text, 3).to_dict() != laid(text, 4).to_dict()


def test_input_scene_is_not_changed_and_empty_scene_is_fine() -> None:
    scene = planner.plan("a cat")
    arrange(scene)
    assert scene.layout == []
    assert arrange(SceneGraph(texts=["hi"])).layout == []


def test_stale_and_duplicate_boxes_are_cleaned() -> None:
    scene = planner.plan("a cat")
    scene.layout = [Box("e1", 0, (0.1, 0.1, 0.3, 0.3)), Box("e1", 0, (0.5, 0.5, 0.7, 0.7))]
    scene.layout.append(Box("e1", 3, (0.5, 0.5, 0.7, 0.7)))
    out = arrange(scene)
    assert [(b.entity, b.index, b.box) for b in out.layout] == [("e1", 0, (0.1, 0.1, 0.3, 0.3))]


@pytest.mark.parametrize(
    "text",
    [
        "a man with a hat, a scarf and a backpack",
        "a table with a cup, a vase and a book on it",
        "a person with a hat and a bag, right arm up",
    ],
)
def test_several_things_on_one_thing_are_all_drawn_on_it(text: str) -> None:
    from jupyter_imagechat.checker.check import VIOLATED, check
    from jupyter_imagechat.engines import create_engine

    engine = create_engine("builtin")
    for seed in (0, 1, 2):
        scene = laid(text, seed)
        assert sum(r.predicate == "on" for r in scene.relations) >= 2, scene.summary()
        result = engine.draw(scene, seed=seed, settings={"width": 256, "height": 256})
        verdict = check(scene, result)
        assert not [f for f in verdict.findings if f.status == VIOLATED], verdict.summary()


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("a cat at the bottom right", "cat", "bottom right"),
        ("a bird in the upper right corner", "bird", "top right"),
        ("a tree on the left side of the picture", "tree", "left"),
        ("a house on the right and a dog", "house", "right"),
        ("a kite in the top left corner of the picture and a boy", "kite", "top left"),
    ],
)
def test_a_named_place_in_the_picture_is_kept(text: str, name: str, where: str) -> None:
    for seed in (0, 1, 2):
        scene = laid(text, seed)
        ent = next(e for e in scene.entities if e.name == name)
        assert ent.attributes["position"] == where
        cx, cy = centre(group(scene, ent.id))
        if "left" in where:
            assert cx < 0.4, (text, seed, cx)
        if "right" in where:
            assert cx > 0.6, (text, seed, cx)
        if where.startswith("top"):
            assert cy < 0.4, (text, seed, cy)
        if where.startswith("bottom"):
            assert cy > 0.6, (text, seed, cy)
        check_basics(scene)
