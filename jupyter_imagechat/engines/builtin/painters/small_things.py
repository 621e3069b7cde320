"""Drawn artwork for small things a class names that no emoji shows: toys (a rubber duck,
a baby's rattle, a board game), the toolbox and the desk (a spirit level, a tape
dispenser), food (half a grapefruit, fish fingers), the garden (a slug, a dragonfly, a
pine cone) and an earring.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10
CLEAR = (0, 0, 0, 0)


def _rubber_duck(d: Any) -> None:
    yellow, edge = (250, 210, 50), (190, 140, 20)
    d.polygon([(400, 260), (490, 200), (470, 300)], fill=yellow, outline=edge, width=W)  # tail
    d.ellipse((60, 220, 470, 460), fill=yellow, outline=edge, width=W)  # the body
    d.ellipse((70, 60, 290, 270), fill=yellow, outline=edge, width=W)  # the head
    d.polygon([(90, 170), (10, 190), (30, 215), (100, 210)], fill=(245, 130, 40), outline=edge,
              width=6)  # the beak  # fmt: skip
    d.ellipse((150, 120, 190, 160), fill=(30, 30, 35))
    d.ellipse((160, 126, 174, 140), fill=(255, 255, 255))
    d.arc((180, 280, 400, 420), 20, 160, fill=edge, width=8)  # the wing


def _rattle(d: Any) -> None:  # a baby's rattle: a ball on a handle with a ring
    d.rounded_rectangle((230, 250, 282, 440), 22, fill=(250, 170, 190), outline=OUT, width=8)
    d.ellipse((196, 410, 316, 500), outline=(250, 170, 190), width=22)
    d.ellipse((116, 20, 396, 280), fill=(120, 190, 240), outline=OUT, width=W)
    for x, y, colour in ((200, 110, (250, 220, 80)), (310, 150, (250, 130, 160)),
                         (230, 210, (140, 210, 120))):  # fmt: skip
        d.ellipse((x - 28, y - 28, x + 28, y + 28), fill=colour)


def _board_game(d: Any) -> None:  # a board of squares, counters and a die
    d.rectangle((40, 100, 472, 430), fill=(250, 245, 225), outline=OUT, width=W)
    colours = [(240, 120, 110), (120, 190, 240), (250, 220, 90), (140, 210, 120)]
    for row in range(5):
        for col in range(7):
            x, y = 64 + col * 56, 120 + row * 58
            d.rectangle((x, y, x + 56, y + 58), fill=colours[(row + col) % 4], outline=OUT,
                        width=3)  # fmt: skip
    d.line([(120, 380), (300, 160)], fill=(120, 80, 40), width=10)  # a ladder's rail
    for x, y, colour in ((360, 200, (220, 40, 40)), (200, 330, (40, 80, 200))):  # counters
        d.ellipse((x - 24, y - 24, x + 24, y + 24), fill=colour, outline=OUT, width=5)
    d.rounded_rectangle((380, 380, 480, 480), 16, fill=(255, 255, 255), outline=OUT, width=8)
    for x, y in ((405, 405), (430, 430), (455, 455)):
        d.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(30, 30, 35))


def _spirit_level(d: Any) -> None:  # a yellow bar with a bubble in its window
    d.rounded_rectangle((20, 210, 492, 302), 12, fill=(245, 200, 40), outline=(150, 110, 20),
                        width=W)  # fmt: skip
    d.rounded_rectangle((196, 226, 316, 286), 28, fill=(170, 230, 120), outline=OUT, width=6)
    d.ellipse((238, 238, 274, 274), fill=(235, 250, 220))
    for x in (226, 286):
        d.line([(x, 230), (x, 282)], fill=OUT, width=4)
    for x in (70, 442):
        d.ellipse((x - 20, 236, x + 20, 276), fill=(80, 80, 90))


def _tape_dispenser(d: Any) -> None:  # a heavy dispenser holding a roll of clear tape
    d.polygon([(30, 460), (60, 300), (200, 230), (400, 250), (480, 400), (490, 460)],
              fill=(220, 60, 60), outline=OUT, width=W)  # fmt: skip
    d.ellipse((150, 190, 350, 390), fill=(240, 220, 150), outline=(190, 160, 90), width=W)
    d.ellipse((205, 245, 295, 335), fill=(215, 180, 120), outline=(170, 130, 80), width=8)
    d.polygon([(340, 300), (470, 370), (480, 400), (350, 330)], fill=(240, 220, 150))
    d.line([(460, 360), (490, 400)], fill=(110, 115, 125), width=12)  # the cutter


def _grapefruit(d: Any) -> None:  # cut in half: pink segments in a yellow-orange rind
    d.ellipse((30, 30, 482, 482), fill=(245, 180, 70), outline=(190, 120, 40), width=W)
    d.ellipse((60, 60, 452, 452), fill=(250, 240, 220))
    for k in range(10):
        start = k * 36
        d.pieslice((80, 80, 432, 432), start + 3, start + 33, fill=(240, 110, 110))
    d.ellipse((236, 236, 276, 276), fill=(250, 240, 220))


def _fish_finger(d: Any) -> None:  # three breaded fingers, one bitten to show the fish
    for k, y in enumerate((140, 250, 360)):
        x0 = 60 + 20 * k
        d.rounded_rectangle((x0, y, x0 + 380, y + 90), 20, fill=(230, 140, 50),
                            outline=(170, 90, 30), width=W)  # fmt: skip
        for j in range(8):
            d.ellipse((x0 + 30 + 45 * j, y + 20, x0 + 40 + 45 * j, y + 30), fill=(200, 110, 35))
    d.ellipse((420, 235, 500, 355), fill=CLEAR)  # the bite
    d.ellipse((430, 262, 470, 328), fill=(250, 248, 240))


def _slug(d: Any) -> None:  # a soft body rising to a round head, feelers up
    top = [(30 + 390 * t, 415 - 105 * t**0.5 - 25 * math.sin(math.pi * t)) for t in
           (k / 30 for k in range(31))]  # fmt: skip
    head = [(420 + 55 * math.cos(a), 365 + 55 * math.sin(a)) for a in
            (math.radians(-90 + 6 * k) for k in range(31))]  # fmt: skip
    d.polygon([*top, *head, (30, 420)], fill=(170, 120, 70), outline=(110, 70, 40), width=W)
    d.chord((170, 270, 370, 390), 180, 360, fill=(150, 100, 55))  # the mantle
    for x, y in ((420, 200), (470, 210)):  # the feelers
        d.line([(440, 330), (x, y)], fill=(110, 70, 40), width=10)
        d.ellipse((x - 12, y - 12, x + 12, y + 12), fill=(60, 40, 25))
    d.line([(20, 440), (300, 440)], fill=(200, 215, 230), width=8)  # its slime trail


def _dragonfly(d: Any) -> None:  # seen from above: a long body and four clear wings
    wing, edge = (210, 235, 250), (110, 150, 190)
    for sx in (-1, 1):
        for y, tilt in ((170, -20), (240, 10)):
            d.ellipse((256 + sx * 20 - (220 if sx < 0 else 0), y - 40 + tilt,
                       256 + sx * 20 + (220 if sx > 0 else 0), y + 40 + tilt), fill=wing,
                      outline=edge, width=6)  # fmt: skip
    d.rounded_rectangle((240, 150, 272, 490), 16, fill=(40, 130, 180), outline=OUT, width=6)
    d.ellipse((222, 60, 290, 160), fill=(40, 130, 180), outline=OUT, width=6)
    for x in (236, 276):  # big eyes
        d.ellipse((x - 22, 60, x + 22, 104), fill=(60, 180, 120), outline=OUT, width=5)


def _pine_cone(d: Any) -> None:  # rows of brown scales, widest in the middle
    d.ellipse((136, 40, 376, 490), fill=(130, 85, 45), outline=(80, 50, 25), width=W)
    for row in range(9):
        y = 80 + row * 46
        half = 110 * math.sin(math.pi * (y - 40) / 450)
        count = 3 + row % 2
        for k in range(count):
            x = 256 - half + (k + 0.5) * 2 * half / count
            d.pieslice((x - 34, y - 26, x + 34, y + 40), 0, 180, fill=(175, 120, 65),
                       outline=(80, 50, 25), width=5)  # fmt: skip


def _earring(d: Any) -> None:  # a gold hook holding a drop with a blue stone
    gold, edge = (235, 190, 60), (170, 120, 30)
    d.arc((196, 20, 316, 140), 180, 20, fill=gold, width=14)
    d.line([(196, 80), (236, 200)], fill=gold, width=14)
    d.ellipse((216, 180, 256, 220), fill=gold, outline=edge, width=5)
    d.polygon([(236, 220), (330, 360), (236, 490), (142, 360)], fill=(70, 130, 220), outline=edge,
              width=W)  # fmt: skip
    d.polygon([(236, 250), (280, 350), (236, 350)], fill=(150, 190, 245))


SMALL_THINGS_SHAPES: dict[str, Callable[[Any], None]] = {
    "rubber duck": _rubber_duck,
    "rattle": _rattle,
    "board game": _board_game,
    "spirit level": _spirit_level,
    "tape dispenser": _tape_dispenser,
    "grapefruit": _grapefruit,
    "fish finger": _fish_finger,
    "fish stick": _fish_finger,
    "slug": _slug,
    "dragonfly": _dragonfly,
    "pine cone": _pine_cone,
    "earring": _earring,
}
"""Noun -> painter for small toys, tools, foods and garden things with no fitting emoji."""
