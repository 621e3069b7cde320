"""Colours read from the picture: does each instance look the colour the plan names?

Pixels are compared in OKLab (B. Ottosson, 2020), a perceptual colour space, as
lightness ``L`` (0..1), chroma ``C`` and hue ``h`` (degrees). Shading moves a pixel
along ``L`` and ``C`` but hardly along ``h``, so a red apple's dark and light sides stay
red while a blue apple does not. Each colour name of the scene graph
(:data:`~jupyter_imagechat.scene.COLORS`, plus "light", "pale", "dark" and "deep"
shades) has a range in ``L``, ``C`` and ``h`` (``data/colours.json``); an instance shows
the colour when enough of its visible pixels lie in that range.

Which pixels: where the engine says it painted the instance's colour
(``DrawnObject.painted``: the built-in engine reports the part it recoloured, a car's body
and not its windows, a toilet's bowl and not its water), else the instance's exact shape
(``DrawnObject.mask``), in both cases less whatever was drawn over it, one pixel in from
its edge; for an instance known only by its box (a detector's find), the middle of the
box. The engine's report says where to look, never what colour is there: nothing the
engine says about the colour is used, so a thing repainted after it was drawn reads as
its new colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..vocab.files import read_json

if TYPE_CHECKING:
    from PIL import Image

    from ..engines.base import DrawnObject

__all__ = [
    "BASIC",
    "ColourRange",
    "ColourReading",
    "InstancePixels",
    "colour_range",
    "judge_colour",
    "oklab",
    "oklch",
]

_DATA = read_json(__file__, "colours.json")

BASIC: tuple[str, ...] = tuple(_DATA["basic"])
"""The everyday colour names a reading is reported in ("looks blue")."""

KEPT_SHARE = {"painted": 0.25, "shape": 0.25, "box": 0.2}
"""Least share of an instance's pixels in the colour's range for the colour to count as
kept, by where the pixels come from (the part the engine painted in its colour, its
drawn shape, or the middle of a found box)."""
LOST_SHARE = {"painted": 0.1, "shape": 0.1, "box": 0.03}
"""Below this share the colour is not kept; between the two the finding is unknown."""
MIN_PIXELS = 24
"""Fewest visible pixels worth reading; fewer leave the colour unknown."""
OTHER_SHARE = 0.15
"""A colour of a clearly different hue covering this share of an instance leaves its
colour unknown, even when the wanted colour covers enough: a thing drawn in two colours
(a shirt and its tie, a pot and its plant) cannot tell which part the colour names."""
DISTINCT_HUE = 45.0
"""Degrees between the middles of two hue ranges for them to count as different colours
(orange and brown, red and pink are neighbours: shading moves one towards the other)."""
BOX_INSET = 0.2
"""Share of a found box's width and height left out on each side (mostly background)."""
PATTERN_FLOOR = 0.1
"""With a pattern ("red and white striped"), a colour's share of the painted part is
counted among the pixels not in the plan's other colours, and those as at least this
share of the part: white stripes over half a red umbrella read as all of its white part,
a few specks of white as none."""


