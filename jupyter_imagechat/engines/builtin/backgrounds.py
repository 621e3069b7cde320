"""Backgrounds: cheap gradients and colour bands, one per setting word.

``make_background(name, width, height)`` returns a fresh RGB picture. Unknown names
(and ``None``) give the default: a light sky over a green ground with a ground line.
Backgrounds do not depend on the seed, so a picture's setting stays put between runs.
Each painter puts its ground where the shared table says (:data:`HORIZON` and
:func:`ground_level` are :mod:`jupyter_imagechat.vocab.world`'s), where the layout stands
things.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw

from ...scene import split_background
from ...vocab.world import HORIZON, ground_level
from .daylight import light
from .gradients import bands, dots, ground_line, ground_of
from .scenery import MORE_BACKGROUNDS


def _default(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [
            (0.0, (150, 200, 240)),
            (HORIZON, (214, 234, 250)),
            (HORIZON, (160, 205, 125)),
            (1.0, (112, 168, 92)),
        ],
    )
    ground_line(ImageDraw.Draw(im), w, h, HORIZON, (120, 165, 95))
    return im


def _grass(w: int, h: int) -> Image.Image:
    line = ground_of("grass")
    im = bands(
        w,
        h,
        [
            (0.0, (120, 185, 240)),
            (line, (200, 230, 250)),
            (line, (120, 195, 90)),
            (1.0, (70, 150, 60)),
        ],
    )
    ground_line(ImageDraw.Draw(im), w, h, line, (90, 160, 70))
    return im


def _night(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [
            (0.0, (12, 18, 48)),
            (HORIZON, (45, 60, 110)),
            (HORIZON, (30, 50, 40)),
            (1.0, (15, 30, 25)),
        ],
    )
    draw = ImageDraw.Draw(im)
    dots(draw, w, h, 60, (0.0, HORIZON - 0.05), (250, 250, 220), 1.6, seed=11)
    r = 0.06 * min(w, h)
    draw.ellipse((0.82 * w - r, 0.12 * h - r, 0.82 * w + r, 0.12 * h + r), fill=(245, 240, 200))
    return im


def _space(w: int, h: int) -> Image.Image:
    im = bands(w, h, [(0.0, (5, 5, 20)), (0.6, (20, 10, 45)), (1.0, (8, 8, 25))])
    dots(ImageDraw.Draw(im), w, h, 120, (0.0, 1.0), (255, 255, 235), 1.4, seed=12)
    return im


def _beach(w: int, h: int) -> Image.Image:
    line = ground_of("beach")
    im = bands(
        w,
        h,
        [
            (0.0, (120, 195, 245)),
            (0.45, (210, 238, 252)),
            (0.45, (40, 140, 200)),
            (line, (90, 185, 215)),
            (line, (238, 218, 165)),
            (1.0, (222, 195, 135)),
        ],
    )
    draw = ImageDraw.Draw(im)
    r = 0.07 * min(w, h)
    draw.ellipse((0.15 * w - r, 0.14 * h - r, 0.15 * w + r, 0.14 * h + r), fill=(255, 225, 90))
    return im


def _forest(w: int, h: int) -> Image.Image:
    line = ground_of("forest")
    im = bands(
        w,
        h,
        [
            (0.0, (150, 200, 235)),
            (line, (205, 230, 235)),
            (line, (95, 150, 80)),
            (1.0, (60, 110, 50)),
        ],
    )
    draw = ImageDraw.Draw(im)
    step = w / 9
    for i in range(-1, 11):  # a row of dark fir trees along the horizon
        x = (i + 0.5 * (i % 2)) * step
        top = (0.3 + 0.05 * ((i * 7) % 3)) * h
        draw.polygon(
            [(x, top), (x - step * 0.7, 0.56 * h), (x + step * 0.7, 0.56 * h)],
            fill=(40, 95 + 10 * (i % 3), 55),
        )
    return im


def _snow(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [
            (0.0, (175, 200, 225)),
            (HORIZON, (225, 235, 245)),
            (HORIZON, (245, 248, 252)),
            (1.0, (215, 225, 238)),
        ],
    )
    draw = ImageDraw.Draw(im)
    ground_line(draw, w, h, HORIZON, (200, 212, 228))
    dots(draw, w, h, 70, (0.0, 1.0), (255, 255, 255), 2.0, seed=13)
    return im


def _underwater(w: int, h: int) -> Image.Image:
    line = ground_of("underwater")
    im = bands(
        w,
        h,
        [
            (0.0, (80, 190, 225)),
            (0.75, (20, 85, 150)),
            (line, (30, 75, 120)),
            (line, (205, 185, 130)),
            (1.0, (170, 150, 100)),
        ],
    )
    dots(ImageDraw.Draw(im), w, h, 30, (0.0, 0.75), (170, 225, 245), 2.5, seed=14)
    return im


def _sunset(w: int, h: int) -> Image.Image:
    im = bands(
        w,
        h,
        [
            (0.0, (90, 60, 140)),
            (0.35, (230, 110, 110)),
            (HORIZON, (250, 190, 100)),
            (HORIZON, (95, 70, 80)),
            (1.0, (50, 35, 50)),
        ],
    )
    draw = ImageDraw.Draw(im)
    r = 0.11 * min(w, h)
    cy = HORIZON * h
    draw.pieslice((0.5 * w - r, cy - r, 0.5 * w + r, cy + r), 180, 360, fill=(255, 215, 120))
    return im


def _room(w: int, h: int) -> Image.Image:
    line = ground_of("room")
    im = bands(
        w,
        h,
        [
            (0.0, (236, 226, 208)),
            (line, (226, 214, 192)),
            (line, (190, 145, 100)),
            (1.0, (150, 105, 70)),
        ],
    )
    ground_line(ImageDraw.Draw(im), w, h, line, (160, 120, 85))
    return im


def _classroom(w: int, h: int) -> Image.Image:
    line = ground_of("classroom")
    im = bands(
        w,
        h,
        [
            (0.0, (222, 232, 214)),
            (line, (210, 222, 200)),
            (line, (190, 150, 105)),
            (1.0, (150, 110, 75)),
        ],
    )
    draw = ImageDraw.Draw(im)
    ground_line(draw, w, h, line, (160, 120, 85))
    edge = max(2, round(w / 128))
    draw.rectangle((0.2 * w, 0.08 * h, 0.8 * w, 0.36 * h), fill=(150, 110, 70))
    draw.rectangle(
        (0.2 * w + edge, 0.08 * h + edge, 0.8 * w - edge, 0.36 * h - edge), fill=(45, 85, 65)
    )
    return im


def _desert(w: int, h: int) -> Image.Image:
    line = ground_of("desert")
    return bands(
        w,
        h,
        [
            (0.0, (120, 185, 235)),
            (line, (225, 235, 240)),
            (line, (235, 200, 140)),
            (1.0, (205, 160, 95)),
        ],
    )


def _sky(w: int, h: int) -> Image.Image:
    return bands(w, h, [(0.0, (100, 170, 235)), (1.0, (215, 236, 252))])


BACKGROUNDS: dict[str, Callable[[int, int], Image.Image]] = {
    "default": _default,
    "grass": _grass,
    "field": _grass,
    "park": _grass,
    "meadow": _grass,
    "night": _night,
    "space": _space,
    "beach": _beach,
    "forest": _forest,
    "snow": _snow,
    "underwater": _underwater,
    "sunset": _sunset,
    "room": _room,
    "bedroom": _room,
    "classroom": _classroom,
    "desert": _desert,
    "sky": _sky,
}
BACKGROUNDS.update(MORE_BACKGROUNDS)
"""Setting word -> painter. ``scene.background`` values not listed get ``"default"``."""


def background_key(name: str | None) -> str:
    """Return the :data:`BACKGROUNDS` key used for ``scene.background`` ``name`` (for
    ``"forest at night"``, the place's: ``"forest"``)."""
    return _place_and_time(name)[0]


def _place_and_time(name: str | None) -> tuple[str, str | None]:
    """The :data:`BACKGROUNDS` key of ``name`` and the time of day to light it with."""
    if not name:
        return "default", None
    key = name.strip().lower()
    for prefix in ("the ", "a ", "an ", "at ", "in "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    place, time = split_background(key)
    if place is None:  # "night" alone has a painting of its own
        place, time = key, None
    return (place, time) if place in BACKGROUNDS else ("default", None)


@lru_cache(maxsize=4)
def _cached(key: str, time: str | None, width: int, height: int) -> Image.Image:
    image = BACKGROUNDS[key](width, height)
    return light(image, time, ground_level(key)) if time else image


def make_background(name: str | None, width: int, height: int) -> Image.Image:
    """Return a new RGB background for ``scene.background`` ``name`` at this size: a place,
    or a place at a time of day ("forest at night", see :mod:`.daylight`)."""
    return _cached(*_place_and_time(name), width, height).copy()
