"""Outpainting (extend the canvas) and the draft kept after Stop, on both engines.

Old pixels must stay pixel-exact, the new border must be drawn, the plan must move with
the picture, and a failed or refused request must leave the history as it was.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.errors import Cancelled, InputError
from jupyter_imagechat.scene import SceneGraph
from jupyter_imagechat.turns.outpaint import extend_canvas, new_region, shift_scene


def pixels(image: Any) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


def test_extend_canvas_pads_with_edge_pixels_and_masks_only_the_border() -> None:
    from PIL import Image

    rng = np.random.default_rng(0)
    old = Image.fromarray(rng.integers(0, 255, (20, 30, 3), dtype=np.uint8), "RGB")
    big, mask = extend_canvas(old, left=3, right=5, top=2, bottom=0)
    assert big.size == (38, 22)
    assert mask.shape == (22, 38)
    assert not mask[2:, 3:33].any()
    assert mask.sum() == 38 * 22 - 30 * 20
    assert np.array_equal(pixels(big)[2:, 3:33], pixels(old))
    assert np.array_equal(pixels(big)[5, 0], pixels(old)[3, 0])  # the edge repeats


def test_shift_scene_keeps_every_box_over_the_same_pixels() -> None:
    scene = SceneGraph.from_dict(
        {
            "entities": [{"id": "e1", "name": "cat"}],
            "layout": [{"entity": "e1", "index": 0, "box": [0.25, 0.5, 0.75, 1.0]}],
        }
    )
    margins = {"left": 100, "right": 0, "top": 0, "bottom": 100}
    moved = shift_scene(scene, (200, 100), margins)
    x0, y0, x1, y1 = moved.layout[0].box
    assert (x0 * 300, y0 * 200, x1 * 300, y1 * 200) == pytest.approx((150, 50, 250, 100))
    assert new_region((200, 100), margins) == (0.0, 0.5, 1.0, 1.0)  # the bigger strip


def test_builtin_outpaint_keeps_old_pixels_and_adds_the_prompt_in_the_new_area() -> None:
    conv = Conversation(size=256)
    first = conv.send("a red apple left of a blue bowl")
    turn = conv.outpaint(right=128, top=64, prompt="a tree")
    assert turn.mode == "outpaint"
    assert turn.image.size == (384, 320)
    assert turn.settings["outpaint"] == {"left": 0, "right": 128, "top": 64, "bottom": 0}
    assert np.array_equal(pixels(turn.image)[64:, :256], pixels(first.image))
    assert turn.parent == first.id
    assert conv.image is turn.image
    tree = [o for o in turn.objects if o.name == "tree"]
    assert tree
    assert tree[0].box[0] >= 256
    names = {e.name for e in turn.scene.entities}
    assert {"apple", "bowl", "tree"} <= names
    apple = next(b for b in turn.scene.layout if turn.scene.entity(b.entity).name == "apple")
    old_apple = next(b for b in first.scene.layout if first.scene.entity(b.entity).name == "apple")
    assert apple.box[0] * 384 == pytest.approx(old_apple.box[0] * 256, abs=0.5)  # same pixels


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "say how far to extend"),
        ({"left": -8}, "`left` must be a whole number of pixels >= 0"),
        ({"right": 1.5}, "`right` must be a whole number"),
        ({"top": True}, "`top` must be a whole number"),
        ({"bottom": 4000}, "the limit is 2048"),
        ({"right": 64, "prompt": "   "}, "Type what you want to see"),
    ],
)
def test_bad_outpaint_requests_change_nothing(kwargs: dict[str, Any], message: str) -> None:
    conv = Conversation(size=128)
    conv.send("a cat")
    with pytest.raises(InputError, match=message):
        conv.outpaint(**kwargs)
    assert len(conv.history) == 1


def test_outpaint_needs_a_picture() -> None:
    with pytest.raises(InputError, match="draw or load one first"):
        Conversation().outpaint(right=64)


# -- on the diffusers engine -------------------------------------------------------------
@pytest.fixture(scope="module")
def sd_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    pytest.importorskip("torch")
    pytest.importorskip("diffusers")
    pytest.importorskip("transformers")
    from tiny_pipeline import build_tiny_pipeline

    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-sd")


def test_diffusers_outpaint_inpaints_the_border_at_full_strength(
    sd_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv = Conversation("diffusers", sd_path)
    first = conv.send("a red apple", settings={"steps": 2})
    inpaint = conv.engine.pipeline_for("inpaint")
    calls: list[dict[str, Any]] = []
    original = type(inpaint).__call__

    def spy(this: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(this, *args, **kwargs)

    monkeypatch.setattr(type(inpaint), "__call__", spy)
    turn = conv.outpaint(left=16, bottom=24, settings={"steps": 2})
    assert turn.image.size == (80, 88)
    assert np.array_equal(pixels(turn.image)[:64, 16:], pixels(first.image))
    assert not np.array_equal(pixels(turn.image)[64:, :], np.asarray(extend_canvas(
        first.image, left=16, bottom=24)[0])[64:, :])  # fmt: skip
    assert calls[0]["strength"] == 1.0
    assert turn.metadata["mode"] == "inpaint"
    assert turn.mode == "outpaint"


def test_stopped_outpaint_is_kept_as_a_draft(sd_path: str) -> None:
    conv = Conversation("diffusers", sd_path)
    first = conv.send("a red apple", settings={"steps": 2})
    with pytest.raises(Cancelled, match="draft turn t2"):
        conv.outpaint(right=32, settings={"steps": 4}, should_stop=lambda: True)
    draft = conv.history.last
    assert draft.mode == "draft"
    assert draft.metadata["draft_of"] == "outpaint"
    assert draft.image.size == (96, 64)
    assert np.array_equal(pixels(draft.image)[:, :64], pixels(first.image))


def test_widget_stop_shows_the_draft_and_says_so(sd_path: str) -> None:
    from jupyter_imagechat import ImageChat

    chat = ImageChat(engine="diffusers", model=sd_path)
    chat.send("a red apple", settings={"steps": 2})
    original = chat._runner._on_progress

    def progress_then_stop(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        chat.cancel()

    chat._runner._on_progress = progress_then_stop  # type: ignore[method-assign]
    with pytest.raises(Cancelled):
        chat.send("two cats", settings={"steps": 4})
    assert chat.history.last.mode == "draft"
    assert "kept as draft t2" in chat._messages[-1]["text"]
    assert chat._image
    assert chat._progress == {}
    assert not chat._busy


def test_widget_progress_shows_the_label_it_is_given() -> None:
    pytest.importorskip("anywidget")
    from jupyter_imagechat import ImageChat

    chat = ImageChat()
    chat._runner._on_progress(3, 10, None, label="downloading")
    assert chat._progress == {"step": 3, "total": 10, "label": "downloading"}


def test_widget_outpaint_shows_the_bigger_picture_and_reports_errors() -> None:
    pytest.importorskip("anywidget")
    from jupyter_imagechat import ImageChat

    chat = ImageChat(size=128)
    chat.send("a cat")
    turn = chat.outpaint(left=64, prompt="a dog")
    assert turn.image.size == (192, 128)
    assert chat._messages[-2]["text"] == "extend left by 64 px: a dog"
    assert "old pixels are unchanged" in chat._messages[-1]["text"]
    with pytest.raises(InputError):
        chat.outpaint()
    assert chat._messages[-1]["role"] == "error"
    assert len(chat.history) == 2
