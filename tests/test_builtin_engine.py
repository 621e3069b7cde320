"""The built-in engine: what users rely on when they draw offline."""

from __future__ import annotations

import colorsys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.engines.builtin import ARTWORK, BuiltinEngine, artwork_names, has_artwork
from jupyter_imagechat.engines.builtin.artwork import ASSET_DIR
from jupyter_imagechat.engines.builtin.backgrounds import BACKGROUNDS
from jupyter_imagechat.engines.builtin.catalogue import stem_of
from jupyter_imagechat.engines.builtin.draw import SpriteCache
from jupyter_imagechat.errors import Cancelled, InputError
from jupyter_imagechat.scene import Box, Entity, Relation, SceneGraph

DATA = Path(__file__).resolve().parent / "data"
SIZE = 256


def scene_of(*items, relations=(), **kw) -> SceneGraph:
    """Build a scene from ``(name, attributes, [box, ...])`` items, ids e1, e2, ..."""
    entities, layout = [], []
    for n, (name, attrs, boxes) in enumerate(items, start=1):
        entities.append(Entity(f"e{n}", name, len(boxes), dict(attrs)))
        layout += [Box(f"e{n}", i, b) for i, b in enumerate(boxes)]
    return SceneGraph(entities=entities, relations=list(relations), layout=layout, **kw)


def draw(scene, **kw):
    kw.setdefault("settings", {"width": SIZE, "height": SIZE})
    return BuiltinEngine().draw(scene, **kw)


def pixels(result) -> np.ndarray:
    return np.asarray(result.image, dtype=np.int16)


def object_pixels(scene: SceneGraph) -> np.ndarray:
    """Return the RGB pixels where the scene differs from its empty background."""
    full = pixels(draw(scene))
    empty = pixels(draw(SceneGraph(background=scene.background)))
    changed = np.abs(full - empty).sum(axis=-1) > 40
    return full[changed].astype(np.float64)


def mean_hue_luma(rgb: np.ndarray) -> tuple[float, float]:
    r, g, b = rgb.mean(axis=0) / 255.0
    return colorsys.rgb_to_hsv(r, g, b)[0] * 360.0, float(rgb.mean(axis=0) @ [0.299, 0.587, 0.114])


FIVE = scene_of(
    ("dog", {"color": "brown"}, [(0.05, 0.5, 0.35, 0.9)]),
    ("cat", {"color": "black"}, [(0.4, 0.6, 0.55, 0.85), (0.58, 0.6, 0.73, 0.85)]),
    ("umbrella", {"color": "red"}, [(0.1, 0.1, 0.4, 0.45)]),
    ("zorblax", {}, [(0.75, 0.5, 0.98, 0.9)]),
    texts=["Hi!"],
)


# -- contract ------------------------------------------------------------------------------
def test_create_engine_gives_builtin_engine():
    engine = create_engine("builtin")
    assert isinstance(engine, BuiltinEngine)
    assert engine.name == "builtin"
    assert engine.model is None


def test_result_is_rgb_at_requested_size_with_metadata():
    result = BuiltinEngine().draw(FIVE, settings={"width": 320, "height": 200})
    assert result.image.mode == "RGB"
    assert result.image.size == (320, 200)
    assert result.metadata["mode"] == "text2img"
    assert (result.metadata["width"], result.metadata["height"]) == (320, 200)
    assert BuiltinEngine().draw(SceneGraph()).image.size == (512, 512)


def test_same_inputs_give_identical_bytes():
    first = draw(FIVE, seed=7).image.tobytes()
    assert draw(FIVE, seed=7).image.tobytes() == first  # warm caches change nothing
    assert (
        BuiltinEngine().draw(FIVE, seed=7, settings={"width": SIZE, "height": SIZE}).image.tobytes()
        == first
    )


