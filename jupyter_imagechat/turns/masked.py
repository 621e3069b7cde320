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
    from ..session import Turn

__all__ = ["COVERED", "masked_instances"]

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
