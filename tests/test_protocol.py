"""Checks of requests from the browser (untrusted input) and the shape of replies."""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat.errors import Busy, Cancelled, EngineError, InputError
from jupyter_imagechat.widget.protocol import (
    MAX_IMAGE_BYTES,
    bytes_from_json,
    encode_mask,
    error_reply,
    ok_reply,
    parse_request,
    request_id,
)

SIZE = (4, 3)  # width, height of the current picture


def parse(content, buffers=None, image_size=SIZE):
    return parse_request(content, buffers, image_size=image_size)


def test_send_request_keeps_the_prompt_verbatim():
    req = parse({"id": "r1", "kind": "send", "prompt": "  three red apples "})
    assert (req.id, req.kind, req.prompt) == ("r1", "send", "  three red apples ")


def test_mask_request_becomes_a_bool_array_of_the_picture_shape():
    data = bytes([0, 255, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7])
    req = parse({"id": "r2", "kind": "mask", "width": 4, "height": 3}, [memoryview(data)])
    assert req.mask.dtype == np.bool_
    assert req.mask.shape == (3, 4)
    assert np.argwhere(req.mask).tolist() == [[0, 1], [1, 0], [2, 3]]


def test_load_image_request_carries_the_bytes_and_name():
    req = parse({"id": "r3", "kind": "load_image", "name": "cat.png"}, [b"\x89PNG..."])
    assert (req.data, req.name) == (b"\x89PNG...", "cat.png")


@pytest.mark.parametrize("kind", ["clear_mask", "cancel"])
def test_requests_without_payload(kind):
    assert parse({"id": "x", "kind": kind}).kind == kind


@pytest.mark.parametrize(
    ("content", "buffers", "message"),
    [
        ("send", None, "must be a JSON object"),
        ({"kind": "send", "prompt": "a cat"}, None, "has no 'id'"),
        ({"id": "", "kind": "cancel"}, None, "request id must be"),
        ({"id": "x" * 65, "kind": "cancel"}, None, "request id must be"),
        ({"id": 7, "kind": "cancel"}, None, "request id must be"),
        ({"id": "a b", "kind": "cancel"}, None, "request id must be"),
        ({"id": "r", "kind": "explode"}, None, "unknown request kind 'explode'"),
        ({"id": "r"}, None, "unknown request kind None"),
        ({"id": "r", "kind": "send", "prompt": 5}, None, "'prompt' must be text, got int"),
        ({"id": "r", "kind": "send"}, None, "'prompt' must be text, got NoneType"),
        ({"id": "r", "kind": "send", "prompt": "x", "seed": 1}, None, "unexpected field(s)"),
        ({"id": "r", "kind": "send", "prompt": "x"}, [b"1"], "carries 0 binary buffer(s), got 1"),
        ({"id": "r", "kind": "mask", "width": 4, "height": 3}, None, "carries 1 binary"),
        (
            {"id": "r", "kind": "mask", "width": 4, "height": 3},
            [b"\0" * 12, b"\0" * 12],
            "carries 1 binary buffer(s), got 2",
        ),
        ({"id": "r", "kind": "mask", "width": "4", "height": 3}, [b""], "width must be a positive"),
        ({"id": "r", "kind": "mask", "width": 4, "height": True}, [b""], "height must be a posit"),
        ({"id": "r", "kind": "mask", "width": 0, "height": 3}, [b""], "width must be a positive"),
        (
            {"id": "r", "kind": "mask", "width": 8, "height": 6},
            [b"\0" * 48],
            "the mask is 8x6 but the picture is 4x3",
        ),
        (
            {"id": "r", "kind": "mask", "width": 4, "height": 3},
            [b"\0" * 11],
            "a 4x3 mask needs 12 bytes, got 11",
        ),
        ({"id": "r", "kind": "mask", "width": 4, "height": 3}, ["abc"], "buffers must be bytes"),
        ({"id": "r", "kind": "load_image"}, [b""], "the dropped file is empty"),
        ({"id": "r", "kind": "load_image", "name": 3}, [b"x"], "'name' must be a file name"),
    ],
)
def test_malformed_requests_are_refused_with_a_clear_message(content, buffers, message):
    with pytest.raises(InputError) as info:
        parse(content, buffers)
    assert message in str(info.value)


def test_a_mask_before_any_picture_says_to_draw_first():
    with pytest.raises(InputError, match="no picture to mask yet"):
        parse({"id": "r", "kind": "mask", "width": 4, "height": 3}, [b"\0" * 12], image_size=None)


def test_oversized_image_file_is_refused_before_decoding():
    big = b"\0" * (MAX_IMAGE_BYTES + 1)
    with pytest.raises(InputError, match="the limit is 8 MiB"):
        parse({"id": "r", "kind": "load_image"}, [big])


def test_request_id_is_only_echoed_when_valid():
    assert request_id({"id": "abc-1"}) == "abc-1"
    assert request_id({"id": "<script>"}) is None
    assert request_id(["id"]) is None
    assert request_id({}) is None


def test_replies_carry_the_id_and_a_structured_error():
    assert ok_reply("r1", {"turn": "t1"}) == {"id": "r1", "ok": True, "result": {"turn": "t1"}}
    for exc, kind in [
        (InputError("bad"), "input"),
        (EngineError("bad"), "engine"),
        (Busy("bad"), "busy"),
        (Cancelled("bad"), "cancelled"),
    ]:
        assert error_reply("r2", exc) == {"id": "r2", "ok": False, "kind": kind, "error": "bad"}


