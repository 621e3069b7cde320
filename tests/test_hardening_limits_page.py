"""docs/limits.md tells the truth: each limit it lists is triggered here the way a user
meets it (the Python API, a message from the browser, a notebook, an autosave folder), and
the message the user gets is the one the page quotes, word for word (``...`` in a quote
stands for a part that varies). A limit that is not enforced, or a message that changed,
fails here."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_hardening_autosave import FlakyDisk, read_only_folder  # noqa: F401 (a fixture)
from test_hardening_code import Loud
from test_hardening_limits import blank_png, chunk
from test_hardening_protocol import finish, recording
from test_widget import request

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import ImageChatError
from jupyter_imagechat.images import as_image, as_mask
from jupyter_imagechat.session import mask_from_text
from jupyter_imagechat.session.code import history_to_code

PAGE = Path(__file__).resolve().parents[1] / "docs" / "limits.md"
SIZE = 64


def quoted() -> list[str]:
    """Every message the page quotes (its code spans), as regular expressions."""
    spans = re.findall(r"`([^`]+)`", PAGE.read_text())
    return [re.escape(s).replace(re.escape("..."), ".*") for s in spans]


def refusal(call: Callable[[], object]) -> str:
    """The message of the project's error that ``call`` raises."""
    with pytest.raises(ImageChatError) as info:
        call()
    return str(info.value)


def scene(**changes) -> dict:
    data = {"entities": [{"id": "e1", "name": "mug", "count": 1, "attributes": {}}]}
    data.update(changes)
    return data


def entity(**attributes) -> dict:
    return scene(entities=[{"id": "e1", "name": "mug", "count": 1, "attributes": attributes}])


def png(width: int, height: int, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format=fmt)
    return buf.getvalue()


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> tuple[Path, Path]:
    """A notebook of three turns and the autosave folder of the same session."""
    root = tmp_path_factory.mktemp("lesson")
    chat = ImageChat(size=SIZE, autosave=root, session="s")
    chat.send("a dog")
    chat.send("make the dog black")
    chat.send("a cat", new=True)
    path = chat.history.to_notebook(root / "lesson.ipynb")
    chat.close()
    return path, root


def notebook_refusal(lesson, tmp_path, field: str, value) -> str:
    path, _ = lesson
    nb = json.loads(path.read_text())
    nb["cells"][2]["metadata"]["jupyter_imagechat"]["record"][field] = value
    tampered = tmp_path / "tampered.ipynb"
    tampered.write_text(json.dumps(nb))
    return refusal(lambda: ImageChat.from_notebook(tampered, autosave=False))


def nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


def header_png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + chunk(b"IEND", b"")
    )


def said(chat, content, buffers=None) -> str:
    """What the chat says (its newest message) after the browser sends ``content``."""
    reply = request(chat, content, buffers)
    assert reply is not None
    return chat._messages[-1]["text"]


def unanswered(chat, content) -> str:
    """What the chat says after a request whose reply cannot carry its id."""
    chat._handle_custom_msg(content, [])
    assert chat._wait(30)
    return chat._messages[-1]["text"]


def browser(chat: ImageChat) -> dict[str, Callable[[], str]]:
    return {
        "browser mask": lambda: said(
            chat,
            {"id": "r", "kind": "mask", "width": 64, "height": 64, "encoding": "bits"},
            [b"abc"],
        ),
        "loaded, scaled": lambda: said(
            chat, {"id": "r", "kind": "load_image", "name": "photo.png"}, [png(4000, 3000, "JPEG")]
        ),
        "browser image bytes": lambda: said(
            chat, {"id": "r", "kind": "load_image", "name": "photo.png"}, [b"\0" * (9 * 2**20)]
        ),
        "plan bytes": lambda: said(
            chat, {"id": "r", "kind": "generate", "plan": entity(note="x" * 299_942)}
        ),
        "request id": lambda: unanswered(chat, {"id": "x" * 65, "kind": "send", "prompt": "a"}),
        "depth": lambda: said(
            chat, {"id": "r", "kind": "generate", "plan": {"entities": nested(40)}}
        ),
        "unexpected field": lambda: said(
            chat, {"id": "r", "kind": "send", "prompt": "a dog", "x": 1}
        ),
        "file name": lambda: said(
            chat, {"id": "r", "kind": "load_image", "name": "x" * 300}, [png(64, 64)]
        ),
    }


