"""Scenes side by side: "a summer day and a winter day side by side", "a rainy day vs a
sunny day" ("the beach in summer and in winter" is not read here: one place, two times).

Each part that names a scene (a background word before a scene word: "summer day",
"night scene") becomes a panel of its own with that background, the part as its title and
the things that show it (a winter day: a snowman and a bare tree); the panels go in a
row. Read before the scan (:mod:`.lessons`), so that "summer day" is never a thing. The
words come from ``data/lessons.json`` (``scene_panels``).
"""

from __future__ import annotations

from ..scene import Arrangement, Entity, Panel, SceneGraph
from ..vocab.files import read_json
from . import lexicon as lx

__all__ = ["read_scene_panels"]

_DATA = read_json(__file__, "lessons.json")["scene_panels"]
HEADS = frozenset(_DATA["heads"])
MODIFIERS: dict[str, str] = dict(_DATA["modifiers"])
JOINS = frozenset(_DATA["joins"])
THINGS: dict[str, list[str]] = dict(_DATA["things"])
"""Background -> what its panel shows (a winter day: a snowman and a bare tree)."""
TAILS = tuple(tuple(t) for t in _DATA["tails"])
_DETERMINERS = frozenset(("a", "an", "the", "one", "some"))


def read_scene_panels(tokens: list[str]) -> SceneGraph | None:
    """The panels ``tokens`` ask for when they are two or more scenes joined by "and",
    "vs"..., each a background word and a scene word, with nothing else to draw; else
    None."""
    words = list(tokens)
    for tail in TAILS:
        if tuple(words[-len(tail) :]) == tail:
            words = words[: -len(tail)]
            break
    parts: list[list[str]] = [[]]
    for word in words:
        if word in JOINS:
            parts.append([])
        else:
            parts[-1].append(word)
    if len(parts) < 2:
        return None
    scene = SceneGraph()
    for part in parts:
        words = [w for w in part if w not in _DETERMINERS]
        if len(words) < 2 or words[-1] not in HEADS:
            return None
        background = _background(words[:-1])
        if background is None:
            return None
        members = []
        for noun in THINGS.get(background, THINGS["default"]):
            members.append(scene.new_id())
            scene.entities.append(Entity(members[-1], noun))
        pid = f"p{len(scene.panels) + 1}"
        scene.panels.append(Panel(pid, members, " ".join(words), background))
    scene.arrangements.append(Arrangement("row", [p.id for p in scene.panels]))
    return scene


def _background(words: list[str]) -> str | None:
    """The background ``words`` name ("summer": summer, "rainy": rain), or None."""
    key = tuple(words)
    if key in lx.BACKGROUNDS:
        return lx.BACKGROUNDS[key]
    if len(words) == 1:
        return MODIFIERS.get(words[0])
    return None
