"""Scenes side by side: "a summer day and a winter day side by side", "a rainy day vs a
sunny day" ("the beach in summer and in winter" is not read here: one place, two times).

Each part that names a scene (a background word before a scene word: "summer day",
"night scene") becomes a panel of its own with that background, the part as its title and
the things that show it (a winter day: a snowman and a bare tree); the panels go in a
row. Read before the scan (:mod:`.lessons.request`), so that "summer day" is never a thing. The
words come from ``data/lessons.json`` (``scene_panels``).
"""

from __future__ import annotations

from ..scene import Arrangement, Entity, Panel, SceneGraph
from ..vocab.files import read_json
from . import lexicon as lx

__all__ = ["read_scene_panels", "scene_background"]

_DATA = read_json(__file__, "lessons.json")["scene_panels"]
HEADS = frozenset(_DATA["heads"])
MODIFIERS: dict[str, str] = dict(_DATA["modifiers"])
JOINS = frozenset(_DATA["joins"])
THINGS: dict[str, list[str]] = dict(_DATA["things"])
"""Background -> what its panel shows (a winter day: a snowman and a bare tree)."""
WEATHER_THINGS: dict[str, list[str]] = dict(_DATA["weather_things"])
"""Weather word -> what it shows that its background does not (a windy day: the wind)."""
TIMES: dict[str, str] = dict(_DATA["times"])
"""Scene words that are a time of day -> that time ("a stormy night": night)."""
NOT_ALONE = frozenset(_DATA["not_alone"])
"""Scene words that alone name a thing ("a forest picture" hangs on a wall)."""
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
        return _one_scene(parts[0])
    scene = SceneGraph()
    for part in parts:
        words = [w for w in part if w not in _DETERMINERS]
        background = scene_background(words)
        if background is None:
            return None
        members = []
        for noun in _things(words, background):
            members.append(scene.new_id())
            scene.entities.append(Entity(members[-1], noun))
        pid = f"p{len(scene.panels) + 1}"
        scene.panels.append(Panel(pid, members, " ".join(words), background))
    scene.arrangements.append(Arrangement("row", [p.id for p in scene.panels]))
    return scene


def _one_scene(part: list[str]) -> SceneGraph | None:
    """ "A windy day", "a stormy night": one scene alone is its background and the things
    that show it, with no panel."""
    words = [w for w in part if w not in _DETERMINERS]
    background = scene_background(words)
    if background is None or words[-1] in NOT_ALONE:
        return None
    scene = SceneGraph(background=background)
    for noun in _things(words, background):
        scene.entities.append(Entity(scene.new_id(), noun))
    return scene


def scene_background(words: list[str]) -> str | None:
    """The background of a scene named by ``words`` (no determiner): one or two
    background or weather words and a scene word ("summer day", "snowy morning": "snow at
    sunrise"), else None."""
    if not 2 <= len(words) <= 3 or words[-1] not in HEADS:
        return None
    background = _background(words[:-1])
    time = TIMES.get(words[-1])
    if background == "day":  # "a foggy morning": the weather is in its things
        return time or background
    if background is None or time in (None, "day") or background in (time, "night", "storm"):
        return background  # "a stormy night" is stormy enough: the storm's dark sky
    return f"{background} at {time}"


def _things(words: list[str], background: str) -> list[str]:
    """What a scene shows: its weather's things, else its background's."""
    for word in words[:-1]:
        if word in WEATHER_THINGS:
            return WEATHER_THINGS[word]
    place = background.partition(" at ")[0]
    return THINGS.get(place, THINGS["default"])


def _background(words: list[str]) -> str | None:
    """The background ``words`` name ("summer": summer, "rainy": rain), or None."""
    key = tuple(words)
    if key in lx.BACKGROUNDS:
        return lx.BACKGROUNDS[key]
    if len(words) == 1:
        return MODIFIERS.get(words[0])
    first, second = _background(words[:1]), _background(words[1:])  # "cold winter"
    return first if first is not None and first == second else None
