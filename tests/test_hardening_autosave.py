"""Autosave loses nothing: a turn that fails to save is saved again with the next turn and
when the chat closes, the chat says which turns are not on disk, restore brings back every
turn that is on disk (and says which files it could not read), a folder that cannot be
written leaves the chat in memory with one message, and a cell with
``ImageChat.from_notebook(..., session=...)`` can be run again."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import threading
import uuid

import pytest
from test_store import describe

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.session import autosave

SIZE = 96
PROMPTS = [
    "a dog",
    "make the dog black",
    "add a cat",
    "a red car next to a house",
    "make the car blue",
    "a tree",
    "add a bird",
    "a yellow star",
]


class FlakyDisk:
    """Stands in for the autosave's file writer: fails like a full disk while ``full``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, error: BaseException | None = None):
        self.full = False
        self.error = error or OSError(errno.ENOSPC, "No space left on device")
        self.real = autosave.atomic_write
        monkeypatch.setattr(autosave, "atomic_write", self)

    def __call__(self, path, data) -> None:
        if self.full:
            raise self.error
        self.real(path, data)


def texts(chat: ImageChat, role: str) -> list[str]:
    return [m["text"] for m in chat._messages if m["role"] == role]


def saved_ids(folder) -> list[str]:
    return sorted((p.stem for p in folder.glob("t*.json")), key=lambda t: int(t[1:]))


# -- a full disk: retried with the next turn and on close, and said in the chat ----------
def test_turns_that_failed_to_save_are_saved_with_the_next_turn(tmp_path, monkeypatch):
    """The probe's case: t4 and t5 fail on a full disk, t6-t8 after space is freed."""
    disk = FlakyDisk(monkeypatch)
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    for i, prompt in enumerate(PROMPTS):
        disk.full = i in (3, 4)
        chat.send(prompt, seed=i)
        if i == 3:
            assert chat._store.unsaved == ["t4"]
            assert "t4 are kept in memory but not on disk" in texts(chat, "error")[-1]
        if i == 4:
            assert chat._store.unsaved == ["t4", "t5"]
            assert "t4, t5" in texts(chat, "error")[-1]
            assert "saved again with the next turn" in texts(chat, "error")[-1]
    assert chat._store.unsaved == []
    assert any("Saved turn(s) t4, t5" in t for t in texts(chat, "info"))
    expected = [describe(t) for t in chat.history]
    chat.close()
    assert saved_ids(tmp_path / "s") == [f"t{i}" for i in range(1, 9)]

    restored = ImageChat.restore("s", root=tmp_path)
    try:
        assert [describe(t) for t in restored.history] == expected  # 8 of 8
        assert restored.history.head.id == "t8"
    finally:
        restored.close()


@pytest.mark.parametrize(
    ("failing", "freed_before_close"),
    [({0}, True), ({1, 2}, True), ({7}, True), (set(range(8)), True), ({2, 6, 7}, False)],
    ids=["first", "two-in-a-row", "last", "all", "still-full-at-close"],
)
def test_every_turn_is_saved_by_close_or_said_to_be_lost(
    tmp_path, monkeypatch, failing, freed_before_close
):
    disk = FlakyDisk(monkeypatch)
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    for i, prompt in enumerate(PROMPTS):
        disk.full = i in failing
        chat.send(prompt, seed=i)
    unsaved = [f"t{i + 1}" for i in sorted(failing) if not {*range(i + 1, 8)} - failing]
    assert chat._store.unsaved == unsaved  # only a later success saves the earlier turns
    expected = [describe(t) for t in chat.history]
    disk.full = not freed_before_close
    chat.close()
    folder = tmp_path / "s"
    if freed_before_close:
        assert saved_ids(folder) == [t["id"] for t in expected]
    else:
        assert "could not be saved" in texts(chat, "error")[-1]
        assert ", ".join(unsaved) in texts(chat, "error")[-1]
    on_disk = set(saved_ids(folder))
    disk.full = False
    restored = ImageChat.restore("s", root=tmp_path)
    try:  # every turn on disk comes back, whole
        assert [describe(t) for t in restored.history] == [
            t for t in expected if t["id"] in on_disk
        ]
        new = restored.send("a blue bird")  # and a new turn takes a new id
        assert new.id == f"t{max(int(tid[1:]) for tid in on_disk) + 1}"
    finally:
        restored.close()


