"""History as a tree: checkout and branches, navigation, code that redoes a session,
the widget's history strip (reopen, copy as code) and the bound on its synced state."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers
from PIL import Image

from jupyter_imagechat import Conversation, ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.session import Turn
from jupyter_imagechat.widget import strip as widget_history

SIZE = 128


def same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and np.array_equal(np.asarray(a), np.asarray(b))


def corner_mask(size: int = SIZE) -> np.ndarray:
    mask = np.zeros((size, size), bool)
    mask[: size // 2, : size // 2] = True
    return mask


@pytest.fixture
def branched() -> Conversation:
    """t1 -> t2 -> t3 (inpaint), then t1 reopened: t4 -> t5."""
    conv = Conversation(size=SIZE)
    conv.send("three red apples left of a blue bowl")
    conv.send("make the bowl green")
    conv.send("a cat", mask=corner_mask())
    conv.checkout("t1")
    conv.send("add two more apples")
    conv.send("make the apples yellow")
    return conv


def test_checkout_makes_the_next_turn_a_branch_and_overwrites_nothing():
    conv = Conversation(size=SIZE)
    t1 = conv.send("three red apples left of a blue bowl")
    t2 = conv.send("make the bowl green")
    t2_pixels = np.asarray(t2.image).copy()
    reopened = conv.checkout("t1")
    assert reopened is t1
    assert same(conv.image, t1.image)  # the current picture is t1's again
    assert conv.scene.to_dict() == t1.scene.to_dict()
    t3 = conv.send("make the apples yellow")
    assert t3.parent == "t1"
    assert t3.scene_before.to_dict() == t1.scene.to_dict()  # edited t1's plan, not t2's
    assert [e.attributes.get("color") for e in t3.scene.entities] == ["yellow", "blue"]
    assert len(conv.history) == 3
    assert conv.history["t2"] is t2
    assert np.array_equal(np.asarray(t2.image), t2_pixels)


def test_checkout_clears_the_mask_and_an_unknown_turn_changes_nothing(branched):
    branched.mask = corner_mask()
    branched.checkout(1)  # by position
    assert branched.mask is None
    assert branched.history.head.id == "t2"
    with pytest.raises(InputError, match="no turn 't99'"):
        branched.checkout("t99")
    assert branched.history.head.id == "t2"
    assert len(branched.history) == 5


def test_navigation_by_index_id_and_branch(branched):
    history = branched.history
    assert [t.id for t in history] == ["t1", "t2", "t3", "t4", "t5"]
    assert history[0].id == "t1"
    assert history[-1].id == "t5"
    assert history["t3"].mode == "inpaint"
    assert [t.id for t in history[1:3]] == ["t2", "t3"]
    assert [[t.id for t in b] for b in history.branches()] == [
        ["t1", "t2", "t3"],
        ["t1", "t4", "t5"],
    ]
    assert [t.id for t in history.branch(1)] == ["t1", "t4", "t5"]
    assert [t.id for t in history.branch("t3")] == ["t1", "t2", "t3"]
    assert [t.id for t in history.children("t1")] == ["t2", "t4"]
    assert [t.id for t in history.tips] == ["t3", "t5"]
    assert history.head.id == "t5"
    assert history.last.id == "t5"
    history.checkout("t2")
    assert history.head.id == "t2"
    assert history.last.id == "t5"
    assert "t4" in history
    assert "t9" not in history
    with pytest.raises(KeyError):
        history["t9"]
    with pytest.raises(IndexError):
        history.branch(5)


def test_history_refuses_a_duplicate_id_or_an_unknown_parent(branched):
    turn = branched.history["t2"]
    with pytest.raises(ValueError, match="already recorded"):
        branched.history.append(turn)
    from dataclasses import replace

    with pytest.raises(ValueError, match="unknown parent"):
        branched.history.append(replace(turn, id="t6", parent="t42"))


def test_a_failing_listener_is_logged_and_never_loses_the_turn(caplog):
    conv = Conversation(size=SIZE)

    def broken(event, turn):
        raise RuntimeError("disk on fire")

    conv.history.on_change(broken)
    with caplog.at_level(logging.ERROR):
        turn = conv.send("a dog")
    assert conv.history.last is turn
    assert "disk on fire" in caplog.text


def test_turn_records_round_trip_with_everything_but_pixels(branched):
    for turn in branched.history:
        record = json.loads(json.dumps(turn.to_record()))
        back = Turn.from_record(record, turn.image, turn.mask)
        assert back.to_record() == turn.to_record()
        assert back.verdict.summary() == turn.verdict.summary()
        assert [o.box for o in back.objects] == [o.box for o in turn.objects]


def run_script(code: str) -> ImageChat:
    namespace: dict = {}
    exec(compile(code, "<history.to_code>", "exec"), namespace)
    return namespace["chat"]


def test_to_code_redoes_the_whole_session_pixel_for_pixel(branched):
    code = branched.history.to_code()
    assert "chat.checkout('t1')" in code
    assert "mask_from_text(" in code
    redone = run_script(code)
    try:
        assert [t.id for t in redone.history] == [t.id for t in branched.history]
        for new, old in zip(redone.history, branched.history, strict=True):
            assert (new.parent, new.mode, new.prompt) == (old.parent, old.mode, old.prompt)
            assert same(new.image, old.image), new.id
        assert redone.history.head.id == "t5"
    finally:
        redone.close()


def test_to_code_for_one_turn_redoes_only_its_path(branched):
    code = branched.history.to_code("t5")
    assert "make the bowl green" not in code  # t2 is on another branch
    redone = run_script(code)
    try:
        assert [t.prompt for t in redone.history] == [
            t.prompt for t in branched.history.lineage("t5")
        ]
        assert same(redone.image, branched.history["t5"].image)
    finally:
        redone.close()


# -- the widget: strip, reopen, copy as code ------------------------------------------------
class Recorder:
    def __init__(self) -> None:
        self.messages: list[dict] = []

    def __call__(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        self.messages.append(data)

    def reply(self, rid: str) -> dict:
        return next(
            d["content"]
            for d in reversed(self.messages)
            if d.get("method") == "custom" and d["content"]["id"] == rid
        )


@pytest.fixture
def chat(monkeypatch):
    widget = ImageChat(size=SIZE, autosave=False)
    widget.recorder = Recorder()
    monkeypatch.setattr(widget.comm, "publish_msg", widget.recorder)
    yield widget
    widget.close()


def test_the_strip_lists_every_turn_with_parent_and_a_small_thumbnail(chat):
    chat.send("three red apples left of a blue bowl")
    chat.send("make the bowl green")
    chat.checkout("t1")
    chat.send("add a cat")
    assert [(e["id"], e["parent"]) for e in chat._history] == [
        ("t1", None),
        ("t2", "t1"),
        ("t3", "t1"),
    ]
    assert chat._head == "t3"
    for entry in chat._history:
        thumb = Image.open(io.BytesIO(entry["thumb"]))
        assert thumb.format == "JPEG"
        assert max(thumb.size) <= widget_history.THUMB_SIZE


def test_clicking_a_turn_reopens_it_in_the_widget(chat):
    chat.send("three red apples left of a blue bowl")
    chat.send("make the bowl green")
    chat._handle_custom_msg({"id": "r1", "kind": "checkout", "turn": "t1"}, [])
    assert chat.recorder.reply("r1") == {"id": "r1", "ok": True, "result": {"turn": "t1"}}
    assert chat._head == "t1"
    shown = Image.open(io.BytesIO(chat._image)).convert("RGB")
    assert same(shown, chat.history["t1"].image)
    assert "Reopened t1" in chat._messages[-1]["text"]
    turn = chat.send("make the apples yellow")
    assert turn.parent == "t1"
    assert chat._head == turn.id


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"id": "r2", "kind": "checkout", "turn": "t7"}, "there is no turn 't7'"),
        ({"id": "r2", "kind": "checkout", "turn": "../etc"}, "must be a turn id"),
        ({"id": "r2", "kind": "checkout", "turn": 3}, "must be a turn id"),
        ({"id": "r2", "kind": "checkout"}, "must be a turn id"),
        ({"id": "r2", "kind": "turn_code", "turn": "t7"}, "there is no turn 't7'"),
        ({"id": "r2", "kind": "checkout", "turn": "t1", "x": 1}, "unexpected field"),
    ],
)
def test_bad_checkout_requests_are_refused_clearly_and_change_nothing(chat, content, expected):
    chat.send("a dog")
    chat.send("make the dog black")
    chat._handle_custom_msg(content, [])
    reply = chat.recorder.reply("r2")
    assert reply["ok"] is False
    assert reply["kind"] == "input"
    assert expected in reply["error"]
    assert chat._messages[-1]["role"] == "error"
    assert expected in chat._messages[-1]["text"]
    assert chat._head == "t2"
    assert len(chat.history) == 2


def test_copy_as_code_replies_with_a_script_that_redoes_the_turn(chat):
    chat.send("three red apples left of a blue bowl")
    chat.send("make the bowl green")
    chat._handle_custom_msg({"id": "r3", "kind": "turn_code", "turn": "t2"}, [])
    result = chat.recorder.reply("r3")["result"]
    assert result["turn"] == "t2"
    redone = run_script(result["code"])
    try:
        assert same(redone.image, chat.history["t2"].image)
    finally:
        redone.close()


def state_bytes(widget: ImageChat, *names: str) -> int:
    """Bytes of the widget state (only ``names`` if given) as the notebook would save it."""
    state = widget.get_state()
    if names:
        state = {k: v for k, v in state.items() if k in names}
    state, _paths, buffers = _remove_buffers(state)
    return len(json.dumps(state)) + sum(len(b) for b in buffers)


def test_synced_widget_state_stays_bounded_however_long_the_session(chat, monkeypatch):
    monkeypatch.setattr(widget_history, "MAX_STRIP_TURNS", 8)
    monkeypatch.setattr(widget_history, "MAX_STRIP_BYTES", 6_000)
    prompts = ["three red apples", "a blue bowl", "a dog on a bed", "two cats", "a green car"]
    rest = []
    for i in range(24):
        chat.send(prompts[i % len(prompts)], seed=i)
        strip = state_bytes(chat, "_history", "_head")
        assert strip <= 6_000 + 8 * 200  # thumbnails within budget + small entries
        # all but the strip: the bundle, the current picture, the chat log
        rest.append(state_bytes(chat) - strip - len(json.dumps(chat._messages)))
    strip = chat._history
    assert len(strip) == 8
    assert strip[-1]["id"] == "t24"
    thumbs = [len(e["thumb"]) for e in strip if "thumb" in e]
    assert sum(thumbs) <= 6_000
    assert "thumb" in strip[-1]
    assert len(thumbs) < 8  # the oldest listed turns lost their thumbnails to the budget
    # no full picture but the current one: the rest does not grow with the turns
    assert max(rest) - min(rest) <= 2 * max(len(t.to_png()) for t in chat.history)
    assert len(chat.history) == 24  # the history itself keeps every turn


def test_documented_strip_bounds_are_what_the_code_uses():
    text = (Path(widget_history.__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{widget_history.THUMB_SIZE} px" in text
    assert f"{widget_history.MAX_STRIP_TURNS} turns" in text
    assert f"{widget_history.MAX_STRIP_BYTES // 1024} KiB" in text


def test_to_code_redraws_an_edited_plan_not_the_prompt():
    conv = Conversation(size=SIZE)
    scene = conv.plan("three red apples left of a blue bowl")
    apples = next(e for e in scene.entities if e.name == "apple")
    apples.count = 2  # the user changed the count in the plan editor
    scene.layout = [b for b in scene.layout if not (b.entity == apples.id and b.index == 2)]
    first = conv.generate(scene)
    assert first.metadata["source"] == "plan"
    edited = conv.plan("make the bowl green")
    edited.entities[1].attributes["color"] = "purple"  # changed before drawing
    conv.mask = corner_mask()
    second = conv.generate(edited)
    assert second.mode == "inpaint"

    code = conv.history.to_code()
    assert "SceneGraph.from_json(" in code
    redone = run_script(code)
    try:
        for new, old in zip(redone.history, conv.history, strict=True):
            assert new.mode == old.mode
            assert new.scene.to_dict() == old.scene.to_dict()
            assert same(new.image, old.image), new.id
        assert next(e for e in redone.history[0].scene.entities if e.name == "apple").count == 2
    finally:
        redone.close()
