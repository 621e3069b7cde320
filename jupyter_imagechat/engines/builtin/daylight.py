"""The time of day over a place: "forest at night", "beach at sunset", "city at sunrise".

A background ``"<place> at <time>"`` is the place's painting with the time's light laid
over it: night darkens and blues it, with stars and a moon above the horizon; sunset warms
the sky orange and the ground amber; sunrise turns the sky pink. The horizon (and so where
things stand) stays the place's.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from .gradients import dots

TIMES = ("night", "sunset", "sunrise")
"""Times of day with a light of their own (``"day"`` is the places' own light)."""

_SKY = {
    "night": ((0.22, 0.26, 0.5), (4, 8, 30)),
    "sunset": ((0.95, 0.7, 0.55), (60, 20, 0)),
    "sunrise": ((0.95, 0.8, 0.85), (45, 10, 25)),
}
"""Per time, the sky's colour factors and an added glow (RGB)."""
_GROUND = {
    "night": ((0.3, 0.34, 0.5), (0, 0, 10)),
    "sunset": ((0.85, 0.7, 0.6), (25, 8, 0)),
    "sunrise": ((0.9, 0.82, 0.85), (15, 5, 10)),
}
"""Per time, the ground's colour factors and an added tint (RGB)."""


def light(image: Image.Image, time: str, horizon: float | None) -> Image.Image:
    """Return ``image`` (a place's background) in the light of ``time``."""
    if time not in TIMES:
        return image
    w, h = image.size
    arr = np.asarray(image.convert("RGB"), dtype=np.float32)
    split = round((horizon if horizon is not None else 1.0) * h)
    for rows, (scale, add) in ((slice(0, split), _SKY[time]), (slice(split, h), _GROUND[time])):
        arr[rows] = arr[rows] * np.array(scale, dtype=np.float32) + np.array(add, np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if time == "night" and split > 0:
        draw = ImageDraw.Draw(out)
        sky = max(split / h - 0.08, 0.05)
        dots(draw, w, h, 45, (0.0, sky), (245, 245, 215), 1.5, seed=21)
        r = 0.05 * min(w, h)
        draw.ellipse((0.84 * w - r, 0.1 * h - r, 0.84 * w + r, 0.1 * h + r), fill=(245, 240, 200))
    return out
