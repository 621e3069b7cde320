"""The built-in engine: draws scenes from bundled emoji artwork, offline and repeatable.

See :class:`BuiltinEngine`. ``artwork`` holds the noun -> picture table
(:func:`has_artwork`, :func:`artwork_names`).
"""

from __future__ import annotations

from .artwork import ARTWORK, artwork_names, has_artwork
from .engine import BuiltinEngine

__all__ = ["ARTWORK", "BuiltinEngine", "artwork_names", "has_artwork"]
