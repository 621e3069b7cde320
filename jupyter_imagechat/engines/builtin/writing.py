"""Text written on a thing: an entity's ``text`` attribute ("a mug that reads 'hello'").

On a sign, a blackboard or a whiteboard the text goes on the board (:func:`board_rect`,
:func:`.labels.write_on_board`); on anything else it is written in the middle of the drawn
shape, as large as fits, in ink that stands out from the colour under it
(:func:`write_on_shape`). Placeholder cards carry it below their name
(:func:`.labels.card_picture`).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from .artwork import crop_box
from .labels import wrap_to_fit, write_on_board
from .painters.furniture import SIGN_BOARDS

DARK_INK, LIGHT_INK = (25, 25, 30), (250, 250, 245)
MIN_FILL = 0.9
"""Share of the text's rectangle that must lie on the thing's shape."""


def board_rect(
    name: str, placed: tuple[int, int, int, int], rim: int
) -> tuple[float, float, float, float]:
    """Return the pixel rectangle of the board of sign artwork ``name`` drawn at ``placed``
    (``left, top, width, height`` of the sprite) with an outline ``rim`` pixels wide."""
    left, top, sw, sh = placed
    cx0, cy0, cx1, cy1 = crop_box(name)
    bx0, by0, bx1, by1 = (v / 512 for v in SIGN_BOARDS[name])
    iw, ih = sw - 2 * rim, sh - 2 * rim
    return (
        left + rim + (bx0 - cx0) / (cx1 - cx0) * iw,
        top + rim + (by0 - cy0) / (cy1 - cy0) * ih,
        left + rim + (bx1 - cx0) / (cx1 - cx0) * iw,
        top + rim + (by1 - cy0) / (cy1 - cy0) * ih,
    )


def write_on_board_of(
    canvas: Image.Image, name: str, text: str, placed: tuple[int, int, int, int], rim: int
) -> None:
    """Write ``text`` on the board of sign artwork ``name`` drawn at ``placed``."""
    rect = board_rect(name, placed, rim)
    write_on_board(canvas, text, rect, chalk=name in ("blackboard", "chalkboard"))


def inner_rect(
    box: tuple[int, int, int, int], shape: np.ndarray
) -> tuple[float, float, float, float] | None:
    """Return a pixel rectangle about the middle of ``shape`` (drawn in ``box``) that lies
    (almost) wholly on it: the box shrunk round the shape's centre until at least
    :data:`MIN_FILL` of it is covered. None for an empty shape."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0 or shape.size == 0 or not shape.any():
        return None
    ys, xs = np.nonzero(shape)
    cx, cy = float(xs.mean()), float(ys.mean())
    half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
    for scale in (0.8, 0.7, 0.6, 0.5, 0.42, 0.35, 0.3):
        w, h = half_w * scale, half_h * scale
        c0, c1 = max(0, round(cx - w)), min(shape.shape[1], round(cx + w))
        r0, r1 = max(0, round(cy - h)), min(shape.shape[0], round(cy + h))
        if c1 - c0 >= 2 and r1 - r0 >= 2 and shape[r0:r1, c0:c1].mean() >= MIN_FILL:
            break
    return (x0 + c0, y0 + r0, x0 + c1, y0 + r1)


def ink_for(canvas: Image.Image, rect: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """Dark or light ink, whichever stands out from the average colour inside ``rect``."""
    x0, y0, x1, y1 = (round(v) for v in rect)
    patch = np.asarray(canvas.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1))).convert("RGB"))
    r, g, b = patch.reshape(-1, 3).mean(axis=0)
    return DARK_INK if 0.299 * r + 0.587 * g + 0.114 * b > 140 else LIGHT_INK


def write_on_shape(
    canvas: Image.Image, text: str, box: tuple[int, int, int, int], shape: np.ndarray
) -> bool:
    """Write ``text`` exactly as given, centred on the drawn ``shape`` (in pixel ``box``),
    as large as fits, up to three lines; return whether anything was written."""
    rect = inner_rect(box, shape)
    if rect is None or not text.strip():
        return False
    x0, y0, x1, y1 = rect
    draw = ImageDraw.Draw(canvas)
    w, h = (x1 - x0) * 0.92, (y1 - y0) * 0.9
    wrapped, font, _ = wrap_to_fit(draw, text, w, h, line_h=h * 0.5)
    ink = ink_for(canvas, rect)
    edge = LIGHT_INK if ink == DARK_INK else DARK_INK
    stroke = max(1, round(getattr(font, "size", 12) / 16))
    draw.text(
        ((x0 + x1) / 2, (y0 + y1) / 2),
        wrapped,
        font=font,
        fill=ink,
        anchor="mm",
        align="center",
        stroke_width=stroke,
        stroke_fill=edge,
    )
    return True