def test_a_turn_interrupted_while_it_saves_is_kept_and_saved_later(tmp_path, monkeypatch):
    disk = FlakyDisk(monkeypatch, KeyboardInterrupt())
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.send("a dog")
    disk.full = True
    with pytest.raises(KeyboardInterrupt):
        chat.send("make the dog black")
    assert [t.id for t in chat.history] == ["t1", "t2"]
    assert chat._busy is False
    assert "Interrupted; turn t2 is kept" in texts(chat, "info")[-1]
    disk.full = False
    chat.send("add a cat")
    chat.close()
    assert saved_ids(tmp_path / "s") == ["t1", "t2", "t3"]


# -- restore brings back every turn on disk ----------------------------------------------
def test_restore_brings_back_every_turn_after_a_missing_one(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    for i, prompt in enumerate(PROMPTS[:6]):
        chat.send(prompt, seed=i)
    expected = [describe(t) for t in chat.history]
    chat.close()
    folder = tmp_path / "s"
    for name in ("t3.json", "t3.png", "t4.json", "t4.png"):  # never saved
        (folder / name).unlink()
    restored = ImageChat.restore("s", root=tmp_path)
    try:
        ids = [t.id for t in restored.history]
        assert ids == ["t1", "t2", "t5", "t6"]
        assert [describe(t) for t in restored.history] == [t for t in expected if t["id"] in ids]
        t5 = restored.history["t5"]
        assert t5.parent == "t4"  # as recorded; t4 is not there
        assert any("parent t4 was not saved" in n for n in t5.notes)
        assert restored.history.head.id == "t6"
        assert restored.send("a blue bird").id == "t7"
    finally:
        restored.close()


@pytest.mark.parametrize(
    "damage",
    [
        ("t3.json", b"{not json"),
        ("t3.json", b'{"id": "t9", "mode": "text2img"}'),  # another turn's record
        ("t3.png", b"\x89PNG\r\n\x1a\n broken"),
        ("t3.json", b"[]"),
        ("t3.json", b'{"id": "t3", "parent": "../../victim", "mode": "img2img"}'),
    ],
    ids=["not-json", "another-id", "bad-png", "not-an-object", "traversal"],
)
def test_a_damaged_turn_is_named_in_the_chat_and_the_others_come_back(tmp_path, damage):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    for i, prompt in enumerate(PROMPTS[:5]):
        chat.send(prompt, seed=i)
    expected = [describe(t) for t in chat.history]
    chat.close()
    name, data = damage
    (tmp_path / "s" / name).write_bytes(data)
    restored = ImageChat.restore("s", root=tmp_path)
    try:
        assert [describe(t) for t in restored.history] == [t for t in expected if t["id"] != "t3"]
        (said,) = [t for t in texts(restored, "error") if "could not be read" in t]
        assert "t3.json" in said
        new = restored.send("a blue bird")
        assert new.id == "t6"  # the damaged t3's files are never overwritten
        assert (tmp_path / "s" / name).read_bytes() == data
    finally:
        restored.close()
    assert not (tmp_path / "victim").exists()


def _special(path, kind: str) -> None:
    """Put a name that is not a regular file where ``path`` was."""
    path.unlink(missing_ok=True)
    if kind == "endless device":
        path.symlink_to("/dev/zero")
    elif kind == "pipe":
        os.mkfifo(path)  # a read would wait for a writer forever
    else:
        path.mkdir()


def _within(seconds: float, call):
    """Run ``call`` in a thread; fail (instead of hanging the suite) if it takes longer."""
    result: list = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # raised again in the test's thread
            result.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "it never returned: a file held the kernel"
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes")
@pytest.mark.parametrize("kind", ["endless device", "pipe", "folder"])
@pytest.mark.parametrize("name", ["t2.json", "t2.png", "session.json", "t3.png"])
def test_a_saved_name_that_is_not_a_file_is_refused_not_read(tmp_path, name, kind):
    """An autosave folder anyone can edit may hold a link to /dev/zero, a pipe or a folder
    under a turn's name: restore names it and goes on, and a picture that left memory is
    never read from it (t3.png is read back on demand, after restore)."""
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.history.pictures_kept = 1
    for i, prompt in enumerate(PROMPTS[:4]):
        chat.send(prompt, seed=i)
    chat.close()
    folder = tmp_path / "s"
    if name != "t3.png":
        _special(folder / name, kind)
    restored = _within(60, lambda: ImageChat.restore("s", root=tmp_path))
    try:
        ids = [t.id for t in restored.history]
        if name == "session.json":
            assert ids == ["t1", "t2", "t3", "t4"]
        elif name != "t3.png":
            assert ids == ["t1", "t3", "t4"]
            said = " ".join(texts(restored, "error"))
            assert f"{name} is not a regular file" in said
        if name == "t3.png":
            restored.history.pictures_kept = 1
            restored.checkout("t4")
            _special(folder / name, kind)
            with pytest.raises(InputError, match=r"t3\.png.*cannot be read.*not a regular file"):
                _within(60, lambda: restored.history["t3"].image)
        assert restored.send("a blue bird").id == "t5"
    finally:
        restored.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes")
@pytest.mark.parametrize("kind", ["endless device", "pipe"])
def test_a_notebook_name_that_is_not_a_file_is_refused_not_read(tmp_path, kind):
    path = tmp_path / "lesson.ipynb"
    _special(path, kind)
    with pytest.raises(InputError, match=r"lesson\.ipynb is not a regular file"):
        _within(60, lambda: ImageChat.from_notebook(path, autosave=False))


def test_the_newest_turn_is_current_after_a_crash_between_its_files(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.send("a dog")
    chat.send("make the dog black")
    folder = tmp_path / "s"
    before = (folder / "session.json").read_bytes()  # head t2
    chat.send("add a cat")
    chat.close()
    (folder / "session.json").write_bytes(before)  # killed before session.json was saved
    restored = ImageChat.restore("s", root=tmp_path)
    try:
        assert restored.history.head.id == "t3"
        assert restored.send("make the cat white").parent == "t3"  # no surprise branch
    finally:
        restored.close()


def test_a_reopened_turn_stays_current_and_old_folders_use_file_times(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.send("a dog")
    chat.send("make the dog black")
    chat.checkout("t1")
    chat.close()
    restored = ImageChat.restore("s", root=tmp_path)
    assert restored.history.head.id == "t1"  # a checkout is not a crash
    restored.close()
    # a folder written by an earlier version has no "newest": the files' times tell
    info = json.loads((tmp_path / "s" / "session.json").read_text())
    del info["newest"]
    info["head"] = "t1"
    (tmp_path / "s" / "session.json").write_text(json.dumps(info))
    os.utime(tmp_path / "s" / "session.json", ns=(1, 1))
    restored = ImageChat.restore("s", root=tmp_path)
    assert restored.history.head.id == "t2"
    restored.close()


# -- a folder that cannot be written ------------------------------------------------------
@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A read-only folder: a read-only tmpfs where this machine lets us mount one (root
    ignores permission bits, so chmod cannot make one); else simulated by making every
    write under it fail with EROFS, as a read-only mount does."""
    folder = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    mounted = False
    if shutil.which("mount") and os.geteuid() == 0:
        run = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
            capture_output=True,
        )
        mounted = run.returncode == 0
    if not mounted:
        real_mkdir = autosave.Path.mkdir

        def refuse(path, *args, **kwargs):
            if str(path).startswith(str(folder)):
                raise OSError(errno.EROFS, "Read-only file system", str(path))
            return real_mkdir(path, *args, **kwargs)

        monkeypatch.setattr(autosave.Path, "mkdir", refuse)
    yield folder, mounted
    if mounted:
        os.chdir(tmp_path)  # a test may have gone into it; a busy mount stays mounted
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_folder_leaves_the_chat_in_memory_with_one_message(read_only_folder):
    folder, _mounted = read_only_folder
    chat = ImageChat(size=SIZE, autosave=folder, session="lesson")
    try:
        assert chat.session_dir is None
        said = [m for m in chat._messages if "Autosave is off" in m["text"]]
        assert len(said) == 1
        assert "Read-only file system" in said[0]["text"]
        assert "autosave=" in said[0]["text"]
        chat.send("a dog")
        chat.send("make the dog black")
        assert len(chat.history) == 2
        assert [m for m in chat._messages if m["role"] == "error"] == []
    finally:
        chat.close()
    assert list(folder.iterdir()) == []


def test_the_default_folder_in_a_read_only_working_folder(read_only_folder, monkeypatch):
    folder, _mounted = read_only_folder
    monkeypatch.chdir(folder)
    monkeypatch.delenv(autosave.ENV_DIR, raising=False)
    chat = ImageChat(size=SIZE, session="lesson")  # naming a session turns autosave on
    try:
        assert chat.session_dir is None
        assert sum("Autosave is off" in m["text"] for m in chat._messages) == 1
        assert chat.send("a dog").id == "t1"
    finally:
        chat.close()


def test_an_autosave_folder_no_file_system_can_name_is_refused_clearly(tmp_path):
    with pytest.raises(InputError, match="is not a valid path"):
        ImageChat(size=SIZE, autosave=tmp_path / "class \ud83c", session="lesson")
    with pytest.raises(InputError, match="is not a valid path"):
        ImageChat.restore("lesson", root=tmp_path / "\udf4e")
    assert list(tmp_path.iterdir()) == []


# -- from_notebook(..., session=...) run again ---------------------------------------------
@pytest.fixture
def lesson(tmp_path):
    chat = ImageChat(size=SIZE, autosave=False)
    for i, prompt in enumerate(PROMPTS[:3]):
        chat.send(prompt, seed=i)
    path = chat.history.to_notebook(tmp_path / "lesson.ipynb")
    expected = [describe(t) for t in chat.history]
    chat.close()
    return path, expected


def test_a_from_notebook_cell_with_a_session_can_run_again(lesson, tmp_path):
    path, expected = lesson
    root = tmp_path / "sessions"
    first = ImageChat.from_notebook(path, session="lesson", autosave=root)
    assert [describe(t) for t in first.history] == expected
    again = ImageChat.from_notebook(path, session="lesson", autosave=root)  # same cell
    try:
        assert [describe(t) for t in again.history] == expected
        assert "no longer saves" in texts(first, "info")[-1]
        again.send("a blue bird")
        assert saved_ids(root / "lesson") == ["t1", "t2", "t3", "t4"]
    finally:
        again.close()
        first.close()
    third = ImageChat.from_notebook(path, session="lesson", autosave=root)  # a new kernel
    try:  # the session, with the turn made since, comes back as saved
        assert [t.id for t in third.history] == ["t1", "t2", "t3", "t4"]
        assert "already holds this notebook" in texts(third, "info")[-1]
    finally:
        third.close()


@pytest.mark.parametrize("how", ["ImageChat", "restore"])
def test_a_cell_that_opens_a_session_can_run_again(tmp_path, how):
    """``chat = ImageChat(session="lesson")`` (or ``ImageChat.restore("lesson")``) run again
    in the same kernel reopens the session: it said "already open in this kernel" until the
    earlier chat was closed, which its variable, now rebound, no longer lets one do."""
    root = tmp_path / "sessions"
    first = ImageChat(size=SIZE, autosave=root, session="lesson")
    first.send(PROMPTS[0])

    def open_again() -> ImageChat:
        if how == "restore":
            return ImageChat.restore("lesson", root=root)
        return ImageChat(size=SIZE, autosave=root, session="lesson")

    again = open_again()
    try:
        assert [t.id for t in again.history] == ["t1"]
        assert "no longer saves" in texts(first, "info")[-1]
        first.send(PROMPTS[1])  # kept in the first chat's memory, never over the session
        again.send(PROMPTS[2])
        assert saved_ids(root / "lesson") == ["t1", "t2"]
        assert again.history["t2"].prompt == PROMPTS[2]
    finally:
        again.close()
        first.close()
    assert saved_ids(root / "lesson") == ["t1", "t2"]


def test_a_notebook_that_differs_from_its_session_is_refused_and_changes_nothing(lesson, tmp_path):
    path, _expected = lesson
    root = tmp_path / "sessions"
    first = ImageChat(size=SIZE, autosave=root, session="lesson")
    first.send("a green frog")
    with pytest.raises(InputError, match="already holds other turns"):
        ImageChat.from_notebook(path, session="lesson", autosave=root)
    first.send("make the frog blue")  # the first chat still saves to its session
    assert saved_ids(root / "lesson") == ["t1", "t2"]
    first.close()


# -- one session, two kernels ----------------------------------------------------------------
OTHER_KERNEL = """
import sys
from jupyter_imagechat import ImageChat
chat = ImageChat(size=96, autosave=sys.argv[1], session="lesson")
chat.send("a red apple")
print("ready", flush=True)
if sys.stdin.readline().strip() == "more":
    chat.send("a blue bowl", new=True)
    chat.close()
"""


@pytest.mark.parametrize("end", ["closed", "killed"])
def test_a_session_open_in_another_kernel_is_never_written_over(tmp_path, end):
    """The same lesson notebook open twice (two kernels, one session folder): each wrote
    ``t1.json`` over the other's, and one kernel's turns were lost. The second now shows the
    saved turns, keeps its own in memory and says so; once the first is gone, it saves."""
    import sys

    root = tmp_path / "sessions"
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_KERNEL, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "ready"
        chat = ImageChat(size=SIZE, autosave=root, session="lesson")
        assert [t.prompt for t in chat.history] == ["a red apple"]
        said = texts(chat, "info")
        assert any("open in another kernel (process" in s for s in said), said
        assert chat.session_dir is None
        chat.send("a green frog", new=True)  # kept in memory only
        assert saved_ids(root / "lesson") == ["t1"]
        if end == "killed":
            other.kill()
        else:
            other.communicate("more\n", timeout=120)
        other.wait(60)
        chat.close()
    finally:
        if other.poll() is None:
            other.kill()
    expected = ["a red apple"] + (["a blue bowl"] if end == "closed" else [])
    again = ImageChat(size=SIZE, autosave=root, session="lesson")  # the other is gone
    assert [t.prompt for t in again.history] == expected
    assert again.session_dir == root / "lesson"
    again.send("a yellow sun", new=True)
    assert len(saved_ids(root / "lesson")) == len(expected) + 1
    again.close()


def test_a_chat_dropped_without_closing_lets_its_session_be_opened_again(tmp_path):
    import gc

    chat = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    chat.send("a red apple")
    del chat
    gc.collect()
    again = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    assert again.session_dir == tmp_path / "lesson"
    again.close()


def test_a_file_system_without_locks_still_saves(tmp_path, monkeypatch):
    """Some NFS mounts answer ``flock`` with ENOLCK: autosave must not turn off there."""
    import fcntl

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    chat.send(PROMPTS[0])
    assert chat.session_dir == tmp_path / "lesson"
    assert saved_ids(tmp_path / "lesson") == ["t1"]
    chat.close()


UNUSABLE = [
    {"size": 99_999},
    {"seed": -5},
    {"engine": "nonexistent"},
    {"engine": 5},
    {"size": True},
    {"engine": "builtin", "model": "../../elsewhere"},
]


@pytest.mark.parametrize("saved", UNUSABLE)
def test_a_session_file_whose_settings_cannot_be_used_still_restores_every_turn(tmp_path, saved):
    """``session.json`` edited by hand, or a size over this hub's max_size: ``restore``
    refused the whole session ("size must be an integer from 64 to 2048"), or raised
    AttributeError for an engine that is not text."""
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    chat.send(PROMPTS[0])
    chat.send(PROMPTS[1])
    chat.close()
    info = tmp_path / "lesson" / "session.json"
    info.write_text(json.dumps({**json.loads(info.read_text()), **saved}))
    again = ImageChat.restore("lesson", root=tmp_path)
    try:
        assert [t.prompt for t in again.history] == PROMPTS[:2]
        assert again.conversation.engine.name == "builtin"
        said = " ".join(texts(again, "info"))
        assert "cannot be used here" in said or saved == {"engine": 5} or saved == {"size": True}
        again.send(PROMPTS[2])
        assert saved_ids(tmp_path / "lesson") == ["t1", "t2", "t3"]
    finally:
        again.close()


def test_restore_with_values_that_do_not_fit_still_names_the_callers_error(tmp_path):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="lesson")
    chat.send(PROMPTS[0])
    chat.close()
    with pytest.raises(InputError, match="size must be"):
        ImageChat.restore("lesson", root=tmp_path, size=5)
