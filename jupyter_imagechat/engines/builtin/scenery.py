"""More backgrounds: day, sunrise, city, mountains, farm, rain (and storm), ocean, kitchen,
office, library, and the seasons (autumn; spring and summer as a farm and a sunny day).
Registered in :data:`.backgrounds.BACKGROUNDS`.

Each painter takes ``(width, height)`` and returns a new RGB picture; shapes are placed in
fractions of the picture, so every size shows the same setting, drawn at full resolution.
The ground goes where the shared table says (:data:`~jupyter_imagechat.vocab.world.HORIZON`
and ``HORIZONS``), where the layout stands things.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from ...vocab.world import HORIZON
from .gradients import bands, ground_line, ground_of


def _sun(draw: ImageDraw.ImageDraw, w: int, h: int, x: float, y: float, r: float, fill) -> None:
    rr = r * min(w, h)
    draw.ellipse((x * w - rr, y * h - rr, x * w + rr, y * h + rr), fill=fill)


def _cloud(draw: ImageDraw.ImageDraw, w: int, h: int, x: float, y: float, s: float, fill) -> None:
    u = s * min(w, h)
    for dx, dy, r in ((0, 0, 1.0), (1.1, -0.35, 1.25), (2.3, 0, 0.95), (1.1, 0.25, 1.0)):
        cx, cy = x * w + dx * u, y * h + dy * u
        draw.ellipse((cx - r * u, cy - r * u, cx + r * u, cy + r * u), fill=fill)


def _day(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (95, 170, 240)), (HORIZON, (200, 230, 250)), (HORIZON, (150, 205, 110)),
         (1.0, (95, 165, 75))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    _sun(draw, w, h, 0.86, 0.12, 0.065, (255, 220, 80))
    _cloud(draw, w, h, 0.12, 0.16, 0.035, (255, 255, 255))
    _cloud(draw, w, h, 0.5, 0.1, 0.028, (250, 252, 255))
    ground_line(draw, w, h, HORIZON, (110, 165, 85))
    return im


def _sunrise(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (120, 160, 220)), (0.4, (250, 200, 170)), (HORIZON, (255, 225, 150)),
         (HORIZON, (125, 160, 95)), (1.0, (80, 120, 70))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    r = 0.1 * min(w, h)
    cy = HORIZON * h
    draw.pieslice((0.3 * w - r, cy - r, 0.3 * w + r, cy + r), 180, 360, fill=(255, 235, 140))
    return im


def _city(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (130, 180, 230)), (HORIZON, (215, 230, 245)), (HORIZON, (120, 122, 130)),
         (1.0, (90, 92, 100))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    tones = [(150, 160, 180), (120, 135, 160), (170, 175, 190), (135, 145, 165)]
    x, i = 0.0, 0
    while x < 1.0:  # a skyline of blocks with windows
        bw = 0.07 + 0.04 * ((i * 5) % 3)
        top = 0.22 + 0.08 * ((i * 7) % 4)
        draw.rectangle((x * w, top * h, (x + bw) * w, HORIZON * h), fill=tones[i % 4])
        for wy in range(int(top * 100) + 3, int(HORIZON * 100) - 3, 6):
            for wx in (0.2, 0.6):
                px = (x + bw * wx) * w
                draw.rectangle(
                    (px, wy / 100 * h, px + bw * 0.2 * w, (wy + 3) / 100 * h),
                    fill=(225, 235, 245),
                )
        x += bw + 0.008
        i += 1
    stripe = max(1, round(h / 170))
    for k in range(8):  # dashes down the road
        x0 = (k + 0.25) / 8 * w
        draw.rectangle((x0, 0.82 * h, x0 + w / 20, 0.82 * h + stripe), fill=(235, 225, 120))
    return im


def _mountains(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (120, 175, 235)), (HORIZON, (215, 232, 248)), (HORIZON, (130, 180, 100)),
         (1.0, (85, 140, 70))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    peaks = (
        (0.2, 0.2, 0.3, (120, 130, 150)),
        (0.62, 0.12, 0.36, (100, 112, 135)),
        (0.95, 0.26, 0.25, (125, 135, 155)),
    )
    for cx, peak, half, tone in peaks:
        base = HORIZON * h
        draw.polygon(
            [(cx * w, peak * h), ((cx - half) * w, base), ((cx + half) * w, base)], fill=tone
        )
        snow = 0.3
        draw.polygon(
            [
                (cx * w, peak * h),
                ((cx - half * snow) * w, (peak + (HORIZON - peak) * snow) * h),
                ((cx + half * snow) * w, (peak + (HORIZON - peak) * snow) * h),
            ],
            fill=(245, 248, 252),
        )
    return im


def _farm(w: int, h: int) -> Image.Image:
    im = _day(w, h)
    draw = ImageDraw.Draw(im)
    post = max(2, round(w / 160))
    rail_y = (HORIZON + 0.04) * h
    for k in range(21):  # a wooden fence along the horizon
        x = k / 20 * w
        post_box = (x, (HORIZON - 0.02) * h, x + post, (HORIZON + 0.07) * h)
        draw.rectangle(post_box, fill=(150, 105, 60))
    for dy in (0.0, 0.025):
        y = rail_y - dy * h
        draw.rectangle((0, y, w, y + post), fill=(165, 118, 70))
    return im


def _autumn(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (150, 190, 230)), (HORIZON, (235, 215, 185)), (HORIZON, (190, 140, 60)),
         (1.0, (140, 95, 45))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    for k in range(9):  # round orange and red treetops along the horizon
        x, r = (k + 0.5) / 9 * w, 0.06 * w
        trunk = max(2, round(w / 120))
        draw.rectangle((x - trunk, (HORIZON - 0.08) * h, x + trunk, HORIZON * h), fill=(95, 65, 40))
        colour = ((225, 120, 40), (200, 70, 40), (235, 170, 50))[k % 3]
        draw.ellipse((x - r, (HORIZON - 0.08) * h - 1.6 * r, x + r, (HORIZON - 0.08) * h + 0.2 * r),
                     fill=colour)  # fmt: skip
    ground_line(draw, w, h, HORIZON, (165, 115, 55))
    return im


def _rain(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [(0.0, (110, 120, 135)), (HORIZON, (170, 178, 188)), (HORIZON, (105, 140, 100)),
         (1.0, (75, 105, 72))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    for x, y, s in ((0.05, 0.1, 0.05), (0.45, 0.06, 0.06), (0.8, 0.12, 0.045)):
        _cloud(draw, w, h, x, y, s, (140, 146, 158))
    rng = np.random.default_rng(15)
    line = max(1, round(w / 400))
    for _ in range(90):
        x, y = rng.uniform(0, w), rng.uniform(0.2, 1.0) * h
        draw.line((x, y, x - 0.01 * w, y + 0.04 * h), fill=(200, 215, 235), width=line)
    return im


def _ocean(w: int, h: int) -> Image.Image:
    line = ground_of("ocean")
    im = bands(
        w,
        h,
        [(0.0, (110, 185, 240)), (line, (215, 238, 252)), (line, (60, 150, 205)),
         (1.0, (25, 95, 160))],
    )  # fmt: skip
    draw = ImageDraw.Draw(im)
    line = max(1, round(h / 220))
    for row in range(8):  # light wave strokes
        y = (0.5 + row * 0.065) * h
        for k in range(6):
            x = ((k + 0.5 * (row % 2)) / 6) * w
            draw.arc((x, y, x + w / 10, y + h / 40), 200, 340, fill=(170, 215, 240), width=line)
    return im


def _room_like(w: int, h: int, place: str, wall, floor, floor_dark) -> Image.Image:
    line = ground_of(place)
    im = bands(w, h, [(0.0, wall), (line, wall), (line, floor), (1.0, floor_dark)])
    ground_line(ImageDraw.Draw(im), w, h, line, tuple(round(c * 0.85) for c in floor))
    return im


def _kitchen(w: int, h: int) -> Image.Image:
    im = _room_like(w, h, "kitchen", (235, 240, 238), (205, 190, 165), (175, 160, 135))
    draw = ImageDraw.Draw(im)
    tile = max(4, round(w / 16))
    for y in range(round(0.3 * h), round(0.5 * h), tile):  # a tiled splashback
        for x in range(0, w, tile):
            draw.rectangle((x, y, x + tile - 2, y + tile - 2), fill=(210, 228, 232))
    draw.rectangle((0.62 * w, 0.06 * h, 0.92 * w, 0.26 * h), fill=(200, 170, 130))  # cupboard
    return im


def _office(w: int, h: int) -> Image.Image:
    im = _room_like(w, h, "office", (225, 230, 236), (150, 155, 165), (120, 125, 135))
    draw = ImageDraw.Draw(im)
    frame = max(2, round(w / 128))
    draw.rectangle((0.08 * w, 0.1 * h, 0.4 * w, 0.45 * h), fill=(120, 110, 100))  # window
    draw.rectangle(
        (0.08 * w + frame, 0.1 * h + frame, 0.4 * w - frame, 0.45 * h - frame),
        fill=(175, 215, 245),
    )
    draw.rectangle((0.6 * w, 0.12 * h, 0.88 * w, 0.34 * h), fill=(250, 250, 250))  # whiteboard
    return im


def _library(w: int, h: int) -> Image.Image:
    im = _room_like(w, h, "library", (200, 170, 135), (150, 105, 70), (115, 80, 55))
    draw = ImageDraw.Draw(im)
    spines = [(170, 50, 50), (50, 90, 160), (60, 130, 70), (200, 160, 60), (120, 60, 130)]
    shelf = max(2, round(h / 100))
    for row in range(4):  # shelves of books
        y1 = (0.16 + row * 0.125) * h
        draw.rectangle((0.04 * w, y1, 0.96 * w, y1 + shelf), fill=(110, 75, 45))
        x, k = 0.05 * w, row
        while x < 0.94 * w:
            bw = w * (0.018 + 0.008 * ((k * 3) % 3))
            top = y1 - h * (0.075 + 0.02 * ((k * 5) % 3))
            draw.rectangle((x, top, x + bw, y1), fill=spines[k % 5])
            x += bw + 1
            k += 1
    return im


MORE_BACKGROUNDS: dict[str, Callable[[int, int], Image.Image]] = {
    "day": _day,
    "daytime": _day,
    "sunrise": _sunrise,
    "dawn": _sunrise,
    "morning": _sunrise,
    "city": _city,
    "street": _city,
    "town": _city,
    "mountains": _mountains,
    "mountain": _mountains,
    "farm": _farm,
    "countryside": _farm,
    "rain": _rain,
    "rainy": _rain,
    "storm": _rain,
    "autumn": _autumn,
    "spring": _farm,
    "summer": _day,
    "ocean": _ocean,
    "sea": _ocean,
    "lake": _ocean,
    "kitchen": _kitchen,
    "office": _office,
    "library": _library,
}
"""Setting word -> painter, added to the built-in backgrounds."""
