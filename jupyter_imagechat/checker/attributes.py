"""Attributes and texts checked from the picture itself, never from what the engine says.

- ``color`` and ``color2`` ("red and white striped" checks both): read from the pixels of
  each instance (:mod:`.colour`).
- ``text`` (written on the thing), ``label`` (written beside it), the scene's ``texts``
  and a diagram's written words (its labels, arrow labels and panel titles, looked for
  where the engine says it wrote them): read back by OCR (:mod:`.ocr`); with no OCR
  engine installed they are unknown, never kept.
- ``position`` is checked from the drawn boxes in :mod:`.check`.
- A ``style`` of black and white is measured (the picture holds no colour); every other
  style, ``material`` and every other attribute (size, pattern, pose, state...) is
  unknown: nothing measures it yet, and what an engine reports about it proves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from .colour import InstancePixels, judge_colour, oklch
from .ocr import INSTALL_HINT, TextLine, TextReader, found_in, lies_in, read_again, readable
from .presence import judge_count

if TYPE_CHECKING:
    from PIL import Image

    from ..engines.base import DrawnObject
    from ..scene import Entity, SceneGraph

log = logging.getLogger(__name__)

__all__ = [
    "Judged",
    "PictureReading",
    "attribute_finding",
    "diagram_text_findings",
    "style_finding",
    "text_findings",
]

SATISFIED, VIOLATED, UNKNOWN = "satisfied", "violated", "unknown"
Judged = tuple[str, str, str]
"""``(constraint, status, reason)``: a finding before :mod:`.check` gives it its entities."""

COLOUR_KEYS = frozenset({"color", "color2"})
WRITTEN_KEYS = frozenset({"text", "label"})
GREY_STYLES = frozenset({"black and white", "grayscale", "greyscale", "monochrome"})
"""Styles measured from the picture: no colour anywhere."""
COLOURLESS_STYLES = GREY_STYLES | {"pencil sketch", "sketch", "pencil", "pencil drawing"}
"""Styles that leave no colour to read: a colour asked for with one is unknown."""
TEXT_MARGIN = 0.15
"""Share of an instance's box added on each side where its written text is looked for."""
MIN_TEXT_HEIGHT = 24
"""Pixel height of a region below which written text is too small to read: unknown."""
MIN_LETTER_HEIGHT = 8
"""Pixel height of a reported line of text (a diagram's label) below which it is too small
to read: unknown."""
GREY_CHROMA, GREY_SHARE = 0.03, 0.99
"""A picture is black and white when this share of its pixels has at most this chroma."""


class PictureReading:
    """What the checker reads from one picture, each part read once and only if asked.

    Parameters
    ----------
    image : PIL.Image.Image or None
        The picture (None when only a layout is checked: nothing to read).
    objects : sequence of DrawnObject
        What was drawn or found, back to front.
    reader : TextReader or None
        The OCR engine; None leaves text findings unknown.
    """

    def __init__(
        self,
        image: Image.Image | None,
        objects: Sequence[DrawnObject],
        reader: TextReader | None,
    ) -> None:
        self.image = image
        self.objects = list(objects)
        self.reader = reader
        self._pixels: InstancePixels | None = None
        self._lines: list[TextLine] | None = None
        self._again: dict[int, list[TextLine]] = {}
        """Each line of :meth:`lines` read again on its own, by its place there."""
        self.ocr_error = ""

    @property
    def pixels(self) -> InstancePixels:
        """The instances' visible pixels (:class:`~.colour.InstancePixels`)."""
        if self._pixels is None:
            assert self.image is not None
            self._pixels = InstancePixels(self.image, self.objects)
        return self._pixels

    def lines(self) -> list[TextLine] | None:
        """The lines of text OCR reads in the picture; None without a reader or when it
        failed (``ocr_error`` says why)."""
        if self._lines is None and self.reader is not None and self.image is not None:
            self._lines = self._read(lambda r, im: list(r.read(im)))
        return self._lines

    def found(self, text: str, region: tuple[float, float, float, float] | None = None) -> bool:
        """Whether ``text`` is read (in ``region``); a text not found in the whole picture's
        reading is looked for again in each line read on its own (:func:`~.ocr.read_again`):
        the lines in ``region`` (all, without one), each read again once per picture."""
        lines = self.lines() or []
        if found_in(text, lines, region):
            return True
        for n, line in enumerate(lines):
            if self.reader is None or self.image is None:
                break  # no reader, or it failed
            if n not in self._again and (region is None or lies_in(line.box, region)):
                self._again[n] = self._read(partial(_read_line, line)) or []
        again = [found for n in sorted(self._again) for found in self._again[n]]
        return found_in(text, again, region)

    def _read(
        self, how: Callable[[TextReader, Image.Image], list[TextLine]]
    ) -> list[TextLine] | None:
        assert self.reader is not None
        assert self.image is not None
        try:
            return how(self.reader, self.image)
        except Exception as exc:  # an OCR failure must not lose the turn
            log.exception("text reader %r failed", self.reader)
            self.ocr_error = f"reading the text failed ({type(exc).__name__})"
            self.reader = None
            return None

    def count(self, wanted: int, mine: Sequence[DrawnObject]) -> tuple[str, str] | None:
        """``(status, reason)`` for "``wanted`` of ``mine`` show", counting the reported
        instances that stand out in the picture (:mod:`.presence`); None when nothing
        can be read (no picture, or no shapes)."""
        if self.image is None:
            return None
        return judge_count(wanted, list(mine), self.pixels)

    def no_text_reason(self) -> str:
        return self.ocr_error or f"no OCR engine to read text: {INSTALL_HINT}"


