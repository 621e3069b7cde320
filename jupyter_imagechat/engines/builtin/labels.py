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


def card_picture(name: str, rgb: tuple[int, int, int] | None, w: int, h: int) -> Image.Image:
    """Return a rounded, softly coloured RGBA card of ``w`` x ``h`` with ``name`` on it."""
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
    text, font, _ = wrap_to_fit(draw, name, w * 0.84, h * 0.6, line_h=h * 0.3)
    draw.text((w / 2, h / 2), text, font=font, fill=ink, anchor="mm", align="center", spacing=2)
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
