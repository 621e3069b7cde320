"""Limits that keep a classroom machine (and Binder's 2 GB) safe, enforced before the
expensive step: picture files are checked in their header before any pixel is decoded,
masks from text never inflate past the size they name, masks with NaN are refused, texts
on things are capped, and PNG metadata is read chunk by chunk within limits.
docs/limits.md lists every limit with the message a user sees."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import struct
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image
from test_hardening_protocol import finish, recording
from test_hardening_text import png_with_chunks
from test_widget import request

from jupyter_imagechat import ImageChat, read_metadata
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.images import SCALED_FROM, as_image, as_mask
from jupyter_imagechat.scene import SceneError, SceneGraph
from jupyter_imagechat.scene.vocabulary import (
    MAX_ATTRIBUTES,
    MAX_LAYOUT_BOXES,
    MAX_RELATIONS,
    MAX_TEXT_CHARS,
    MAX_TEXTS,
)
from jupyter_imagechat.session import mask_from_text
from jupyter_imagechat.session.provenance import MAX_CHUNK_CHARS

SIZE = 96


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def blank_png(width: int, height: int) -> bytes:
    """A real PNG of a black picture, built row by row (its file is small, its pixels not)."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * width)
    parts = [packer.compress(row) for _ in range(height)]
    data = b"".join(parts) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def peak_mb(call) -> float:
    """The most memory Python allocated while ``call`` ran (numpy and PIL included)."""
    tracemalloc.start()
    with contextlib.suppress(InputError):
        call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


@pytest.fixture
def chat(monkeypatch):
    widget = recording(monkeypatch, size=SIZE, autosave=False)
    yield widget
    finish(widget)


# -- pictures --------------------------------------------------------------------------------
def test_a_picture_file_with_too_many_pixels_is_refused_before_decoding():
    bomb = blank_png(5000, 5000)  # 25 million pixels in a file of about 100 KB
    assert len(bomb) < 200_000
    with pytest.raises(InputError, match="at most 24 million pixels"):
        as_image(bomb)
    assert peak_mb(lambda: as_image(bomb)) < 10  # decoding it would take 75 MB and more
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)  # a header, nothing more
    huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    with pytest.raises(InputError, match="over 179 million pixels"):
        as_image(huge)  # PIL itself refuses these; the message still says why


def test_a_big_dropped_picture_is_scaled_down_and_later_turns_stay_small(chat):
    buf = io.BytesIO()
    Image.new("RGB", (4000, 3000), "skyblue").save(buf, format="PNG")
    reply = request(chat, {"id": "r1", "kind": "load_image", "name": "photo.png"}, [buf.getvalue()])
    assert reply["ok"] is True, reply
    assert chat.image.size == (2048, 1536)
    assert "scaled down from 4000x3000" in chat._messages[-1]["text"]
    turn = chat.send("add a red apple")
    assert turn.image.size == (2048, 1536)


def test_a_big_jpeg_is_decoded_at_a_smaller_scale():
    buf = io.BytesIO()
    Image.new("L", (8000, 6000), 128).save(buf, format="JPEG", quality=50)
    picture = as_image(buf.getvalue(), fit=2048)  # 48 million pixels in the file
    assert max(picture.size) == 2048
    assert picture.info[SCALED_FROM] == (8000, 6000)
    with pytest.raises(InputError, match="at most 24 million pixels"):
        as_image(buf.getvalue())  # without a size to fit, it would be decoded whole


def test_a_notebook_picture_over_the_limits_is_refused(tmp_path):
    chat = ImageChat(size=SIZE, autosave=False)
    chat.send("a dog")
    path = chat.history.to_notebook(tmp_path / "lesson.ipynb")
    chat.close()
    text = path.read_text()
    old = base64.b64encode(chat.history[0].to_png()).decode()
    path.write_text(text.replace(old, base64.b64encode(blank_png(5000, 5000)).decode()))
    with pytest.raises(InputError, match="24 million pixels"):
        ImageChat.from_notebook(path, autosave=False)


