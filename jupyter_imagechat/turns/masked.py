"""Which drawn things a mask covers: "make the apple yellow" with a mask over one apple.

The head turn knows where it drew each instance (:class:`~jupyter_imagechat.engines.base.
DrawnObject`: its box and, for the built-in engine, its exact shape); engines that report
nothing leave the plan's layout boxes. An instance counts as masked when the mask covers at
least :data:`COVERED` of it. The planner gets the list (``read(..., masked=...)``) so that
an edit of that thing changes only those instances, which become a thing of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ..engines.base import Result
    from ..session import Turn
    from .request import Planned

__all__ = ["COVERED", "drawn_over_outside_picture", "masked_instances"]

COVERED = 0.4
"""Share of an instance's pixels a mask must cover for the instance to count as masked."""


def masked_instances(head: Turn | None, mask: np.ndarray | None) -> list[tuple[str, int]] | None:
    """The ``(entity id, instance index)`` pairs ``mask`` covers in ``head``'s picture, or
    ``None`` without a mask (an empty list: a mask over none of the things drawn)."""
    if mask is None:
        return None
    if head is None or head.image is None:
        return []
    width, height = head.image.size
    if mask.shape != (height, width):
        return []
    found: list[tuple[str, int]] = []
    objects = list(head.objects)
    if objects:
        for obj in objects:
            if _share(mask, obj.box, obj.mask) >= COVERED:
                found.append((obj.entity, obj.index))
    elif head.scene is not None:
        for box in head.scene.layout:
            x0, y0, x1, y1 = box.box
            pixels = (round(x0 * width), round(y0 * height), round(x1 * width), round(y1 * height))
            if _share(mask, pixels, None) >= COVERED:
                found.append((box.entity, box.index))
    return list(dict.fromkeys(found))


def _share(mask: np.ndarray, box: tuple[int, int, int, int], shape: np.ndarray | None) -> float:
    """The share of the instance in pixel ``box`` (its ``shape`` there, if known) that
    ``mask`` covers."""
    height, width = mask.shape
    x0, y0, x1, y1 = (int(v) for v in box)
    cx0, cy0, cx1, cy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    if cx1 <= cx0 or cy1 <= cy0:
        return 0.0
    part = mask[cy0:cy1, cx0:cx1]
    if shape is not None and shape.shape == (y1 - y0, x1 - x0):
        inside = shape[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
        total = int(inside.sum())
        return float(np.logical_and(part, inside).sum()) / total if total else 0.0
    return float(part.mean())


def drawn_over_outside_picture(planned: Planned, result: Result) -> Result:
    """``result`` with the picture from outside kept under what the engine did not draw.

    A picture loaded without a plan (a matplotlib chart, a photo) has no background the
    engine drew: painting a thing into a mask over it, an engine that paints the whole
    masked area (the built-in engine paints its sky there) would leave a patch round the
    thing. Where the engine reports the exact shape of everything it drew, only those
    shapes and their shadows replace the picture inside the mask: a star added to a chart
    lands on the chart. Engines that report no shapes (diffusion models blend on their own)
    and pictures drawn from a plan are left as they are.
    """
    from dataclasses import replace

    from PIL import Image

    mask, source = planned.mask, planned.image
    if planned.mode != "inpaint" or planned.scene_before is not None:
        return result
    if mask is None or source is None or source.size != result.image.size:
        return result
    if not result.objects or any(obj.mask is None for obj in result.objects):
        return result
    drawn = np.zeros(mask.shape, dtype=bool)
    for obj in result.objects:
        _paint(drawn, obj.box, obj.mask)
        if obj.shadow is not None:
            _paint(drawn, *obj.shadow)
    keep = np.logical_and(mask, ~drawn)
    pixels = np.array(result.image.convert("RGB"))
    pixels[keep] = np.asarray(source.convert("RGB"))[keep]
    return replace(result, image=Image.fromarray(pixels))


def _paint(canvas: np.ndarray, box: tuple[int, int, int, int], shape: np.ndarray | None) -> None:
    """Set ``canvas`` where ``shape`` (the size of pixel ``box``) is, clipped to the canvas."""
    height, width = canvas.shape
    x0, y0, x1, y1 = (int(v) for v in box)
    cx0, cy0, cx1, cy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    if cx1 <= cx0 or cy1 <= cy0 or shape is None or shape.shape != (y1 - y0, x1 - x0):
        return
    canvas[cy0:cy1, cx0:cx1] |= shape[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0].astype(bool)
