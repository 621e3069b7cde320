"""What a prompt adds over a painted mask goes inside the mask: "add a star" is an edit,
and its star must be drawn where the user painted, on a drawn or a loaded picture."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat.turns import Conversation

SIZE = 256


def corner_mask() -> np.ndarray:
    """The top right corner of the picture, painted."""
    mask = np.zeros((SIZE, SIZE), bool)
    mask[20:100, 150:240] = True
    return mask


def inside(box: tuple[float, float, float, float], mask: np.ndarray) -> bool:
    ys, xs = np.nonzero(mask)
    x0, y0 = xs.min() / SIZE, ys.min() / SIZE
    x1, y1 = (xs.max() + 1) / SIZE, (ys.max() + 1) / SIZE
    eps = 1e-6
    return box[0] >= x0 - eps and box[1] >= y0 - eps and box[2] <= x1 + eps and box[3] <= y1 + eps


def drawn() -> Conversation:
    chat = Conversation(size=SIZE)
    chat.send("a dog in a park")
    return chat


def loaded() -> Conversation:
    chat = Conversation(size=SIZE)
    chat.load(Image.new("RGB", (SIZE, SIZE), "white"))
    return chat


@pytest.mark.parametrize("start", [drawn, loaded])
@pytest.mark.parametrize("prompt", ["add a star", "put a yellow star here", "a star"])
def test_what_is_added_over_a_mask_is_laid_out_inside_it_and_drawn(start, prompt):
    chat = start()
    before = {e.id: chat.scene.boxes_of(e.id) for e in chat.scene.entities} if chat.scene else {}
    mask = corner_mask()
    chat.mask = mask
    turn = chat.send(prompt)
    stars = [e.id for e in turn.scene.entities if e.name == "star"]
    assert len(stars) == 1
    boxes = turn.scene.boxes_of(stars[0])
    assert boxes
    assert all(inside(b.box, mask) for b in boxes), [b.box for b in boxes]
    for eid, old in before.items():  # the dog keeps its place
        assert turn.scene.boxes_of(eid) == old
    assert turn.verdict is not None
    assert not [f for f in turn.verdict.findings if f.status == "violated"], turn.verdict.summary()


def test_a_masked_change_of_a_kept_thing_does_not_move_it():
    chat = drawn()
    dog = next(e.id for e in chat.scene.entities if e.name == "dog")
    old = chat.scene.boxes_of(dog)
    chat.mask = corner_mask()
    turn = chat.send("make the dog brown")
    assert turn.scene.boxes_of(dog) == old


def chart() -> Image.Image:
    """A bar chart from outside: white, three blue bars."""
    from PIL import ImageDraw

    picture = Image.new("RGB", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(picture)
    for i, height in enumerate([120, 60, 180]):
        draw.rectangle([30 + i * 60, 230 - height, 70 + i * 60, 230], fill=(50, 100, 200))
    return picture


def test_a_thing_added_over_a_mask_on_a_picture_from_outside_lands_on_that_picture():
    """On a loaded chart the built-in engine's sky is not painted round the new star: inside
    the mask only the star's own pixels change."""
    chat = Conversation(size=SIZE)
    source = chat.load(chart()).image
    mask = corner_mask()
    chat.mask = mask
    turn = chat.send("add a star")
    star = next(o for o in turn.objects if o.name == "star")
    shape = np.zeros(mask.shape, bool)
    x0, y0, x1, y1 = star.box
    assert star.mask is not None
    shape[y0:y1, x0:x1] = star.mask
    before, after = np.asarray(source), np.asarray(turn.image)
    changed = np.any(before != after, axis=2)
    assert changed[shape].mean() > 0.9  # the star is drawn
    assert not changed[~shape].any()  # and nothing else: no patch of sky round it
    assert not [f for f in turn.verdict.findings if f.status == "violated"]


def test_a_masked_edit_of_a_drawn_picture_still_repaints_the_whole_mask():
    """A picture drawn from a plan keeps its own background in the mask: removing a thing
    there leaves the background, not the thing."""
    chat = drawn()
    dog = next(o for o in chat.history.head.objects if o.name == "dog")
    mask = np.zeros((SIZE, SIZE), bool)
    x0, y0, x1, y1 = dog.box
    mask[max(y0 - 4, 0) : y1 + 4, max(x0 - 4, 0) : x1 + 4] = True
    chat.mask = mask
    turn = chat.send("remove the dog")
    assert "dog" not in [e.name for e in turn.scene.entities]
    before = np.asarray(chat.history[-2].image)
    assert np.any(before[mask] != np.asarray(turn.image)[mask])  # the dog is gone from there
