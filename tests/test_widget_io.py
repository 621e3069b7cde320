"""Masks and pictures in and out of the widget, without a browser.

Compact mask encodings (``maskcodec``) as the browser sends them, ``chat.load`` with every
kind of picture people have at hand (a matplotlib figure included), and the turn ids on
chat messages that let the chat pane show each turn's thumbnail.
"""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.widget.maskcodec import decode_mask
from jupyter_imagechat.widget.protocol import parse_request

SIZE = 96


def encode_rle(mask: np.ndarray) -> bytes:
    """Run lengths as js/maskcodec.js writes them: unmasked first, alternating."""
    flat = mask.ravel()
    changes = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate([[0], changes, [flat.size]])
    runs = np.diff(bounds).tolist()
    if flat[0]:
        runs.insert(0, 0)
    return np.asarray(runs, dtype="<u4").tobytes()


@pytest.fixture
def blob() -> np.ndarray:
    mask = np.zeros((40, 50), dtype=bool)
    mask[5:20, 10:30] = True
    mask[0, 0] = True  # starts masked: a leading empty run
    mask[39, 45:] = True
    return mask


def test_every_encoding_decodes_to_the_same_mask(blob):
    h, w = blob.shape
    as_bytes = (blob.astype(np.uint8) * 255).tobytes()
    as_bits = np.packbits(blob.ravel()).tobytes()
    as_rle = encode_rle(blob)
    assert len(as_rle) < len(as_bits) < len(as_bytes)
    for data, encoding in [(as_bytes, "bytes"), (as_bits, "bits"), (as_rle, "rle")]:
        decoded = decode_mask(data, w, h, encoding)
        assert decoded.dtype == bool
        assert decoded.shape == (h, w)
        assert np.array_equal(decoded, blob), encoding


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"\x00" * 10, "bytes", "needs 2000 bytes, got 10"),
        (b"\x00" * 10, "bits", "needs 250 bytes, got 10"),
        (np.asarray([5, 5], dtype="<u4").tobytes(), "rle", "cover 10 pixels"),
        (b"\x01\x02\x03", "rle", "uint32 run lengths"),
        (b"", "png", "unknown mask encoding 'png'"),
    ],
)
def test_bad_encoded_masks_are_refused_with_a_clear_message(data, encoding, message):
    with pytest.raises(InputError, match=message):
        decode_mask(data, 50, 40, encoding)


def test_a_mask_request_may_carry_run_lengths(blob):
    h, w = blob.shape
    content = {"id": "r1", "kind": "mask", "width": w, "height": h, "encoding": "rle"}
    req = parse_request(content, [memoryview(encode_rle(blob))], image_size=(w, h))
    assert np.array_equal(req.mask, blob)
    content["encoding"] = 3
    with pytest.raises(InputError, match="unknown mask encoding 3"):
        parse_request(content, [encode_rle(blob)], image_size=(w, h))


@pytest.fixture
def chat():
    widget = ImageChat(size=SIZE, autosave=False)
    replies: list[dict] = []
    widget.comm.publish_msg = lambda msg_type, data=None, **kw: (
        data and data.get("method") == "custom" and replies.append(data["content"])
    )
    widget.replies = replies
    yield widget
    widget.close()


def test_a_run_length_mask_from_the_browser_becomes_chat_mask(chat):
    chat.send("a red apple")
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[10:50, 20:70] = True
    content = {"id": "m1", "kind": "mask", "width": SIZE, "height": SIZE, "encoding": "rle"}
    chat._handle_custom_msg(content, [encode_rle(mask)])
    assert chat.replies[-1] == {"id": "m1", "ok": True, "result": {"pixels": int(mask.sum())}}
    assert chat.mask.dtype == bool
    assert np.array_equal(chat.mask, mask)
    # The kernel echoes it for the canvas, bit-packed.
    shown = np.unpackbits(np.frombuffer(chat._mask, np.uint8), count=SIZE * SIZE)
    assert np.array_equal(shown.reshape(SIZE, SIZE) == 1, mask)


def test_chat_load_takes_a_matplotlib_figure(chat):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1.5), dpi=50)
    ax.add_patch(plt.Rectangle((0, 0), 1, 1, color="red"))
    ax.set_axis_off()
    ax.set_position((0, 0, 1, 1))
    try:
        turn = chat.load(fig)
    finally:
        plt.close(fig)
    assert turn.mode == "load"
    assert chat.image.size == (100, 75)
    r, g, b = chat.image.getpixel((50, 37))
    assert r > 200
    assert g < 50
    assert b < 50
    assert chat._image[:8] == b"\x89PNG\r\n\x1a\n"
    assert chat._messages[-1]["turn"] == turn.id


def test_chat_load_takes_arrays_and_paths(chat, tmp_path):
    array = np.zeros((30, 40, 3), dtype=np.uint8)
    array[..., 2] = 255
    assert chat.load(array).image.size == (40, 30)
    path = tmp_path / "blue.png"
    chat.image.save(path)
    assert chat.load(path).image.getpixel((5, 5)) == (0, 0, 255)
    assert chat.load(str(path)).image.size == (40, 30)
    with pytest.raises(InputError, match="no image file"):
        chat.load(tmp_path / "missing.png")
    assert chat._messages[-1]["role"] == "error"


def test_each_turn_message_names_its_turn_for_the_thumbnail(chat):
    turn = chat.send("two green pears")
    assistant = [m for m in chat._messages if m["role"] == "assistant"][-1]
    assert assistant["turn"] == turn.id
    assert "pear" in assistant["plan"]
