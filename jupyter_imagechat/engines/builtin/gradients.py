"""Gradient helpers shared by the background painters, and where their ground goes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

from ...vocab.world import ground_level

Stop = tuple[float, tuple[int, int, int]]


def ground_of(place: str) -> float:
    """Return the ground line of a painted ``place`` (fraction of the height from the top),
    from the table the layout reads too (:func:`jupyter_imagechat.vocab.world.ground_level`),
    so the painted ground is where the layout stands things."""
    line = ground_level(place)
    if line is None:
        raise ValueError(f"{place!r} has no ground to paint")
    return line


def bands(width: int, height: int, stops: Sequence[Stop]) -> Image.Image:
    """Return a vertical gradient through ``stops`` (``(y fraction, rgb)``, y ascending).

    Two stops at the same ``y`` give a sharp edge there.
    """
    ys = (np.arange(height, dtype=np.float32) + 0.5) / height
    pos = np.array([s[0] for s in stops], dtype=np.float32)
    cols = np.array([s[1] for s in stops], dtype=np.float32)
    # np.interp needs increasing xp; nudge equal stops apart to make sharp edges
    pos = pos + np.arange(len(pos), dtype=np.float32) * 1e-6
    rows = np.stack([np.interp(ys, pos, cols[:, c]) for c in range(3)], axis=-1)
    line = np.round(rows).astype(np.uint8)  # round each row once, then repeat it
    arr = np.ascontiguousarray(np.broadcast_to(line[:, None, :], (height, width, 3)))
    return Image.fromarray(arr, "RGB")


def dots(
    draw: ImageDraw.ImageDraw,
    width: int,
    height: int,
    count: int,
    y_range: tuple[float, float],
    color: tuple[int, int, int],
    radius: float,
    seed: int,
) -> None:
    """Scatter ``count`` small round dots (stars, bubbles, snowflakes), always the same."""
    rng = np.random.default_rng(seed)
    scale = max(width, height) / 512
    for _ in range(count):
        x = rng.uniform(0, width)
        y = rng.uniform(y_range[0], y_range[1]) * height
        r = max(1.0, radius * scale * rng.uniform(0.5, 1.2))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)


def ground_line(draw: ImageDraw.ImageDraw, width: int, height: int, y: float, color) -> None:
    thick = max(1, round(height / 256))
    yy = round(y * height)
    draw.rectangle((0, yy, width, yy + thick - 1), fill=color)
