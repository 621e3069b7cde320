"""How big things are: the typical drawn size of a noun, shared by layout and planner.

The table lives in ``data/sizes.json`` beside this package, read once at import. The
layout sizes each thing's box by it (an elephant is drawn bigger than a mouse); the
planner asks it what fits in a hand ("a girl with a kite" holds the kite).
"""

from __future__ import annotations

from .files import read_json

_DATA = read_json(__file__, "sizes.json")

TYPICAL_SIZE: dict[str, float] = {
    noun: float(group["size"]) for group in _DATA["sizes"] for noun in group["nouns"]
}
"""Canonical noun -> relative drawn size (1.0 = the biggest things; default
:data:`DEFAULT_SIZE`)."""

DEFAULT_SIZE: float = float(_DATA["default"])
"""Relative drawn size of a noun :data:`TYPICAL_SIZE` does not list."""

SIZE_FACTORS: dict[str, float] = {word: float(f) for word, f in _DATA["factors"].items()}
"""Attribute ``size`` value -> factor on the typical size."""


def typical_size(name: str) -> float:
    """Relative drawn size of a canonical noun (an elephant ~1.0, a mouse ~0.4)."""
    return TYPICAL_SIZE.get(name, DEFAULT_SIZE)
