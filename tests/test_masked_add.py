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
