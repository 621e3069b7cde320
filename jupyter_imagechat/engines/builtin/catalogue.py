"""What picture stands for which noun: pure data, no drawing.

The tables live in ``data/artwork.json`` beside this module, read once at import; this
module exposes them as Python values. :data:`ARTWORK` maps a canonical noun (lowercase,
singular, as the planner writes it) to the Noto Emoji character whose vector artwork
(``assets/noto-emoji/emoji_u<code points>.svgz``) draws it. The 80 GenEval (COCO) class
names come first, spelled exactly as GenEval spells them. Nouns with no fitting emoji
("fire hydrant", "oven"...) are drawn by the painters in :mod:`.painted`; any other noun
becomes a labelled card. What flies (drawn without a ground shadow) is not a picture's
business: it is :data:`~jupyter_imagechat.vocab.world.IN_THE_AIR`, shared with the layout.
``scripts/build_artwork.py`` copies the SVGs this table uses;
``docs/coverage.md`` lists every noun with the words the planner maps to it.
"""

from __future__ import annotations

from ...vocab.files import read_json

__all__ = ["ARTWORK", "CONTENTS_COLOURS", "FACES_RIGHT", "MAIN_HUE", "PERSON_KINDS", "stem_of"]

_DATA = read_json(__file__, "artwork.json")

ARTWORK: dict[str, str] = {
    noun: char for section in _DATA["artwork"] for noun, char in section["nouns"].items()
}
"""Canonical noun -> emoji character (its artwork file is :func:`stem_of` it), in the data
file's order: the GenEval classes first, then people, animals, food..."""

PERSON_KINDS: dict[str, str] = dict(_DATA["person_kinds"])
"""The planner draws "a man" as ``person`` with attribute ``kind: man``; this picks the
artwork for each ``kind``."""

FACES_RIGHT: frozenset[str] = frozenset(_DATA["faces_right"])
"""Nouns whose artwork looks to the right; most Noto animals and vehicles look left, and
front views (a lion's face, a bus) may be mirrored freely. Attribute ``facing`` mirrors."""

MAIN_HUE: dict[str, tuple[float, float, float] | str] = {
    noun: part if isinstance(part, str) else (float(part[0]), float(part[1]), float(part[2]))
    for noun, part in _DATA["main_hue"].items()
}
"""Noun -> ``(hue, half width, least chroma)`` of the part a colour attribute repaints,
where the picture's most common hue is the wrong part (hue in degrees, chroma 0..1), or
``"light"``/``"dark"`` where that part is white or black (see :mod:`.recolor`)."""

CONTENTS_COLOURS: dict[str, tuple[int, int, int]] = {
    stuff: (int(rgb[0]), int(rgb[1]), int(rgb[2]))
    for stuff, rgb in _DATA["contents_colours"].items()
}
"""What a container holds (attribute ``contents``: "water", "jam") -> the RGB of its fill
in the drawn glass, jar, jug or pot (see :mod:`.painters.containers`)."""


def stem_of(char: str) -> str:
    """Return the Noto Emoji file stem of an emoji: ``"\N{RED APPLE}"`` -> ``"emoji_u1f34e"``.

    Variation selectors (U+FE0F) are dropped, as in Noto's file names.
    """
    return "emoji_u" + "_".join(f"{ord(c):x}" for c in char if ord(c) != 0xFE0F)