def api(chat: ImageChat) -> dict[str, Callable[[], str]]:
    """Limits met through the Python API."""
    big = np.zeros((SIZE, SIZE), float)
    big[0, 0] = np.nan
    return {
        "prompt length": lambda: refusal(lambda: chat.send("x" * 2345)),
        "empty prompt": lambda: refusal(lambda: chat.send("")),
        "half an emoji in a plan": lambda: refusal(lambda: chat.generate(entity(text="a \ud83c"))),
        "text on a thing": lambda: refusal(lambda: chat.generate(entity(text="x" * 150_000))),
        "other attribute": lambda: refusal(lambda: chat.generate(entity(state="x" * 3000))),
        "entities": lambda: refusal(
            lambda: chat.generate(
                scene(entities=[{"id": f"e{i}", "name": "mug", "count": 1} for i in range(31)])
            )
        ),
        "count": lambda: refusal(
            lambda: chat.generate(scene(entities=[{"id": "e1", "name": "mug", "count": 99}]))
        ),
        "attributes": lambda: refusal(
            lambda: chat.generate(entity(**{f"a{i}": "x" for i in range(21)}))
        ),
        "relations": lambda: refusal(
            lambda: chat.generate(
                scene(relations=[{"subject": "e1", "predicate": "next to", "object": "e1"}] * 201)
            )
        ),
        "layout boxes": lambda: refusal(
            lambda: chat.generate(
                scene(
                    layout=[{"entity": "e1", "index": i, "box": [0, 0, 1, 1]} for i in range(1501)]
                )
            )
        ),
        "arrows": lambda: refusal(
            lambda: chat.generate(scene(arrows=[{"start": "e1", "end": "e1"}] * 61))
        ),
        "layout index": lambda: refusal(
            lambda: chat.generate(
                scene(layout=[{"entity": "e1", "index": None, "box": [0, 0, 1, 1]}])
            )
        ),
        "PIL refuses": lambda: refusal(lambda: as_image(header_png(30000, 30000))),
        "texts": lambda: refusal(lambda: chat.generate(scene(texts=["hi"] * 21))),
        "size of a new picture": lambda: refusal(lambda: ImageChat(size=4096, autosave=False)),
        "too many pixels": lambda: refusal(lambda: as_image(blank_png(5000, 5000))),
        "smallest side": lambda: refusal(lambda: chat.load(png(8, 8))),
        "image bytes from Python": lambda: refusal(lambda: as_image(b"\0" * 70_000_000)),
        "outpaint": lambda: refusal(lambda: chat.outpaint(right=3000)),
        "mask size": lambda: refusal(
            lambda: as_mask(np.ones((9, 8), bool), Image.new("RGB", (8, 8)))
        ),
        "NaN mask": lambda: refusal(lambda: as_mask(big, Image.new("RGB", (SIZE, SIZE)))),
        "mask text": lambda: refusal(lambda: mask_from_text("20000x20000:eJw=")),
        "session name": lambda: refusal(lambda: ImageChat(session="../up", autosave=True)),
    }


def unquoted(said: dict[str, str]) -> dict[str, str]:
    """The messages the page does not quote (each must end with one of its quotes)."""
    quotes = [q for q in quoted() if len(q) >= 20]
    return {
        case: message
        for case, message in said.items()
        if not any(re.search(quote + r"\Z", message) for quote in quotes)
    }


def test_the_python_apis_refusals_are_the_ones_the_page_quotes(monkeypatch):
    chat = recording(monkeypatch, size=SIZE, autosave=False)
    try:
        chat.send("a red apple")
        said = {case: call() for case, call in api(chat).items()}
        assert len(chat.history) == 1  # none of them changed anything
    finally:
        finish(chat)
    assert unquoted(said) == {}


def test_the_browsers_refusals_are_the_ones_the_page_quotes(monkeypatch):
    chat = recording(monkeypatch, size=SIZE, autosave=False)
    try:
        chat.send("a red apple")
        said = {case: call() for case, call in browser(chat).items()}
    finally:
        finish(chat)
    assert unquoted(said) == {}


def test_notebook_and_autosave_refusals_are_the_ones_the_page_quotes(lesson, tmp_path):
    said = {
        f"notebook {field} {value!r}": notebook_refusal(lesson, tmp_path, field, value)
        for field, value in [
            ("parent", "../../victim/settings"),
            ("seed", "x"),
            ("prompt", "x" * 20_000),
            ("settings", {"bad name": 1}),
            ("settings", {"x": float("nan")}),
        ]
    }
    _, root = lesson
    folder = tmp_path / "saved"
    shutil.copytree(root / "s", folder / "s")
    record = json.loads((folder / "s" / "t3.json").read_text())
    (folder / "s" / "t3.json").write_text(json.dumps({**record, "mode": "x"}))
    restored = ImageChat.restore("s", root=folder)
    try:
        said["a tampered saved turn"] = restored._messages[-1]["text"]
    finally:
        restored.close()
    (folder / "s" / "t3.json").write_bytes(b" " * (4 * 2**20 + 1))
    restored = ImageChat.restore("s", root=folder)
    try:
        said["a saved turn too big"] = restored._messages[-1]["text"]
    finally:
        restored.close()
    (folder / "s" / "t3.json").unlink()
    (folder / "s" / "t3.json").symlink_to("/dev/zero")
    restored = ImageChat.restore("s", root=folder)
    try:
        said["a saved turn that is no file"] = restored._messages[-1]["text"]
    finally:
        restored.close()
    turn = ImageChat.from_notebook(lesson[0], autosave=False)
    try:
        hostile = replace(turn.history["t2"], settings={"steps": Loud()})
        said["code"] = refusal(lambda: history_to_code([hostile]))
    finally:
        turn.close()
    assert unquoted(said) == {}


def test_the_autosave_messages_are_the_ones_the_page_quotes(
    tmp_path,
    monkeypatch,
    read_only_folder,  # noqa: F811 (the fixture imported above)
):
    disk = FlakyDisk(monkeypatch)
    said = {}
    for close_full in (False, True):
        chat = ImageChat(size=SIZE, autosave=tmp_path / str(close_full), session="lesson")
        try:
            for i, prompt in enumerate(["a dog", "a cat", "a cow", "a bird", "a tree", "a car"]):
                if close_full and i == 5:  # t4 and t5 are still not saved at close
                    break
                disk.full = i in (3, 4)
                chat.send(prompt, new=True)
                if i == 4:
                    said["full disk"] = chat._messages[-2]["text"]
                if i == 5:
                    said["saved later"] = chat._messages[-2]["text"]
            disk.full = close_full
        finally:
            chat.close()
    said["still not saved at close"] = chat._messages[-1]["text"]
    disk.full = False
    folder, _mounted = read_only_folder
    chat = ImageChat(size=SIZE, autosave=folder, session="lesson")
    said["read-only"] = chat._messages[-1]["text"]
    chat.close()
    assert unquoted(said) == {}
