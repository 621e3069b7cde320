"""Memory that comes back: a history keeps the decoded pictures of its newest turns (and
the current one) only, older pictures come back identical from the autosave folder (or
from their PNG bytes without autosave), and a closed chat is freed.
``benchmarks/memory_turns.py`` measures the figures at 1024 px."""

from __future__ import annotations

import gc
import hashlib
import weakref

import numpy as np
import pytest
from test_hardening_autosave import FlakyDisk
from test_hardening_protocol import Interrupt
from test_widget import Recorder, request

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import ImageChatError, Unsure
from jupyter_imagechat.session.history import PICTURES_KEPT

SIZE = 64
PROMPTS = ["three red apples left of a blue bowl", "make the bowl green", "a cat", "a red car"]


def digest(array) -> str:
    return hashlib.sha256(np.asarray(array).tobytes()).hexdigest()


def run(chat: ImageChat, turns: int) -> dict[str, tuple]:
    """Make ``turns`` turns; return each turn's picture, mask and shapes as drawn."""
    drawn = {}
    for i in range(turns):
        mask = None
        if PROMPTS[i % 4] == "a cat" and chat.image is not None:
            mask = np.zeros((SIZE, SIZE), bool)
            mask[5 : 20 + i, 5:40] = True
        turn = chat.send(PROMPTS[i % 4], mask=mask, seed=i)
        shapes = [digest(o.mask) for o in turn.objects if o.mask is not None]
        drawn[turn.id] = (digest(turn.image), None if mask is None else digest(mask), shapes)
    return drawn


def decoded(chat: ImageChat) -> list[str]:
    return [t.id for t in chat.history if t._pictures.decoded]


@pytest.mark.parametrize("autosave", [True, False], ids=["autosave", "in-memory"])
def test_older_pictures_leave_memory_and_come_back_identical(tmp_path, autosave):
    chat = ImageChat(size=SIZE, autosave=tmp_path if autosave else False, session="s")
    chat.history.pictures_kept = 3
    drawn = run(chat, 12)
    assert decoded(chat) == ["t10", "t11", "t12"]
    chat.checkout("t2")
    assert chat.image is chat.image  # the current picture is decoded once, then kept
    assert decoded(chat) == ["t2", "t10", "t11", "t12"]  # the newest 3 and the current one
    for turn in chat.history:
        image, mask, shapes = drawn[turn.id]
        assert digest(turn.image) == image
        assert (None if turn.mask is None else digest(turn.mask)) == mask
        assert [digest(o.mask) for o in turn.objects if o.mask is not None] == shapes
    assert len(decoded(chat)) == 4  # reading an old picture does not keep it
    if autosave:  # nothing of an old picture is kept in memory but its file's place
        assert chat.history["t1"]._pictures._png is None
        assert chat.history["t1"].to_png() == (tmp_path / "s" / "t1.png").read_bytes()
    assert chat.replay().identical
    chat.close()


def test_the_default_keeps_the_documented_number_of_pictures(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    run(chat, PICTURES_KEPT + 4)
    assert len(decoded(chat)) == PICTURES_KEPT
    chat.close()


def test_a_picture_that_could_not_be_saved_stays_in_memory(tmp_path, monkeypatch):
    disk = FlakyDisk(monkeypatch)
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.history.pictures_kept = 1
    disk.full = True
    drawn = run(chat, 5)
    assert chat._store.unsaved == ["t1", "t2", "t3", "t4", "t5"]
    for turn in chat.history:  # its PNG bytes are kept: nothing is lost
        assert digest(turn.image) == drawn[turn.id][0]
    disk.full = False
    chat.close()
    restored = ImageChat.restore("s", root=tmp_path)
    assert [digest(t.image) for t in restored.history] == [d[0] for d in drawn.values()]
    restored.close()


def test_a_restored_session_decodes_only_what_it_shows(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    drawn = run(chat, 12)
    chat.close()
    restored = ImageChat.restore("s", root=tmp_path)
    assert len(decoded(restored)) <= PICTURES_KEPT
    assert [digest(t.image) for t in restored.history] == [d[0] for d in drawn.values()]
    restored.close()


@pytest.mark.parametrize(
    "how", ["python", "browser", "autosave", "interrupted", "asking", "plan-waiting"]
)
def test_a_closed_chat_is_freed(tmp_path, monkeypatch, how):
    """However the chat was left (a turn interrupted, a question unanswered, a plan
    waiting in the editor), closing it frees it."""
    chat = ImageChat(size=SIZE, autosave=tmp_path if how == "autosave" else False, session="s")
    if how == "browser":
        monkeypatch.setattr(chat.comm, "publish_msg", Recorder())
        chat.recorder = chat.comm.publish_msg
        request(chat, {"id": "r1", "kind": "send", "prompt": "a red apple"})
        request(chat, {"id": "r2", "kind": "checkout", "turn": "t9"})
    else:
        run(chat, 3)
    if how == "interrupted":
        Interrupt(chat.conversation.engine, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            chat.send("a dog", new=True)
    if how in ("asking", "plan-waiting"):
        with pytest.raises(Unsure):  # change the picture or a new one?
            (chat.plan if how == "plan-waiting" else chat.send)("two cats on a bed")
    if how == "plan-waiting":
        chat.answer("new")
        assert chat._plan
    refs = [weakref.ref(o) for o in (chat, chat.conversation, chat.history, chat.history[0])]
    chat.close()
    monkeypatch.undo()
    del chat
    gc.collect()
    assert [r() is None for r in refs] == [True] * len(refs)


@pytest.mark.parametrize("session", ["../s", "s\n", "."])
def test_a_chat_whose_autosave_fails_to_open_is_not_kept(tmp_path, session):
    """``ImageChat(session=...)`` refused (its name is a path) leaves no widget behind: each
    refused call kept one, its conversation and engine, registered with ipywidgets for
    the kernel's life."""
    from ipywidgets.widgets.widget import _instances

    before = {k for k, w in _instances.items() if isinstance(w, ImageChat)}
    for _ in range(3):
        with pytest.raises(ImageChatError):
            ImageChat(size=SIZE, autosave=tmp_path, session=session)
    gc.collect()
    after = {k for k, w in _instances.items() if isinstance(w, ImageChat)}
    assert after == before


def test_a_lesson_rerun_with_new_keeps_one_chat(tmp_path, monkeypatch):
    """``%%imagechat chat --new`` run again (a lesson re-run from the top) closes the chat
    ``chat`` held: each run kept the one before alive, pictures, autosave and all."""
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(tmp_path)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyter_imagechat")
    refs = []
    for _ in range(3):
        assert shell.run_cell(f"%%imagechat chat --new --size {SIZE}\na red apple").success
        refs.append(weakref.ref(shell.user_ns["chat"]))
    gc.collect()
    assert [r() is None for r in refs] == [True, True, False]
    shell.user_ns.pop("chat").close()