@dataclass(frozen=True)
class ColourRange:
    """Where one colour name lies in OKLCh; ``hue`` is None for greys, black and white."""

    name: str
    hue: tuple[float, float] | None
    chroma: tuple[float, float]
    lightness: tuple[float, float]

    def contains(self, lch: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        """Return a bool per pixel of ``lch`` (as :func:`oklch` returns): in this range."""
        light, chroma, hue = lch
        inside = (light >= self.lightness[0]) & (light <= self.lightness[1])
        inside &= (chroma >= self.chroma[0]) & (chroma <= self.chroma[1])
        if self.hue is not None:
            lo, hi = self.hue
            inside &= ((hue >= lo) & (hue <= hi)) if lo <= hi else ((hue >= lo) | (hue <= hi))
        return inside


def _range(name: str, spec: dict[str, list[float]]) -> ColourRange:
    hue = spec.get("hue")
    return ColourRange(
        name,
        None if hue is None else (float(hue[0]), float(hue[1])),
        (float(spec["chroma"][0]), float(spec["chroma"][1])),
        (float(spec["lightness"][0]), float(spec["lightness"][1])),
    )


RANGES: dict[str, ColourRange] = {n: _range(n, s) for n, s in _DATA["ranges"].items()}
"""Colour name -> its range, for every name of ``data/colours.json``."""
_SHADES: dict[str, tuple[tuple[float, float], float]] = {
    word: ((float(s["lightness"][0]), float(s["lightness"][1])), float(s["chroma"]))
    for word, s in _DATA["shades"].items()
}
"""Shade word -> its lightness range and the share of the colour's least chroma it keeps."""


def colour_range(name: str) -> ColourRange | None:
    """Return the range of a colour word (``"red"``, ``"grey"``, ``"light blue"``), or
    None when it is not a colour the checker can read ("rainbow", "multicoloured")."""
    words = name.strip().lower().replace("grey", "gray").split()
    if len(words) == 1:
        return RANGES.get(words[0])
    if len(words) != 2 or words[0] not in _SHADES or words[1] not in RANGES:
        return None
    base, (lightness, keep) = RANGES[words[1]], _SHADES[words[0]]
    chroma = (base.chroma[0] * keep, base.chroma[1])
    return ColourRange(" ".join(words), base.hue, chroma, lightness)


_M1 = np.array(
    [
        [0.4122214708, 0.5363325363, 0.0514459929],
        [0.2119034982, 0.6806995451, 0.1073969566],
        [0.0883024619, 0.2817188376, 0.6299787005],
    ]
)
_M2 = np.array(
    [
        [0.2104542553, 0.7936177850, -0.0040720468],
        [1.9779984951, -2.4285922050, 0.4505937099],
        [0.0259040371, 0.7827717662, -0.8086757660],
    ]
)
_LINEAR = np.where(
    np.arange(256) / 255.0 <= 0.04045,
    np.arange(256) / 255.0 / 12.92,
    ((np.arange(256) / 255.0 + 0.055) / 1.055) ** 2.4,
)
"""sRGB byte -> linear light."""


def oklab(rgb: np.ndarray) -> np.ndarray:
    """Return the OKLab ``(L, a, b)`` of ``(..., 3)`` RGB bytes."""
    lms = np.cbrt(_LINEAR[np.asarray(rgb, dtype=np.uint8)] @ _M1.T)
    return np.asarray(lms @ _M2.T)


def oklch(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return OKLab lightness, chroma and hue (degrees, 0..360) of ``(..., 3)`` RGB bytes."""
    lab = oklab(rgb)
    a, b = lab[..., 1], lab[..., 2]
    return lab[..., 0], np.hypot(a, b), np.degrees(np.arctan2(b, a)) % 360.0


@dataclass(frozen=True)
class ColourReading:
    """How one instance's pixels read against a wanted colour.

    ``share``: the share of its pixels in the wanted colour's range; ``looks``: the basic
    colour most of them show; ``other`` and ``other_share``: the largest share of a
    basic colour of a clearly different hue (none for greys), outside the wanted range;
    ``pixels``: how many were read; ``source``: ``"painted"``, ``"shape"`` or ``"box"``.
    """

    share: float
    looks: str
    other: str
    other_share: float
    pixels: int
    source: str


class InstancePixels:
    """The visible pixels of each drawn instance of one picture.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture.
    objects : sequence of DrawnObject
        What was drawn (or found), back to front: an instance with a ``mask`` hides the
        part of the instances before it that it covers.
    """

    def __init__(self, image: Image.Image, objects: Sequence[DrawnObject]) -> None:
        self.rgb = np.asarray(image.convert("RGB"))
        self.objects = list(objects)
        self._cover: np.ndarray | None = None

    def owner(self) -> np.ndarray:
        """Per pixel, the index of the instance that shows there (-1: none), drawn back to
        front from the instances' shapes."""
        if self._cover is None:
            h, w = self.rgb.shape[:2]
            cover = np.full((h, w), -1, dtype=np.int32)
            for n, obj in enumerate(self.objects):
                x0, y0, x1, y1 = obj.box
                if obj.mask is not None and x1 > x0 and y1 > y0:
                    cover[y0:y1, x0:x1][obj.mask[: y1 - y0, : x1 - x0]] = n
            self._cover = cover
        return self._cover

    def of(self, obj: DrawnObject) -> tuple[np.ndarray, str]:
        """Return the ``(n, 3)`` visible pixels of ``obj`` and where they come from:
        ``"painted"`` (the part the engine painted in its colour, when it reports one and
        enough of it shows), ``"shape"`` or ``"box"``."""
        h, w = self.rgb.shape[:2]
        bx0, by0, bx1, by1 = (int(v) for v in obj.box)
        x0, y0, x1, y1 = max(bx0, 0), max(by0, 0), min(bx1, w), min(by1, h)
        if x1 <= x0 or y1 <= y0:
            return np.zeros((0, 3), dtype=np.uint8), "shape"
        if obj.mask is None:
            dx, dy = round((x1 - x0) * BOX_INSET), round((y1 - y0) * BOX_INSET)
            part = self.rgb[y0 + dy : y1 - dy, x0 + dx : x1 - dx]
            return part.reshape(-1, 3), "box"
        index = next(n for n, o in enumerate(self.objects) if o is obj)
        seen = self.owner()[y0:y1, x0:x1] == index
        painted = obj.painted
        if painted is not None:
            painted = np.asarray(painted, dtype=bool)[y0 - by0 : y1 - by0, x0 - bx0 : x1 - bx0]
        inner = _eroded(seen)
        if painted is not None and painted.shape == seen.shape:
            part = seen & painted  # less the shape's edge, not the part's own: a thin part
            for pick in (part & inner, part):  # (a keyboard's key sides) keeps its light
                if pick.sum() >= MIN_PIXELS:
                    return self.rgb[y0:y1, x0:x1][pick], "painted"
        return self.rgb[y0:y1, x0:x1][inner if inner.sum() >= MIN_PIXELS else seen], "shape"

    def read(
        self, obj: DrawnObject, wanted: ColourRange, planned: Sequence[ColourRange] = ()
    ) -> ColourReading:
        """Return how ``obj`` reads against the colour range ``wanted``; ``planned`` are
        other colours the plan gives it (the white of "red and white striped"), which
        never count as a different colour."""
        pixels, source = self.of(obj)
        if len(pixels) == 0:
            return ColourReading(0.0, "", "", 0.0, 0, source)
        lch = oklch(pixels)
        inside = wanted.contains(lch)
        expected = inside.copy()
        for also in planned:
            expected |= also.contains(lch)
        shares = {name: float(RANGES[name].contains(lch).mean()) for name in BASIC}
        looks = max(shares, key=lambda n: shares[n])
        others = {
            name: float((RANGES[name].contains(lch) & ~expected).mean())
            for name in BASIC
            if _distinct(RANGES[name], wanted)
        }
        other = max(others, key=lambda n: others[n], default="")
        share = float(inside.mean())
        if source == "painted" and planned:  # a pattern shares the painted part out
            rest = max(int((inside | ~expected).sum()), PATTERN_FLOOR * len(pixels))
            share = float(inside.sum()) / rest
        return ColourReading(
            share,
            looks if shares[looks] > 0 else "",
            other,
            others.get(other, 0.0),
            len(pixels),
            source,
        )


def _centre(hue: tuple[float, float]) -> float:
    lo, hi = hue
    return ((lo + (hi if hi >= lo else hi + 360.0)) / 2.0) % 360.0


def _distinct(colour: ColourRange, wanted: ColourRange) -> bool:
    """True when ``colour`` has a hue clearly apart from ``wanted``'s (more than
    :data:`DISTINCT_HUE` degrees between their middles; any hue, for a grey wanted)."""
    if colour.hue is None:
        return False
    if wanted.hue is None:
        return True
    apart = abs(_centre(colour.hue) - _centre(wanted.hue)) % 360.0
    return min(apart, 360.0 - apart) > DISTINCT_HUE


def _eroded(mask: np.ndarray) -> np.ndarray:
    """``mask`` less its edge pixels (4-neighbours), where edges blend with what is behind."""
    inner = mask.copy()
    inner[1:, :] &= mask[:-1, :]
    inner[:-1, :] &= mask[1:, :]
    inner[:, 1:] &= mask[:, :-1]
    inner[:, :-1] &= mask[:, 1:]
    return inner


def judge_colour(
    value: str,
    mine: Sequence[DrawnObject],
    pixels: InstancePixels,
    planned: Sequence[str] = (),
) -> tuple[str, str]:
    """Return ``(status, reason)`` for "these instances are ``value``", from the pixels;
    ``planned`` are the other colours the plan gives them ("red and white striped").

    ``status`` is ``"satisfied"`` when every instance shows the colour, ``"violated"``
    when one clearly does not, else ``"unknown"`` (a colour name without a range, too
    few pixels, or a share between the two thresholds).
    """
    wanted = colour_range(value)
    if wanted is None:
        return "unknown", f"{value!r} is not a colour the checker can read"
    others = [r for r in map(colour_range, planned) if r is not None]
    readings = [pixels.read(o, wanted, others) for o in mine]
    if any(r.pixels < MIN_PIXELS for r in readings):
        return "unknown", "too little of it shows to read its colour"
    lost = [r for r in readings if r.share < LOST_SHARE[r.source]]
    if lost:
        r = lost[0]
        looks = f"looks {r.looks}" if r.looks else "shows no clear colour"
        some = f"{len(lost)} of {len(readings)}" if len(readings) > 1 else "it"
        return "violated", f"{some} {looks} ({r.share:.0%} of its pixels {value})"
    least = min(r.share for r in readings)
    if any(r.share < KEPT_SHARE[r.source] for r in readings):
        return "unknown", f"only {least:.0%} of the pixels of one read as {value}"
    mixed = max(readings, key=lambda r: r.other_share)
    if mixed.other_share >= OTHER_SHARE:
        return "unknown", (
            f"{value} and {mixed.other} ({mixed.other_share:.0%} {mixed.other}): which part "
            f"is {value} cannot be told from the pixels"
        )
    where = "of its pixels" if len(readings) == 1 else "of each one's pixels"
    return "satisfied", f"reads as {value} (at least {least:.0%} {where})"
