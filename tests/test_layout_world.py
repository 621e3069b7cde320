"""The layout keeps the world: support, frame, sizes and clearance solved together.

Every layout here is judged by the checker's world model on its own boxes
(:func:`~jupyter_imagechat.checker.check_layout`), so "the layout never needs the checker
to complain" is what these tests assert, for new scenes, for edits (kept boxes fixed, new
things placed around them) and for "fix".
"""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check_layout
from jupyter_imagechat.checker.world.overlap import MIN_SIDE
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.ground import FOOTING
from jupyter_imagechat.layout.solver import Problem
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Box, SceneGraph
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.vocab.world import horizon

planner = RulesPlanner()
Rect = tuple[float, float, float, float]
WORLD = ("support", "frame", "overlap", "legibility", "size")


def world_problems(scene: SceneGraph, kinds: tuple[str, ...] = WORLD) -> list[str]:
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check_layout(scene).of_kind(*kinds)
            if f.status == "violated"]  # fmt: skip


def group(scene: SceneGraph, eid: str) -> Rect:
    rs = [b.box for b in scene.boxes_of(eid)]
    return (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs),
            max(r[3] for r in rs))  # fmt: skip


def named(scene: SceneGraph, name: str) -> str:
    return next(e.id for e in scene.entities if e.name == name)


def on_ground(scene: SceneGraph, eid: str) -> bool:
    line = horizon(scene.background)
    assert line is not None
    return all(b.box[3] >= line + FOOTING - 1e-6 for b in scene.boxes_of(eid))


@pytest.mark.parametrize(
    "text",
    [
        "a photo of a cat above a dog",
        "a photo of a giraffe above a car",
        "a cat above a dog, a bird left of the dog, and a cow below the bird",
        "nine dogs",
        "a teacher next to a map on a blackboard in a classroom",
        "a house and a car and a tree and a dog and a cat",
        "a man with a hat, a scarf and a backpack",
        "a tree behind a house and a dog in front of a car",
        "fifty apples and an elephant",
        "a clock and a picture in a kitchen",
    ],
)
def test_new_scenes_keep_the_world_for_every_seed(text: str) -> None:
    layouts = set()
    for seed in range(4):
        scene = arrange(planner.plan(text), seed=seed)
        assert world_problems(scene) == [], (text, seed)
        layouts.add(scene.to_json())
    assert len(layouts) == 4, "different seeds give different layouts"
    again = arrange(planner.plan(text), seed=3)
    assert again.to_json() in layouts  # and one seed always the same one


def test_a_standing_crowd_stands_in_rows_on_the_ground() -> None:
    scene = arrange(planner.plan("nine dogs"))
    assert on_ground(scene, "e1")  # the back row too: nobody floats
    tops = sorted({b.box[1] for b in scene.layout})
    assert len(tops) == 3  # three rows, each a little higher than the one in front


def test_what_hangs_goes_on_the_wall_and_flat_things_on_a_board() -> None:
    scene = arrange(planner.plan("a map on a blackboard in a classroom"))
    board, paper = group(scene, named(scene, "blackboard")), group(scene, named(scene, "map"))
    floor = 0.66
    assert board[3] <= floor + 1e-6, "the blackboard hangs above the floor"
    assert board[0] <= paper[0]
    assert paper[2] <= board[2]
    assert board[1] <= paper[1]
    assert paper[3] <= board[3], "the map lies on the board's face, not on its top"


def test_a_relation_the_world_forbids_gives_way_and_is_named() -> None:
    scene = arrange(planner.plan("a teacher on a blackboard in a classroom"))
    teacher = named(scene, "teacher")
    assert on_ground(scene, teacher), "the teacher stands on the floor beside the board"
    status = {f.constraint: (f.status, f.kind) for f in check_layout(scene).findings}
    assert status["teacher on blackboard"] == ("violated", "plan")
    assert world_problems(scene) == []