# -- masks -------------------------------------------------------------------------------------
@pytest.mark.parametrize("side", ["20000x20000", "100000x1", "0x5", "-3x4"])
def test_mask_text_never_names_a_mask_bigger_than_a_picture(side):
    data = base64.b64encode(zlib.compress(b"\0" * 1000)).decode()
    with pytest.raises(InputError, match="not a mask written by mask_to_text"):
        mask_from_text(f"{side}:{data}")


def test_mask_text_never_inflates_past_the_size_it_names():
    bomb = zlib.compressobj(9)
    data = bomb.compress(b"\0" * (400 * 2**20 // 8 // 64)) + bomb.flush()  # 6 MB of bits
    text = f"64x64:{base64.b64encode(data).decode()}"
    with pytest.raises(InputError):
        mask_from_text(text)
    assert peak_mb(lambda: mask_from_text(text)) < 20


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_mask_with_nan_or_infinity_is_refused(bad):
    picture = Image.new("RGB", (8, 8))
    mask = np.zeros((8, 8), float)
    mask[2, 2] = bad
    with pytest.raises(InputError, match="NaN or infinite"):
        as_mask(mask, picture)
    mask[2, 2] = 0.5
    assert as_mask(mask, picture).sum() == 1


@pytest.mark.parametrize("dtype", [float, np.int8, np.int64])
def test_a_mask_with_negative_values_is_refused_not_taken_as_full(dtype):
    picture = Image.new("RGB", (8, 8))
    mask = np.full((8, 8), -1, dtype)  # a signed difference, not a mask: was all masked
    with pytest.raises(InputError, match="negative values"):
        as_mask(mask, picture)
    mask[:] = 0
    mask[1, 1] = 1
    assert as_mask(mask, picture).sum() == 1


def test_a_thin_picture_is_named_at_the_size_it_was_given():
    """A 16x3000 strip scaled down to 2048 px is 11 px wide: the message said 'the picture
    is 11x2048', a size the user never gave."""
    with pytest.raises(InputError) as refused:
        as_image(Image.new("RGB", (16, 3000)), fit=2048)
    assert str(refused.value) == (
        "the picture is 16x3000 pixels; each side must be at least 16 once scaled down to "
        "2048 pixels (11x2048)"
    )


def test_a_mask_of_one_value_is_named_so():
    with pytest.raises(InputError, match="the mask is one value but the picture is 8x8"):
        as_mask(np.bool_(True), Image.new("RGB", (8, 8)))


def test_a_mask_of_the_wrong_size_is_refused_before_it_is_converted():
    picture = Image.new("RGB", (8, 8))
    with pytest.raises(InputError, match="the mask is 9x8"):
        as_mask(Image.new("L", (9, 8)), picture)
    with pytest.raises(InputError, match="the mask is 4000x4000"):
        as_mask(np.zeros((4000, 4000), np.float64), picture)


# -- texts and counts in a scene -----------------------------------------------------------------
def scene_with(**changes) -> dict:
    data = {
        "entities": [{"id": "e1", "name": "mug", "count": 1, "attributes": {}}],
        "relations": [],
        "texts": [],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"entities": [{"id": "e1", "name": "mug", "attributes": {"text": "x" * 150_000}}]},
         "attribute 'text' of 'e1' is 150,000 characters long; the limit is 200"),
        ({"entities": [{"id": "e1", "name": "mug", "attributes": {"label": "y" * 201}}]},
         "attribute 'label' of 'e1'"),
        ({"entities": [{"id": "e1", "name": "mug",
                        "attributes": {f"a{i}": "red" for i in range(MAX_ATTRIBUTES + 1)}}]},
         f"the limit is {MAX_ATTRIBUTES}"),
        ({"texts": ["z" * (MAX_TEXT_CHARS + 1)]}, "an entry of texts"),
        ({"texts": ["hi"] * (MAX_TEXTS + 1)}, f"at most {MAX_TEXTS} texts"),
        ({"style": "s" * 201}, "style is 201 characters"),
        ({"relations": [{"subject": "e1", "predicate": "left of", "object": "e1"}]
          * (MAX_RELATIONS + 1)}, f"at most {MAX_RELATIONS} relations"),
        ({"layout": [{"entity": "e1", "index": 0, "box": [0, 0, 1, 1]}]
          * (MAX_LAYOUT_BOXES + 1)}, "layout boxes"),
    ],
)  # fmt: skip
def test_texts_and_counts_in_a_scene_are_capped(changes, message):
    with pytest.raises(SceneError) as caught:
        SceneGraph.from_dict(scene_with(**changes))
    assert message in str(caught.value)
    assert len(str(caught.value)) < 300  # the chat message stays short


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"entities": "x"}, "'entities' must be a list, not str"),
        ({"relations": {"subject": "e1"}}, "'relations' must be a list, not dict"),
        ({"entities": ["mug"]}, "each item of 'entities' must be an object"),
        ({"layout": [[0, 0, 1, 1]]}, "each item of 'layout' must be an object"),
        ({"entities": [{"name": "mug"}]}, "a field is missing: 'id'"),
        ({"relations": [{"subject": "e1", "object": "e1"}]}, "a field is missing: 'predicate'"),
    ],
)  # fmt: skip
def test_a_tampered_scene_is_refused_naming_the_field_not_a_python_error(changes, message):
    with pytest.raises(SceneError) as caught:
        SceneGraph.from_dict(scene_with(**changes))
    assert message in str(caught.value)
    assert "Error(" not in str(caught.value)  # no repr of a Python exception in the chat


