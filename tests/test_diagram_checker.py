"""The checker verifies a diagram from what was drawn, and says so when it cannot."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from jupyter_imagechat.checker.check import check
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.scene import Arrangement, Arrow, Entity, Label, Panel, SceneGraph

engine = BuiltinEngine()


def lesson() -> SceneGraph:
    """A little of everything: a labelled cycle in two panels and an equation."""
    return SceneGraph(
        entities=[
            Entity("e1", "cloud"),
            Entity("e2", "rain"),
            Entity("e3", "apple", 2),
            Entity("e4", "apple", 1),
            Entity("e5", "apple", 3),
        ],
        panels=[Panel("p1", ["e1"], "cloud"), Panel("p2", ["e2"], "rain")],
        arrows=[Arrow("p1", "p2", "falls")],
        labels=[Label("drops", "e2", 0, (0.5, 0.8))],
        arrangements=[Arrangement("row", ["e3", "e4", "e5"], signs=["+", "="])],
    )


@pytest.fixture(scope="module")
def drawn() -> tuple[SceneGraph, Result]:
    plan = arrange(lesson())
    return plan, engine.draw(plan, settings={"width": 512, "height": 512})


def diagram_findings(plan: SceneGraph, result: Result) -> dict[str, tuple[str, str]]:
    verdict = check(plan, result, reader=None)
    return {
        f.constraint: (f.status, f.reason)
        for f in verdict.findings
        if f.constraint.startswith(("arrow", "label", "panel", "row", "circle"))
    }


def with_report(result: Result, change) -> Result:
    report = copy.deepcopy(result.metadata["diagram"])
    change(report)
    return Result(result.image, result.objects, {**result.metadata, "diagram": report})


def test_a_well_drawn_diagram_is_all_kept(drawn):
    plan, result = drawn
    found = diagram_findings(plan, result)
    assert set(found) == {
        "arrow cloud -> rain (falls)",
        "label 'drops' on rain",
        "panel 'cloud'",
        "panel 'rain'",
        "row: apple, apple, apple with + =",
    }
    assert all(status == "satisfied" for status, _ in found.values()), found


def test_without_a_report_every_diagram_part_is_unknown(drawn):
    plan, result = drawn
    bare = Result(result.image, result.objects, {"mode": "text2img"})
    verdict = check(plan, bare, reader=None)
    unknown = [f for f in verdict.findings if f.reason.startswith("the engine did not report")]
    assert len(unknown) == 5
    assert all(f.status == "unknown" for f in unknown)
    total = len(verdict.findings)
    known = total - verdict.count("unknown")  # its written words are unknown too (no OCR)
    assert f"checked {known} of {total}" in verdict.summary()  # not all


def test_an_arrow_drawn_the_wrong_way_or_not_at_all_is_violated(drawn):
    plan, result = drawn

    def reverse(report):
        arrow = report["arrows"][0]
        arrow["from"], arrow["to"] = arrow["to"], arrow["from"]

    found = diagram_findings(plan, with_report(result, reverse))
    assert found["arrow cloud -> rain (falls)"] == (
        "violated",
        "its ends are not at the two things",
    )
    missing = diagram_findings(plan, with_report(result, lambda r: r["arrows"].clear()))
    assert missing["arrow cloud -> rain (falls)"][0] == "violated"


def test_a_label_over_a_thing_over_another_word_or_outside_is_violated(drawn):
    plan, result = drawn
    apple = next(o for o in result.objects if o.entity == "e3")

    def cover(report):
        report["labels"][0]["box"] = list(apple.box)

    status, reason = diagram_findings(plan, with_report(result, cover))["label 'drops' on rain"]
    assert status == "violated"
    assert reason == "its text covers the apple"

    def crowd(report):
        report["labels"][0]["box"] = list(report["arrows"][0]["label_box"])

    _, reason = diagram_findings(plan, with_report(result, crowd))["label 'drops' on rain"]
    assert reason == "its text overlaps the arrow label 'falls'"

    def outside(report):
        report["labels"][0]["box"] = [500, 10, 560, 40]

    _, reason = diagram_findings(plan, with_report(result, outside))["label 'drops' on rain"]
    assert reason == "its text is not wholly inside the picture"


def test_a_thing_outside_its_panel_breaks_the_panel(drawn):
    plan, result = drawn
    moved = [
        DrawnObject(o.entity, o.index, o.name, (0, 0, 20, 20), o.attributes, None)
        if o.entity == "e1"
        else o
        for o in result.objects
    ]
    found = diagram_findings(plan, Result(result.image, moved, result.metadata))
    assert found["panel 'cloud'"] == ("violated", "cloud drawn outside it")


def test_a_row_out_of_line_a_missing_sign_or_a_wrong_count_is_violated(drawn):
    plan, result = drawn
    row = "row: apple, apple, apple with + ="

    def lifted(o: DrawnObject) -> DrawnObject:
        x0, y0, x1, y1 = o.box
        return DrawnObject(o.entity, o.index, o.name, (x0, y0 - 80, x1, y1 - 80), o.attributes)

    shifted = [lifted(o) if o.entity == "e4" else o for o in result.objects]
    found = diagram_findings(plan, Result(result.image, shifted, result.metadata))
    assert found[row] == ("violated", "row 1 is not in line")
    no_sign = with_report(result, lambda r: r["signs"].pop())
    assert diagram_findings(plan, no_sign)[row] == ("violated", "its signs were not all drawn")
    fewer = [o for o in result.objects if not (o.entity == "e5" and o.index == 2)]
    found = diagram_findings(plan, Result(result.image, fewer, result.metadata))
    assert found[row] == ("violated", "2 of 3 apple drawn")


def test_a_diagram_finding_names_what_fix_would_redraw(drawn):
    plan, result = drawn
    shifted = [
        DrawnObject(o.entity, o.index, o.name, (o.box[0], 0, o.box[2], 30), o.attributes)
        if o.entity == "e4"
        else o
        for o in result.objects
    ]
    verdict = check(plan, Result(result.image, shifted, result.metadata), reader=None)
    row = next(f for f in verdict.findings if f.constraint.startswith("row"))
    assert row.entities == ("e3", "e4", "e5")


def test_a_cycle_drawn_out_of_order_is_violated():
    plan = arrange(
        SceneGraph(
            entities=[Entity(f"e{i}", n) for i, n in enumerate(["egg", "chick", "hen", "nest"])],
            arrangements=[Arrangement("circle", ["e0", "e1", "e2", "e3"])],
        )
    )
    result = engine.draw(plan, settings={"width": 512, "height": 512})
    name = "circle: egg, chick, hen, nest"
    assert diagram_findings(plan, result)[name][0] == "satisfied"
    drawn = {o.entity: o for o in result.objects}
    swap = {"e1": "e2", "e2": "e1"}
    swapped = [  # the chick drawn where the hen goes and the hen where the chick goes
        dataclasses.replace(o, box=drawn[swap[o.entity]].box, mask=drawn[swap[o.entity]].mask)
        if o.entity in swap
        else o
        for o in result.objects
    ]
    found = diagram_findings(plan, Result(result.image, swapped, result.metadata))
    assert found[name] == ("violated", "its things are not in order round the circle")
