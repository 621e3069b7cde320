"""Outpainting: the picture on a bigger canvas, and the plan moved onto it.

:func:`extend_canvas` places the current picture on a larger canvas (the new border
starts as a copy of the nearest edge pixels, a good start for a diffusion model)
and returns the mask of the new area. The engine then inpaints that mask, so every
old pixel stays exactly as it was:

- the diffusers engine inpaints the border (``strength`` 1.0 unless the turn's
  settings say otherwise), prompted by the plan;
- the built-in engine draws the plan at the new size and keeps the old pixels.

The plan's boxes move with the picture (:func:`shift_scene`); things a prompt adds go
into the largest new strip (:func:`new_region`). The turn pipeline uses these for
outpainting requests and for replaying them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError
from ..scene import Box, SceneGraph

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["MAX_SIDE", "SIDES", "check_margins", "extend_canvas", "new_region", "shift_scene"]

SIDES: tuple[str, ...] = ("left", "right", "top", "bottom")
"""The sides a picture can be extended on."""

MAX_SIDE = 2048
"""Longest side the extended picture may have, in pixels."""


def check_margins(image: Image.Image, margins: Mapping[str, Any]) -> dict[str, int]:
    """Return the margins (pixels to add on each of :data:`SIDES`; a side not named adds
    none) as ints, or raise :class:`InputError` naming the bad one."""
    unknown = sorted(set(margins) - set(SIDES))
    if unknown:
        raise InputError(f"a picture extends on {', '.join(SIDES)}, not {', '.join(unknown)}")
    sides = {side: margins.get(side, 0) for side in SIDES}
    for side, value in sides.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise InputError(f"`{side}` must be a whole number of pixels >= 0, got {value!r}")
    if not any(sides.values()):
        raise InputError("say how far to extend the picture, e.g. outpaint(right=128)")
    width = image.width + sides["left"] + sides["right"]
    height = image.height + sides["top"] + sides["bottom"]
    if max(width, height) > MAX_SIDE:
        raise InputError(
            f"the extended picture would be {width}x{height}; the limit is {MAX_SIDE} pixels a side"
        )
    return {k: int(v) for k, v in sides.items()}


def extend_canvas(
    image: Image.Image, left: int = 0, right: int = 0, top: int = 0, bottom: int = 0
) -> tuple[Image.Image, np.ndarray]:
    """Return ``(bigger_picture, mask)``: the picture with new borders and their mask.

    The new borders repeat the nearest edge pixels; the mask is True on them only.
    """
    from PIL import Image

    pixels = np.asarray(image.convert("RGB"))
    padded = np.pad(pixels, ((top, bottom), (left, right), (0, 0)), mode="edge")
    mask = np.ones(padded.shape[:2], dtype=bool)
    mask[top : top + pixels.shape[0], left : left + pixels.shape[1]] = False
    return Image.fromarray(padded, "RGB"), mask


def shift_scene(scene: SceneGraph, size: tuple[int, int], margins: dict[str, int]) -> SceneGraph:
    """Return ``scene`` with its layout boxes moved onto the extended canvas."""
    width, height = size
    new_w = width + margins["left"] + margins["right"]
    new_h = height + margins["top"] + margins["bottom"]
    out = scene.copy()

    def x(v: float) -> float:
        return (v * width + margins["left"]) / new_w

    def y(v: float) -> float:
        return (v * height + margins["top"]) / new_h

    out.layout = [
        Box(b.entity, b.index, (x(b.box[0]), y(b.box[1]), x(b.box[2]), y(b.box[3])))
        for b in scene.layout
    ]
    return out


def new_region(size: tuple[int, int], margins: dict[str, int]) -> tuple[float, float, float, float]:
    """Return the largest new strip, normalised ``(x0, y0, x1, y1)``: where new things go."""
    width, height = size
    new_w = width + margins["left"] + margins["right"]
    new_h = height + margins["top"] + margins["bottom"]
    strips = {
        "left": (margins["left"] * new_h, (0.0, 0.0, margins["left"] / new_w, 1.0)),
        "right": (margins["right"] * new_h, ((new_w - margins["right"]) / new_w, 0.0, 1.0, 1.0)),
        "top": (margins["top"] * new_w, (0.0, 0.0, 1.0, margins["top"] / new_h)),
        "bottom": (margins["bottom"] * new_w, (0.0, (new_h - margins["bottom"]) / new_h, 1.0, 1.0)),
    }
    return max(strips.values(), key=lambda item: item[0])[1]