@pytest.mark.parametrize(
    "settings",
    [{"width": 10}, {"height": 5000}, {"width": "512"}, {"width": 512.0}, {"height": True}],
)
def test_bad_settings_raise_input_error_naming_key_and_value(settings):
    key, value = next(iter(settings.items()))
    with pytest.raises(InputError) as info:
        BuiltinEngine().draw(FIVE, settings=settings)
    assert key in str(info.value)
    assert str(value) in str(info.value)


def test_image_size_wins_over_settings_and_means_img2img():
    base = Image.new("RGB", (200, 120), "white")
    result = BuiltinEngine().draw(FIVE, image=base, settings={"width": 512, "height": 512})
    assert result.image.size == (200, 120)
    assert result.metadata["mode"] == "img2img"


# -- drawing what the scene says -------------------------------------------------------------
def test_drawn_boxes_lie_in_their_layout_boxes():
    result = draw(FIVE)
    assert len(result.objects) == 5
    boxes = {(b.entity, b.index): b.box for b in FIVE.layout}
    for obj in result.objects:
        x0, y0, x1, y1 = (v * SIZE for v in boxes[(obj.entity, obj.index)])
        bx0, by0, bx1, by1 = obj.box
        assert x0 - 1 <= bx0 < bx1 <= x1 + 1, obj
        assert y0 - 1 <= by0 < by1 <= y1 + 1, obj
        assert abs((bx0 + bx1) / 2 - (x0 + x1) / 2) <= 0.05 * (x1 - x0), obj  # centred
        assert (bx1 - bx0) * (by1 - by0) >= 0.25 * (x1 - x0) * (y1 - y0), obj  # fills it
        if obj.name != "umbrella":
            assert abs(by1 - y1) <= 1, obj  # stands on the bottom of its box
        assert obj.name == FIVE.entity(obj.entity).name
        assert obj.mask is not None  # its exact shape, where the checker reads its colour
        assert obj.mask.shape == (by1 - by0, bx1 - bx0)
        assert obj.mask.mean() > 0.2


