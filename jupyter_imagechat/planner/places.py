"""Style and background phrases: "in watercolor", "a photo of", "in a forest", "at night".

Each reader consumes its phrase at a token index and records it in :class:`.items.Extras`;
the scan (:mod:`.phrases`) and the edit reader (:mod:`.edits.commands`) call them first at every
position.
"""

from __future__ import annotations

from ..scene import split_background
from . import lexicon as lx
from .items import Extras
from .links import CLOTHING
from .scene_panels import NOT_ALONE, TIMES, scene_background
from .words import (
    FUNCTION_WORDS,
    HARD_BOUNDARY,
    STATE_WORDS,
    is_adjective_like,
    longest,
)

_FONT_TAILS = frozenset(lx.words("sans serif"))
"""Words that make a style word a typeface's name ("comic sans")."""


def match_style(tokens: list[str], i: int, extras: Extras) -> int:
    """Consume a style phrase at ``i`` ("a photo of", "in watercolor", "pixel art");
    return the index after it, or ``i``."""
    j, n = i, len(tokens)
    lead = j < n and tokens[j] in ("in", "as", "with")
    if lead:
        j += 1
    if j < n and tokens[j] in ("a", "an", "the"):
        j += 1
    style_of = j + 2 < n and tokens[j] == "style" and tokens[j + 1] == "of"
    if style_of:
        j += 2 + (tokens[j + 2] in ("a", "an", "the"))
        lead = True
    while j < n and tokens[j] in lx.STYLE_ADJECTIVES:
        j += 1
    size = longest(tokens, j, lx.STYLES, lx.MAX_STYLE_WORDS)
    style: str | None
    if size:
        key = tuple(tokens[j : j + size])
        weak = key in lx.WEAK_STYLE_WORDS
        after = tokens[j + size] if j + size < n else ""
        if weak and not (lead or after in ("style", "art", "drawing", "painting", "sketch")):
            return i
        if after in _FONT_TAILS:
            return i  # "in comic sans": a typeface, not a style
        style = lx.STYLES[key]
    elif j < n and tokens[j] in lx.GENERIC_STYLES:
        after = tokens[j + 1] if j + 1 < n else ""
        if not (after in ("of", "style") or (lead and tokens[i] == "as")):
            return i
        size, style = 1, lx.GENERIC_STYLES[tokens[j]]
        if extras.style_set and style is None:
            style = extras.style
    elif style_of:
        return _named_style(tokens, j)  # "in the style of Alex Grey": no things
    else:
        return i
    j += size
    while j < n and tokens[j] in ("style", "styled", "art", "painting", "drawing", "sketch"):
        j += 1
    if j < n and tokens[j] == "of":
        j += 1
    if not extras.style_set or style is not None:
        extras.style, extras.style_set = style, True
    return j


_STYLE_NAME_END = frozenset({",", ".", ";", "!", "?", ":", "with", "while", "on", "under"})


def _named_style(tokens: list[str], j: int) -> int:
    """The index after the name in "in the style of <name>" ("Alex Grey and Norman
    Rockwell", "Egyptian hieroglyphics"): a painter, a school or a look, never a thing, at
    most six words up to a comma, a state ("sitting") or a place ("on a mat")."""
    end = min(j + 6, len(tokens))
    k = j
    while k < end and tokens[k] not in _STYLE_NAME_END and tokens[k] not in STATE_WORDS:
        k += 1
    return k


