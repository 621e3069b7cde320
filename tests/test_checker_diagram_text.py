"""A diagram's written words (labels, arrow labels, panel titles) are read back from the
picture where the engine says it wrote them, never taken from its report."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.checker.check import SATISFIED, UNKNOWN, VIOLATED, check
from jupyter_imagechat.checker.ocr import TextLine
from jupyter_imagechat.engines.base import Result
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.scene import Arrow, Entity, Label, Panel, SceneGraph

ENGINE = BuiltinEngine()
SIZE = {"width": 448, "height": 448}
needs_ocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None and sys.version_info >= (3, 13),
    reason="ocr: rapidocr-onnxruntime has no wheel for this Python yet",
)


def two_panels() -> SceneGraph:
    """A tadpole grows into a frog: two titled panels, an arrow with a word, a label."""
    return SceneGraph(
        entities=[Entity("e1", "fish"), Entity("e2", "frog")],
        panels=[Panel("p1", ["e1"], "before"), Panel("p2", ["e2"], "after")],
        arrows=[Arrow("p1", "p2", "grows")],
        labels=[Label("legs", "e2", 0, (0.5, 0.8))],
    )


@pytest.fixture(scope="module")
def drawn() -> tuple[SceneGraph, Result]:
    plan = arrange(two_panels())
    return plan, ENGINE.draw(plan, settings=SIZE)


def texts(verdict) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return {
        f.constraint: (f.status, f.reason, f.entities)
        for f in verdict.findings
        if f.constraint.startswith("text ")
    }


def blanked(result: Result, box) -> Result:
    """``result`` with the pixel box ``box`` painted the colour at its corner."""
    rgb = np.asarray(result.image).copy()
    x0, y0, x1, y1 = (round(v) for v in box)
    rgb[y0 - 1 : y1 + 1, x0 - 1 : x1 + 1] = rgb[max(y0 - 3, 0), max(x0 - 3, 0)]
    return Result(Image.fromarray(rgb), result.objects, result.metadata)


class Reads:
    """A text reader that reads what it is told."""

    def __init__(self, *lines: TextLine) -> None:
        self.lines = list(lines)

    def read(self, image: Image.Image) -> list[TextLine]:
        return self.lines


def reported(result: Result, kind: str, key: str, value: str) -> dict:
    return next(e for e in result.metadata["diagram"][kind] if e.get(key) == value)


def test_each_written_word_of_a_diagram_has_a_finding_and_none_is_kept_without_ocr(drawn):
    plan, result = drawn
    found = texts(check(plan, result, reader=None))
    assert set(found) == {
        "text 'legs' (label on frog)",
        "text 'grows' (arrow label)",
        "text 'before' (panel title)",
        "text 'after' (panel title)",
    }
    assert found["text 'legs' (label on frog)"][2] == ("e2",)
    assert found["text 'grows' (arrow label)"][2] == ("p1", "p2")
    for status, reason, _ in found.values():
        assert status == UNKNOWN
        assert 'pip install "jupyter-imagechat[ocr]"' in reason


def test_a_word_read_elsewhere_than_where_it_was_reported_is_not_kept(drawn):
    plan, result = drawn
    label = reported(result, "labels", "text", "legs")
    x0, y0, x1, y1 = label["box"]
    there = Reads(TextLine("legs", (x0, y0, x1, y1)))
    assert texts(check(plan, result, reader=there))["text 'legs' (label on frog)"][:2] == (
        SATISFIED,
        "read where it was written",
    )
    far = (x0, 0, x1, 12) if y0 > 60 else (x0, 400, x1, 412)
    elsewhere = Reads(TextLine("legs", far))
    found = texts(check(plan, result, reader=elsewhere))
    # Strokes are where it was reported and the word is read elsewhere: the same word may
    # be written twice (two arrows labelled "wire") and OCR miss one, so this is unknown.
    assert found["text 'legs' (label on frog)"][:2] == (
        UNKNOWN,
        "written where it was written, but OCR does not read it as that",
    )
    found = texts(check(plan, blanked(result, label["box"]), reader=elsewhere))
    assert found["text 'legs' (label on frog)"][:2] == (VIOLATED, "not read where it was written")
    # 'grows' is read nowhere, but its strokes are there: OCR missed it, not the engine.
    assert found["text 'grows' (arrow label)"][0] == UNKNOWN


def test_a_word_misread_where_it_is_written_is_unknown_and_a_blank_there_is_not_kept(drawn):
    plan, result = drawn
    label = reported(result, "labels", "text", "legs")
    misread = Reads(TextLine("lind", tuple(label["box"])))  # OCR's blind spot for a word
    found = texts(check(plan, result, reader=misread))["text 'legs' (label on frog)"]
    assert found[:2] == (UNKNOWN, "written where it was written, but OCR does not read it as that")
    found = texts(check(plan, blanked(result, label["box"]), reader=misread))
    assert found["text 'legs' (label on frog)"][:2] == (VIOLATED, "not read where it was written")


def test_a_label_too_small_to_read_is_unknown(drawn):
    plan, _ = drawn
    tiny = ENGINE.draw(plan, settings={"width": 96, "height": 96})
    found = texts(check(plan, tiny, reader=Reads()))
    assert found["text 'legs' (label on frog)"][:2] == (UNKNOWN, "written too small to read")


@needs_ocr
def test_ocr_reads_each_word_and_catches_each_one_blanked(drawn):
    plan, result = drawn
    found = texts(check(plan, result))
    assert {k: v[0] for k, v in found.items()} == dict.fromkeys(found, SATISFIED)
    boxes = {
        "text 'legs' (label on frog)": reported(result, "labels", "text", "legs")["box"],
        "text 'grows' (arrow label)": reported(result, "arrows", "label", "grows")["label_box"],
        "text 'after' (panel title)": reported(result, "panels", "title", "after")["title_box"],
    }
    for constraint, box in boxes.items():
        after = texts(check(plan, blanked(result, box)))
        assert after[constraint][:2] == (VIOLATED, "not read where it was written"), constraint
        others = {k: v[0] for k, v in after.items() if k != constraint}
        assert set(others.values()) == {SATISFIED}, (constraint, others)


def test_an_edge_between_two_plain_areas_is_not_taken_for_strokes(drawn):
    """A word blanked where its box spans a horizon (sky over grass) leaves no strokes:
    the edge is not writing, so the blank is caught, not excused as a misread."""
    plan, result = drawn
    label = reported(result, "labels", "text", "legs")
    x0, y0, x1, y1 = (round(v) for v in label["box"])
    rgb = np.asarray(result.image).copy()
    middle = y0 + 2 * (y1 - y0) // 3
    rgb[y0 - 2 : middle, x0 - 2 : x1 + 2] = (200, 225, 250)  # sky
    rgb[middle : y1 + 2, x0 - 2 : x1 + 2] = (60, 130, 50)  # grass
    horizon = Result(Image.fromarray(rgb), result.objects, result.metadata)
    found = texts(check(plan, horizon, reader=Reads()))
    assert found["text 'legs' (label on frog)"][:2] == (VIOLATED, "not read where it was written")
    written = texts(check(plan, result, reader=Reads()))  # the word there, OCR reads nothing
    assert written["text 'legs' (label on frog)"][0] == UNKNOWN
