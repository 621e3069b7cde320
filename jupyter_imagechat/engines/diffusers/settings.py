"""Validate and complete the settings of one diffusers run (sizes, steps, strength...).

Every check happens before the pipeline runs, and each error names the setting and
shows the value, as diffusers' own ``check_inputs`` does.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import InputError
from .families import distilled_steps

if TYPE_CHECKING:
    from PIL import Image

    from .families import Profile

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
    mode: str,
    source: Image.Image | None,
    settings: dict[str, Any],
    default: int,
    multiple: int = 8,
) -> tuple[int, int, tuple[int, int]]:
    """Return ``(width, height, work_size)``: output size and the size the pipeline runs at.

    ``default`` is the model's native side in pixels, used for new pictures;
    ``multiple`` what both sides must be divisible by (8 for UNet models, 16 for SD3
    and FLUX). A picture to edit that is not runs at the nearest smaller size that is.
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
        return w, h, (max(multiple, w - w % multiple), max(multiple, h - h % multiple))
    else:
        width, height = width or source.width, height or source.height
    if width % multiple or height % multiple:
        raise InputError(
            f"`height` and `width` have to be divisible by {multiple} but are {height} and {width}."
        )
    return width, height, (width, height)


def schedule(
    mode: str, settings: dict[str, Any], profile: Profile, strength: float | None = None
) -> tuple[int, float, float]:
    """Return ``(steps, guidance_scale, strength)`` from settings and the model's defaults.

    ``mode`` is the pipeline's mode; ``strength`` replaces the ``strength`` setting (a
    layout sketch's run passes its ``sketch_strength``). Defaults come from the model's
    :class:`~.families.Profile`: its family's steps and guidance, and for a distilled
    model the fewest steps that leave its step count after ``strength``.
    """
    key = "strength" if strength is None else "sketch_strength"
    if strength is None:
        strength = number(settings, "strength", 0.0, 1.0)
        strength = 0.75 if strength is None else strength
    if mode != "text2img" and strength <= 0:
        raise InputError(f"`{key}` must be above 0 to change the picture, got 0")
    steps = positive_int(settings, "steps")
    if steps is None:
        steps = profile.steps
        if mode != "text2img":
            steps = distilled_steps(profile, strength) if profile.distilled else steps
    elif mode != "text2img" and int(steps * strength) < 1:
        raise InputError(
            f"`steps` * `{key}` must be at least 1 but is {steps} * {strength}: "
            f"use steps={math.ceil(1 / strength)} or more"
        )
    guidance = number(settings, "guidance_scale", 0.0, 100.0)
    if guidance is None:
        guidance = profile.guidance
    return steps, guidance, strength
