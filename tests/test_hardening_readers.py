"""Every JSON file the kernel reads from a folder anyone can edit (autosaved turns,
``session.json``, the settings file, your topics file) is refused with the project's error or
left out with a note when it is nested too deep for Python's JSON reader (a raw
``RecursionError`` broke every later prompt), and a name that is a pipe is never read (a
read that never returns would hang every prompt)."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.config.files import CONFIG_NAME, read_config_files
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.planner.lessons.user_topics import user_recipes, write_recipe
from jupyter_imagechat.scene import SceneError

SIZE = 96
DEEP = "[" * 100_000 + "]" * 100_000  # a few hundred kilobytes


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """An autosaved session of two turns."""
    root = tmp_path_factory.mktemp("readers")
    chat = ImageChat(size=SIZE, autosave=root, session="s")
    chat.send("a red apple")
    chat.send("a blue bowl beside it")
    chat.close()
    return root / "s"


def test_a_saved_turn_nested_too_deep_is_left_out_and_named(saved, tmp_path):
    shutil.copytree(saved, tmp_path / "s")
    (tmp_path / "s" / "t2.json").write_text(DEEP)
    chat = ImageChat.restore("s", root=tmp_path)
    assert [t.id for t in chat.history] == ["t1"]
    said = [m["text"] for m in chat._messages if "could not be read" in m["text"]]
    assert len(said) == 1
    assert "t2.json: RecursionError" in said[0]
    chat.close()


def test_a_session_file_nested_too_deep_is_read_past(saved, tmp_path):
    shutil.copytree(saved, tmp_path / "s")
    (tmp_path / "s" / "session.json").write_text(DEEP)
    chat = ImageChat.restore("s", root=tmp_path)
    assert [t.id for t in chat.history] == ["t1", "t2"]
    assert chat.history.head.id == "t2"  # the newest, as after a crash
    chat.close()


def test_a_settings_file_nested_too_deep_is_the_projects_error_naming_it(tmp_path):
    (tmp_path / CONFIG_NAME).write_text(DEEP)
    with pytest.raises(InputError, match=f"{CONFIG_NAME}: not valid JSON"):
        read_config_files([tmp_path])


def test_a_topics_file_nested_too_deep_leaves_the_planner_working(tmp_path, monkeypatch):
    path = tmp_path / "topics.json"
    path.write_text(DEEP)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_TOPICS", str(path))
    assert user_recipes() == []
    chat = ImageChat(size=SIZE, autosave=False)
    assert chat.send("a red apple").id == "t1"
    with pytest.raises(SceneError, match="is not a topics file"):
        write_recipe({"id": "apple row", "names": ["apple row"], "things": ["apple"]}, path)
    chat.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_topics_file_that_is_a_pipe_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "topics.json"
    os.mkfifo(path)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_TOPICS", str(path))
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(user_recipes()), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # unblock the reader so the test run can end
        with open(path, "w") as pipe:
            pipe.write("{}")
    assert found == [[]], "reading the pipe never returned"


def test_a_settings_file_with_half_an_emoji_leaves_a_widget_the_browser_can_receive(
    tmp_path, monkeypatch
):
    """``"generation_message": "off \\ud83c"`` (a JSON escape) made the widget's settings
    trait impossible to send: the widget never showed, and every refusal's reply failed."""
    from jupyter_client.session import json_packer

    (tmp_path / CONFIG_NAME).write_text(
        '{"generation": false, "generation_message": "off \\ud83c \\u001b[2J now"}'
    )
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path))
    chat = ImageChat(size=SIZE, autosave=False)
    assert chat._settings["message"] == "off \ufffd [2J now"
    json_packer(chat._settings)
    with pytest.raises(Exception, match="off \ufffd"):
        chat.send("a red apple")
    chat.close()


def test_a_settings_file_with_a_number_too_long_to_read_is_the_projects_error(tmp_path):
    (tmp_path / CONFIG_NAME).write_text('{"size": ' + "9" * 5000 + "}")
    with pytest.raises(InputError, match=f"{CONFIG_NAME}: not valid JSON"):
        read_config_files([tmp_path])


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda f: (f / "t2.json").write_text("[1, 2]"), "t2.json is not a turn record"),
        (lambda f: (f / "t2.png").unlink(), "its picture t2.png is missing"),
        (lambda f: (f / "t2.png").write_bytes(b"garbage"), "t2.png is damaged (not an image"),
    ],
    ids=["record-a-list", "picture-missing", "picture-garbage"],
)
def test_a_damaged_saved_turn_is_named_in_plain_words(saved, tmp_path, damage, said):
    """The reasons were Python's: 'holds the record of another turn ([1, 2])', '[Errno 2] No
    such file or directory', 'cannot identify image file <_io.BytesIO object at 0x7f...>'."""
    shutil.copytree(saved, tmp_path / "s")
    damage(tmp_path / "s")
    chat = ImageChat.restore("s", root=tmp_path)
    assert [t.id for t in chat.history] == ["t1"]
    (told,) = [m["text"] for m in chat._messages if "could not be read" in m["text"]]
    assert said in told
    assert "Errno" not in told
    assert "object at 0x" not in told
    chat.close()
