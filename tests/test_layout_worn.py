"""What a figure wears and stands on belongs to it: laid out on its body or under its
feet, and free to overlap whatever the figure itself may overlap."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.scene import Entity, Relation, SceneGraph

PICTURE = Image.new("RGB", (100, 100))


def _obj(eid: str, name: str, box: tuple[int, int, int, int]) -> DrawnObject:
    return DrawnObject(eid, 0, name, box, {}, np.ones((box[3] - box[1], box[2] - box[0]), bool))


def _overlaps(plan: SceneGraph, drawn: list[DrawnObject]) -> set[str]:
    verdict = check(plan, Result(PICTURE, drawn))
    bad = [f for f in verdict.findings if f.kind == "overlap" and f.status == "violated"]
    return {f.constraint for f in bad}


def test_a_boy_in_front_of_a_skater_may_cover_the_skaters_board() -> None:
    """The board under a skater's feet is at the skater's depth: a boy standing in front of
    the skater is in front of the board too; a dog nobody put in front may not cover it."""
    ents = [Entity("e1", "person"), Entity("e2", "skateboard"), Entity("e3", "person"),
            Entity("e4", "dog")]  # fmt: skip
    board = Relation("e1", "on", "e2")
    drawn = [
        _obj("e1", "person", (20, 20, 50, 80)),
        _obj("e2", "skateboard", (20, 74, 50, 88)),
        _obj("e3", "person", (30, 30, 60, 90)),
        _obj("e4", "dog", (62, 70, 80, 88)),
    ]
    front = SceneGraph(entities=ents, relations=[board, Relation("e3", "in front of", "e1")])
    assert "person clear of skateboard" not in _overlaps(front, drawn)
    dog = [*drawn[:3], _obj("e4", "dog", (25, 74, 45, 88))]
    assert "dog clear of skateboard" in _overlaps(front, dog)


def _boxes(plan: SceneGraph) -> dict[tuple[str, int], tuple[float, float, float, float]]:
    return {(b.entity, b.index): b.box for b in arrange(plan).layout}


def _clothes(count: int) -> SceneGraph:
    ents = [Entity("e1", "person", count), Entity("e2", "jacket", count),
            Entity("e3", "backpack", count), Entity("e4", "jeans", count),
            Entity("e5", "shoe", 2 * count)]  # fmt: skip
    return SceneGraph(
        entities=ents, relations=[Relation(c, "on", "e1") for c in ["e2", "e3", "e4", "e5"]]
    )


@pytest.mark.parametrize("count", [1, 2])
def test_clothes_worn_together_go_over_each_other_on_the_middle_of_the_body(count: int) -> None:
    """A jacket and a backpack, or a shirt and jeans, are worn over each other: side by
    side they reached past the sides of the drawn figure (the checker found them outside
    it). The shoes end lower than the jeans, so they are drawn over the trouser legs."""
    boxes = _boxes(_clothes(count))
    for i in range(count):
        px0, _, px1, _ = boxes[("e1", i)]
        middle, width = (px0 + px1) / 2, px1 - px0
        for worn in ("e2", "e3", "e4"):
            x0, _, x1, _ = boxes[(worn, i)]
            assert abs((x0 + x1) / 2 - middle) < 0.05 * width, (worn, i)
            assert x1 - x0 <= 0.5 * width
        shoes = [boxes[("e5", j)] for j in range(2 * count) if px0 <= boxes[("e5", j)][0] < px1]
        assert shoes
        assert all(s[3] > boxes[("e4", i)][3] for s in shoes)


def test_a_pair_of_eyes_still_goes_side_by_side() -> None:
    """Parts at one spot (two eyes on a face) stay in one row, not over each other."""
    plan = SceneGraph(
        entities=[Entity("e1", "snowman"), Entity("e2", "eye", 2)],
        relations=[Relation("e2", "on", "e1")],
    )
    boxes = _boxes(plan)
    assert boxes[("e2", 0)][2] <= boxes[("e2", 1)][0] + 1e-9