def attribute_finding(
    ent: Entity, key: str, value: str, mine: Sequence[DrawnObject], reading: PictureReading,
    style: str | None = None,
) -> Judged:  # fmt: skip
    """The finding for ``ent``'s attribute ``key: value``, read from the picture."""
    label = f"{ent.name} {key} {value}"
    if key not in COLOUR_KEYS | WRITTEN_KEYS:
        return (label, UNKNOWN, f"the {key} is not measured from the picture")
    if reading.image is None:
        return (label, UNKNOWN, "nothing drawn yet")
    if not mine:
        return (label, UNKNOWN, "no drawn object to inspect")
    if key in COLOUR_KEYS:
        if (style or "").strip().lower() in COLOURLESS_STYLES:
            return (label, UNKNOWN, f"drawn as {style}: no colour to read")
        planned = [v for k, v in ent.attributes.items() if k in COLOUR_KEYS and k != key]
        return (label, *judge_colour(value, mine, reading.pixels, planned))
    return _written(label, value, key, mine, reading)


def _written(
    label: str, value: str, key: str, mine: Sequence[DrawnObject], reading: PictureReading
) -> Judged:
    """``text`` must be read on each instance (its box and a margin); a ``label``, which
    is written once beside its thing, anywhere in the picture."""
    if not readable(value):
        return (label, UNKNOWN, "OCR reads Latin letters, digits and Chinese only")
    lines = reading.lines()
    if lines is None:
        return (label, UNKNOWN, reading.no_text_reason())
    if key == "label":
        if reading.found(value):
            return (label, SATISFIED, "read in the picture")
        return (label, VIOLATED, "not read anywhere in the picture")
    regions = [_around(o.box) for o in mine]
    if any(r[3] - r[1] < MIN_TEXT_HEIGHT for r in regions):
        return (label, UNKNOWN, "drawn too small to read its text")
    missing = [r for r in regions if not reading.found(value, r)]
    if not missing:
        where = "on it" if len(mine) == 1 else f"on each of the {len(mine)}"
        return (label, SATISFIED, f"read {where}")
    some = "it" if len(mine) == 1 else f"{len(missing)} of {len(mine)}"
    return (label, VIOLATED, f"not read on {some}")


def _around(box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) * TEXT_MARGIN, (y1 - y0) * TEXT_MARGIN
    return x0 - dx, y0 - dy, x1 + dx, y1 + dy


def text_findings(plan: SceneGraph, reading: PictureReading) -> list[Judged]:
    """One finding per entry of ``plan.texts``: is it written somewhere in the picture?"""
    return [(f"text {t!r}", *_read_at(t, None, reading)) for t in plan.texts if t.strip()]


def _read_line(line: TextLine, reader: TextReader, image: Image.Image) -> list[TextLine]:
    """``line`` of ``image`` read again on its own (:func:`~.ocr.read_again`)."""
    return read_again(reader, image, [line])


def diagram_text_findings(
    plan: SceneGraph, report: object, reading: PictureReading
) -> list[tuple[Judged, tuple[str, ...]]]:
    """One finding per written word of ``plan``'s diagram (each label, arrow label and
    panel title), with the ids of the entities it is about: is it read in the picture,
    where the engine's ``report`` (``Result.metadata["diagram"]``) says it was written
    (anywhere, when the engine reports no box for it)? The diagram's own findings
    (:mod:`.diagram`) check where the words were placed; these check that they show."""
    names = {e.id: e.name for e in plan.entities} | {p.id: p.title or p.id for p in plan.panels}
    boxes = _reported_boxes(report)
    wanted: list[tuple[str, str, tuple[str, ...], object]] = []
    for label in plan.labels:
        where = f"label on {names.get(label.target, label.target)}"
        box = boxes.get(("labels", label.text, label.target, label.index))
        wanted.append((label.text, where, (label.target,), box))
    for arrow in (a for a in plan.arrows if a.label):
        box = boxes.get(("arrows", arrow.label, arrow.start, arrow.end))
        wanted.append((str(arrow.label), "arrow label", (arrow.start, arrow.end), box))
    for panel in (p for p in plan.panels if p.title):
        box = boxes.get(("panels", panel.title, panel.id, None))
        wanted.append((str(panel.title), "panel title", tuple(panel.members), box))
    found: list[tuple[Judged, tuple[str, ...]]] = []
    for text, where, ids, box in wanted:
        if not text.strip():
            continue
        constraint = f"text {text!r} ({where})"
        found.append(((constraint, *_read_at(text, _box_of(box), reading)), ids))
    return found


