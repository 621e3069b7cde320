"""Text from outside is made valid (or refused with a clear message) where it comes in.

A browser sends half an emoji as a lone surrogate (``"\\ud83c"``); Python keeps it in a
``str`` and it breaks far away (PNG text chunks, JSON files). Each boundary is tried with
each kind of invalid text: the browser's messages, the Python API, notebooks, autosave
folders and PNG metadata.
"""

from __future__ import annotations

import io
import json
import struct
import warnings
import zlib

import pytest
from PIL import Image
from test_hardening_protocol import finish, recording
from test_widget import request

from jupyter_imagechat import ImageChat, read_metadata
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.scene import SceneError, SceneGraph
from jupyter_imagechat.scene.text import clean_data, clean_text, invalid_text

SIZE = 96
BAD = {
    "lone high surrogate": "a red apple \ud83c",
    "lone low surrogate": "a red \udf4e apple",
    "split pair": "a red apple \ud83c\udf4e",  # a pair held as two code points
    "NUL": "a red\x00 apple",
    "control": "a red\x1b[31m apple",
}


def valid(text: str) -> bool:
    text.encode("utf-8")  # raises for a surrogate
    return invalid_text(text) is None


@pytest.fixture
def chat(monkeypatch, tmp_path):
    widget = recording(monkeypatch, size=SIZE, autosave=tmp_path, session="s")
    yield widget
    finish(widget)


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_clean_text_keeps_what_it_can_and_drops_the_rest(text):
    cleaned = clean_text(text)
    assert valid(cleaned)
    assert "apple" in cleaned
    assert clean_text(cleaned) == cleaned  # once is enough
    assert clean_text("a red apple \U0001f34e\n\ttab") == "a red apple \U0001f34e\n\ttab"
    assert clean_text("a red apple \ud83c\udf4e") == "a red apple \U0001f34e"
    assert clean_data({"k\ud83c": [text, {"x": text}]}) == {"k\ufffd": [cleaned, {"x": cleaned}]}


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_a_prompt_from_the_browser_is_drawn_saved_and_exported(chat, tmp_path, text):
    reply = request(chat, {"id": "r1", "kind": "send", "prompt": text})
    assert reply["ok"] is True, reply
    assert chat._busy is False  # the Send button comes back
    turn = chat.history[-1]
    assert valid(turn.prompt)
    assert valid(chat._messages[0]["text"])
    assert (tmp_path / "s" / "t1.json").is_file()  # autosaved
    assert valid(read_metadata(turn.to_png())["prompt"])
    turn.save(tmp_path / "t1.png")
    chat.history.to_notebook(tmp_path / "lesson.ipynb")
    compile(chat.history.to_code(), "<export>", "exec")


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_every_text_field_of_a_browser_message_is_made_valid(chat, text):
    plan = chat.plan("three red apples")
    data = plan.to_dict()
    data["entities"][0]["attributes"]["text"] = text
    data["texts"] = [text]
    reply = request(chat, {"id": "r1", "kind": "generate", "plan": data})
    assert reply["ok"] is True, reply
    drawn = chat.history[-1].scene
    assert all(valid(t) for t in drawn.texts)
    assert valid(drawn.entities[0].attributes["text"])
    reply = request(chat, {"id": "r2", "kind": "outpaint", "right": 32, "prompt": text})
    assert reply["ok"] is True, reply
    assert valid(chat.history[-1].prompt)
    png = chat.history[0].to_png()
    reply = request(chat, {"id": "r3", "kind": "load_image", "name": text}, [png])
    assert reply["ok"] is True, reply
    assert all(valid(m["text"]) for m in chat._messages)


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_the_python_api_cleans_prompts_and_settings_and_refuses_bad_plans(text):
    chat = ImageChat(size=SIZE, autosave=False)
    try:
        turn = chat.send(text, settings={"note": text})
        assert valid(turn.prompt)
        assert valid(turn.settings["note"])
        turn.to_png()
        scene = SceneGraph.from_dict({"entities": [{"id": "e1", "name": "mug"}]})
        scene.entities[0].attributes["text"] = text
        with pytest.raises(InputError, match="attribute 'text' of 'e1'"):
            chat.generate(scene)
        with pytest.raises(SceneError, match="attribute 'text' of 'e1'"):
            scene.validate()
        assert len(chat.history) == 1
    finally:
        chat.close()


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_notebooks_and_autosave_folders_with_bad_text_load_cleaned(tmp_path, text):
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    chat.send("a red apple")
    chat.send("make the apple green")
    path = chat.history.to_notebook(tmp_path / "lesson.ipynb")
    chat.close()
    # the bad text is put in by hand, as an editor (or a bug elsewhere) could
    nb = json.loads(path.read_text())
    record = nb["cells"][1]["metadata"]["jupyter_imagechat"]["record"]
    record["prompt"] = text
    record["notes"] = [text]
    record["scene"]["entities"][0]["attributes"]["color"] = text
    path.write_text(json.dumps(nb))  # ensure_ascii: surrogates travel as \\ud83c
    restored = ImageChat.from_notebook(path, autosave=False)
    try:
        turn = restored.history["t1"]
        assert valid(turn.prompt)
        assert valid(turn.notes[0])
        assert valid(turn.scene.entities[0].attributes["color"])
        restored.history.to_notebook(tmp_path / "again.ipynb")
    finally:
        restored.close()
    saved = tmp_path / "s" / "t2.json"
    data = json.loads(saved.read_text())
    data["prompt"] = text
    saved.write_text(json.dumps(data))
    restored = ImageChat.restore("s", root=tmp_path)
    try:
        assert valid(restored.history["t2"].prompt)
        restored.send("make the apple red")  # and the session saves on
    finally:
        restored.close()


