"""Sprites: artwork rendered at its drawn size, recoloured, finished, turned, outlined.

Every sprite is kept in :data:`SPRITES`, keyed by everything it depends on, so redrawing
a scene (an edit, a storyboard frame, many instances of one noun) costs little, and the
same entity always looks the same.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from PIL import Image, ImageDraw, ImageFilter

from .artwork import MAIN_HUE, artwork_aspect, render_artwork
from .catalogue import FACES_RIGHT
from .finish import apply_finish, supported
from .labels import card_picture
from .recolor import recolor
from .styles import outline_sprite

RGB = tuple[int, int, int]


class SpriteCache:
    """A least-recently-used cache of pictures, bounded by their total pixel count.

    Safe to share between threads; callers must not modify the pictures it returns.
    """

    def __init__(self, max_pixels: int) -> None:
        self.max_pixels = max_pixels
        self._items: OrderedDict[Hashable, Image.Image] = OrderedDict()
        self._pixels = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Image.Image]) -> Image.Image:
        """Return the picture for ``key``, making (and keeping) it if needed."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        made = make()
        with self._lock:
            if key not in self._items:
                self._items[key] = made
                self._pixels += made.width * made.height
            while self._pixels > self.max_pixels and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._pixels -= old.width * old.height
        return made

    def clear(self) -> None:
        """Forget every picture."""
        with self._lock:
            self._items.clear()
            self._pixels = 0


SPRITES = SpriteCache(max_pixels=24_000_000)
"""Rendered artwork, placeholders and shadows (about 96 MB at most)."""


def fitted_size(name: str, w: int, h: int, stretch: float = 1.1) -> tuple[int, int]:
    """Return the size ``name``'s artwork is drawn at inside ``w`` x ``h``.

    The aspect ratio is kept, then the short side may grow by up to ``stretch`` times
    towards the box, so that pictures fill their boxes better without looking squashed.
    """
    aspect = artwork_aspect(name) or 1.0
    scale = min(w / aspect, h)
    sw = min(w, aspect * scale * stretch)
    sh = min(h, scale * stretch)
    return max(1, round(sw)), max(1, round(sh))


def faces_right(name: str) -> bool:
    """Whether the artwork of ``name`` looks to the right (most Noto animals and vehicles
    look left)."""
    return name in FACES_RIGHT


def artwork_sprite(
    name: str,
    rgb: RGB | None,
    w: int,
    h: int,
    stretch: float = 1.1,
    *,
    material: str | None = None,
    pattern: str | None = None,
    second: RGB | None = None,
    flip: bool = False,
    outline: int = 0,
) -> Image.Image:
    """Return the artwork of ``name`` fitted inside ``w`` x ``h`` (see :func:`fitted_size`).

    Parameters
    ----------
    rgb : (int, int, int), optional
        Colour for the main part (shading and outlines kept).
    material, pattern : str, optional
        ``"wooden"``, ``"glass"``, ``"striped"``... (see :mod:`.finish`).
    second : (int, int, int), optional
        A pattern's second colour.
    flip : bool
        Mirror left to right (to face the other way).
    outline : int
        Width of a dark rim around the picture, in pixels (0: none).
    """
    if not supported(material, pattern):
        material = pattern = None

    def make() -> Image.Image:
        sw, sh = fitted_size(name, w, h, stretch)
        art = render_artwork(name, sw, sh)
        hint = MAIN_HUE.get(name)
        if rgb is not None:
            art = recolor(art, rgb, hint)
        art = apply_finish(art, material, pattern, rgb is not None, second, hint)
        if flip:
            art = art.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        if outline:
            art = outline_sprite(art, outline)
        return art

    key = ("art", name, rgb, w, h, stretch, material, pattern, second, flip, outline)
    return SPRITES.get(key, make)


def placeholder_sprite(
    name: str, rgb: RGB | None, w: int, h: int, text: str | None = None
) -> Image.Image:
    """Return a rounded, softly coloured card of ``w`` x ``h`` with ``name`` written on it
    (and ``text``, the words written on the thing, if any)."""
    w, h = max(w, 8), max(h, 8)
    return SPRITES.get(("card", name, rgb, w, h, text), lambda: card_picture(name, rgb, w, h, text))


def shadow_sprite(w: int, h: int) -> Image.Image:
    """Return a blurred ellipse alpha mask of about ``w`` x ``h`` (with room for the blur)."""
    return SPRITES.get(("shadow", w, h), lambda: _shadow(w, h))


def _shadow(w: int, h: int) -> Image.Image:
    pad = max(2, h // 2)
    mask = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    ImageDraw.Draw(mask).ellipse((pad, pad, pad + w, pad + h), fill=70)
    return mask.filter(ImageFilter.GaussianBlur(max(1, h / 3)))
