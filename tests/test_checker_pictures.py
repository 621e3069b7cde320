"""The checker reads colours, texts and styles from the picture, never from the engine's say.

Each test draws a picture, checks it, then corrupts the picture (a thing repainted, a
word blanked) while the engine's report stays the same: the verdict must follow the
pixels.
"""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw

from jupyter_imagechat.checker import ocr
from jupyter_imagechat.checker.check import SATISFIED, UNKNOWN, VIOLATED, check
from jupyter_imagechat.checker.colour import RANGES, colour_range, oklch
from jupyter_imagechat.checker.detector import Detection
from jupyter_imagechat.checker.ocr import TextLine, found_in
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import COLORS, Box, Entity, SceneGraph

PLANNER, ENGINE = RulesPlanner(), BuiltinEngine()
SIZE = {"width": 256, "height": 256}
needs_ocr = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr_onnxruntime") is None and sys.version_info >= (3, 13),
    reason="ocr: rapidocr-onnxruntime has no wheel for this Python yet",
)


def drawn(prompt: str, size: dict[str, int] = SIZE) -> tuple[SceneGraph, Result]:
    scene = arrange(PLANNER.plan(prompt), seed=0)
    return scene, ENGINE.draw(scene, settings=size)


def finding(scene: SceneGraph, result: Result, constraint: str, **kwargs):
    verdict = check(scene, result, **kwargs)
    return next(f for f in verdict.findings if f.constraint == constraint)


def repainted(result: Result, obj: DrawnObject, recolour) -> Result:
    """``result`` with ``obj``'s pixels passed through ``recolour`` (the report unchanged)."""
    rgb = np.asarray(result.image).copy()
    x0, y0, x1, y1 = obj.box
    part = rgb[y0:y1, x0:x1]
    part[obj.mask] = recolour(part[obj.mask])
    return Result(Image.fromarray(rgb), result.objects, result.metadata)


def swap_red_blue(pixels: np.ndarray) -> np.ndarray:
    """The same shading in another hue: red becomes blue."""
    return pixels[:, ::-1]


# -- colour -----------------------------------------------------------------------------------
def test_every_colour_name_has_a_range_that_holds_its_own_colour() -> None:
    assert set(COLORS) <= set(RANGES)
    for name, rgb in COLORS.items():
        assert RANGES[name].contains(oklch(np.array([rgb])))[0], name
    assert colour_range("grey") == RANGES["gray"]
    light = colour_range("light blue")
    assert light is not None
    assert light.contains(oklch(np.array([(150, 190, 245)])))[0]
    assert colour_range("rainbow") is None


def test_a_colour_is_read_inside_each_drawn_shape() -> None:
    scene, result = drawn("three red apples left of a blue bowl")
    assert finding(scene, result, "apple color red").status == SATISFIED
    assert finding(scene, result, "bowl color blue").status == SATISFIED
    apple = next(o for o in result.objects if o.name == "apple")
    assert apple.attributes.get("color") == "red"  # what the engine says...
    wrong = repainted(result, apple, swap_red_blue)  # ...and what the picture shows
    found = finding(scene, wrong, "apple color red")
    assert found.status == VIOLATED
    assert found.reason.startswith("1 of 3 looks blue")
    assert finding(scene, wrong, "bowl color blue").status == SATISFIED


def test_a_thing_hidden_behind_another_is_read_where_it_shows() -> None:
    scene = SceneGraph(
        entities=[Entity("e1", "apple", 1, {"color": "red"}), Entity("e2", "car", 1)],
        layout=[Box("e1", 0, (0.3, 0.3, 0.6, 0.6)), Box("e2", 0, (0.1, 0.2, 0.9, 0.8))],
    )
    result = ENGINE.draw(scene, settings=SIZE)
    assert [o.name for o in result.objects][-1] == "car"  # drawn over the apple
    found = finding(scene, result, "apple color red")
    assert found.status != SATISFIED  # the car covers it: its red is not in the picture


def test_red_and_white_striped_checks_both_colours() -> None:
    scene, result = drawn("a red and white striped cat")
    assert scene.entities[0].attributes["color2"] == "white"
    assert finding(scene, result, "cat color red").status == SATISFIED
    assert finding(scene, result, "cat color2 white").status == SATISFIED
    cat = result.objects[0]
    wrong = repainted(result, cat, swap_red_blue)  # blue and white stripes
    assert finding(scene, wrong, "cat color red").status == VIOLATED
    assert finding(scene, wrong, "cat color2 white").status != VIOLATED


