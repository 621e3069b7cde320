"""The widget's side of the protocol holds however a request ends: an interrupted kernel
leaves the Send button usable and no preview on the canvas, a refused request leaves the
plan editor's waiting plan, an error is said once, a plan is checked whole at the boundary,
and the browser cannot set the traits that are the kernel's to set."""

from __future__ import annotations

import _thread
import contextlib
import copy
import random
import threading
import time

import numpy as np
import pytest
from PIL import Image
from test_widget import PROMPT, Recorder, pixels, request

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import ImageChatError, InputError
from jupyter_imagechat.widget import protocol

SIZE = 96


def recording(monkeypatch: pytest.MonkeyPatch, **options) -> ImageChat:
    """A widget whose messages to the browser are recorded (for ``test_widget.request``)."""
    widget = ImageChat(**options)
    monkeypatch.setattr(widget.comm, "publish_msg", Recorder())
    widget.recorder = widget.comm.publish_msg
    return widget


def finish(widget: ImageChat) -> None:
    widget.cancel()
    widget._wait(10)
    widget.close()


@pytest.fixture
def chat(monkeypatch):
    widget = recording(monkeypatch, size=SIZE, autosave=False)
    yield widget
    finish(widget)


class Interrupt:
    """Wraps the engine's draw: shows a preview, then the kernel is interrupted."""

    def __init__(self, engine, error: BaseException) -> None:
        self.engine, self.draw, self.error = engine, engine.draw, error
        engine.draw = self

    def __call__(self, scene, **kwargs):
        kwargs["on_progress"](1, 4, Image.new("RGB", (SIZE, SIZE), (0, 0, 0)))
        self.engine.draw = self.draw  # once
        raise self.error


def errors(chat: ImageChat) -> list[str]:
    return [m["text"] for m in chat._messages if m["role"] == "error"]


# -- an interrupted kernel ------------------------------------------------------------------
@pytest.mark.parametrize("first", [True, False], ids=["first-turn", "an-edit"])
def test_interrupting_the_kernel_during_send_leaves_the_widget_usable(chat, first):
    if not first:
        chat.send(PROMPT)
    before = chat._image
    Interrupt(chat.conversation.engine, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        chat.send("a dog" if first else "make the bowl green")
    assert chat._busy is False  # the browser's Send button works again
    assert chat._progress == {}
    assert chat._image == before  # the unfinished preview is gone
    assert chat.conversation.busy is False
    assert "Interrupted" in chat._messages[-1]["text"]
    assert len(chat.history) == (0 if first else 1)
    reply = request(chat, {"id": "r1", "kind": "send", "prompt": "a cat"})
    assert reply["ok"] is True


def test_an_interrupt_at_any_moment_of_a_turn_leaves_the_widget_usable(monkeypatch, tmp_path):
    """The class of the case above: the kernel interrupted (as the Stop-kernel button does)
    at a random moment of a turn, while it plans, draws, checks, saves or shows the picture,
    or just after it finished. Whatever was hit, the Send button works, no preview is left,
    the canvas shows the current turn, and every recorded turn is on disk by the next turn."""
    chat = recording(monkeypatch, size=SIZE, autosave=tmp_path, session="s")
    chance = random.Random(16)
    prompts = ["three red apples left of a blue bowl", "make the bowl green", "add a cat"]
    inside = 0
    try:
        started = time.perf_counter()
        chat.send(prompts[0])
        chat.send(prompts[1])
        turn_time = (time.perf_counter() - started) / 2  # the moments fall inside a turn
        for i in range(18):
            timer = threading.Timer(chance.uniform(0, 0.7 * turn_time), _thread.interrupt_main)
            finished = False
            try:
                timer.start()
                with contextlib.suppress(ImageChatError):  # an edit with no picture yet
                    chat.send(prompts[i % 3], new=i % 3 == 0)
                finished = True
                timer.join()
                time.sleep(0.05)  # an interrupt that came just after the turn lands here
            except KeyboardInterrupt:
                inside += not finished
                timer.join()  # it fired: nothing else can land outside this loop
            assert chat._wait(30)
            head = chat.history.head
            assert chat._busy is False  # the browser's Send button works again
            assert chat._progress == {}
            assert chat._image == (head.to_png() if head is not None else b"")
            assert chat.conversation.busy is False
        assert inside >= 3, inside  # interrupts did stop turns (not a test of nothing)
        reply = request(chat, {"id": "r1", "kind": "send", "prompt": "a yellow star"})
        assert reply["ok"] is True
        assert chat._store.unsaved == []
        saved = sorted(p.stem for p in (tmp_path / "s").glob("t*.json"))
        assert saved == sorted(t.id for t in chat.history)
    finally:
        finish(chat)


def test_a_failure_while_showing_a_finished_turn_still_frees_the_widget(chat, monkeypatch):
    def broken() -> None:
        raise RuntimeError("the screen fell over")

    monkeypatch.setattr(chat._display, "show_state", broken)
    reply = request(chat, {"id": "r1", "kind": "send", "prompt": PROMPT})
    assert reply["ok"] is True  # the turn is recorded and the browser hears so
    assert chat._busy is False
    assert len(chat.history) == 1


# -- the plan editor's waiting plan --------------------------------------------------------
def test_refused_sends_leave_the_waiting_plan(chat):
    assert request(chat, {"id": "p1", "kind": "plan", "prompt": PROMPT})["ok"]
    waiting = copy.deepcopy(chat._plan)
    assert waiting["scene"]["entities"]
    for content in (
        {"id": "s1", "kind": "send", "prompt": ""},
        {"id": "s2", "kind": "send", "prompt": "   "},
        {"id": "s3", "kind": "send", "prompt": "x" * 3000},
        {"id": "s4", "kind": "send", "prompt": "undo"},
        {"id": "s5", "kind": "send", "prompt": 7},
        {"id": "s6", "kind": "send"},
    ):
        reply = request(chat, content)
        assert reply["ok"] is False, content
        assert chat._plan == waiting, content
    gate = threading.Event()
    engine = chat.conversation.engine
    draw = engine.draw

    def slow(scene, **kwargs):
        gate.wait(10)
        return draw(scene, **kwargs)

    engine.draw = slow
    request(chat, {"id": "g1", "kind": "generate", "plan": waiting["scene"]}, wait=False)
    busy = request(chat, {"id": "s7", "kind": "send", "prompt": "a cat"}, wait=False)
    assert busy["kind"] == "busy"
    assert chat._plan == waiting
    gate.set()
    assert chat._wait(30)
    engine.draw = draw
    assert request(chat, {"id": "s8", "kind": "send", "prompt": "a red car"})["ok"]
    assert chat._plan == {}  # a prompt drawn replaces the plan waiting


# -- each error said once --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "buffers"),
    [
        ({"id": "c1", "kind": "checkout", "turn": "t9"}, None),
        ({"id": "c2", "kind": "load_image", "name": "x.png"}, [b"not an image"]),
        ({"id": "c3", "kind": "plan", "prompt": ""}, None),
        ({"id": "c4", "kind": "send", "prompt": ""}, None),
        ({"id": "c5", "kind": "turn_code", "turn": "t9"}, None),
        ({"id": "c6", "kind": "generate", "plan": {"entities": []}}, None),
        ({"id": "c7", "kind": "fix"}, None),
        ({"id": "c8", "kind": "mask", "width": 3, "height": 3}, [b"\0" * 9]),
        ({"id": "c9", "kind": "answer", "choice": "new"}, None),  # no question: was unsaid
    ],
)
def test_each_refusal_is_said_once_and_answered_once(chat, content, buffers):
    request(chat, {"id": "r0", "kind": "send", "prompt": PROMPT})
    said = len(errors(chat))
    replies = len(chat.recorder.replies())
    reply = request(chat, content, buffers)
    assert reply["ok"] is False
    assert len(errors(chat)) == said + 1
    assert len(chat.recorder.replies()) == replies + 1


