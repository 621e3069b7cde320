"""Fuzzing the widget's messages: at least 10,000 per run, valid, half-valid and hostile.

Every message from the browser must get exactly one structured reply with its id
(``{id, ok: true, result}`` or ``{id, ok: false, kind, error}``), never an internal error
(kind ``"error"``, a bug), and a refused message must change nothing: the history, the
current turn, the mask, the plan waiting in the editor, the picture on the canvas and
whether the widget is busy stay as they were. Hostile state updates (the browser setting
traits that are the kernel's) are mixed in and must change nothing either.

The run is derandomized so that the suite is the same every time; set
``IMAGECHAT_FUZZ_RANDOM=1`` to explore with fresh random messages.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jupyter_client.session import json_packer
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.widget.protocol import KINDS

SIZE = 64
MESSAGES_PER_RUN = 10_000
ERROR_KINDS = {"input", "engine", "busy", "cancelled", "question"}  # "error": a bug

PROMPTS = ["a red apple", "make the apple green", "add a blue bowl", "undo", "fix", "a cat"]
HOSTILE_TEXT = [
    "a red apple \ud83c", "\udf4e", "\x00", "<img src=x onerror=alert(1)>", "x" * 2500,
    "../../etc/passwd", "t1\nimport os", "\u202e", "", "   ",
]  # fmt: skip


def png(size: tuple[int, int] = (32, 32), **chunks: str) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        info.add_itxt(key.replace("_", ":"), value)
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


PICTURES = [
    png(),
    png((8, 8)),
    png(imagechat_plan='{"entities": [{"id": "e1", "name": "apple", "count": 99}]}'),
    png(imagechat_plan="[" * 5000),
    png(imagechat_plan='{"entities": [], "relations": ' + "[" * 100 + "]" * 100 + "}"),
    b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
    b"GIF89a",
    b"",
]

json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(HOSTILE_TEXT)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
text = st.sampled_from(PROMPTS) | st.sampled_from(HOSTILE_TEXT) | st.text(max_size=30) | json_leaf
turn_id = st.sampled_from(["t1", "t2", "t3", "t999999999", "t0", "t01", "T1", "../t1"]) | json_leaf
pixel = st.integers(-5, SIZE + 5) | json_leaf


@st.composite
def mask_message(draw) -> tuple[dict, list]:
    width = draw(st.sampled_from([SIZE, SIZE + 1, 0, -1, 2**31]) | json_leaf)
    height = draw(st.sampled_from([SIZE, 1]) | json_leaf)
    encoding = draw(st.sampled_from(["bytes", "bits", "rle", "zip"]) | json_leaf)
    size = SIZE * SIZE
    buffer = draw(
        st.sampled_from(
            [
                b"\1" * size,
                b"\0" * size,
                np.packbits(np.ones(size, bool)).tobytes(),
                np.array([100, size - 100], "<u4").tobytes(),
                np.array([2**32 - 1, 2**32 - 1], "<u4").tobytes(),
                b"",
            ]
        )
        | st.binary(max_size=64)
    )
    content = {"id": "m", "kind": "mask", "width": width, "height": height, "encoding": encoding}
    return content, [buffer]


@st.composite
def generate_message(draw, plans: list[dict]) -> tuple[dict, list]:
    plan = draw(st.sampled_from(plans)) if plans else {"entities": []}
    plan = _mutate(draw, plan, draw(st.integers(0, 3)))
    return {"id": "g", "kind": "generate", "plan": plan}, []


def _mutate(draw, value, times: int):
    """``value`` with ``times`` random changes at random places in it."""
    import copy

    value = copy.deepcopy(value)
    for _ in range(times):
        node = value
        for _depth in range(draw(st.integers(0, 4))):
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            children = [(k, v) for k, v in children if isinstance(v, (dict, list)) and v]
            if not children:
                break
            _key, node = draw(st.sampled_from(children))
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node, key=str)) | st.text(max_size=6))
            node[key] = draw(json_value)
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(json_value)
    return value


@st.composite
def message(draw, plans: list[dict]) -> tuple[object, list]:
    """One message from a browser: mostly well formed, some half right, some junk."""
    which = draw(st.integers(0, 99))
    if which < 8:  # junk content
        return draw(json_value), draw(st.lists(st.binary(max_size=8), max_size=2))
    if which < 14:  # the envelope is wrong
        content = draw(st.dictionaries(st.sampled_from(["id", "kind", "x", "prompt"]), json_value))
        return content, []
    kind = draw(st.sampled_from(KINDS))
    if kind == "mask":
        content, buffers = draw(mask_message())
    elif kind == "generate":
        content, buffers = draw(generate_message(plans))
    elif kind == "load_image":
        content = {"kind": kind, "name": draw(st.none() | text)}
        buffers = [draw(st.sampled_from(PICTURES) | st.binary(max_size=32))]
    elif kind in ("send", "plan"):
        prompt = draw(text)
        if isinstance(prompt, str) and prompt in PROMPTS and draw(st.integers(0, 9)) > 0:
            prompt = draw(st.sampled_from(HOSTILE_TEXT))  # keep drawing (slow) rarer
        content, buffers = {"kind": kind, "prompt": prompt}, []
    elif kind in ("checkout", "turn_code"):
        content, buffers = {"kind": kind, "turn": draw(turn_id)}, []
    elif kind == "select":
        content, buffers = {"kind": kind, "x": draw(pixel), "y": draw(pixel)}, []
    elif kind == "outpaint":
        sides = st.sampled_from(["left", "right", "top", "bottom"])
        content = {s: draw(st.integers(-10, 4000) | json_leaf) for s in draw(st.lists(sides))}
        content.update(kind=kind, prompt=draw(st.none() | text))
        buffers = []
    elif kind == "plan_first":
        content, buffers = {"kind": kind, "value": draw(json_leaf)}, []
    else:
        content, buffers = {"kind": kind}, []
    content["id"] = draw(st.sampled_from(["r", "req-1", "a:b.c_d"]) | json_leaf)
    if draw(st.integers(0, 19)) == 0:  # one field too many, or a buffer too many
        content[draw(st.text(max_size=5))] = draw(json_value)
    if draw(st.integers(0, 19)) == 0:
        buffers = [*buffers, b"\0"]
    return content, buffers


class Replies:
    """Stands in for the comm: keeps the replies, counts the state updates, and packs every
    message as the kernel does (a message that cannot be packed never reaches the browser)."""

    def __init__(self) -> None:
        self.replies: list[dict] = []
        self.updates = 0
        self.unpackable: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # jupyter_client's fallback warns, then raises
                json_packer(data)
        except (TypeError, ValueError) as exc:
            self.unpackable.append(f"{type(exc).__name__} packing {str(data)[:200]}")
        with self.lock:
            if data.get("method") == "custom":
                self.replies.append(data["content"])
            else:
                self.updates += 1


def state(chat: ImageChat) -> tuple:
    """Everything a refused message must leave as it was."""
    conversation = chat.conversation
    mask = conversation.mask
    return (
        [(t.id, t.parent) for t in chat.history],
        getattr(chat.history.head, "id", None),
        None if mask is None else hashlib.sha256(np.packbits(mask)).hexdigest(),
        repr(chat._plan),
        id(conversation._pending),
        chat._busy,
        chat._progress,
        hashlib.sha256(chat._image).hexdigest(),
        chat._mask,
        chat._head,
        chat._esm == ImageChat._esm,
    )


def test_ten_thousand_browser_messages_each_get_one_structured_reply():
    chat = ImageChat(size=SIZE, autosave=False)
    recorder = Replies()
    chat.comm.publish_msg = recorder
    plans = [chat.plan("a red apple").to_dict(), chat.plan("two cats on a bed").to_dict()]
    chat.send("three red apples left of a blue bowl")
    sent: list[int] = []
    problems: list[str] = []

    @settings(
        max_examples=160,
        deadline=None,
        derandomize=os.environ.get("IMAGECHAT_FUZZ_RANDOM") != "1",
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.lists(message(plans), min_size=60, max_size=70))
    def fuzz(messages):
        for content, buffers in messages:
            if len(sent) % 500 == 499:  # the browser also tries to set the kernel's traits,
                odd = [None, "yes", 1, [True], {"a": 1}][len(sent) // 500 % 5]  # and its own
                hostile = {"_busy": True, "_esm": "alert(1)", "_messages": [], "plan_first": odd}
                chat.set_state(hostile)  # ipywidgets raised TraitError for plan_first="yes"
            if len(sent) % 25 == 0:  # each post re-sends the whole chat log: keep it short
                chat._messages = []  # so that 10,000 messages fit in the suite's time
            before = state(chat)
            count = len(recorder.replies)
            said = len(chat._messages)
            chat._handle_custom_msg(content, buffers)
            assert chat._wait(60), "a request did not finish"
            sent.append(1)
            bugs = [m for m in chat._messages[said:] if m["text"].startswith("Internal error")]
            if bugs:  # a bug said in the chat, even when the request itself was answered
                problems.append(f"{bugs[0]['text'][:200]} for {repr(content)[:200]}")
            new = recorder.replies[count:]
            rid = content.get("id") if isinstance(content, dict) else None
            shown = repr(content)[:200]
            if len(new) != 1:
                problems.append(f"{len(new)} replies to {shown}")
                continue
            (reply,) = new
            if not isinstance(rid, str) or not rid:
                rid = None
            if reply["id"] not in (rid, None) or set(reply) not in (
                {"id", "ok", "result"},
                {"id", "ok", "kind", "error"},
            ):
                problems.append(f"malformed reply {reply!r} to {shown}")
            elif not reply["ok"]:
                if reply["kind"] not in ERROR_KINDS:
                    problems.append(f"internal error {reply['error'][:200]} for {shown}")
                if state(chat) != before:
                    problems.append(f"state changed by the refused {shown}")
            assert chat._busy is False
            problems.extend(recorder.unpackable)
            recorder.unpackable.clear()
            assert len(problems) < 5, problems

    fuzz()
    chat.close()
    assert problems == []
    assert len(sent) >= MESSAGES_PER_RUN
