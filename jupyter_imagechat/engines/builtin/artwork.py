"""Which picture stands for which noun, and rasterising it crisply at any size.

The noun -> emoji table lives in :mod:`.catalogue` (:data:`ARTWORK`). Each emoji ships
as Noto Emoji's vector artwork (``assets/noto-emoji/<stem>.svgz``, Apache-2.0, see
``assets/ATTRIBUTION.md``) and is rendered by `resvg <https://github.com/linebender/resvg>`_
(the ``resvg-py`` wheel) straight at the size it is drawn, so a 2048 px picture is as
sharp as a 256 px one. Nouns with no fitting emoji are drawn by the painters in
:mod:`.painted`, supersampled at the size needed. Any other noun gets a labelled card.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...vocab.world import IN_THE_AIR
from .catalogue import ARTWORK, MAIN_HUE, PERSON_KINDS, stem_of
from .painted import SHAPES, drawn_artwork
from .painters.maths import DRAWN_FROM

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "ARTWORK",
    "ASSET_DIR",
    "IN_THE_AIR",
    "MAIN_HUE",
    "artwork_aspect",
    "artwork_for",
    "artwork_names",
    "has_artwork",
    "load_artwork",
    "render_artwork",
]

ASSET_DIR = Path(__file__).parent / "assets" / "noto-emoji"
"""Folder of the shipped vector artwork (gzip-compressed SVG)."""

_VIEWBOX = re.compile(r'viewBox="([-\d.eE]+)[ ,]+([-\d.eE]+)[ ,]+([-\d.eE]+)[ ,]+([-\d.eE]+)"')
MAX_RENDER = 4096
"""Largest side, in pixels, artwork is ever rendered at."""


def has_artwork(name: str) -> bool:
    """Return True if ``name`` (a canonical noun) has a picture; else it gets a card.

    Pictures are an emoji (:data:`ARTWORK`) or a drawn shape (:data:`.painted.SHAPES`).
    """
    return name in ARTWORK or name in SHAPES


def artwork_names() -> list[str]:
    """Return the nouns that have a picture (emoji or drawn), sorted."""
    return sorted(set(ARTWORK) | set(SHAPES))


def artwork_for(name: str, attributes: dict[str, str] | None = None) -> str:
    """Return the noun whose picture draws this entity.

    A ``person`` with a ``kind`` ("man", "girl", "grandma"...) is drawn as that kind (an
    old one when its ``detail`` says old and there is such a picture: "an old man"); a
    noun whose ``kind`` (or a ``detail``, ``shape`` or ``size`` word) names a more exact
    picture ("alarm" clock, "crescent" moon, "long" drum) as that picture; everything else
    as its own name. A container holding ``contents`` whose fill is drawn ("water" in a
    glass), or whose ``kind`` is such a stuff, is drawn filled: ``"glass of water"``,
    ``"yoghurt pot"`` (see :mod:`.painters.containers`).
    """
    kind = (attributes or {}).get("kind", "")
    words = (attributes or {}).get("contents", "").split()
    for start in range(len(words)):  # "red jam": "jam"
        if has_artwork(filled := f"{name} of {' '.join(words[start:])}"):
            return filled
    if name == "person" and PERSON_KINDS.get(kind) in ARTWORK:
        old = {"old", "elderly", "aged"} & set((attributes or {}).get("detail", "").split())
        if old and has_artwork(f"old {PERSON_KINDS[kind]}"):  # "an old woman"
            return f"old {PERSON_KINDS[kind]}"
        return PERSON_KINDS[kind]
    if kind and has_artwork(f"{kind} {name}"):  # "alarm clock", "crescent moon"
        return f"{kind} {name}"
    for key in ("detail", "shape", "size", *DRAWN_FROM):  # "a long drum", "3/4 pizza"
        for word in (attributes or {}).get(key, "").split():
            if has_artwork(f"{word} {name}"):
                return f"{word} {name}"
    return name


@lru_cache(maxsize=1024)
def _svg(name: str) -> str:
    path = ASSET_DIR / f"{stem_of(ARTWORK[name])}.svgz"
    if not path.is_file():
        raise FileNotFoundError(
            f"artwork file {path} is missing; reinstall jupyter-imagechat or run "
            "scripts/build_artwork.py"
        )
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def _rasterise(svg: str, width: int, height: int) -> Image.Image:
    from PIL import Image

    try:
        import resvg_py
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ImportError(
            "the built-in engine renders its artwork with resvg: pip install resvg-py"
        ) from exc
    data = resvg_py.svg_to_bytes(svg_string=svg, width=width, height=height, skip_system_fonts=True)
    with Image.open(io.BytesIO(bytes(data))) as im:
        return im.convert("RGBA")


@lru_cache(maxsize=1)
def _shipped_boxes() -> dict[str, list[float]]:
    path = ASSET_DIR / "crop_boxes.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=1024)
def crop_box(name: str) -> tuple[float, float, float, float]:
    """Return the visible part of ``name``'s artwork as fractions ``(x0, y0, x1, y1)``
    of its full square (emoji leave a margin, and many are wider than tall).

    Emoji read it from ``crop_boxes.json`` (written by ``scripts/build_artwork.py``);
    drawn shapes, and emoji missing there, are rendered at 256 px to find it.
    """
    if name in ARTWORK:
        known = _shipped_boxes().get(stem_of(ARTWORK[name]))
        if known:
            x0, y0, x1, y1 = known
            return (x0, y0, x1, y1)
    full = _full_square(name, 256)
    alpha = full.getchannel("A").point(lambda a: 255 if a > 8 else 0)
    box = alpha.getbbox() or (0, 0, 256, 256)
    return (box[0] / 256, box[1] / 256, box[2] / 256, box[3] / 256)


def _full_square(name: str, side: int) -> Image.Image:
    if name in ARTWORK:
        return _rasterise(_svg(name), side, side)
    return drawn_artwork(name, side)


def render_artwork(name: str, width: int, height: int) -> Image.Image:
    """Return the visible part of ``name``'s artwork rendered at ``width`` x ``height``.

    Pass a size of the artwork's own aspect (:func:`artwork_aspect`) to avoid stretching.
    Emoji are rendered from their vector form at exactly this size (only the visible
    part: the SVG's view box is narrowed to it); drawn shapes are painted at twice the
    size and shrunk.
    """
    width, height = max(1, int(width)), max(1, int(height))
    x0, y0, x1, y1 = crop_box(name)
    if name in ARTWORK:
        svg = _svg(name)
        found = _VIEWBOX.search(svg)
        if found:
            vx, vy, vw, vh = (float(v) for v in found.groups())
            box = f"{vx + x0 * vw:.3f} {vy + y0 * vh:.3f} {(x1 - x0) * vw:.3f} {(y1 - y0) * vh:.3f}"
            svg = (
                svg[: found.start()]
                + f'viewBox="{box}" preserveAspectRatio="none"'
                + svg[found.end() :]
            )
            return _rasterise(svg, width, height)
    from PIL import Image

    side = min(MAX_RENDER, max(8, round(max(width / (x1 - x0), height / (y1 - y0)))))
    full = _full_square(name, side)
    part = full.crop((round(x0 * side), round(y0 * side), round(x1 * side), round(y1 * side)))
    return part.resize((width, height), Image.Resampling.LANCZOS)


@lru_cache(maxsize=64)
def load_artwork(name: str) -> Image.Image:
    """Return the artwork of ``name`` as RGBA at 256 px on its long side, cropped to its
    visible pixels. Cached and shared: callers must not modify it.

    Raises
    ------
    KeyError
        If ``name`` has no artwork (see :func:`has_artwork`).
    FileNotFoundError
        If the package was installed without its assets.
    """
    if not has_artwork(name):
        raise KeyError(name)
    aspect = artwork_aspect(name) or 1.0
    if aspect >= 1:
        return render_artwork(name, 256, max(1, round(256 / aspect)))
    return render_artwork(name, max(1, round(256 * aspect)), 256)


def artwork_aspect(name: str) -> float | None:
    """Return width / height of the picture of ``name``, or None if it has none.

    Layout code may use it to give each thing a box of its natural shape.
    """
    if not has_artwork(name):
        return None
    x0, y0, x1, y1 = crop_box(name)
    return (x1 - x0) / max(y1 - y0, 1e-6)