def test_a_detector_box_is_read_in_its_middle() -> None:
    """An engine that reports nothing: the detector's box, not an engine's say."""
    scene = SceneGraph(entities=[Entity("e1", "ball", 1, {"color": "green"})])
    picture = Image.new("RGB", (200, 200), (240, 240, 240))
    ImageDraw.Draw(picture).ellipse((50, 50, 150, 150), fill=(60, 170, 70))

    class Finds:
        def detect(self, image, names):
            return [Detection("ball", (45, 45, 155, 155), 0.9, {"color": "red"})]

    assert finding(scene, Result(picture), "ball color green", detector=Finds()).status == (
        SATISFIED
    )
    ImageDraw.Draw(picture).ellipse((50, 50, 150, 150), fill=(220, 40, 40))
    found = finding(scene, Result(picture), "ball color green", detector=Finds())
    assert (found.status, found.reason) == (VIOLATED, "it looks red (0% of its pixels green)")


def test_a_colourless_style_leaves_colours_unknown_and_black_and_white_is_measured() -> None:
    scene = arrange(PLANNER.plan("a red apple"))
    scene.style = "black and white"
    result = ENGINE.draw(scene, settings=SIZE)
    assert finding(scene, result, "apple color red").status == UNKNOWN
    assert finding(scene, result, "style black and white").status == SATISFIED
    coloured = Result(drawn("a red apple")[1].image, result.objects)
    assert finding(scene, coloured, "style black and white").status == VIOLATED


def test_styles_materials_and_other_attributes_are_unknown_unless_measured() -> None:
    scene, result = drawn("a wooden chair, a watercolor painting")
    assert scene.entities[0].attributes.get("material") == "wooden"
    assert result.objects[0].attributes.get("material") == "wooden"  # the engine says so
    material = finding(scene, result, "chair material wooden")
    assert (material.status, material.reason) == (
        UNKNOWN,
        "the material is not measured from the picture",
    )
    assert finding(scene, result, f"style {scene.style}").status == UNKNOWN
    small = SceneGraph(entities=[Entity("e1", "dog", 1, {"size": "small"})])
    small = arrange(small)
    assert finding(small, ENGINE.draw(small, settings=SIZE), "dog size small").status == UNKNOWN


def test_a_layout_check_reads_no_picture() -> None:
    from jupyter_imagechat.checker.check import check_layout

    scene = arrange(PLANNER.plan("a red apple next to a sign that says 'Exit'"))
    verdict = check_layout(scene)
    statuses = {f.constraint: f.status for f in verdict.findings}
    assert statuses["apple color red"] == UNKNOWN
    assert statuses["sign text Exit"] == UNKNOWN
    assert statuses["apple next to sign"] == SATISFIED


# -- counts -----------------------------------------------------------------------------------
def test_a_reported_thing_that_the_picture_does_not_show_is_not_counted() -> None:
    scene, result = drawn("three red apples left of a blue bowl")
    assert finding(scene, result, "3 x apple").status == SATISFIED
    last = [o for o in result.objects if o.name == "apple"][-1]
    fewer = scene.copy()
    fewer.entities[0].count = 2
    fewer.layout = [b for b in fewer.layout if (b.entity, b.index) != ("e1", last.index)]
    without = np.asarray(ENGINE.draw(fewer, settings=SIZE).image)
    rgb = np.asarray(result.image).copy()
    x0, y0, x1, y1 = last.box
    rgb[y0:y1, x0:x1][last.mask] = without[y0:y1, x0:x1][last.mask]  # painted over
    (sx0, sy0, sx1, sy1), shadow = last.shadow
    rgb[sy0:sy1, sx0:sx1][shadow] = without[sy0:sy1, sx0:sx1][shadow]
    erased = Result(Image.fromarray(rgb), result.objects)  # the report still lists three
    found = finding(scene, erased, "3 x apple")
    assert (found.status, found.reason) == (VIOLATED, "3 drawn, 1 of them not in the picture")
    assert finding(scene, erased, "1 x bowl").status == SATISFIED


def test_a_thing_drawn_in_thin_strokes_on_a_plain_page_is_counted() -> None:
    # Steam is three thin wavy lines: a shape that took in the sprite's faint fringe (the
    # page's own white) read as "not in the picture" across its edge.
    scene, result = drawn("the three states of water", {"width": 512, "height": 512})
    assert finding(scene, result, "1 x steam").status == SATISFIED


