"""Messages between the browser and the kernel: requests, replies and trait encodings.

The browser never sets widget traits; it sends requests as custom messages::

    model.send({id, kind, ...}, undefined, buffers)

========== ============================ ===========================================
kind       content                      buffers
========== ============================ ===========================================
send       ``prompt``: str              none
mask       ``width``, ``height``: int   one: ``width * height`` bytes, nonzero = masked
           ``encoding`` (optional):     or ``"bits"`` / ``"rle"`` (see :mod:`.maskcodec`)
clear_mask                              none
cancel                                  none
load_image ``name``: str (optional)     one: the bytes of an image file (PNG, JPEG...)
plan       ``prompt``: str              none (plan and lay out, draw nothing: ``_plan``)
generate   ``plan``: scene graph object none (draw the edited plan; validated by the kernel)
fix                                     none (redraw what the checker found wrong)
plan_first ``value``: bool              none (whether chat prompts stop at the plan)
checkout   ``turn``: str (a turn id)    none (reopen that turn; the next prompt branches)
turn_code  ``turn``: str (a turn id)    none (reply ``{code}``: a script that redoes it)
select     ``x``, ``y``: int (pixels)   none (mask := the shape of the object clicked)
outpaint   ``left``, ``right``, ``top``, none (extend the picture by that many pixels
           ``bottom``: int (optional,   a side; ``prompt`` says what goes in the new
           default 0), ``prompt``: str  area; see :mod:`.outpainting`)
           (optional)
answer     ``choice``: ``"edit"`` or    none (answers "change this picture or a new
           ``"new"``                    one?": the prompt asked about is drawn so)
========== ============================ ===========================================

Every request gets exactly one reply with the same ``id``: ``{id, ok: true,
result}`` or ``{id, ok: false, error, kind}`` where ``kind`` is ``"input"``,
``"engine"``, ``"busy"``, ``"cancelled"`` or ``"error"`` (a bug; see the log).

Everything that arrives from the browser is untrusted: :func:`parse_request`
checks it all (a ``generate`` request's plan in full, as a scene graph) and raises
:class:`~jupyter_imagechat.errors.InputError` with a message that says what was wrong;
its texts are made valid (half an emoji becomes U+FFFD, see
:mod:`jupyter_imagechat.scene.text`). The browser sets no trait: an update of one from
the browser is dropped (:func:`browser_state`), except :data:`BROWSER_TRAITS`.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError
from ..scene import SceneGraph
from ..scene.limits import check_fields
from ..scene.text import clean_data, clean_text
from ..turns.outpaint import MAX_SIDE, SIDES  # the longest side of an extended picture
from ..turns.planflow import validate_plan
from .maskcodec import decode_mask

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "BROWSER_TRAITS",
    "KINDS",
    "MAX_IMAGE_BYTES",
    "Request",
    "browser_state",
    "bytes_from_json",
    "encode_image",
    "encode_mask",
    "error_reply",
    "ok_reply",
    "parse_request",
    "request_id",
]

KINDS: tuple[str, ...] = (
    "send", "mask", "clear_mask", "cancel", "load_image", "plan", "generate", "fix", "plan_first",
    "checkout", "turn_code", "select", "outpaint", "answer",
)  # fmt: skip
"""Request kinds the kernel understands."""

MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Largest image file accepted from the browser (8 MiB).

Jupyter's websocket closes the connection on messages over 10 MiB (tornado's
default), so the browser checks this limit before sending, too."""

_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}\Z")
_FIELDS: dict[str, frozenset[str]] = {
    "send": frozenset({"prompt"}),
    "mask": frozenset({"width", "height", "encoding"}),
    "clear_mask": frozenset(),
    "cancel": frozenset(),
    "load_image": frozenset({"name"}),
    "plan": frozenset({"prompt"}),
    "generate": frozenset({"plan"}),
    "fix": frozenset(),
    "plan_first": frozenset({"value"}),
    "checkout": frozenset({"turn"}),
    "turn_code": frozenset({"turn"}),
    "select": frozenset({"x", "y"}),
    "outpaint": frozenset({"left", "right", "top", "bottom", "prompt"}),
    "answer": frozenset({"choice"}),
}
ANSWERS = ("edit", "new")
"""The choices of an ``answer`` request: change the picture shown, or draw a new one."""

