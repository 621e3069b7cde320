"""Recolour artwork so it reads as a named colour while keeping its shading.

The main colour of a picture (the hue most of its saturated pixels share: the yellow of
a banana, the red of a car body) is replaced by the target colour; the light and dark
of each pixel is kept relative to the picture's typical lightness, so highlights,
shadows and near-black outlines survive. Pixels of other hues (an apple's leaf, a car's
windows and tyres) are left alone. Pictures with no clear main hue (a grey laptop) are
recoloured as a whole. Alpha never changes.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from ...scene import COLORS

_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)

SHADE_WORDS: dict[str, float] = {"light": 0.45, "pale": 0.45, "dark": -0.4, "deep": -0.3}
"""Prefixes that lighten (towards white) or darken a colour: ``"light blue"``."""


def color_rgb(value: str | None) -> tuple[int, int, int] | None:
    """Return the RGB of a colour word (:data:`~jupyter_imagechat.scene.COLORS`), or None.

    Also understands ``"light <colour>"``, ``"dark <colour>"`` and ``"grey"``.
    """
    if not value:
        return None
    words = value.strip().lower().replace("grey", "gray").split()
    if len(words) == 2 and words[0] in SHADE_WORDS and words[1] in COLORS:
        amount = SHADE_WORDS[words[0]]
        rgb = np.array(COLORS[words[1]], dtype=np.float32)
        rgb = rgb + (255 - rgb) * amount if amount > 0 else rgb * (1 + amount)
        return tuple(round(float(v)) for v in rgb)  # type: ignore[return-value]
    if len(words) == 1 and words[0] in COLORS:
        return COLORS[words[0]]
    return None


def _hue_chroma(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return hue in degrees (0..360) and chroma (0..1) of an ``(..., 3)`` float array."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    mx = rgb.max(axis=-1)
    mn = rgb.min(axis=-1)
    chroma = mx - mn
    safe = np.where(chroma > 1e-6, chroma, 1.0)
    hue = np.where(
        mx == r,
        ((g - b) / safe) % 6.0,
        np.where(mx == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0),
    )
    return (hue * 60.0) % 360.0, chroma


FULLY_PAINTED = 0.9
"""Weight from which a pixel counts as painted in the new colour (a pixel of a nearby hue,
weighed about a half, keeps about half its own colour: a train's yellow trim goes olive
when its red body goes black)."""

Hint = tuple[float, float, float] | str
"""Which part a colour repaints: ``(hue, half_width, min_chroma)``, or ``"light"`` /
``"dark"`` for the pale or dark uncoloured part (a white toilet, a black phone)."""


def _tone_weight(rgb: np.ndarray, visible: np.ndarray, tone: str) -> np.ndarray:
    _, chroma = _hue_chroma(rgb)
    luma = rgb @ _LUMA
    grey = np.clip((0.2 - chroma) / 0.08, 0, 1)
    if tone == "light":
        part = np.clip((luma - 0.55) / 0.1, 0, 1)
    else:
        part = np.clip((0.3 - luma) / 0.1, 0, 1)
    return (grey * part * visible).astype(np.float32)


def main_hue_weight(rgb: np.ndarray, visible: np.ndarray, hint: Hint | None = None) -> np.ndarray:
    """Return a 0..1 weight per pixel: how much it belongs to the picture's main colour.

    Parameters
    ----------
    rgb : numpy.ndarray
        ``(h, w, 3)`` floats in 0..1.
    visible : numpy.ndarray
        ``(h, w)`` bools, the pixels that show.
    hint : (float, float, float) or str, optional
        ``(hue, half_width, min_chroma)``, hue and width in degrees: the part to
        recolour, where the most common hue is the wrong one (a person's shirt rather
        than their skin or hair); or ``"light"``/``"dark"`` (see :data:`Hint`).
    """
    if isinstance(hint, str):
        return _tone_weight(rgb, visible, hint)
    hue, chroma = _hue_chroma(rgb)
    saturated = visible & (chroma > 0.15)
    weight: np.ndarray = np.zeros(hue.shape, dtype=np.float32)
    if saturated.sum() > 0.2 * max(visible.sum(), 1) or hint is not None:
        if hint is None:
            hist, _ = np.histogram(
                hue[saturated], bins=36, range=(0, 360), weights=chroma[saturated]
            )
            smooth = hist + 0.5 * (np.roll(hist, 1) + np.roll(hist, -1))
            main, half, ramp, low = (int(np.argmax(smooth)) + 0.5) * 10.0, 30.0, 20.0, 0.06
        else:
            (main, half, low), ramp = hint, 7.0
        dist = np.abs((hue - main + 180.0) % 360.0 - 180.0)
        weight = np.clip((half + ramp - dist) / ramp, 0, 1) * np.clip((chroma - low) / 0.1, 0, 1)
        weight = weight.astype(np.float32) * visible
        if hint is not None:
            return weight
    if weight.sum() < 0.3 * max(visible.sum(), 1):
        weight = visible.astype(np.float32)  # no clear main colour: recolour the whole picture
    return weight


def painted_weight(color: np.ndarray, visible: np.ndarray, hint: Hint | None = None) -> np.ndarray:
    """Return the 0..1 weight per pixel with which :func:`recolor` paints the new colour.

    The main part (:func:`main_hue_weight`) less near-black outlines and pupils, which
    stay dark (except for a ``"dark"`` part, painted whole). ``color`` is ``(h, w, 3)``
    floats in 0..1, ``visible`` the pixels that show. The built-in engine reports where
    this weight is at least :data:`FULLY_PAINTED` as the part a thing's colour names.
    """
    weight = main_hue_weight(color, visible, hint)
    if hint != "dark":
        weight *= np.clip((color @ _LUMA - 0.05) / 0.1, 0, 1)  # keep outlines and pupils dark
    return weight


def painted_part(art: Image.Image, hint: Hint | None = None) -> np.ndarray:
    """Return the bool ``(h, w)`` pixels of RGBA ``art`` that :func:`recolor` paints in its
    new colour: the body of a car, not its windows and tyres.

    Those it paints wholly (weight at least :data:`FULLY_PAINTED`: not the trim of a
    nearby hue it tints half-way), unless they are under half of those it paints more
    than half (a remote's dark grey face, tinted to most of the new colour around its
    wholly painted rim): then those.
    """
    arr = np.asarray(art.convert("RGBA"), dtype=np.float32) / 255.0
    visible = arr[..., 3] > 0.5
    if not visible.any():
        return visible
    weight = painted_weight(arr[..., :3], visible, hint)
    fully, mostly = weight >= FULLY_PAINTED, weight > 0.5
    return np.asarray(fully if fully.sum() >= 0.5 * mostly.sum() else mostly)


def recolor(art: Image.Image, rgb: tuple[int, int, int], hint: Hint | None = None) -> Image.Image:
    """Return a copy of RGBA ``art`` whose main colour reads as ``rgb``.

    ``hint`` picks the part to recolour by hue, see :func:`main_hue_weight`.

    Each recoloured pixel gets the target hue with a luma that follows the pixel's own
    luma relative to the picture's median: darker pixels scale towards black, lighter
    ones move towards white (gently for light targets, so "white" keeps grey shading,
    and "black" keeps visible highlights). Near-black outline pixels stay dark.
    """
    arr = np.asarray(art.convert("RGBA"), dtype=np.float32) / 255.0
    color, alpha = arr[..., :3], arr[..., 3]
    visible = alpha > 0.5
    if not visible.any():
        return art.copy()
    luma = color @ _LUMA
    weight = painted_weight(color, visible, hint)
    chosen = weight > 0.5
    mid = float(np.median(luma[chosen])) if chosen.any() else float(np.median(luma[visible]))
    mid = min(max(mid, 0.05), 0.95)
    if hint == "dark":  # a black part has no shading to keep: paint it flat
        mid = max(mid, 0.15)
        luma = np.where(weight > 0, np.maximum(luma, mid), luma)

    target = np.array(rgb, dtype=np.float32) / 255.0
    t_luma = float(target @ _LUMA)
    t_luma = min(max(t_luma, 0.02), 0.98)
    gain = min(1.0, (1.0 - t_luma) / (1.0 - mid)) * 0.85
    new_luma = np.where(
        luma <= mid,
        t_luma * (luma / mid),
        np.minimum(t_luma + (luma - mid) * gain, 1.0),
    )[..., None]
    darker = target * (new_luma / t_luma)
    lighter = target + (1.0 - target) * ((new_luma - t_luma) / (1.0 - t_luma))
    painted = np.where(new_luma <= t_luma, darker, lighter)
    out = color + (painted - color) * weight[..., None]
    result = np.dstack([np.clip(out, 0, 1), alpha])
    return Image.fromarray((result * 255.0 + 0.5).astype(np.uint8), "RGBA")
