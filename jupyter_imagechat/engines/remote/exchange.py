"""One request to an images server, built from a turn, and its reply read back.

:func:`build_request` turns the scene, picture, mask, seed and settings into an
:class:`ImagesRequest` for ``POST /images/generations`` (a new picture) or
``POST /images/edits`` (the picture as PNG, and for an edit inside a mask a same-size
mask PNG, transparent where to edit). :func:`read_reply` checks the reply (untrusted: any
field may be missing, wrong or huge) and returns the picture with the facts worth
recording.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import InputError
from ...openai_api import WireError, decode_picture, mask_to_png, size_text
from ...openai_api.wire import picture_to_png
from ..base import DrawnObject
from ..prompting import scene_to_prompt

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import SceneGraph
    from .dialects import Dialect

__all__ = ["ImagesRequest", "Reply", "build_request", "read_reply"]

MAX_REPLY_SIDE = 4096
"""A picture in a reply larger than this on a side is refused before it is decoded."""

MAX_REPORTED_OBJECTS = 500


@dataclass
class ImagesRequest:
    """What one turn asks the server for."""

    params: dict[str, Any]
    extra: dict[str, Any]
    image_png: bytes | None = None
    mask_png: bytes | None = None
    not_honoured: list[str] = field(default_factory=list)
    expected: tuple[int, int] | None = None
    """The size the picture must come back at (an edit's, or the size asked for)."""

    @property
    def path(self) -> str:
        """``"generations"`` or ``"edits"``."""
        return "generations" if self.image_png is None else "edits"

    def send(self, api: Any) -> Awaitable[Any]:
        """The coroutine that sends this request with an ``openai.AsyncOpenAI``."""
        extra = self.extra or None
        if self.image_png is None:
            return api.images.generate(**self.params, extra_body=extra)
        files = {"image": ("image.png", self.image_png, "image/png")}
        if self.mask_png is not None:
            files["mask"] = ("mask.png", self.mask_png, "image/png")
        return api.images.edit(**files, **self.params, extra_body=extra)

    def record(self) -> dict[str, Any]:
        """What was sent, for the turn's metadata: the fields, not the pictures or the plan
        (the turn holds those already)."""
        sent = {k: v for k, v in {**self.params, **self.extra}.items() if k != "scene_graph"}
        sent.pop("user", None)
        return {"path": f"/images/{self.path}", **sent, "scene_graph": "scene_graph" in self.extra}


@dataclass
class Reply:
    """A reply read: the picture and what the server said about it."""

    image: Image.Image
    objects: list[DrawnObject]
    facts: dict[str, Any]


def build_request(
    dialect: Dialect,
    model: str | None,
    scene: SceneGraph,
    *,
    image: Image.Image | None,
    mask: np.ndarray | None,
    seed: int,
    settings: dict[str, Any],
    user: str | None,
) -> ImagesRequest:
    """The request for one drawing (see the module docstring)."""
    prompt, negative = scene_to_prompt(scene)
    params, extra, left = dialect.fields(settings, seed, negative)
    params.update(prompt=prompt or "an empty picture", n=1)
    if model:
        params["model"] = model
    form = dialect.response_format(model)
    if form:
        params["response_format"] = form
    if user and dialect.sends_user:
        params["user"] = user
    expected = _asked_size(settings) if image is None else image.size
    if expected is not None and (image is None or dialect.exact_sizes):
        params["size"] = dialect.size(model, *expected)
    request = ImagesRequest(params, extra, not_honoured=left, expected=expected)
    if dialect.extra_fields:  # the plan, so the server can ground the picture in it
        plan = scene.to_dict()
        extra["scene_graph"] = plan if image is None else json.dumps(plan, separators=(",", ":"))
    if image is not None:
        request.image_png = picture_to_png(image)
        if mask is not None:
            request.mask_png = mask_to_png(mask)
    return request


def read_reply(reply: Any, request: ImagesRequest) -> Reply:
    """The picture in ``reply`` at the size asked for, and the facts to record.

    Raises
    ------
    WireError
        The reply holds no usable picture; the message says what it holds instead.
    """
    body = _as_dict(reply)
    data = body.get("data")
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        raise WireError("the reply has no picture in it (no 'data' list)")
    first = data[0]
    encoded = first.get("b64_json")
    if not isinstance(encoded, str) or not encoded:
        if isinstance(first.get("url"), str):
            raise WireError("the reply is a link to the picture, not the picture (b64_json)")
        raise WireError("the reply's first item holds no b64_json picture")
    picture = decode_picture(encoded, max_side=MAX_REPLY_SIDE, what="picture in the reply")
    facts: dict[str, Any] = {"returned_size": size_text(*picture.size)}
    resized = request.expected is not None and picture.size != request.expected
    if resized:
        from PIL import Image

        assert request.expected is not None
        picture = picture.resize(request.expected, Image.Resampling.LANCZOS)
        facts["resized_to"] = size_text(*picture.size)
    revised = first.get("revised_prompt")
    if isinstance(revised, str) and revised.strip():
        facts["revised_prompt"] = revised.strip()[:2000]
    server = body.get("jupyter_imagechat")
    objects: list[DrawnObject] = []
    if isinstance(server, dict):
        facts["server"] = _server_facts(server)
        if not resized:
            objects = _objects(server.get("objects"), picture.size)
    return Reply(picture, objects, facts)


def _as_dict(reply: Any) -> dict[str, Any]:
    if isinstance(reply, dict):
        return reply
    to_dict = getattr(reply, "to_dict", None)
    if callable(to_dict):
        body = to_dict()
        if isinstance(body, dict):
            return body
    if isinstance(reply, (str, bytes)):
        raise WireError("the reply is text, not JSON with a picture")
    raise WireError(f"the reply is a {type(reply).__name__}, not JSON with a picture")


def _asked_size(settings: dict[str, Any]) -> tuple[int, int] | None:
    asked = settings.get("width"), settings.get("height")
    if asked == (None, None):
        return None
    sides = []
    for key, value in zip(("width", "height"), asked, strict=True):
        value = asked[1] if value is None and key == "width" else value
        value = asked[0] if value is None else value
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise InputError(f"settings[{key!r}] must be a whole number of pixels, got {value!r}")
        if not 16 <= value <= MAX_REPLY_SIDE:
            raise InputError(f"settings[{key!r}] must be from 16 to {MAX_REPLY_SIDE}, got {value}")
        sides.append(int(value))
    return sides[0], sides[1]


def _server_facts(server: dict[str, Any]) -> dict[str, Any]:
    """The server's own report (this project's server sends one), small values only."""
    kept: dict[str, Any] = {}
    for key in ("engine", "model", "mode"):
        if isinstance(server.get(key), str):
            kept[key] = server[key][:200]
    if isinstance(server.get("seed"), int) and not isinstance(server["seed"], bool):
        kept["seed"] = server["seed"]
    honoured = server.get("honoured")
    if isinstance(honoured, list):
        kept["honoured"] = [h[:60] for h in honoured[:30] if isinstance(h, str)]
    return kept


def _objects(raw: Any, size: tuple[int, int]) -> list[DrawnObject]:
    """What the server says it drew where, checked against the picture's bounds."""
    if not isinstance(raw, list):
        return []
    width, height = size
    found = []
    for item in raw[:MAX_REPORTED_OBJECTS]:
        if not isinstance(item, dict):
            continue
        box = item.get("box")
        if not isinstance(box, list) or len(box) != 4:
            continue
        ok = (
            isinstance(item.get("entity"), str)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("index"), int)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in box)
        )
        if not ok:
            continue
        x0, y0, x1, y1 = (int(v) for v in box)
        if not (0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height):
            continue
        attributes = item.get("attributes")
        attrs = (
            {str(k)[:40]: str(v)[:80] for k, v in attributes.items()}
            if isinstance(attributes, dict)
            else {}
        )
        found.append(
            DrawnObject(
                item["entity"][:40], item["index"], item["name"][:80], (x0, y0, x1, y1), attrs
            )
        )
    return found
