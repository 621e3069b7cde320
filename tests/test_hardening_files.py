"""Notebooks and autosave folders are untrusted: ids, parents and names never become paths
out of the session folder, and a tampered file raises the project's error naming the field
(a notebook) or loads what is whole and says what was left out (an autosave folder).

Every field of a turn record is tried with every kind of wrong value.
"""

from __future__ import annotations

import base64
import copy
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import ImageChatError, InputError
from jupyter_imagechat.session import SessionStore

SIZE = 96
HOSTILE = [
    None, 0, -1, 1.5, True, "", "x", "../../victim/settings", "t1/../../victim", "t0", "t99",
    [], {}, [1, 2], {"a": 1}, "t1\nimport os", 10**40, "\ud83c", "x" * 20_000,
]  # fmt: skip
FIELDS = [
    "id", "parent", "prompt", "mode", "scene_before", "scene", "engine", "model", "settings",
    "seed", "verdict", "objects", "notes", "timings", "metadata", "size", "has_mask",
]  # fmt: skip


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A notebook of three turns (one with a mask) and its autosaved session."""
    root = tmp_path_factory.mktemp("made")
    chat = ImageChat(size=SIZE, autosave=root / "sessions", session="s")
    chat.send("three red apples left of a blue bowl")
    mask = np.zeros((SIZE, SIZE), bool)
    mask[10:50, 10:50] = True
    chat.send("a cat", mask=mask, settings={"steps": 4})
    chat.send("make the bowl green")
    path = chat.history.to_notebook(root / "lesson.ipynb")
    chat.close()
    return root, json.loads(path.read_text()), root / "sessions" / "s"


def write_notebook(folder: Path, nb) -> Path:
    path = folder / "lesson.ipynb"
    path.write_text(json.dumps(nb))
    return path


def record_of(nb, turn: int) -> dict:
    return nb["cells"][turn]["metadata"]["jupyter_imagechat"]["record"]


def tamperings():
    """(name, how) for every field of the second turn's record and every hostile value."""
    for field in FIELDS:
        yield f"{field} deleted", field, None, True
        for value in HOSTILE:
            yield f"{field} = {str(value)[:30]!r}", field, value, False


# -- path traversal ------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["id", "parent"])
def test_a_notebook_id_or_parent_that_is_a_path_writes_nothing_outside(made, tmp_path, key):
    _root, nb, _session = made
    nb = copy.deepcopy(nb)
    record_of(nb, 2)[key] = "../../victim/settings"
    path = write_notebook(tmp_path, nb)
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim" / "settings.json").write_text("{}")
    before = files_under(tmp_path)
    with pytest.raises(InputError, match=f"'{key}' must be a turn id"):
        ImageChat.from_notebook(path, autosave=tmp_path / "sessions", session="lesson")
    assert files_under(tmp_path) - before <= {tmp_path / "sessions" / "lesson" / "session.json"}
    assert (tmp_path / "victim" / "settings.json").read_text() == "{}"


def test_a_turn_made_with_a_path_for_an_id_is_refused():
    chat = ImageChat(size=SIZE, autosave=False)
    turn = chat.send("a dog")
    for bad in ("../../victim", "t1/x", "t0", "", "t1.json"):
        with pytest.raises(InputError, match="turn id"):
            replace(turn, id=bad)
    chat.close()


def test_a_session_folder_written_by_hand_writes_only_inside_itself(made, tmp_path):
    _root, _nb, session = made
    folder = tmp_path / "sessions" / "s"
    folder.mkdir(parents=True)
    for p in session.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    record = json.loads((folder / "t3.json").read_text())
    record["id"] = "../../victim/settings"
    (folder / "t3.json").write_text(json.dumps(record))
    (folder / "t2.json").write_text(
        json.dumps({**json.loads((folder / "t2.json").read_text()), "parent": "../../x"})
    )
    before = files_under(tmp_path)
    chat = ImageChat.restore("s", root=tmp_path / "sessions")
    try:
        assert [t.id for t in chat.history] == ["t1"]
        chat.send("a dog")
    finally:
        chat.close()
    new = files_under(tmp_path) - before
    assert new
    assert all(p.parent == folder for p in new)