BROWSER_TRAITS = frozenset({"plan_first"})
"""The only synced traits the browser may set; the kernel sets all the others (the
picture, the chat log, ``_busy``, the bundle...) and ignores the browser's updates."""

log = logging.getLogger(__name__)

_TURN_ID = re.compile(r"^t[1-9][0-9]{0,8}\Z")
_BUFFERS: dict[str, int] = {"mask": 1, "load_image": 1}


@dataclass(frozen=True)
class Request:
    """A checked request from the browser.

    Attributes
    ----------
    id : str
        Chosen by the browser; echoed in the reply.
    kind : str
        One of :data:`KINDS`.
    prompt : str or None
        For ``send``. Its length and meaning are checked by the conversation.
    mask : numpy.ndarray or None
        For ``mask``: a bool array of shape ``(height, width)``.
    data : bytes or None
        For ``load_image``: the file's bytes (not yet decoded).
    name : str or None
        For ``load_image``: the file's name, if the browser gave one.
    """

    id: str
    kind: str
    prompt: str | None = None
    mask: np.ndarray | None = None
    data: bytes | None = None
    name: str | None = None
    plan: SceneGraph | None = None  # for generate: validated
    value: bool | None = None
    turn: str | None = None  # for checkout and turn_code: a turn id such as "t3"
    point: tuple[int, int] | None = None  # for select: the pixel (x, y) clicked
    margins: dict[str, int] | None = None  # for outpaint: pixels to add on each side
    choice: str | None = None  # for answer: "edit" or "new"


def encode_image(image: Image.Image | None) -> bytes:
    """Return ``image`` as PNG bytes for the ``_image`` trait (``b""`` for none)."""
    if image is None:
        return b""
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def encode_mask(mask: np.ndarray | None) -> bytes:
    """Return a bool mask bit-packed for the ``_mask`` trait (``b""`` for ``None``).

    Row-major, 8 pixels a byte, the first pixel in the high bit: ``ceil(h * w / 8)``
    bytes (512 KiB at 2048x2048 instead of 4 MiB), the ``"bits"`` encoding of a
    ``mask`` request, so the browser can send back what it received.
    """
    return b"" if mask is None else np.packbits(np.asarray(mask, dtype=bool).ravel()).tobytes()


def bytes_from_json(value: Any, _widget: Any) -> bytes:
    """Deserialise a Bytes trait: the browser's bytes arrive as memoryview."""
    return b"" if value is None else bytes(value)


def browser_state(state: Any) -> dict[str, Any]:
    """The part of a state update from the browser the kernel takes: only
    :data:`BROWSER_TRAITS` (the rest is the kernel's to set, and is logged and dropped)."""
    if not isinstance(state, dict):
        return {}
    dropped = sorted(str(k)[:40] for k in state if k not in BROWSER_TRAITS)
    if dropped:
        log.warning("ignored the browser's update of kernel-owned trait(s): %s", dropped)
    taken = {k: v for k, v in state.items() if k in BROWSER_TRAITS}
    wrong = sorted(k for k, v in taken.items() if not isinstance(v, bool))  # all are switches
    if wrong:  # traitlets would raise inside the comm's handler
        log.warning("ignored the browser's update of %s: not true or false", wrong)
    return {k: v for k, v in taken.items() if k not in wrong}


def request_id(content: Any) -> str | None:
    """Return the request's id if it is a valid one, else ``None`` (for error replies)."""
    if isinstance(content, dict):
        rid = content.get("id")
        if isinstance(rid, str) and _ID_PATTERN.match(rid):
            return rid
    return None


