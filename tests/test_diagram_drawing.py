"""The built-in engine draws the diagram vocabulary and reports where it drew each part."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.engines.builtin.diagram import INK, PAPER
from jupyter_imagechat.engines.builtin.engine import sketch
from jupyter_imagechat.engines.builtin.strokes import draw_sign
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.scene import SIGNS, Arrangement, Arrow, Entity, Label, Panel, SceneGraph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from diagram_samples import SAMPLES

engine = BuiltinEngine()
SIZE = {"width": 512, "height": 512}


def water_cycle() -> SceneGraph:
    """The README's cycle: wave, cloud, rain round a circle, labelled arrows between."""
    return SAMPLES["cycle"]()


def drawn(scene: SceneGraph, seed: int = 0):
    return engine.draw(arrange(scene, seed=seed), seed=seed, settings=SIZE)


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB")).astype(int)


def inky(image: Image.Image, box, tolerance: int = 60) -> int:
    """How many pixels in ``box`` (pixels) are close to the diagram's ink."""
    x0, y0, x1, y1 = (round(v) for v in box)
    part = pixels(image)[max(y0, 0) : y1, max(x0, 0) : x1]
    return int((np.abs(part - np.array(INK)).sum(axis=2) < tolerance).sum())


def object_box(result, entity: str, index: int = 0):
    return next(o.box for o in result.objects if o.entity == entity and o.index == index)


def dist(p, box) -> float:
    dx = max(box[0] - p[0], 0, p[0] - box[2])
    dy = max(box[1] - p[1], 0, p[1] - box[3])
    return math.hypot(dx, dy)


def test_a_plain_scene_reports_no_diagram_and_keeps_its_background():
    result = engine.draw(arrange(SceneGraph(entities=[Entity("e1", "cat")])), settings=SIZE)
    assert "diagram" not in result.metadata
    assert tuple(pixels(result.image)[5, 5]) != PAPER  # the sky, not a page


def test_arrows_join_the_things_as_drawn_and_a_cycle_goes_round():
    result = drawn(water_cycle())
    report = result.metadata["diagram"]
    assert [(a["start"], a["end"]) for a in report["arrows"]] == [
        ("e1", "e2"),
        ("e2", "e3"),
        ("e3", "e1"),
    ]
    middles = [
        ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
        for b in (object_box(result, e) for e in ("e1", "e2", "e3"))
    ]
    cx, cy = np.mean([m[0] for m in middles]), np.mean([m[1] for m in middles])
    for arrow in report["arrows"]:
        start, end = object_box(result, arrow["start"]), object_box(result, arrow["end"])
        assert dist(arrow["from"], start) < 20
        assert dist(arrow["to"], end) < 20
        assert dist(arrow["from"], end) > dist(arrow["from"], start)  # from the start
        # a cycle goes round: the arrow's word sits outside the circle of things
        lx0, ly0, lx1, ly1 = arrow["label_box"]
        word = ((lx0 + lx1) / 2, (ly0 + ly1) / 2)
        chord = ((arrow["from"][0] + arrow["to"][0]) / 2, (arrow["from"][1] + arrow["to"][1]) / 2)
        assert math.dist(word, (cx, cy)) > math.dist(chord, (cx, cy))
        assert inky(result.image, arrow["label_box"]) > 20  # the word is written
    # the line itself is drawn: ink along the way from each arrow's tail to its tip
    for arrow in report["arrows"]:
        x, y = arrow["to"]
        assert inky(result.image, (x - 6, y - 6, x + 6, y + 6)) > 10  # the head


def test_a_page_for_a_diagram_without_a_background_and_the_scene_s_own_otherwise():
    page = drawn(water_cycle())
    assert tuple(pixels(page.image)[3, 3]) == PAPER
    night = water_cycle()
    night.background = "night"
    dark = drawn(night)
    assert pixels(dark.image)[3, 3].sum() < 200


def test_labels_are_written_with_a_leader_line_ending_in_a_dot_on_their_part():
    scene = SceneGraph(
        entities=[Entity("e1", "tree")],
        labels=[Label("roots", "e1", 0, (0.5, 0.97)), Label("leaves", "e1", 0, (0.5, 0.2))],
    )
    result = drawn(scene)
    tree = object_box(result, "e1")
    labels = result.metadata["diagram"]["labels"]
    assert [lb["text"] for lb in labels] == ["roots", "leaves"]
    for label in labels:
        x, y = label["anchor"]
        assert tree[0] <= x <= tree[2]
        assert tree[1] <= y <= tree[3]
        assert inky(result.image, (x - 2, y - 2, x + 3, y + 3)) >= 4  # the dot
        assert inky(result.image, label["box"]) > 15  # the word
        fx, fy = label["from"]
        mid = ((fx + x) / 2, (fy + y) / 2)
        line = (mid[0] - 3, mid[1] - 3, mid[0] + 4, mid[1] + 4)
        assert inky(result.image, line, tolerance=300) > 0  # a thin, smooth line
    a, b = (lb["box"] for lb in labels)
    assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_panels_are_framed_titled_and_painted_with_their_own_background():
    scene = SceneGraph(
        entities=[Entity("e1", "sun"), Entity("e2", "snowman")],
        panels=[Panel("p1", ["e1"], "summer", "grass"), Panel("p2", ["e2"], "winter", "snow")],
    )
    result = drawn(scene)
    panels = result.metadata["diagram"]["panels"]
    assert [p["id"] for p in panels] == ["p1", "p2"]
    image = pixels(result.image)
    grass, snow = (p["inside"] for p in panels)
    low_grass = image[grass[3] - 8, (grass[0] + grass[2]) // 2]
    low_snow = image[snow[3] - 8, (snow[0] + snow[2]) // 2]
    assert low_grass[1] > low_grass[0] + 30  # green ground
    assert low_snow.min() > 200  # white ground
    for panel, member in zip(panels, ("e1", "e2"), strict=True):
        x0, y0, x1, y1 = panel["box"]
        box = object_box(result, member)
        assert x0 <= box[0]
        assert box[2] <= x1
        assert y0 <= box[1]
        assert box[3] <= y1
        assert inky(result.image, panel["title_box"], tolerance=90) > 15
        assert image[(y0 + y1) // 2, x0 + 1].sum() < 450  # the frame


def test_signs_are_drawn_between_the_members_of_an_equation():
    scene = SceneGraph(
        entities=[Entity("e1", "apple", 3), Entity("e2", "apple", 2), Entity("e3", "apple", 5)],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])],
    )
    result = drawn(scene)
    signs = result.metadata["diagram"]["signs"]
    assert [(s["sign"], s["between"]) for s in signs] == [("+", ["e1", "e2"]), ("=", ["e2", "e3"])]
    for sign in signs:  # on one line, or between the lines of a sum set one member a line
        first = [o.box for o in result.objects if o.entity == sign["between"][0]]
        then = [o.box for o in result.objects if o.entity == sign["between"][1]]
        x0, y0, x1, y1 = sign["box"]
        side_by_side = max(b[2] for b in first) <= x0 and x1 <= min(b[0] for b in then)
        one_above = max(b[3] for b in first) <= y0 and y1 <= min(b[1] for b in then)
        assert side_by_side or one_above
        assert inky(result.image, sign["box"]) > 20


