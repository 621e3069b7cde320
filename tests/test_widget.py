"""The widget without a browser or kernel: requests in, replies and traits out.

Without a kernel ipywidgets 8 gives each widget a ``comm.DummyComm``; its
``publish_msg`` is replaced by a recorder, so the tests see exactly what the
browser would receive (state updates with binary buffers, and replies).
"""

from __future__ import annotations

import io
import logging
import threading

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import Cancelled, InputError
from jupyter_imagechat.widget import bundle as widget_module

PROMPT = "three red apples left of a blue bowl"
SIZE = 128  # small pictures keep the tests fast


class Recorder:
    """Stands in for the comm's publish_msg and keeps what would go to the browser."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict, list]] = []
        self.lock = threading.Lock()

    def __call__(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        with self.lock:
            self.messages.append((data, list(buffers or [])))

    def replies(self) -> list[dict]:
        with self.lock:
            return [d["content"] for d, _ in self.messages if d.get("method") == "custom"]

    def updates(self) -> list[tuple[dict, list]]:
        with self.lock:
            return [(d, b) for d, b in self.messages if d.get("method") == "update"]


@pytest.fixture
def chat(monkeypatch):
    widget = ImageChat(size=SIZE)
    recorder = Recorder()
    monkeypatch.setattr(widget.comm, "publish_msg", recorder)
    widget.recorder = recorder
    yield widget
    widget.cancel()
    widget._wait(10)
    widget.close()


def request(widget: ImageChat, content, buffers=None, *, wait: bool = True) -> dict | None:
    """Deliver a custom message as the comm would; return the reply to it."""
    widget._handle_custom_msg(content, buffers)
    if wait:
        assert widget._wait(120), "the request did not finish in 120 s"
    rid = content.get("id") if isinstance(content, dict) else None
    for reply in reversed(widget.recorder.replies()):
        if reply["id"] == (rid if isinstance(rid, str) else None):
            return reply
    return None


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def roles(widget: ImageChat) -> list[str]:
    return [m["role"] for m in widget._messages]


def box_mask(widget: ImageChat, name: str) -> np.ndarray:
    """A mask over every drawn instance of ``name`` (from the laid-out plan), padded a bit."""
    scene = widget.history[-1].scene
    ids = {e.id for e in scene.entities if e.name == name}
    w, h = widget.image.size
    mask = np.zeros((h, w), dtype=bool)
    for box in scene.layout:
        if box.entity in ids:
            x0, y0, x1, y1 = box.box
            mask[
                max(int(y0 * h) - 2, 0) : min(int(y1 * h) + 2, h),
                max(int(x0 * w) - 2, 0) : min(int(x1 * w) + 2, w),
            ] = True
    assert mask.any(), f"no {name} in the plan"
    return mask


# -- the happy path ----------------------------------------------------------------------
def test_send_from_the_browser_draws_replies_and_records(chat):
    reply = request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})

    assert reply == {"id": "r1", "ok": True, "result": {"turn": "t1", "mode": "text2img"}}
    assert len(chat.history) == 1
    assert chat.history[0].prompt == PROMPT
    assert np.array_equal(pixels(chat._image), np.asarray(chat.image))
    assert chat.image.size == (SIZE, SIZE)
    assert roles(chat) == ["user", "assistant"]
    user, assistant = chat._messages
    assert user["text"] == PROMPT
    assert "apple" in assistant["plan"]
    assert "bowl" in assistant["plan"]
    assert assistant["plan"] == chat.history[0].summary()
    assert assistant["verdict"] == chat.history[0].verdict.summary()
    assert chat._busy is False
    assert chat._progress == {}
    # The picture travels to the browser as a binary buffer, never base64 in JSON.
    image_updates = [
        bytes(buffers[msg["buffer_paths"].index(["_image"])])
        for msg, buffers in chat.recorder.updates()
        if ["_image"] in msg["buffer_paths"]
    ]
    assert image_updates[-1] == chat._image


def test_a_painted_mask_limits_the_edit_to_the_mask(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    before = np.asarray(chat.image).copy()
    mask = box_mask(chat, "bowl")
    h, w = mask.shape
    painted = mask.astype(np.uint8) * 255

    reply = request(
        chat, {"id": "r2", "kind": "mask", "width": w, "height": h}, [painted.tobytes()]
    )
    assert reply == {"id": "r2", "ok": True, "result": {"pixels": int(mask.sum())}}
    assert np.array_equal(chat.mask, mask)
    assert chat._mask == np.packbits(mask).tobytes()  # the overlay shows what the kernel holds

    reply = request(chat, {"id": "r3", "kind": "send", "prompt": "make the bowl green"})
    assert reply["ok"]
    assert reply["result"]["mode"] == "inpaint"
    after = np.asarray(chat.image)
    assert np.array_equal(after[~mask], before[~mask]), "a pixel outside the mask changed"
    assert not np.array_equal(after[mask], before[mask]), "nothing changed inside the mask"
    turn = chat.history[-1]
    assert np.array_equal(turn.mask, mask)
    assert "bowl (green)" in turn.summary()
    # The mask belonged to that turn: it is cleared, in the kernel and on the canvas.
    assert chat.mask is None
    assert chat._mask == b""


def test_undo_in_the_chat_goes_back_and_keeps_the_history(chat):
    reply = request(chat, {"id": "u0", "kind": "send", "prompt": "undo"})
    assert reply["ok"] is False
    assert "nothing to undo" in reply["error"]
    request(chat, {"id": "u1", "kind": "send", "prompt": PROMPT})
    first = np.asarray(chat.image).copy()
    request(chat, {"id": "u2", "kind": "send", "prompt": "make the bowl green"})
    assert not np.array_equal(np.asarray(chat.image), first)

    reply = request(chat, {"id": "u3", "kind": "send", "prompt": "Undo!"})
    assert reply == {"id": "u3", "ok": True, "result": {"turn": "t1"}}
    assert np.array_equal(np.asarray(chat.image), first)
    assert np.array_equal(pixels(chat._image), first)  # the canvas shows it too
    assert len(chat.history) == 2  # the undone picture is kept
    assert chat._messages[-1]["role"] == "info"
    assert "Back to t1" in chat._messages[-1]["text"]
    turn = chat.send("add a cat")
    assert turn.parent == "t1"
    assert chat.send("go back").id == "t1"


def test_clear_mask_and_an_all_zero_mask_both_mean_no_mask(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    chat.mask = box_mask(chat, "bowl")
    assert chat._mask != b""
    assert request(chat, {"id": "r2", "kind": "clear_mask"})["ok"]
    assert chat.mask is None
    assert chat._mask == b""

    zeros = bytes(SIZE * SIZE)
    reply = request(chat, {"id": "r3", "kind": "mask", "width": SIZE, "height": SIZE}, [zeros])
    assert reply["ok"]
    assert chat.mask is None


def test_a_dropped_image_file_becomes_the_current_picture(chat):
    picture = Image.new("RGB", (96, 64), (10, 200, 30))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    reply = request(chat, {"id": "r1", "kind": "load_image", "name": "leaf.png"}, [buf.getvalue()])

    assert reply == {"id": "r1", "ok": True, "result": {"turn": "t1", "width": 96, "height": 64}}
    assert chat.history[-1].mode == "load"
    assert np.array_equal(pixels(chat._image), np.asarray(picture))
    assert chat._messages[-1]["role"] == "info"
    assert "leaf.png" in chat._messages[-1]["text"]


# -- bad input from the browser ------------------------------------------------------------
BAD_REQUESTS = {
    "empty prompt": ({"id": "b1", "kind": "send", "prompt": "   "}, None, "Type what you want"),
    "100 KB prompt": ({"id": "b2", "kind": "send", "prompt": "apple " * 17000}, None, "limit"),
    "prompt not text": ({"id": "b3", "kind": "send", "prompt": ["a"]}, None, "must be text"),
    "mask of the wrong size": (
        {"id": "b4", "kind": "mask", "width": 64, "height": 64},
        [bytes(64 * 64)],
        f"the picture is {SIZE}x{SIZE}",
    ),
    "mask bytes short": (
        {"id": "b5", "kind": "mask", "width": SIZE, "height": SIZE},
        [bytes(10)],
        "bytes, got 10",
    ),
    "not an image": (
        {"id": "b6", "kind": "load_image", "name": "x.png"},
        [b"this is not a picture at all"],
        "not an image",
    ),
    "unknown kind": ({"id": "b7", "kind": "format_disk"}, None, "unknown request kind"),
    "missing id": ({"kind": "send", "prompt": PROMPT}, None, "has no 'id'"),
    "not a dict": ("send", None, "must be a JSON object"),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_requests_get_an_error_reply_and_change_nothing(chat, case):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    image_before, history_before = chat._image, [t.id for t in chat.history]
    messages_before = len(chat._messages)
    content, buffers, message = BAD_REQUESTS[case]

    reply = request(chat, content, buffers)

    assert reply is not None, "no reply"
    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert message in reply["error"]
    assert reply["id"] == (content.get("id") if isinstance(content, dict) else None)
    error = chat._messages[-1]
    assert error["role"] == "error"
    assert error["text"] == reply["error"]
    assert len(chat._messages) <= messages_before + 2  # at most the prompt and the error
    assert [t.id for t in chat.history] == history_before
    assert chat._image == image_before
    assert chat._busy is False


def test_a_huge_prompt_is_shown_shortened_in_the_chat(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": "apple " * 17000})
    user = [m for m in chat._messages if m["role"] == "user"][-1]
    assert len(user["text"]) <= 300
    assert user["text"].endswith("\u2026")


# -- busy, progress, cancel ---------------------------------------------------------------
class Gate:
    """Wraps the engine's draw: reports progress with a preview, then waits until released."""

    def __init__(self, engine) -> None:
        self.draw = engine.draw
        self.started = threading.Event()
        self.release = threading.Event()
        engine.draw = self

    def __call__(self, scene, **kwargs):
        kwargs["on_progress"](1, 2, Image.new("RGB", (SIZE, SIZE), (0, 0, 0)))
        self.started.set()
        while not self.release.wait(0.01):
            if kwargs["should_stop"]():
                raise Cancelled("stopped by the user")
        return self.draw(scene, **kwargs)


