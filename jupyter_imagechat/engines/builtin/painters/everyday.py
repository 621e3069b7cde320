"""Drawn artwork for more everyday things a class names that no emoji shows: in the
science room (a prism, a fossil), the classroom (chalk, a stapler), PE (a whistle, a
trampoline), at home (a towel, a mop, a peg, stairs, a fireplace), food and plants (a
sausage, a raspberry, a poppy, a hedge, seaweed), the garden (a rake, a trowel), clothing
(a belt), transport (a submarine, a caravan), buildings (a gate, a shed), the beach (a
sandcastle) and history (a sundial, a cannon).

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


def _prism(d: Any) -> None:  # a glass prism splitting a beam of white light
    d.line([(10, 330), (190, 300)], fill=(250, 230, 150), width=16)
    colours = [(230, 60, 60), (240, 150, 50), (240, 220, 60), (80, 180, 80), (70, 130, 220),
               (130, 80, 200)]  # fmt: skip
    for i, colour in enumerate(colours):
        d.polygon([(300, 290), (300, 300), (500, 330 + 26 * i), (500, 304 + 26 * i)], fill=colour)
    d.polygon([(256, 90), (90, 420), (422, 420)], fill=(215, 235, 245), outline=(90, 130, 160),
              width=W)  # fmt: skip


def _fossil(d: Any) -> None:  # an ammonite's spiral in a stone
    d.ellipse((40, 60, 472, 452), fill=(200, 185, 160), outline=(130, 115, 95), width=W)
    points = [
        (256 + 9 * t * math.cos(t), 256 + 9 * t * math.sin(t))
        for t in (k * 0.1 for k in range(10, 200))
    ]
    d.line(points, fill=(120, 100, 80), width=12)
    for k in range(20, 200, 12):
        t = k * 0.1
        d.line([(256 + 7 * t * math.cos(t), 256 + 7 * t * math.sin(t)),
                (256 + 9 * t * math.cos(t), 256 + 9 * t * math.sin(t))],
               fill=(140, 120, 95), width=6)  # fmt: skip


def _chalk(d: Any) -> None:
    d.polygon([(90, 350), (370, 110), (430, 170), (150, 410)], fill=(250, 250, 245),
              outline=(150, 150, 160), width=W)  # fmt: skip
    d.polygon([(170, 430), (450, 190), (490, 240), (210, 480)], fill=(245, 170, 190),
              outline=(170, 110, 130), width=W)  # fmt: skip


def _stapler(d: Any) -> None:
    d.rounded_rectangle((50, 360, 470, 420), 20, fill=(60, 60, 70), outline=OUT, width=W)
    d.polygon([(70, 350), (450, 280), (470, 330), (90, 370)], fill=(220, 60, 60), outline=OUT,
              width=W)  # fmt: skip
    d.ellipse((430, 300, 490, 400), fill=(60, 60, 70), outline=OUT, width=W)


def _whistle(d: Any) -> None:
    d.ellipse((60, 180, 300, 420), fill=(200, 205, 215), outline=OUT, width=W)
    d.rectangle((180, 180, 470, 270), fill=(200, 205, 215), outline=OUT, width=W)
    d.line([(180, 190), (180, 260)], fill=(200, 205, 215), width=14)
    d.rectangle((250, 150, 300, 190), fill=(60, 60, 70))
    d.ellipse((20, 90, 120, 190), outline=(220, 60, 60), width=12)


def _trampoline(d: Any) -> None:
    for x in (90, 200, 312, 422):
        d.line([(x, 300), (x - 10 if x < 256 else x + 10, 470)], fill=(90, 90, 100), width=16)
    d.ellipse((30, 200, 482, 360), fill=(60, 60, 70), outline=(70, 130, 220), width=26)
    d.ellipse((80, 230, 432, 330), fill=(40, 40, 50))


def _towel(d: Any) -> None:
    d.line([(60, 90), (452, 90)], fill=(150, 150, 160), width=16)
    d.rectangle((110, 90, 402, 460), fill=(90, 170, 210), outline=(50, 110, 150), width=W)
    for y in (390, 420):
        d.line([(110, y), (402, y)], fill=(240, 240, 245), width=12)


def _mop(d: Any) -> None:
    d.line([(256, 20), (256, 360)], fill=WOOD, width=22)
    for k in range(-5, 6):  # the strings
        d.line([(256 + 14 * k, 350), (256 + 32 * k, 490)], fill=(235, 235, 225), width=18)
    d.rectangle((196, 340, 316, 370), fill=(80, 130, 200), outline=OUT, width=6)


def _clothes_peg(d: Any) -> None:
    d.polygon([(196, 40), (246, 40), (250, 480), (220, 480)], fill=WOOD, outline=DARK_WOOD,
              width=8)  # fmt: skip
    d.polygon([(266, 40), (316, 40), (292, 480), (262, 480)], fill=WOOD, outline=DARK_WOOD,
              width=8)  # fmt: skip
    d.rectangle((186, 180, 326, 230), fill=(170, 175, 185), outline=OUT, width=6)


def _staircase(d: Any) -> None:
    for i in range(5):
        x, y = 40 + i * 86, 400 - i * 80
        d.rectangle((x, y, 472, y + 80), fill=(200, 160, 110), outline=DARK_WOOD, width=8)
    d.line([(60, 330), (440, 10)], fill=DARK_WOOD, width=14)  # the banister


def _fireplace(d: Any) -> None:
    d.rectangle((40, 100, 472, 480), fill=(180, 90, 70), outline=OUT, width=W)
    for y in range(140, 480, 48):  # bricks
        d.line([(40, y), (472, y)], fill=(140, 65, 50), width=5)
    d.rectangle((20, 70, 492, 110), fill=(120, 80, 40), outline=OUT, width=8)
    d.chord((140, 220, 372, 560), 180, 360, fill=(40, 30, 30))
    d.rectangle((140, 390, 372, 480), fill=(40, 30, 30))
    d.polygon([(256, 270), (200, 470), (312, 470)], fill=(245, 140, 40))
    d.polygon([(256, 340), (226, 470), (286, 470)], fill=(250, 220, 80))


def _sausage(d: Any) -> None:
    d.rounded_rectangle((40, 190, 472, 322), 66, fill=(180, 100, 70), outline=(120, 60, 40),
                        width=W)  # fmt: skip
    d.line([(110, 230), (400, 230)], fill=(215, 150, 110), width=12)


def _raspberry(d: Any) -> None:
    for row, count in enumerate((4, 5, 4, 3, 2)):
        for k in range(count):
            x, y = 256 + (k - (count - 1) / 2) * 70, 190 + row * 62
            d.ellipse((x - 42, y - 42, x + 42, y + 42), fill=(210, 40, 80), outline=(140, 20, 50),
                      width=6)  # fmt: skip
    d.polygon([(256, 150), (170, 110), (230, 130), (256, 70), (282, 130), (342, 110)],
              fill=(80, 150, 60))  # fmt: skip


def _poppy(d: Any) -> None:
    d.line([(256, 300), (240, 500)], fill=(70, 130, 60), width=14)
    for x, y in ((180, 180), (332, 180), (180, 290), (332, 290)):
        d.ellipse((x - 110, y - 100, x + 110, y + 100), fill=(220, 40, 40), outline=(150, 20, 20),
                  width=6)  # fmt: skip
    d.ellipse((206, 186, 306, 286), fill=(30, 30, 35))


def _hedge(d: Any) -> None:
    d.rounded_rectangle((20, 170, 492, 470), 60, fill=(60, 130, 55), outline=(35, 85, 35),
                        width=W)  # fmt: skip
    for x in range(70, 470, 80):
        for y in (230, 320, 410):
            d.ellipse((x - 22, y - 14, x + 22, y + 14), fill=(85, 160, 70))


def _seaweed(d: Any) -> None:
    for x0, colour in ((150, (60, 140, 80)), (256, (80, 160, 70)), (362, (50, 120, 90))):
        points = [(x0 + 40 * math.sin(y / 50), y) for y in range(490, 40, -10)]
        d.line(points, fill=colour, width=36)


def _rake(d: Any) -> None:
    d.line([(256, 20), (256, 380)], fill=WOOD, width=20)
    d.line([(80, 380), (432, 380)], fill=(120, 120, 130), width=22)
    for x in range(90, 440, 38):
        d.line([(x, 380), (x, 480)], fill=(120, 120, 130), width=12)


def _trowel(d: Any) -> None:
    d.rounded_rectangle((226, 20, 286, 180), 24, fill=(60, 130, 60), outline=OUT, width=8)
    d.line([(256, 180), (256, 240)], fill=(150, 150, 160), width=16)
    d.polygon([(160, 240), (352, 240), (256, 490)], fill=(190, 195, 205), outline=OUT, width=W)


def _belt(d: Any) -> None:
    d.rounded_rectangle((20, 220, 492, 292), 12, fill=(120, 75, 40), outline=(70, 40, 20), width=W)
    d.rounded_rectangle((150, 196, 250, 316), 12, outline=(220, 180, 60), width=18)
    d.line([(200, 256), (250, 256)], fill=(220, 180, 60), width=10)
    for x in (320, 370, 420):
        d.ellipse((x - 10, 246, x + 10, 266), fill=(60, 35, 15))


def _submarine(d: Any) -> None:
    d.ellipse((30, 220, 482, 400), fill=(240, 200, 50), outline=OUT, width=W)
    d.rounded_rectangle((200, 140, 320, 240), 20, fill=(240, 200, 50), outline=OUT, width=W)
    d.line([(280, 140), (280, 80), (320, 80)], fill=OUT, width=10)
    for x in (150, 256, 362):
        d.ellipse((x - 26, 284, x + 26, 336), fill=(130, 190, 230), outline=OUT, width=6)


def _caravan(d: Any) -> None:
    d.rounded_rectangle((60, 140, 420, 390), 60, fill=(245, 240, 230), outline=OUT, width=W)
    d.rectangle((60, 290, 420, 320), fill=(90, 150, 210))
    d.rounded_rectangle((110, 180, 230, 260), 12, fill=(150, 200, 235), outline=OUT, width=6)
    d.rectangle((280, 180, 350, 350), fill=(220, 220, 215), outline=OUT, width=6)
    d.line([(420, 360), (500, 380)], fill=OUT, width=12)
    d.ellipse((150, 340, 250, 440), fill=(50, 50, 55), outline=OUT, width=W)


def _gate(d: Any) -> None:
    for x in (40, 472):
        d.rectangle((x - 20, 120, x + 20, 480), fill=DARK_WOOD)
    for y in (180, 400):
        d.line([(60, y), (452, y)], fill=WOOD, width=30)
    for x in range(100, 440, 70):
        d.line([(x, 160), (x, 420)], fill=WOOD, width=24)
    d.line([(60, 400), (452, 180)], fill=WOOD, width=24)


def _shed(d: Any) -> None:
    d.rectangle((80, 200, 432, 480), fill=(150, 110, 70), outline=DARK_WOOD, width=W)
    for x in range(130, 432, 50):
        d.line([(x, 200), (x, 480)], fill=(125, 90, 55), width=5)
    d.polygon([(50, 210), (256, 70), (462, 210)], fill=(90, 90, 100), outline=OUT, width=W)
    d.rectangle((200, 300, 300, 480), fill=(110, 75, 45), outline=DARK_WOOD, width=8)
    d.rectangle((340, 260, 410, 320), fill=(170, 210, 235), outline=OUT, width=6)


def _sandcastle(d: Any) -> None:
    sand, edge = (235, 200, 130), (180, 140, 80)
    d.rectangle((60, 300, 452, 480), fill=sand, outline=edge, width=W)
    for x in (60, 352):
        d.rectangle((x, 180, x + 100, 300), fill=sand, outline=edge, width=W)
        for k in range(3):
            d.rectangle((x + k * 36, 150, x + k * 36 + 28, 180), fill=sand)
    d.chord((216, 360, 296, 520), 180, 360, fill=edge)
    d.line([(256, 300), (256, 120)], fill=DARK_WOOD, width=8)
    d.polygon([(256, 120), (330, 145), (256, 170)], fill=(220, 60, 60))


def _sundial(d: Any) -> None:
    d.rectangle((216, 330, 296, 490), fill=(180, 180, 175), outline=OUT, width=8)
    d.ellipse((40, 200, 472, 360), fill=(200, 170, 100), outline=(130, 100, 50), width=W)
    for angle in range(180, 361, 30):  # hour marks
        rad = math.radians(angle)
        d.line([(256 + 160 * math.cos(rad), 290 + 55 * math.sin(rad)),
                (256 + 200 * math.cos(rad), 290 + 70 * math.sin(rad))],
               fill=(110, 80, 40), width=6)  # fmt: skip
    d.polygon([(200, 290), (256, 140), (256, 290)], fill=(110, 80, 40))


def _cannon(d: Any) -> None:
    d.polygon([(70, 330), (430, 170), (460, 240), (100, 390)], fill=(60, 60, 70), outline=OUT,
              width=W)  # fmt: skip
    d.ellipse((420, 160, 480, 250), fill=(30, 30, 35))
    d.ellipse((140, 300, 320, 480), fill=DARK_WOOD, outline=OUT, width=W)
    d.ellipse((215, 375, 245, 405), fill=OUT)


EVERYDAY_SHAPES: dict[str, Callable[[Any], None]] = {
    "prism": _prism,
    "fossil": _fossil,
    "chalk": _chalk,
    "stapler": _stapler,
    "whistle": _whistle,
    "trampoline": _trampoline,
    "towel": _towel,
    "mop": _mop,
    "clothes peg": _clothes_peg,
    "staircase": _staircase,
    "fireplace": _fireplace,
    "sausage": _sausage,
    "raspberry": _raspberry,
    "poppy": _poppy,
    "hedge": _hedge,
    "seaweed": _seaweed,
    "rake": _rake,
    "trowel": _trowel,
    "belt": _belt,
    "submarine": _submarine,
    "caravan": _caravan,
    "gate": _gate,
    "shed": _shed,
    "sandcastle": _sandcastle,
    "sundial": _sundial,
    "cannon": _cannon,
}
"""Noun -> painter for more everyday things with no fitting emoji."""