def parse_request(
    content: Any, buffers: list[Any] | None, *, image_size: tuple[int, int] | None
) -> Request:
    """Check a custom message from the browser and return it as a :class:`Request`.

    Parameters
    ----------
    content : Any
        The message content (should be a dict).
    buffers : list of bytes-like or None
        The binary buffers that came with it.
    image_size : tuple of int or None
        ``(width, height)`` of the current picture, or ``None`` if there is none;
        a mask must match it.

    Raises
    ------
    InputError
        For anything malformed; the message says what and what was expected.
    """
    if not isinstance(content, dict):
        raise InputError(f"a request must be a JSON object, got {type(content).__name__}")
    rid = content.get("id")
    if rid is None:
        raise InputError("the request has no 'id'; every request needs a short string id")
    if request_id(content) is None:
        raise InputError(
            f"the request id must be 1 to 64 letters, digits or '_.:-', got {_short(rid)}"
        )
    kind = content.get("kind")
    if kind not in KINDS:
        raise InputError(
            f"unknown request kind {_short(kind)}; expected one of: {', '.join(KINDS)}"
        )
    extra = set(content) - {"id", "kind"} - _FIELDS[kind]
    if extra:
        raise InputError(f"unexpected field(s) in a {kind!r} request: {', '.join(sorted(extra))}")
    bufs = list(buffers or [])
    expected = _BUFFERS.get(kind, 0)
    if len(bufs) != expected:
        raise InputError(f"a {kind!r} request carries {expected} binary buffer(s), got {len(bufs)}")

    if kind == "generate":  # the whole scene graph, checked here
        plan = content.get("plan")
        if not isinstance(plan, dict):
            raise InputError(f"'plan' must be a scene graph object, got {_short(plan)}")
        try:
            plan = clean_data(plan)
            check_fields(plan)  # a field a plan does not have is refused, not dropped
        except ValueError as exc:
            raise InputError(f"the plan is not valid: {exc}") from None
        return Request(rid, kind, plan=validate_plan(plan))
    if kind == "answer":
        choice = content.get("choice")
        if choice not in ANSWERS:
            raise InputError(f"'choice' must be 'edit' or 'new', got {_short(choice)}")
        return Request(rid, kind, choice=choice)
    if kind == "plan_first":
        value = content.get("value")
        if not isinstance(value, bool):
            raise InputError(f"'value' must be true or false, got {_short(value)}")
        return Request(rid, kind, value=value)
    if kind in ("checkout", "turn_code"):
        turn = content.get("turn")
        if not isinstance(turn, str) or not _TURN_ID.match(turn):
            raise InputError(f"'turn' must be a turn id such as 't3', got {_short(turn)}")
        return Request(rid, kind, turn=turn)
    if kind in ("send", "plan"):
        return Request(rid, kind, prompt=_text(content.get("prompt"), "prompt"))
    if kind == "mask":
        return Request(rid, kind, mask=_parse_mask(content, bufs[0], image_size))
    if kind == "select":
        return Request(rid, kind, point=_parse_point(content, image_size))
    if kind == "outpaint":
        prompt = content.get("prompt")
        prompt = None if prompt is None else _text(prompt, "prompt")
        return Request(rid, kind, prompt=prompt, margins=_parse_margins(content, image_size))
    if kind == "load_image":
        data = _as_bytes(bufs[0])
        if not data:
            raise InputError("the dropped file is empty; drop a PNG or JPEG image")
        if len(data) > MAX_IMAGE_BYTES:
            raise InputError(
                f"the image file is {len(data) / 2**20:.1f} MiB; "
                f"the limit is {MAX_IMAGE_BYTES // 2**20} MiB"
            )
        name = content.get("name")
        if name is not None and (not isinstance(name, str) or len(name) > 255):
            raise InputError(
                f"'name' must be a file name of at most 255 characters, got {_short(name)}"
            )
        return Request(rid, kind, data=data, name=None if name is None else clean_text(name))
    return Request(rid, kind)


