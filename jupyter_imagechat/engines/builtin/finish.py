"""Materials and patterns on artwork: wooden, metal, glass, stone, gold; striped, spotted,
checkered.

Each works on the artwork's main part (the pixels a colour attribute would repaint, see
:func:`.recolor.main_hue_weight`) and keeps its shading: the texture modulates the
lightness of what is there. Values the artwork cannot show are left alone, and
:func:`supported` says which those are.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from .recolor import _LUMA, main_hue_weight, recolor

MATERIAL_COLORS: dict[str, tuple[int, int, int]] = {
    "wooden": (170, 112, 62),
    "metal": (170, 176, 188),
    "gold": (215, 175, 60),
    "stone": (150, 148, 140),
    "glass": (195, 228, 245),
    "paper": (240, 236, 222),
    "cardboard": (196, 156, 104),
    "brick": (178, 74, 52),
    "marble": (235, 233, 228),
}
"""Material -> the base colour it paints (unless a colour attribute says otherwise)."""

PATTERNS = frozenset({"striped", "spotted", "dotted", "polka-dot", "checkered", "plaid"})
"""Pattern values drawn; others ("floral", "patterned") are kept as words only."""


def supported(material: str | None, pattern: str | None) -> bool:
    """Return True if this material or pattern changes the picture."""
    return (material in MATERIAL_COLORS) or (pattern in PATTERNS)


def _grid(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    return ys, xs


def _texture(material: str, h: int, w: int) -> np.ndarray:
    """Return a lightness factor per pixel (around 1.0) for ``material``."""
    ys, xs = _grid(h, w)
    scale = max(h, w) / 64.0
    if material == "wooden":  # wavy grain running along the long side
        along, across = (xs, ys) if w >= h else (ys, xs)
        wave = np.sin(across / (2.2 * scale) + 1.8 * np.sin(along / (9.0 * scale)))
        return 1.0 - 0.16 * (wave > 0.55) - 0.07 * wave
    if material in ("metal", "gold", "glass"):  # a soft diagonal sheen
        t = (xs + ys) / max(h + w, 1)
        return 1.0 + 0.28 * np.exp(-(((t - 0.35) / 0.08) ** 2)) - 0.08 * t
    if material in ("stone", "marble", "brick"):
        rng = np.random.default_rng(7)  # the same speckle every time
        coarse = rng.uniform(-1, 1, (max(2, h // 3 + 1), max(2, w // 3 + 1)))
        noise = np.kron(coarse, np.ones((3, 3)))[:h, :w]
        if material == "brick":
            row = (ys // (6 * scale)).astype(int)
            mortar = ((ys % (6 * scale)) < 0.9 * scale) | (
                ((xs + (row % 2) * 6 * scale) % (12 * scale)) < 0.9 * scale
            )
            return np.where(mortar, 1.6, 1.0 + 0.06 * noise)
        return 1.0 + (0.05 if material == "marble" else 0.12) * noise
    return np.ones((h, w), dtype=np.float32)


def _pattern_mask(pattern: str, h: int, w: int) -> np.ndarray:
    ys, xs = _grid(h, w)
    step = max(4.0, max(h, w) / 7.0)
    if pattern == "striped":
        return ((xs + ys) % step) < step / 2
    if pattern == "checkered" or pattern == "plaid":
        return ((xs // (step / 1.4)) + (ys // (step / 1.4))) % 2 == 0
    # spotted, dotted, polka-dot: round dots on a staggered grid
    row = np.floor(ys / step)
    cx = (np.floor(xs / step + 0.5 * (row % 2)) + 0.5 - 0.5 * (row % 2)) * step
    cy = (row + 0.5) * step
    return (xs - cx) ** 2 + (ys - cy) ** 2 < (step * 0.28) ** 2


def apply_finish(
    sprite: Image.Image,
    material: str | None = None,
    pattern: str | None = None,
    colored: bool = False,
    second: tuple[int, int, int] | None = None,
    hint: tuple[float, float, float] | str | None = None,
) -> Image.Image:
    """Return RGBA ``sprite`` made of ``material`` and/or painted with ``pattern``.

    Parameters
    ----------
    sprite : PIL.Image.Image
        The (already sized, maybe recoloured) artwork.
    material, pattern : str, optional
        Attribute values, e.g. ``"wooden"``, ``"striped"``.
    colored : bool
        True if a colour attribute was already applied: the material then keeps that
        colour and only adds its texture.
    second : (int, int, int), optional
        The second colour of a pattern ("red and white striped"); by default a darker
        or lighter shade of the main colour.
    hint : tuple, optional
        The main-part hint of :func:`.recolor.main_hue_weight`.
    """
    if not supported(material, pattern):
        return sprite
    img = sprite
    if material in MATERIAL_COLORS and not colored:
        img = recolor(img, MATERIAL_COLORS[material], hint)
    arr = np.asarray(img.convert("RGBA"), dtype=np.float32) / 255.0
    rgb, alpha = arr[..., :3], arr[..., 3].copy()
    visible = alpha > 0.5
    if not visible.any():
        return sprite
    if isinstance(hint, str) and (colored or material in MATERIAL_COLORS):
        hint = None  # the pale or dark part has just been painted: find it by its hue
    weight = main_hue_weight(rgb, visible, hint) * np.clip(((rgb @ _LUMA) - 0.05) / 0.1, 0, 1)
    h, w = alpha.shape
    if material in MATERIAL_COLORS:
        factor = _texture(material, h, w)[..., None]
        shaded = np.clip(rgb * factor + (factor > 1.0) * (factor - 1.0) * 0.5, 0, 1)
        rgb = rgb + (shaded - rgb) * weight[..., None]
        if material == "glass":  # see-through, with the outline kept solid
            alpha = np.where(weight > 0.5, alpha * 0.62, alpha)
    if pattern in PATTERNS:
        marks = _pattern_mask(pattern, h, w)
        if second is not None:
            other = np.broadcast_to(np.array(second, dtype=np.float32) / 255.0, rgb.shape)
            luma = (rgb @ _LUMA)[..., None]
            other = np.clip(other * (0.55 + 0.6 * luma), 0, 1)
        else:
            light = float(np.median((rgb @ _LUMA)[weight > 0.5])) if (weight > 0.5).any() else 0.5
            other = rgb * 0.55 if light > 0.35 else rgb + (1 - rgb) * 0.55
        rgb = np.where((marks & (weight > 0.5))[..., None], other, rgb)
    out = np.dstack([np.clip(rgb, 0, 1), alpha])
    return Image.fromarray((out * 255.0 + 0.5).astype(np.uint8), "RGBA")
