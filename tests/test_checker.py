"""The checker reports every constraint as satisfied, violated or unknown."""

from __future__ import annotations

from PIL import Image, ImageDraw

from jupyter_imagechat.checker.check import check
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.scene import Entity, Relation, SceneGraph

SCENE = SceneGraph(
    entities=[Entity("e1", "apple", 2, {"color": "red"}), Entity("e2", "bowl", 1)],
    relations=[Relation("e1", "left of", "e2")],
    exclude=[{"name": "car"}],
    background="space",  # nothing stands on a ground there: these boxes may be anywhere
)
IMAGE = Image.new("RGB", (100, 100))


def _painted(*boxes: tuple[tuple[int, int, int, int], str]) -> Image.Image:
    """A grey picture with each box filled with a colour: what the checker reads."""
    picture = Image.new("RGB", (100, 100), (128, 128, 128))
    draw = ImageDraw.Draw(picture)
    for box, colour in boxes:
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=colour)
    return picture


def _obj(entity: str, index: int, name: str, box, **attrs: str) -> DrawnObject:
    return DrawnObject(entity, index, name, box, dict(attrs))


def test_all_kept() -> None:
    objects = [
        _obj("e1", 0, "apple", (0, 40, 10, 50), color="red"),
        _obj("e1", 1, "apple", (12, 40, 22, 50), color="red"),
        _obj("e2", 0, "bowl", (60, 40, 80, 60)),
    ]
    picture = _painted(((0, 40, 10, 50), "#dc2828"), ((12, 40, 22, 50), "#dc2828"))
    verdict = check(SCENE, Result(picture, objects))
    assert verdict.ok
    assert [f.status for f in verdict.of_kind("plan")] == ["satisfied"] * 5
    n = len(verdict.findings)  # the plan's 5 and the world's (support, frame, size...)
    assert n > 5
    assert verdict.summary() == f"checked {n} of {n}: all kept"


def test_all_kept_says_what_was_not_checked() -> None:
    objects = [
        _obj("e1", 0, "apple", (0, 40, 10, 50), color="red"),
        _obj("e1", 1, "apple", (12, 40, 22, 50), color="red"),
        _obj("e2", 0, "bowl", (60, 40, 80, 60)),
    ]
    picture = _painted(((0, 40, 10, 50), "#dc2828"), ((12, 40, 22, 50), "#dc2828"))
    scene = SceneGraph.from_dict({**SCENE.to_dict(), "style": "watercolor"})  # not measured
    verdict = check(scene, Result(picture, objects))
    unknown = verdict.count("unknown")
    assert unknown >= 1
    n = len(verdict.findings)
    assert verdict.summary() == f"checked {n - unknown} of {n}: all kept, {unknown} not checked"


def test_violations_are_named() -> None:
    objects = [
        _obj("e1", 0, "apple", (70, 40, 80, 50), color="green"),
        _obj("e2", 0, "bowl", (10, 40, 30, 60)),
        _obj("x", 0, "car", (40, 0, 50, 10)),
    ]
    # the engine says the apple is red; the picture shows it green
    objects[0].attributes["color"] = "red"
    verdict = check(SCENE, Result(_painted(((70, 40, 80, 50), "#3caa46")), objects))
    assert not verdict.ok
    bad = {f.constraint: f.reason for f in verdict.findings if f.status == "violated"}
    assert bad == {
        "2 x apple": "1 drawn",
        "apple color red": "it looks green (0% of its pixels red)",
        "apple left of bowl": "not centre further left",
        "no car": "a car was drawn",
    }
    n = len(verdict.findings)
    assert verdict.summary().startswith(f"checked {n} of {n}: 4 not kept: 2 x apple (1 drawn)")


def test_engine_without_objects_gives_unknown() -> None:
    verdict = check(SCENE, Result(IMAGE, []))
    assert verdict.ok
    assert {f.status for f in verdict.findings} == {"unknown"}
    assert len(verdict.findings) == 10  # the plan's 5, and one per kind of the world's
    assert verdict.summary() == "10 constraint(s) not checkable with this engine"


def test_a_position_is_checked_where_the_thing_was_drawn() -> None:
    plan = SceneGraph(entities=[Entity("e1", "cat", 1, {"position": "bottom right"})])
    # the engine echoes the attribute; what counts is where it drew the cat
    there = [_obj("e1", 0, "cat", (70, 70, 90, 90), position="bottom right")]
    elsewhere = [_obj("e1", 0, "cat", (10, 70, 30, 90), position="bottom right")]
    assert check(plan, Result(IMAGE, there)).ok
    verdict = check(plan, Result(IMAGE, elsewhere))
    bad = [f for f in verdict.findings if f.status == "violated"]
    assert [(f.constraint, f.reason) for f in bad] == [
        ("cat position bottom right", "drawn with its centre at (0.20, 0.80) of the picture")
    ]
    middle = SceneGraph(entities=[Entity("e1", "cat", 1, {"position": "center"})])
    assert check(middle, Result(IMAGE, [_obj("e1", 0, "cat", (40, 40, 60, 60))])).ok
    assert not check(middle, Result(IMAGE, [_obj("e1", 0, "cat", (0, 0, 20, 20))])).ok


def test_a_flat_thing_on_a_board_is_kept_where_it_lies_on_the_boards_face() -> None:
    scene = SceneGraph(
        entities=[Entity("e1", "world map", 1), Entity("e2", "blackboard", 1)],
        relations=[Relation("e1", "on", "e2")],
        background="classroom",
    )
    board = _obj("e2", 0, "blackboard", (20, 20, 80, 60))

    def on_board(map_box) -> str:
        verdict = check(scene, Result(IMAGE, [board, _obj("e1", 0, "world map", map_box)]))
        plan = verdict.of_kind("plan")
        (finding,) = [f for f in plan if f.constraint == "world map on blackboard"]
        return finding.status

    assert on_board((30, 30, 70, 55)) == "satisfied"  # on its face, centre below the board's
    assert on_board((30, 2, 70, 18)) == "violated"  # above the board, not on it
    assert on_board((82, 30, 98, 55)) == "violated"  # beside it
