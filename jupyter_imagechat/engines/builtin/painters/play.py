"""Drawn artwork for toys, play and a few more things no emoji shows: a bubble wand, a
kaleidoscope, a rocking horse, a doll's house, a tree house, a painted handprint, a power
drill, a roof, a pagoda and a thistle.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10
WOOD, DARK_WOOD = (190, 140, 80), (120, 80, 40)
GLASS = (160, 205, 235)


def _bubble_wand(d: Any) -> None:  # a stick with a ring, blowing bubbles
    d.line([(120, 490), (250, 260)], fill=(220, 80, 160), width=20)
    d.ellipse((220, 130, 360, 270), outline=(220, 80, 160), width=18)
    for x, y, r in ((400, 120, 50), (330, 50, 30), (460, 230, 34), (440, 40, 22)):
        d.ellipse((x - r, y - r, x + r, y + r), fill=(225, 240, 252), outline=(140, 180, 230),
                  width=6)  # fmt: skip
        d.arc((x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7), 200, 260,
              fill=(255, 255, 255), width=6)  # fmt: skip


def _kaleidoscope(d: Any) -> None:  # a patterned tube, its coloured end showing a star
    d.polygon([(40, 230), (360, 170), (360, 350), (40, 290)], fill=(130, 80, 200), outline=OUT,
              width=W)  # fmt: skip
    for x in (120, 200, 280):
        d.line([(x, 232 - (x - 40) * 0.19), (x, 288 + (x - 40) * 0.19)], fill=(250, 210, 60),
               width=10)  # fmt: skip
    d.ellipse((320, 160, 490, 360), fill=(250, 250, 250), outline=OUT, width=W)
    colours = [(230, 60, 60), (250, 200, 50), (70, 160, 220), (120, 200, 90)]
    for k in range(8):
        d.pieslice((340, 180, 470, 340), k * 45, k * 45 + 45, fill=colours[k % 4])
    d.ellipse((390, 240, 420, 280), fill=(255, 255, 255))


def _rocking_horse(d: Any) -> None:
    d.arc((20, 180, 492, 480), 30, 150, fill=(200, 50, 50), width=22)  # the rocker
    for x0, x1 in ((150, 110), (200, 190), (330, 330), (380, 410)):  # legs to the rocker
        d.line([(x0, 300), (x1, 448)], fill=(240, 235, 225), width=20)
    d.ellipse((120, 200, 410, 320), fill=(245, 240, 230), outline=OUT, width=W)  # the body
    d.polygon([(330, 230), (370, 110), (430, 110), (420, 240)], fill=(245, 240, 230),
              outline=OUT, width=W)  # the neck  # fmt: skip
    d.polygon([(380, 100), (392, 50), (412, 96)], fill=(245, 240, 230), outline=OUT, width=6)
    head = [(430 + 62 * math.cos(a) * math.cos(0.35) - 34 * math.sin(a) * math.sin(0.35),
             125 + 62 * math.cos(a) * math.sin(0.35) + 34 * math.sin(a) * math.cos(0.35))
            for a in (k * math.pi / 18 for k in range(36))]  # a long head, nose down  # fmt: skip
    d.polygon(head, fill=(245, 240, 230), outline=OUT, width=W)
    d.rectangle((372, 112, 428, 150), fill=(245, 240, 230))
    d.polygon([(372, 96), (336, 236), (356, 240), (392, 92)], fill=(140, 80, 40))  # the mane
    d.ellipse((420, 104, 438, 122), fill=(30, 30, 35))
    d.polygon([(130, 230), (60, 300), (90, 300), (140, 260)], fill=(140, 80, 40))  # the tail
    d.rectangle((220, 196, 300, 220), fill=(200, 50, 50))  # the saddle
    for x, y in ((180, 250), (260, 280), (300, 240)):  # dapples
        d.ellipse((x - 14, y - 10, x + 14, y + 10), fill=(200, 200, 205))


def _dolls_house(d: Any) -> None:  # a house with its front open on four small rooms
    d.polygon([(40, 180), (256, 30), (472, 180)], fill=(220, 80, 90), outline=OUT, width=W)
    d.rectangle((60, 180, 452, 490), fill=(250, 240, 220), outline=OUT, width=W)
    rooms = [
        (70, 190, 251, 330, (250, 220, 230)),
        (261, 190, 442, 330, (210, 235, 250)),
        (70, 340, 251, 480, (230, 245, 210)),
        (261, 340, 442, 480, (250, 240, 190)),
    ]
    for x0, y0, x1, y1, wall in rooms:
        d.rectangle((x0, y0, x1, y1), fill=wall)
        d.rectangle((x0, y1 - 12, x1, y1), fill=WOOD)
    d.rectangle((90, 270, 170, 318), fill=(120, 140, 210))  # a bed
    d.rectangle((300, 280, 380, 318), fill=(150, 100, 60))  # a table
    d.rectangle((100, 400, 150, 468), fill=(200, 90, 90))  # a chair
    d.rectangle((300, 380, 400, 440), fill=GLASS, outline=OUT, width=4)  # a window
    d.line([(256, 180), (256, 490)], fill=OUT, width=W)
    d.line([(60, 335), (452, 335)], fill=OUT, width=W)


def _tree_house(d: Any) -> None:  # a hut among the branches, a ladder up the trunk
    d.rectangle((226, 260, 286, 500), fill=(130, 85, 45), outline=(90, 55, 25), width=8)
    d.ellipse((40, 20, 472, 300), fill=(80, 160, 70), outline=(50, 110, 45), width=W)
    d.rectangle((150, 170, 362, 300), fill=WOOD, outline=DARK_WOOD, width=W)
    d.polygon([(130, 175), (256, 90), (382, 175)], fill=(180, 60, 50), outline=OUT, width=W)
    d.rectangle((190, 200, 250, 260), fill=GLASS, outline=OUT, width=6)
    d.rectangle((280, 200, 330, 300), fill=DARK_WOOD)
    for x in (310, 360):  # the ladder
        d.line([(x, 300), (x + 20, 500)], fill=DARK_WOOD, width=10)
    for y in range(330, 500, 40):
        d.line([(310 + (y - 300) / 10, y), (360 + (y - 300) / 10, y)], fill=DARK_WOOD, width=8)


def _handprint(d: Any) -> None:  # a hand printed in paint: palm and five fingers
    paint = (230, 70, 90)
    d.ellipse((130, 220, 390, 480), fill=paint)
    for cx, top, angle in ((150, 190, -35), (200, 60, -8), (260, 40, 0), (318, 60, 8),
                           (370, 110, 15)):  # fmt: skip
        length = 190 if top > 150 else 200
        rad = math.radians(angle)
        x2, y2 = cx + length * math.sin(rad) * 0.2, top
        d.line([(cx + (40 if angle < -20 else 0), 300), (x2, y2 + 30)], fill=paint, width=56)
        d.ellipse((x2 - 28, y2 + 2, x2 + 28, y2 + 58), fill=paint)
    d.line([(170, 330), (250, 310), (340, 318)], fill=(200, 50, 75), width=7)  # palm creases
    d.line([(210, 400), (300, 360), (350, 300)], fill=(200, 50, 75), width=7)
    for x, y in ((220, 250), (300, 380), (180, 420)):  # where the paint is thin
        d.ellipse((x - 14, y - 10, x + 14, y + 10), fill=(245, 150, 160))


def _drill(d: Any) -> None:  # a cordless drill: body, bit, handle, battery
    d.rectangle((60, 200, 110, 230), fill=(150, 155, 165))  # the bit
    d.polygon([(110, 180), (160, 170), (160, 260), (110, 250)], fill=(60, 60, 70))  # the chuck
    d.rounded_rectangle((150, 140, 440, 280), 50, fill=(240, 170, 40), outline=OUT, width=W)
    d.polygon([(290, 260), (380, 260), (400, 420), (300, 420)], fill=(60, 60, 70), outline=OUT,
              width=W)  # the handle  # fmt: skip
    d.rounded_rectangle((250, 410, 440, 480), 14, fill=(240, 170, 40), outline=OUT, width=W)
    d.rounded_rectangle((270, 270, 300, 320), 8, fill=(200, 50, 50))  # the trigger
    d.line([(30, 215), (60, 215)], fill=(150, 155, 165), width=10)


def _roof(d: Any) -> None:  # a pitched roof of tiles with a chimney
    d.rectangle((340, 60, 400, 180), fill=(180, 90, 70), outline=OUT, width=8)
    d.polygon([(20, 400), (130, 150), (382, 150), (492, 400)], fill=(190, 80, 60), outline=OUT,
              width=W)  # fmt: skip
    for k in range(1, 6):  # rows of tiles, each half a tile along from the last
        y0, y1 = 150 + 50 * (k - 1), 150 + 50 * k
        left = 20 + (400 - y1) * 110 / 250
        if k < 5:
            d.line([(left, y1), (512 - left, y1)], fill=(140, 55, 40), width=6)
        inner = 20 + (400 - y0) * 110 / 250 + 10
        for x in range(int(inner) + 25 * (k % 2), int(512 - inner), 50):
            d.line([(x, y0), (x, y1)], fill=(140, 55, 40), width=4)
    d.rectangle((20, 400, 492, 420), fill=(120, 60, 40))


def _pagoda(d: Any) -> None:  # tiers of flared red roofs narrowing upwards
    d.line([(256, 80), (256, 10)], fill=(220, 180, 60), width=10)
    for k in range(4):
        half, y = 210 - 40 * k, 440 - 95 * k
        d.rectangle((256 - half + 50, y - 60, 256 + half - 50, y), fill=(250, 235, 210),
                    outline=OUT, width=6)  # fmt: skip
        left, right = 256 - half, 256 + half
        eave = [(left - 20, y - 70), (left + 40, y - 100), (right - 40, y - 100),
                (right + 20, y - 70), (right - 30, y - 56), (left + 30, y - 56)]  # fmt: skip
        d.polygon(eave, fill=(200, 50, 40), outline=OUT, width=6)
    d.rectangle((210, 380, 302, 440), fill=(150, 40, 30))  # the door
    d.rectangle((40, 440, 472, 470), fill=(180, 170, 150), outline=OUT, width=6)


def _thistle(d: Any) -> None:  # a purple tuft on a spiky green head, spiky leaves
    d.line([(256, 250), (256, 500)], fill=(80, 130, 70), width=16)
    for sx in (-1, 1):
        leaf = [(256, 400), (256 + sx * 70, 330), (256 + sx * 90, 370), (256 + sx * 150, 320),
                (256 + sx * 150, 380), (256 + sx * 200, 370), (256, 430)]  # fmt: skip
        d.polygon(leaf, fill=(90, 150, 80), outline=(50, 100, 45), width=6)
    for k in range(-5, 6):  # the purple tuft
        d.line([(256, 160), (256 + 22 * k, 40 + abs(k) * 10)], fill=(160, 70, 190), width=16)
    d.ellipse((186, 140, 326, 270), fill=(90, 150, 80), outline=(50, 100, 45), width=W)
    for k in range(6):  # spines
        a = math.radians(100 + 34 * k)
        d.line([(256 + 60 * math.cos(a), 205 + 55 * math.sin(a)),
                (256 + 90 * math.cos(a), 205 + 80 * math.sin(a))],
               fill=(50, 100, 45), width=6)  # fmt: skip


PLAY_SHAPES: dict[str, Callable[[Any], None]] = {
    "bubble wand": _bubble_wand,
    "kaleidoscope": _kaleidoscope,
    "rocking horse": _rocking_horse,
    "dolls house": _dolls_house,
    "doll's house": _dolls_house,
    "dollhouse": _dolls_house,
    "tree house": _tree_house,
    "treehouse": _tree_house,
    "handprint": _handprint,
    "drill": _drill,
    "roof": _roof,
    "pagoda": _pagoda,
    "thistle": _thistle,
}
"""Noun -> painter for toys, play and a few more things with no fitting emoji."""