def test_a_generate_request_with_a_huge_text_is_refused_at_the_boundary(chat):
    plan = scene_with(entities=[{"id": "e1", "name": "mug", "attributes": {"text": "w" * 150_000}}])
    reply = request(chat, {"id": "g1", "kind": "generate", "plan": plan})
    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert "the limit is 200" in reply["error"]
    assert len(chat.history) == 0


# -- PNG metadata ----------------------------------------------------------------------------------
def test_a_plan_with_60000_relations_in_a_png_is_not_taken(chat):
    relations = [{"subject": "e1", "predicate": "left of", "object": "e1"}] * 60_000
    plan = scene_with(relations=relations)
    body = b"imagechat:plan\x00\x00\x00\x00\x00" + json.dumps(plan).encode()
    reply = request(chat, {"id": "r1", "kind": "load_image"}, [png_with_chunks((b"iTXt", body))])
    assert reply["ok"] is True
    assert chat.history[-1].scene is None  # loaded as a plain picture, and the chat says so
    assert chat._messages[-1]["text"] == (
        "Loaded a picture (16x16). The plan stored in it was not used: it is bigger than "
        "what is read from a picture's metadata (2 MiB)."
    )
    assert len(str(chat._messages)) < 2000


def test_a_stored_plan_over_a_scene_limit_is_said_not_used(chat):
    relations = [{"subject": "e1", "predicate": "left of", "object": "e1"}] * 201
    body = (
        b"imagechat:plan\x00\x00\x00\x00\x00" + json.dumps(scene_with(relations=relations)).encode()
    )
    reply = request(
        chat,
        {"id": "r1", "kind": "load_image", "name": "p.png"},
        [png_with_chunks((b"iTXt", body))],
    )
    assert reply["ok"] is True
    assert chat.history[-1].scene is None
    assert chat._messages[-1]["text"] == (
        "Loaded 'p.png' (16x16). The plan stored in it was not used: "
        "a scene holds at most 200 relations, got 201."
    )


def test_a_compressed_text_chunk_never_inflates_past_its_limit():
    bomb = zlib.compressobj(9)
    data = bomb.compress(b"a" * (64 * 2**20)) + bomb.flush()  # 64 MB of text in 64 KB
    body = b"imagechat:prompt\x00\x01\x00\x00\x00" + data
    png = png_with_chunks((b"iTXt", body), (b"tEXt", b"imagechat:engine\x00builtin"))
    meta = read_metadata(png)
    assert "prompt" not in meta  # left out
    assert meta["engine"] == "builtin"
    assert peak_mb(lambda: read_metadata(png)) < 3 * MAX_CHUNK_CHARS / 2**20


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9)
    return packer.compress(b"a" * size) + packer.flush()