def test_requests_while_busy_are_refused_and_progress_is_shown(chat):
    gate = Gate(chat.conversation.engine)
    assert request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT}, wait=False) is None
    assert gate.started.wait(10)

    assert chat._busy is True
    assert chat._progress == {"step": 1, "total": 2, "label": "drawing"}
    assert pixels(chat._image).max() == 0  # the preview is on the canvas
    for content, buffers in [
        ({"id": "r2", "kind": "send", "prompt": "a cat"}, None),
        ({"id": "r3", "kind": "load_image"}, [b"\x89PNG"]),
    ]:
        reply = request(chat, content, buffers, wait=False)
        assert reply == {
            "id": content["id"],
            "ok": False,
            "kind": "busy",
            "error": "still working on the previous request; press Stop or wait",
        }
        assert chat._messages[-1]["role"] == "error"
    with pytest.raises(Exception, match="still working"):
        chat.send("a cat")

    gate.release.set()
    assert chat._wait(30)
    assert [r["ok"] for r in chat.recorder.replies() if r["id"] == "r1"] == [True]
    assert len(chat.history) == 1
    assert chat.history[0].prompt == PROMPT
    assert chat._busy is False
    assert chat._progress == {}


def test_stop_cancels_the_running_prompt_and_keeps_the_picture(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    image_before = chat._image
    gate = Gate(chat.conversation.engine)
    request(chat, {"id": "r2", "kind": "send", "prompt": "make the bowl green"}, wait=False)
    assert gate.started.wait(10)
    assert chat._image != image_before  # showing the preview

    assert request(chat, {"id": "r3", "kind": "cancel"}, wait=False) == {
        "id": "r3",
        "ok": True,
        "result": {"stopping": True},
    }
    assert chat._wait(10)
    reply = next(r for r in chat.recorder.replies() if r["id"] == "r2")
    assert reply["ok"] is False
    assert reply["kind"] == "cancelled"
    assert len(chat.history) == 1
    assert chat._image == image_before  # preview gone, picture unchanged
    assert chat._messages[-1]["role"] == "info"
    assert "Stopped" in chat._messages[-1]["text"]
    assert chat._busy is False
    # Nothing to stop now; the next prompt runs normally.
    assert request(chat, {"id": "r4", "kind": "cancel"})["result"] == {"stopping": False}
    gate.release.set()
    assert request(chat, {"id": "r5", "kind": "send", "prompt": "make the bowl green"})["ok"]


def test_a_bug_is_logged_and_reported_and_never_escapes_the_handler(chat, monkeypatch, caplog):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})

    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(chat.conversation, "load", broken)
    with caplog.at_level(logging.ERROR, logger="jupyter_imagechat.widget"):
        reply = request(chat, {"id": "r2", "kind": "load_image"}, [b"\x89PNG"])
    assert reply["ok"] is False
    assert reply["kind"] == "error"
    assert "KeyError" in reply["error"]
    assert "Internal error" in chat._messages[-1]["text"]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    assert len(chat.history) == 1
    # The run lock was released: the widget still works.
    assert request(chat, {"id": "r3", "kind": "send", "prompt": "make the bowl green"})["ok"]


