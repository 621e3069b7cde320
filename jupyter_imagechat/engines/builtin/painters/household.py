"""Drawn artwork for household and classroom things that no emoji shows: a roll of sticky
tape, a tube of toothpaste, a tube of paint, a milk carton, a lump of modelling clay, a
jack-in-the-box, a chest of drawers, a pair of pliers, pyjamas, a clothes iron and a music
stand.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = ["HOUSEHOLD_SHAPES", "tube_painter"]

OUT = (60, 60, 70)
W = 10
CLEAR = (0, 0, 0, 0)
STEEL, DARK_STEEL = (185, 190, 200), (110, 115, 125)
WOOD, DARK_WOOD = (190, 140, 80), (120, 80, 40)


def _tape(d: Any) -> None:  # a roll of clear sticky tape, its loose end hanging down
    d.polygon([(400, 300), (452, 300), (446, 470), (400, 450)], fill=(240, 220, 150),
              outline=(190, 160, 90), width=6)  # fmt: skip
    d.ellipse((60, 90, 452, 430), fill=(240, 220, 150), outline=(190, 160, 90), width=W)
    d.ellipse((150, 165, 362, 355), fill=(215, 180, 120), outline=(170, 130, 80), width=W)
    d.ellipse((180, 190, 332, 330), fill=CLEAR, outline=(170, 130, 80), width=8)
    d.arc((90, 115, 422, 405), 200, 260, fill=(255, 245, 210), width=14)  # the shine


def tube_painter(body: tuple[int, int, int], band: tuple[int, int, int], cap: tuple[int, int, int],
          squeezed: tuple[int, int, int]) -> Callable[[Any], None]:  # fmt: skip
    """A squeezable tube lying down, its crimped end left and a blob squeezed out right."""

    def paint(d: Any) -> None:
        d.polygon([(40, 170), (80, 170), (360, 210), (360, 302), (80, 342), (40, 342)],
                  fill=body, outline=OUT, width=W)  # fmt: skip
        for y in range(186, 340, 22):  # the crimp
            d.line([(44, y), (76, y)], fill=OUT, width=4)
        d.polygon([(150, 190), (260, 204), (260, 308), (150, 322)], fill=band)
        d.rounded_rectangle((356, 226, 392, 286), 8, fill=cap, outline=OUT, width=8)
        d.rounded_rectangle((388, 234, 474, 280), 23, fill=squeezed, outline=OUT, width=6)
        d.ellipse((436, 206, 490, 262), fill=squeezed, outline=OUT, width=6)  # squeezed out

    return paint


def _milk_carton(d: Any) -> None:  # a gable-top carton: front, side and roof
    d.polygon([(110, 160), (330, 160), (330, 480), (110, 480)], fill=(250, 250, 250),
              outline=OUT, width=W)  # fmt: skip
    d.polygon([(330, 160), (420, 120), (420, 440), (330, 480)], fill=(215, 220, 230),
              outline=OUT, width=W)  # fmt: skip
    d.polygon([(110, 160), (220, 60), (330, 160)], fill=(90, 150, 220), outline=OUT, width=W)
    d.polygon([(220, 60), (310, 20), (420, 120), (330, 160)], fill=(60, 110, 180), outline=OUT,
              width=W)  # fmt: skip
    d.rectangle((200, 20, 310, 60), fill=(90, 150, 220))
    d.polygon([(200, 20), (310, 20), (220, 60)], fill=(90, 150, 220), outline=OUT, width=6)
    d.rectangle((110, 250, 330, 360), fill=(90, 150, 220))
    d.text((220, 305), "MILK", 72, (255, 255, 255))


def _clay(d: Any) -> None:  # a lumpy ball of modelling clay on a board, a tool beside it
    d.polygon([(20, 440), (90, 370), (492, 370), (422, 440)], fill=WOOD, outline=DARK_WOOD,
              width=8)  # fmt: skip
    lump = [(256 + (170 + 18 * math.sin(5 * a) + 10 * math.cos(3 * a)) * math.cos(a),
             250 + (130 + 14 * math.sin(4 * a)) * math.sin(a)) for a in
            (k * math.pi / 30 for k in range(60))]  # fmt: skip
    lump = [(x, min(y, 405)) for x, y in lump]
    d.polygon(lump, fill=(200, 110, 75), outline=(140, 70, 45), width=W)
    for x, y in ((200, 220), (300, 270), (250, 330)):  # finger marks
        d.ellipse((x - 30, y - 18, x + 30, y + 18), fill=(175, 92, 62))
    d.arc((130, 150, 330, 330), 200, 250, fill=(230, 150, 115), width=14)
    d.line([(400, 420), (490, 330)], fill=DARK_WOOD, width=14)  # a modelling tool
    d.ellipse((474, 310, 500, 340), fill=DARK_WOOD)


def _jack_in_the_box(d: Any) -> None:
    d.rectangle((110, 300, 402, 490), fill=(70, 130, 220), outline=OUT, width=W)
    d.polygon([(110, 300), (160, 260), (452, 260), (402, 300)], fill=(240, 200, 60),
              outline=OUT, width=W)  # fmt: skip
    d.polygon([(402, 300), (452, 260), (452, 450), (402, 490)], fill=(45, 95, 175), outline=OUT,
              width=W)  # fmt: skip
    d.polygon([(110, 300), (60, 200), (130, 210), (160, 260)], fill=(220, 60, 60), outline=OUT,
              width=8)  # the open lid  # fmt: skip
    radii = [60 if k % 2 == 0 else 24 for k in range(10)]  # a five-pointed star
    star = [(256 + r * math.sin(k * math.pi / 5), 400 - r * math.cos(k * math.pi / 5))
            for k, r in enumerate(radii)]  # fmt: skip
    d.polygon(star, fill=(250, 230, 100))
    zigzag = [(256 + (40 if k % 2 else -40), 280 - 22 * k) for k in range(7)]
    d.line(zigzag, fill=DARK_STEEL, width=14)
    d.ellipse((186, 50, 326, 170), fill=(250, 215, 180), outline=OUT, width=W)
    d.polygon([(196, 80), (256, 0), (316, 80)], fill=(70, 130, 220), outline=OUT, width=8)
    d.ellipse((242, 106, 270, 134), fill=(220, 40, 40))
    for x in (226, 286):
        d.ellipse((x - 8, 92, x + 8, 108), fill=(30, 30, 35))
    d.arc((220, 110, 292, 156), 20, 160, fill=(150, 40, 40), width=6)
    d.polygon([(190, 170), (256, 150), (322, 170), (256, 200)], fill=(240, 200, 60))  # the ruff


def _chest_of_drawers(d: Any) -> None:
    d.rectangle((70, 60, 442, 440), fill=WOOD, outline=DARK_WOOD, width=W)
    d.rectangle((50, 40, 462, 80), fill=(160, 110, 60), outline=DARK_WOOD, width=W)
    for y in (100, 210, 320):
        d.rectangle((100, y, 412, y + 94), fill=(205, 160, 100), outline=DARK_WOOD, width=8)
        for x in (190, 322):
            d.ellipse((x - 14, y + 33, x + 14, y + 61), fill=(110, 75, 40))
    for x in (90, 402):
        d.rectangle((x, 440, x + 20, 490), fill=DARK_WOOD)


def _pliers(d: Any) -> None:  # a closed nose up, the pivot, red grips spread down
    for sign in (-1, 1):
        d.polygon([(256 + sign * 140, 490), (256 + sign * 84, 494), (256 - sign * 6, 280),
                   (256 + sign * 36, 270)], fill=(220, 50, 50), outline=OUT, width=8)  # fmt: skip
    d.polygon([(214, 270), (298, 270), (270, 60), (242, 60)], fill=STEEL, outline=DARK_STEEL,
              width=8)  # fmt: skip
    d.line([(256, 70), (256, 230)], fill=DARK_STEEL, width=6)
    for y in range(90, 200, 24):  # the teeth
        d.line([(246, y), (266, y + 8)], fill=DARK_STEEL, width=4)
    d.ellipse((222, 222, 290, 290), fill=STEEL, outline=DARK_STEEL, width=8)


def _pyjamas(d: Any) -> None:  # a striped top and trousers side by side
    blue, stripe = (110, 150, 220), (235, 240, 250)
    d.polygon([(40, 110), (110, 70), (170, 90), (230, 70), (290, 110), (270, 200), (240, 190),
               (240, 420), (80, 420), (80, 190), (60, 200)], fill=blue, outline=OUT,
              width=W)  # fmt: skip
    for x in range(100, 240, 32):
        d.line([(x, 100), (x, 412)], fill=stripe, width=10)
    d.polygon([(130, 78), (165, 140), (200, 78)], fill=(60, 90, 170))  # the collar
    for y in (180, 250, 320):
        d.ellipse((152, y, 170, y + 18), fill=(250, 250, 250), outline=OUT, width=3)
    d.polygon([(310, 100), (480, 100), (490, 480), (410, 480), (395, 220), (380, 480),
               (300, 480)], fill=blue, outline=OUT, width=W)  # fmt: skip
    for x in range(330, 480, 32):
        d.line([(x, 140), (x, 470)], fill=stripe, width=10)
    d.polygon([(380, 482), (395, 220), (410, 482)], fill=CLEAR)  # between the legs
    d.line([(380, 480), (395, 220), (410, 480)], fill=OUT, width=W)
    d.rectangle((310, 100, 480, 136), fill=(60, 90, 170), outline=OUT, width=8)


def _iron(d: Any) -> None:  # a clothes iron: pointed sole plate, handle on top, cord behind
    d.line([(460, 330), (500, 420), (500, 490)], fill=(80, 80, 90), width=12)
    d.polygon([(30, 380), (150, 250), (470, 250), (470, 380)], fill=(80, 150, 220), outline=OUT,
              width=W)  # fmt: skip
    d.polygon([(20, 380), (480, 380), (480, 420), (40, 420)], fill=STEEL, outline=DARK_STEEL,
              width=W)  # fmt: skip
    d.polygon([(180, 250), (230, 110), (460, 110), (440, 250), (390, 250), (400, 160),
               (260, 160), (240, 250)], fill=(60, 110, 180), outline=OUT, width=W)  # fmt: skip
    d.ellipse((300, 290, 360, 350), fill=(250, 250, 250), outline=OUT, width=6)  # the dial
    d.line([(330, 300), (330, 322)], fill=(220, 60, 60), width=6)


def _music_stand(d: Any) -> None:
    d.line([(256, 300), (256, 440)], fill=(50, 50, 55), width=16)
    for x in (120, 392):
        d.line([(256, 430), (x, 500)], fill=(50, 50, 55), width=14)
    d.line([(256, 430), (256, 500)], fill=(50, 50, 55), width=14)
    d.polygon([(60, 40), (452, 40), (472, 300), (40, 300)], fill=(50, 50, 55), outline=(30, 30, 35),
              width=W)  # fmt: skip
    d.polygon([(90, 60), (250, 60), (256, 270), (80, 270)], fill=(250, 250, 245))
    d.polygon([(262, 60), (422, 60), (432, 270), (256, 270)], fill=(250, 250, 245))
    for left, right in ((90, 250), (262, 422)):
        for top in (90, 170):
            for k in range(5):  # a stave of five lines
                d.line([(left + 10, top + 10 * k), (right - 4, top + 10 * k)], fill=OUT, width=2)
            for j, x in enumerate(range(left + 30, right - 20, 40)):
                y = top + 10 * (j % 4)
                d.ellipse((x - 9, y - 6, x + 9, y + 8), fill=(30, 30, 35))
                d.line([(x + 8, y), (x + 8, y - 34)], fill=(30, 30, 35), width=3)
    d.rectangle((40, 290, 472, 320), fill=(70, 70, 75), outline=(30, 30, 35), width=6)


HOUSEHOLD_SHAPES: dict[str, Callable[[Any], None]] = {
    "tape": _tape,
    "sticky tape": _tape,
    "sellotape": _tape,
    "scotch tape": _tape,
    "masking tape": _tape,
    "toothpaste": tube_painter((250, 250, 250), (60, 120, 210), (220, 60, 60), (250, 250, 250)),
    "paint tube": tube_painter((200, 205, 215), (220, 60, 60), (40, 40, 45), (220, 60, 60)),
    "milk carton": _milk_carton,
    "carton": _milk_carton,
    "clay": _clay,
    "jack in the box": _jack_in_the_box,
    "chest of drawers": _chest_of_drawers,
    "pliers": _pliers,
    "pyjamas": _pyjamas,
    "pajamas": _pyjamas,
    "iron": _iron,
    "music stand": _music_stand,
}
"""Noun -> painter for household and classroom things with no fitting emoji."""