# -- tampered notebooks: the project's error, naming the field ------------------------------
def test_every_tampering_of_a_notebook_record_is_named_or_loaded(made, tmp_path):
    _root, nb, _session = made
    problems = []
    tried = 0
    for name, field, value, delete in tamperings():
        bad = copy.deepcopy(nb)
        record = record_of(bad, 2)
        if delete:
            record.pop(field, None)
        else:
            record[field] = value
        path = write_notebook(tmp_path, bad)
        tried += 1
        try:
            chat = ImageChat.from_notebook(path, autosave=False)
        except ImageChatError as exc:
            if field not in str(exc):
                problems.append(f"{name}: the message does not name the field: {exc}")
        except Exception as exc:  # a raw AttributeError, KeyError, TypeError...
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
        else:
            compile(chat.history.to_code(), "<export>", "exec")
            chat.close()
    assert tried > 300
    assert problems == []


@pytest.mark.parametrize(
    "tamper",
    [
        lambda nb: nb.update(cells="x"),
        lambda nb: nb.update(metadata=[]),
        lambda nb: nb["metadata"]["jupyter_imagechat"].update(head=["t1"], engine=7, model={}),
        lambda nb: nb["cells"].insert(1, "not a cell"),
        lambda nb: nb["cells"][2].update(metadata="x"),
        lambda nb: nb["cells"][2].update(outputs={"x": 1}),
        lambda nb: nb["cells"][2]["outputs"][0]["data"].update({"image/png": "!!notbase64"}),
        lambda nb: nb["cells"][2]["outputs"][0]["data"].update({"image/png": [1, 2]}),
        lambda nb: nb["cells"][2]["metadata"]["jupyter_imagechat"].update(mask="9999x9999:eJw="),
        lambda nb: nb["cells"][2]["metadata"]["jupyter_imagechat"].update(mask=17),
        lambda nb: nb["cells"][2]["metadata"]["jupyter_imagechat"].update(record="t2"),
        lambda nb: nb["cells"].append(copy.deepcopy(nb["cells"][2])),  # a turn twice
        lambda nb: record_of(nb, 3).update(parent="t3"),  # its own parent
        lambda nb: record_of(nb, 2)["scene"]["layout"][0].update(index=None),
    ],
)
def test_a_tampered_notebook_raises_the_projects_error(made, tmp_path, tamper):
    _root, nb, _session = made
    bad = copy.deepcopy(nb)
    tamper(bad)
    path = write_notebook(tmp_path, bad)
    try:
        chat = ImageChat.from_notebook(path, autosave=False)
    except ImageChatError:
        return
    chat.close()  # loading what is valid is allowed too


def test_a_mask_that_does_not_fit_its_picture_is_refused(made, tmp_path):
    _root, nb, _session = made
    bad = copy.deepcopy(nb)
    from jupyter_imagechat.session import mask_to_text

    bad["cells"][2]["metadata"]["jupyter_imagechat"]["mask"] = mask_to_text(
        np.ones((SIZE, SIZE + 1), bool)
    )
    with pytest.raises(InputError, match="not the size of the picture"):
        ImageChat.from_notebook(write_notebook(tmp_path, bad), autosave=False)


# -- tampered autosave folders: load what is whole, say what was left out ---------------------
def test_every_tampering_of_a_saved_record_loads_the_rest_and_says_so(made, tmp_path):
    _root, _nb, session = made
    original = json.loads((session / "t2.json").read_text())
    problems = []
    for i, (name, field, value, delete) in enumerate(tamperings()):
        folder = tmp_path / f"s{i}"
        folder.mkdir()
        for p in session.iterdir():
            (folder / p.name).write_bytes(p.read_bytes())
        record = copy.deepcopy(original)
        if delete:
            record.pop(field, None)
        else:
            record[field] = value
        try:
            text = json.dumps(record)
        except ValueError:
            continue
        (folder / "t2.json").write_text(text)
        store = SessionStore(folder.name, tmp_path)
        try:
            turns = store.load_turns()
        except Exception as exc:
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        ids = [t.id for t in turns]
        if "t2" not in ids and "t2.json" not in store.skipped:
            problems.append(f"{name}: t2 neither loaded nor reported")
        if ids[:1] != ["t1"] or "t3" not in ids:
            problems.append(f"{name}: the whole turns did not all come back: {ids}")
        for turn in turns:
            turn.to_record()
    assert problems == []


def test_pictures_changed_on_disk_are_never_taken_for_a_turns_picture(made, tmp_path):
    _root, _nb, session = made
    folder = tmp_path / "s"
    folder.mkdir()
    for p in session.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    store = SessionStore("s", tmp_path)
    turns = store.load_turns()
    png = (folder / "t1.png").read_bytes()
    (folder / "t1.png").write_bytes(base64.b64decode(base64.b64encode(png)) + b"\0")
    with pytest.raises(InputError, match="changed on disk"):
        turns[0].image  # noqa: B018
