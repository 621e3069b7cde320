"""Words in pictures: placeholder cards for nouns with no artwork, and signs for texts.

Pillow's bundled font (``ImageFont.load_default``) draws ASCII and a little
punctuation the same on every machine. For other characters ("Zoë", "東京") a
system font that has them is used where one is installed (DejaVu Sans, Noto
Sans...); without one those characters show as boxes.
"""

from __future__ import annotations

import zlib
from functools import cache, lru_cache

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

FALLBACK_FONTS: tuple[str, ...] = (
    "DejaVuSans.ttf",
    "NotoSans-Regular.ttf",
    "LiberationSans-Regular.ttf",
    "Arial.ttf",
    "arial.ttf",
    "NotoSansCJK-Regular.ttc",
    "DroidSansFallbackFull.ttf",
    "Arial Unicode.ttf",
    "msgothic.ttc",
)
"""Font files tried, in order, for characters the bundled font lacks."""


@lru_cache(maxsize=64)
def _font(size: int, family: str | None = None) -> Font:
    if family is None:
        return ImageFont.load_default(size=max(6, size))
    return ImageFont.truetype(family, max(6, size))


@cache
def _installed(family: str) -> bool:
    try:
        _font(24, family)
    except OSError:
        return False
    return True


def _glyph(font: Font, char: str) -> tuple:
    mask = font.getmask(char)
    return (mask.size, bytes(mask))


def _missing(font: Font, text: str) -> int:
    """Return how many distinct characters of ``text`` ``font`` has no glyph for."""
    none = _glyph(font, "\U0010fffd")  # a private-use code point: the "no glyph" box
    return sum(_glyph(font, c) == none for c in set(text) if not c.isspace())


@lru_cache(maxsize=256)
def font_family(text: str) -> str | None:
    """Return the font file to write ``text`` with; None means Pillow's bundled font.

    The bundled font wins whenever it has every character; otherwise the first
    installed font of :data:`FALLBACK_FONTS` that lacks the fewest.
    """
    best, best_missing = None, _missing(_font(24), text)
    for family in FALLBACK_FONTS:
        if best_missing == 0:
            break
        if not _installed(family):
            continue
        missing = _missing(_font(24, family), text)
        if missing < best_missing:
            best, best_missing = family, missing
    return best


def fit_font(draw: ImageDraw.ImageDraw, text: str, max_w: float, max_h: float):
    """Return the largest font (and its text box) that writes ``text`` (which may hold line
    breaks) within ``max_w`` x ``max_h``."""
    family = font_family(text)
    size = max(6, int(max_h / (text.count("\n") + 1)))
    while True:
        font = _font(size, family)
        box = draw.textbbox((0, 0), text, font=font, align="center", spacing=2)
        if (box[2] - box[0] <= max_w and box[3] - box[1] <= max_h) or size <= 6:
            return font, box
        size = max(6, int(size * min(0.92, max_w / max(box[2] - box[0], 1))))


def _split(text: str, lines: int) -> str:
    """Break ``text`` at spaces into ``lines`` lines of about equal length."""
    words = text.split()
    target = len(text) / lines
    out: list[str] = []
    for word in words:
        if out and len(out) < lines and len(out[-1]) + len(word) / 2 > target * len(out):
            out.append(word)
        elif out:
            out[-1] += " " + word
        else:
            out.append(word)
    return "\n".join(out)


def wrap_to_fit(draw: ImageDraw.ImageDraw, text: str, max_w: float, max_h: float, line_h: float):
    """Return ``(text with line breaks, font, box)`` writing ``text`` as large as fits.

    One line is kept unless breaking at spaces into two or three lines (each at most
    ``line_h`` high, all within ``max_w`` x ``max_h``) makes the letters clearly larger.
    """
    best = (text, *fit_font(draw, text, max_w, min(line_h, max_h)))
    for lines in (2, 3):
        if len(text.split()) < lines:
            break
        broken = _split(text, lines)
        font, box = fit_font(draw, broken, max_w, min(line_h * lines, max_h))
        if font.size > best[1].size * 1.25:  # type: ignore[union-attr]
            best = (broken, font, box)
    return best


def _soft_fill(name: str, rgb: tuple[int, int, int] | None) -> tuple[int, int, int]:
    if rgb is None:  # a pastel picked from the noun, the same every time
        hue = (zlib.crc32(name.encode()) % 360) / 360.0
        rgb = _hsv(hue, 0.45, 0.9)
    return tuple(round(c + (255 - c) * 0.35) for c in rgb)  # type: ignore[return-value]


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    i = int(h * 6) % 6
    f = h * 6 - int(h * 6)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    r, g, b = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
    return (round(r * 255), round(g * 255), round(b * 255))


def card_picture(
    name: str, rgb: tuple[int, int, int] | None, w: int, h: int, text: str | None = None
) -> Image.Image:
    """Return a rounded, softly coloured RGBA card of ``w`` x ``h`` with ``name`` on it;
    a ``text`` written on the thing goes large below a smaller name."""
    sprite = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(sprite)
    fill = _soft_fill(name, rgb)
    edge = tuple(round(c * 0.6) for c in fill)
    width = max(1, round(min(w, h) / 40))
    radius = max(2, round(min(w, h) / 6))
    draw.rounded_rectangle(
        (0, 0, w - 1, h - 1), radius, fill=(*fill, 235), outline=edge, width=width
    )
    lum = 0.299 * fill[0] + 0.587 * fill[1] + 0.114 * fill[2]
    ink = (40, 40, 48) if lum > 140 else (250, 250, 250)
    if text and text.strip():  # "a t-shirt with the word 'START'": the name small on top
        lines, font, _ = wrap_to_fit(draw, name, w * 0.8, h * 0.2, line_h=h * 0.12)
        draw.text((w / 2, h * 0.2), lines, font=font, fill=ink, anchor="mm", align="center")
        lines, font, _ = wrap_to_fit(draw, text, w * 0.84, h * 0.5, line_h=h * 0.28)
        draw.text((w / 2, h * 0.62), lines, font=font, fill=ink, anchor="mm", align="center")
        return sprite
    lines, font, _ = wrap_to_fit(draw, name, w * 0.84, h * 0.6, line_h=h * 0.3)
    draw.text((w / 2, h / 2), lines, font=font, fill=ink, anchor="mm", align="center", spacing=2)
    return sprite


