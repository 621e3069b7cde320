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
    cinematic octane hdr uhd matte unreal engine concept art digital award-winning
    depth-of-field shallow""")
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


CREDIT_LEADS = frozenset(
    lx.words("""art artwork painted drawn illustrated photographed sculpted designed created
    inspired""")
)
"""Words before "by <name>" that only say who made the picture (", art by ...")."""
_NOT_NAMES = frozenset(lx.words("a an the this that his her their its my our your some one"))


def _is_name(words: list[str]) -> bool:
    """Whether ``words`` can be a person's name: none a determiner, a number, a colour or a
    thing the planner knows."""
    return all(
        w.isalpha() and w not in _NOT_NAMES and lx.color_of(w) is None and not known_word(w)
        for w in words
    )


def _segment_end(tokens: list[str], k: int) -> int:
    while k < len(tokens) and tokens[k] not in _ENDS:
        k += 1
    return k


def drop_credits(tokens: list[str]) -> list[str]:
    """Return ``tokens`` without artist credits: "by Artem Demura", "art by moebius and
    makoto shinkai", "painted by francis bacon, adrian ghenie and james jean". A credit is
    "by" and up to six words to the next comma or the end that make a name (see
    :func:`_is_name`), the first not a place, and "by" not after another participle: "by the
    lake", "parked by doors" and "surrounded by dirt" stay relations. Comma segments of
    names (no adjectives) right after a credit go with it."""
    out: list[str] = []
    k, n = 0, len(tokens)
    while k < n:
        end = _segment_end(tokens, k + 1)
        name = [w for w in tokens[k + 1 : end] if w not in _JOINERS]
        if (
            tokens[k] == "by"
            and any(w.isalpha() for w in out)  # "by leonora carrington" alone: a thing
            and 0 < len(name) <= 6
            and tokens[k + 1] not in _JOINERS
            and not (k and tokens[k - 1].endswith("ed") and tokens[k - 1] not in CREDIT_LEADS)
            and _is_name(name)
            and name[0] not in lx.BACKGROUND_WORDS
            and not longest(tokens, k + 1, lx.BACKGROUNDS, 3)
        ):
            if out and out[-1] in CREDIT_LEADS and (out[-1].endswith("ed") or out[-2:-1] == [","]):
                out.pop()  # ", art by ...", "painted by ..."
            while end < n and tokens[end] == ",":  # ", adrian ghenie, james jean and ..."
                nxt = _segment_end(tokens, end + 1)
                more = [w for w in tokens[end + 1 : nxt] if w not in _JOINERS]
                if not (0 < len(more) <= 4 and _is_name(more)) or any(map(_tag_word, more)):
                    break
                end = nxt
            k = end
            continue
        out.append(tokens[k])
        k += 1
    return out


def split_tags(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Return ``tokens`` without their tag segments and artist credits (see
    :func:`drop_credits`), and the tags in order.

    A tag segment's leading comma goes with it; the first segment is never a tag (it
    names the subject: "furry caterpillar, pupa, 3 dimensional" keeps the caterpillar).
    """
    tokens = drop_credits(tokens) if "by" in tokens else tokens
    cuts: list[tuple[int, int]] = []
    starts = [k for k, t in enumerate(tokens) if t == ","]
    for comma in starts:
        end = comma + 1
        while end < len(tokens) and tokens[end] not in _ENDS:
            end += 1
        if _is_tag(tokens[comma + 1 : end]) and not _listed_thing(tokens, comma + 1, end):
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


def _listed_thing(tokens: list[str], start: int, end: int) -> bool:
    """Whether the segment ``tokens[start:end]`` is one thing in a list of things: "a pear,
    orange, and two bananas" (a thing's name, then ", and" and no colour)."""
    if end - start != 1 or tokens[start] not in lx.KNOWN_NOUNS:
        return False
    after = tokens[end : end + 3]
    if after[:2] != [",", "and"] or len(after) < 3:
        return False
    nxt = after[2]  # a thing follows: "a", "two", "bananas"
    starts = ("a", "an", *lx.DETERMINERS, *lx.NUMBER_WORDS)
    return nxt in starts or nxt.isdigit() or known_word(nxt)


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
