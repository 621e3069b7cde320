"""Keys never leave where they belong: not into the history, the autosave folder, exported
notebooks and code, PNG metadata, error messages or reprs, and never to another server.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from chat_standin import ChatStandIn  # tests/ is on sys.path
from openai_standin import StandIn

from jupyter_imagechat import Conversation, ImageChat
from jupyter_imagechat.config import resolve_settings
from jupyter_imagechat.errors import EngineError

KEY = "sk-classroom-SECRET-4b1d9e7c0a2f"
SIZE = 96


@pytest.fixture
def standin():
    with StandIn(size=(SIZE, SIZE)) as server:
        yield server


def _bytes_under(folder) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_the_key_is_nowhere_in_what_a_session_writes(standin, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_IMAGECHAT_API_KEY", KEY)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_BASE_URL", standin.url)
    chat = ImageChat(engine="remote", size=SIZE, autosave=tmp_path / "saved", session="lesson")
    first = chat.send("three red apples left of a blue bowl")
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[:, SIZE // 2 :] = True
    chat.send("a green pear", mask=mask)
    standin.faults.append("echo")
    with pytest.raises(EngineError) as info:
        chat.send("a yellow banana")
    assert standin.seen[-1].headers["authorization"] == f"Bearer {KEY}"  # it was sent...

    assert KEY not in str(info.value)  # ...but not said back
    assert "***" in str(info.value)
    assert KEY not in json.dumps(chat._messages)  # the chat pane
    assert KEY not in chat.history.to_code()
    notebook = chat.history.to_notebook(tmp_path / "lesson.ipynb")
    for name, data in [
        *_bytes_under(tmp_path / "saved"),
        (str(notebook), notebook.read_bytes()),
        ("png", first.to_png()),
        ("record", json.dumps(first.to_record(), default=str).encode()),
    ]:
        assert KEY.encode() not in data, name
    assert KEY not in repr(chat.conversation.engine)
    assert KEY not in repr(chat.conversation.settings)
    assert chat.conversation.settings.shown()["locked"] == {}
    chat.close()


def test_keys_given_as_arguments_and_the_planners_key_are_nowhere_either(
    standin, tmp_path, monkeypatch
):
    # a teacher: OpenAI draws (key as an argument), a language model plans (key from the
    # environment); both servers at some point repeat the key back in an error
    llm_key = "sk-planner-SECRET-77aa88bb99cc"
    for name in ("JUPYTER_IMAGECHAT_API_KEY", "OPENAI_API_KEY", "JUPYTER_IMAGECHAT_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    plan = {"entities": [{"id": "e1", "name": "cat", "count": 2, "attributes": {}}]}
    with ChatStandIn(lambda seen: json.dumps(plan)) as llm:
        monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", llm.url)
        monkeypatch.setenv("IMAGECHAT_LLM_API_KEY", llm_key)
        chat = ImageChat(
            engine="openai",
            base_url=standin.url,
            api_key=KEY,
            planner="openai",
            size=SIZE,
            autosave=tmp_path / "saved",
            session="lesson",
        )
        first = chat.send("two cats")
        llm.faults.append("echo")
        second = chat.send("make the cats white")
        standin.faults.append("echo")
        with pytest.raises(EngineError) as info:
            chat.send("add a dog")
    assert llm.seen[0].headers["authorization"] == f"Bearer {llm_key}"
    assert standin.seen[0].headers["authorization"] == f"Bearer {KEY}"
    assert any("***" in note for note in second.notes)  # the planner's error, redacted
    notebook = chat.history.to_notebook(tmp_path / "lesson.ipynb")
    written = [
        *_bytes_under(tmp_path / "saved"),
        (str(notebook), notebook.read_bytes()),
        ("code", chat.history.to_code().encode()),
        ("messages", json.dumps(chat._messages).encode()),
        ("error", str(info.value).encode()),
        ("reprs", f"{chat.conversation.engine!r} {chat.conversation.planner!r}".encode()),
    ]
    for turn in (first, second):
        written += [("png", turn.to_png()), ("record", json.dumps(turn.to_record()).encode())]
    for name, data in written:
        for key in (KEY, llm_key):
            assert key.encode() not in data, (name, key)
    chat.close()


def test_a_remote_server_never_gets_the_openai_key_or_organisation(standin, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-personal-openai-key-0123456789")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-personal")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-personal")
    monkeypatch.delenv("JUPYTER_IMAGECHAT_API_KEY", raising=False)
    Conversation("remote", base_url=standin.url, size=SIZE).send("a red apple")
    headers = standin.seen[-1].headers
    assert "sk-personal" not in headers.get("authorization", "")
    assert "openai-organization" not in headers
    assert "openai-project" not in headers


def test_the_class_key_never_goes_to_openai_when_a_notebook_picks_that_engine(monkeypatch):
    # a hub configures its own server; a student asks for OpenAI instead
    monkeypatch.setenv("JUPYTER_IMAGECHAT_ENGINE", "remote")
    monkeypatch.setenv("JUPYTER_IMAGECHAT_BASE_URL", "http://imagechat.hub.svc:8000/v1")
    monkeypatch.setenv("JUPYTER_IMAGECHAT_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = resolve_settings("openai", folders=[])
    assert settings.engine == "openai"
    assert settings.api_key is None
    assert settings.base_url is None
    remote = resolve_settings(folders=[])
    assert (remote.engine, remote.api_key, remote.base_url) == (
        "remote",
        KEY,
        "http://imagechat.hub.svc:8000/v1",
    )


def test_a_url_with_credentials_is_shown_without_them(standin):
    host = standin.url.removeprefix("http://")
    chat = Conversation("remote", base_url=f"http://user:pa55word@{host}?key=abc", size=SIZE)
    assert "pa55word" not in repr(chat.engine)
    assert chat.engine.endpoint == standin.url
