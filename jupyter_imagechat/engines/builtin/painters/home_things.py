"""Drawn artwork for things about the house that no emoji shows: in the kitchen (a rolling
pin, an egg cup, a spatula, tongs), a piggy bank, a snow globe, a life jacket and
plasticine.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10
WOOD, DARK_WOOD = (205, 160, 100), (130, 90, 45)
STEEL, DARK_STEEL = (185, 190, 200), (110, 115, 125)


def _rolling_pin(d: Any) -> None:
    for x in (20, 402):  # the handles
        d.rounded_rectangle((x, 226, x + 90, 286), 28, fill=(180, 130, 75), outline=DARK_WOOD,
                            width=8)  # fmt: skip
    d.rounded_rectangle((100, 190, 412, 322), 30, fill=WOOD, outline=DARK_WOOD, width=W)
    d.line([(130, 220), (380, 220)], fill=(230, 195, 140), width=12)


def _egg_cup(d: Any) -> None:  # a boiled egg in its cup, its top off
    d.ellipse((150, 60, 362, 330), fill=(250, 245, 230), outline=(190, 170, 130), width=W)
    d.rectangle((150, 60, 362, 130), fill=(0, 0, 0, 0))  # the top taken off
    d.ellipse((160, 110, 352, 160), fill=(250, 250, 245), outline=(190, 170, 130), width=6)
    d.ellipse((206, 118, 306, 152), fill=(250, 200, 40))  # the yolk
    d.chord((130, 150, 382, 420), 0, 180, fill=(70, 130, 220), outline=OUT, width=W)
    d.polygon([(210, 400), (302, 400), (340, 480), (172, 480)], fill=(70, 130, 220),
              outline=OUT, width=W)  # the foot  # fmt: skip
    d.line([(136, 285), (376, 285)], fill=OUT, width=W)


def _spatula(d: Any) -> None:  # a slotted turner on a long handle
    d.rounded_rectangle((230, 20, 282, 250), 20, fill=(40, 40, 45), outline=OUT, width=6)
    d.line([(256, 250), (256, 300)], fill=STEEL, width=20)
    d.rounded_rectangle((150, 290, 362, 490), 24, fill=STEEL, outline=DARK_STEEL, width=W)
    for x in (200, 256, 312):
        d.rounded_rectangle((x - 10, 320, x + 10, 450), 10, fill=DARK_STEEL)


def _tongs(d: Any) -> None:  # two steel arms hinged at the top, scalloped tips
    for sign in (-1, 1):
        d.polygon([(256 + sign * 10, 40), (256 + sign * 40, 40), (256 + sign * 130, 460),
                   (256 + sign * 90, 470)], fill=STEEL, outline=DARK_STEEL, width=8)  # fmt: skip
        d.ellipse((256 + sign * 110 - 36, 430, 256 + sign * 110 + 36, 490), fill=STEEL,
                  outline=DARK_STEEL, width=8)  # fmt: skip
    d.ellipse((206, 10, 306, 80), fill=STEEL, outline=DARK_STEEL, width=8)


def _piggy_bank(d: Any) -> None:  # a pink pig with a coin slot, a coin going in
    pink, edge = (245, 160, 180), (190, 100, 120)
    for x in (150, 330):  # legs
        d.rounded_rectangle((x - 30, 360, x + 30, 470), 14, fill=pink, outline=edge, width=8)
    d.ellipse((60, 150, 440, 420), fill=pink, outline=edge, width=W)
    d.polygon([(140, 180), (130, 100), (210, 160)], fill=pink, outline=edge, width=8)  # ear
    d.ellipse((10, 240, 100, 330), fill=(240, 140, 165), outline=edge, width=8)  # the snout
    for y in (270, 300):
        d.ellipse((38, y - 8, 54, y + 8), fill=edge)
    d.ellipse((130, 210, 156, 236), fill=(40, 30, 35))
    d.rounded_rectangle((230, 150, 330, 170), 8, fill=(120, 60, 80))  # the slot
    d.ellipse((250, 60, 310, 150), fill=(240, 190, 50), outline=(180, 130, 30), width=6)
    d.arc((420, 230, 490, 300), 270, 180, fill=edge, width=8)  # the curly tail


def _snow_globe(d: Any) -> None:  # a glass ball on a base, a tree and snow inside
    d.polygon([(120, 400), (392, 400), (420, 480), (92, 480)], fill=(150, 90, 50), outline=OUT,
              width=W)  # fmt: skip
    d.ellipse((90, 50, 422, 410), fill=(200, 230, 250), outline=(120, 160, 200), width=W)
    d.chord((100, 260, 412, 400), 0, 180, fill=(250, 250, 255))
    d.polygon([(256, 150), (190, 330), (322, 330)], fill=(60, 140, 70))
    d.rectangle((244, 330, 268, 360), fill=(120, 80, 40))
    for x, y in ((160, 150), (340, 120), (200, 230), (350, 250), (280, 110), (150, 300)):
        d.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(255, 255, 255))
    d.arc((130, 90, 300, 260), 200, 250, fill=(255, 255, 255), width=10)


def _life_jacket(d: Any) -> None:  # an orange vest with straps and buckles
    orange, edge = (245, 120, 40), (180, 80, 20)
    d.polygon([(100, 110), (200, 60), (220, 200), (256, 240), (292, 200), (312, 60),
               (412, 110), (430, 470), (82, 470)], fill=orange, outline=edge, width=W)  # fmt: skip
    d.line([(256, 250), (256, 470)], fill=edge, width=8)
    for y in (320, 410):  # straps with buckles
        d.line([(86, y), (426, y)], fill=(50, 50, 60), width=20)
        d.rectangle((236, y - 20, 276, y + 20), fill=(200, 200, 210), outline=OUT, width=5)
    for x in (150, 362):  # reflective strips
        d.line([(x, 140), (x, 280)], fill=(230, 235, 240), width=16)


def _plasticine(d: Any) -> None:  # coloured rolls and a ball of modelling dough
    for k, colour in enumerate(((230, 60, 60), (70, 130, 220), (250, 200, 50), (80, 170, 80))):
        y = 180 + 60 * k
        d.rounded_rectangle((60 + 10 * k, y, 360 + 10 * k, y + 56), 28, fill=colour, outline=OUT,
                            width=6)  # fmt: skip
    d.ellipse((340, 330, 480, 470), fill=(170, 90, 200), outline=OUT, width=8)
    d.arc((360, 350, 440, 430), 200, 250, fill=(215, 160, 235), width=10)


HOME_THINGS_SHAPES: dict[str, Callable[[Any], None]] = {
    "rolling pin": _rolling_pin,
    "egg cup": _egg_cup,
    "spatula": _spatula,
    "tongs": _tongs,
    "piggy bank": _piggy_bank,
    "snow globe": _snow_globe,
    "life jacket": _life_jacket,
    "life vest": _life_jacket,
    "plasticine": _plasticine,
    "play dough": _plasticine,
    "playdough": _plasticine,
}
"""Noun -> painter for things about the house with no fitting emoji."""
