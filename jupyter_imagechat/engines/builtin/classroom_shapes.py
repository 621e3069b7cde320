"""Drawn artwork for everyday classroom things that no emoji shows: a button, a lily pad,
a domino, a calculator, a protractor, a treasure chest, a washing machine, a coat hanger,
a hoop, a pie chart, and the usual symbol of an atom (a nucleus and three electron orbits: an atom's
real structure is not drawable, and the planner says so).

Each painter draws in a 512-unit square (see :mod:`.painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10


def _button(d: Any) -> None:
    d.ellipse((76, 76, 436, 436), fill=(70, 120, 200), outline=(40, 70, 130), width=W)
    d.ellipse((126, 126, 386, 386), outline=(50, 90, 160), width=8)
    for x, y in ((210, 210), (302, 210), (210, 302), (302, 302)):
        d.ellipse((x - 26, y - 26, x + 26, y + 26), fill=(30, 50, 90))


def _lily_pad(d: Any) -> None:  # lying flat on the water: a wide ellipse with its notch
    d.pieslice((20, 146, 492, 366), 290, 250, fill=(80, 160, 70), outline=(40, 100, 40), width=W)
    for angle in range(-60, 240, 40):  # veins from the notch
        rad = math.radians(angle + 10)
        d.line([(256, 256), (256 + 200 * math.cos(rad), 256 + 90 * math.sin(rad))],
               fill=(60, 130, 55), width=6)  # fmt: skip


def _domino(d: Any) -> None:
    d.rounded_rectangle((156, 30, 356, 482), 30, fill=(250, 250, 245), outline=OUT, width=W)
    d.line([(176, 256), (336, 256)], fill=OUT, width=8)
    pips = [(256, 143), (206, 320), (256, 369), (306, 418)]  # one above, three below
    for x, y in pips:
        d.ellipse((x - 22, y - 22, x + 22, y + 22), fill=(30, 30, 35))


def _calculator(d: Any) -> None:
    d.rounded_rectangle((116, 40, 396, 472), 34, fill=(70, 75, 90), outline=(35, 38, 45), width=W)
    d.rounded_rectangle((150, 76, 362, 170), 12, fill=(190, 215, 180), outline=(35, 38, 45),
                        width=6)  # fmt: skip
    d.text((256, 124), "123", 64, (40, 50, 40))
    for row in range(4):
        for col in range(4):
            x, y = 150 + col * 56, 200 + row * 66
            colour = (240, 150, 60) if col == 3 else (225, 228, 235)
            d.rounded_rectangle((x, y, x + 44, y + 50), 8, fill=colour)


def _protractor(d: Any) -> None:
    d.pieslice((40, 100, 472, 532), 180, 360, fill=(200, 230, 245), outline=(70, 110, 150),
               width=W)  # fmt: skip
    d.pieslice((166, 226, 346, 406), 180, 360, fill=(255, 255, 255), outline=(70, 110, 150),
               width=6)  # fmt: skip
    for deg in range(0, 181, 10):
        rad = math.radians(180 + deg)
        inner = 190 if deg % 30 else 170
        d.line([(256 + inner * math.cos(rad), 316 + inner * math.sin(rad)),
                (256 + 212 * math.cos(rad), 316 + 212 * math.sin(rad))],
               fill=(50, 80, 120), width=5)  # fmt: skip


def _treasure_chest(d: Any) -> None:
    d.rectangle((70, 230, 442, 440), fill=(150, 95, 45), outline=(90, 55, 25), width=W)
    d.chord((70, 110, 442, 350), 180, 360, fill=(170, 110, 55), outline=(90, 55, 25), width=W)
    d.line([(70, 230), (442, 230)], fill=(90, 55, 25), width=W)
    for x in (120, 392):
        d.rectangle((x - 14, 120, x + 14, 440), fill=(220, 180, 60))
    d.rectangle((226, 210, 286, 280), fill=(230, 190, 70), outline=(120, 90, 30), width=6)
    d.ellipse((244, 230, 268, 254), fill=(60, 40, 20))


def _washing_machine(d: Any) -> None:
    d.rounded_rectangle((96, 40, 416, 472), 24, fill=(240, 242, 245), outline=OUT, width=W)
    d.line([(96, 130), (416, 130)], fill=OUT, width=6)
    d.rounded_rectangle((130, 70, 230, 104), 6, fill=(200, 205, 215))
    d.ellipse((330, 66, 376, 112), fill=(170, 175, 185), outline=OUT, width=4)
    d.ellipse((146, 180, 366, 400), fill=(170, 180, 195), outline=OUT, width=W)
    d.ellipse((176, 210, 336, 370), fill=(120, 170, 220))
    d.arc((196, 230, 316, 350), 200, 290, fill=(230, 240, 250), width=8)


def _coat_hanger(d: Any) -> None:
    d.arc((206, 60, 306, 170), 180, 30, fill=(120, 120, 130), width=14)
    d.line([(256, 170), (256, 200)], fill=(120, 120, 130), width=14)
    d.polygon([(256, 200), (470, 380), (42, 380)], outline=(150, 100, 60), width=22)


def _hoop(d: Any) -> None:
    d.ellipse((56, 56, 456, 456), outline=(230, 70, 150), width=36)
    for angle in range(0, 360, 45):  # the coloured tape wound round it
        rad = math.radians(angle)
        x, y = 256 + 200 * math.cos(rad), 256 + 200 * math.sin(rad)
        d.ellipse((x - 20, y - 20, x + 20, y + 20), fill=(250, 200, 60))


def _pie_chart(d: Any) -> None:
    start = -90.0
    for share, colour in ((0.4, (70, 130, 210)), (0.25, (240, 170, 50)), (0.2, (90, 180, 90)),
                          (0.15, (220, 80, 80))):  # fmt: skip
        d.pieslice((46, 46, 466, 466), start, start + share * 360, fill=colour, outline=OUT,
                   width=6)  # fmt: skip
        start += share * 360


def _atom(d: Any) -> None:
    for tilt in (0, 60, 120):  # three orbits, each an ellipse turned about the centre
        rad = math.radians(tilt)
        points = [
            (256 + 220 * math.cos(a) * math.cos(rad) - 80 * math.sin(a) * math.sin(rad),
             256 + 220 * math.cos(a) * math.sin(rad) + 80 * math.sin(a) * math.cos(rad))
            for a in (k * math.pi / 36 for k in range(73))
        ]  # fmt: skip
        d.line(points, fill=(70, 110, 190), width=12)
        x, y = points[12]
        d.ellipse((x - 22, y - 22, x + 22, y + 22), fill=(250, 200, 50), outline=OUT, width=5)
    for (x, y), colour in (((236, 240), (220, 70, 60)), ((276, 246), (90, 90, 200)),
                           ((250, 276), (220, 70, 60)), ((268, 210), (90, 90, 200))):  # fmt: skip
        d.ellipse((x - 30, y - 30, x + 30, y + 30), fill=colour, outline=OUT, width=5)


CLASSROOM_SHAPES: dict[str, Callable[[Any], None]] = {
    "button": _button,
    "lily pad": _lily_pad,
    "domino": _domino,
    "calculator": _calculator,
    "protractor": _protractor,
    "treasure chest": _treasure_chest,
    "washing machine": _washing_machine,
    "coat hanger": _coat_hanger,
    "hoop": _hoop,
    "pie chart": _pie_chart,
    "atom": _atom,
}
"""Noun -> painter for everyday classroom things with no fitting emoji."""
