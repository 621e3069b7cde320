"""A conversation end to end on the built-in engine: turns, edits, masks, bad input."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines.base import Result
from jupyter_imagechat.errors import Busy, Cancelled, EngineError, InputError

PROMPT = "three red apples left of a blue bowl"


@pytest.fixture
def chat() -> Conversation:
    return Conversation(size=256)


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


def _box_mask(image: Image.Image, box: tuple[int, int, int, int]) -> np.ndarray:
    mask = np.zeros((image.height, image.width), dtype=bool)
    x0, y0, x1, y1 = box
    mask[y0:y1, x0:x1] = True
    return mask


def test_first_turn_draws_the_plan(chat: Conversation) -> None:
    turn = chat.send(PROMPT)
    assert turn.mode == "text2img"
    assert turn.image.size == (256, 256)
    assert chat.image is turn.image
    names = {e.name: e for e in turn.scene.entities}
    assert names["apple"].count == 3
    assert names["apple"].attributes["color"] == "red"
    assert names["bowl"].attributes["color"] == "blue"
    assert turn.summary().startswith("3 x apple (red), 1 x bowl (blue); apple left of bowl")
    assert len(turn.scene.layout) == 4
    assert turn.verdict is not None
    assert turn.verdict.ok
    assert turn.verdict.count("satisfied") == len(turn.verdict.findings) > 0
    colours = {f.constraint: f.reason for f in turn.verdict.findings if " color " in f.constraint}
    assert colours["apple color red"].startswith("reads as red")  # from the pixels
    assert colours["bowl color blue"].startswith("reads as blue")
    assert turn.engine == "builtin"
    assert turn.seed == 0
    assert set(turn.timings) == {"plan", "layout", "draw", "check"}
    assert len(chat.history) == 1
    assert chat.history["t1"] is turn


def test_same_prompt_and_seed_give_the_same_pixels() -> None:
    a = Conversation(size=256, seed=7).send(PROMPT).image
    b = Conversation(size=256, seed=7).send(PROMPT).image
    assert np.array_equal(_pixels(a), _pixels(b))


def test_masked_edit_changes_only_the_mask(chat: Conversation) -> None:
    first = chat.send(PROMPT)
    bowl_id = next(e.id for e in first.scene.entities if e.name == "bowl")
    bowl = next(o for o in first.objects if o.entity == bowl_id)
    chat.mask = _box_mask(first.image, bowl.box)
    edit = chat.send("make the bowl green")
    assert edit.mode == "inpaint"
    assert edit.parent == first.id
    assert edit.scene.entity(bowl_id).attributes["color"] == "green"
    before, after = _pixels(first.image), _pixels(edit.image)
    outside = ~edit.mask
    assert np.array_equal(before[outside], after[outside])
    assert not np.array_equal(before[edit.mask], after[edit.mask])
    assert chat.mask is None, "the mask belongs to the turn that used it"
    green = next(f for f in edit.verdict.findings if f.constraint == "bowl color green")
    assert green.status == "satisfied"


def test_a_colour_asked_for_but_not_painted_is_not_kept(chat: Conversation) -> None:
    """The plan says green, the engine says green, but the mask missed the bowl: the
    picture still shows a blue bowl, and the checker reads the picture."""
    first = chat.send(PROMPT)
    bowl = next(o for o in first.objects if o.name == "bowl")
    top = bowl.box[1]
    chat.mask = _box_mask(first.image, (0, 0, 256, max(top - 4, 8)))  # the sky, not the bowl
    edit = chat.send("make the bowl green")
    assert next(o for o in edit.objects if o.name == "bowl").attributes.get("color") == "green"
    found = next(f for f in edit.verdict.findings if f.constraint == "bowl color green")
    assert found.status == "violated"
    assert "looks blue" in found.reason
    assert not edit.verdict.ok


def test_edit_without_mask_redraws_from_the_changed_plan(chat: Conversation) -> None:
    first = chat.send(PROMPT)
    second = chat.send("add two more apples")
    assert second.mode == "img2img"
    apples = next(e for e in second.scene.entities if e.name == "apple")
    assert apples.count == 5
    kept = {(b.entity, b.index): b.box for b in first.scene.layout}
    for box in second.scene.layout:
        if (box.entity, box.index) in kept:
            assert box.box == kept[(box.entity, box.index)], "existing things keep their place"


def test_a_wish_about_the_picture_is_an_edit_of_it(chat: Conversation) -> None:
    first = chat.send(PROMPT)
    second = chat.send("the bowl should be green")
    assert (second.mode, second.parent) == ("img2img", first.id)
    bowl = next(e for e in second.scene.entities if e.name == "bowl")
    assert bowl.attributes["color"] == "green"
    assert {b.box for b in second.scene.layout} == {b.box for b in first.scene.layout}


def test_description_painted_into_a_mask_adds_things_there(chat: Conversation) -> None:
    first = chat.send("a cat")
    mask = _box_mask(first.image, (150, 20, 250, 120))
    turn = chat.send("a red ball", mask=mask)
    assert turn.mode == "inpaint"
    assert {e.name for e in turn.scene.entities} >= {"cat", "sports ball"}
    new_id = turn.scene.entities[-1].id
    (box,) = turn.scene.boxes_of(new_id)
    x0, y0, x1, y1 = box.box
    assert x0 >= 150 / 256 - 1e-6
    assert x1 <= 250 / 256 + 1e-6
    assert y0 >= 20 / 256 - 1e-6
    assert y1 <= 120 / 256 + 1e-6
    assert np.array_equal(_pixels(first.image)[~mask], _pixels(turn.image)[~mask])


@pytest.mark.parametrize(
    ("prompt", "message"),
    [
        ("", "Type what you want"),
        ("   \n", "Type what you want"),
        ("apple " * 20_000, "the limit is"),
        (42, "must be text"),
    ],
)
def test_bad_prompts_change_nothing(chat: Conversation, prompt: object, message: str) -> None:
    chat.send(PROMPT)
    image = chat.image
    with pytest.raises(InputError, match=message):
        chat.send(prompt)  # type: ignore[arg-type]
    assert len(chat.history) == 1
    assert chat.image is image


def test_mask_of_the_wrong_size_is_refused(chat: Conversation) -> None:
    with pytest.raises(InputError, match="no picture to mask yet"):
        chat.mask = np.ones((256, 256), bool)
    chat.send(PROMPT)
    with pytest.raises(InputError, match="the mask is 100x50 but the picture is 256x256"):
        chat.mask = np.ones((50, 100), bool)
    with pytest.raises(InputError, match="the mask is"):
        chat.send("make the bowl green", mask=np.ones((10, 10), bool))
    assert len(chat.history) == 1
    assert chat.mask is None


def test_empty_mask_means_no_mask(chat: Conversation) -> None:
    chat.send(PROMPT)
    chat.mask = np.zeros((256, 256), bool)
    assert chat.mask is None


def test_load_accepts_pictures_and_refuses_other_bytes(chat: Conversation, tmp_path) -> None:
    with pytest.raises(InputError, match="not an image"):
        chat.load(b"definitely not a png")
    with pytest.raises(InputError, match="no image file"):
        chat.load(tmp_path / "missing.png")
    assert len(chat.history) == 0
    array = np.zeros((64, 96, 3), np.uint8)
    array[:, :48] = (255, 0, 0)
    turn = chat.load(array)
    assert turn.mode == "load"
    assert chat.image.size == (96, 64)
    mask = np.zeros((64, 96), bool)
    mask[10:50, 60:90] = True
    edit = chat.send("a blue star", mask=mask)
    assert edit.mode == "inpaint"
    assert edit.image.size == (96, 64)
    assert np.array_equal(_pixels(edit.image)[~mask], array[~mask])


def test_unknown_engine_and_planner_are_named() -> None:
    with pytest.raises(
        InputError, match="unknown engine 'dalle'; choose one of: builtin, diffusers"
    ):
        Conversation(engine="dalle")
    with pytest.raises(InputError, match="takes no model"):
        Conversation(model="stabilityai/sd-turbo")
    with pytest.raises(InputError, match="size must be"):
        Conversation(size=10_000)


class _BrokenEngine:
    name, model = "broken", None

    def draw(self, scene, **kwargs) -> Result:
        raise ZeroDivisionError("bug inside the engine")


def test_engine_bug_becomes_engine_error_and_history_is_kept(chat: Conversation) -> None:
    chat.send(PROMPT)
    good = chat.engine
    chat.engine = _BrokenEngine()
    with pytest.raises(EngineError, match="the broken engine failed: bug inside the engine"):
        chat.send("a dog")
    assert len(chat.history) == 1
    chat.engine = good
    assert chat.send("a dog").id == "t2"


def test_cancel_keeps_history(chat: Conversation) -> None:
    with pytest.raises(Cancelled):
        chat.send(PROMPT, should_stop=lambda: True)
    assert len(chat.history) == 0
    assert chat.image is None


def test_second_request_while_busy_is_refused(chat: Conversation) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_progress(step: int, total: int, preview: object) -> None:
        started.set()
        release.wait(5)

    worker = threading.Thread(
        target=chat.send, args=(PROMPT,), kwargs={"on_progress": slow_progress}
    )
    worker.start()
    assert started.wait(5)
    with pytest.raises(Busy, match="still working"):
        chat.send("a dog")
    release.set()
    worker.join(5)
    assert len(chat.history) == 1


def test_history_reads_like_a_list(chat: Conversation) -> None:
    chat.send(PROMPT)
    chat.send("make the bowl green")
    assert [t.id for t in chat.history] == ["t1", "t2"]
    assert chat.history[-1].parent == "t1"
    assert chat.history[0:1][0].prompt == PROMPT
    with pytest.raises(KeyError):
        chat.history["t9"]
    record = chat.history[1].to_dict()
    assert record["scene_before"]["entities"][1]["attributes"]["color"] == "blue"
    assert record["scene"]["entities"][1]["attributes"]["color"] == "green"


def test_undo_goes_back_to_the_picture_before(chat: Conversation) -> None:
    with pytest.raises(InputError, match="nothing to undo"):
        chat.undo()
    first = chat.send(PROMPT)
    chat.send("make the bowl green")
    back = chat.send("undo")
    assert back is first
    assert chat.history.head is first
    assert _pixels(chat.image).tobytes() == _pixels(first.image).tobytes()
    assert len(chat.history) == 2  # nothing is deleted
    with pytest.raises(InputError, match="nothing to undo"):
        chat.undo()  # the first picture has no parent
    branch = chat.send("add a cat")
    assert branch.parent == first.id