def ok_reply(rid: str | None, result: Any = None) -> dict[str, Any]:
    """Return the reply to a request that succeeded."""
    return {"id": rid, "ok": True, "result": result}


def error_reply(rid: str | None, exc: BaseException) -> dict[str, Any]:
    """Return the reply to a request that failed with ``exc``.

    Errors raised on purpose (they have a ``kind``) keep their message; anything
    else is a bug and is reported as kind ``"error"``.
    """
    kind = getattr(exc, "kind", None)
    if not isinstance(kind, str):
        return {"id": rid, "ok": False, "kind": "error", "error": f"internal error: {exc!r}"}
    return {"id": rid, "ok": False, "kind": kind, "error": str(exc)}


def _text(value: Any, name: str) -> str:
    """A text field, made valid (see :mod:`jupyter_imagechat.scene.text`)."""
    if not isinstance(value, str):
        raise InputError(f"'{name}' must be text, got {type(value).__name__}")
    # its length is the conversation's to check: it shows a long prompt shortened, then
    # says it is too long
    return clean_text(value)


def _mask_side(content: dict[str, Any], name: str) -> int:
    value = content.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InputError(f"mask {name} must be a positive integer, got {_short(value)}")
    return value


def _parse_mask(
    content: dict[str, Any], buffer: Any, image_size: tuple[int, int] | None
) -> np.ndarray:
    width, height = _mask_side(content, "width"), _mask_side(content, "height")
    if image_size is None:
        raise InputError("there is no picture to mask yet; send a prompt or load an image first")
    if (width, height) != tuple(image_size):
        raise InputError(
            f"the mask is {width}x{height} but the picture is {image_size[0]}x{image_size[1]}; "
            "paint the mask on the current picture"
        )
    encoding = content.get("encoding", "bytes")  # compact forms: see maskcodec.py
    return decode_mask(_as_bytes(buffer), width, height, encoding)


def _parse_point(content: dict[str, Any], image_size: tuple[int, int] | None) -> tuple[int, int]:
    if image_size is None:
        raise InputError("there is no picture yet to select in; send a prompt first")
    width, height = image_size
    point = []
    for key, limit in (("x", width), ("y", height)):
        value = content.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"'{key}' must be a whole number of pixels, got {_short(value)}")
        if not 0 <= value < limit:
            raise InputError(
                f"'{key}' = {value} is outside the {width}x{height} picture (0 to {limit - 1})"
            )
        point.append(value)
    return point[0], point[1]


def _parse_margins(content: dict[str, Any], image_size: tuple[int, int] | None) -> dict[str, int]:
    margins = {}
    for side in SIDES:
        value = content.get(side, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"'{side}' must be a whole number of pixels, got {_short(value)}")
        if not 0 <= value <= MAX_SIDE:
            raise InputError(f"'{side}' = {value} must be between 0 and {MAX_SIDE} pixels")
        margins[side] = value
    if not any(margins.values()):
        raise InputError("say how far to extend the picture: a number of pixels on some side")
    if image_size is None:
        raise InputError("there is no picture to extend yet; send a prompt or load an image first")
    width = image_size[0] + margins["left"] + margins["right"]
    height = image_size[1] + margins["top"] + margins["bottom"]
    if max(width, height) > MAX_SIDE:
        raise InputError(
            f"the extended picture would be {width}x{height}; the limit is {MAX_SIDE} pixels a side"
        )
    return margins


def _as_bytes(buffer: Any) -> bytes:
    if isinstance(buffer, bytes):
        return buffer
    if isinstance(buffer, (bytearray, memoryview)):
        return bytes(buffer)
    raise InputError(f"binary buffers must be bytes, got {type(buffer).__name__}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
