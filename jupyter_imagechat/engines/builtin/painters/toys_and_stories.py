"""Drawn artwork for toys, treats and story things that no emoji shows: an ice lolly, a
sleeping bag, a bird house, a toy brick and a building block, a carrot nose (the part a
snowman wears), a scarecrow, a pirate ship, a viking longship, a guinea pig and a sea lion.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .play import DARK_WOOD, OUT, WOOD, W

STRAW = (235, 200, 90)


def _ice_lolly(d: Any) -> None:  # a two-colour lolly on a wooden stick, a bite gone
    d.rounded_rectangle((228, 330, 284, 490), 24, fill=(225, 190, 130), outline=DARK_WOOD,
                        width=8)  # fmt: skip
    d.rounded_rectangle((150, 30, 362, 370), 90, fill=(240, 80, 90), outline=(170, 40, 50),
                        width=W)  # fmt: skip
    d.rounded_rectangle((156, 180, 356, 364), 90, fill=(250, 190, 60))  # dipped in yellow
    d.rounded_rectangle((150, 30, 362, 370), 90, outline=(170, 40, 50), width=W)
    d.ellipse((320, 20, 400, 100), fill=(0, 0, 0, 0))  # the bite
    d.line([(196, 90), (196, 200)], fill=(250, 170, 175), width=16)  # shine


def _sleeping_bag(d: Any) -> None:  # a quilted bag lying flat, a pillow end and a zip
    green, edge = (60, 140, 110), (30, 90, 70)
    d.rounded_rectangle((20, 170, 492, 380), 90, fill=green, outline=edge, width=W)
    d.rounded_rectangle((30, 190, 150, 360), 60, fill=(110, 180, 215), outline=edge, width=8)
    for x in (220, 300, 380):  # the quilting
        d.line([(x, 180), (x, 370)], fill=edge, width=8)
    d.line([(150, 360), (470, 360)], fill=(230, 200, 60), width=10)  # the zip
    d.ellipse((456, 348, 480, 372), fill=(200, 200, 210), outline=OUT, width=4)


def _bird_house(d: Any) -> None:  # a box with a pitched roof, a round hole and a perch, on a post
    d.rectangle((236, 380, 276, 500), fill=DARK_WOOD, outline=OUT, width=6)
    d.rectangle((140, 180, 372, 390), fill=(220, 160, 90), outline=DARK_WOOD, width=W)
    d.polygon([(256, 40), (110, 200), (402, 200)], fill=(200, 60, 50), outline=(130, 35, 30),
              width=W)  # fmt: skip
    d.ellipse((212, 230, 300, 318), fill=(45, 30, 25))  # the hole
    d.line([(256, 336), (256, 370)], fill=DARK_WOOD, width=14)  # the perch
    d.ellipse((244, 360, 268, 384), fill=DARK_WOOD)


def _toy_brick(d: Any) -> None:  # a plastic building brick with two rows of studs, seen aslant
    red, top, side = (220, 40, 40), (245, 85, 80), (160, 25, 25)
    d.polygon([(40, 220), (330, 220), (470, 150), (180, 150)], fill=top, outline=side, width=8)
    d.polygon([(330, 220), (470, 150), (470, 300), (330, 370)], fill=side, outline=side, width=8)
    d.rectangle((40, 220, 330, 370), fill=red, outline=side, width=8)
    for row, dy in ((0, 0), (1, -36)):
        for k in range(4):
            x = 95 + 70 * k + 70 * row
            y = 200 + dy
            d.rectangle((x - 26, y - 30, x + 26, y), fill=red, outline=side, width=4)
            d.ellipse((x - 26, y - 44, x + 26, y - 16), fill=top, outline=side, width=4)


def _building_block(d: Any) -> None:  # a wooden toy cube with a letter on its front
    d.polygon([(80, 170), (330, 170), (440, 90), (190, 90)], fill=(240, 205, 140),
              outline=DARK_WOOD, width=W)  # fmt: skip
    d.polygon([(330, 170), (440, 90), (440, 340), (330, 420)], fill=(70, 120, 210),
              outline=DARK_WOOD, width=W)  # fmt: skip
    d.rectangle((80, 170, 330, 420), fill=(235, 190, 110), outline=DARK_WOOD, width=W)
    d.rectangle((110, 200, 300, 390), outline=(210, 60, 50), width=12)
    d.polygon([(205, 220), (145, 370), (175, 370), (190, 330), (220, 330), (235, 370),
               (265, 370)], fill=(210, 60, 50))  # an "A"  # fmt: skip
    d.polygon([(193, 305), (217, 305), (205, 270)], fill=(235, 190, 110))


def _carrot_nose(d: Any) -> None:  # a small orange cone, pointing right, with its ridges
    orange = (245, 130, 30)
    d.polygon([(90, 190), (470, 256), (90, 322)], fill=orange, outline=(180, 85, 15), width=W)
    d.ellipse((50, 190, 130, 322), fill=(225, 110, 25), outline=(180, 85, 15), width=W)
    for x in (200, 300, 380):
        h = 60 - (x - 200) // 4
        d.line([(x, 256 - h), (x + 10, 256 - h + 18)], fill=(190, 95, 20), width=8)


def _scarecrow(d: Any) -> None:  # a stuffed shirt on a cross of poles, straw hat and sack face
    d.rectangle((244, 240, 268, 500), fill=DARK_WOOD)
    d.rectangle((40, 230, 472, 256), fill=DARK_WOOD)
    d.polygon([(150, 220), (362, 220), (390, 400), (122, 400)], fill=(200, 70, 60),
              outline=(130, 40, 35), width=W)  # the shirt  # fmt: skip
    d.line([(176, 260), (336, 360)], fill=(130, 40, 35), width=8)
    d.line([(336, 260), (176, 360)], fill=(130, 40, 35), width=8)
    for sign in (-1, 1):  # sleeves and the straw at the cuffs and hem
        d.polygon([(256 + sign * 100, 222), (256 + sign * 200, 226), (256 + sign * 200, 266),
                   (256 + sign * 100, 290)], fill=(80, 120, 200), outline=OUT, width=6)  # fmt: skip
        for k in range(3):
            d.line([(256 + sign * 200, 232 + 14 * k), (256 + sign * 232, 224 + 20 * k)],
                   fill=STRAW, width=8)  # fmt: skip
    for x in range(140, 380, 30):
        d.line([(x, 398), (x - 6, 440)], fill=STRAW, width=8)
    d.ellipse((196, 110, 316, 230), fill=(225, 195, 140), outline=(150, 120, 80), width=8)
    for x in (230, 282):
        d.line([(x - 10, 150), (x + 10, 170)], fill=OUT, width=6)
        d.line([(x + 10, 150), (x - 10, 170)], fill=OUT, width=6)
    d.arc((222, 160, 290, 210), 20, 160, fill=OUT, width=6)
    d.polygon([(140, 120), (372, 120), (330, 100), (300, 40), (212, 40), (182, 100)],
              fill=STRAW, outline=(170, 130, 40), width=8)  # fmt: skip


def _hull(d: Any, fill: tuple[int, int, int], edge: tuple[int, int, int]) -> None:
    d.polygon([(20, 330), (492, 330), (430, 440), (80, 440)], fill=fill, outline=edge, width=W)


def _pirate_ship(d: Any) -> None:  # a dark wooden hull, black sails, a skull-and-bones flag
    _hull(d, (110, 70, 40), (60, 35, 20))
    for x in (150, 260, 370):  # the gun ports
        d.ellipse((x - 16, 368, x + 16, 400), fill=(30, 25, 20))
    d.rectangle((248, 40, 264, 334), fill=(80, 50, 30))
    for x0, y0, x1, y1 in ((120, 90, 250, 190), (120, 200, 250, 310), (264, 110, 380, 300)):
        d.polygon([(x0, y0), (x1, y0), (x1 - 10, y1), (x0 + 10, y1)], fill=(40, 40, 45),
                  outline=(20, 20, 25), width=6)  # fmt: skip
    d.rectangle((264, 40, 350, 90), fill=(25, 25, 30))  # the flag
    d.ellipse((292, 46, 322, 74), fill=(245, 245, 245))
    d.line([(284, 78), (330, 86)], fill=(245, 245, 245), width=6)
    d.line([(284, 86), (330, 78)], fill=(245, 245, 245), width=6)


def _viking_ship(d: Any) -> None:  # a long low ship, dragon prow, striped square sail, shields
    d.polygon([(20, 250), (70, 340), (442, 340), (492, 250), (440, 420), (72, 420)],
              fill=WOOD, outline=DARK_WOOD, width=W)  # fmt: skip
    d.line([(20, 250), (10, 190)], fill=DARK_WOOD, width=22)  # the stern
    d.line([(492, 250), (500, 170)], fill=DARK_WOOD, width=22)  # the dragon's neck
    d.ellipse((470, 140, 512, 182), fill=DARK_WOOD)
    d.rectangle((248, 40, 264, 340), fill=DARK_WOOD)
    for k in range(5):  # a square sail in red and white stripes
        d.rectangle((140 + 48 * k, 70, 188 + 48 * k, 260),
                    fill=(210, 50, 45) if k % 2 == 0 else (245, 240, 225))  # fmt: skip
    d.rectangle((140, 70, 380, 260), outline=(130, 35, 30), width=8)
    for k in range(7):  # round shields along the side
        x = 100 + 52 * k
        d.ellipse((x - 22, 330, x + 22, 374), fill=((230, 190, 50), (60, 110, 190))[k % 2],
                  outline=OUT, width=5)  # fmt: skip


def _guinea_pig(d: Any) -> None:  # a tailless loaf of fur, ginger and white, seen from the side
    ginger, white, edge = (215, 140, 70), (250, 245, 235), (130, 80, 40)
    for x in (130, 200, 330, 390):  # short feet
        d.ellipse((x - 24, 380, x + 24, 420), fill=(240, 170, 160), outline=edge, width=6)
    d.ellipse((40, 150, 490, 410), fill=ginger, outline=edge, width=W)
    d.chord((150, 150, 330, 410), 0, 360, fill=white)  # a white band round the middle
    d.ellipse((330, 170, 488, 400), fill=(90, 60, 40))  # a dark rump patch
    d.ellipse((40, 150, 490, 410), outline=edge, width=W)
    d.ellipse((10, 190, 190, 360), fill=ginger, outline=edge, width=W)  # the head
    d.ellipse((120, 150, 190, 230), fill=(230, 150, 140), outline=edge, width=8)  # petal ear
    d.ellipse((70, 235, 104, 269), fill=(30, 20, 20))  # the eye
    d.ellipse((80, 242, 90, 252), fill=(255, 255, 255))
    d.ellipse((8, 290, 36, 316), fill=(200, 110, 110))  # the nose
    for dy in (-12, 12):  # whiskers
        d.line([(40, 300), (0, 300 + dy * 2)], fill=edge, width=4)


def _curve(
    a: tuple[int, int], via: tuple[int, int], b: tuple[int, int]
) -> list[tuple[float, float]]:
    """Points along the quadratic curve from ``a`` to ``b`` pulled towards ``via``."""
    return [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * via[0] + t * t * b[0],
             (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * via[1] + t * t * b[1])
            for t in (k / 12 for k in range(13))]  # fmt: skip


def _sea_lion(d: Any) -> None:  # sleek and brown, propped up on its front flippers, head high
    brown, edge, dark = (130, 90, 60), (75, 50, 30), (95, 65, 40)
    d.polygon([(400, 420), (505, 470), (490, 495), (380, 480)], fill=dark, outline=edge,
              width=8)  # the hind flippers  # fmt: skip
    body = [*_curve((240, 130), (250, 330), (450, 440)), (430, 475), (260, 470),
            *_curve((200, 440), (140, 330), (140, 150))]  # fmt: skip
    d.polygon(body, fill=brown, outline=edge, width=W)
    d.polygon([(165, 330), (220, 345), (210, 470), (100, 496), (96, 476), (160, 450)], fill=dark,
              outline=edge, width=8)  # a front flipper, planted forward  # fmt: skip
    d.ellipse((110, 60, 260, 175), fill=brown, outline=edge, width=W)  # the head
    d.polygon([(130, 100), (40, 122), (46, 154), (140, 160)], fill=brown, outline=edge,
              width=8)  # the snout  # fmt: skip
    d.ellipse((124, 104, 150, 150), fill=brown)  # snout joined to the head
    d.ellipse((28, 116, 58, 144), fill=(30, 20, 20))  # the nose
    d.ellipse((156, 86, 182, 112), fill=(30, 20, 20))  # the eye
    d.line([(226, 80), (244, 62)], fill=edge, width=10)  # a small ear flap
    for dy in (-10, 6, 22):  # whiskers
        d.line([(70, 148), (16, 148 + dy)], fill=(235, 225, 210), width=3)


TOY_AND_STORY_SHAPES: dict[str, Callable[[Any], None]] = {
    "ice lolly": _ice_lolly,
    "ice pop": _ice_lolly,
    "popsicle": _ice_lolly,
    "sleeping bag": _sleeping_bag,
    "bird house": _bird_house,
    "birdhouse": _bird_house,
    "nest box": _bird_house,
    "bird box": _bird_house,
    "lego brick": _toy_brick,
    "lego": _toy_brick,
    "lego block": _toy_brick,
    "toy brick": _toy_brick,
    "building block": _building_block,
    "toy block": _building_block,
    "wooden block": _building_block,
    "carrot nose": _carrot_nose,
    "scarecrow": _scarecrow,
    "guinea pig": _guinea_pig,
    "sea lion": _sea_lion,
    "pirate ship": _pirate_ship,
    "viking ship": _viking_ship,
    "longship": _viking_ship,
}
"""Noun -> painter for toys, treats and story things with no fitting emoji."""
