"""The checker's world model: support, frame, size, overlap, legibility, permanence.

Each kind is checked on hand-made boxes (what an engine or a detector reports), so each
test shows the rule a user relies on: a table in the sky is named as floating, a cup
larger than its table is out of proportion, an apple that moved between turns though
nobody asked is not "kept".
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.checker import KINDS, Finding, Parent, Verdict, check, check_layout
from jupyter_imagechat.checker.detector import Detection
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.scene import Box, Entity, Label, Relation, SceneGraph

PICTURE = Image.new("RGB", (100, 100))
GROUND = 62  # the default horizon: 62% of the height from the top


def obj(eid: str, name: str, box, index: int = 0, *, mask: bool = False, **attrs: str):
    """A drawn instance; with ``mask`` its shape fills its box."""
    shape = np.ones((box[3] - box[1], box[2] - box[0]), dtype=bool) if mask else None
    return DrawnObject(eid, index, name, box, dict(attrs), shape)


def world(plan: SceneGraph, objects, **kwargs) -> dict[str, Finding]:
    verdict = check(plan, Result(PICTURE, objects), **kwargs)
    return {f.constraint: f for f in verdict.findings if f.kind != "plan"}


def violated(found: dict[str, Finding]) -> dict[str, str]:
    return {k: f.reason for k, f in found.items() if f.status == "violated"}


CAT_ON_TABLE = SceneGraph(
    entities=[Entity("e1", "cat"), Entity("e2", "table")],
    relations=[Relation("e1", "on", "e2")],
)


# -- support ----------------------------------------------------------------------------------
def test_a_table_on_the_ground_with_a_cat_on_it_is_supported() -> None:
    drawn = [obj("e2", "table", (30, 60, 70, 92)), obj("e1", "cat", (40, 38, 60, 62))]
    found = world(CAT_ON_TABLE, drawn)
    assert found["table on the ground"].status == "satisfied"
    assert found["cat on table"].status == "satisfied"
    assert found["cat on table"].kind == "support"


def test_a_table_in_the_sky_floats_and_its_cat_is_cut_off() -> None:
    sky = [obj("e2", "table", (30, 20, 70, 52), mask=True),
           obj("e1", "cat", (40, 0, 60, 22), mask=True)]  # fmt: skip
    bad = violated(world(CAT_ON_TABLE, sky))
    assert bad["table on the ground"].startswith("it floats 0.10 of the height")
    assert bad["cat inside the picture"] == "cut off at the top edge"
    assert "cat on table" not in bad  # the cat still rests on its table


def test_things_that_fly_hang_or_float_need_no_ground() -> None:
    sky = SceneGraph(entities=[Entity("e1", "bird"), Entity("e2", "cloud")])
    flying = [obj("e1", "bird", (10, 5, 30, 25)), obj("e2", "cloud", (50, 5, 80, 25))]
    assert not violated(world(sky, flying))
    high = [obj("e1", "clock", (40, 10, 60, 30))]
    indoors = SceneGraph(entities=[Entity("e1", "clock")], background="kitchen")
    assert world(indoors, high)["clock on the wall"].status == "satisfied"
    outdoors = SceneGraph(entities=[Entity("e1", "clock")])
    assert "clock on the ground" in violated(world(outdoors, high))
    space = SceneGraph(entities=[Entity("e1", "dog")], background="space")
    assert not violated(world(space, [obj("e1", "dog", (40, 10, 60, 30))]))


def test_a_map_on_a_blackboard_lies_on_its_face() -> None:
    plan = SceneGraph(
        entities=[Entity("e1", "map"), Entity("e2", "blackboard")],
        relations=[Relation("e1", "on", "e2")],
        background="classroom",
    )
    on_face = [obj("e2", "blackboard", (20, 10, 80, 50)), obj("e1", "map", (40, 20, 60, 40))]
    assert not violated(world(plan, on_face))
    fallen = [obj("e2", "blackboard", (20, 10, 80, 50)), obj("e1", "map", (40, 70, 60, 90))]
    assert violated(world(plan, fallen)) == {"map on blackboard": "it is not within the blackboard"}


def test_a_thing_put_on_another_without_a_relation_rests_on_it() -> None:
    plan = SceneGraph(entities=[Entity("e1", "cup"), Entity("e2", "table")])
    found = world(plan, [obj("e2", "table", (30, 60, 70, 92)), obj("e1", "cup", (45, 50, 55, 61))])
    assert found["cup on the ground"].status == "satisfied"


# -- frame ------------------------------------------------------------------------------------
def test_frame_counts_shapes_cut_by_an_edge_unless_the_plan_allows_it() -> None:
    plan = SceneGraph(entities=[Entity("e1", "dog")])
    inside = obj("e1", "dog", (0, 70, 20, 90), mask=True)
    inside.mask[:, 0] = False  # the box reaches the edge, the shape does not
    assert world(plan, [inside])["dog inside the picture"].status == "satisfied"
    cut = obj("e1", "dog", (0, 70, 20, 90), mask=True)
    assert violated(world(plan, [cut]))["dog inside the picture"] == "cut off at the left edge"
    peeking = SceneGraph(entities=[Entity("e1", "dog", 1, {"framing": "peeking"})])
    assert not violated(world(peeking, [cut]))


# -- size -------------------------------------------------------------------------------------
def test_a_cup_larger_than_its_table_is_out_of_proportion() -> None:
    plan = SceneGraph(
        entities=[Entity("e1", "cup"), Entity("e2", "table")],
        relations=[Relation("e1", "on", "e2")],
    )
    right = [obj("e2", "table", (30, 60, 70, 92)), obj("e1", "cup", (45, 52, 55, 62))]
    assert world(plan, right)["cup size"].status == "satisfied"
    wrong = [obj("e2", "table", (40, 75, 60, 92)), obj("e1", "cup", (30, 40, 70, 78))]
    assert violated(world(plan, wrong))["cup size"].startswith("drawn 2.0x the table's size")


def test_sizes_follow_the_size_table_unless_the_prompt_asks_otherwise() -> None:
    plan = SceneGraph(entities=[Entity("e1", "elephant"), Entity("e2", "dog")])
    small_elephant = [obj("e1", "elephant", (5, 70, 25, 90)), obj("e2", "dog", (50, 60, 80, 90))]
    bad = violated(world(plan, small_elephant))
    assert bad["elephant size"].endswith("an elephant is typically 1.4x a dog")
    asked = SceneGraph(entities=[Entity("e1", "elephant", 1, {"size": "tiny"}),
                                 Entity("e2", "dog", 1, {"size": "huge"})])  # fmt: skip
    assert "elephant size" not in violated(world(asked, small_elephant))


# -- overlap ----------------------------------------------------------------------------------
def test_only_related_things_overlap_and_labels_cover_nothing() -> None:
    plan = SceneGraph(entities=[Entity("e1", "cat"), Entity("e2", "dog")])
    apart = [obj("e1", "cat", (10, 70, 30, 90)), obj("e2", "dog", (50, 66, 74, 90))]
    assert world(plan, apart)["things clear of each other"].status == "satisfied"
    over = [obj("e1", "cat", (10, 70, 30, 90)), obj("e2", "dog", (20, 66, 44, 90))]
    found = violated(world(plan, over))
    assert found["dog clear of cat"].startswith("they overlap (50% of the smaller)")
    related = SceneGraph(entities=plan.entities, relations=[Relation("e1", "in front of", "e2")])
    assert not violated(world(related, over))
    labelled = SceneGraph(
        entities=[Entity("e1", "tree")],
        labels=[Label("roots", "e1", 0, (0.5, 0.95), (0.2, 0.75, 0.5, 0.85))],
    )
    bad = violated(world(labelled, [obj("e1", "tree", (30, 40, 70, 90))]))
    assert bad["label 'roots' clear"] == "it covers the tree"


def test_what_is_worn_is_part_of_its_wearer_for_overlap() -> None:
    """A train in front of a man is in front of the jacket he wears; a dog that is not in
    front of him still may not cover it."""
    people = [Entity("e1", "person"), Entity("e2", "jacket"), Entity("e3", "train")]
    worn = Relation("e2", "on", "e1")
    drawn = [obj("e1", "person", (20, 30, 50, 90)), obj("e2", "jacket", (25, 45, 45, 70)),
             obj("e3", "train", (30, 40, 90, 90))]  # fmt: skip
    front = SceneGraph(entities=people, relations=[worn, Relation("e3", "in front of", "e1")])
    assert "train clear of jacket" not in violated(world(front, drawn))
    unrelated = SceneGraph(entities=people, relations=[worn])
    assert "train clear of jacket" in violated(world(unrelated, drawn))


# -- legibility -------------------------------------------------------------------------------
def test_every_counted_instance_shows_at_least_half_of_itself() -> None:
    plan = SceneGraph(entities=[Entity("e1", "apple", 2)])
    side_by_side = [obj("e1", "apple", (10, 70, 30, 90), 0, mask=True),
                    obj("e1", "apple", (35, 70, 55, 90), 1, mask=True)]  # fmt: skip
    assert world(plan, side_by_side)["2 x apple visible"].status == "satisfied"
    hidden = [obj("e1", "apple", (10, 70, 30, 90), 0, mask=True),
              obj("e1", "apple", (14, 70, 34, 90), 1, mask=True)]  # fmt: skip
    assert violated(world(plan, hidden)) == {
        "2 x apple visible": "instance 1 shows only 20% of itself"
    }
    tiny = SceneGraph(entities=[Entity("e1", "ant")])
    speck = [obj("e1", "ant", (50, 80, 51, 81))]
    assert "too small to see" in violated(world(tiny, speck))["ant visible"]


# -- permanence -------------------------------------------------------------------------------
def test_what_nobody_changed_stays_as_it_was() -> None:
    before = SceneGraph(
        entities=[Entity("e1", "apple", 1, {"color": "red"}), Entity("e2", "bowl")],
        layout=[Box("e1", 0, (0.1, 0.7, 0.2, 0.8)), Box("e2", 0, (0.5, 0.7, 0.7, 0.9))],
    )
    was = [obj("e1", "apple", (10, 70, 20, 80), color="red"), obj("e2", "bowl", (50, 70, 70, 90))]
    parent = Parent(before, was)
    after = before.copy()
    after.entity("e2").attributes["color"] = "green"  # the edit changed the bowl only
    same = [obj("e1", "apple", (10, 70, 20, 80), color="red"),
            obj("e2", "bowl", (50, 70, 70, 90), color="green")]  # fmt: skip
    found = world(after, same, parent=parent)
    assert found["apple kept"].status == "satisfied"
    assert "bowl kept" not in found  # changed by the edit: the plan's findings check it
    moved = [obj("e1", "apple", (30, 70, 40, 80), color="red"), same[1]]
    assert violated(world(after, moved, parent=parent))["apple kept"] == "instance 1 moved 20 px"
    recoloured = [obj("e1", "apple", (10, 70, 20, 80), color="green"), same[1]]
    bad = violated(world(after, recoloured, parent=parent))
    assert bad["apple kept"] == "its color changed from 'red' to 'green'"


# -- what can be checked ----------------------------------------------------------------------
def test_an_engine_that_reports_nothing_leaves_the_world_unknown() -> None:
    verdict = check(CAT_ON_TABLE, Result(PICTURE, []))
    kinds = {f.kind: f.status for f in verdict.findings if f.kind != "plan"}
    assert kinds == dict.fromkeys(("support", "frame", "size", "overlap", "legibility"), "unknown")


class Boxes:
    def __init__(self, found: list[Detection]) -> None:
        self.found = found

    def detect(self, image, names):
        return self.found


def test_a_detector_checks_frame_size_and_overlap_from_its_boxes() -> None:
    detector = Boxes([Detection("table", (30, 20, 70, 52)), Detection("cat", (40, 0, 60, 22))])
    verdict = check(CAT_ON_TABLE, Result(PICTURE, []), detector=detector)
    status = {(f.kind, f.constraint): f.status for f in verdict.findings if f.kind != "plan"}
    assert status[("frame", "cat inside the picture")] == "violated"  # its box meets the top
    assert status[("size", "cat size")] == "satisfied"
    assert status[("overlap", "things clear of each other")] == "satisfied"
    assert status[("support", "things rest on something")] == "unknown"  # no known ground
    assert status[("legibility", "things visible")] == "unknown"


def test_findings_carry_their_kind_and_old_records_still_load() -> None:
    drawn = [obj("e2", "table", (30, 60, 70, 92)), obj("e1", "cat", (40, 38, 60, 62))]
    verdict = check(CAT_ON_TABLE, Result(PICTURE, drawn))
    data = verdict.to_dict()
    assert {f["kind"] for f in data["findings"]} >= {"plan", "support", "frame", "size"}
    again = Verdict([Finding(**f) for f in data["findings"]])  # as session/turn.py reads them
    assert again.to_dict() == data
    old = {"constraint": "1 x cat", "status": "satisfied", "reason": "1 drawn", "entities": ["e1"]}
    assert Finding(**old).kind == "plan"  # a record written before findings had kinds
    assert set(KINDS) == {"support", "frame", "size", "overlap", "legibility", "permanence"}


def test_the_verdict_line_names_what_is_physically_wrong() -> None:
    drawn = [obj("e2", "table", (30, 20, 70, 52), mask=True),
             obj("e1", "cat", (40, 0, 60, 22), mask=True)]  # fmt: skip
    verdict = check(CAT_ON_TABLE, Result(PICTURE, drawn))
    line = verdict.summary()
    assert "support: table on the ground (it floats 0.10 of the height" in line
    assert "say 'fix' to redraw them" in line
    named = [f"{f.kind}: {f.constraint}" for f in verdict.findings if f.status == "violated"]
    assert "frame: cat inside the picture" in named


@pytest.mark.parametrize("text", ["a cat on a table", "three red apples left of a blue bowl"])
def test_a_plan_can_be_checked_before_anything_is_drawn(text: str) -> None:
    from jupyter_imagechat.layout import arrange
    from jupyter_imagechat.planner import RulesPlanner

    scene = arrange(RulesPlanner().plan(text))
    assert not [f for f in check_layout(scene).findings if f.status == "violated"]
    scene.layout = [Box(b.entity, b.index, (b.box[0], b.box[1] - 0.7, b.box[2], b.box[3] - 0.7))
                    for b in scene.layout]  # fmt: skip
    bad = [f for f in check_layout(scene).findings if f.status == "violated"]
    assert {f.kind for f in bad} >= {"support", "frame"}
