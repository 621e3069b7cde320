"""Colours of things drawn in two colours: read where the engine painted the colour.

The built-in engine reports, per instance, the part it painted in the instance's colour
(``DrawnObject.painted``: a toilet's bowl and not its water, a tie and not the shirt
behind it). The checker reads the colour from the picture there; the report says where
to look, never what is there, so a picture repainted after drawing is caught however it
was repainted: the painted part only, or the whole shape.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.checker.check import SATISFIED, VIOLATED, check
from jupyter_imagechat.checker.colour import InstancePixels, colour_range, oklch
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.scene import COLORS, Box, Entity, SceneGraph

ENGINE = BuiltinEngine()
SIZE = {"width": 256, "height": 256}

TWO_COLOURED = [
    ("toilet", "yellow", "purple"),  # a white bowl with blue water: the bowl is painted
    ("carrot", "purple", "blue"),  # an orange root under a green top
    ("tie", "brown", "green"),  # a tie on a blue shirt
    ("potted plant", "red", "blue"),  # green leaves in a pot
    ("stop sign", "blue", "orange"),  # white letters on red
    ("cell phone", "pink", "green"),  # a dark case round a bright screen
    ("tv remote", "pink", "blue"),  # a dark face, buttons of every colour
    ("train", "black", "yellow"),  # a red cab over yellow trim, half tinted
    ("potted plant", "white", "red"),  # pale and dark leaves in an orange pot
    ("sports ball", "yellow", "blue"),  # white panels between black ones
]
"""Artwork in more than one colour, the colour asked for and another to repaint it."""


def alone(name: str, colour: str, **more: str) -> SceneGraph:
    attributes = {"color": colour, **more}
    return SceneGraph(
        entities=[Entity("e1", name, 1, attributes), Entity("e2", "ball", 1)],
        layout=[Box("e1", 0, (0.2, 0.25, 0.7, 0.85)), Box("e2", 0, (0.75, 0.7, 0.9, 0.85))],
    )


def colour_finding(scene: SceneGraph, result: Result, key: str = "color"):
    value = scene.entities[0].attributes[key]
    constraint = f"{scene.entities[0].name} {key} {value}"
    return next(f for f in check(scene, result).findings if f.constraint == constraint)


def pasted(result: Result, other: Image.Image, where: np.ndarray, obj: DrawnObject) -> Result:
    """``result`` with the pixels of ``where`` (in ``obj``'s box) taken from ``other``; the
    engine's report stays as it was."""
    rgb, src = np.asarray(result.image).copy(), np.asarray(other)
    x0, y0, x1, y1 = obj.box
    rgb[y0:y1, x0:x1][where] = src[y0:y1, x0:x1][where]
    return Result(Image.fromarray(rgb), result.objects, result.metadata)


def test_the_engine_reports_the_part_of_each_shape_it_painted() -> None:
    scene = alone("toilet", "yellow")
    result = ENGINE.draw(scene, settings=SIZE)
    toilet, ball = result.objects[0], result.objects[1]
    assert toilet.painted is not None
    assert toilet.mask is not None
    assert toilet.painted.shape == toilet.mask.shape
    assert not (toilet.painted & ~toilet.mask).any()  # within the shape
    assert 0.2 * toilet.mask.sum() < toilet.painted.sum() < 0.95 * toilet.mask.sum()
    assert ball.painted is None  # no colour asked for: nothing painted
    x0, y0, x1, y1 = toilet.box
    pixels = InstancePixels(result.image, result.objects)
    wanted = colour_range("yellow")
    assert wanted is not None
    assert pixels.read(toilet, wanted).source == "painted"
    inside = np.asarray(result.image)[y0:y1, x0:x1][toilet.painted]
    assert wanted.contains(oklch(inside)).mean() > 0.95  # the report points at the yellow


@pytest.mark.parametrize(("style", "facing"), [("outlined", "right"), (None, "left")])
def test_the_painted_part_follows_the_sprite_turned_and_outlined(
    style: str | None, facing: str
) -> None:
    scene = alone("car", "red", facing=facing)
    scene.style = style
    result = ENGINE.draw(scene, settings=SIZE)
    car = result.objects[0]
    assert car.painted is not None
    assert colour_finding(scene, result).status == SATISFIED
    x0, y0, x1, y1 = car.box
    inside = np.asarray(result.image)[y0:y1, x0:x1][car.painted]
    red = colour_range("red")
    assert red is not None
    assert red.contains(oklch(inside)).mean() > 0.95


@pytest.mark.parametrize(("name", "colour", "other"), TWO_COLOURED)
def test_two_coloured_artwork_is_kept_clean_and_caught_however_it_is_repainted(
    name: str, colour: str, other: str
) -> None:
    scene = alone(name, colour)
    result = ENGINE.draw(scene, settings=SIZE)
    assert colour_finding(scene, result).status == SATISFIED
    obj = result.objects[0]
    assert obj.painted is not None
    assert obj.mask is not None
    recoloured = alone(name, other)
    other_picture = ENGINE.draw(recoloured, settings=SIZE).image
    # the painted part repainted, shading and all (the other parts stay as drawn)
    found = colour_finding(scene, pasted(result, other_picture, obj.mask, obj))
    assert found.status == VIOLATED, found.reason
    # the whole shape repainted flat
    flat = Image.new("RGB", result.image.size, COLORS[other])
    found = colour_finding(scene, pasted(result, flat, obj.mask, obj))
    assert found.status == VIOLATED, found.reason
    # only the other parts repainted (a toilet's water, a carrot's top): still the colour
    rest = obj.mask & ~obj.painted
    assert colour_finding(scene, pasted(result, flat, rest, obj)).status == SATISFIED


def test_a_pattern_shares_the_painted_part_and_each_colour_is_read_there() -> None:
    scene = alone("umbrella", "blue", color2="yellow", pattern="spotted")
    result = ENGINE.draw(scene, settings=SIZE)
    assert colour_finding(scene, result).status == SATISFIED
    assert colour_finding(scene, result, "color2").status == SATISFIED
    plain = ENGINE.draw(alone("umbrella", "blue", color2="blue", pattern="spotted"), settings=SIZE)
    obj = result.objects[0]
    no_spots = pasted(result, plain.image, obj.mask, obj)  # the yellow spots painted blue
    assert colour_finding(scene, no_spots).status == SATISFIED
    assert colour_finding(scene, no_spots, "color2").status == VIOLATED


def test_a_painted_part_that_hardly_shows_is_not_read_alone() -> None:
    """Too little of the painted part in view: the whole visible shape is read instead."""
    picture = Image.new("RGB", (60, 60), (230, 230, 230))
    rgb = np.asarray(picture).copy()
    rgb[10:50, 10:50] = (200, 30, 30)
    mask = np.zeros((40, 40), dtype=bool)
    mask[2:38, 2:38] = True  # a square drawn within its box
    speck = np.zeros((40, 40), dtype=bool)
    speck[2:4, 2:4] = True
    obj = DrawnObject("e1", 0, "box", (10, 10, 50, 50), {}, mask, None, speck)
    pixels, source = InstancePixels(Image.fromarray(rgb), [obj]).of(obj)
    assert source == "shape"
    assert len(pixels) > 1000
    painted = np.zeros((40, 40), dtype=bool)
    painted[2:30, 5:35] = True  # from the square's top edge down
    obj.painted = painted
    pixels, source = InstancePixels(Image.fromarray(rgb), [obj]).of(obj)
    assert source == "painted"
    assert len(pixels) == 27 * 30  # one pixel in from the shape's edge, not the part's