def match_background(tokens: list[str], i: int, extras: Extras) -> int:
    """Consume a background phrase at ``i`` ("in a forest", "at night", "on a white
    background"); return the index after it, or ``i``."""
    n = len(tokens)
    scene = _scene_at(tokens, i)
    if scene is not None:  # "on a windy day", "a snowy morning with a snowman"
        background, end = scene
        if split_background(extras.background)[0] is not None:  # "in a forest on a
            background = TIMES.get(tokens[end - 1], "day")  # stormy night": the forest
        extras.background = combine_backgrounds(extras.background, background)
        return end
    size = longest(tokens, i, lx.STANDALONE_BACKGROUNDS, 3)
    if size and not _continues_noun(tokens, i + size):
        value = lx.STANDALONE_BACKGROUNDS[tuple(tokens[i : i + size])]
        extras.background = combine_backgrounds(extras.background, value)
        return i + size
    j = i
    prep = tokens[j] if j < n else ""
    has_prep = prep in lx.BACKGROUND_PREPOSITIONS or prep in ("against", "with", "under")
    if has_prep:
        j += 1
    if j < n and tokens[j] in ("a", "an", "the"):
        j += 1
    start = j
    words: list[str] = []
    while j < n and len(words) < 3 and tokens[j] not in lx.BACKGROUND_WORDS:
        if not (is_adjective_like(tokens[j]) or tuple(tokens[j : j + 1]) in lx.BACKGROUNDS):
            break
        words.append(tokens[j])
        j += 1
    if j < n and tokens[j] in lx.BACKGROUND_WORDS and words:
        colors = [lx.color_of(w) for w in words if lx.color_of(w)]
        key = tuple(words)
        extras.background = colors[0] if colors else lx.BACKGROUNDS.get(key, " ".join(words))
        return j + 1 if words else i
    if not has_prep or prep in ("against", "with"):
        return i
    j = start
    while j < n and j - start < 2 and is_adjective_like(tokens[j]):
        if (tokens[j],) in lx.BACKGROUNDS and not _continues_noun(tokens, j + 1):
            break  # "in a library" ("-ary" reads like an adjective)
        j += 1
    size = longest(tokens, j, lx.BACKGROUNDS, lx.MAX_BACKGROUND_WORDS)
    after = tuple(tokens[j + size : j + size + 1])
    if size and lx.BACKGROUNDS.get(after) == lx.BACKGROUNDS[tuple(tokens[j : j + size])]:
        size += 1  # "on a city street": one place
    if not size or _continues_noun(tokens, j + size):
        return i
    key = tuple(tokens[j : j + size])
    key = key if key in lx.BACKGROUNDS else key[-1:]
    if prep == "under" and key not in lx.UNDERWATER_AFTER:
        return i
    if lx.singular(key[-1]) in extras.things:
        return i  # "a car on the road" after "the road is wet": that road
    value = lx.BACKGROUNDS[key]
    if value in lx.SEASONS and prep not in ("in", "during"):
        return i  # "a toy on a spring" is a thing
    if value == "ocean" and prep in ("in", "under", "inside", "within"):
        value = "underwater"
    extras.background = combine_backgrounds(extras.background, value)  # "forest at night"
    return j + size


def _scene_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """A scene named at ``i`` ("on a stormy night", "a snowy morning"): its background
    and the index after it (see :func:`.scene_panels.scene_background`), or None."""
    j = i + (i < len(tokens) and tokens[i] in lx.BACKGROUND_PREPOSITIONS)
    j += j < len(tokens) and tokens[j] in ("a", "an", "the")
    for size in (3, 2):
        words = tokens[j : j + size]
        if len(words) < size or words[-1] in NOT_ALONE or _continues_noun(tokens, j + size):
            continue
        background = scene_background(words)
        if background is not None:
            return background, j + size
    return None


def _continues_noun(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` goes on a noun phrase ("beach ball", "snow globe")."""
    if j >= len(tokens):
        return False
    word = tokens[j]
    if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on"):
        return False
    if longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS):
        return False
    if lx.singular(word) in CLOTHING:  # "a man in winter garb": clothes, not the season
        return True
    return word in lx.KNOWN_NOUNS or word in lx.SYNONYMS or lx.singular(word) in lx.KNOWN_NOUNS


def combine_backgrounds(old: str | None, new: str) -> str:
    """The background after ``new`` is read where ``old`` was set: a place and a time of day
    make one ("in a forest at night", "now at night" in the forest: "forest at night"); a
    time leaves a colour or space as it is; a second place or time replaces the old one."""
    old_place, old_time = split_background(old)
    new_place, new_time = split_background(new)
    if new_place is None and old_place and (old_place in lx.TIMELESS or lx.color_of(old_place)):
        return old_place  # "in space at night", "on a white background at night"
    place: str | None
    if new_place is None and old_place:
        place, time = old_place, new_time  # a time for the place
    elif new_time is None and old_time and new_place not in lx.TIMELESS and not lx.color_of(new):
        place, time = new_place, old_time  # a place for the time
    else:
        return new
    if not place or time in (None, "day"):
        return place or time or new
    return f"{place} at {time}"
