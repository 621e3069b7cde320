"""Drawn artwork for lesson pictures that no emoji shows: the stages of life cycles
(chrysalis, tadpole, frogspawn, larva, seed), a plant with its roots, the planets, the
Earth's layers, a compass rose, circuit and energy parts, a dot (a counter), a cuboid, a measuring
jug, soil, steam, shadows, a zebra crossing, a recycling bin, a river and an eraser (a rubber).

Each painter draws in a 512-unit square (see :mod:`..painted`), flat with a darker outline
like the rest of the artwork.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

OUT = (60, 60, 70)
W = 10


def _chrysalis(d: Any) -> None:
    d.line([(256, 20), (256, 70)], fill=(110, 80, 50), width=14)
    d.polygon(
        [(256, 60), (330, 140), (350, 260), (320, 380), (256, 480), (192, 380), (162, 260),
         (182, 140)],
        fill=(120, 170, 80), outline=(60, 100, 40), width=W,
    )  # fmt: skip
    for y in (180, 260, 340):
        d.arc((190, y - 40, 322, y + 40), 20, 160, fill=(80, 130, 50), width=8)


def _tadpole(d: Any) -> None:
    d.polygon([(260, 256), (470, 190), (430, 256), (470, 330)], fill=(70, 60, 50))
    d.ellipse((60, 160, 300, 350), fill=(70, 60, 50), outline=(40, 35, 30), width=W)
    d.ellipse((110, 215, 150, 255), fill=(250, 250, 250))
    d.ellipse((120, 225, 142, 247), fill=(20, 20, 20))


def _frogspawn(d: Any) -> None:
    for k, (x, y) in enumerate(
        [(150, 180), (250, 150), (350, 190), (200, 270), (300, 270), (400, 290), (130, 330),
         (240, 370), (350, 370), (180, 440), (300, 450)]
    ):  # fmt: skip
        r = 62 - (k % 3) * 4
        d.ellipse(
            (x - r, y - r, x + r, y + r), fill=(200, 225, 235), outline=(120, 160, 180), width=6
        )
        d.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(30, 30, 30))


def _larva(d: Any) -> None:
    for k in range(6):
        x = 90 + k * 62
        y = 300 - 40 * math.sin(k / 5 * math.pi)
        d.ellipse(
            (x - 52, y - 52, x + 52, y + 52), fill=(235, 225, 190), outline=(150, 130, 90), width=8
        )
    d.ellipse((418, 170, 490, 242), fill=(120, 90, 60))


def _seed(d: Any) -> None:
    d.ellipse((120, 170, 392, 342), fill=(170, 120, 70), outline=(100, 70, 40), width=W)
    d.arc((170, 200, 350, 310), 200, 340, fill=(130, 90, 50), width=8)


def _rooted_plant(d: Any) -> None:
    d.rectangle((0, 360, 512, 512), fill=(150, 105, 70))
    for dx, dy in ((-120, 130), (-60, 150), (0, 145), (70, 140), (130, 120)):
        d.line(
            [(256, 360), (256 + dx * 0.5, 360 + dy * 0.6), (256 + dx, 360 + dy)],
            fill=(235, 220, 190),
            width=9,
        )
    d.line([(256, 360), (256, 110)], fill=(60, 140, 50), width=16)
    d.polygon(
        [(256, 290), (120, 230), (90, 300), (180, 310)],
        fill=(70, 170, 60),
        outline=(40, 110, 40),
        width=6,
    )
    d.polygon(
        [(256, 240), (390, 180), (420, 250), (330, 262)],
        fill=(70, 170, 60),
        outline=(40, 110, 40),
        width=6,
    )
    for k in range(8):
        a = k * math.pi / 4
        x, y = 256 + 58 * math.cos(a), 80 + 58 * math.sin(a)
        d.ellipse(
            (x - 40, y - 40, x + 40, y + 40), fill=(240, 90, 120), outline=(180, 50, 80), width=5
        )
    d.ellipse((226, 50, 286, 110), fill=(250, 200, 40), outline=(200, 150, 20), width=5)


def _soil(d: Any) -> None:
    d.polygon(
        [(10, 420), (60, 250), (180, 200), (330, 210), (460, 260), (502, 420)],
        fill=(120, 80, 50),
        outline=(80, 50, 30),
        width=W,
    )
    for x, y in ((120, 320), (220, 280), (320, 340), (400, 300), (180, 380), (290, 390)):
        d.ellipse((x - 12, y - 9, x + 12, y + 9), fill=(90, 60, 35))


def _shadow(d: Any) -> None:
    d.ellipse((30, 330, 482, 470), fill=(70, 70, 80))


def _person_shadow(d: Any) -> None:
    d.ellipse((206, 60, 306, 160), fill=(70, 70, 80))
    d.rounded_rectangle((186, 150, 326, 350), radius=40, fill=(70, 70, 80))
    d.rectangle((196, 330, 246, 480), fill=(70, 70, 80))
    d.rectangle((266, 330, 316, 480), fill=(70, 70, 80))


def _steam(d: Any) -> None:
    for x in (150, 256, 362):
        points = [(x + 40 * math.sin(t / 8 * 2 * math.pi), 470 - t * 50) for t in range(9)]
        d.line(points, fill=(170, 190, 210), width=34, joint="curve")


def _solar_panel(d: Any) -> None:
    d.polygon(
        [(60, 330), (150, 110), (470, 110), (400, 330)],
        fill=(40, 70, 150),
        outline=(20, 30, 70),
        width=W,
    )
    for k in range(1, 4):
        t = k / 4
        d.line(
            [(60 + 90 * t * 1, 330 - 220 * t), (400 + 70 * t, 330 - 220 * t)],
            fill=(150, 180, 230),
            width=5,
        )
    for k in range(1, 5):
        t = k / 5
        d.line([(60 + 340 * t, 330), (150 + 320 * t, 110)], fill=(150, 180, 230), width=5)
    d.rectangle((240, 330, 270, 470), fill=(120, 120, 130))
    d.rectangle((180, 460, 330, 490), fill=(120, 120, 130))


def _wind_turbine(d: Any) -> None:
    d.polygon(
        [(244, 170), (268, 170), (284, 500), (228, 500)],
        fill=(235, 235, 240),
        outline=(150, 150, 160),
        width=6,
    )
    for k in range(3):
        a = -math.pi / 2 + k * 2 * math.pi / 3
        tip = (256 + 200 * math.cos(a), 160 + 200 * math.sin(a))
        side = (256 + 30 * math.cos(a + 0.9), 160 + 30 * math.sin(a + 0.9))
        d.polygon([(256, 160), side, tip], fill=(245, 245, 250), outline=(150, 150, 160), width=6)
    d.ellipse((236, 140, 276, 180), fill=(200, 200, 210), outline=(120, 120, 130), width=6)


def _switch(d: Any) -> None:
    d.rounded_rectangle(
        (60, 300, 452, 380), radius=20, fill=(160, 120, 80), outline=(100, 70, 40), width=W
    )
    d.ellipse((100, 290, 160, 350), fill=(200, 200, 210), outline=OUT, width=6)
    d.ellipse((352, 290, 412, 350), fill=(200, 200, 210), outline=OUT, width=6)
    d.line([(130, 310), (360, 180)], fill=(190, 190, 200), width=26)
    d.line([(130, 310), (360, 180)], fill=OUT, width=6)


def _recycling_bin(d: Any) -> None:
    d.polygon(
        [(120, 140), (392, 140), (366, 490), (146, 490)],
        fill=(40, 150, 70),
        outline=(20, 90, 40),
        width=W,
    )
    d.rounded_rectangle(
        (100, 100, 412, 150), radius=16, fill=(30, 120, 55), outline=(20, 90, 40), width=W
    )
    for k in range(3):
        a = -math.pi / 2 + k * 2 * math.pi / 3
        x, y = 256 + 70 * math.cos(a), 310 + 70 * math.sin(a)
        b = a + 2 * math.pi / 3
        d.line(
            [(x, y), (256 + 70 * math.cos(b), 310 + 70 * math.sin(b))],
            fill=(255, 255, 255),
            width=18,
        )
        d.polygon([(x - 18, y - 8), (x + 18, y - 8), (x, y + 16)], fill=(255, 255, 255))


def _river(d: Any) -> None:
    left = [(40 + 60 * math.sin(t / 6 * math.pi) + t * 30, 40 + t * 50) for t in range(10)]
    right = [(x + 60 + y / 6, y) for x, y in reversed(left)]
    d.polygon([*left, *right], fill=(80, 150, 220), outline=(40, 100, 170), width=8)


def _zebra_crossing(d: Any) -> None:
    d.rectangle((0, 150, 512, 380), fill=(80, 80, 85))
    for x in range(20, 512, 96):
        d.rectangle((x, 170, x + 56, 360), fill=(250, 250, 250))


def _eraser(d: Any) -> None:
    d.polygon(
        [(60, 300), (300, 160), (450, 230), (210, 370)],
        fill=(240, 150, 170),
        outline=(170, 90, 110),
        width=W,
    )
    d.polygon(
        [(60, 300), (210, 370), (210, 420), (60, 350)],
        fill=(210, 120, 140),
        outline=(170, 90, 110),
        width=W,
    )
    d.polygon(
        [(210, 370), (450, 230), (450, 280), (210, 420)],
        fill=(80, 110, 200),
        outline=(40, 60, 130),
        width=W,
    )


def _dot(d: Any) -> None:
    d.ellipse((56, 56, 456, 456), fill=(70, 130, 220), outline=(40, 80, 150), width=14)
    d.ellipse((136, 136, 376, 376), outline=(120, 170, 240), width=10)


def _cube(d: Any) -> None:
    d.polygon(
        [(60, 180), (360, 180), (360, 480), (60, 480)],
        fill=(70, 130, 220),
        outline=(40, 80, 150),
        width=W,
    )
    d.polygon(
        [(60, 180), (180, 60), (480, 60), (360, 180)],
        fill=(120, 170, 240),
        outline=(40, 80, 150),
        width=W,
    )
    d.polygon(
        [(360, 180), (480, 60), (480, 360), (360, 480)],
        fill=(50, 100, 180),
        outline=(40, 80, 150),
        width=W,
    )


def _cuboid(d: Any) -> None:
    d.polygon(
        [(40, 200), (360, 200), (360, 450), (40, 450)],
        fill=(70, 130, 220),
        outline=(40, 80, 150),
        width=W,
    )
    d.polygon(
        [(40, 200), (150, 100), (470, 100), (360, 200)],
        fill=(120, 170, 240),
        outline=(40, 80, 150),
        width=W,
    )
    d.polygon(
        [(360, 200), (470, 100), (470, 350), (360, 450)],
        fill=(50, 100, 180),
        outline=(40, 80, 150),
        width=W,
    )


def _measuring_jug(d: Any) -> None:
    d.polygon(
        [(130, 90), (380, 90), (350, 480), (160, 480)],
        fill=(225, 240, 250),
        outline=(120, 150, 170),
        width=W,
    )
    d.polygon([(150, 260), (364, 260), (350, 470), (162, 470)], fill=(110, 170, 230))
    d.arc((330, 150, 470, 380), 270, 90, fill=(120, 150, 170), width=22)
    for k, y in enumerate(range(140, 460, 64)):
        d.line([(140 + y / 30, y), (200, y)], fill=(60, 80, 100), width=6)
        del k


def _planet(
    fill: tuple[int, int, int], bands: tuple[int, int, int] | None = None, ring: bool = False
) -> Callable[[Any], None]:
    def paint(d: Any) -> None:
        if ring:
            d.ellipse((20, 210, 492, 310), outline=(200, 180, 140), width=22)
        d.ellipse((96, 96, 416, 416), fill=fill, outline=tuple(int(c * 0.7) for c in fill), width=W)
        if bands:
            for y in (180, 240, 300, 350):
                half = math.sqrt(max(160**2 - (y - 256) ** 2, 0))
                d.line([(256 - half + 12, y), (256 + half - 12, y)], fill=bands, width=16)

    return paint


def _earth_layers(d: Any) -> None:
    d.ellipse((20, 20, 492, 492), fill=(90, 140, 220), outline=(60, 60, 70), width=W)
    d.pieslice((20, 20, 492, 492), 270, 360, fill=(120, 90, 60))
    d.pieslice((40, 40, 472, 472), 270, 360, fill=(230, 120, 40))
    d.pieslice((120, 120, 392, 392), 270, 360, fill=(245, 180, 40))
    d.pieslice((190, 190, 322, 322), 270, 360, fill=(255, 240, 120))
    d.line([(256, 20), (256, 256), (492, 256)], fill=(60, 60, 70), width=6)


def _compass_rose(d: Any) -> None:
    d.ellipse((70, 70, 442, 442), outline=(120, 120, 130), width=8)
    for k in range(8):
        a = -math.pi / 2 + k * math.pi / 4
        r = 236 if k % 2 == 0 else 150
        tip = (256 + r * math.cos(a), 256 + r * math.sin(a))
        for side, colour in ((1, (200, 60, 60) if k == 0 else (60, 70, 90)), (-1, (240, 240, 240))):
            b = a + side * math.pi / 2
            base = (256 + 34 * math.cos(b), 256 + 34 * math.sin(b))
            d.polygon([(256, 256), base, tip], fill=colour, outline=(40, 40, 50), width=4)
    for letter, (x, y) in (
        ("N", (256, 40)),
        ("E", (472, 256)),
        ("S", (256, 472)),
        ("W", (40, 256)),
    ):
        d.text((x, y), letter, 60, (30, 30, 40))


LESSON_SHAPES: dict[str, Callable[[Any], None]] = {
    "chrysalis": _chrysalis,
    "tadpole": _tadpole,
    "frogspawn": _frogspawn,
    "larva": _larva,
    "seed": _seed,
    "rooted plant": _rooted_plant,
    "soil": _soil,
    "shadow": _shadow,
    "person shadow": _person_shadow,
    "steam": _steam,
    "solar panel": _solar_panel,
    "wind turbine": _wind_turbine,
    "switch": _switch,
    "recycling bin": _recycling_bin,
    "river": _river,
    "zebra crossing": _zebra_crossing,
    "eraser": _eraser,
    "dot": _dot,
    "cube": _cube,
    "cuboid": _cuboid,
    "measuring jug": _measuring_jug,
    "earth layers": _earth_layers,
    "compass rose": _compass_rose,
    "mercury": _planet((160, 155, 150)),
    "venus": _planet((225, 190, 120)),
    "mars": _planet((200, 90, 60)),
    "jupiter": _planet((210, 170, 130), bands=(170, 120, 90)),
    "uranus": _planet((150, 210, 225)),
    "neptune": _planet((60, 100, 210)),
}
"""Noun -> painter for lesson things with no fitting emoji."""
