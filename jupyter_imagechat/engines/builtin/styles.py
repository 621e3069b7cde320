"""Styles as image filters: flat, outlined (cartoon), pencil sketch, watercolour, oil
painting, pixel art, black and white.

:func:`style_key` maps the planner's ``scene.style`` words to one of :data:`STYLES`;
:func:`apply_style` filters the finished picture. "outlined" is drawn per object (a dark
rim round each sprite, see :func:`outline_sprite`) and needs no filter. All filters are
deterministic and cost a few tens of milliseconds at 1024 px.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageChops, ImageFilter

STYLES: dict[str, tuple[str, ...]] = {
    "flat": ("flat", "flat design", "flat colour", "flat color", "vector", "minimal", "clipart"),
    "outlined": ("outlined", "outline", "cartoon", "comic", "line art", "sticker", "toon"),
    "pencil sketch": ("pencil sketch", "sketch", "pencil", "drawing", "pencil drawing"),
    "watercolor": ("watercolor", "watercolour", "water color", "aquarelle"),
    "oil painting": ("oil painting", "oil", "painting", "impressionist"),
    "pixel art": ("pixel art", "pixel", "pixelated", "8-bit", "8 bit", "retro game"),
    "black and white": ("black and white", "grayscale", "greyscale", "monochrome"),
}
"""Style -> the ``scene.style`` values that mean it."""

_ALIASES = {alias: key for key, aliases in STYLES.items() for alias in aliases}


def style_key(style: str | None) -> str | None:
    """Return the :data:`STYLES` key for ``scene.style``, or None for the plain look."""
    return _ALIASES.get((style or "").strip().lower())


def outline_sprite(sprite: Image.Image, width: int) -> Image.Image:
    """Return RGBA ``sprite`` on a dark rim ``width`` px wide (the "outlined" style)."""
    pad = width + 1
    alpha = sprite.getchannel("A").point(lambda a: 255 if a > 96 else 0)
    big = Image.new("L", (sprite.width + 2 * pad, sprite.height + 2 * pad), 0)
    big.paste(alpha, (pad, pad))
    rim = big.filter(ImageFilter.MaxFilter(2 * width + 1)).filter(ImageFilter.GaussianBlur(0.6))
    out = Image.new("RGBA", big.size, (28, 28, 36, 0))
    out.putalpha(rim)
    out.alpha_composite(sprite, (pad, pad))
    return out.crop(
        (pad - width, pad - width, pad + sprite.width + width, pad + sprite.height + width)
    )


@lru_cache(maxsize=8)
def _paper(width: int, height: int) -> np.ndarray:
    """A fixed, fine paper grain (values around 1.0) for watercolour."""
    rng = np.random.default_rng(5)
    small = rng.normal(0.0, 1.0, (height // 4 + 2, width // 4 + 2)).astype(np.float32)
    grain = Image.fromarray(((small * 30) + 128).clip(0, 255).astype(np.uint8), "L")
    grain = grain.resize((width, height), Image.Resampling.BICUBIC)
    return 1.0 + (np.asarray(grain, dtype=np.float32) - 128.0) / 128.0 * 0.035


def _pixel_art(image: Image.Image) -> Image.Image:
    w, h = image.size
    block = max(4, round(min(w, h) / 64))
    small = image.resize((max(1, w // block), max(1, h // block)), Image.Resampling.BOX)
    small = small.quantize(32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return small.convert("RGB").resize((w, h), Image.Resampling.NEAREST)


def _sketch(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    # gradients step by one level per few rows: ignore such faint edges
    edges = gray.filter(ImageFilter.FIND_EDGES).point(lambda v: min(255, max(0, v - 6) * 4))
    edges = ImageChops.multiply(edges, _inner(gray.size))  # the filter's frame is no edge
    shade = gray.point(lambda v: 205 + v // 5)
    paper = np.asarray(shade, dtype=np.int16) - np.asarray(edges, dtype=np.int16)
    out = np.clip(paper, 0, 255).astype(np.uint8)
    warm = np.clip(out.astype(np.int16) - 6, 0, 255).astype(np.uint8)
    return Image.fromarray(np.dstack([out, out, warm]), "RGB")


@lru_cache(maxsize=8)
def _inner(size: tuple[int, int]) -> Image.Image:
    """White with a 1 px black frame: masks out edges found at the picture's border."""
    inner = Image.new("L", size, 0)
    inner.paste(255, (1, 1, size[0] - 1, size[1] - 1))
    return inner


def _watercolor(image: Image.Image) -> Image.Image:
    w, h = image.size
    half = image.resize((max(1, w // 2), max(1, h // 2)), Image.Resampling.BOX)
    blobs = half.filter(ImageFilter.MedianFilter(3))
    soft = blobs.resize((w, h), Image.Resampling.BICUBIC)
    arr = np.asarray(soft, dtype=np.float32) / 255.0
    arr = 1.0 - (1.0 - arr) * 0.9  # a lighter wash
    rims = soft.convert("L").filter(ImageFilter.FIND_EDGES)
    edges = np.asarray(ImageChops.multiply(rims, _inner((w, h))), dtype=np.float32)
    arr = arr * (1.0 - np.clip(edges / 255.0 * 2.0, 0, 0.3))[..., None]  # pigment at rims
    arr = arr * _paper(w, h)[..., None]
    return Image.fromarray((np.clip(arr, 0, 1) * 255 + 0.5).astype(np.uint8), "RGB")


def _oil(image: Image.Image) -> Image.Image:
    w, h = image.size
    half = image.resize((max(1, w // 2), max(1, h // 2)), Image.Resampling.BOX)
    dabs = half.filter(ImageFilter.ModeFilter(5)).filter(ImageFilter.SMOOTH_MORE)
    out = dabs.resize((w, h), Image.Resampling.BICUBIC).filter(ImageFilter.EDGE_ENHANCE)
    return ImageChops.blend(out, out.filter(ImageFilter.EMBOSS).convert("RGB"), 0.08)


def _flat(image: Image.Image) -> Image.Image:
    quant = image.quantize(24, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return quant.convert("RGB")


SMUDGING_STYLES = frozenset({"watercolor", "oil painting"})
"""Styles whose filter smudges fine strokes: a picture's words (labels, arrows' words,
panel titles, texts on a banner) are written after such a filter, as a labelled
watercolour is lettered after the paint dries, so they stay legible. Pixel art and a
pencil sketch keep their words in the style (a palette of few colours, grey pencil)."""


def apply_style(image: Image.Image, style: str | None) -> Image.Image:
    """Return ``image`` in ``style`` (any value of :data:`STYLES`); other styles, and
    "outlined" (drawn per object), return it unchanged."""
    key = style_key(style)
    filters = {
        "pixel art": _pixel_art,
        "pencil sketch": _sketch,
        "watercolor": _watercolor,
        "oil painting": _oil,
        "flat": _flat,
        "black and white": lambda im: im.convert("L").convert("RGB"),
    }
    return filters[key](image) if key in filters else image