# -- plans checked whole at the boundary ------------------------------------------------------
@pytest.mark.parametrize("index", [None, "0", 1.5, -1, [0], True])
def test_a_plan_with_a_bad_layout_index_is_refused_at_the_boundary(chat, index):
    plan = chat.plan(PROMPT).to_dict()
    plan["layout"][0]["index"] = index
    with pytest.raises(InputError, match="layout box index"):
        protocol.parse_request({"id": "g", "kind": "generate", "plan": plan}, [], image_size=None)
    reply = request(chat, {"id": "g1", "kind": "generate", "plan": plan})
    assert reply["kind"] == "input"
    assert "internal error" not in reply["error"]
    assert len(chat.history) == 0


def test_a_plan_from_the_browser_arrives_as_a_checked_scene(chat):
    plan = chat.plan(PROMPT).to_dict()
    req = protocol.parse_request({"id": "g", "kind": "generate", "plan": plan}, [], image_size=None)
    assert req.plan is not None
    assert req.plan.to_dict() == plan
    deep: dict = {"entities": []}
    for _ in range(200):
        deep = {"x": deep}
    with pytest.raises(InputError, match="nest deeper"):
        protocol.parse_request({"id": "g", "kind": "generate", "plan": deep}, [], image_size=None)


# -- traits are the kernel's to set --------------------------------------------------------------
def test_the_browser_cannot_set_the_kernels_traits(chat):
    chat.send(PROMPT)
    kept = {
        name: copy.deepcopy(getattr(chat, name))
        for name in ("_busy", "_messages", "_esm", "_css", "_image", "_mask", "_history", "_head")
    }
    hostile = {
        "_busy": True,
        "_messages": [{"id": "m1", "role": "assistant", "text": "<img onerror=alert(1)>"}],
        "_esm": "export default {render() { alert(1) }}",
        "_css": "* {display: none}",
        "_image": b"",
        "_mask": b"\xff" * 10,
        "_history": [],
        "_head": "t9",
        "plan_first": True,
    }
    chat.set_state(hostile)
    chat._handle_msg(
        {"content": {"data": {"method": "update", "state": hostile, "buffer_paths": []}}}
    )
    for name, value in kept.items():
        assert getattr(chat, name) == value, name
    assert chat.plan_first is True  # the one public trait the browser may set
    assert np.array_equal(pixels(chat._image), np.asarray(chat.image))
