"""Masks, click-to-select, masked edits and consistency with the built-in engine."""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.scene import Box, Entity, SceneGraph
from jupyter_imagechat.widget.protocol import parse_request

SIZE = 256
CAT_BOX, DOG_BOX = (0.05, 0.35, 0.45, 0.85), (0.55, 0.35, 0.95, 0.85)


def scene_of(*items, **kw) -> SceneGraph:
    """Build a scene from ``(name, attributes, [box, ...])`` items, ids e1, e2, ..."""
    entities, layout = [], []
    for n, (name, attrs, boxes) in enumerate(items, start=1):
        entities.append(Entity(f"e{n}", name, len(boxes), dict(attrs)))
        layout += [Box(f"e{n}", i, b) for i, b in enumerate(boxes)]
    return SceneGraph(entities=entities, layout=layout, **kw)


def draw(scene, **kw):
    kw.setdefault("settings", {"width": SIZE, "height": SIZE})
    return BuiltinEngine().draw(scene, **kw)


def full_mask(obj, size=(SIZE, SIZE)) -> np.ndarray:
    from jupyter_imagechat.turns.selection import object_mask

    return object_mask(obj, size)


# -- the engine knows each shape ----------------------------------------------------------
def test_each_drawn_object_reports_its_exact_shape():
    scene = scene_of(("cat", {}, [CAT_BOX]), ("dog", {}, [DOG_BOX]), background="night")
    result = draw(scene)
    empty = np.asarray(draw(SceneGraph(background="night")).image, dtype=int)
    image = np.asarray(result.image, dtype=int)
    for obj in result.objects:
        x0, y0, x1, y1 = obj.box
        assert obj.mask.shape == (y1 - y0, x1 - x0)
        changed = np.abs(image - empty).sum(axis=-1)[y0:y1, x0:x1] > 30
        # the shape is where the picture shows the object, not its whole box
        assert 0.25 < obj.mask.mean() < 0.95
        agree = (changed == obj.mask).mean()
        assert agree > 0.9


def test_select_at_gives_the_front_object_shape_and_none_on_the_background():
    chat = Conversation(size=SIZE)
    chat.send("a cat left of a dog")
    cat, dog = sorted(chat.history.last.objects, key=lambda o: o.box[0])
    cx, cy = (cat.box[0] + cat.box[2]) // 2, (cat.box[1] + cat.box[3]) // 2
    hit = next(
        (x, y)
        for y in range(cy, cat.box[3])
        for x in [cx]
        if cat.mask[y - cat.box[1], x - cat.box[0]]
    )
    mask = chat.select_at(*hit)
    assert mask is not None
    assert mask.shape == (SIZE, SIZE)
    assert mask[hit[1], hit[0]]
    assert not mask[:, dog.box[0] + 2 :].any()  # nothing of the dog
    expected = full_mask(cat)
    assert np.array_equal(mask, expected)
    assert mask.sum() < 0.95 * (cat.box[2] - cat.box[0] + 4) * (cat.box[3] - cat.box[1] + 4)
    assert chat.select_at(2, 2) is None  # the sky
    assert chat.mask is None  # selecting does not set the mask by itself


def test_select_picks_the_object_in_front_where_two_overlap():
    scene = scene_of(("apple", {}, [(0.2, 0.2, 0.7, 0.7)]), ("banana", {}, [(0.3, 0.3, 0.8, 0.8)]))
    result = draw(scene)
    from jupyter_imagechat.turns.selection import object_at

    apple, banana = result.objects
    both = [
        (x, y)
        for y in range(banana.box[1], apple.box[3])
        for x in range(banana.box[0], apple.box[2])
        if apple.mask[y - apple.box[1], x - apple.box[0]]
        and banana.mask[y - banana.box[1], x - banana.box[0]]
    ]
    assert both, "the test needs overlapping shapes"
    assert object_at(result.objects, *both[0]) is banana  # drawn last, seen in front


def test_select_request_is_validated():
    ok = parse_request({"id": "a", "kind": "select", "x": 3, "y": 4}, [], image_size=(10, 10))
    assert ok.point == (3, 4)
    for bad, message in [
        ({"x": 10, "y": 0}, "outside the 10x10 picture"),
        ({"x": 1.5, "y": 0}, "whole number"),
        ({"x": True, "y": 0}, "whole number"),
        ({"y": 0}, "'x' must be"),
    ]:
        with pytest.raises(InputError, match=message):
            parse_request({"id": "a", "kind": "select", **bad}, [], image_size=(10, 10))
    with pytest.raises(InputError, match="no picture yet"):
        parse_request({"id": "a", "kind": "select", "x": 1, "y": 1}, [], image_size=None)