# -- text -------------------------------------------------------------------------------------
def test_text_matching_is_forgiving_of_ocr_and_strict_about_words() -> None:
    def lines(*texts: str) -> list[TextLine]:
        return [TextLine(t, (0, 20 * i, 100, 20 * i + 12)) for i, t in enumerate(texts)]

    assert found_in("Exit", lines("EXIT"))
    assert found_in("x + 2 = 5", lines("x+ 2=5"))
    assert found_in("Tom", lines("Tom]"))  # the arrow beside a label
    assert found_in("Happy Birthday", lines("Happy", "Blrthday"))  # two lines, one misread
    assert found_in("hello world", lines("helloworld"))
    assert not found_in("hi", lines("chicken"))
    assert not found_in("START", lines("STOP"))
    assert not found_in("Exit", lines("Exit"), region=(0, 50, 100, 100))  # somewhere else
    assert not found_in("Exit", [TextLine("Exit", (0, 0, 10, 10), score=0.2)])  # unsure
    assert not ocr.readable("Привет")  # the shipped models read Latin and Chinese
    assert ocr.readable("café")
    assert ocr.readable("你好")


class Reads:
    """A text reader that reads what it is told, for engines and tests without OCR."""

    def __init__(self, *texts: tuple[str, tuple[int, int, int, int]]) -> None:
        self.lines = [TextLine(t, box) for t, box in texts]
        self.calls = 0

    def read(self, image: Image.Image) -> list[TextLine]:
        self.calls += 1
        return self.lines


def test_text_findings_ask_the_reader_once_and_look_on_the_thing() -> None:
    scene = SceneGraph(
        entities=[Entity("e1", "mug", 2, {"text": "hi"})],
        texts=["Welcome"],
    )
    objects = [
        DrawnObject("e1", 0, "mug", (10, 100, 60, 150), {"text": "hi"}),
        DrawnObject("e1", 1, "mug", (140, 100, 190, 150), {"text": "hi"}),
    ]
    picture = Image.new("RGB", (200, 200), "white")
    both = Reads(
        ("hi", (20, 110, 50, 130)), ("hi", (150, 110, 180, 130)), ("Welcome", (50, 5, 150, 25))
    )
    verdict = check(scene, Result(picture, objects), reader=both)
    assert both.calls == 1
    statuses = {f.constraint: (f.status, f.reason) for f in verdict.findings}
    assert statuses["mug text hi"] == (SATISFIED, "read on each of the 2")
    assert statuses["text 'Welcome'"] == (SATISFIED, "read in the picture")
    one = Reads(("hi", (20, 110, 50, 130)))
    statuses = {
        f.constraint: (f.status, f.reason)
        for f in check(scene, Result(picture, objects), reader=one).findings
    }
    assert statuses["mug text hi"] == (VIOLATED, "not read on 1 of 2")
    assert statuses["text 'Welcome'"] == (VIOLATED, "not read anywhere in the picture")


def test_without_ocr_text_is_unknown_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    scene, result = drawn("a sign that says 'Exit'")
    found = finding(scene, result, "sign text Exit", reader=None)
    assert found.status == UNKNOWN
    assert 'pip install "jupyter-imagechat[ocr]"' in found.reason
    monkeypatch.setattr(ocr, "_SHARED", [])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    assert ocr.default_reader() is None
    assert finding(scene, result, "sign text Exit").status == UNKNOWN  # the default: none


def test_a_failing_reader_leaves_text_unknown() -> None:
    class Broken:
        def read(self, image):
            raise RuntimeError("model file damaged")

    scene, result = drawn("a sign that says 'Exit'")
    found = finding(scene, result, "sign text Exit", reader=Broken())
    assert (found.status, found.reason) == (UNKNOWN, "reading the text failed (RuntimeError)")


@needs_ocr
def test_ocr_reads_a_written_word_and_misses_a_blanked_one() -> None:
    scene, result = drawn("a sign that says 'Exit'", {"width": 384, "height": 384})
    assert finding(scene, result, "sign text Exit").status == SATISFIED
    bare = scene.copy()
    del bare.entities[0].attributes["text"]
    unwritten = ENGINE.draw(bare, settings={"width": 384, "height": 384}).image
    blank = Result(unwritten, result.objects)  # the engine still says it wrote "Exit"
    assert result.objects[0].attributes["text"] == "Exit"
    found = finding(scene, blank, "sign text Exit")
    assert (found.status, found.reason) == (VIOLATED, "not read on it")


@needs_ocr
def test_ocr_reads_labels_and_captions_and_refuses_the_wrong_word() -> None:
    scene, result = drawn(
        "a cat labelled 'Tom' and the caption 'Pets'", {"width": 384, "height": 384}
    )
    assert finding(scene, result, "cat label Tom").status == SATISFIED
    assert finding(scene, result, "text 'Pets'").status == SATISFIED
    other = scene.copy()
    other.entities[0].attributes["label"] = "Max"
    other.texts = ["Dogs"]
    assert finding(other, result, "cat label Max").status == VIOLATED
    assert finding(other, result, "text 'Dogs'").status == VIOLATED
