"""An images request checked against the server's limits: an :class:`ImageJob`.

The fields are OpenAI's (``prompt``, ``model``, ``n``, ``size``, ``response_format``,
``user``; ``image`` and ``mask`` files for edits) plus the extra fields vLLM-Omni reads
(``seed``, ``num_inference_steps``, ``guidance_scale``, ``negative_prompt``, ``strength``)
and this project's ``scene_graph``. Fields a form sends as text are read as numbers where
numbers are meant. Fields this server does not use (``quality``, ``style``...) are
ignored, as OpenAI-compatible servers do.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from ..openai_api import WireError, parse_size
from ..openai_api.wire import peek_size
from .forms import BadRequest
from .options import Limits

__all__ = ["ImageJob", "read_job"]

EXTRA_SETTINGS = {
    "num_inference_steps": "steps",
    "guidance_scale": "guidance_scale",
    "negative_prompt": "negative_prompt",
    "strength": "strength",
}
"""An extra field (vLLM-Omni's name) -> the turn setting it becomes."""


@dataclass(frozen=True)
class ImageJob:
    """One checked request: what the painter draws. Plain data, sent between processes."""

    path: str
    prompt: str
    model: str | None = None
    size: tuple[int, int] | None = None
    seed: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    scene_graph: dict[str, Any] | None = None
    image: bytes | None = field(default=None, repr=False)
    mask: bytes | None = field(default=None, repr=False)
    user: str | None = None


def read_job(path: str, fields: dict[str, Any], limits: Limits) -> ImageJob:
    """Check ``fields`` of a request to ``/v1/images/<path>`` against ``limits``.

    Raises
    ------
    BadRequest
        Naming the field and the limit.
    """
    prompt = _text(fields, "prompt", limits.max_prompt_chars, required=True)
    assert prompt is not None
    if fields.get("n") not in (None, 1, "1"):
        raise BadRequest("n must be 1: one picture per request")
    form = fields.get("response_format")
    if form not in (None, "b64_json"):
        raise BadRequest("this server answers with response_format b64_json only, not links")
    size = _size(fields.get("size"), limits)
    settings: dict[str, Any] = {}
    steps = _integer(fields, "num_inference_steps", 1, limits.max_steps)
    guidance = _number(fields, "guidance_scale", 0.0, 50.0)
    strength = _number(fields, "strength", 0.01, 1.0)
    negative = _text(fields, "negative_prompt", limits.max_prompt_chars)
    for name, value in zip(EXTRA_SETTINGS, (steps, guidance, negative, strength), strict=True):
        if value is not None:
            settings[EXTRA_SETTINGS[name]] = value
    job = ImageJob(
        path=path,
        prompt=prompt,
        model=_text(fields, "model", 200),
        size=size,
        seed=_integer(fields, "seed", 0, 2**32 - 1),
        settings=settings,
        scene_graph=_plan(fields.get("scene_graph"), limits),
        user=_text(fields, "user", 200),
    )
    if path == "generations":
        if "image" in fields or "mask" in fields:
            raise BadRequest("send pictures to /v1/images/edits, not /v1/images/generations")
        return job
    image, mask = fields.get("image"), fields.get("mask")
    if not isinstance(image, bytes) or not image:
        raise BadRequest("an edit needs the picture as a file field named 'image'")
    try:
        width, height = peek_size(image, max_side=limits.max_side, what="image")
        if mask is not None:
            if not isinstance(mask, bytes):
                raise BadRequest("the mask must be a file field named 'mask'")
            if peek_size(mask, max_side=limits.max_side, what="mask") != (width, height):
                raise BadRequest("the mask must be the same size as the image")
    except WireError as exc:
        raise BadRequest(str(exc)) from None
    if min(width, height) < limits.min_side:
        raise BadRequest(f"the image is {width}x{height}; each side must be {limits.min_side}+")
    return ImageJob(**{**job.__dict__, "image": image, "mask": mask, "size": (width, height)})


def _text(fields: dict[str, Any], name: str, limit: int, *, required: bool = False) -> str | None:
    value = fields.get(name)
    if value is None:
        if required:
            raise BadRequest(f"{name} is required")
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{name} must be text")
    text = value.strip()
    if required and not text:
        raise BadRequest(f"{name} must not be empty")
    if len(text) > limit:
        raise BadRequest(f"{name} is {len(text):,} characters long; the limit is {limit:,}")
    return text or None


def _integer(fields: dict[str, Any], name: str, low: int, high: int) -> int | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return value


def _number(fields: dict[str, Any], name: str, low: float, high: float) -> float | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise BadRequest(f"{name} must be a number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"{name} must be a number")
    if not math.isfinite(value) or not low <= value <= high:
        raise BadRequest(f"{name} must be from {low} to {high}")
    return float(value)


def _size(value: Any, limits: Limits) -> tuple[int, int] | None:
    if value is None or value == "auto":
        return None
    try:
        width, height = parse_size(value)
    except WireError as exc:
        raise BadRequest(str(exc)) from None
    low, high = limits.min_side, limits.max_side
    if not (low <= width <= high and low <= height <= high):
        raise BadRequest(
            f"size {width}x{height} is out of bounds: each side must be from {low} to {high}"
        )
    return width, height


def _plan(value: Any, limits: Limits) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if len(value.encode("utf-8")) > limits.max_plan_bytes:
            raise BadRequest(f"scene_graph is over {limits.max_plan_bytes // 1024} KiB")
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise BadRequest(f"scene_graph is not valid JSON ({exc.msg})") from None
    elif len(json.dumps(value, default=str)) > limits.max_plan_bytes:
        raise BadRequest(f"scene_graph is over {limits.max_plan_bytes // 1024} KiB")
    if not isinstance(value, dict):
        raise BadRequest("scene_graph must be a JSON object (the plan)")
    return value
