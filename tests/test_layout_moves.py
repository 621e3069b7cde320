"""Edits that move things place them through the layout's solver: nothing lands on a
neighbour, leaves the ground or its host, or the picture; a wish that breaks nothing is
kept as it is; a plan given whole (the plan editor's) keeps every box it has."""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check_layout
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.blocks import MARGIN
from jupyter_imagechat.layout.ground import FOOTING
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Box, SceneGraph
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.vocab.world import horizon

planner = RulesPlanner()
Rect = tuple[float, float, float, float]
WORLD = ("support", "frame", "overlap")


def problems(scene: SceneGraph) -> list[str]:
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check_layout(scene).of_kind(*WORLD)
            if f.status == "violated"]  # fmt: skip


def box_of(scene: SceneGraph, name: str) -> Rect:
    eid = next(e.id for e in scene.entities if e.name == name)
    rs = [b.box for b in scene.boxes_of(eid)]
    return (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs),
            max(r[3] for r in rs))  # fmt: skip


def apart(a: Rect, b: Rect) -> bool:
    return a[2] <= b[0] + 1e-4 or b[2] <= a[0] + 1e-4 or a[3] <= b[1] + 1e-4 or b[3] <= a[1] + 1e-4


def edited(text: str, *edits: str) -> tuple[SceneGraph, SceneGraph]:
    """The plan before the last edit and after it, each laid out as the pipeline does."""
    scene = arrange(planner.plan(text), seed=0)
    before = scene
    for words in edits:
        before = scene
        scene = arrange(planner.plan(words, current=scene), seed=0, before=scene)
    return before, scene


@pytest.mark.parametrize(
    ("text", "edits", "mover", "neighbour"),
    [
        ("a teddy bear and a ball on a bed", ["make the ball bigger", "move the ball to the left"],
         "sports ball", "teddy bear"),
        ("a bench and a tree", ["move them closer together"], "tree", "bench"),
        ("a cat, a dog and a horse", ["move the cat to the right"], "cat", "dog"),
        ("three apples and a banana", ["move the banana to the left"], "banana", "apple"),
        ("a dog and a tree in a park", ["move the tree to the left"], "tree", "dog"),
    ],
)  # fmt: skip
def test_a_moved_thing_never_lands_on_a_neighbour(
    text: str, edits: list[str], mover: str, neighbour: str
) -> None:
    before, after = edited(text, *edits)
    wished = planner.plan(edits[-1], current=before)
    blocked = not apart(box_of(wished, mover), box_of(wished, neighbour))
    assert blocked or box_of(after, mover) != box_of(before, mover), "it moved"
    assert apart(box_of(after, mover), box_of(after, neighbour))
    if box_of(wished, neighbour) == box_of(before, neighbour):  # not one of those moved
        assert box_of(after, neighbour) == box_of(before, neighbour), "what did not move stays"
    assert problems(after) == []


def test_a_move_that_breaks_nothing_is_kept_to_the_box() -> None:
    before, after = edited("a dog in a park", "move the dog to the left")
    wished = planner.plan("move the dog to the left", current=before)
    assert box_of(after, "dog") == box_of(wished, "dog") != box_of(before, "dog")


def test_a_thing_on_a_host_slides_along_it_and_stays_on_it() -> None:
    _, after = edited("a teddy bear and a ball on a bed", "move the ball to the left")
    ball, bed = box_of(after, "sports ball"), box_of(after, "bed")
    assert bed[0] <= (ball[0] + ball[2]) / 2 <= bed[2]
    assert bed[1] - 1e-3 <= ball[3] <= bed[1] + 0.3 * (ball[3] - ball[1]) + 1e-3


def test_a_standing_thing_moved_up_stays_on_the_ground_band() -> None:
    before, after = edited("a dog in a park", "move the dog up")
    line = horizon(after.background)
    assert line is not None
    dog = box_of(after, "dog")
    assert dog[3] >= line + FOOTING - 1e-4
    assert dog[3] < box_of(before, "dog")[3], "it went further back, as far as the ground goes"


def test_a_move_past_the_edge_stops_inside_the_picture() -> None:
    _, after = edited("three cars on a road", "move the cars to the right", "move them right")
    assert box_of(after, "car")[2] <= 1 - MARGIN + 1e-4
    assert problems(after) == []


def test_swapped_things_keep_their_feet_on_the_ground() -> None:
    _, after = edited("a cat left of a dog in a field", "swap their places")
    cat, dog = box_of(after, "cat"), box_of(after, "dog")
    assert cat[0] > dog[2] - 1e-4
    assert problems(after) == []


def test_a_plan_given_whole_keeps_every_box() -> None:
    scene = arrange(planner.plan("a cat and a dog"), seed=0)
    dragged = scene.copy()
    dragged.layout = [Box(b.entity, b.index, (0.4, 0.05, 0.6, 0.25)) if b.entity == "e1" else b
                      for b in scene.layout]  # fmt: skip
    assert arrange(dragged, seed=0).layout == dragged.layout


def test_a_conversation_moves_through_the_solver() -> None:
    chat = Conversation(size=256)
    chat.send("a teddy bear and a ball on a bed")
    chat.send("make the ball bigger")
    turn = chat.send("move the ball to the left")
    assert turn.verdict is not None
    bad = [f.constraint for f in turn.verdict.findings
           if f.status == "violated" and f.kind in WORLD]  # fmt: skip
    assert bad == []
    assert turn.scene is not None
    assert apart(box_of(turn.scene, "sports ball"), box_of(turn.scene, "teddy bear"))