def test_adding_a_cat_on_a_table_puts_the_table_on_the_ground_and_the_cat_on_it() -> None:
    chat = Conversation(size=256)
    first = chat.send("three red apples left of a blue bowl")
    second = chat.send("add a cat on the table")
    scene = second.scene
    assert scene is not None
    assert first.scene is not None
    for b in first.scene.layout:  # untouched things keep their boxes exactly
        assert scene.boxes_of(b.entity)[b.index].box == b.box
    table, cat = named(scene, "dining table"), named(scene, "cat")
    assert on_ground(scene, table)
    t, c = group(scene, table), group(scene, cat)
    assert t[0] <= (c[0] + c[2]) / 2 <= t[2], "the cat over the table"
    assert t[1] - 0.02 <= c[3] <= t[3], "its feet on the table"
    assert world_problems(scene, ("support", "frame", "overlap")) == []
    drawn = {f.constraint: f.status for f in second.verdict.findings if f.kind == "support"}
    assert drawn["dining table on the ground"] == drawn["cat on dining table"] == "satisfied"
    third = chat.send("add two more apples")
    more = third.scene
    assert more is not None
    assert len(more.boxes_of("e1")) == 5
    assert on_ground(more, "e1"), "the new apples stand on the ground, not in the sky"
    assert world_problems(more, ("support", "frame", "overlap")) == []
    assert len(chat.history) == 3


def test_a_new_thing_painted_into_the_sky_is_named_as_floating() -> None:
    import numpy as np

    chat = Conversation(size=256)
    chat.send("a cat")
    mask = np.zeros((256, 256), dtype=bool)
    mask[10:80, 150:250] = True  # the user painted the sky: the ball must go there
    turn = chat.send("a red ball", mask=mask)
    bad = [f for f in turn.verdict.findings if f.status == "violated"]
    assert [(f.kind, f.constraint) for f in bad] == [("support", "sports ball on the ground")]


def test_fix_repairs_a_table_dragged_into_the_sky_and_a_cup_bigger_than_it() -> None:
    chat = Conversation(size=256)
    plan = chat.plan("a cup on a table").to_dict()
    for b in plan["layout"]:
        if b["entity"] == "e2":  # the table, dragged up into the sky
            b["box"] = [0.3, 0.1, 0.7, 0.5]
        else:  # the cup, made bigger than the table
            b["box"] = [0.2, 0.0, 0.8, 0.6]
    bad = chat.generate(plan)
    kinds = {f.kind for f in bad.verdict.findings if f.status == "violated"}
    assert {"support", "size"} <= kinds
    assert "support: dining table on the ground" in bad.verdict.summary()
    fixed = chat.fix()
    assert fixed.verdict.ok, fixed.verdict.summary()
    assert fixed.parent == bad.id  # the history keeps both
    assert len(chat.history) == 2
    assert fixed.mode == "inpaint"
    assert fixed.prompt.startswith("fix: ")
    keep = ~fixed.mask  # only what moved was redrawn
    import numpy as np

    assert np.array_equal(np.asarray(fixed.image)[keep], np.asarray(bad.image)[keep])


def test_fix_as_a_chat_word_and_nothing_left_to_fix() -> None:
    chat = Conversation(size=256)
    plan = chat.plan("a dog").to_dict()
    plan["layout"][0]["box"] = [0.4, 0.05, 0.6, 0.25]  # a dog in the sky
    chat.generate(plan)
    fixed = chat.send("fix")
    assert fixed.verdict.ok
    assert fixed.scene is not None
    assert on_ground(fixed.scene, "e1")
    from jupyter_imagechat.errors import InputError

    with pytest.raises(InputError, match="nothing to fix"):
        chat.fix()


def test_edits_check_that_untouched_things_stay() -> None:
    chat = Conversation(size=256)
    chat.send("three red apples left of a blue bowl")
    turn = chat.send("make the bowl green")
    found = {f.constraint: f.status for f in turn.verdict.findings if f.kind == "permanence"}
    assert found == {"apple kept": "satisfied"}  # the bowl changed: its own findings say how


def test_the_solver_names_what_gave_way() -> None:
    problem = Problem()
    box = problem.body("a", 1.0, 1.0)
    problem.le(box.right, 0.5, "required", "inside the picture")
    problem.eq(box.s, 1.0, "size", "as big as the others")
    problem.le(0.0, box.left, "required", "inside the left edge")
    x, _, s = problem.solve()["a"]
    assert x >= -1e-9
    assert x + s <= 0.5 + 1e-9
    assert problem.relaxed == ["as big as the others (size)"]


