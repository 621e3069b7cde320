"""Drawn artwork for more things lessons name that no emoji shows: history (a typewriter, a
gramophone, a spear, a chariot, a totem pole), music (a trombone, a clarinet), PE (a golf
club), art (a canvas, a sticker), school (a certificate, a timetable, a sandpit), maths
counters and a moth.

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
BRASS, DARK_BRASS = (235, 190, 70), (170, 125, 30)
STEEL, DARK_STEEL = (185, 190, 200), (110, 115, 125)
PAPER = (252, 250, 240)


def _typewriter(d: Any) -> None:
    d.rectangle((150, 40, 362, 190), fill=PAPER, outline=OUT, width=6)  # the sheet
    for y in (80, 110, 140):
        d.line([(175, y), (330, y)], fill=(150, 150, 160), width=5)
    d.rounded_rectangle((90, 170, 422, 220), 25, fill=(60, 60, 70), outline=OUT, width=8)
    d.polygon([(60, 220), (452, 220), (492, 460), (20, 460)], fill=(70, 110, 90), outline=OUT,
              width=W)  # fmt: skip
    for row in range(3):
        for k in range(8 - row):
            x, y = 110 + row * 22 + k * 42, 270 + row * 50
            d.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(245, 245, 240), outline=OUT, width=4)
    d.rounded_rectangle((150, 415, 362, 440), 10, fill=(245, 245, 240), outline=OUT, width=4)


def _gramophone(d: Any) -> None:  # a wooden box, a record and a great flared horn
    d.rectangle((60, 360, 360, 480), fill=WOOD, outline=DARK_WOOD, width=W)
    d.ellipse((80, 330, 340, 380), fill=(30, 30, 35))
    d.line([(300, 350), (315, 250)], fill=DARK_BRASS, width=16)
    d.polygon([(300, 260), (325, 240), (478, 178), (386, 62)], fill=BRASS, outline=DARK_BRASS,
              width=8)  # the horn, flaring  # fmt: skip
    d.ellipse((370, 30, 500, 200), fill=(200, 150, 40), outline=DARK_BRASS, width=W)
    d.ellipse((410, 80, 460, 150), fill=(150, 105, 25))
    d.line([(360, 420), (410, 400)], fill=DARK_WOOD, width=12)  # the crank
    d.ellipse((400, 385, 430, 415), fill=DARK_WOOD)


def _spear(d: Any) -> None:
    d.line([(60, 470), (380, 150)], fill=DARK_WOOD, width=20)
    d.polygon([(370, 140), (470, 40), (400, 180)], fill=STEEL, outline=DARK_STEEL, width=8)
    d.polygon([(370, 140), (340, 130), (400, 180), (390, 150)], fill=STEEL)
    d.line([(350, 160), (380, 190)], fill=(150, 60, 40), width=12)  # the binding


def _chariot(d: Any) -> None:  # a Roman chariot: a curved front and one big wheel
    d.line([(300, 330), (500, 300)], fill=DARK_WOOD, width=14)  # the pole
    d.polygon([(60, 330), (60, 170), (150, 120), (320, 200), (320, 330)], fill=(200, 60, 50),
              outline=(130, 35, 30), width=W)  # fmt: skip
    d.polygon([(90, 180), (150, 150), (290, 210), (290, 240), (90, 240)], fill=BRASS)
    d.ellipse((110, 250, 310, 450), fill=(150, 100, 55), outline=DARK_WOOD, width=W)
    for k in range(4):
        a = math.radians(45 * k)
        d.line([(210 - 90 * math.cos(a), 350 - 90 * math.sin(a)),
                (210 + 90 * math.cos(a), 350 + 90 * math.sin(a))], fill=DARK_WOOD,
               width=10)  # fmt: skip
    d.ellipse((190, 330, 230, 370), fill=BRASS)


def _totem_pole(d: Any) -> None:  # carved faces stacked up a pole, wings at the top
    d.polygon([(110, 90), (256, 60), (402, 90), (320, 130), (192, 130)], fill=(60, 120, 170),
              outline=OUT, width=8)  # the wings  # fmt: skip
    faces = [((200, 90, 60), 70), ((60, 130, 100), 190), ((200, 150, 60), 310),
             ((150, 70, 50), 420)]  # fmt: skip
    for colour, y in faces:
        d.rectangle((186, y - 60, 326, y + 60), fill=colour, outline=OUT, width=8)
        for x in (220, 292):  # eyes
            d.ellipse((x - 20, y - 30, x + 20, y), fill=(250, 250, 245), outline=OUT, width=4)
            d.ellipse((x - 8, y - 22, x + 8, y - 6), fill=(30, 30, 35))
        d.rectangle((226, y + 18, 286, y + 38), fill=(30, 30, 35))  # a mouth
    d.polygon([(246, 50), (266, 50), (256, 10)], fill=(240, 200, 60))


def _trombone(d: Any) -> None:  # the slide's long U and the bell pointing forward
    d.line([(60, 200), (420, 200)], fill=BRASS, width=14)
    d.line([(60, 280), (420, 280)], fill=BRASS, width=14)
    d.arc((30, 200, 90, 280), 90, 270, fill=BRASS, width=14)
    d.line([(300, 200), (300, 360), (380, 360)], fill=BRASS, width=14)
    d.arc((380, 280, 460, 360), 270, 90, fill=BRASS, width=14)
    d.polygon([(420, 190), (500, 120), (500, 360), (420, 290)], fill=BRASS, outline=DARK_BRASS,
              width=8)  # the bell  # fmt: skip
    d.line([(250, 190), (250, 290)], fill=DARK_BRASS, width=10)  # the hand stay


def _clarinet(d: Any) -> None:  # a long black tube with silver keys and a flared bell
    d.polygon([(236, 30), (276, 30), (282, 420), (230, 420)], fill=(40, 40, 45), outline=OUT,
              width=6)  # fmt: skip
    d.polygon([(230, 410), (282, 410), (320, 490), (192, 490)], fill=(40, 40, 45), outline=OUT,
              width=6)  # fmt: skip
    d.polygon([(244, 10), (268, 10), (262, 40), (250, 40)], fill=(30, 30, 35))  # mouthpiece
    for y in range(80, 400, 45):
        d.ellipse((246, y, 266, y + 20), fill=STEEL)
        d.line([(266, y + 10), (290, y + 20)], fill=STEEL, width=6)
    d.rectangle((226, 180, 286, 192), fill=STEEL)


def _golf_club(d: Any) -> None:
    d.line([(150, 30), (330, 420)], fill=STEEL, width=12)
    d.rounded_rectangle((130, 10, 175, 110), 16, fill=(40, 40, 45))  # the grip
    d.polygon([(320, 400), (340, 440), (460, 450), (470, 420), (420, 390)], fill=DARK_STEEL,
              outline=OUT, width=8)  # the head  # fmt: skip
    d.ellipse((60, 420, 120, 480), fill=(250, 250, 250), outline=OUT, width=6)  # the ball


def _canvas(d: Any) -> None:  # a blank stretched canvas, its wooden edge showing
    d.polygon([(440, 50), (470, 80), (470, 490), (440, 460)], fill=WOOD, outline=DARK_WOOD,
              width=6)  # fmt: skip
    d.rectangle((70, 50, 440, 460), fill=PAPER, outline=(170, 165, 150), width=W)
    d.line([(120, 400), (200, 330), (260, 370), (340, 280), (400, 400)], fill=(150, 190, 230),
           width=14)  # a first line of paint  # fmt: skip
    d.ellipse((320, 100, 390, 170), fill=(250, 210, 70))


def _sticker(d: Any) -> None:  # a gold star sticker, a corner peeling up
    points = []
    for k in range(10):
        r = 210 if k % 2 == 0 else 90
        a = math.radians(-90 + 36 * k)
        points.append((256 + r * math.cos(a), 266 + r * math.sin(a)))
    d.polygon(points, fill=(250, 200, 50), outline=(190, 140, 20), width=W)
    d.ellipse((196, 226, 226, 256), fill=(60, 40, 20))
    d.ellipse((286, 226, 316, 256), fill=(60, 40, 20))
    d.arc((206, 250, 306, 330), 20, 160, fill=(60, 40, 20), width=10)
    d.polygon([(330, 360), (420, 420), (370, 330)], fill=(250, 250, 245), outline=(190, 140, 20),
              width=6)  # the peeled corner's white back  # fmt: skip


def _certificate(d: Any) -> None:  # a bordered paper with a title and a gold seal
    d.rectangle((30, 80, 482, 420), fill=PAPER, outline=(150, 120, 60), width=W)
    d.rectangle((50, 100, 462, 400), outline=(200, 170, 90), width=6)
    d.text((256, 150), "CERTIFICATE", 46, (120, 80, 30))
    for y in (220, 260, 300):
        d.line([(100, y), (412 - (y - 220), y)], fill=(170, 170, 175), width=6)
    for dx in (-24, 24):  # the ribbons
        d.polygon([(390 + dx, 360), (380 + dx * 2, 470), (400 + dx, 450), (410 + dx * 2, 475)],
                  fill=(200, 50, 50))  # fmt: skip
    d.ellipse((340, 300, 440, 400), fill=(240, 190, 50), outline=(180, 130, 30), width=8)


def _timetable(d: Any) -> None:  # a grid of days and lessons in colours
    d.rectangle((30, 50, 482, 462), fill=PAPER, outline=OUT, width=W)
    d.rectangle((30, 50, 482, 120), fill=(70, 110, 190), outline=OUT, width=W)
    d.text((256, 86), "TIMETABLE", 44, (255, 255, 255))
    colours = [(240, 150, 140), (150, 200, 240), (250, 220, 120), (160, 220, 150), (210, 170, 230)]
    for row in range(5):
        for col in range(4):
            x, y = 60 + col * 104, 140 + row * 62
            d.rectangle((x, y, x + 92, y + 50), fill=colours[(row * 2 + col) % 5])


def _sandpit(d: Any) -> None:  # a wooden frame full of sand, a bucket and spade in it
    d.polygon([(80, 220), (432, 220), (502, 440), (10, 440)], fill=DARK_WOOD)
    d.polygon([(100, 236), (412, 236), (472, 424), (40, 424)], fill=(240, 210, 140))
    d.rectangle((10, 440, 502, 470), fill=WOOD, outline=DARK_WOOD, width=6)
    d.polygon([(150, 300), (230, 300), (220, 380), (160, 380)], fill=(220, 60, 60), outline=OUT,
              width=6)  # a bucket  # fmt: skip
    d.line([(330, 390), (380, 270)], fill=(70, 130, 220), width=12)
    d.polygon([(310, 380), (350, 380), (345, 420), (315, 420)], fill=(70, 130, 220))
    d.ellipse((240, 330, 300, 370), fill=(215, 180, 110))  # a sand pie


def _counters(d: Any) -> None:  # round plastic counters: a stack and two loose
    for k, colour in enumerate(((220, 60, 60), (250, 200, 50), (70, 130, 220))):
        d.ellipse((90, 300 - 50 * k, 290, 380 - 50 * k), fill=colour, outline=OUT, width=8)
    for x, y, colour in ((370, 300, (80, 170, 80)), (330, 410, (220, 60, 60))):
        d.ellipse((x - 90, y - 40, x + 90, y + 40), fill=colour, outline=OUT, width=8)
        d.ellipse((x - 60, y - 24, x + 60, y + 24), outline=(255, 255, 255), width=5)
    d.ellipse((130, 216, 250, 264), outline=(255, 255, 255), width=5)


def _moth(d: Any) -> None:  # dusty brown wings with eye spots, feathery feelers
    brown, edge = (170, 140, 110), (110, 85, 60)
    for sx in (-1, 1):
        d.polygon([(256, 200), (256 + sx * 230, 130), (256 + sx * 200, 300), (256, 290)],
                  fill=brown, outline=edge, width=8)  # fmt: skip
        d.polygon([(256, 280), (256 + sx * 160, 300), (256 + sx * 120, 420), (256, 340)],
                  fill=(150, 120, 90), outline=edge, width=8)  # fmt: skip
        x = 256 + sx * 140
        d.ellipse((x - 28, 190, x + 28, 246), fill=(230, 210, 170), outline=edge, width=5)
        d.ellipse((x - 12, 206, x + 12, 230), fill=(60, 40, 25))
        d.line([(256 + sx * 10, 170), (256 + sx * 90, 60)], fill=edge, width=6)
        for k in range(5):  # the feelers' feathering
            fx, fy = 256 + sx * (20 + 15 * k), 156 - 21 * k
            d.line([(fx, fy), (fx + sx * 16, fy + 8)], fill=edge, width=4)
    d.rounded_rectangle((236, 170, 276, 380), 20, fill=(120, 95, 70), outline=edge, width=6)


LESSON_THINGS_SHAPES: dict[str, Callable[[Any], None]] = {
    "typewriter": _typewriter,
    "gramophone": _gramophone,
    "spear": _spear,
    "chariot": _chariot,
    "totem pole": _totem_pole,
    "trombone": _trombone,
    "clarinet": _clarinet,
    "golf club": _golf_club,
    "canvas": _canvas,
    "sticker": _sticker,
    "certificate": _certificate,
    "timetable": _timetable,
    "sandpit": _sandpit,
    "sandbox": _sandpit,
    "maths counter": _counters,  # not "counter": a shop's or a kitchen's counter is commoner
    "moth": _moth,
}
"""Noun -> painter for more lesson things with no fitting emoji."""
