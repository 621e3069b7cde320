"""Autosave and restore: every finished turn survives a kernel crash (SIGKILL)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.session.autosave import ENV_DIR, SessionStore, list_sessions

SIZE = 128


def digest(image: Image.Image) -> str:
    return hashlib.sha256(np.asarray(image.convert("RGB")).tobytes()).hexdigest()


def mask_digest(mask) -> str | None:
    return None if mask is None else hashlib.sha256(np.packbits(mask).tobytes()).hexdigest()


def describe(turn) -> dict:
    """Everything about a turn a restore must bring back, pixels as hashes."""
    return {
        "id": turn.id,
        "parent": turn.parent,
        "prompt": turn.prompt,
        "mode": turn.mode,
        "seed": turn.seed,
        "settings": turn.settings,
        "scene": turn.scene.to_dict() if turn.scene else None,
        "scene_before": turn.scene_before.to_dict() if turn.scene_before else None,
        "verdict": turn.verdict.to_dict() if turn.verdict else None,
        "image": digest(turn.image),
        "mask": mask_digest(turn.mask),
    }


def region(x0, y0, x1, y1):
    mask = np.zeros((SIZE, SIZE), bool)
    mask[y0:y1, x0:x1] = True
    return mask


def test_a_session_saves_as_it_goes_and_restores_every_turn(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    chat.send("three red apples left of a blue bowl")
    chat.send("a cat", mask=region(0, 0, 60, 60))
    chat.checkout("t1")
    chat.send("make the bowl green")
    folder = tmp_path / "lesson"
    assert chat.session_dir == folder
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        ".lock",  # held while a kernel saves here: one writer per session
        "session.json",
        "t1.json",
        "t1.png",
        "t2.json",
        "t2.mask.png",
        "t2.png",
        "t3.json",
        "t3.png",
    ]
    chat.checkout("t2")  # the head is saved too
    expected = [describe(t) for t in chat.history]
    chat.close()

    restored = ImageChat.restore("lesson", root=tmp_path)
    try:
        assert [describe(t) for t in restored.history] == expected
        assert restored.history.head.id == "t2"
        assert restored._head == "t2"
        assert len(restored._history) == 3
        turn = restored.send("make the cat black")  # new turns continue the same session
        assert (turn.id, turn.parent) == ("t4", "t2")
        assert (folder / "t4.json").is_file()
    finally:
        restored.close()


def test_restore_without_a_name_takes_the_newest_session(tmp_path):
    for name in ("old", "new"):
        chat = ImageChat(size=SIZE, autosave=tmp_path, session=name)
        chat.send(f"a {name} dog")
        chat.close()
        time.sleep(0.02)
    assert list_sessions(tmp_path) == ["new", "old"]
    restored = ImageChat.restore(root=tmp_path)
    assert restored.history[0].prompt == "a new dog"
    restored.close()
    with pytest.raises(InputError, match="no saved session"):
        ImageChat.restore(root=tmp_path / "nowhere")
    with pytest.raises(InputError, match="no saved session 'nope'"):
        ImageChat.restore("nope", root=tmp_path)


def test_a_half_written_or_orphaned_turn_is_skipped(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.send("a dog")
    chat.send("make the dog black")
    chat.close()
    folder = tmp_path / "s"
    (folder / ".t3.json.abc.tmp").write_text('{"id": "t3", "par')  # a write cut short
    (folder / "t4.json").write_text(json.dumps({"id": "t4", "parent": "t3"}))  # no picture
    (folder / "t5.json").write_text("not json")
    restored = ImageChat.restore("s", root=tmp_path)
    assert [t.id for t in restored.history] == ["t1", "t2"]
    restored.close()


def test_autosave_is_off_outside_a_kernel_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chat = ImageChat(size=SIZE)
    chat.send("a dog")
    assert chat.session_dir is None
    chat.close()
    assert not (tmp_path / ".imagechat").exists()
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "sessions"))
    chat = ImageChat(size=SIZE, session="env")  # naming a session turns autosave on
    chat.send("a dog")
    chat.close()
    assert (tmp_path / "sessions" / "env" / "t1.png").is_file()


@pytest.mark.parametrize("name", ["", "../up", "a/b", ".hidden", "x" * 101, 7])
def test_bad_session_names_are_refused(tmp_path, name):
    with pytest.raises(InputError, match="session name"):
        SessionStore(name, tmp_path)


def test_a_failing_disk_is_reported_and_the_turn_is_kept(tmp_path, monkeypatch, caplog):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jupyter_imagechat.session.autosave.atomic_write", full)
    turn = chat.send("a dog")
    assert chat.history.last is turn
    assert chat.image is turn.image
    assert "No space left" in caplog.text
    assert chat._messages[-2]["role"] == "error"
    assert "Autosave failed" in chat._messages[-2]["text"]
    chat.close()


CRASHING_SESSION = textwrap.dedent(
    """
    import hashlib, json, sys
    import numpy as np
    from jupyter_imagechat import ImageChat

    root = sys.argv[1]
    chat = ImageChat(size={size}, autosave=root, session="crash")
    first = ["three red apples left of a blue bowl", "make the bowl green", "a cat",
             "add two more apples", "make the apples purple"]
    cycle = ["a dog", "make the bowl blue", "make the apples red"]
    i = 0
    while True:  # until killed
        prompt = first[i] if i < len(first) else cycle[(i - len(first)) % len(cycle)]
        mask = None
        if i == 2 or (i >= len(first) and (i - len(first)) % len(cycle) == 0):
            mask = np.zeros(({size}, {size}), bool)
            mask[(i * 7) % 60:(i * 7) % 60 + 50, 10:70] = True
        if i == 4:
            chat.checkout("t2")
        turn = chat.send(prompt, mask=mask, seed=i)
        print("DONE", turn.id, flush=True)
        i += 1
    """
)

RESTORE = textwrap.dedent(
    """
    import hashlib, json, sys
    import numpy as np
    from jupyter_imagechat import ImageChat

    sys.path.insert(0, sys.argv[2])
    from test_store import describe

    chat = ImageChat.restore("crash", root=sys.argv[1])
    print(json.dumps([describe(t) for t in chat.history]))
    print(json.dumps(chat.replay().identical))
    """
)


def test_sigkill_mid_session_loses_no_finished_turn(tmp_path):
    script = tmp_path / "session.py"
    script.write_text(CRASHING_SESSION.format(size=SIZE))
    root = tmp_path / "sessions"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    done: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while len(done) < 8 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("DONE "):
                done.append(line.split()[1])
        assert len(done) >= 8, proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)  # mid-session: it is drawing the next turn
    finally:
        proc.kill()
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    restore = tmp_path / "restore.py"
    restore.write_text(RESTORE)
    out = subprocess.run(
        [sys.executable, str(restore), str(root), os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    restored = json.loads(out[0])
    ids = [t["id"] for t in restored]
    assert ids[: len(done)] == done  # every finished turn is back, in order
    assert len(ids) <= len(done) + 2  # at most the turns finished after the last report
    # every restored turn is whole: redrawing its record gives its saved picture
    assert json.loads(out[1]) is True
    by_id = {t["id"]: t for t in restored}
    assert by_id["t5"]["parent"] == "t2"  # the branch survived
    assert by_id["t3"]["mask"] is not None


def test_one_session_has_one_writer_and_a_new_chat_points_to_earlier_ones(tmp_path):
    first = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    first.send("a dog")
    second = ImageChat(size=SIZE, autosave=tmp_path, session="s")  # the cell run again
    assert "no longer saves" in first._messages[-1]["text"]  # one writer: the newest
    first.send("a cat")
    assert sorted(p.name for p in (tmp_path / "s").glob("t*.json")) == ["t1.json"]
    second.close()  # closing frees it
    first.close()
    again = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    assert [t.prompt for t in again.history] == ["a dog"]
    again.close()
    fresh = ImageChat(size=SIZE, autosave=tmp_path)  # a new session, with a pointer back
    assert "ImageChat.restore()" in fresh._messages[-1]["text"]
    assert "'s'" in fresh._messages[-1]["text"]
    fresh.close()
