"""A sky named as a thing ("a house under a starry sky", "the sky with stars", "a kite
against a cloudy sky") is the picture's background, never a thing of its own.

The scan reads a background only after a place word ("in the sky"); anywhere else the
words become an entity that no engine draws (a placeholder card on the ground).
:func:`skies_as_background` turns such entities into the background.
"""

from __future__ import annotations

from ..scene import SceneGraph
from . import lexicon as lx

__all__ = ["skies_as_background"]

_SKY_BACKGROUNDS = frozenset(("sky", "night", "sunset"))
"""Backgrounds that are the sky at some time of day: never things."""
_SKY_TIMES = frozenset(("night", "evening", "dusk", "dawn", "morning", "twilight"))
"""Times of day that are never things: the sky's time ("a night sky over a city")."""


def _sky_of(name: str, attrs: dict[str, str]) -> str | None:
    """The background an entity named ``name`` with ``attrs`` is ("sky" + starry: night)."""
    words = tuple(name.split())
    if name in _SKY_TIMES:  # "against the evening sky" reads as a thing "evening"
        return lx.BACKGROUNDS.get((name, "sky")) or lx.BACKGROUNDS.get((name,))
    if "sky" not in words:  # "a sunset" is a thing with a picture
        return None
    if name in lx.KNOWN_NOUNS or name in lx.SYNONYMS or name in lx.PERSON_WORDS:
        return None
    for value in attrs.values():
        found = lx.BACKGROUNDS.get((*value.split(), *words))
        if found in _SKY_BACKGROUNDS:
            return found
    found = lx.BACKGROUNDS.get(words)
    return found if found in _SKY_BACKGROUNDS else None


def skies_as_background(scene: SceneGraph, background: str | None) -> str | None:
    """Drop the entities of ``scene`` that name a sky and return the background: the sky's
    (a night sky: "night") when ``background`` is None, ``background`` at that time ("park
    at night") when the sky has one, else ``background`` (a park has a sky already)."""
    skies = {
        e.id: sky
        for e in scene.entities
        if (sky := _sky_of(e.name, e.attributes)) is not None
        and not e.attributes.get("text")
        and not any(lb.target == e.id for lb in scene.labels)
    }
    if not skies:
        return background
    scene.entities = [e for e in scene.entities if e.id not in skies]
    scene.drop_missing()
    sky = next(iter(skies.values()))
    if background is None or background == "sky":
        return sky
    if sky != "sky" and " at " not in background and background not in _SKY_BACKGROUNDS:
        return f"{background} at {sky}"  # "a park under a starry sky": the park at night
    return background
