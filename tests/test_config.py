"""Hub-wide settings: arguments, then environment variables, then settings files in the
folders `jupyter --paths` lists; an administrator's locks; generation turned off.
"""

from __future__ import annotations

import json
import os

import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.config import CONFIG_NAME, config_folders, resolve_settings
from jupyter_imagechat.config.files import PY_CONFIG_NAME
from jupyter_imagechat.errors import EngineError, InputError

CLEAN = {}  # an environment with none of our variables


def write(folder, **values) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG_NAME).write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def folders(tmp_path):
    """Two settings folders as `jupyter --paths` lists them: the user's first (it wins),
    then the system's."""
    return [tmp_path / "user", tmp_path / "system"]


def test_defaults_with_nothing_configured(folders):
    settings = resolve_settings(environ=CLEAN, folders=folders)
    assert settings.engine == "builtin"
    assert settings.size is None
    assert settings.generation is True
    assert settings.locked == frozenset()
    assert settings.notes == ()


def test_arguments_beat_variables_beat_files(folders):
    write(folders[1], engine="remote", base_url="http://file:1/v1", model="from-file", size=256)
    env = {"JUPYTER_IMAGECHAT_MODEL": "from-env", "JUPYTER_IMAGECHAT_SIZE": "384"}
    settings = resolve_settings(environ=env, folders=folders)
    assert (settings.engine, settings.base_url, settings.model, settings.size) == (
        "remote",
        "http://file:1/v1",
        "from-env",
        384,
    )
    assert settings.sources["base_url"] == str(folders[1] / CONFIG_NAME)
    assert settings.sources["model"] == "$JUPYTER_IMAGECHAT_MODEL"
    given = resolve_settings(model="from-argument", size=128, environ=env, folders=folders)
    assert (given.model, given.size, given.sources["model"]) == ("from-argument", 128, "argument")


def test_the_user_folder_beats_the_system_folder(folders):
    write(folders[1], size=256)
    write(folders[0], size=320)
    assert resolve_settings(environ=CLEAN, folders=folders).size == 320


def test_the_folders_are_the_ones_jupyter_lists(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "mine"))
    from jupyter_core.paths import jupyter_config_path

    assert [str(p) for p in config_folders()] == jupyter_config_path()
    assert str(tmp_path / "mine") in [str(p) for p in config_folders()]


def test_a_locked_setting_ignores_arguments_and_says_so(folders):
    write(folders[1], engine="remote", base_url="http://class:8000/v1", locked=["engine"])
    settings = resolve_settings("diffusers", "my/model", environ=CLEAN, folders=folders)
    assert settings.engine == "remote"
    assert settings.locked == {"engine"}
    assert settings.model is None  # the model was for the engine that was not used
    locked, dropped = settings.notes
    assert "engine is locked by your administrator" in locked
    assert "engine='diffusers' is ignored" in locked
    assert dropped == "model given for engine 'diffusers': ignored"
    # unlocked settings still follow the argument
    assert resolve_settings(size=128, environ=CLEAN, folders=folders).size == 128


def test_a_lock_in_a_file_holds_against_later_files_and_the_environment(folders):
    write(folders[1], generation=False, locked=["generation"])
    write(folders[0], generation=True)  # the user's own file
    env = {"JUPYTER_IMAGECHAT_GENERATION": "on"}
    settings = resolve_settings(environ=env, folders=folders)
    assert settings.generation is False
    assert len(settings.notes) == 2  # both attempts are reported


def test_the_environment_can_lock_against_arguments(folders):
    env = {"JUPYTER_IMAGECHAT_ENGINE": "builtin", "JUPYTER_IMAGECHAT_LOCKED": "engine"}
    assert resolve_settings("remote", environ=env, folders=folders).engine == "builtin"


