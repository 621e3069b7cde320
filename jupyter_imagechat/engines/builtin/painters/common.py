"""Simple drawn pictures for common nouns that have no emoji (GenEval's oven, sink...).

Each painter draws in a 512-unit square in the flat style of the emoji artwork (solid
colours, a darker outline); :mod:`..painted` renders them at any size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import ImageDraw

Color = tuple[int, int, int]
OUTLINE = (70, 70, 80)
LINE = 10


def _darker(c: Color, k: float = 0.72) -> Color:
    return (round(c[0] * k), round(c[1] * k), round(c[2] * k))


def _box(d: ImageDraw.ImageDraw, xy, fill: Color, r: int = 24, outline: Color | None = None):
    d.rounded_rectangle(xy, r, fill=fill, outline=outline or _darker(fill, 0.6), width=LINE)


def _dining_table(d: ImageDraw.ImageDraw) -> None:
    wood, dark = (190, 125, 70), (150, 95, 50)
    for x in (120, 372):  # back legs
        _box(d, (x, 250, x + 24, 430), dark, 6)
    for x in (40, 440):  # front legs
        _box(d, (x, 240, x + 32, 470), wood, 8)
    d.polygon(
        [(70, 170), (442, 170), (496, 230), (16, 230)],
        fill=(210, 150, 95),
        outline=_darker(wood, 0.6),
        width=LINE,
    )
    _box(d, (10, 222, 502, 262), wood, 10)


def _bench(d: ImageDraw.ImageDraw) -> None:
    wood, iron = (180, 120, 65), (80, 85, 95)
    for x in (70, 420):
        _box(d, (x, 120, x + 22, 460), iron, 6)
        _box(d, (x - 20, 300, x + 42, 460), iron, 6)
    for y in (130, 190):
        _box(d, (30, y, 482, y + 44), wood, 12)
    _box(d, (20, 270, 492, 318), wood, 12)
    _box(d, (30, 312, 482, 342), _darker(wood), 8)


def _fire_hydrant(d: ImageDraw.ImageDraw) -> None:
    red = (215, 50, 45)
    _box(d, (130, 440, 382, 490), _darker(red), 12)  # base
    _box(d, (168, 150, 344, 450), red, 30)  # body
    _box(d, (90, 240, 422, 310), red, 30)  # side nozzles
    d.ellipse((222, 235, 290, 315), fill=(235, 200, 60), outline=_darker(red, 0.5), width=LINE)
    d.pieslice((150, 60, 362, 250), 180, 360, fill=red, outline=_darker(red, 0.6), width=LINE)
    _box(d, (140, 140, 372, 175), _darker(red, 0.85), 12)  # collar
    _box(d, (236, 28, 276, 70), _darker(red, 0.85), 8)  # cap nut


def _parking_meter(d: ImageDraw.ImageDraw) -> None:
    grey = (150, 155, 165)
    _box(d, (238, 260, 274, 490), _darker(grey), 8)  # pole
    _box(d, (160, 470, 352, 500), _darker(grey), 8)
    _box(d, (170, 40, 342, 280), grey, 70)  # head
    _box(d, (200, 90, 312, 170), (230, 240, 220), 18)  # dial window
    d.polygon([(256, 160), (226, 105), (240, 100)], fill=(220, 40, 40))  # needle
    _box(d, (236, 200, 276, 250), (60, 60, 70), 6)  # coin slot


def _refrigerator(d: ImageDraw.ImageDraw) -> None:
    body = (225, 232, 240)
    _box(d, (120, 20, 392, 500), body, 28)
    d.line((128, 170, 384, 170), fill=_darker(body, 0.6), width=LINE)
    for y0, y1 in ((60, 140), (210, 320)):
        _box(d, (150, y0, 168, y1), (150, 160, 175), 8)  # handles


def _microwave(d: ImageDraw.ImageDraw) -> None:
    body = (215, 220, 228)
    _box(d, (20, 120, 492, 400), body, 26)
    _box(d, (55, 155, 340, 365), (60, 70, 85), 16)  # window
    d.polygon([(80, 175), (150, 175), (80, 260)], fill=(95, 105, 120))  # glare
    _box(d, (368, 160, 462, 215), (50, 60, 60), 8)  # display
    for row in range(3):
        for col in range(2):
            x, y = 380 + col * 44, 240 + row * 42
            d.ellipse((x, y, x + 28, y + 28), fill=(160, 168, 180))


def _oven(d: ImageDraw.ImageDraw) -> None:
    body = (230, 232, 236)
    _box(d, (70, 60, 442, 490), body, 22)
    _box(d, (70, 60, 442, 140), (190, 195, 205), 22)  # control strip
    for i in range(4):
        x = 115 + i * 80
        d.ellipse((x, 80, x + 40, 120), fill=(80, 85, 95))
    _box(d, (115, 190, 397, 430), (55, 60, 70), 16)  # door window
    _box(d, (140, 160, 372, 178), (150, 155, 165), 8)  # handle
    d.rectangle((130, 370, 382, 400), fill=(235, 120, 40))  # glow


def _toaster(d: ImageDraw.ImageDraw) -> None:
    steel = (200, 205, 215)
    bread = (225, 175, 105)
    for x in (150, 280):
        _box(d, (x, 90, x + 90, 220), bread, 30)
    _box(d, (60, 170, 452, 460), steel, 70)
    for x in (145, 275):
        _box(d, (x, 175, x + 100, 200), (60, 60, 70), 8)  # slots
    _box(d, (440, 250, 480, 300), (80, 85, 95), 8)  # lever
    d.line((110, 300, 110, 420), fill=(240, 242, 246), width=16)  # shine


def _sink(d: ImageDraw.ImageDraw) -> None:
    steel = (190, 198, 210)
    _box(d, (20, 250, 492, 300), (225, 215, 195), 12)  # counter
    d.polygon(
        [(70, 300), (442, 300), (410, 470), (102, 470)],
        fill=steel,
        outline=_darker(steel, 0.55),
        width=LINE,
    )
    d.ellipse((236, 440, 276, 460), fill=_darker(steel, 0.6))
    _box(d, (238, 120, 270, 260), steel, 12)  # tap column
    d.rounded_rectangle(
        (238, 110, 360, 140), 14, fill=steel, outline=_darker(steel, 0.55), width=LINE
    )
    _box(d, (335, 110, 365, 175), steel, 10)  # spout
    d.ellipse((196, 200, 232, 236), fill=(220, 60, 60))
    d.ellipse((276, 200, 312, 236), fill=(60, 120, 220))


def _tv_remote(d: ImageDraw.ImageDraw) -> None:
    body = (55, 60, 70)
    _box(d, (186, 20, 326, 492), body, 50, outline=(25, 25, 30))
    d.ellipse((236, 55, 276, 95), fill=(225, 50, 50))  # power
    d.ellipse((211, 130, 301, 220), fill=(120, 125, 140))  # pad
    d.ellipse((236, 155, 276, 195), fill=(200, 205, 215))
    colors = [(230, 80, 80), (80, 190, 90), (240, 200, 60), (70, 130, 230)]
    for row in range(4):
        for col in range(3):
            x, y = 212 + col * 32, 250 + row * 46
            fill = colors[col] if row == 0 else (180, 185, 195)
            d.rounded_rectangle((x, y, x + 24, y + 30), 8, fill=fill)


def _hair_drier(d: ImageDraw.ImageDraw) -> None:
    pink = (235, 110, 160)
    _box(d, (250, 220, 330, 480), _darker(pink, 0.85), 36)  # handle
    _box(d, (40, 110, 420, 270), pink, 80)  # body and barrel
    d.ellipse((330, 100, 480, 280), fill=pink, outline=_darker(pink, 0.6), width=LINE)
    d.ellipse((370, 140, 440, 240), fill=_darker(pink, 0.8))  # back grille
    _box(d, (14, 130, 70, 250), (90, 90, 100), 16)  # nozzle
    _box(d, (275, 300, 305, 350), (250, 250, 250), 8)  # switch


def _board(d: ImageDraw.ImageDraw, xy, fill: Color, stripe: Color) -> None:
    x0, y0, x1, y1 = xy
    d.ellipse(xy, fill=fill, outline=_darker(fill, 0.6), width=LINE)
    cy = (y0 + y1) / 2
    d.rounded_rectangle((x0 + 40, cy - 9, x1 - 40, cy + 9), 9, fill=stripe)


def _surfboard(d: ImageDraw.ImageDraw) -> None:
    _board(d, (16, 200, 496, 312), (80, 185, 215), (250, 250, 250))
    d.polygon([(60, 300), (90, 300), (70, 350)], fill=(60, 60, 70))  # fin


def _snowboard(d: ImageDraw.ImageDraw) -> None:
    blue = (70, 110, 210)
    _box(d, (20, 215, 492, 297), blue, 40)
    d.line((70, 256, 442, 256), fill=(250, 200, 60), width=14)
    for x in (150, 320):  # bindings
        _box(d, (x, 190, x + 52, 240), (45, 45, 55), 10)


def _skis(d: ImageDraw.ImageDraw) -> None:
    """A pair of skis lying flat, seen from the side, tips curled up (stood on, like a board)."""
    red = (215, 55, 50)
    for dx, y, fill in ((40, 206, _darker(red, 0.82)), (0, 262, red)):  # far ski, near ski
        d.rounded_rectangle((16 + dx, y, 440 + dx, y + 30), 14, fill=fill,
                            outline=_darker(red, 0.55), width=8)  # fmt: skip
        d.arc((380 + dx, y - 70, 486 + dx, y + 30), 0, 90, fill=_darker(red, 0.55), width=36)
        d.arc((384 + dx, y - 66, 482 + dx, y + 26), 0, 90, fill=fill, width=20)  # curled tip
        d.line((50 + dx, y + 15, 400 + dx, y + 15), fill=(250, 250, 250), width=6)
        _box(d, (180 + dx, y - 26, 260 + dx, y + 10), (45, 45, 55), 8)  # binding


SHAPES: dict[str, Callable[[Any], None]] = {
    "dining table": _dining_table,
    "table": _dining_table,
    "bench": _bench,
    "fire hydrant": _fire_hydrant,
    "parking meter": _parking_meter,
    "refrigerator": _refrigerator,
    "microwave": _microwave,
    "oven": _oven,
    "cooker": _oven,  # an oven with its hob on top: what a stove or cooker is
    "stove": _oven,
    "toaster": _toaster,
    "sink": _sink,
    "tv remote": _tv_remote,
    "hair drier": _hair_drier,
    "surfboard": _surfboard,
    "snowboard": _snowboard,
    "skis": _skis,
}
"""Noun -> painter, for GenEval nouns with no fitting emoji."""
