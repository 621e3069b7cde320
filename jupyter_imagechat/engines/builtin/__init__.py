"""The built-in engine: draws scenes from bundled vector artwork, offline and repeatable.

See :class:`BuiltinEngine`. Modules: ``catalogue`` (noun -> emoji table, read from
``data/artwork.json``), ``artwork`` (rendering it at any size; :func:`has_artwork`,
:func:`artwork_names`), ``painted``, ``shapes`` and ``furniture`` (drawn pictures for
nouns with no emoji), ``sprites`` (recolour, material, pattern, facing, outline; cached),
``order`` (drawing order, ground), ``backgrounds`` and ``scenery`` (settings, with their
ground where :mod:`jupyter_imagechat.vocab.world` says), ``styles`` (filters), ``labels``
(cards, signs, labels with arrows), ``draw`` (the composition) and ``engine``.
"""

from __future__ import annotations

from .artwork import ARTWORK, artwork_names, has_artwork
from .engine import BuiltinEngine, sketch

__all__ = ["ARTWORK", "BuiltinEngine", "artwork_names", "has_artwork", "sketch"]