# -- the Python API ----------------------------------------------------------------------------
def test_python_send_returns_the_turn_and_updates_the_chat(chat):
    seen = []
    chat.on_turn(seen.append)
    turn = chat.send(PROMPT)
    assert turn is chat.history[-1]
    assert seen == [turn]
    assert roles(chat) == ["user", "assistant"]

    chat.on_turn(seen.append, remove=True)
    chat.send("make the bowl green")
    assert len(seen) == 1
    assert len(chat.history) == 2


def test_python_send_errors_are_posted_and_raised(chat):
    with pytest.raises(InputError, match="Type what you want") as info:
        chat.send("")
    assert chat._messages[-1] == {
        "id": chat._messages[-1]["id"],
        "role": "error",
        "text": str(info.value),
    }
    assert len(chat.history) == 0


def test_setting_the_mask_in_python_shows_it_in_the_browser(chat):
    chat.send(PROMPT)
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[10:20, 30:50] = True
    chat.mask = mask
    shown = np.unpackbits(np.frombuffer(chat._mask, np.uint8), count=SIZE * SIZE)
    shown = shown.reshape(SIZE, SIZE)
    assert np.array_equal(shown == 1, mask)
    assert len(chat._mask) == SIZE * SIZE // 8, "one bit a pixel on the wire"

    with pytest.raises(InputError, match=str(SIZE)):
        chat.mask = np.zeros((5, 5), dtype=bool)
    assert np.array_equal(chat.mask, mask)  # unchanged by the bad value

    chat.mask = None
    assert chat._mask == b""