def test_objects_are_reported_in_drawing_order_with_behind_first():
    same_box = [(0.3, 0.3, 0.7, 0.7)]
    red, blue = ("apple", {"color": "red"}, same_box), ("apple", {"color": "blue"}, same_box)
    centre = (SIZE // 2, SIZE // 2)
    for predicate, top in (("behind", "blue"), ("in front of", "red")):
        scene = scene_of(red, blue, relations=[Relation("e1", predicate, "e2")])
        result = draw(scene)
        r, g, b = result.image.getpixel(centre)
        assert (r > b) == (top == "red"), (predicate, (r, g, b))
        order = [o.entity for o in result.objects]
        assert order == (["e2", "e1"] if top == "red" else ["e1", "e2"])


def test_thing_on_a_table_is_drawn_after_the_table():
    scene = scene_of(
        ("cup", {}, [(0.4, 0.3, 0.6, 0.5)]),
        ("dining table", {}, [(0.1, 0.45, 0.9, 0.9)]),
        relations=[Relation("e1", "on", "e2")],
    )
    assert [o.name for o in draw(scene).objects] == ["dining table", "cup"]


def test_instances_without_boxes_get_separate_places_inside_the_picture():
    scene = SceneGraph(entities=[Entity("e1", "apple", 7), Entity("e2", "car", 1)])
    result = draw(scene)
    assert len(result.objects) == 8
    boxes = [o.box for o in result.objects]
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        assert 0 <= x0 < x1 <= SIZE
        assert 0 <= y0 < y1 <= SIZE
        for ox0, oy0, ox1, oy1 in boxes[i + 1 :]:
            assert min(x1, ox1) <= max(x0, ox0) or min(y1, oy1) <= max(y0, oy0)


@pytest.mark.parametrize(
    ("name", "color", "hue_range"),
    [("banana", "blue", (195, 250)), ("apple", "red", (-20, 20)), ("car", "green", (90, 150))],
)
def test_colour_attribute_sets_the_hue(name, color, hue_range):
    hue, _ = mean_hue_luma(
        object_pixels(scene_of((name, {"color": color}, [(0.2, 0.2, 0.8, 0.8)])))
    )
    hue = hue - 360 if hue > 180 and hue_range[0] < 0 else hue
    assert hue_range[0] <= hue <= hue_range[1], hue


def test_black_is_dark_with_shading_and_white_is_light_with_shading():
    box = [(0.2, 0.2, 0.8, 0.8)]
    black = object_pixels(scene_of(("apple", {"color": "black"}, box)))
    white = object_pixels(scene_of(("banana", {"color": "white"}, box), background="night"))
    _, black_luma = mean_hue_luma(black)
    _, white_luma = mean_hue_luma(white)
    assert black_luma < 70
    assert white_luma > 180
    for px in (black, white):  # shading survives: not one flat colour
        assert (px @ [0.299, 0.587, 0.114]).std() > 8


def test_size_attribute_scales_within_the_box():
    box = [(0.2, 0.2, 0.8, 0.8)]

    def area(attrs):
        x0, y0, x1, y1 = draw(scene_of(("apple", attrs, box))).objects[0].box
        return (x1 - x0) * (y1 - y0)

    assert area({"size": "small"}) < area({}) < area({"size": "big"}) * 1.001


# -- artwork -----------------------------------------------------------------------------------
def geneval_names() -> list[str]:
    path = DATA / "geneval" / "object_names.txt"
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def test_every_geneval_class_has_a_picture_and_draws():
    names = geneval_names()
    assert len(names) == 80
    missing = [n for n in names if not has_artwork(n)]
    assert missing == []
    entities = [Entity(f"e{i}", n, 1) for i, n in enumerate(names)]
    layout = [
        Box(e.id, 0, ((i % 10) / 10, (i // 10) / 8, (i % 10 + 1) / 10, (i // 10 + 1) / 8))
        for i, e in enumerate(entities)
    ]
    # a scene holds at most 30 entities: draw the 80 in three scenes
    for start in range(0, 80, 30):
        part = SceneGraph(entities=entities[start : start + 30], layout=layout[start : start + 30])
        result = draw(part, settings={"width": 640, "height": 512})
        assert [o.name for o in result.objects] != []
        assert result.metadata["placeholders"] == []


def test_unknown_noun_is_drawn_as_a_labelled_card():
    assert not has_artwork("zorblax")
    result = draw(scene_of(("zorblax", {"color": "green"}, [(0.2, 0.2, 0.8, 0.8)])))
    assert result.metadata["placeholders"] == ["zorblax"]
    x0, _, x1, _ = result.objects[0].box
    assert (x1 - x0) > 0.5 * SIZE  # the card fills its box
    card = np.asarray(result.image.crop(result.objects[0].box), dtype=np.int16)
    r, g, b = card.reshape(-1, 3).mean(axis=0)
    assert g > r
    assert g > b
    assert (card.sum(axis=-1) < 250).sum() > 50  # dark ink: the written name


def test_shipped_assets_match_the_table_and_carry_the_license():
    stems = {stem_of(c) for c in ARTWORK.values()}
    files = {p.stem for p in ASSET_DIR.glob("*.svgz")}
    assert files == stems
    assert not list(ASSET_DIR.glob("*.png"))
    assert "Apache License" in (ASSET_DIR / "LICENSE").read_text()
    assert (ASSET_DIR / "AUTHORS").is_file()
    assert (ASSET_DIR.parent / "ATTRIBUTION.md").is_file()
    assert sum((ASSET_DIR / f"{s}.svgz").stat().st_size for s in stems) < 2_000_000
    assert "person" in artwork_names()
    assert len(artwork_names()) >= 380


# -- edits ---------------------------------------------------------------------------------------
def test_masked_edit_changes_only_inside_the_mask():
    before = draw(FIVE).image
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[20:200, 30:150] = True
    edit = scene_of(("cat", {"color": "blue"}, [(0.1, 0.1, 0.6, 0.8)]), background="night")
    result = BuiltinEngine().draw(edit, image=before, mask=mask)
    old, new = np.asarray(before), np.asarray(result.image)
    assert np.array_equal(new[~mask], old[~mask])
    assert not np.array_equal(new[mask], old[mask])
    assert result.metadata["mode"] == "inpaint"


def test_mask_of_wrong_size_raises_input_error_with_both_sizes():
    image = Image.new("RGB", (200, 100))
    with pytest.raises(InputError, match=r"64x80.*200x100"):
        BuiltinEngine().draw(FIVE, image=image, mask=np.ones((80, 64), dtype=bool))


# -- progress and cancel -----------------------------------------------------------------------
def test_progress_is_reported_per_instance():
    calls = []
    draw(FIVE, on_progress=lambda step, total, preview: calls.append((step, total, preview)))
    assert calls == [(i, 5, None) for i in range(1, 6)]


def test_should_stop_cancels_between_instances():
    checks = []

    def should_stop():
        checks.append(1)
        return len(checks) > 2

    with pytest.raises(Cancelled, match="stopped"):
        draw(FIVE, should_stop=should_stop)
    assert len(checks) == 3


# -- look ------------------------------------------------------------------------------------------
def test_backgrounds_are_distinct():
    looks = {}
    for name in (
        "night",
        "beach",
        "forest",
        "snow",
        "space",
        "underwater",
        "sunset",
        "grass",
        "room",
        "classroom",
        "autumn",
    ):
        arr = pixels(draw(SceneGraph(background=name)))
        looks[name] = arr.mean(axis=(0, 1))
    default = pixels(draw(SceneGraph())).mean(axis=(0, 1))
    values = [*looks.values(), default]
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            assert np.abs(a - b).sum() > 6
    assert set(looks) <= set(BACKGROUNDS)


def test_pixel_art_and_sketch_styles_change_the_look():
    plain = draw(FIVE).image
    pixel = draw(SceneGraph.from_dict({**FIVE.to_dict(), "style": "pixel art"})).image
    sketch = draw(SceneGraph.from_dict({**FIVE.to_dict(), "style": "pencil sketch"})).image

    def colours(im):
        return len(np.unique(np.asarray(im).reshape(-1, 3), axis=0))

    assert colours(pixel) <= 32 < colours(plain)
    arr = np.asarray(sketch, dtype=np.int16)
    assert np.abs(arr[..., 0] - arr[..., 1]).max() <= 8  # grey pencil on paper


def test_texts_are_written_on_a_sign_at_the_top():
    without = pixels(draw(SceneGraph()))
    with_text = pixels(draw(SceneGraph(texts=["Happy birthday"])))
    changed = np.abs(with_text - without).sum(axis=-1) > 30
    rows = np.nonzero(changed.any(axis=1))[0]
    assert rows.size
    assert rows.max() < SIZE * 0.25
    inked = (with_text[changed].sum(axis=-1) < 200).sum()
    assert inked > 100  # dark letters on the light sign


def test_five_object_scene_is_fast_once_warm():
    engine = BuiltinEngine()
    engine.draw(FIVE)
    start = time.perf_counter()
    for seed in range(10):
        engine.draw(FIVE, seed=seed)
    per_draw = (time.perf_counter() - start) / 10
    assert per_draw < 0.2, f"{per_draw * 1000:.0f} ms per 512 px draw"


def test_sprite_cache_stays_within_its_pixel_budget():
    cache = SpriteCache(max_pixels=150)
    for n in range(4):
        cache.get(n, lambda: Image.new("RGBA", (8, 8)))
    assert cache._pixels <= 150
    made = []
    cache.get(3, lambda: made.append(1) or Image.new("RGBA", (8, 8)))
    assert made == []  # the newest picture is still there