def write_py(folder, code: str, mode: int = 0o644):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PY_CONFIG_NAME
    path.write_text(code, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_python_settings_file_is_run_as_jupyter_runs_its_own(folders):
    path = write_py(
        folders[1],
        'c.ImageChat.engine = "remote"\n'
        'c.ImageChat.base_url = "http://imagechat.hub:8000/v1"\n'
        "c.ImageChat.max_size = 512\n"
        'c.ImageChat.locked = ("engine", "max_size")\n'
        "c.ServerApp.port = 9999  # another program's section: not ours\n",
    )
    settings = resolve_settings("builtin", size=384, environ=CLEAN, folders=folders)
    assert (settings.engine, settings.base_url, settings.max_size) == (
        "remote",
        "http://imagechat.hub:8000/v1",
        512,
    )
    assert settings.sources["engine"] == str(path)
    assert settings.locked == frozenset({"engine", "max_size"})
    assert any("engine is locked" in n for n in settings.notes)
    with pytest.raises(InputError, match="over the largest side allowed here"):
        resolve_settings(size=768, environ=CLEAN, folders=folders)


def test_in_one_folder_the_json_file_beats_the_python_one(folders):
    write_py(folders[0], "c.ImageChat.size = 256\nc.ImageChat.timeout = 30\n")
    write(folders[0], size=320)
    settings = resolve_settings(environ=CLEAN, folders=folders)
    assert (settings.size, settings.timeout) == (320, 30.0)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("writable", ["file", "folder"])
def test_a_python_settings_file_others_could_change_is_not_run(folders, tmp_path, writable):
    marker = tmp_path / "ran"
    code = f"open({str(marker)!r}, 'w').write('yes')\nc.ImageChat.engine = 'remote'\n"
    path = write_py(folders[0], code, mode=0o666 if writable == "file" else 0o644)
    if writable == "folder":
        folders[0].chmod(0o777)
    settings = resolve_settings(environ=CLEAN, folders=folders)
    assert not marker.exists()
    assert settings.engine == "builtin"
    assert any(str(path) in n and "is not run" in n for n in settings.notes)
    path.chmod(0o644)
    folders[0].chmod(0o755)
    assert resolve_settings(environ=CLEAN, folders=folders).engine == "remote"
    assert marker.exists()


def test_a_python_settings_file_that_fails_is_named_in_the_error(folders):
    write_py(folders[1], "c.ImageChat.size = 256\n1 / 0\n")
    with pytest.raises(InputError, match="ZeroDivisionError") as info:
        resolve_settings(environ=CLEAN, folders=folders)
    assert PY_CONFIG_NAME in str(info.value)
    write_py(folders[1], "c.ImageChat.size = 4096\n")
    with pytest.raises(InputError, match="size must be an integer from 64 to 2048"):
        resolve_settings(environ=CLEAN, folders=folders)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must hold one JSON object"),
        ('{"size": 4096}', "size must be an integer from 64 to 2048"),
        ('{"base_url": "ftp://x"}', "must be an http:// or https:// address"),
        ('{"locked": ["engine", "colour"]}', "cannot lock 'colour'"),
    ],
)
def test_a_broken_settings_file_is_named_in_the_error(folders, content, said):
    folders[1].mkdir(parents=True)
    (folders[1] / CONFIG_NAME).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=said) as info:
        resolve_settings(environ=CLEAN, folders=folders)
    assert str(folders[1]) in str(info.value) or "colour" in str(info.value)


def test_unknown_settings_are_reported_not_fatal(folders):
    write(folders[1], engien="remote")
    settings = resolve_settings(environ=CLEAN, folders=folders)
    assert settings.engine == "builtin"
    assert any("unknown setting 'engien'" in n for n in settings.notes)


def test_allowed_engines_pick_the_default_and_refuse_others(folders):
    write(folders[1], allowed_engines=["remote", "builtin"], base_url="http://class:8000/v1")
    assert resolve_settings(environ=CLEAN, folders=folders).engine == "remote"
    with pytest.raises(InputError, match="allows: remote, builtin"):
        resolve_settings("diffusers", "x", environ=CLEAN, folders=folders)


def test_size_over_the_allowed_maximum_is_refused(folders):
    write(folders[1], max_size=512)
    with pytest.raises(InputError, match="over the largest side allowed here"):
        resolve_settings(size=1024, environ=CLEAN, folders=folders)
    assert resolve_settings(size=512, environ=CLEAN, folders=folders).size == 512


def test_endpoint_settings_belong_to_the_configured_engine(folders):
    env = {
        "JUPYTER_IMAGECHAT_ENGINE": "diffusers",
        "JUPYTER_IMAGECHAT_MODEL": "stabilityai/sd-turbo",
    }
    assert resolve_settings(environ=env, folders=folders).model == "stabilityai/sd-turbo"
    # another engine chosen in the notebook does not inherit the diffusers model
    assert resolve_settings("builtin", environ=env, folders=folders).model is None
    # with no engine configured, the endpoint settings are the remote engine's
    env = {"JUPYTER_IMAGECHAT_BASE_URL": "http://class:8000/v1"}
    assert resolve_settings("remote", environ=env, folders=folders).base_url is not None
    assert resolve_settings("openai", environ=env, folders=folders).base_url is None


def test_generation_off_refuses_to_draw_with_the_administrators_message(monkeypatch):
    monkeypatch.setenv("JUPYTER_IMAGECHAT_GENERATION", "off")
    monkeypatch.setenv("JUPYTER_IMAGECHAT_GENERATION_MESSAGE", "No pictures during the exam.")
    chat = Conversation(size=128)
    with pytest.raises(EngineError, match=r"No pictures during the exam\."):
        chat.send("a red apple")
    assert len(chat.history) == 0
    scene = chat.plan("three red apples left of a blue bowl")  # plans still work
    assert scene.entities[0].count == 3


def test_arguments_for_a_server_given_to_the_builtin_engine_are_refused():
    with pytest.raises(InputError, match="base_url is for the remote and openai engines"):
        Conversation("builtin", base_url="http://x:1/v1")


def test_the_remote_engine_without_an_address_says_how_to_give_one(monkeypatch):
    monkeypatch.delenv("JUPYTER_IMAGECHAT_BASE_URL", raising=False)
    with pytest.raises(InputError, match="JUPYTER_IMAGECHAT_BASE_URL"):
        Conversation("remote")
