"""The widget shows what an administrator set: locked settings, generation off, and the
arguments a lock made it ignore."""

from __future__ import annotations

import json

import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.config import CONFIG_NAME


@pytest.fixture
def hub(tmp_path, monkeypatch):
    """A settings folder that `jupyter --paths` lists (as $JUPYTER_CONFIG_PATH does)."""
    folder = tmp_path / "etc-jupyter"
    folder.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(folder))
    for name in ("ENGINE", "MODEL", "BASE_URL", "API_KEY", "GENERATION", "LOCKED"):
        monkeypatch.delenv(f"JUPYTER_IMAGECHAT_{name}", raising=False)

    def configure(**values) -> None:
        (folder / CONFIG_NAME).write_text(json.dumps(values), encoding="utf-8")

    return configure


def test_locked_settings_are_shown_and_an_ignored_argument_is_said(hub):
    hub(engine="builtin", size=128, locked=["engine", "size"])
    chat = ImageChat(engine="diffusers", model="some/model", size=512, autosave=False)
    assert chat.conversation.engine.name == "builtin"
    shown = chat._settings
    assert shown["locked"] == {"engine": "builtin", "size": 128}
    assert shown["generation"] is True
    said = [m["text"] for m in chat._messages if m["role"] == "info"]
    assert any("engine='diffusers' is ignored" in s for s in said)
    assert any("size=512 is ignored" in s for s in said)
    assert chat.send("a red apple").image.size == (128, 128)
    chat.close()


def test_a_locked_key_is_shown_only_as_set(hub):
    hub(engine="builtin", api_key="sk-hub-secret-000000000000", locked=["api_key"])
    chat = ImageChat(autosave=False)
    assert chat._settings["locked"] == {"api_key": "set"}
    assert "sk-hub-secret" not in json.dumps(chat._settings)
    chat.close()


def test_generation_off_shows_the_message_and_each_prompt_gets_it(hub):
    hub(generation=False, generation_message="Pictures are paused until Friday.")
    chat = ImageChat(size=128, autosave=False)
    assert chat._settings["generation"] is False
    assert chat._settings["message"] == "Pictures are paused until Friday."
    with pytest.raises(Exception, match="paused until Friday"):
        chat.send("a red apple")
    errors = [m["text"] for m in chat._messages if m["role"] == "error"]
    assert errors == ["Pictures are paused until Friday."]
    assert len(chat.history) == 0
    chat.close()
