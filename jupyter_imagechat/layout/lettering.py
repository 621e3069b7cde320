"""How wide a thing that carries words must be drawn for them to be read.

One definition for the layout, which gives a thing with a text (``"a van that says FRESH
BREAD"``) a least width (:func:`least_side`), and the checker, whose ``legibility`` finding
says when a text is too small to read (:data:`LETTER`, :func:`letters`). The figure was
measured with the built-in engine and the OCR reader at 512 px: words on a sign, a bus, a
mug and a van were read back from about 9 px of the thing's drawn width per letter of the
longest line (its box about 11 px), and mostly not below.
"""

from __future__ import annotations

LETTER = 0.018
"""Least width of a thing per letter of the longest line of its text, as a share of the
picture's shorter side (about 9 px at 512 px)."""

INK = 0.8
"""Share of its box a drawn thing's width fills, at the least (the artwork is drawn a little
inside its box)."""

WIDEST = 0.9
"""The least width a text asks for never exceeds this share of the picture."""


def letters(text: str) -> float:
    """Letters in the longest line a text is written in: its longest word, or a third of
    it (the engine writes a long text in up to three lines)."""
    return max([len(word) for word in text.split()] + [len(text) / 3, 1.0])


def least_side(text: str) -> float:
    """The least side of the box of a thing carrying ``text`` (a share of the picture)."""
    return min(WIDEST, LETTER * letters(text) / INK)
