"""Drawn artwork for the buildings of a town that no emoji shows, each known by its sign
and its look (a fire station's red doors, a police station's blue lamp, a library's
columns, a cinema's marquee, a cafe's striped awning, a garage's roller door, a theatre's
curtains), and for a red telephone box, a weather vane and a horse's cart.

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10
BRICK, DARK_BRICK = (190, 100, 80), (130, 65, 50)
STONE, DARK_STONE = (225, 215, 190), (150, 140, 115)
GLASS = (160, 205, 235)
WOOD, DARK_WOOD = (190, 140, 80), (120, 80, 40)


def _front(d: Any, wall: tuple[int, int, int], edge: tuple[int, int, int], sign: str,
           board: tuple[int, int, int], ink: tuple[int, int, int]) -> None:  # fmt: skip
    """A flat-roofed building front with its name on a board above the door."""
    d.rectangle((40, 120, 472, 490), fill=wall, outline=edge, width=W)
    d.rectangle((30, 100, 482, 130), fill=edge)
    d.rectangle((90, 150, 422, 220), fill=board, outline=OUT, width=6)
    d.text((256, 186), sign, 52 if len(sign) <= 9 else 40, ink)


def _windows(d: Any, y: int, xs: tuple[int, ...] = (70, 372)) -> None:
    for x in xs:
        d.rectangle((x, y, x + 70, y + 80), fill=GLASS, outline=OUT, width=6)


def _fire_station(d: Any) -> None:
    _front(d, BRICK, DARK_BRICK, "FIRE STATION", (250, 250, 245), (200, 30, 30))
    for x in (70, 266):  # two tall red engine doors
        d.rectangle((x, 250, x + 176, 490), fill=(215, 40, 40), outline=OUT, width=8)
        for y in range(290, 490, 40):
            d.line([(x + 10, y), (x + 166, y)], fill=(170, 25, 25), width=5)


def _police_station(d: Any) -> None:
    _front(d, STONE, DARK_STONE, "POLICE", (30, 60, 140), (255, 255, 255))
    _windows(d, 260)
    d.rectangle((206, 300, 306, 490), fill=(30, 60, 140), outline=OUT, width=8)
    d.line([(256, 240), (256, 270)], fill=OUT, width=8)  # the blue lamp over the door
    d.rounded_rectangle((230, 226, 282, 250), 8, fill=(70, 140, 240), outline=OUT, width=5)


def _library(d: Any) -> None:
    d.polygon([(30, 140), (256, 40), (482, 140)], fill=STONE, outline=DARK_STONE, width=W)
    d.rectangle((40, 140, 472, 470), fill=STONE, outline=DARK_STONE, width=W)
    d.rectangle((100, 150, 412, 200), fill=(250, 248, 240), outline=OUT, width=5)
    d.text((256, 176), "LIBRARY", 44, (60, 50, 40))
    for x in (80, 160, 330, 410):  # columns
        d.rectangle((x, 210, x + 26, 440), fill=(245, 240, 225), outline=DARK_STONE, width=5)
    d.rectangle((216, 300, 296, 440), fill=(120, 80, 40), outline=OUT, width=6)
    d.rectangle((20, 440, 492, 490), fill=(200, 190, 165), outline=DARK_STONE, width=8)


def _cinema(d: Any) -> None:
    _front(d, (70, 60, 110), (40, 35, 70), "CINEMA", (250, 220, 80), (150, 30, 30))
    for x in range(100, 420, 30):  # marquee lights
        d.ellipse((x - 7, 226, x + 7, 240), fill=(255, 240, 150))
    d.rectangle((80, 270, 190, 420), fill=(250, 250, 245), outline=OUT, width=6)  # posters
    d.rectangle((322, 270, 432, 420), fill=(250, 250, 245), outline=OUT, width=6)
    d.text((135, 345), "FILM", 30, (150, 30, 30))
    d.text((377, 345), "FILM", 30, (150, 30, 30))
    d.rectangle((216, 300, 296, 490), fill=(150, 30, 30), outline=OUT, width=6)


def _awning(d: Any, colour: tuple[int, int, int]) -> None:
    for k in range(8):  # a striped awning over the window
        x = 40 + 54 * k
        d.polygon([(x, 230), (x + 54, 230), (x + 60, 290), (x - 6, 290)],
                  fill=colour if k % 2 == 0 else (250, 250, 245))  # fmt: skip
    d.line([(34, 290), (478, 290)], fill=OUT, width=6)


def _cafe(d: Any) -> None:
    _front(d, (240, 225, 200), (170, 140, 100), "CAFE", (60, 120, 80), (255, 255, 255))
    _awning(d, (60, 140, 90))
    d.rectangle((70, 310, 300, 440), fill=GLASS, outline=OUT, width=6)
    d.rectangle((340, 310, 440, 490), fill=(120, 80, 40), outline=OUT, width=6)
    for x in (120, 240):  # cups in the window
        d.rounded_rectangle((x - 20, 400, x + 20, 436), 8, fill=(250, 250, 245), outline=OUT,
                            width=4)  # fmt: skip


def _restaurant(d: Any) -> None:
    _front(d, (235, 220, 195), (160, 130, 95), "RESTAURANT", (120, 30, 40), (255, 240, 200))
    _awning(d, (180, 40, 50))
    d.rectangle((70, 310, 300, 440), fill=GLASS, outline=OUT, width=6)
    d.ellipse((130, 380, 240, 430), fill=(250, 250, 245), outline=OUT, width=4)  # a laid table
    d.rectangle((340, 310, 440, 490), fill=(100, 60, 40), outline=OUT, width=6)


def _garage(d: Any) -> None:  # a house's garage: a pitched roof over a roller door
    d.rectangle((60, 200, 452, 490), fill=BRICK, outline=DARK_BRICK, width=W)
    d.polygon([(30, 210), (256, 60), (482, 210)], fill=(90, 90, 100), outline=OUT, width=W)
    d.rectangle((110, 260, 402, 490), fill=(200, 205, 215), outline=OUT, width=8)
    for y in range(285, 490, 25):
        d.line([(114, y), (398, y)], fill=(150, 155, 165), width=5)


def _theatre(d: Any) -> None:
    _front(d, (150, 40, 50), (100, 25, 35), "THEATRE", (250, 220, 80), (120, 25, 35))
    d.rectangle((90, 250, 422, 450), fill=(40, 30, 30), outline=(220, 180, 60), width=10)
    d.polygon([(100, 260), (250, 260), (180, 440), (100, 440)], fill=(200, 40, 50))
    d.polygon([(262, 260), (412, 260), (412, 440), (332, 440)], fill=(200, 40, 50))
    d.rectangle((90, 450, 422, 490), fill=(120, 80, 40), outline=OUT, width=6)  # the stage


def _phone_box(d: Any) -> None:  # a red telephone box: domed top, sign, glazed door
    red, dark = (210, 35, 35), (140, 20, 20)
    d.chord((130, 20, 382, 120), 180, 360, fill=red, outline=dark, width=W)
    d.rectangle((130, 70, 382, 490), fill=red, outline=dark, width=W)
    d.rectangle((160, 90, 352, 130), fill=(250, 250, 245), outline=dark, width=5)
    d.text((256, 110), "TELEPHONE", 30, (30, 30, 35))
    d.rectangle((170, 150, 342, 440), fill=dark)
    for row in range(6):
        for col in range(3):
            x, y = 178 + col * 56, 158 + row * 46
            d.rectangle((x, y, x + 46, y + 38), fill=GLASS)


def _weather_vane(d: Any) -> None:  # an arrow turning over N, E, S, W on a pole
    d.line([(256, 60), (256, 500)], fill=(50, 50, 55), width=14)
    d.line([(120, 300), (392, 300)], fill=(50, 50, 55), width=10)
    d.line([(190, 350), (322, 250)], fill=(50, 50, 55), width=10)  # north-south, in perspective
    for text, xy in (("N", (346, 236)), ("S", (166, 366)), ("W", (96, 300)), ("E", (416, 300))):
        d.text(xy, text, 56, (50, 50, 55))
    d.line([(90, 130), (400, 130)], fill=(50, 50, 55), width=12)
    d.polygon([(400, 100), (470, 130), (400, 160)], fill=(50, 50, 55))  # the arrow's head
    d.polygon([(90, 130), (40, 80), (140, 80), (150, 130), (140, 180), (40, 180)],
              fill=(50, 50, 55))  # its tail  # fmt: skip
    d.ellipse((240, 114, 272, 146), fill=(220, 180, 60))


def _cart(d: Any) -> None:  # a wooden two-wheeled cart with its shafts forward
    d.line([(60, 300), (10, 300)], fill=DARK_WOOD, width=14)
    d.polygon([(60, 200), (452, 200), (452, 330), (60, 330)], fill=WOOD, outline=DARK_WOOD,
              width=W)  # fmt: skip
    for y in (240, 280):
        d.line([(70, y), (442, y)], fill=DARK_WOOD, width=6)
    d.ellipse((186, 260, 366, 440), fill=(150, 100, 55), outline=DARK_WOOD, width=W)
    for k in range(6):  # spokes
        a = math.radians(30 * k)
        d.line([(276 - 80 * math.cos(a), 350 - 80 * math.sin(a)),
                (276 + 80 * math.cos(a), 350 + 80 * math.sin(a))],
               fill=DARK_WOOD, width=8)  # fmt: skip
    d.ellipse((256, 330, 296, 370), fill=DARK_WOOD)


TOWN_SHAPES: dict[str, Callable[[Any], None]] = {
    "fire station": _fire_station,
    "police station": _police_station,
    "library": _library,
    "cinema": _cinema,
    "cafe": _cafe,
    "café": _cafe,
    "restaurant": _restaurant,
    "garage": _garage,
    "theatre": _theatre,
    "theater": _theatre,
    "phone box": _phone_box,
    "telephone box": _phone_box,
    "weather vane": _weather_vane,
    "cart": _cart,
}
"""Noun -> painter for town buildings and street things with no fitting emoji."""