METADATA = {  # PNGs other tools write, or a hostile one: the chunks before the picture data
    "an iTXt that inflates to 64 MB": [
        (b"iTXt", b"imagechat:plan\x00\x01\x00\x00\x00" + _bomb(64 * 2**20))
    ],
    "a zTXt that inflates to 1.1 MB (a workflow)": [
        (b"zTXt", b"workflow\x00\x00" + _bomb(1_100_000))
    ],
    "a 3 MB tEXt": [(b"tEXt", b"workflow\x00" + b"{" * 3_000_000)],
    "200 chunks": [(b"tEXt", b"k%d\x00v" % i) for i in range(200)],
    "a text chunk cut short": [(b"tEXt", b"imagechat:plan")],
}


@pytest.mark.parametrize("chunks", METADATA.values(), ids=METADATA.keys())
def test_a_picture_loads_whatever_its_metadata(chat, chunks):
    """Metadata never costs the picture: over its limits it is left out, the pixels load
    (PIL alone refuses a whole PNG whose compressed text inflates past 1 MB)."""
    png = png_with_chunks(*chunks)
    reply = request(chat, {"id": "r1", "kind": "load_image", "name": "p.png"}, [png])
    assert reply["ok"] is True, reply
    said = chat._messages[-1]["text"]
    assert said.startswith("Loaded 'p.png' (16x16).")
    stored_plan = any(body.startswith(b"imagechat:plan\x00") for _, body in chunks)
    assert ("The plan stored in it was not used" in said) == stored_plan
    assert chat.image.getpixel((3, 3)) == (255, 0, 0)
    assert chat.history[-1].scene is None
    assert peak_mb(lambda: as_image(png)) < 3 * MAX_CHUNK_CHARS / 2**20


def test_metadata_is_read_without_decoding_the_picture():
    png = blank_png(5000, 5000)  # too many pixels to decode
    at = png.index(b"IDAT") - 4
    png = png[:at] + chunk(b"tEXt", b"imagechat:engine\x00builtin") + png[at:]
    assert peak_mb(lambda: read_metadata(png)) < 10
    assert read_metadata(png) == {"engine": "builtin"}


# -- the page that lists the limits --------------------------------------------------------------
def test_docs_limits_gives_the_limits_the_code_has():
    from pathlib import Path

    from jupyter_imagechat import images
    from jupyter_imagechat.scene import text, vocabulary
    from jupyter_imagechat.session import history, masktext, provenance
    from jupyter_imagechat.turns import inputs, planflow
    from jupyter_imagechat.widget import display, protocol

    page = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text()
    expected = {
        "MAX_PROMPT_CHARS": f"{inputs.MAX_PROMPT_CHARS:,} characters",
        "MAX_TEXT_CHARS": f"{vocabulary.MAX_TEXT_CHARS} characters",
        "MAX_ATTRIBUTE_CHARS": f"{vocabulary.MAX_ATTRIBUTE_CHARS:,} characters",
        "MAX_ATTRIBUTES": f"| {vocabulary.MAX_ATTRIBUTES} |",
        "MAX_RELATIONS": f"| {vocabulary.MAX_RELATIONS} |",
        "MAX_TEXTS": f"| {vocabulary.MAX_TEXTS} each |",
        "MAX_LAYOUT_BOXES": f"| {vocabulary.MAX_LAYOUT_BOXES:,} ",
        "MAX_PLAN_BYTES": f"| {planflow.MAX_PLAN_BYTES:,} bytes |",
        "MAX_DEPTH": f"| {text.MAX_DEPTH} levels |",
        "MAX_DECODE_PIXELS": f"| {images.MAX_DECODE_PIXELS // 10**6} million ",
        "MAX_MASK_SIDE": f"| {masktext.MAX_MASK_SIDE} px a side",
        "PICTURES_KEPT": f"the newest {history.PICTURES_KEPT} turns",
        "MAX_MESSAGES": f"| {display.MAX_MESSAGES} messages |",
        "MAX_CHUNK_CHARS": f"| {provenance.MAX_CHUNK_CHARS // 2**20} MiB a chunk",
        "widget.protocol.MAX_IMAGE_BYTES": f"| {protocol.MAX_IMAGE_BYTES // 2**20} MiB ",
    }
    lines = page.splitlines()
    for name, value in expected.items():
        row = [line for line in lines if name in line]
        assert row, f"docs/limits.md does not name {name}"
        assert value in row[0], f"docs/limits.md gives {name} another value than {value!r}"
