"""Click to select: which drawn object is at a pixel, and its exact shape as a mask.

Engines report what they drew (:class:`~jupyter_imagechat.engines.base.DrawnObject`);
the built-in engine adds each instance's exact shape (``mask``). Objects are reported
back to front, so the last one under the pointer is the one the user sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..engines.base import DrawnObject
    from ..session import Turn

GROW = 2
"""Pixels a selected shape is widened by, so that its soft edge is inside the mask."""


def _covers(obj: DrawnObject, x: int, y: int) -> bool:
    x0, y0, x1, y1 = (int(v) for v in obj.box)
    if not (x0 <= x < x1 and y0 <= y < y1):
        return False
    shape = obj.mask
    if shape is None or shape.shape != (y1 - y0, x1 - x0):
        return True  # no shape known: the box is the shape
    return bool(shape[y - y0, x - x0])


def selection_at(turn: Turn | None, x: int, y: int) -> tuple[np.ndarray, str] | None:
    """Return the mask and entity id of the object at pixel ``(x, y)`` of ``turn``'s
    picture, or ``None`` when nothing drawn is there."""
    if turn is None or turn.image is None:
        return None
    hit = object_at(turn.objects, int(x), int(y))
    return None if hit is None else (object_mask(hit, turn.image.size), hit.entity)


def object_at(objects: Sequence[DrawnObject], x: int, y: int) -> DrawnObject | None:
    """Return the front-most object that covers pixel ``(x, y)``, or None."""
    for obj in reversed(objects):
        if _covers(obj, x, y):
            return obj
    return None


def object_mask(obj: DrawnObject, size: tuple[int, int], grow: int = GROW) -> np.ndarray:
    """Return ``obj``'s shape as a bool mask of the whole picture (``size`` is
    ``(width, height)``), widened by ``grow`` pixels; its box where no shape is known.
    The soft shadow the engine drew under it (``obj.shadow``) is part of the mask, so a
    masked "remove" restores the ground under it too."""
    width, height = size
    out = np.zeros((height, width), dtype=bool)
    x0, y0, x1, y1 = (int(v) for v in obj.box)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    if x1 <= x0 or y1 <= y0:
        return out
    shape = obj.mask
    if shape is None or shape.shape != (y1 - y0, x1 - x0):
        out[y0:y1, x0:x1] = True
    else:
        out[y0:y1, x0:x1] = shape
    shadow = getattr(obj, "shadow", None)
    if shadow is not None:
        (sx0, sy0, sx1, sy1), dark = shadow
        if dark.shape == (sy1 - sy0, sx1 - sx0) and sx1 <= width and sy1 <= height:
            out[sy0:sy1, sx0:sx1] |= dark
    if grow > 0:
        from PIL import Image, ImageFilter

        im = Image.fromarray(out.astype(np.uint8) * 255, "L")
        out = np.asarray(im.filter(ImageFilter.MaxFilter(2 * grow + 1))) > 0
    return out
