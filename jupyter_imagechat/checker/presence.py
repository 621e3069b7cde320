"""Is a reported instance really in the picture? Its edge, read from the pixels.

An engine that reports where it drew each thing (the built-in engine: a box and the exact
shape) could report a thing the picture does not show: painted over, never drawn, edited
away. A drawn thing stands out from what lies around it along its edge; where it is
missing, the pixels inside its shape continue what surrounds it. :func:`edge_contrast`
measures that: the OKLab distances between pixels just inside the instance's visible shape
and pixels two steps outside it (outside meaning the background or things drawn behind it,
never things in front of it). Their median is near zero where the thing is missing (a
background's own edges, a horizon crossing the shape, move the mean but not the median).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .colour import InstancePixels, oklab

if TYPE_CHECKING:
    from ..engines.base import DrawnObject

__all__ = ["SHOWN_CONTRAST", "edge_contrast", "judge_count", "shows"]

STEP, EDGE_SHARE = 2, 0.05
"""Pixels between the inside and the outside pixel of a pair across the edge: at least
``STEP``, and ``EDGE_SHARE`` of the instance's smaller side (so a thin rim the colour of the
sky, a stop sign's white border, does not hide the thing inside it)."""
MIN_PAIRS = 12
"""Fewest pairs across the edge worth measuring; fewer leave the presence unknown."""
SHOWN_CONTRAST = 0.01
"""Median OKLab distance across the edge from which the thing shows."""
GONE_CONTRAST, GONE_MEAN = 0.005, 0.1
"""Below this median (and this mean) the thing is not in the picture; between the two
medians it cannot be told. Measured with ``benchmarks/checker_truth.py``: no drawn thing of
GenEval or the lesson prompts has a median below 0.005; a thing painted over has one
below 0.005 in 99% of cases."""


def edge_contrast(pixels: InstancePixels, index: int) -> tuple[float, float] | None:
    """The median and mean OKLab distance across the visible edge of
    ``pixels.objects[index]``, or None when too little of its edge shows (or it has no
    shape)."""
    obj = pixels.objects[index]
    if obj.mask is None:
        return None
    h, w = pixels.rgb.shape[:2]
    x0, y0, x1, y1 = (int(v) for v in obj.box)
    step = max(STEP, round(EDGE_SHARE * min(x1 - x0, y1 - y0)))
    x0, y0, x1, y1 = max(x0 - step, 0), max(y0 - step, 0), min(x1 + step, w), min(y1 + step, h)
    if x1 - x0 <= 2 * step or y1 - y0 <= 2 * step:
        return None
    owner = pixels.owner()[y0:y1, x0:x1]
    lab = oklab(pixels.rgb[y0:y1, x0:x1])
    mine = owner == index
    found = []
    for dy, dx in ((0, step), (0, -step), (step, 0), (-step, 0)):
        inside = mine[
            max(-dy, 0) : owner.shape[0] - max(dy, 0), max(-dx, 0) : owner.shape[1] - max(dx, 0)
        ]
        beyond = owner[
            max(dy, 0) : owner.shape[0] + min(dy, 0), max(dx, 0) : owner.shape[1] + min(dx, 0)
        ]
        a = lab[
            max(-dy, 0) : owner.shape[0] - max(dy, 0), max(-dx, 0) : owner.shape[1] - max(dx, 0)
        ]
        b = lab[max(dy, 0) : owner.shape[0] + min(dy, 0), max(dx, 0) : owner.shape[1] + min(dx, 0)]
        pairs = inside & (beyond < index)  # the background or things behind it
        found.append(np.linalg.norm(a[pairs] - b[pairs], axis=-1))
    across = np.concatenate(found)
    if len(across) < MIN_PAIRS:
        return None
    return float(np.median(across)), float(across.mean())


def shows(pixels: InstancePixels, index: int) -> bool | None:
    """True when the instance stands out along its edge, False when its shape continues
    what surrounds it, None when that cannot be told."""
    contrast = edge_contrast(pixels, index)
    if contrast is None:
        return None
    median, mean = contrast
    if median >= SHOWN_CONTRAST:
        return True
    if median < GONE_CONTRAST and mean < GONE_MEAN:
        return False
    return None


def judge_count(
    wanted: int, mine: list[DrawnObject], pixels: InstancePixels
) -> tuple[str, str] | None:
    """``(status, reason)`` for "``wanted`` of these show in the picture", counting only
    the reported instances whose edge stands out; None when none has a shape to read."""
    if not mine or all(o.mask is None for o in mine):
        return None
    index = {id(o): n for n, o in enumerate(pixels.objects)}
    seen = [shows(pixels, index[id(o)]) if id(o) in index else None for o in mine]
    shown, gone, unsure = seen.count(True), seen.count(False), seen.count(None)
    drawn = f"{len(mine)} drawn"
    if gone:
        drawn += f", {gone} of them not in the picture"
    if shown == wanted and not unsure:
        return "satisfied", drawn
    if wanted < shown or wanted > shown + unsure:
        return "violated", drawn
    return "unknown", f"{drawn}; {unsure} cannot be told from what is around them"