def png_with_chunks(*chunks: tuple[bytes, bytes]) -> bytes:
    """A small PNG with these (type, data) chunks put before its image data."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buf, format="PNG")
    data = buf.getvalue()
    at = data.index(b"IDAT") - 4
    extra = b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks
    )
    return data[:at] + extra + data[at:]


def test_png_metadata_with_broken_text_is_read_as_valid_text():
    bad_utf8 = b"imagechat:prompt\x00\x00\x00\x00\x00a red \xed\xa0\xbc apple \xff"
    png = png_with_chunks(
        (b"iTXt", bad_utf8),
        (b"tEXt", b"Comment\x00generated by jupyter-imagechat"),
        (b"tEXt", b"imagechat:engine\x00built\x01in"),
    )
    meta = read_metadata(png)
    assert meta["generator"] == "generated by jupyter-imagechat"
    assert valid(meta["prompt"])
    assert "apple" in meta["prompt"]
    assert meta["engine"] == "builtin"


def test_png_metadata_json_escapes_and_seeds_are_read_as_valid_values():
    """Half an emoji written as a JSON escape (``"\\ud83c"``) comes back as one when the
    JSON is read; a seed of digits ``int()`` refuses ("²", 5,000 of them) raised ValueError
    from ``read_metadata`` and from ``chat.load``."""
    cat = {"id": "e1", "name": "cat", "count": 1, "attributes": {"text": "HI\ud83c"}}
    plan = {"entities": [cat]}
    for seed in ("9" * 5000, "\u00b2", "12\u0663"):
        png = png_with_chunks(
            (b"tEXt", b"Comment\x00generated by jupyter-imagechat"),
            (b"tEXt", b"imagechat:plan\x00" + json.dumps(plan).encode()),
            (b"iTXt", b"imagechat:seed\x00\x00\x00\x00\x00" + seed.encode()),
        )
        meta = read_metadata(png)
        assert meta["seed"] is None
        assert valid(meta["plan"]["entities"][0]["attributes"]["text"])
        chat = ImageChat(size=64, autosave=False)
        assert chat.load(png).mode == "load"
        chat.close()


class Wire:
    """Stands in for the comm and packs every message as the kernel does
    (``jupyter_client``'s JSON packer): a message that cannot be packed never reaches the
    browser, and since the chat log is sent whole, nor does any later message."""

    def __init__(self) -> None:
        self.sent = 0
        self.failed: list[str] = []

    def __call__(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        from jupyter_client.session import json_packer

        self.sent += 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # its "deprecated" fallback; it then raises
                json_packer(data)
        except (TypeError, ValueError) as exc:
            self.failed.append(f"{type(exc).__name__} packing {str(data)[:300]}")


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_every_python_call_with_bad_text_leaves_messages_the_browser_can_receive(tmp_path, text):
    """The Python API is a boundary too: the prompt is shown in the chat log, which goes to
    the browser whole with every message, so half an emoji there would cut the chat pane off
    for the rest of the session."""
    chat = ImageChat(size=SIZE, autosave=tmp_path, session="s")
    wire = Wire()
    chat.comm.publish_msg = wire
    try:
        chat.plan(f"two cats {text}")
        chat.send(text)
        chat.send(f"make it green {text}")
        chat.outpaint(right=32, prompt=text)
        chat.load(chat.history[0].to_png())
        for call in (
            lambda: chat.send(text + "x" * 2000),  # too long: the chat shows its start
            lambda: chat.checkout(text),
            lambda: chat.answer(text),
            lambda: chat.generate({"entities": [{"id": "e1", "name": text}]}),
        ):
            with pytest.raises(InputError):
                call()
        chat.send("a red apple")  # the chat still reaches the browser afterwards
        assert wire.sent > 10
        assert wire.failed == []
        assert all(valid(m["text"]) for m in chat._messages)
        assert any("a red apple" in m["text"] for m in chat._messages[-3:])
    finally:
        chat.close()