def _reported_boxes(report: object) -> dict[tuple[object, ...], object]:
    """Where a diagram report says each word was written, by what it is."""
    if not isinstance(report, dict):
        return {}
    boxes: dict[tuple[object, ...], object] = {}
    for e in (e for e in report.get("labels") or [] if isinstance(e, dict)):
        boxes[("labels", e.get("text"), e.get("target"), e.get("index"))] = e.get("box")
    for e in (e for e in report.get("arrows") or [] if isinstance(e, dict)):
        boxes[("arrows", e.get("label"), e.get("start"), e.get("end"))] = e.get("label_box")
    for e in (e for e in report.get("panels") or [] if isinstance(e, dict)):
        boxes[("panels", e.get("title"), e.get("id"), None)] = e.get("title_box")
    return boxes


def _box_of(value: object) -> tuple[float, float, float, float] | None:
    """A reported pixel box ``[x0, y0, x1, y1]``, or None where it is not one."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _read_at(
    text: str, box: tuple[float, float, float, float] | None, reading: PictureReading
) -> tuple[str, str]:
    """``(status, reason)`` for "``text`` is written in ``box``" (a line of text's pixel
    box, searched with a margin; None: anywhere in the picture)."""
    if reading.image is None:
        return UNKNOWN, "nothing drawn yet"
    if not readable(text):
        return UNKNOWN, "OCR reads Latin letters, digits and Chinese only"
    if reading.lines() is None:
        return UNKNOWN, reading.no_text_reason()
    if box is not None and box[3] - box[1] < MIN_LETTER_HEIGHT:
        return UNKNOWN, "written too small to read"
    if box is None:
        if min(reading.image.size) < 2 * MIN_TEXT_HEIGHT:
            return UNKNOWN, "the picture is too small to read text"
        return (SATISFIED, "read in the picture") if reading.found(text) else (
            VIOLATED, "not read anywhere in the picture"
        )  # fmt: skip
    pad = (box[3] - box[1]) / 2
    region = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
    if reading.found(text, region):
        return SATISFIED, "read where it was written"
    if _inked(reading.image, box):
        # Something is written there: OCR misreads a few words in some fonts ("pull" as
        # "lind", a short word beside an arrow), so this is not a finding either way, even
        # where the same word is read elsewhere (two arrows both labelled "wire").
        return UNKNOWN, "written where it was written, but OCR does not read it as that"
    return VIOLATED, "not read where it was written"


INK_CONTRAST, INK_SHARE, STROKE_FILTER = 60, 0.02, 5
"""A pixel of a line of text is ink when its grey level is this far from the median of
the ``STROKE_FILTER`` x ``STROKE_FILTER`` pixels round it (a thin stroke stands out from
it; the edge between two plain areas, such as a horizon, does not); a box with at least
this share of ink has something written in it. A word blanked out (filled in from around
it) has none."""


def _inked(image: Image.Image, box: tuple[float, float, float, float]) -> bool:
    """Whether something is written in ``box`` (a line of text's pixel box): thin strokes
    that stand out from what is round them."""
    x0, y0, x1, y1 = (round(v) for v in box)
    if x1 <= x0 or y1 <= y0:
        return False
    from PIL import ImageFilter  # here: importing the checker loads no imaging library

    m = STROKE_FILTER // 2
    crop = image.crop((x0 - m, y0 - m, x1 + m, y1 + m)).convert("L")
    grey = np.asarray(crop, dtype=np.int16)
    smooth = np.asarray(crop.filter(ImageFilter.MedianFilter(STROKE_FILTER)), dtype=np.int16)
    ink = (np.abs(grey - smooth) > INK_CONTRAST)[m:-m, m:-m]
    return bool(ink.mean() >= INK_SHARE and ink.sum() >= 6)


def style_finding(plan: SceneGraph, reading: PictureReading) -> Judged | None:
    """The finding for ``plan.style`` (None without one): black and white is measured
    from the pixels, any other style is unknown."""
    style = (plan.style or "").strip()
    if not style:
        return None
    label = f"style {style}"
    if style.lower() not in GREY_STYLES:
        return (label, UNKNOWN, "a style is not measured from the picture")
    if reading.image is None:
        return (label, UNKNOWN, "nothing drawn yet")
    rgb = np.asarray(reading.image.convert("RGB").reduce(2) if min(reading.image.size) > 64
                     else reading.image.convert("RGB"))  # fmt: skip
    grey = float((oklch(rgb.reshape(-1, 3))[1] <= GREY_CHROMA).mean())
    if grey >= GREY_SHARE:
        return (label, SATISFIED, f"{grey:.1%} of the pixels have no colour")
    return (label, VIOLATED, f"{1 - grey:.0%} of the pixels are coloured")
