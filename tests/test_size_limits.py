"""Every way of asking for a picture's size meets the same limit, with a clear error.

The limit is the engines' (2048 px a side), or less where an administrator set
``max_size`` (here through ``$JUPYTER_IMAGECHAT_MAX_SIZE``, as a hub's spawner does). A
size can be asked for with ``size=`` (``ImageChat``, ``Conversation``, the magic's
``--size``), by changing ``chat.size``, with a turn's ``settings={"width": ..., "height":
...}`` (``send``, ``generate``, ``outpaint``) and by extending the picture (``outpaint``,
the widget's Extend message). A refused request changes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.turns import Conversation

MOST = 256  # the administrator's largest side in these tests
OVER = "the largest side allowed here"


@pytest.fixture
def hub_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("JUPYTER_IMAGECHAT_MAX_SIZE", str(MOST))
    return MOST


@pytest.fixture
def chat(hub_limit: int) -> Conversation:
    chat = Conversation(size=128)
    chat.send("a red apple")
    return chat


def unchanged(chat: Conversation, turns: int = 1) -> None:
    assert len(chat.history) == turns
    assert chat.image is not None
    assert chat.image.size == (128, 128)


def test_a_chat_size_over_the_hub_limit_is_refused(hub_limit: int) -> None:
    with pytest.raises(InputError, match=OVER):
        Conversation(size=hub_limit * 2)
    assert Conversation(size=hub_limit).size == hub_limit


@pytest.mark.parametrize("key", ["width", "height"])
def test_a_turns_width_or_height_over_the_hub_limit_is_refused(
    chat: Conversation, key: str
) -> None:
    with pytest.raises(InputError, match=rf"settings\['{key}'\] must be .* to {MOST} \(.*max_size"):
        chat.send("a blue bowl", settings={key: MOST * 4})
    unchanged(chat)


def test_a_new_picture_within_the_limit_is_drawn_at_the_size_asked(chat: Conversation) -> None:
    turn = chat.send("start over with a blue bowl", settings={"width": MOST, "height": 192})
    assert turn.image.size == (MOST, 192)


def test_a_plan_from_the_editor_with_a_size_over_the_limit_is_refused(
    chat: Conversation,
) -> None:
    plan = chat.plan("a blue bowl", new=True)
    with pytest.raises(InputError, match=OVER):
        chat.generate(plan, settings={"width": 1024, "height": 1024})
    unchanged(chat)


def test_an_outpaint_over_the_limit_is_refused(chat: Conversation) -> None:
    with pytest.raises(InputError, match=rf"would be 257x128; {OVER} is {MOST} pixels"):
        chat.outpaint(right=129)
    with pytest.raises(InputError, match=OVER):
        chat.outpaint(right=8, settings={"width": 4096})
    unchanged(chat)
    assert chat.outpaint(right=128).image.size == (MOST, 128)  # at the limit: drawn


def test_changing_the_chats_size_later_meets_the_limit_at_the_next_turn(
    chat: Conversation,
) -> None:
    chat.size = 4096
    with pytest.raises(InputError, match=rf"size must be an integer from 64 to {MOST}"):
        chat.send("start over with a blue bowl")
    unchanged(chat)


def test_without_a_hub_limit_the_engines_limit_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUPYTER_IMAGECHAT_MAX_SIZE", raising=False)
    chat = Conversation(size=128)
    for bad in (4096, 0, -5, 300.5, "512", True):
        with pytest.raises(InputError, match=r"settings\['width'\] must be an integer from 64"):
            chat.send("a red apple", settings={"width": bad})
    assert len(chat.history) == 0
    assert chat.send("a red apple", settings={"width": 320}).image.size == (320, 128)


def test_the_magics_size_flag_meets_the_hub_limit(hub_limit: int) -> None:
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "jupyter_imagechat")
    try:
        result = ip.run_cell(f"%%imagechat sized --size {hub_limit * 2}\na red apple")
        assert not result.success
        assert OVER in str(result.error_in_exec)
        assert "sized" not in ip.user_ns
    finally:
        made = ip.user_ns.pop("sized", None)
        if isinstance(made, ImageChat):
            made.close()


@pytest.fixture
def widget(hub_limit: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[ImageChat]:
    widget = ImageChat(size=128)
    replies: list[dict] = []
    monkeypatch.setattr(
        widget.comm,
        "publish_msg",
        lambda msg_type, data=None, **keys: (
            replies.append(data["content"]) if data and data.get("method") == "custom" else None
        ),
    )
    widget.replies = replies  # type: ignore[attr-defined]
    yield widget
    widget.close()


def test_the_widgets_extend_message_meets_the_hub_limit(widget: ImageChat) -> None:
    widget.send("a red apple")
    widget._handle_custom_msg({"id": "r1", "kind": "outpaint", "right": MOST}, [])
    assert widget._wait(30)
    (reply,) = [r for r in widget.replies if r.get("id") == "r1"]  # type: ignore[attr-defined]
    assert reply["ok"] is False
    assert OVER in reply["error"]
    assert len(widget.history) == 1
    assert widget.image is not None
    assert widget.image.size == (128, 128)


def test_docs_limits_quotes_these_messages(chat: Conversation) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text()
    with pytest.raises(InputError) as width:
        chat.send("a blue bowl", settings={"width": 1024})
    with pytest.raises(InputError) as extended:
        chat.outpaint(right=129)
    assert f"`{width.value}`" in page
    assert f"`{extended.value}`" in page


def test_a_loaded_picture_is_scaled_to_the_hub_limit(chat: Conversation) -> None:
    turn = chat.load(Image.new("RGB", (1024, 512), (10, 200, 30)))
    assert turn.image.size == (MOST, MOST // 2)
    edit = chat.send("add a red apple")  # later turns draw at the loaded size
    assert edit.image.size == (MOST, MOST // 2)


def test_the_widgets_load_message_meets_the_hub_limit(widget: ImageChat) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (600, 300), (10, 200, 30)).save(buf, format="PNG")
    widget._handle_custom_msg(
        {"id": "r1", "kind": "load_image", "name": "leaf.png"}, [buf.getvalue()]
    )
    assert widget._wait(30)
    (reply,) = [r for r in widget.replies if r.get("id") == "r1"]  # type: ignore[attr-defined]
    assert reply["ok"] is True
    assert (reply["result"]["width"], reply["result"]["height"]) == (MOST, MOST // 2)
    assert widget.image is not None
    assert widget.image.size == (MOST, MOST // 2)
