"""What a figure wears and stands on belongs to it: laid out on its body or under its
feet, and free to overlap whatever the figure itself may overlap."""

from __future__ import annotations

import numpy as np
from PIL import Image

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines.base import DrawnObject, Result
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
    drawn = [_obj("e1", "person", (20, 20, 50, 80)), _obj("e2", "skateboard", (20, 74, 50, 88)),
             _obj("e3", "person", (30, 30, 60, 90)), _obj("e4", "dog", (62, 70, 80, 88))]
    front = SceneGraph(entities=ents, relations=[board, Relation("e3", "in front of", "e1")])
    assert "person clear of skateboard" not in _overlaps(front, drawn)
    dog = [*drawn[:3], _obj("e4", "dog", (25, 74, 45, 88))]
    assert "dog clear of skateboard" in _overlaps(front, dog)
