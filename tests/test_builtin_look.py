"""The built-in engine's look: crisp at every size, attributes, backgrounds, styles, text."""

from __future__ import annotations

import colorsys
import itertools

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.engines.builtin.artwork import render_artwork
from jupyter_imagechat.engines.builtin.backgrounds import make_background
from jupyter_imagechat.engines.builtin.sprites import artwork_sprite
from jupyter_imagechat.scene import Box, Entity, SceneGraph


def scene_of(*items, **kw) -> SceneGraph:
    """Build a scene from ``(name, attributes, [box, ...])`` items, ids e1, e2, ..."""
    entities, layout = [], []
    for n, (name, attrs, boxes) in enumerate(items, start=1):
        entities.append(Entity(f"e{n}", name, len(boxes), dict(attrs)))
        layout += [Box(f"e{n}", i, b) for i, b in enumerate(boxes)]
    return SceneGraph(entities=entities, layout=layout, **kw)


def draw(scene: SceneGraph, size: int = 256):
    return BuiltinEngine().draw(scene, settings={"width": size, "height": size})


def edge_band(alpha: np.ndarray) -> float:
    """Average width in pixels of the soft (anti-aliased) rim of an alpha shape."""
    soft = ((alpha > 16) & (alpha < 240)).sum()
    solid = alpha >= 128
    boundary = (solid[:, 1:] != solid[:, :-1]).sum() + (solid[1:, :] != solid[:-1, :]).sum()
    return soft / max(boundary, 1)


# -- crisp at every size ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["apple", "cat", "fire hydrant"])
def test_big_artwork_has_edges_as_sharp_as_small_artwork(name):
    small = np.asarray(render_artwork(name, 200, 200).getchannel("A"))
    big = np.asarray(render_artwork(name, 1600, 1600).getchannel("A"))
    blurry = np.asarray(
        render_artwork(name, 256, 256).resize((1600, 1600), Image.Resampling.BICUBIC)
    )[..., 3]
    assert edge_band(big) < 2.0  # a one- or two-pixel rim, however large it is drawn
    assert edge_band(big) < 1.5 * edge_band(small) + 0.5
    assert edge_band(blurry) > 2 * edge_band(big)  # what an upscale would look like


def test_a_2048_px_scene_draws_its_objects_sharp():
    scene = scene_of(("dog", {}, [(0.1, 0.1, 0.9, 0.9)]))
    result = draw(scene, 2048)
    (dog,) = result.objects
    assert dog.box[2] - dog.box[0] > 1200
    assert dog.mask is not None
    alpha = np.where(dog.mask, 255, 0).astype(np.uint8)
    assert alpha.shape == (dog.box[3] - dog.box[1], dog.box[2] - dog.box[0])
    sprite = artwork_sprite("dog", None, *result.objects[0].mask.shape[::-1])
    assert edge_band(np.asarray(sprite.getchannel("A"))) < 2.0


# -- attributes -------------------------------------------------------------------------------
def test_facing_mirrors_the_artwork_and_default_facing_is_left():
    plain = np.asarray(artwork_sprite("dog", None, 120, 120))
    right = np.asarray(artwork_sprite("dog", None, 120, 120, flip=True))
    assert np.array_equal(right, plain[:, ::-1])
    one = scene_of(("dog", {"facing": "right"}, [(0.2, 0.2, 0.8, 0.8)]))
    other = scene_of(("dog", {"facing": "left"}, [(0.2, 0.2, 0.8, 0.8)]))
    a, b = np.asarray(draw(one).image), np.asarray(draw(other).image)
    assert not np.array_equal(a, b)
    assert np.array_equal(b, np.asarray(draw(scene_of(("dog", {}, [(0.2, 0.2, 0.8, 0.8)]))).image))


def test_an_airplane_facing_left_is_mirrored_because_its_artwork_looks_right():
    left = draw(scene_of(("airplane", {"facing": "left"}, [(0.2, 0.2, 0.8, 0.8)]))).image
    plain = draw(scene_of(("airplane", {}, [(0.2, 0.2, 0.8, 0.8)]))).image
    assert not np.array_equal(np.asarray(left), np.asarray(plain))


