"""Text read back from the picture: is each text of the plan written where it should be?

A :class:`TextReader` turns a picture into lines of text with their boxes. The default,
:class:`RapidOcrReader`, runs the PP-OCR models that ship inside the
``rapidocr-onnxruntime`` wheel (Apache-2.0) on the CPU: offline, nothing downloaded.
Install it with ``pip install "jupyter-imagechat[ocr]"``; without it
:func:`default_reader` returns None and every text finding stays unknown.

Matching is forgiving where OCR is unsure and strict where it matters: case, spaces and
punctuation are ignored, the look-alikes ``0``/``o`` and ``1``/``l``/``i`` count as one
letter, and a long text may have one misread letter in six; a text is found when it
occurs within the lines read inside the region where it should be, in reading order.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

__all__ = [
    "INSTALL_HINT",
    "RapidOcrReader",
    "TextLine",
    "TextReader",
    "default_reader",
    "found_in",
    "lies_in",
    "read_again",
    "readable",
]

INSTALL_HINT = 'pip install "jupyter-imagechat[ocr]"'
MIN_SCORE = 0.5
"""Lines the OCR engine is less sure of than this are ignored."""


@dataclass(frozen=True)
class TextLine:
    """One line of text read from a picture: the text, its pixel box, the reader's score."""

    text: str
    box: tuple[int, int, int, int]
    score: float = 1.0


@runtime_checkable
class TextReader(Protocol):
    """Reads the lines of text in a picture."""

    def read(self, image: Image.Image) -> list[TextLine]:
        """Return every line of text found in ``image``."""
        ...


class RapidOcrReader:
    """OCR with RapidOCR (PP-OCRv4 detection and recognition through onnxruntime).

    The models ship in the ``rapidocr-onnxruntime`` wheel; they are loaded on the first
    :meth:`read` (about 0.1 s) and reading a 512 px picture takes about 0.2 s on a CPU
    core. One reader may be shared between threads.
    """

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> list[TextLine]:
        """Return the lines of text found in ``image`` (any size, any mode)."""
        with self._lock:
            if self._engine is None:
                from rapidocr_onnxruntime import RapidOCR

                self._engine = RapidOCR()
            found, _ = self._engine(np.asarray(image.convert("RGB")))
        lines = []
        for points, text, score in found or []:
            xs = [float(p[0]) for p in points]
            ys = [float(p[1]) for p in points]
            box = (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))
            lines.append(TextLine(str(text), box, float(score)))
        return lines


LINE_PAD, LINE_HEIGHT = 0.35, 64
"""A line read again on its own is cut out with this share of its height around it and
scaled to at least this many pixels high."""


def read_again(reader: TextReader, image: Image.Image, lines: Sequence[TextLine]) -> list[TextLine]:
    """Each of ``lines`` read again from its own cut-out, enlarged: small text a whole
    picture's reading got wrong ("dund" for a label "pump") often reads right alone. The
    lines keep their boxes in ``image``."""
    from PIL import Image as PILImage

    again = []
    for line in lines:
        x0, y0, x1, y1 = line.box
        pad = max(2, round((y1 - y0) * LINE_PAD))
        box = (
            max(x0 - pad, 0),
            max(y0 - pad, 0),
            min(x1 + pad, image.width),
            min(y1 + pad, image.height),
        )
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        part = image.crop(box)
        scale = max(1.0, LINE_HEIGHT / max(y1 - y0, 1))
        if scale > 1.0:
            size = (round(part.width * scale), round(part.height * scale))
            part = part.resize(size, PILImage.Resampling.LANCZOS)
        again += [TextLine(found.text, line.box, found.score) for found in reader.read(part)]
    return again


_SHARED: list[TextReader] = []
_SHARED_LOCK = threading.Lock()


def default_reader() -> TextReader | None:
    """Return the shared :class:`RapidOcrReader` if ``rapidocr-onnxruntime`` is installed,
    else None (text findings then stay unknown; :data:`INSTALL_HINT` says what to do)."""
    with _SHARED_LOCK:
        if not _SHARED:
            if importlib.util.find_spec("rapidocr_onnxruntime") is None:
                return None
            _SHARED.append(RapidOcrReader())
        return _SHARED[0]


_LOOKALIKE = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l"})


def _words(text: str) -> list[str]:
    """The words of ``text`` as OCR reads them reliably: letters and digits, lower case,
    look-alikes folded (``"Exit 10!"`` -> ``["exlt", "lo"]``)."""
    out, word = [], []
    for ch in unicodedata.normalize("NFKC", text).casefold() + " ":
        if ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word).translate(_LOOKALIKE))
            word = []
    return out


def readable(text: str) -> bool:
    """Whether OCR can check ``text``: it has a letter or digit, and every one of them is
    Latin, a digit or Chinese (what the shipped models read)."""
    letters = [ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum()]
    return bool(letters) and all(
        ch.isascii() or "LATIN" in unicodedata.name(ch, "") or "CJK" in unicodedata.name(ch, "")
        for ch in letters
    )


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between ``a`` and ``b``."""
    prev = list(range(len(b) + 1))
    for i, ch in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ch != other))
        prev = cur
    return prev[-1]


def lies_in(box: tuple[int, int, int, int], region: tuple[float, float, float, float]) -> bool:
    """Whether the middle of ``box`` lies in ``region``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def found_in(
    text: str,
    lines: Sequence[TextLine],
    region: tuple[float, float, float, float] | None = None,
) -> bool:
    """Whether ``text`` is written in ``lines`` (those whose middle lies in ``region``, a
    pixel box; all when None), read top to bottom and left to right.

    Some run of consecutive words read must spell the text (spaces and punctuation
    aside), with at most one stray letter (an arrow read as "l"); a text of six letters or
    more may also differ by one edit in six ("Blrthday" counts for "Birthday"). "hi" is
    not found in "chicken", nor "START" where "STOP" was written.
    """
    want = "".join(_words(text))
    if not want:
        return False
    chosen = [
        ln for ln in lines if ln.score >= MIN_SCORE and (region is None or lies_in(ln.box, region))
    ]
    chosen.sort(key=lambda ln: (round((ln.box[1] + ln.box[3]) / 2 / 8), ln.box[0]))
    words = [w for ln in chosen for w in _words(ln.text)]
    slack = len(want) // 6 if len(want) >= 6 else 0
    for i in range(len(words)):
        run = ""
        for word in words[i:]:
            run += word
            if want in run and len(run) - len(want) <= 1:
                return True
            if slack and abs(len(run) - len(want)) <= slack and _distance(want, run) <= slack:
                return True
            if len(run) > len(want) + slack + 1:
                break
    return False
