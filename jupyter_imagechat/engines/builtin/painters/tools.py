"""Drawn artwork for tools, stationery, instruments and outdoor things a class names that
no emoji shows: a screw, a hose, a wire, a tape measure, a glue stick, a pencil
case, a pencil sharpener, a highlighter, a harmonica, a triangle (the instrument), a cello,
a curtain, an apron, a pram, a digger, a greenhouse, a chimney, a tunnel, a waterfall, a
cave, an icicle, a windsock, a tuft of grass, a lever, a pulley, an iceberg, a bulldozer,
a vacuum cleaner, a blanket and a glider.

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


def _screw(d: Any) -> None:
    d.ellipse((156, 30, 356, 120), fill=STEEL, outline=DARK_STEEL, width=W)
    d.line([(200, 75), (312, 75)], fill=DARK_STEEL, width=14)
    d.polygon([(220, 100), (292, 100), (256, 490)], fill=STEEL, outline=DARK_STEEL, width=8)
    for y in range(140, 430, 40):  # the thread
        half = 36 * (490 - y) / 390
        d.line([(256 - half - 10, y + 12), (256 + half + 10, y - 6)], fill=DARK_STEEL, width=8)


def _hose(d: Any) -> None:
    for r in (90, 140, 190):
        d.ellipse((256 - r, 280 - r * 0.6, 256 + r, 280 + r * 0.6), outline=(60, 150, 70),
                  width=30)  # fmt: skip
    d.line([(446, 280), (470, 120)], fill=(60, 150, 70), width=30)
    d.rectangle((446, 70, 496, 130), fill=(240, 180, 50), outline=OUT, width=6)


def _wire(d: Any) -> None:
    points = [(40 + 6 * k, 256 + 90 * math.sin(k / 9)) for k in range(72)]
    d.line(points, fill=(200, 60, 50), width=24)
    for x, y in (points[0], points[-1]):  # bare copper ends
        d.line([(x - 30 if x < 256 else x, y), (x if x < 256 else x + 30, y)],
               fill=(210, 140, 60), width=10)  # fmt: skip


def _tape_measure(d: Any) -> None:
    d.line([(330, 330), (500, 330)], fill=(240, 210, 60), width=50)
    for x in range(350, 500, 24):
        d.line([(x, 310), (x, 330)], fill=OUT, width=4)
    d.rounded_rectangle((40, 160, 350, 440), 60, fill=(230, 70, 60), outline=OUT, width=W)
    d.ellipse((130, 230, 260, 360), fill=(250, 250, 250), outline=OUT, width=6)


def _glue_stick(d: Any) -> None:
    d.rounded_rectangle((186, 40, 326, 140), 20, fill=(230, 70, 60), outline=OUT, width=W)
    d.rectangle((176, 150, 336, 480), fill=(250, 250, 245), outline=OUT, width=W)
    d.rectangle((176, 250, 336, 360), fill=(70, 130, 210))
    d.text((256, 305), "GLUE", 44, (255, 255, 255))


def _pencil_case(d: Any) -> None:
    d.rounded_rectangle((30, 170, 482, 380), 70, fill=(90, 130, 210), outline=(50, 80, 150),
                        width=W)  # fmt: skip
    d.line([(90, 200), (422, 200)], fill=(50, 80, 150), width=10)
    d.rectangle((400, 190, 440, 230), fill=(220, 220, 225), outline=OUT, width=5)
    d.polygon([(110, 170), (150, 80), (190, 170)], fill=(240, 200, 60))  # a pencil peeping out


def _pencil_sharpener(d: Any) -> None:
    d.rounded_rectangle((120, 140, 392, 400), 30, fill=(220, 60, 60), outline=OUT, width=W)
    d.ellipse((196, 210, 316, 330), fill=(60, 60, 70))
    d.polygon([(330, 160), (380, 160), (380, 380), (330, 380)], fill=STEEL, outline=OUT, width=6)


def _highlighter(d: Any) -> None:
    d.polygon([(80, 380), (340, 120), (420, 200), (160, 460)], fill=(245, 235, 70),
              outline=(150, 140, 30), width=W)  # fmt: skip
    d.polygon([(340, 120), (420, 60), (470, 110), (420, 200)], fill=(250, 250, 245),
              outline=OUT, width=8)  # fmt: skip
    d.polygon([(420, 60), (450, 30), (490, 70), (470, 110)], fill=(245, 235, 70))


def _harmonica(d: Any) -> None:
    d.rounded_rectangle((30, 190, 482, 330), 20, fill=STEEL, outline=DARK_STEEL, width=W)
    d.rectangle((50, 240, 462, 290), fill=(70, 110, 190))
    for x in range(70, 460, 40):
        d.rectangle((x, 252, x + 22, 278), fill=(30, 30, 40))


def _triangle_instrument(d: Any) -> None:
    d.line([(256, 40), (256, 110)], fill=(200, 60, 60), width=8)
    d.line([(256, 110), (70, 450), (442, 450), (290, 170)], fill=STEEL, width=22)
    d.line([(470, 300), (330, 400)], fill=DARK_STEEL, width=12)  # the beater


def _cello(d: Any) -> None:
    d.line([(256, 20), (256, 180)], fill=(60, 40, 30), width=26)
    d.ellipse((140, 150, 372, 330), fill=(170, 90, 40), outline=(100, 50, 20), width=W)
    d.ellipse((110, 270, 402, 480), fill=(170, 90, 40), outline=(100, 50, 20), width=W)
    d.ellipse((150, 170, 362, 320), fill=(170, 90, 40))
    d.line([(256, 180), (256, 420)], fill=(60, 40, 30), width=14)
    d.line([(256, 470), (256, 500)], fill=(80, 80, 90), width=10)
    for x in (200, 312):  # the f-holes
        d.arc((x - 20, 280, x + 20, 380), 100, 260 if x < 256 else 80, fill=(60, 30, 10), width=6)


def _curtain(d: Any) -> None:
    d.line([(20, 50), (492, 50)], fill=(120, 80, 40), width=18)
    for x0, x1 in ((30, 220), (292, 482)):
        d.polygon([(x0, 56), (x1, 56), (x1 - 40 if x0 < 256 else x0 + 40, 480),
                   (x0, 480)] if x0 < 256 else [(x0, 56), (x1, 56), (x1, 480), (x0 + 40, 480)],
                  fill=(200, 70, 90), outline=(130, 40, 60), width=8)  # fmt: skip
        for k in range(1, 4):
            x = x0 + k * (x1 - x0) / 4
            d.line([(x, 70), (x, 470)], fill=(160, 50, 70), width=6)


def _apron(d: Any) -> None:
    d.arc((176, 20, 336, 180), 180, 360, fill=(60, 60, 70), width=10)
    d.polygon([(176, 100), (336, 100), (360, 220), (420, 230), (400, 490), (112, 490),
               (92, 230), (152, 220)], fill=(110, 170, 220), outline=(60, 110, 160),
              width=W)  # fmt: skip
    d.rectangle((196, 330, 316, 410), outline=(60, 110, 160), width=8)


def _pram(d: Any) -> None:
    d.chord((60, 80, 300, 320), 180, 360, fill=(70, 110, 190), outline=OUT, width=W)
    d.rounded_rectangle((60, 200, 400, 330), 50, fill=(100, 150, 220), outline=OUT, width=W)
    d.line([(400, 220), (470, 140)], fill=OUT, width=12)
    for x in (130, 340):
        d.ellipse((x - 50, 360, x + 50, 460), fill=(50, 50, 55), outline=OUT, width=W)
        d.line([(x, 330), (x, 360)], fill=OUT, width=8)


def _digger(d: Any) -> None:
    yellow = (245, 190, 40)
    d.rounded_rectangle((40, 360, 330, 450), 40, fill=(60, 60, 65), outline=OUT, width=W)
    d.rectangle((60, 230, 310, 360), fill=yellow, outline=OUT, width=W)
    d.rectangle((90, 150, 210, 240), fill=(170, 210, 235), outline=OUT, width=W)
    d.line([(300, 260), (400, 140), (470, 300)], fill=yellow, width=34)
    d.polygon([(440, 300), (500, 300), (480, 380), (420, 360)], fill=(120, 120, 130),
              outline=OUT, width=8)  # fmt: skip


def _greenhouse(d: Any) -> None:
    glass, frame = (210, 235, 230), (120, 130, 130)
    d.rectangle((60, 220, 452, 480), fill=glass, outline=frame, width=W)
    d.polygon([(60, 220), (256, 90), (452, 220)], fill=glass, outline=frame, width=W)
    for x in range(130, 452, 70):
        d.line([(x, 220), (x, 480)], fill=frame, width=6)
    d.line([(60, 350), (452, 350)], fill=frame, width=6)
    for x in (110, 250, 390):  # plants inside
        d.ellipse((x - 30, 400, x + 30, 460), fill=(80, 160, 70))


def _chimney(d: Any) -> None:
    d.rectangle((156, 180, 356, 490), fill=(180, 90, 70), outline=OUT, width=W)
    for y in range(220, 490, 45):
        d.line([(156, y), (356, y)], fill=(140, 65, 50), width=5)
    d.rectangle((136, 150, 376, 190), fill=(150, 75, 60), outline=OUT, width=8)
    for x, y, r in ((270, 100, 40), (320, 50, 32)):
        d.ellipse((x - r, y - r, x + r, y + r), fill=(200, 200, 205))


def _tunnel(d: Any) -> None:
    d.rectangle((20, 160, 492, 480), fill=(150, 140, 130), outline=OUT, width=W)
    d.chord((120, 200, 392, 660), 180, 360, fill=(40, 40, 45))
    d.rectangle((120, 430, 392, 480), fill=(40, 40, 45))
    d.arc((100, 180, 412, 680), 180, 360, fill=(110, 100, 95), width=18)


def _waterfall(d: Any) -> None:
    d.polygon([(20, 100), (200, 60), (200, 490), (20, 490)], fill=(130, 120, 110))
    d.polygon([(312, 60), (492, 100), (492, 490), (312, 490)], fill=(130, 120, 110))
    d.rectangle((200, 60, 312, 430), fill=(120, 190, 235))
    for x in (225, 256, 287):
        d.line([(x, 80), (x, 420)], fill=(220, 240, 252), width=8)
    d.ellipse((110, 400, 402, 490), fill=(100, 170, 225))
    d.ellipse((170, 390, 342, 440), fill=(240, 248, 255))


def _cave(d: Any) -> None:
    d.chord((20, 60, 492, 900), 180, 360, fill=(140, 125, 110), outline=(90, 80, 70), width=W)
    d.chord((140, 230, 372, 730), 180, 360, fill=(35, 30, 30))


def _icicle(d: Any) -> None:
    d.rectangle((40, 40, 472, 90), fill=(240, 245, 250), outline=(150, 180, 210), width=6)
    for x, length in ((110, 260), (200, 400), (290, 220), (380, 330)):
        d.polygon([(x - 36, 90), (x + 36, 90), (x, 90 + length)], fill=(200, 230, 250),
                  outline=(130, 170, 210), width=6)  # fmt: skip


def _windsock(d: Any) -> None:
    d.line([(90, 40), (90, 490)], fill=(120, 120, 130), width=16)
    for k, colour in enumerate(((240, 90, 40), (250, 250, 250), (240, 90, 40), (250, 250, 250))):
        x0 = 100 + k * 90
        d.polygon([(x0, 80 + k * 14), (x0 + 90, 94 + k * 14), (x0 + 90, 226 - k * 14),
                   (x0, 240 - k * 14)], fill=colour, outline=OUT, width=5)  # fmt: skip


def _grass(d: Any) -> None:
    for k in range(-6, 7):
        x = 256 + 30 * k
        d.polygon([(x - 16, 480), (x + 16, 480), (x + 14 * k, 200 + 14 * abs(k))],
                  fill=(80, 160, 60) if k % 2 else (60, 140, 50))  # fmt: skip


def _lever(d: Any) -> None:  # a plank on a fulcrum, a load at one end, a push at the other
    d.polygon([(300, 330), (250, 460), (350, 460)], fill=(200, 60, 60), outline=OUT, width=W)
    d.line([(30, 300), (482, 340)], fill=(190, 140, 80), width=26)
    d.rectangle((50, 200, 150, 290), fill=(120, 120, 130), outline=OUT, width=8)
    d.polygon([(440, 190), (470, 190), (470, 270), (490, 270), (455, 315), (420, 270), (440, 270)],
              fill=(70, 130, 210))  # fmt: skip


def _pulley(d: Any) -> None:
    d.line([(100, 30), (412, 30)], fill=(120, 80, 40), width=24)
    d.line([(256, 30), (256, 150)], fill=OUT, width=10)
    d.ellipse((176, 110, 336, 270), fill=STEEL, outline=DARK_STEEL, width=W)
    d.ellipse((240, 174, 272, 206), fill=OUT)
    d.line([(176, 190), (176, 480)], fill=(150, 110, 60), width=8)
    d.line([(336, 190), (336, 360)], fill=(150, 110, 60), width=8)
    d.rectangle((286, 360, 386, 450), fill=(120, 120, 130), outline=OUT, width=8)


def _iceberg(d: Any) -> None:
    d.polygon([(60, 330), (180, 110), (260, 190), (330, 80), (450, 330)], fill=(240, 248, 255),
              outline=(140, 180, 220), width=W)  # fmt: skip
    d.rectangle((0, 330, 512, 512), fill=(70, 140, 210))
    d.polygon([(90, 330), (420, 330), (360, 470), (150, 470)], fill=(150, 200, 235))


def _bulldozer(d: Any) -> None:
    yellow = (245, 190, 40)
    d.rounded_rectangle((120, 360, 440, 460), 50, fill=(60, 60, 65), outline=OUT, width=W)
    d.rectangle((150, 250, 420, 360), fill=yellow, outline=OUT, width=W)
    d.rectangle((270, 150, 390, 250), fill=(170, 210, 235), outline=OUT, width=W)
    d.line([(150, 320), (90, 340)], fill=OUT, width=14)
    d.polygon([(30, 260), (90, 250), (90, 460), (20, 460)], fill=(200, 150, 30), outline=OUT,
              width=W)  # fmt: skip


def _vacuum_cleaner(d: Any) -> None:
    d.line([(330, 40), (220, 420)], fill=(120, 120, 130), width=20)
    d.rounded_rectangle((280, 20, 380, 60), 16, fill=(60, 60, 70))
    d.rounded_rectangle((140, 400, 330, 460), 16, fill=(60, 60, 70), outline=OUT, width=8)
    d.rounded_rectangle((300, 260, 470, 460), 50, fill=(220, 60, 60), outline=OUT, width=W)
    d.ellipse((360, 420, 420, 480), fill=(50, 50, 55))


def _blanket(d: Any) -> None:
    d.polygon([(40, 200), (472, 160), (492, 420), (20, 440)], fill=(120, 170, 220),
              outline=(70, 110, 160), width=W)  # fmt: skip
    for k in range(1, 4):
        d.line([(40 + k * 108, 190 - k * 10), (20 + k * 118, 440 - k * 5)], fill=(240, 200, 90),
               width=10)  # fmt: skip
        d.line([(30, 200 + k * 60), (478, 160 + k * 65)], fill=(240, 200, 90), width=10)


def _glider(d: Any) -> None:
    d.polygon([(20, 250), (492, 230), (492, 262), (20, 276)], fill=(245, 245, 250), outline=OUT,
              width=8)  # fmt: skip
    d.polygon([(120, 240), (420, 232), (400, 290), (150, 300)], fill=(250, 250, 252), outline=OUT,
              width=8)  # fmt: skip
    d.polygon([(140, 255), (60, 190), (40, 190), (60, 265)], fill=(220, 60, 60), outline=OUT,
              width=6)  # fmt: skip
    d.ellipse((330, 238, 380, 270), fill=(130, 190, 230))


TOOL_SHAPES: dict[str, Callable[[Any], None]] = {
    "screw": _screw,
    "hose": _hose,
    "wire": _wire,
    "tape measure": _tape_measure,
    "glue stick": _glue_stick,
    "pencil case": _pencil_case,
    "pencil sharpener": _pencil_sharpener,
    "highlighter": _highlighter,
    "harmonica": _harmonica,
    "triangle instrument": _triangle_instrument,
    "cello": _cello,
    "curtain": _curtain,
    "apron": _apron,
    "pram": _pram,
    "digger": _digger,
    "greenhouse": _greenhouse,
    "chimney": _chimney,
    "tunnel": _tunnel,
    "waterfall": _waterfall,
    "cave": _cave,
    "icicle": _icicle,
    "windsock": _windsock,
    "grass": _grass,
    "lever": _lever,
    "pulley": _pulley,
    "iceberg": _iceberg,
    "bulldozer": _bulldozer,
    "vacuum cleaner": _vacuum_cleaner,
    "blanket": _blanket,
    "glider": _glider,
}
"""Noun -> painter for tools, stationery, instruments and outdoor things with no emoji.
A nail and a fan are left out on purpose: "her nails" are fingernails and "football fans"
are people more often than not."""