def test_widget_select_sets_the_mask_to_the_clicked_shape():
    from jupyter_imagechat import ImageChat

    widget = ImageChat(size=SIZE)
    replies: list[dict] = []
    widget._reply = replies.append
    widget.send("a red apple")
    (apple,) = widget._conversation.history.last.objects
    ys, xs = np.nonzero(apple.mask)
    x, y = int(xs[len(xs) // 2] + apple.box[0]), int(ys[len(ys) // 2] + apple.box[1])
    widget._handle_custom_msg({"id": "s1", "kind": "select", "x": x, "y": y}, [])
    assert replies[-1]["ok"]
    assert replies[-1]["result"]["pixels"] == int(full_mask(apple).sum())
    assert np.array_equal(widget._conversation.mask, full_mask(apple))
    widget._handle_custom_msg({"id": "s2", "kind": "select", "x": 1, "y": 1}, [])
    assert replies[-1]["result"]["pixels"] == 0
    assert np.array_equal(widget._conversation.mask, full_mask(apple))  # kept


# -- masked edits: nothing outside the mask changes -----------------------------------------
EDITS = {
    "recolour": scene_of(("cat", {"color": "blue"}, [CAT_BOX]), ("dog", {}, [DOG_BOX])),
    "replace": scene_of(("rabbit", {}, [CAT_BOX]), ("dog", {}, [DOG_BOX])),
    "remove": scene_of(("dog", {}, [DOG_BOX])),
    "move": scene_of(("cat", {}, [(0.1, 0.3, 0.5, 0.8)]), ("dog", {}, [DOG_BOX])),
    "add": scene_of(("cat", {}, [CAT_BOX]), ("dog", {}, [DOG_BOX]), ("apple", {}, [CAT_BOX])),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_masked_edits_change_only_pixels_inside_the_selected_shape(kind):
    before_scene = scene_of(("cat", {}, [CAT_BOX]), ("dog", {}, [DOG_BOX]))
    before = draw(before_scene)
    cat = before.objects[0]
    mask = full_mask(cat)
    if kind == "move":  # the old place and the new one
        moved = draw(EDITS["move"]).objects[0]
        mask |= full_mask(moved)
    after = draw(EDITS[kind], image=before.image, mask=mask)
    old, new = np.asarray(before.image), np.asarray(after.image)
    assert np.array_equal(new[~mask], old[~mask])
    assert not np.array_equal(new[mask], old[mask])
    if kind == "remove":  # the background comes back where the cat was
        bare = np.asarray(draw(EDITS["remove"]).image)
        assert np.array_equal(new[mask], bare[mask])


# -- consistency --------------------------------------------------------------------------
def sprite_pixels(result, name):
    (obj,) = [o for o in result.objects if o.name == name]
    x0, y0, x1, y1 = obj.box
    return np.asarray(result.image)[y0:y1, x0:x1][obj.mask], obj.box


def test_an_entity_looks_the_same_across_settings_and_edits():
    """A storyboard: the same brown dog in the park, then at night, then with a friend."""
    frames = [
        scene_of(("dog", {"color": "brown"}, [DOG_BOX]), background="park"),
        scene_of(("dog", {"color": "brown"}, [DOG_BOX]), background="night"),
        scene_of(("dog", {"color": "brown"}, [DOG_BOX]), ("cat", {}, [CAT_BOX]), background="snow"),
    ]
    looks = [sprite_pixels(draw(f, seed=3), "dog") for f in frames]
    shown, box = looks[0]
    for other, other_box in looks[1:]:
        assert other_box == box
        # opaque parts of the dog are identical (soft rim pixels blend with each sky)
        assert (np.abs(other.astype(int) - shown.astype(int)).max(axis=-1) < 8).mean() > 0.85


def test_a_conversation_keeps_the_look_of_what_an_edit_does_not_touch():
    chat = Conversation(size=SIZE)
    first = chat.send("a red car")
    second = chat.send("add a tree")
    car_before, box_before = sprite_pixels(first, "car")
    car_after, box_after = sprite_pixels(second, "car")
    assert box_after == box_before
    assert np.array_equal(car_after, car_before)
