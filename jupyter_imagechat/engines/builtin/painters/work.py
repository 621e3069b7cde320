"""Drawn artwork for what people at work hold or stand beside, and for a few places, where
emoji shows them: a postman's mail bag, a waiter's tray, a cash register, a beehive (a
straw skep), binoculars, a decorator's paint roller, a carpenter's saw and plank, a
swimming pool, a running track and Big Ben (a clock tower).

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10
STEEL, DARK_STEEL = (185, 190, 200), (110, 115, 125)
CLEAR = (0, 0, 0, 0)
STONE, DARK_STONE = (215, 190, 130), (150, 125, 75)


def _mail_bag(d: Any) -> None:  # a red satchel on its strap, letters peeping out
    red, dark = (210, 50, 50), (140, 30, 30)
    strap = [(60, 230), (180, 20), (330, 20), (452, 230)]
    d.line(strap, fill=(110, 70, 40), width=14, joint="curve")
    for x, tilt in ((190, -14), (280, 12)):
        d.polygon([(x, 190), (x + 90, 190 + tilt), (x + 96, 120 + tilt), (x + 6, 120)],
                  fill=(250, 250, 245), outline=OUT, width=6)  # fmt: skip
        d.line([(x + 6, 124), (x + 50, 160 + tilt / 2), (x + 94, 122 + tilt)], fill=OUT, width=4)
    d.rounded_rectangle((40, 170, 472, 450), 30, fill=red, outline=dark, width=W)
    d.polygon([(40, 176), (472, 176), (450, 320), (62, 320)], fill=(190, 40, 40), outline=dark,
              width=W)  # the flap  # fmt: skip
    d.rectangle((196, 340, 316, 420), fill=(250, 250, 245), outline=OUT, width=6)  # a letter
    d.line([(196, 340), (256, 384), (316, 340)], fill=OUT, width=6)
    d.rounded_rectangle((236, 300, 276, 336), 8, fill=(240, 200, 60), outline=OUT, width=6)


def _tray(d: Any) -> None:  # a serving tray with a rim and hand holes, seen from above
    d.polygon([(70, 180), (442, 180), (500, 380), (12, 380)], fill=(150, 100, 55), outline=OUT,
              width=W)  # fmt: skip
    d.polygon([(100, 200), (412, 200), (460, 360), (52, 360)], fill=(200, 150, 90))
    d.polygon([(12, 380), (500, 380), (500, 410), (12, 410)], fill=(120, 80, 40), outline=OUT,
              width=8)  # fmt: skip
    for x0 in (40, 424):
        d.rounded_rectangle((x0, 386, x0 + 48, 404), 9, fill=(60, 40, 20))
    d.arc((90, 214, 422, 350), 200, 250, fill=(225, 185, 130), width=10)


def _cash_register(d: Any) -> None:
    d.rectangle((60, 400, 452, 480), fill=(150, 155, 165), outline=OUT, width=W)  # the drawer
    d.rounded_rectangle((226, 430, 286, 450), 8, fill=(80, 80, 90))
    d.polygon([(80, 400), (140, 200), (372, 200), (432, 400)], fill=(70, 75, 90), outline=OUT,
              width=W)  # fmt: skip
    for row in range(4):
        for col in range(4 + row % 2):
            x = 256 - (3 + row % 2) * 27 + 54 * col - 20
            y = 222 + 42 * row
            d.rounded_rectangle((x, y, x + 40, y + 30), 6, fill=(225, 228, 235))
    d.rectangle((290, 120, 320, 200), fill=(70, 75, 90))
    d.rounded_rectangle((200, 40, 440, 130), 14, fill=(70, 75, 90), outline=OUT, width=W)
    d.rectangle((220, 60, 420, 110), fill=(60, 200, 120))
    d.text((320, 86), "1.99", 48, (20, 60, 30))


def _beehive(d: Any) -> None:  # a straw skep of coiled bands, its door at the foot, bees
    straw, edge = (235, 190, 80), (170, 120, 40)
    bands = [(60, 452), (80, 392), (100, 332), (130, 272), (166, 212), (206, 152)]
    for k, (x0, y1) in enumerate(bands):
        d.rounded_rectangle((x0, y1 - 76, 512 - x0, y1), 38, fill=straw, outline=edge, width=8)
        if k == len(bands) - 1:
            d.ellipse((x0, y1 - 120, 512 - x0, y1 - 30), fill=straw, outline=edge, width=8)
    d.rectangle((40, 452, 472, 476), fill=(150, 100, 55), outline=OUT, width=6)
    d.chord((210, 380, 302, 500), 180, 360, fill=(60, 40, 20))
    for x, y in ((430, 150), (90, 210)):  # bees
        d.ellipse((x - 26, y - 16, x + 26, y + 16), fill=(240, 200, 40), outline=OUT, width=5)
        d.line([(x - 4, y - 14), (x - 4, y + 14)], fill=OUT, width=6)
        d.line([(x + 10, y - 12), (x + 10, y + 12)], fill=OUT, width=6)
        d.ellipse((x - 18, y - 40, x + 4, y - 14), fill=(220, 235, 250), outline=OUT, width=3)


def _binoculars(d: Any) -> None:  # two barrels joined by a bridge, big lenses at the front
    dark, rim = (55, 60, 70), (30, 32, 38)
    for x in (150, 362):
        d.rounded_rectangle((x - 56, 60, x + 56, 200), 20, fill=(90, 95, 105), outline=rim,
                            width=W)  # the eyepieces  # fmt: skip
        d.rounded_rectangle((x - 96, 180, x + 96, 470), 40, fill=dark, outline=rim, width=W)
        d.ellipse((x - 80, 330, x + 80, 490), fill=(120, 170, 220), outline=rim, width=W)
        d.arc((x - 60, 350, x + 60, 470), 200, 260, fill=(230, 240, 250), width=10)
    d.rectangle((246, 200, 266, 320), fill=dark)
    d.rounded_rectangle((226, 150, 286, 260), 16, fill=(90, 95, 105), outline=rim, width=8)


def _paint_roller(d: Any) -> None:  # a roller wet with paint on a bent handle
    d.line([(420, 230), (460, 230), (460, 300), (256, 330), (256, 380)], fill=STEEL, width=14)
    d.rounded_rectangle((226, 370, 286, 500), 24, fill=(60, 60, 70), outline=OUT, width=8)
    d.rounded_rectangle((40, 160, 430, 290), 40, fill=(70, 130, 220), outline=OUT, width=W)
    d.rounded_rectangle((60, 180, 410, 214), 16, fill=(120, 170, 240))
    for x in (120, 260):  # drips
        d.rounded_rectangle((x, 280, x + 24, 330 + x // 6), 12, fill=(70, 130, 220))


def _saw_and_plank(d: Any) -> None:  # a hand saw cutting into a plank
    d.polygon([(10, 330), (502, 250), (502, 330), (10, 410)], fill=(215, 170, 110),
              outline=(130, 90, 50), width=W)  # fmt: skip
    for y in (350, 380):  # the grain
        d.line([(40, y), (200, y - 26)], fill=(180, 130, 80), width=5)
    d.polygon([(170, 80), (470, 250), (460, 290), (180, 230)], fill=STEEL, outline=DARK_STEEL,
              width=8)  # the blade, wide at the handle  # fmt: skip
    for k in range(12):  # the teeth along its lower edge
        x, y = 186 + 23 * k, 232 + 5 * k
        d.polygon([(x, y), (x + 23, y + 5), (x + 8, y + 22)], fill=DARK_STEEL)
    d.rounded_rectangle((60, 60, 200, 250), 40, fill=(180, 60, 40), outline=OUT, width=W)
    d.rounded_rectangle((100, 110, 160, 200), 20, fill=CLEAR, outline=OUT, width=6)
    for x, y in ((300, 320), (330, 330), (280, 340)):  # sawdust
        d.ellipse((x - 7, y - 7, x + 7, y + 7), fill=(235, 200, 140))


def _swimming_pool(d: Any) -> None:  # lying on the ground: tiled edge, lane ropes, a ladder
    d.polygon([(70, 170), (442, 170), (506, 400), (6, 400)], fill=(235, 235, 230),
              outline=(150, 150, 150), width=W)  # fmt: skip
    d.polygon([(92, 186), (420, 186), (470, 380), (42, 380)], fill=(70, 170, 230),
              outline=(40, 120, 180), width=8)  # fmt: skip
    for y in (230, 280, 330):  # lane ropes, from side to side
        half = 164 + (y - 186) * 50 / 194
        for x in range(int(256 - half) + 12, int(256 + half) - 12, 22):
            colour = (220, 50, 50) if (x // 22) % 2 else (250, 250, 250)
            d.ellipse((x, y - 6, x + 14, y + 8), fill=colour)
    for x, y in ((150, 205), (330, 360), (380, 208)):  # ripples
        d.arc((x - 40, y - 8, x + 40, y + 12), 200, 340, fill=(170, 220, 250), width=6)
    for x in (380, 416):  # the ladder's rails over the far edge
        d.arc((x - 18, 120, x + 18, 190), 180, 360, fill=STEEL, width=9)
        d.line([(x + 18, 155), (x + 18, 220)], fill=STEEL, width=9)
    d.line([(398, 192), (434, 192)], fill=STEEL, width=7)


def _running_track(d: Any) -> None:  # lying on the ground: a red oval, white lanes, grass
    d.rounded_rectangle((6, 170, 506, 400), 115, fill=(200, 90, 70), outline=(150, 60, 45),
                        width=8)  # fmt: skip
    for k in range(1, 4):
        inset = 16 * k
        d.rounded_rectangle((6 + inset * 1.4, 170 + inset, 506 - inset * 1.4, 400 - inset),
                            115 - inset, outline=(250, 250, 250), width=4)  # fmt: skip
    d.rounded_rectangle((96, 238, 416, 332), 47, fill=(90, 170, 80), outline=(250, 250, 250),
                        width=6)  # fmt: skip
    d.line([(300, 332), (300, 400)], fill=(250, 250, 250), width=8)  # the finish line


def _clock_tower(d: Any) -> None:  # Big Ben: a tall stone tower, its clock, a pointed spire
    d.rectangle((186, 210, 326, 500), fill=STONE, outline=DARK_STONE, width=W)
    for x in (210, 256, 302):  # tall windows
        d.line([(x, 320), (x, 480)], fill=DARK_STONE, width=8)
    d.rectangle((170, 110, 342, 230), fill=STONE, outline=DARK_STONE, width=W)
    d.ellipse((196, 126, 316, 226), fill=(250, 245, 225), outline=(80, 70, 50), width=8)
    for k in range(12):
        a = math.radians(30 * k)
        d.line([(256 + 48 * math.cos(a), 176 + 40 * math.sin(a)),
                (256 + 56 * math.cos(a), 176 + 46 * math.sin(a))], fill=OUT, width=4)  # fmt: skip
    d.line([(256, 176), (256, 140)], fill=(30, 30, 35), width=6)
    d.line([(256, 176), (284, 176)], fill=(30, 30, 35), width=6)
    d.polygon([(170, 110), (256, 20), (342, 110)], fill=(70, 90, 80), outline=OUT, width=W)
    d.line([(256, 30), (256, 0)], fill=(200, 170, 60), width=8)
    d.rectangle((160, 200, 352, 214), fill=DARK_STONE)


WORK_SHAPES: dict[str, Callable[[Any], None]] = {
    "mail bag": _mail_bag,
    "tray": _tray,
    "cash register": _cash_register,
    "beehive": _beehive,
    "hive": _beehive,
    "binoculars": _binoculars,
    "paint roller": _paint_roller,
    "saw and plank": _saw_and_plank,
    "swimming pool": _swimming_pool,
    "running track": _running_track,
    "big ben": _clock_tower,
    "clock tower": _clock_tower,
}
"""Noun -> painter for work things and places with no fitting emoji."""