def _nose_side(name: str) -> float:
    """Where the picture's mass sits left (<0.5) or right (>0.5) of its middle, top half:
    the head of an animal, the nose of a plane."""
    alpha = np.asarray(artwork_sprite(name, None, 120, 120).getchannel("A"), dtype=float)
    top = alpha[: alpha.shape[0] // 2]
    return float((top.sum(axis=0) * np.arange(top.shape[1])).sum() / top.sum() / top.shape[1])


def test_the_pictures_listed_as_looking_right_do_and_a_cat_looks_left():
    """The Noto cat and runner look left (a cat facing right is mirrored); the airplane
    and the rocket look right."""
    assert _nose_side("cat") < 0.5
    assert _nose_side("runner") < 0.5
    assert _nose_side("airplane") > 0.5
    assert _nose_side("rocket") > 0.5
    right = draw(scene_of(("cat", {"facing": "right"}, [(0.2, 0.2, 0.8, 0.8)]))).image
    plain = draw(scene_of(("cat", {}, [(0.2, 0.2, 0.8, 0.8)]))).image
    assert not np.array_equal(np.asarray(right), np.asarray(plain))


def hue_of(sprite: Image.Image) -> tuple[float, float]:
    arr = np.asarray(sprite.convert("RGBA"), dtype=np.float64)
    rgb = arr[arr[..., 3] > 200][:, :3].mean(axis=0) / 255
    h, s, _ = colorsys.rgb_to_hsv(*rgb)
    return h * 360, s


def test_wooden_is_brown_and_grained():
    wood = np.asarray(artwork_sprite("chair", None, 200, 200, material="wooden"))
    plain = np.asarray(artwork_sprite("chair", None, 200, 200))
    assert not np.array_equal(wood, plain)
    hue, sat = hue_of(Image.fromarray(wood))
    assert 15 < hue < 45  # brown
    assert sat > 0.3
    luma = wood[..., :3].astype(float) @ [0.299, 0.587, 0.114]
    seen = wood[..., 3] > 200
    rows = [luma[y][seen[y]] for y in range(wood.shape[0]) if seen[y].sum() > 20]
    assert np.mean([r.std() for r in rows]) > 8  # grain: light and dark streaks


def test_glass_lets_the_background_show_through():
    def vase(material, background):
        attrs = {"material": material} if material else {}
        return np.asarray(
            draw(scene_of(("vase", attrs, [(0.3, 0.2, 0.7, 0.9)]), background=background)).image,
            dtype=float,
        )

    sky = np.asarray(draw(SceneGraph(background="night")).image, dtype=float)
    covered = np.abs(vase(None, "night") - sky).sum(axis=-1) > 60  # where the vase is
    plain_shift = np.abs(vase(None, "night") - vase(None, "day"))[covered].mean()
    glass_shift = np.abs(vase("glass", "night") - vase("glass", "day"))[covered].mean()
    assert plain_shift < 2  # a solid vase hides what is behind it
    assert glass_shift > 25  # through glass, night and day show


def test_striped_paints_alternating_bands_in_a_second_colour():
    sprite = np.asarray(
        artwork_sprite("cat", (220, 40, 40), 200, 200, pattern="striped", second=(245, 245, 245))
    )
    solid = sprite[..., 3] > 200
    red = solid & (sprite[..., 0] > 150) & (sprite[..., 1] < 110)
    white = solid & (sprite[..., :3].min(axis=-1) > 180)
    assert red.sum() > 1500
    assert white.sum() > 1500
    diagonal = [red[i, i] for i in range(min(red.shape)) if solid[i, i]]
    changes = sum(a != b for a, b in itertools.pairwise(diagonal))
    assert changes >= 4


def test_size_words_make_things_smaller_in_the_same_box():
    def width(size):
        attrs = {"size": size} if size else {}
        return draw(scene_of(("apple", attrs, [(0.2, 0.2, 0.8, 0.8)]))).objects[0].box

    tiny, plain = width("tiny"), width(None)
    assert (tiny[2] - tiny[0]) < 0.9 * (plain[2] - plain[0])


# -- backgrounds and styles -------------------------------------------------------------------
SETTINGS = ["day", "night", "sunset", "sunrise", "grass", "beach", "snow", "forest", "room",
            "classroom", "kitchen", "space", "underwater", "ocean", "city", "mountains", "farm",
            "rain", "office", "library", "desert"]  # fmt: skip


def test_every_setting_has_its_own_background_at_every_size():
    small = {k: np.asarray(make_background(k, 64, 64), dtype=float) for k in SETTINGS}
    default = np.asarray(make_background(None, 64, 64), dtype=float)
    for key, im in small.items():
        if key != "day":  # the default is a plain day
            assert np.abs(im - default).mean() > 3, key
    for a in SETTINGS:
        for b in SETTINGS:
            if a < b:
                assert np.abs(small[a] - small[b]).mean() > 2, (a, b)
    big = make_background("city", 2048, 2048)
    assert big.size == (2048, 2048)


def _luma(a: np.ndarray) -> np.ndarray:
    return a @ np.array([0.299, 0.587, 0.114])


def _sharp_edges(a: np.ndarray) -> float:
    """Share of neighbouring pixel pairs whose lightness jumps by more than 40 levels."""
    return float((np.abs(np.diff(_luma(a), axis=1)) > 40).mean())


def _colours(a: np.ndarray) -> int:
    return len(np.unique(a.reshape(-1, 3), axis=0))


@pytest.mark.parametrize("style", ["flat", "outlined", "pencil sketch", "watercolor", "pixel art",
                                   "oil painting", "black and white"])  # fmt: skip
def test_each_style_has_the_look_it_names(style):
    """Each style is checked for what makes it that style, not just for being different."""
    base = scene_of(("dog", {}, [(0.2, 0.3, 0.6, 0.9)]), ("apple", {}, [(0.65, 0.6, 0.85, 0.9)]))
    styled = scene_of(
        ("dog", {}, [(0.2, 0.3, 0.6, 0.9)]), ("apple", {}, [(0.65, 0.6, 0.85, 0.9)]), style=style
    )
    a, b = np.asarray(draw(base).image, dtype=int), np.asarray(draw(styled).image, dtype=int)
    assert np.abs(a - b).mean() > 1.0
    if style == "flat":  # a few flat colours
        assert _colours(b) <= 24 < _colours(a)
    if style == "pixel art":  # square blocks of one colour each, from a small palette
        block = max(4, round(b.shape[1] / 64))
        blocks = b[: b.shape[0] // block * block, : b.shape[1] // block * block]
        blocks = blocks.reshape(b.shape[0] // block, block, b.shape[1] // block, block, 3)
        assert (blocks == blocks[:, :1, :, :1]).all()
        assert _colours(b) <= 32
    if style == "pencil sketch":  # grey pencil lines on light paper
        assert np.abs(b[..., 0] - b[..., 1]).max() <= 8
        assert _luma(b).mean() > _luma(a).mean() + 25
        assert (_luma(b) < 150).mean() > 0.005  # the lines
    if style == "outlined":
        dark = (b.sum(axis=-1) < 150) & (a.sum(axis=-1) >= 150)
        assert dark.sum() > 300  # a dark rim round each thing
    if style == "watercolor":  # a lighter wash with soft edges, on grained paper
        assert _luma(b).mean() > _luma(a).mean() + 1.5
        assert _sharp_edges(b) < 0.85 * _sharp_edges(a)
        sky_a, sky_b = _luma(a[5:40, 5:60]), _luma(b[5:40, 5:60])
        assert np.abs(np.diff(sky_b, axis=1)).mean() > 2 * np.abs(np.diff(sky_a, axis=1)).mean()
    if style == "oil painting":  # blended dabs of paint: no hard clip-art edges
        assert _sharp_edges(b) < 0.75 * _sharp_edges(a)
        assert _colours(b) > 2 * _colours(a)
    if style == "black and white":
        assert np.abs(b - b[..., :1]).max() == 0  # no colour at all
        assert np.abs(_luma(b) - _luma(a)).mean() < 3  # the same lights and darks


# -- text ---------------------------------------------------------------------------------------
def test_a_sign_carries_the_text_on_its_board_and_nothing_at_the_top():
    sign = scene_of(("sign", {}, [(0.2, 0.3, 0.8, 0.9)]), texts=["Exit"])
    blank = scene_of(("sign", {}, [(0.2, 0.3, 0.8, 0.9)]))
    a, b = np.asarray(draw(sign).image, dtype=int), np.asarray(draw(blank).image, dtype=int)
    changed = np.abs(a - b).sum(axis=-1) > 60
    ys, xs = np.nonzero(changed)
    box = draw(sign).objects[0].box
    assert changed.sum() > 100
    assert ys.min() >= box[1]  # on the sign, not on a banner at the top
    assert ys.max() <= box[3]
    assert xs.min() >= box[0]
    other = np.asarray(draw(scene_of(("sign", {}, [(0.2, 0.3, 0.8, 0.9)]), texts=["Open"])).image)
    assert not np.array_equal(other, a)


def test_a_label_is_written_beside_its_object_with_an_arrow():
    plain = scene_of(("apple", {}, [(0.35, 0.35, 0.65, 0.65)]))
    labelled = scene_of(("apple", {"label": "fruit"}, [(0.35, 0.35, 0.65, 0.65)]))
    a = np.asarray(draw(plain, 512).image, dtype=int)
    b = np.asarray(draw(labelled, 512).image, dtype=int)
    x0, y0, x1, y1 = draw(labelled, 512).objects[0].box
    changed = np.abs(a - b).sum(axis=-1) > 60
    outside = changed.copy()
    outside[y0:y1, x0:x1] = False
    assert outside.sum() > 200  # the label card, beside the apple
    assert changed[y0:y1, x0:x1].sum() > 5  # the arrow's head reaches the apple


# -- ground and surfaces ----------------------------------------------------------------------
def test_a_thing_on_another_rests_on_its_surface():
    from jupyter_imagechat.layout.arrange import arrange
    from jupyter_imagechat.planner import RulesPlanner

    scene = arrange(RulesPlanner().plan("a cat on a bed"), seed=0)
    result = draw(scene, 512)
    bed = next(o for o in result.objects if o.name == "bed")
    cat = next(o for o in result.objects if o.name == "cat")
    column = (cat.box[0] + cat.box[2]) // 2 - bed.box[0]
    surface = bed.box[1] + int(np.flatnonzero(bed.mask[:, column])[0])
    assert abs(cat.box[3] - surface) <= 0.1 * (cat.box[3] - cat.box[1])  # no gap, no sinking