def test_python_load_shows_the_picture(chat):
    picture = Image.new("RGB", (80, 80), (200, 10, 10))
    turn = chat.load(picture)
    assert turn.mode == "load"
    assert chat.image.size == (80, 80)
    assert np.array_equal(pixels(chat._image), np.asarray(picture))


def test_on_turn_runs_for_turns_from_the_browser_and_its_errors_are_logged(chat, caplog):
    threads = []

    def callback(turn):
        threads.append(threading.current_thread().name)
        raise RuntimeError("callback bug")

    chat.on_turn(callback)
    with caplog.at_level(logging.ERROR, logger="jupyter_imagechat.widget"):
        reply = request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    assert reply["ok"]  # the turn is recorded even though the callback failed
    assert threads == ["imagechat-send"]
    assert "callback" in caplog.text


# -- construction --------------------------------------------------------------------------------
def test_an_unknown_keyword_names_what_to_check():
    with pytest.raises(TypeError, match="colour") as info:
        ImageChat(colour="red")
    assert "Check the spelling" in str(info.value)


def test_an_unknown_engine_is_an_input_error():
    with pytest.raises(InputError, match="unknown engine"):
        ImageChat(engine="dalle")


def test_a_missing_front_end_bundle_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setattr(widget_module, "ESM_FILE", tmp_path / "widget.js")
    with pytest.raises(RuntimeError, match="npm install && npm run build"):
        ImageChat()


def test_the_front_end_bundle_is_sent_to_the_browser():
    widget = ImageChat(size=SIZE)
    try:
        assert "render" in widget._esm
        assert len(widget._esm) > 1000
        assert ".ic-root" in widget._css
    finally:
        widget.close()


def test_progress_updates_are_throttled(chat):
    updates = []
    chat.observe(lambda change: updates.append(change["new"]), names="_progress")
    chat._runner._last_progress = 0.0
    for step in range(1, 51):
        chat._runner._on_progress(step, 50, None)
    assert updates[-1] == {"step": 50, "total": 50, "label": "drawing"}  # the last one always
    assert len(updates) < 10


