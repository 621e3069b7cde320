"""Drawn artwork for everyday classroom things that no emoji shows: a button, a lily pad,
a domino, a calculator, a protractor, a treasure chest, a washing machine, a coat hanger,
a hoop, a pie chart, and the usual symbol of an atom (a nucleus and three electron orbits: an atom's
real structure is not drawable, and the planner says so).

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
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


def _beaker(d: Any) -> None:  # a glass beaker with its spout, liquid and scale marks
    d.polygon([(130, 80), (382, 80), (382, 450), (130, 450)], fill=(225, 238, 245))
    d.rectangle((140, 270, 372, 440), fill=(110, 180, 230))
    d.line([(110, 70), (130, 90), (130, 450), (382, 450), (382, 80)], fill=(90, 110, 130),
           width=W)  # fmt: skip
    for y in (160, 220, 280, 340):
        d.line([(140, y), (200, y)], fill=(90, 110, 130), width=5)


def _funnel(d: Any) -> None:
    d.polygon([(70, 80), (442, 80), (290, 300), (222, 300)], fill=(240, 140, 60), outline=OUT,
              width=W)  # fmt: skip
    d.rectangle((222, 300, 290, 460), fill=(220, 120, 50), outline=OUT, width=W)
    d.ellipse((70, 60, 442, 100), fill=(200, 100, 40), outline=OUT, width=6)


def _easel(d: Any) -> None:
    wood, dark = (190, 140, 80), (120, 80, 40)
    d.line([(256, 30), (100, 490)], fill=wood, width=24)
    d.line([(256, 30), (412, 490)], fill=wood, width=24)
    d.line([(256, 30), (256, 470)], fill=dark, width=18)
    d.rectangle((120, 70, 392, 300), fill=(252, 250, 240), outline=OUT, width=W)
    d.ellipse((170, 120, 260, 210), fill=(240, 200, 60))
    d.polygon([(150, 280), (240, 180), (330, 280)], fill=(90, 170, 90))
    d.line([(110, 312), (402, 312)], fill=dark, width=20)


def _xylophone(d: Any) -> None:
    colours = [(230, 70, 70), (240, 150, 50), (240, 210, 60), (90, 180, 90), (70, 150, 220),
               (120, 90, 200), (200, 90, 180)]  # fmt: skip
    d.polygon([(40, 170), (472, 220), (472, 420), (40, 470)], fill=(150, 100, 60))
    for i, colour in enumerate(colours):
        x, half = 60 + i * 60, 150 - i * 12
        d.rounded_rectangle((x, 320 - half, x + 48, 320 + half), 10, fill=colour, outline=OUT,
                            width=5)  # fmt: skip
    for x0, x1 in ((300, 420), (360, 480)):  # two mallets
        d.line([(x0, 40), (x1, 150)], fill=(120, 80, 40), width=10)
        d.ellipse((x0 - 24, 16, x0 + 24, 64), fill=(230, 230, 235), outline=OUT, width=5)


def _tambourine(d: Any) -> None:
    d.ellipse((66, 66, 446, 446), fill=(245, 225, 180), outline=(150, 100, 50), width=28)
    for angle in range(0, 360, 60):  # the jingles in the rim
        rad = math.radians(angle)
        x, y = 256 + 190 * math.cos(rad), 256 + 190 * math.sin(rad)
        d.ellipse((x - 30, y - 30, x + 30, y + 30), fill=(220, 200, 120), outline=OUT, width=5)


def _swing(d: Any) -> None:
    frame = (200, 60, 60)
    d.line([(40, 490), (120, 60), (200, 490)], fill=frame, width=22)
    d.line([(312, 490), (392, 60), (472, 490)], fill=frame, width=22)
    d.line([(100, 64), (412, 64)], fill=frame, width=26)
    d.line([(210, 70), (210, 380)], fill=(90, 90, 100), width=8)
    d.line([(302, 70), (302, 380)], fill=(90, 90, 100), width=8)
    d.rounded_rectangle((190, 372, 322, 404), 8, fill=(60, 110, 200), outline=OUT, width=5)


def _seesaw(d: Any) -> None:
    d.polygon([(256, 300), (196, 470), (316, 470)], fill=(200, 60, 60), outline=OUT, width=W)
    d.line([(50, 380), (462, 220)], fill=(70, 140, 210), width=34)
    for x, y in ((96, 362), (416, 238)):  # the handles
        d.line([(x, y - 10), (x, y - 70)], fill=(240, 200, 60), width=14)


def _wheelbarrow(d: Any) -> None:
    d.line([(300, 320), (490, 200)], fill=(120, 80, 40), width=18)  # handle
    d.line([(360, 320), (380, 450)], fill=(90, 90, 100), width=14)  # leg
    d.polygon([(60, 200), (420, 200), (360, 330), (130, 330)], fill=(70, 150, 90), outline=OUT,
              width=W)  # fmt: skip
    d.ellipse((70, 330, 190, 450), fill=(60, 60, 70), outline=OUT, width=W)
    d.ellipse((110, 370, 150, 410), fill=(170, 170, 180))


def _hot_air_balloon(d: Any) -> None:
    d.ellipse((86, 20, 426, 360), fill=(230, 80, 70), outline=OUT, width=W)
    d.ellipse((186, 20, 326, 360), fill=(250, 200, 60))
    d.line([(160, 330), (216, 420)], fill=OUT, width=6)
    d.line([(352, 330), (296, 420)], fill=OUT, width=6)
    d.rectangle((206, 410, 306, 490), fill=(170, 120, 60), outline=OUT, width=W)


def _plum(d: Any) -> None:
    d.ellipse((96, 120, 416, 470), fill=(110, 50, 120), outline=(70, 30, 80), width=W)
    d.arc((150, 140, 300, 460), 250, 300, fill=(170, 110, 180), width=12)
    d.line([(256, 130), (270, 60)], fill=(100, 70, 40), width=12)
    d.ellipse((270, 40, 380, 100), fill=(90, 160, 70), outline=(50, 100, 40), width=5)


def _star_points(r_out: float, r_in: float, n: int = 5) -> list[tuple[float, float]]:
    return [
        (256 + (r_out if k % 2 == 0 else r_in) * math.cos(math.radians(-90 + k * 180 / n)),
         266 + (r_out if k % 2 == 0 else r_in) * math.sin(math.radians(-90 + k * 180 / n)))
        for k in range(2 * n)
    ]  # fmt: skip


def _starfish(d: Any) -> None:
    d.polygon(_star_points(236, 100), fill=(240, 130, 70), outline=(170, 80, 40), width=W)
    for x, y in _star_points(150, 60)[::2]:
        d.ellipse((x - 12, y - 12, x + 12, y + 12), fill=(250, 190, 130))


def _bush(d: Any) -> None:
    for x, y, r in ((150, 330, 110), (362, 330, 110), (256, 250, 130), (256, 360, 120)):
        d.ellipse((x - r, y - r, x + r, y + r), fill=(70, 140, 60), outline=(40, 90, 40), width=W)
    for x, y, r in ((150, 330, 96), (362, 330, 96), (256, 250, 116), (256, 360, 106)):
        d.ellipse((x - r, y - r, x + r, y + r), fill=(80, 155, 65))


def _snowball(d: Any) -> None:
    d.ellipse((76, 76, 436, 436), fill=(245, 248, 252), outline=(150, 170, 200), width=W)
    d.arc((120, 120, 392, 392), 110, 200, fill=(200, 215, 235), width=16)


def _marble(d: Any) -> None:
    d.ellipse((76, 76, 436, 436), fill=(120, 190, 230), outline=(50, 100, 150), width=W)
    d.arc((120, 140, 392, 420), 200, 340, fill=(230, 80, 70), width=26)
    d.ellipse((150, 130, 220, 200), fill=(240, 250, 255))


def _spinning_top(d: Any) -> None:
    d.line([(256, 20), (256, 130)], fill=(120, 80, 40), width=20)
    d.polygon([(60, 200), (452, 200), (256, 490)], fill=(230, 80, 70), outline=OUT, width=W)
    d.ellipse((60, 130, 452, 270), fill=(250, 200, 60), outline=OUT, width=W)
    d.ellipse((200, 170, 312, 230), fill=(70, 150, 220))


def _igloo(d: Any) -> None:
    d.chord((40, 100, 472, 560), 180, 360, fill=(235, 245, 252), outline=(120, 150, 190),
            width=W)  # fmt: skip
    for y, half in ((180, 150), (250, 195)):  # rows of snow blocks
        d.line([(256 - half, y), (256 + half, y)], fill=(170, 195, 225), width=6)
    d.chord((196, 230, 316, 430), 180, 360, fill=(60, 80, 110), outline=(120, 150, 190),
            width=W)  # fmt: skip


def _windmill(d: Any) -> None:
    d.polygon([(200, 490), (312, 490), (290, 200), (222, 200)], fill=(235, 225, 200),
              outline=OUT, width=W)  # fmt: skip
    d.polygon([(210, 200), (302, 200), (256, 140)], fill=(170, 70, 60), outline=OUT, width=W)
    d.rounded_rectangle((236, 420, 276, 490), 10, fill=(120, 80, 40))
    for angle in (45, 135, 225, 315):  # four sails
        rad = math.radians(angle)
        ex, ey = 256 + 220 * math.cos(rad), 190 + 220 * math.sin(rad)
        d.line([(256, 190), (ex, ey)], fill=(150, 110, 70), width=30)
    d.ellipse((238, 172, 274, 208), fill=(90, 60, 40))


def _paper_plane(d: Any) -> None:
    d.polygon([(40, 300), (480, 120), (220, 360)], fill=(250, 250, 252), outline=OUT, width=8)
    d.polygon([(220, 360), (480, 120), (260, 440)], fill=(215, 225, 240), outline=OUT, width=8)


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
    "beaker": _beaker,
    "funnel": _funnel,
    "easel": _easel,
    "xylophone": _xylophone,
    "tambourine": _tambourine,
    "swing": _swing,
    "seesaw": _seesaw,
    "wheelbarrow": _wheelbarrow,
    "hot air balloon": _hot_air_balloon,
    "plum": _plum,
    "starfish": _starfish,
    "bush": _bush,
    "snowball": _snowball,
    "marble": _marble,
    "spinning top": _spinning_top,
    "igloo": _igloo,
    "windmill": _windmill,
    "paper plane": _paper_plane,
}
"""Noun -> painter for everyday classroom things with no fitting emoji."""