def test_unexpected_exceptions_are_reported_as_internal_errors():
    reply = error_reply(None, KeyError("x"))
    assert reply["kind"] == "error"
    assert reply["ok"] is False
    assert "internal error" in reply["error"]
    assert reply["id"] is None


def test_the_mask_trait_encoding_parses_back_to_the_same_mask():
    # The browser paints on what _mask holds and sends it back as a "mask" request.
    mask = np.zeros((3, 4), dtype=bool)
    mask[1, 2] = mask[2, 0] = True
    wire = encode_mask(mask)
    assert wire == bytes([0b00000010, 0b10000000])  # 12 pixels, row-major, high bit first
    assert encode_mask(None) == b""
    req = parse(
        {"id": "r", "kind": "mask", "width": 4, "height": 3, "encoding": "bits"},
        [memoryview(wire)],
    )
    assert np.array_equal(req.mask, mask)


def test_bytes_traits_accept_memoryview_from_the_browser():
    assert bytes_from_json(memoryview(b"\x89PNG"), None) == b"\x89PNG"
    assert bytes_from_json(None, None) == b""


def test_outpaint_request_carries_the_margins_and_the_optional_prompt():
    req = parse({"id": "o1", "kind": "outpaint", "right": 2}, image_size=(512, 512))
    assert req.margins == {"left": 0, "right": 2, "top": 0, "bottom": 0}
    assert req.prompt is None
    req = parse(
        {"id": "o2", "kind": "outpaint", "left": 8, "top": 1536, "prompt": "a tree"},
        image_size=(512, 512),
    )
    assert req.margins == {"left": 8, "right": 0, "top": 1536, "bottom": 0}
    assert req.prompt == "a tree"


BIG = (512, 512)


@pytest.mark.parametrize(
    ("content", "image_size", "message"),
    [
        ({"middle": 8}, BIG, "unexpected field(s) in a 'outpaint' request: middle"),
        ({"Right": 8}, BIG, "unexpected field(s)"),
        ({"right": -8}, BIG, "'right' = -8 must be between 0 and 2048"),
        ({"left": 10**12}, BIG, "'left' = 1000000000000 must be between 0 and 2048"),
        ({"top": 2049}, (4, 4), "between 0 and 2048"),
        ({"right": 12.5}, BIG, "'right' must be a whole number of pixels, got 12.5"),
        ({"right": 64.0}, BIG, "whole number"),
        ({"bottom": "64"}, BIG, "'bottom' must be a whole number of pixels, got '64'"),
        ({"right": True}, BIG, "whole number"),
        ({"right": None}, BIG, "whole number"),
        ({"right": [8]}, BIG, "whole number"),
        ({}, BIG, "say how far to extend"),
        ({"right": 0, "left": 0}, BIG, "say how far to extend"),
        ({"right": 8, "prompt": 5}, BIG, "'prompt' must be text"),
        ({"right": 8}, None, "no picture to extend yet"),
        ({"right": 1024, "left": 513}, BIG, "would be 2049x512; the limit is 2048"),
        ({"bottom": 1537}, BIG, "would be 512x2049"),
    ],
)
def test_bad_outpaint_requests_are_refused(content, image_size, message):
    with pytest.raises(InputError) as info:
        parse({"id": "o3", "kind": "outpaint", **content}, image_size=image_size)
    assert message in str(info.value)


def test_an_outpaint_request_takes_no_buffers():
    with pytest.raises(InputError, match="carries 0 binary buffer"):
        parse({"id": "o4", "kind": "outpaint", "right": 8}, [b"x"], image_size=BIG)


def test_texts_from_the_browser_are_made_valid_and_kept_otherwise():
    req = parse({"id": "r1", "kind": "send", "prompt": "  a red apple \ud83c\x00 "})
    assert req.prompt == "  a red apple \ufffd "  # half an emoji; NUL dropped; spaces kept
    req = parse({"id": "r2", "kind": "load_image", "name": "ph\udc00oto.png"}, [b"\x89PNG"])
    assert req.name == "ph\ufffdoto.png"
    req = parse({"id": "r3", "kind": "outpaint", "right": 2, "prompt": "a tree \ud83c"})
    assert req.prompt == "a tree \ufffd"


def test_a_generate_request_carries_a_checked_scene():
    plan = {"entities": [{"id": "e1", "name": "mug", "attributes": {"text": "hi \ud83c"}}]}
    req = parse({"id": "g1", "kind": "generate", "plan": plan})
    assert req.plan.entities[0].attributes["text"] == "hi \ufffd"
    plan["entities"][0]["count"] = "3"
    with pytest.raises(InputError, match="the plan is not valid: count of 'e1'"):
        parse({"id": "g2", "kind": "generate", "plan": plan})


def test_the_browser_may_set_only_plan_first():
    from jupyter_imagechat.widget.protocol import browser_state

    state = {"plan_first": True, "_busy": True, "_esm": "x", "_messages": [], "layout": {}}
    assert browser_state(state) == {"plan_first": True}
    assert browser_state(["not", "a", "dict"]) == {}
