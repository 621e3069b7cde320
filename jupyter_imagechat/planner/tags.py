"""Art-prompt tag lists: "a castle, highly detailed, matte, trending on artstation".

Prompts written for image models often name one main subject and then list comma-separated
tags that describe it ("2d", "matte", "photorealistic", "3 dimensional", "vivid"). A tag
segment names no thing, so the noun-phrase reader would either drop it or invent a thing
("matte", "illustration"). :func:`split_tags` takes such segments out of the token list
before the scan; :func:`attach_tags` then gives them to the main subject as its ``detail``.

A segment is a tag when it stands between commas (or a comma and the end of the prompt),
comes after the first noun phrase, is at most :data:`MAX_TAG_WORDS` words, and every
word is a descriptor: an adjective (listed or by its ending), an intensifier ("highly"),
a number with a unit ("4k", "2d", "1800s") or a word of art vocabulary ("illustration",
"masterpiece"). A segment naming a style or a background is left to the scan.
"""

from __future__ import annotations

import re

from ..scene import Entity, SceneGraph
from . import lexicon as lx
from .words import is_adjective_like, known_word, longest

MAX_TAG_WORDS = 4
"""Longest comma segment read as one tag."""

INTENSIFIERS = frozenset(
    lx.words("highly very ultra hyper extremely super really incredibly insanely intensely")
)
ART_WORDS = frozenset(
    lx.words("""illustration masterpiece render rendering rendered artstation trending quality
    resolution detail details lighting focus photography composition realism dimensional
    cinematic octane hdr uhd matte unreal engine concept art digital award-winning""")
)
"""Art-prompt vocabulary that describes how a picture looks, not a thing in it."""
_UNIT = re.compile(r"^\d+(?:-?d|k|s|px|mm|p|x\d+)?$")
_JOINERS = frozenset({"and", "on", "&"})
_ENDS = frozenset({",", ".", ";", "!", "?", ":"})


def _tag_word(word: str) -> bool:
    if word in INTENSIFIERS or word in ART_WORDS or _UNIT.match(word):
        return True
    if word in lx.KNOWN_NOUNS or known_word(word) or lx.color_of(word) is not None:
        return lx.color_of(word) is not None or word in lx.ADJECTIVES
    return is_adjective_like(word) or word.endswith(("ed", "ing", "al", "istic"))


def _is_tag(words: list[str]) -> bool:
    if not words or len(words) > MAX_TAG_WORDS or not words[0][0].isalnum():
        return False
    if words[0] in _JOINERS or words[-1] in _JOINERS:
        return False
    for k, word in enumerate(words):
        if word in _JOINERS:
            continue
        if not _tag_word(word):
            return False
        if longest(words, k, lx.STYLES, lx.MAX_STYLE_WORDS) or word in lx.GENERIC_STYLES:
            return word in ("illustration", "render", "rendering")  # "in pixel art" is a style
        if word in lx.BACKGROUND_WORDS or longest(words, k, lx.BACKGROUNDS, 3):
            return False
    return True


def split_tags(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Return ``tokens`` without their tag segments, and the tags in order.

    A tag segment's leading comma goes with it; the first segment is never a tag (it
    names the subject: "furry caterpillar, pupa, 3 dimensional" keeps the caterpillar).
    """
    cuts: list[tuple[int, int]] = []
    starts = [k for k, t in enumerate(tokens) if t == ","]
    for comma in starts:
        end = comma + 1
        while end < len(tokens) and tokens[end] not in _ENDS:
            end += 1
        if _is_tag(tokens[comma + 1 : end]):
            cuts.append((comma, end))
    if not cuts:
        return tokens, []
    out: list[str] = []
    tags: list[str] = []
    pos = 0
    for start, end in cuts:
        out.extend(tokens[pos:start])
        tags.append(" ".join(tokens[start + 1 : end]))
        pos = end
    out.extend(tokens[pos:])
    return out, tags


FRAME_HEADS = frozenset(
    lx.words("""portrait photo photograph footage shot picture image drawing painting illustration
    render sketch poster close-up closeup view scene wallpaper""")
)
"""Heads of things that name the picture ("portrait of ...", "cctv footage of ..."), passed
over when looking for the main subject."""


def _main_subject(scene: SceneGraph) -> Entity | None:
    for ent in scene.entities:
        if ent.name.rpartition(" ")[2] not in FRAME_HEADS:
            return ent
    return scene.entities[0] if scene.entities else None


def attach_tags(scene: SceneGraph, tags: list[str]) -> None:
    """Give ``tags`` to the scene's main subject (its first thing that is not the picture
    itself): colours, shapes, materials and textures under their own keys when it has none
    yet, the rest of each tag as ``detail``."""
    ent = _main_subject(scene)
    if ent is None:
        return
    details = [d for d in ent.attributes.get("detail", "").split(", ") if d]
    for tag in tags:
        rest: list[str] = []
        for word in tag.split():
            colour = lx.color_of(word)
            key, value = ("color", colour) if colour else lx.ADJECTIVES.get(word, ("", ""))
            if key == "color":  # the first free colour key: "black, white and blue"
                free = [k for k in ("color", "color2", "color3") if k not in ent.attributes]
                have = value in ent.attributes.values()
                key = "" if have else (free[0] if free else "color")
            if key and key != "detail" and key not in ent.attributes:
                ent.attributes[key] = value
            elif word not in ("and", "&") or rest:
                rest.append(word)
        while rest and rest[-1] in ("and", "&"):
            rest.pop()
        if rest and " ".join(rest) not in details:
            details.append(" ".join(rest))
    if details:
        ent.attributes["detail"] = ", ".join(details)[:160]
    order = {k: i for i, k in enumerate(lx.ATTRIBUTE_ORDER)}
    ent.attributes = dict(sorted(ent.attributes.items(), key=lambda kv: order.get(kv[0], 99)))
