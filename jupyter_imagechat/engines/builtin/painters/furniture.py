"""More drawn pictures for everyday nouns with no fitting emoji: fence, desk, lamp, sign,
blackboard, bookshelf, stool, kettle, watering can, pillow, rug, lighthouse, traffic cone,
pond, hill, wardrobe, stop sign, branch.

Same conventions as :mod:`.common`: a 512-unit square, flat colours, darker outlines.
:data:`SIGN_BOARDS` says where on a sign the engine writes the scene's text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .common import LINE, Color, _box, _darker

WOOD, DARK_WOOD = (196, 140, 84), (150, 100, 58)


def _fence(d: Any) -> None:
    for x in range(24, 500, 78):  # pickets with pointed tops
        d.polygon(
            [(x, 200), (x + 24, 170), (x + 48, 200), (x + 48, 430), (x, 430)],
            fill=WOOD,
            outline=_darker(WOOD, 0.6),
            width=LINE,
        )
    for y in (240, 360):
        _box(d, (8, y, 504, y + 34), DARK_WOOD, 8)


def _desk(d: Any) -> None:
    _box(d, (20, 170, 492, 215), WOOD, 10)  # top
    _box(d, (300, 215, 470, 470), DARK_WOOD, 10)  # drawers
    for y in (245, 330, 405):
        _box(d, (360, y, 410, y + 18), (230, 200, 150), 6)
    _box(d, (45, 215, 85, 470), DARK_WOOD, 8)  # leg


def _lamp(d: Any) -> None:
    shade = (250, 215, 120)
    d.polygon(
        [(170, 40), (342, 40), (400, 200), (112, 200)],
        fill=shade,
        outline=_darker(shade, 0.6),
        width=LINE,
    )
    _box(d, (243, 200, 269, 440), (120, 120, 130), 8)  # stem
    _box(d, (170, 440, 342, 480), (90, 90, 100), 14)  # base


def _sign(d: Any) -> None:
    _box(d, (236, 290, 276, 500), DARK_WOOD, 8)  # post
    _box(d, (30, 70, 482, 320), (250, 246, 232), 26, outline=(120, 85, 50))  # board


def _blackboard(d: Any) -> None:
    _box(d, (16, 90, 496, 400), (150, 105, 60), 16)  # frame
    _box(d, (40, 112, 472, 378), (45, 85, 65), 8, outline=(30, 60, 45))
    _box(d, (120, 378, 392, 400), (150, 105, 60), 4)  # chalk ledge
    d.line((80, 160, 200, 160), fill=(235, 240, 235), width=8)
    d.line((80, 200, 260, 200), fill=(235, 240, 235), width=8)


def _whiteboard(d: Any) -> None:
    _box(d, (16, 90, 496, 400), (170, 175, 185), 16)
    _box(d, (34, 108, 478, 382), (252, 252, 252), 8, outline=(200, 205, 212))
    d.line((80, 170, 260, 170), fill=(60, 110, 200), width=8)


def _bookshelf(d: Any) -> None:
    _box(d, (70, 20, 442, 500), DARK_WOOD, 12)
    spines: list[Color] = [(200, 60, 60), (60, 110, 190), (70, 150, 80), (230, 180, 60)]
    for row, y in enumerate((40, 200, 360)):
        _box(d, (90, y, 422, y + 130), (110, 72, 40), 6)
        for k in range(6):
            x = 100 + k * 52
            top = y + 22 + 14 * ((k + row) % 3)
            d.rectangle((x, top, x + 40, y + 128), fill=spines[(k + row) % 4])


def _stool(d: Any) -> None:
    for x0, x1 in ((150, 120), (362, 392)):
        d.line((x0, 200, x1, 480), fill=DARK_WOOD, width=30)
    d.line((256, 200, 256, 470), fill=_darker(DARK_WOOD), width=26)
    _box(d, (120, 170, 392, 220), WOOD, 22)
    _box(d, (150, 360, 362, 380), DARK_WOOD, 6)


def _kettle(d: Any) -> None:
    steel = (200, 205, 215)
    d.polygon(
        [(120, 250), (30, 150), (55, 135), (150, 230)],
        fill=steel,
        outline=_darker(steel, 0.55),
        width=LINE,
    )  # spout
    d.ellipse((100, 150, 420, 470), fill=steel, outline=_darker(steel, 0.55), width=LINE)
    d.arc((150, 40, 370, 260), 180, 360, fill=(60, 60, 70), width=26)  # handle
    _box(d, (215, 130, 305, 165), (60, 60, 70), 10)  # lid knob


def _watering_can(d: Any) -> None:
    green = (80, 170, 110)
    d.polygon(
        [(330, 300), (480, 130), (500, 150), (370, 340)],
        fill=green,
        outline=_darker(green, 0.6),
        width=LINE,
    )  # spout
    _box(d, (110, 200, 360, 460), green, 30)
    d.arc((40, 200, 200, 400), 90, 270, fill=_darker(green, 0.7), width=28)  # handle


def _pillow(d: Any) -> None:
    cloth = (235, 225, 245)
    _box(d, (40, 180, 472, 400), cloth, 90)
    d.line((110, 250, 400, 250), fill=_darker(cloth, 0.9), width=8)


def _rug(d: Any) -> None:
    red = (190, 70, 60)
    _box(d, (30, 330, 482, 450), red, 16)
    _box(d, (70, 350, 442, 430), (230, 190, 110), 12)
    for x in range(36, 480, 22):  # fringe
        d.line((x, 450, x, 475), fill=(240, 225, 190), width=6)


def _lighthouse(d: Any) -> None:
    red, white = (215, 60, 55), (248, 248, 248)
    d.polygon([(200, 130), (312, 130), (350, 470), (162, 470)], fill=white)
    for y0 in (170, 300, 420):  # red bands
        k0, k1 = (y0 - 130) / 340, (min(y0 + 60, 470) - 130) / 340
        d.polygon(
            [(200 - 38 * k0, y0), (312 + 38 * k0, y0), (312 + 38 * k1, y0 + 60),
             (200 - 38 * k1, y0 + 60)],
            fill=red,
        )  # fmt: skip
    d.polygon(
        [(200, 130), (312, 130), (350, 470), (162, 470)],
        outline=_darker(red, 0.6),
        width=LINE,
    )
    _box(d, (196, 70, 316, 132), (250, 225, 110), 10)  # lamp room
    d.polygon([(186, 72), (326, 72), (256, 20)], fill=red, outline=_darker(red, 0.6), width=LINE)
    _box(d, (130, 462, 382, 496), (120, 120, 130), 8)


def _traffic_cone(d: Any) -> None:
    orange = (245, 125, 35)
    d.polygon([(226, 40), (286, 40), (370, 440), (142, 440)], fill=orange)
    d.polygon([(200, 170), (312, 170), (330, 250), (182, 250)], fill=(250, 250, 250))
    d.polygon([(226, 40), (286, 40), (370, 440), (142, 440)], outline=_darker(orange), width=LINE)
    _box(d, (90, 430, 422, 480), _darker(orange, 0.85), 10)


def _pond(d: Any) -> None:
    d.ellipse((20, 300, 492, 470), fill=(70, 150, 210), outline=(50, 110, 160), width=LINE)
    d.ellipse((90, 330, 260, 380), fill=(120, 190, 235))
    for x in (60, 90, 440):  # reeds
        d.line((x, 330, x + 8, 200), fill=(70, 130, 60), width=10)
        _box(d, (x, 200, x + 20, 250), (140, 95, 55), 8)


def _hill(d: Any) -> None:
    d.pieslice((0, 200, 512, 760), 180, 360, fill=(110, 180, 90), outline=(80, 140, 65), width=8)


def _wardrobe(d: Any) -> None:
    _box(d, (100, 20, 412, 490), WOOD, 14)
    d.line((256, 30, 256, 480), fill=_darker(WOOD, 0.6), width=LINE)
    for x in (226, 270):
        _box(d, (x, 220, x + 16, 300), (90, 70, 50), 6)


def _stop_sign(d: Any) -> None:
    red = (215, 40, 45)
    _box(d, (240, 250, 272, 500), (140, 145, 155), 6)  # pole
    c, r, k = 256, 170, 0.4142
    pts = [(c - r * k, c - r - 86), (c + r * k, c - r - 86), (c + r, c - r * k - 86),
           (c + r, c + r * k - 86), (c + r * k, c + r - 86), (c - r * k, c + r - 86),
           (c - r, c + r * k - 86), (c - r, c - r * k - 86)]  # fmt: skip
    d.polygon(pts, fill=(250, 250, 250))
    inner = [(c + (x - c) * 0.88, c - 86 + (y - c + 86) * 0.88) for x, y in pts]
    d.polygon(inner, fill=red)
    d.text((256, 170), "STOP", 92, (255, 255, 255))


def _branch(d: Any) -> None:
    bark, leaf = (120, 80, 45), (90, 170, 80)
    d.line((20, 330, 492, 250), fill=bark, width=34)
    d.line((300, 285, 420, 170), fill=bark, width=18)
    for x, y in ((120, 290), (230, 250), (400, 170), (460, 230), (340, 215)):
        d.ellipse((x - 34, y - 22, x + 34, y + 22), fill=leaf, outline=_darker(leaf, 0.6), width=6)


MORE_SHAPES: dict[str, Callable[[Any], None]] = {
    "fence": _fence,
    "desk": _desk,
    "lamp": _lamp,
    "floor lamp": _lamp,
    "sign": _sign,
    "signpost": _sign,
    "blackboard": _blackboard,
    "chalkboard": _blackboard,
    "whiteboard": _whiteboard,
    "bookshelf": _bookshelf,
    "bookcase": _bookshelf,
    "shelf": _bookshelf,
    "stool": _stool,
    "kettle": _kettle,
    "watering can": _watering_can,
    "pillow": _pillow,
    "cushion": _pillow,
    "rug": _rug,
    "carpet": _rug,
    "lighthouse": _lighthouse,
    "traffic cone": _traffic_cone,
    "pond": _pond,
    "hill": _hill,
    "wardrobe": _wardrobe,
    "cupboard": _wardrobe,
    "closet": _wardrobe,
    "stop sign": _stop_sign,
    "branch": _branch,
    "twig": _branch,
}
"""Noun -> painter."""

SIGN_BOARDS: dict[str, tuple[float, float, float, float]] = {
    "sign": (30, 70, 482, 320),
    "signpost": (30, 70, 482, 320),
    "blackboard": (40, 112, 472, 378),
    "chalkboard": (40, 112, 472, 378),
    "whiteboard": (34, 108, 478, 382),
}
"""Noun -> the board (512 units) the scene's text is written on, when the scene has one."""
