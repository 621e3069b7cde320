"""Scene-level edits: the time, weather, season, place or style changes, the things stay.

"now it's winter", "make it stormy", "it should be evening", "move them to the beach",
"set it in a forest", "in watercolor", "make it look like a pencil sketch". A command is
scene-level when every word of it is a time, weather, season, place or style word or one
of the words around them ("it", "should", "be", "move", "them", "to", "the"...); the names
of the picture's things count as such words too when the command moves them ("move the cat
to the beach": the whole scene goes to the beach). A new place or season replaces the old
background; a time of day keeps the place ("now at night" in a forest: the forest at night).
"""

from __future__ import annotations

from ...scene import SceneGraph, split_background
from .. import lexicon as lx
from ..places import combine_backgrounds
from ..words import longest
from .words import SCENE_FILLERS, WEATHER, at

MOVE_VERBS = frozenset(lx.words("move take put bring send place transport relocate set shift"))
"""Verbs that carry the things to a new place ("move them to the beach")."""
STYLE_WORDS = {
    "photo": None, "photograph": None, "photographic": None, "realistic": None,
    "photorealistic": None, "real": None, "normal": None, "painting": "oil painting",
    "drawing": "pencil sketch", "sketch": "pencil sketch", "doodle": "pencil sketch",
}  # fmt: skip
"""Style words the style table leaves to context; ``None`` is no style (a photo)."""
_UNSET = "\0"
WEATHER_PLACES = frozenset({"rain", "storm", "snow"})
"""Backgrounds that are weather: clear weather ("make it sunny") replaces them."""
STOP_WORDS = frozenset(lx.words("stop remove delete end no without get rid of take away clear"))
_AROUND = frozenset(lx.words("the it please now more any make can you could let's lets there"))


def apply_scene(tokens: list[str], scene: SceneGraph) -> bool:
    """Apply a scene-level command (``tokens`` after the polite lead) to ``scene`` in place;
    return False when ``tokens`` say anything else."""
    if _stops_weather(tokens, scene):
        return True
    look = read_scene(tokens, scene)
    if look is None:
        return False
    background, style = look
    place, _ = split_background(scene.background)
    if background == "day" and place in WEATHER_PLACES:  # "make it sunny" in the rain
        scene.background = "day"
    elif isinstance(background, tuple):  # "a snowy forest" in a forest: the snow is new
        fresh = [b for b in background if b != place] or list(background)
        scene.background = combine_backgrounds(scene.background, fresh[-1])
    elif background is not None:
        scene.background = combine_backgrounds(scene.background, background)
    if style != _UNSET:
        scene.style = style
    return True


def is_scene_change(tokens: list[str], scene: SceneGraph) -> bool:
    """Whether ``tokens`` change only the time, weather, place or style (see
    :func:`apply_scene`; ``scene`` is not changed)."""
    probe = SceneGraph(background=scene.background, style=scene.style)
    return _stops_weather(tokens, probe) or read_scene(tokens, scene) is not None


def _stops_weather(tokens: list[str], scene: SceneGraph) -> bool:
    """ "stop the rain", "no more snow", "remove the storm": the weather goes (the time of
    day stays)."""
    place, time = split_background(scene.background)
    if not set(tokens) & STOP_WORDS or not scene.background:
        return False
    named = {lx.BACKGROUNDS.get((w,)) for w in tokens} | {WEATHER.get((w,)) for w in tokens}
    if any(w not in STOP_WORDS | _AROUND and (w,) not in lx.BACKGROUNDS
           and (w,) not in WEATHER for w in tokens):  # fmt: skip
        return False
    if place in WEATHER_PLACES and place in named:  # "stop the rain"
        scene.background = time
    elif time is not None and time in named:  # "no more night": the place by day
        scene.background = place
    elif place is None and scene.background in named:
        scene.background = None
    else:
        return False
    return True


def read_scene(
    tokens: list[str], scene: SceneGraph | None
) -> tuple[str | tuple[str, ...] | None, str | None] | None:
    """The background and style that ``tokens`` name when they name nothing else, or
    ``None``; the style is ``"\\0"`` when not named (``None`` means no style)."""
    names = _names(scene) if scene is not None and set(tokens) & MOVE_VERBS else set()
    background: str | None = None
    places: list[str] = []
    style: str | None = _UNSET
    k, n = 0, len(tokens)
    while k < n:
        size = longest(tokens, k, lx.STYLES, lx.MAX_STYLE_WORDS)
        if size:
            style, k = lx.STYLES[tuple(tokens[k : k + size])], k + size
            continue
        if tokens[k] in STYLE_WORDS:
            style, k = STYLE_WORDS[tokens[k]], k + 1
            continue
        size = at(tokens, k, WEATHER)
        if size:
            value = WEATHER[tuple(tokens[k : k + size])]
            background, k = combine_backgrounds(background, value), k + size
            places.append(value)
            continue
        size = longest(tokens, k, lx.STANDALONE_BACKGROUNDS, 3)
        table = lx.STANDALONE_BACKGROUNDS
        if not size:
            size = longest(tokens, k, lx.BACKGROUNDS, lx.MAX_BACKGROUND_WORDS)
            table = lx.BACKGROUNDS
        if size:
            value = table[tuple(tokens[k : k + size])]
            background, k = combine_backgrounds(background, value), k + size
            places.append(value)
            continue
        size = at(tokens, k, SCENE_FILLERS)
        if size:
            k += size
            continue
        if tokens[k] in names or lx.singular(tokens[k]) in names:
            k += 1
            continue
        return None
    if background is None and style == _UNSET:
        return None
    named = [p for p in places if split_background(p)[0] is not None]
    if len(named) > 1:  # two places ("a snowy forest"): which is new depends on the scene
        return tuple(named), style
    return background, style


def _names(scene: SceneGraph) -> set[str]:
    out: set[str] = set()
    for ent in scene.entities:
        out.update(ent.name.split())
        if "kind" in ent.attributes:
            out.add(ent.attributes["kind"])
    return out