# -- outpainting (the canvas toolbar's Extend control) ----------------------------------
def test_outpaint_from_the_browser_extends_records_and_exports_as_code(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    before = np.asarray(chat.image).copy()
    content = {"id": "r2", "kind": "outpaint", "right": 64, "prompt": "a tree"}

    reply = request(chat, content)

    assert reply == {"id": "r2", "ok": True, "result": {"turn": "t2", "mode": "outpaint"}}
    turn = chat.history[-1]
    assert turn.mode == "outpaint"
    assert turn.settings["outpaint"] == {"left": 0, "right": 64, "top": 0, "bottom": 0}
    assert chat.image.size == (SIZE + 64, SIZE)
    assert np.array_equal(np.asarray(chat.image)[:, :SIZE], before)  # old pixels kept
    assert np.array_equal(pixels(chat._image), np.asarray(chat.image))
    assert roles(chat)[-2:] == ["user", "assistant"]
    assert chat._messages[-2]["text"] == "extend right by 64 px: a tree"
    assert "old pixels are unchanged" in chat._messages[-1]["text"]
    assert chat._messages[-1]["turn"] == "t2"
    assert [e["id"] for e in chat._history] == ["t1", "t2"]
    assert chat._head == "t2"
    assert chat._busy is False
    assert chat._progress == {}
    # the exported code redoes it through ImageChat.outpaint, to the same pixels, and is
    # what the Python call records
    code = chat.history.to_code()
    assert "chat.outpaint(right=64, prompt='a tree', seed=0, settings={'strength': 1.0})" in code
    redone: dict = {}
    exec(code, redone)
    python = ImageChat(size=SIZE)
    try:
        assert np.array_equal(np.asarray(redone["chat"].image), np.asarray(chat.image))
        python.send(PROMPT)
        python.outpaint(right=64, prompt="a tree")
        assert python.history.to_code() == code
    finally:
        redone["chat"].close()
        python.close()


def test_a_blank_prompt_outpaints_without_one(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    reply = request(chat, {"id": "r2", "kind": "outpaint", "top": 16, "bottom": 16, "prompt": " "})
    assert reply["ok"]
    assert chat.history[-1].prompt == ""
    assert chat.image.size == (SIZE, SIZE + 32)
    assert chat._messages[-2]["text"] == "extend top by 16 px, bottom by 16 px"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"right": 64}, "no picture to extend yet"),
        ({"right": 4096}, "between 0 and 2048"),
        ({"left": 1000, "right": 1000}, "the limit is 2048 pixels a side"),
        ({"right": "64"}, "whole number of pixels"),
        ({"sideways": 64}, "unexpected field"),
    ],
)
def test_bad_outpaint_requests_are_shown_in_the_chat_and_keep_the_history(chat, content, message):
    if "no picture" not in message:
        request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    history_before, image_before = [t.id for t in chat.history], chat._image

    reply = request(chat, {"id": "r2", "kind": "outpaint", **content})

    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert message in reply["error"]
    assert chat._messages[-1] == {**chat._messages[-1], "role": "error", "text": reply["error"]}
    assert [t.id for t in chat.history] == history_before
    assert chat._image == image_before
    assert chat._busy is False


def test_outpaint_while_busy_is_refused_and_stop_cancels_an_outpaint(chat):
    request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    image_before = chat._image
    gate = Gate(chat.conversation.engine)
    request(chat, {"id": "r2", "kind": "outpaint", "left": 32}, wait=False)
    assert gate.started.wait(10)
    assert chat._busy is True
    assert chat._progress["label"] == "drawing"
    refused = request(chat, {"id": "r3", "kind": "outpaint", "right": 32}, wait=False)
    assert refused["kind"] == "busy"
    assert chat._messages[-1]["role"] == "error"

    assert request(chat, {"id": "r4", "kind": "cancel"}, wait=False)["result"] == {"stopping": True}
    assert chat._wait(10)
    reply = next(r for r in chat.recorder.replies() if r["id"] == "r2")
    assert reply["kind"] == "cancelled"
    assert "Stopped" in chat._messages[-1]["text"]
    assert chat.history[0].mode == "text2img"
    assert chat.history.head.mode != "outpaint"  # at most a draft of the stopped turn
    assert chat._busy is False
    gate.release.set()
    assert request(chat, {"id": "r5", "kind": "outpaint", "left": 32})["ok"]
    assert chat.image.size == (SIZE + 32, SIZE)
    assert image_before != chat._image


def test_the_chat_log_keeps_the_newest_500_messages() -> None:
    from jupyter_imagechat.widget.display import MAX_MESSAGES

    chat = ImageChat(size=64, autosave=False)
    try:
        for n in range(MAX_MESSAGES + 120):
            chat._display.post("info", f"note {n}")
        messages = chat._messages
        assert MAX_MESSAGES == 500
        assert len(messages) == 500
        assert messages[0]["text"] == "note 120"  # the oldest went first
        assert messages[-1]["text"] == f"note {MAX_MESSAGES + 119}"
        assert len({m["id"] for m in messages}) == 500  # ids stay unique
        chat.send("a cat")  # a turn still adds its messages at the end
        assert len(chat._messages) == 500
        assert chat._messages[-1]["role"] == "assistant"
    finally:
        chat.close()
