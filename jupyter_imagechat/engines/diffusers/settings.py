"""Validate and complete the settings of one diffusers run (sizes, steps, strength...).

Every check happens before the pipeline runs, and each error names the setting and
shows the value, as diffusers' own ``check_inputs`` does.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import InputError

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["check_mask", "number", "positive_int", "schedule", "sizes"]


def positive_int(settings: dict[str, Any], key: str) -> int | None:
    """Return ``settings[key]`` as a positive int, ``None`` if absent."""
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InputError(f"`{key}` must be a positive integer, got {value!r}")
    return int(value)


def number(settings: dict[str, Any], key: str, low: float, high: float) -> float | None:
    """Return ``settings[key]`` as a float in ``[low, high]``, ``None`` if absent."""
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise InputError(f"`{key}` must be a number, got {value!r}")
    if not low <= float(value) <= high:
        raise InputError(f"`{key}` must be between {low} and {high}, got {value!r}")
    return float(value)


def check_mask(mask: np.ndarray | None, source: Image.Image | None) -> np.ndarray | None:
    """Return ``mask`` as a bool array of ``source``'s size, or raise :class:`InputError`."""
    if mask is None:
        return None
    if source is None:
        raise InputError("a mask needs the picture it belongs to: pass image= too")
    mask = np.asarray(mask)
    if mask.ndim != 2:
        raise InputError(f"mask must be a (height, width) array, got shape {mask.shape}")
    if mask.shape != (source.height, source.width):
        raise InputError(
            f"mask is {mask.shape[1]}x{mask.shape[0]} but the image is "
            f"{source.width}x{source.height}: they must be the same size"
        )
    keep = mask.astype(bool)
    if not keep.any():
        raise InputError("the mask is empty: paint the area to change")
    return keep


def sizes(
    mode: str, source: Image.Image | None, settings: dict[str, Any], default: int
) -> tuple[int, int, tuple[int, int]]:
    """Return ``(width, height, work_size)``: output size and the size the pipeline runs at.

    ``default`` is the model's native side in pixels, used for new pictures.
    """
    width, height = positive_int(settings, "width"), positive_int(settings, "height")
    if source is None:
        width, height = width or default, height or default
    elif mode == "inpaint" and (width, height) not in {(None, None), source.size}:
        raise InputError(
            f"an edit keeps the picture's size: the image is {source.width}x"
            f"{source.height} but width and height ask for {width}x{height}"
        )
    elif width is None and height is None:
        # the picture's own size: run at the nearest multiple of 8 below it, resize back
        w, h = source.size
        return w, h, (max(8, w - w % 8), max(8, h - h % 8))
    else:
        width, height = width or source.width, height or source.height
    if width % 8 or height % 8:
        raise InputError(
            f"`height` and `width` have to be divisible by 8 but are {height} and {width}."
        )
    return width, height, (width, height)


def schedule(
    mode: str, settings: dict[str, Any], turbo: bool, strength_key: str = "strength"
) -> tuple[int, float, float]:
    """Return ``(steps, guidance_scale, strength)`` from settings and model defaults.

    ``strength_key`` names the setting that holds the strength (``"sketch_strength"``
    for a layout sketch run); ``mode`` is the pipeline's mode.
    """
    strength = number(settings, strength_key, 0.0, 1.0)
    if strength is None:
        strength = 0.85 if strength_key == "sketch_strength" else 0.75
    if mode != "text2img" and strength <= 0:
        raise InputError(f"`{strength_key}` must be above 0 to change the picture, got 0")
    steps = positive_int(settings, "steps")
    if steps is None:
        steps = 1 if turbo else 25
        if mode != "text2img" and turbo:
            steps = max(1, math.ceil(1 / strength))
            while int(steps * strength) < 1:
                steps += 1
    elif mode != "text2img" and int(steps * strength) < 1:
        raise InputError(
            f"`steps` * `{strength_key}` must be at least 1 but is {steps} * {strength}: "
            f"use steps={math.ceil(1 / strength)} or more"
        )
    guidance = number(settings, "guidance_scale", 0.0, 100.0)
    if guidance is None:
        guidance = 0.0 if turbo else 7.5
    return steps, guidance, strength