def draw_texts(canvas: Image.Image, texts: list[str]) -> None:
    """Write each text on a light sign across the top of the picture, one below another.

    Long texts wrap onto up to three lines; the characters are written as given.
    """
    width, height = canvas.size
    draw = ImageDraw.Draw(canvas)
    y = 0.04 * height
    line_h = 0.09 * height
    for text in texts:
        if not text.strip():
            continue
        wrapped, font, box = wrap_to_fit(draw, text, width * 0.8, line_h * 2.2, line_h=line_h)
        tw, th = box[2] - box[0], max(box[3] - box[1], line_h * 0.8)
        pad = 0.03 * width
        rect = ((width - tw) / 2 - pad, y, (width + tw) / 2 + pad, y + th + pad * 1.4)
        edge = max(2, round(width / 200))
        draw.rounded_rectangle(
            rect, radius=round(pad), fill=(252, 250, 240), outline=(90, 70, 50), width=edge
        )
        middle = ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
        draw.text(middle, wrapped, font=font, fill=(30, 30, 35), anchor="mm", align="center")
        y = rect[3] + 0.02 * height


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def draw_labels(canvas: Image.Image, objects: list) -> None:
    """Write each ``label`` attribute next to its object with an arrow pointing at it.

    For labelled diagrams ("a cat labelled 'Tom'"): the label goes to the side (right,
    left, above or below) where it covers the fewest other things and stays inside the
    picture; the first instance of an entity carries it. The text is written as given.
    """
    width, height = canvas.size
    draw = ImageDraw.Draw(canvas)
    boxes = [
        (float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1 in (o.box for o in objects)
    ]
    taken: list[tuple[float, float, float, float]] = []
    for obj in objects:
        text = (obj.attributes.get("label") or "").strip()
        if not text or obj.index != 0 or obj.box[2] <= obj.box[0]:
            continue
        x0, y0, x1, y1 = obj.box
        font, tb = fit_font(draw, text, width * 0.3, height * 0.06)
        tw, th = tb[2] - tb[0], tb[3] - tb[1]
        pad, gap = max(3, round(height / 120)), max(12, round(width * 0.06))
        bw, bh = tw + 2 * pad, th + 2 * pad
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        spots = [
            (x1 + gap, cy - bh / 2 - gap), (x0 - gap - bw, cy - bh / 2 - gap),
            (cx - bw / 2, y0 - gap - bh), (cx - bw / 2, y1 + gap),
        ]  # fmt: skip
        best, best_cost = None, float("inf")
        for lx, ly in spots:
            lx, ly = min(max(lx, 2), width - bw - 2), min(max(ly, 2), height - bh - 2)
            rect = (lx, ly, lx + bw, ly + bh)
            cost = sum(_overlap(rect, b) for b in boxes) + 3 * sum(_overlap(rect, t) for t in taken)
            if cost < best_cost:
                best, best_cost = rect, cost
        assert best is not None
        taken.append(best)
        line = max(2, round(width / 256))
        # arrow from the label's nearest edge to the object's nearest edge
        sx = min(max(cx, best[0]), best[2])
        sy = min(max(cy, best[1]), best[3])
        ex = min(max(sx, x0 + (x1 - x0) * 0.15), x1 - (x1 - x0) * 0.15)
        ey = min(max(sy, y0 + (y1 - y0) * 0.15), y1 - (y1 - y0) * 0.15)
        draw.line((sx, sy, ex, ey), fill=(30, 30, 35), width=line)
        vx, vy = ex - sx, ey - sy
        norm = max((vx * vx + vy * vy) ** 0.5, 1e-6)
        ux, uy = vx / norm, vy / norm
        head = max(6, line * 4)
        draw.polygon(
            [
                (ex, ey),
                (ex - ux * head - uy * head * 0.5, ey - uy * head + ux * head * 0.5),
                (ex - ux * head + uy * head * 0.5, ey - uy * head - ux * head * 0.5),
            ],
            fill=(30, 30, 35),
        )
        draw.rounded_rectangle(
            best, radius=pad, fill=(255, 255, 250), outline=(30, 30, 35), width=max(1, line // 2)
        )
        draw.text(
            ((best[0] + best[2]) / 2, (best[1] + best[3]) / 2),
            text,
            font=font,
            fill=(20, 20, 25),
            anchor="mm",
        )


def write_on_board(
    canvas: Image.Image, text: str, rect: tuple[float, float, float, float], chalk: bool = False
) -> None:
    """Write ``text`` exactly as given, as large as fits, on a board drawn at ``rect``
    (a sign, a blackboard); up to three lines, in chalk white or dark ink."""
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = rect
    w, h = (x1 - x0) * 0.86, (y1 - y0) * 0.78
    wrapped, font, _ = wrap_to_fit(draw, text, w, h, line_h=h * 0.6)
    ink = (240, 244, 240) if chalk else (30, 30, 35)
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    draw.text(middle, wrapped, font=font, fill=ink, anchor="mm", align="center")