def test_kept_boxes_of_a_diagram_or_an_edit_are_fixed_obstacles() -> None:
    scene = planner.plan("a cat and a dog")
    scene.layout = [Box("e1", 0, (0.3, 0.66, 0.7, 0.94))]  # the cat takes the middle
    out = arrange(scene, seed=2)
    assert out.boxes_of("e1")[0].box == (0.3, 0.66, 0.7, 0.94)
    dog = group(out, "e2")
    assert dog[2] <= 0.3 or dog[0] >= 0.7, "the dog goes beside it"
    assert on_ground(out, "e2")


@pytest.mark.parametrize(
    ("text", "child", "host"),
    [
        ("two men in yellow jackets next to a car", "jacket", "person"),
        ("a cat wearing a red hat", "hat", "cat"),
        ("a man with a shirt and shorts standing on a skateboard", "shirt", "person"),
        ("a bus with four wheels on a road", "wheel", "bus"),
    ],
)
def test_what_is_worn_or_a_part_lies_on_its_wearer_not_on_top(
    text: str, child: str, host: str
) -> None:
    scene = arrange(planner.plan(text), seed=0)
    hosts = [b.box for b in scene.boxes_of(named(scene, host))]
    for b in scene.boxes_of(named(scene, child)):
        x0, y0, x1, y1 = b.box  # over the body: not balanced on the head
        assert any(h[0] <= x0 and x1 <= h[2] and h[1] <= y0 and y1 <= h[3] for h in hosts)
    assert world_problems(scene) == []


@pytest.mark.parametrize(
    "text",
    [
        "a keyboard, a monitor, a phone, a mug and glasses on a desk",
        "a pizza on a table with mushrooms, olives and tomatoes on the pizza",
    ],
)
def test_many_things_on_one_host_grow_it_and_stay_visible(text: str) -> None:
    scene = arrange(planner.plan(text), seed=0)
    parent = {r.subject: r.object for r in scene.relations if r.predicate == "on"}
    assert len(parent) >= 3
    for child in parent:  # well above the least side the checker can see (6 px at 512 px)
        side = min(b.box[2] - b.box[0] for b in scene.boxes_of(child))
        assert side >= 1.5 * MIN_SIDE, (scene.entity(child).name, side)
    assert world_problems(scene) == []


@pytest.mark.parametrize(
    ("text", "child", "wearer"),
    [
        ("a baby sitting on a bed wearing glasses", "glasses", "person"),
        ("a man on a snowboard wearing a sweater", "sweater", "person"),
        ("a cat wearing a hat on a sofa", "hat", "cat"),
    ],
)
def test_what_is_worn_moves_with_its_wearer_onto_the_host_drawn_surface(
    text: str, child: str, wearer: str
) -> None:
    from jupyter_imagechat.checker import check
    from jupyter_imagechat.engines import create_engine

    scene = arrange(planner.plan(text), seed=0)
    result = create_engine("builtin").draw(scene, seed=0, settings={"width": 512, "height": 512})
    boxes = {o.name: o.box for o in result.objects}
    (wx0, wy0, wx1, wy1), (cx0, cy0, cx1, cy1) = boxes[wearer], boxes[child]
    middle = ((cx0 + cx1) / 2, (cy0 + cy1) / 2)  # drawn over the wearer's body, where it sits
    assert wx0 <= middle[0] <= wx1, (boxes[wearer], boxes[child])
    assert wy0 <= middle[1] <= wy1, (boxes[wearer], boxes[child])
    bad = [f.reason for f in check(scene, result).of_kind("support") if f.status == "violated"]
    assert bad == []


@pytest.mark.parametrize(
    ("text", "big", "host"),
    [
        ("two men playing chess with black chess pieces", "person", "chess"),
        ("a man next to a puppet with strings", "person", "puppet"),
        ("a dog next to a tray with five cookies on it", "dog", "tray"),
    ],
)
def test_a_host_grown_for_what_is_on_it_stays_smaller_than_what_is_much_bigger(
    text: str, big: str, host: str
) -> None:
    scene = arrange(planner.plan(text), seed=0)
    x0, y0, x1, y1 = group(scene, named(scene, host))
    one_big = max(b.box[3] - b.box[1] for b in scene.boxes_of(named(scene, big)))
    assert one_big > max(x1 - x0, y1 - y0), "drawn bigger than the grown host"
    assert world_problems(scene, ("size",)) == []