def test_each_sign_has_its_own_shape():
    shapes = []
    for sign in SIGNS:
        canvas = Image.new("RGB", (40, 40), PAPER)
        draw_sign(canvas, sign, (4, 4, 36, 36), INK)
        shapes.append(pixels(canvas).sum(axis=2) < 400)
    for (a, sa), (b, sb) in itertools.combinations(zip(SIGNS, shapes, strict=True), 2):
        assert (sa != sb).sum() > 20, f"{a} and {b} look alike"
    plus, minus = shapes[SIGNS.index("+")], shapes[SIGNS.index("-")]
    assert plus[8:14, 18:22].any()
    assert not minus[8:14, 18:22].any()


def test_a_pictogram_writes_each_row_s_name_before_it():
    scene = SceneGraph(
        entities=[Entity("e1", "apple", 4), Entity("e2", "banana", 2)],
        arrangements=[Arrangement("pictogram", ["e1", "e2"])],
    )
    result = drawn(scene)
    names = result.metadata["diagram"]["names"]
    assert [n["text"] for n in names] == ["apple", "banana"]
    for name in names:
        first = min(o.box[0] for o in result.objects if o.entity == name["member"])
        assert name["box"][2] <= first
        assert name["box"][0] >= 0
        assert inky(result.image, name["box"]) > 15


def test_the_same_scene_and_seed_give_the_same_pixels():
    a, b = drawn(water_cycle(), seed=2), drawn(water_cycle(), seed=2)
    assert np.array_equal(pixels(a.image), pixels(b.image))
    assert a.metadata["diagram"] == b.metadata["diagram"]


def test_a_scene_from_elsewhere_without_word_boxes_still_gets_its_words():
    laid = arrange(water_cycle())
    for arrow in laid.arrows:
        arrow.box = None
    laid.labels = [Label("sea", "e1", 0, (0.5, 0.5))]  # no box: not laid out
    result = engine.draw(laid, settings=SIZE)
    report = result.metadata["diagram"]
    assert all("label_box" in a for a in report["arrows"])
    assert report["labels"][0]["text"] == "sea"
    assert laid.labels[0].box is None  # the engine does not change the plan it was given


def test_the_sketch_other_engines_start_from_shows_the_diagram():
    laid = arrange(water_cycle())
    plain = laid.copy()
    plain.arrows, plain.arrangements = [], []
    with_marks, without = sketch(laid, 128, 128), sketch(plain, 128, 128)
    assert inky(with_marks, (0, 0, 128, 128)) > inky(without, (0, 0, 128, 128)) + 50


@pytest.mark.parametrize("size", [(256, 256), (640, 384)])
def test_words_and_marks_stay_inside_pictures_of_any_size(size):
    scene = water_cycle()
    scene.labels = [Label("cloud", "e2", 0, (0.5, 0.9))]
    result = engine.draw(arrange(scene), settings={"width": size[0], "height": size[1]})
    report = result.metadata["diagram"]
    boxes = [a["label_box"] for a in report["arrows"]] + [lb["box"] for lb in report["labels"]]
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= size[0]
        assert 0 <= y0 < y1 <= size[1]


def test_a_diagram_drawn_without_a_layout_still_gets_its_words_where_things_went():
    scene = SceneGraph(
        entities=[Entity("e1", "cat"), Entity("e2", "dog")],
        arrows=[Arrow("e1", "e2", "chases")],
        labels=[Label("Tom", "e1")],
        panels=[Panel("p1", [], "empty")],
    )
    result = engine.draw(scene, settings=SIZE)  # no layout: the engine's own places
    report = result.metadata["diagram"]
    assert report["arrows"][0]["label_box"] is not None
    assert report["labels"][0]["text"] == "Tom"
    assert report["panels"] == []  # a panel with nothing laid out has no place


def test_a_big_picture_draws_a_cycle_without_a_huge_layer():
    result = engine.draw(arrange(water_cycle()), settings={"width": 2048, "height": 2048})
    for arrow in result.metadata["diagram"]["arrows"]:
        x, y = arrow["to"]
        assert inky(result.image, (x - 20, y - 20, x + 20, y + 20)) > 40
