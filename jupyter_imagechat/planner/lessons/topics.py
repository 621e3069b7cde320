"""Lesson topics: what a teacher names ("the water cycle", "parts of a flower") as a scene.

The knowledge lives in ``data/topics/*.json`` beside this module, read once: each file
holds the topics of one area (science cycles, life science, earth and space, matter and
energy, maths, geography and everyday life). A topic is a small recipe:

``id``
    Its name, as the chat and ``docs/coverage.md`` show it.
``names``
    Phrasings that name it, each a set of words in any order ("water cycle" also matches
    "the cycle of water"); a name written ``"=planets"`` matches only when it is all the
    prompt names. ``kind`` + ``subject`` add the phrasings ``data/lessons.json`` lists for
    that kind ("life cycle" + "frog": "the stages of a frog", "how a frog grows").
``things``
    What to draw: a noun, or ``{"id", "noun", "count", "attributes", "label"}``.
``labels``
    Names of parts: ``[thing, text, x, y]`` with the point of the thing's box the leader
    line ends at ("roots" at ``[0.5, 0.95]`` of a tree).
``labelled``
    Every thing gets a label with its ``label`` (or its id).
``arrows``
    ``[from, to, label]`` between things (or panels, by title); ``cycle`` makes them
    curved and the things go round a circle.
``panels``
    ``[{"title", "background", "things"}]``: stages or sides, each a framed part.
``arrangement``
    ``"row"``, ``"circle"``... or ``{"kind", "rows", "members", "signs"}``.
``relations``
    ``[thing, predicate, thing]``: where things go in a scene-like recipe (the water
    cycle: the sea left of the land, the cloud above the sea); with ``"arrangement":
    null`` a cycle's things are laid out as a scene, its arrows still curved.
``background``, ``style``
    As in any scene; the rest of the prompt may change them ("at night").
``caveat``
    Said in the chat when the picture is only a stand-in ("I can't draw ... well").

:func:`find_topic` reads a prompt's tokens for a topic; :func:`topic_scene` turns one
into a :class:`~jupyter_imagechat.scene.SceneGraph`.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ...scene import SceneError, SceneGraph
from ...vocab.files import data_path, read_json
from .. import lexicon as lx
from .recipes import family_recipes, recipe_scene
from .user_topics import USER_AREA, user_recipes
from .words import ALONE, CUE_SETS, FILLER, FUNCTION_WORDS, SAME_AS, STRONG_CUES, near, planner_word

__all__ = [
    "Topic", "TopicMatch", "find_topic", "forget_topics", "names_topic", "topic_scene",
    "topic_vocabulary", "topics",
]  # fmt: skip

log = logging.getLogger(__name__)

_PLANNER = os.path.dirname(os.path.abspath(__file__))  # data_path looks in its data/

TOPIC_DIR = os.path.dirname(data_path(_PLANNER, os.path.join("topics", "x.json")))
"""Folder of the topic files."""


@dataclass(frozen=True)
class Topic:
    """One lesson topic as read from its data file (see the module docstring)."""

    id: str
    area: str
    recipe: dict[str, Any]
    names: tuple[frozenset[str], ...]
    exact: tuple[frozenset[str], ...] = ()


@dataclass
class TopicMatch:
    """A topic found in a prompt and the token positions that named it."""

    topic: Topic
    used: set[int] = field(default_factory=set)


def _words(phrase: str) -> frozenset[str]:
    """The words of a name as the matcher compares them: singular, no function words."""
    tokens = phrase.lower().replace("-", " ").split()
    return frozenset(_single(w) for w in tokens if w not in FUNCTION_WORDS)


_NUMBER_NAMES = dict(enumerate(lx.words("zero one two three four five six seven eight nine ten")))


def _single(word: str) -> str:
    """The singular the matcher compares: :func:`~..lexicon.singular` until it settles, so
    that "gas" and "gases" read alike (both "ga": the lexicon cuts any final "s"), read as
    the word it stands for (:data:`~.words.SAME_AS`: "phase" is "stage")."""
    if word in SAME_AS:
        return SAME_AS[word]
    if word.isdigit() and int(word) in _NUMBER_NAMES:  # "the 4 seasons": four
        return _NUMBER_NAMES[int(word)]
    one = lx.singular(word)
    one = one if one == word else lx.singular(one)
    return SAME_AS.get(one, one)


@cache
def topics() -> tuple[Topic, ...]:
    """Every topic, in the order of the data files (sorted by file name), then your own
    (:mod:`.user_topics`: checked recipes that build a valid scene, after the built-in ones)."""
    out: list[Topic] = []
    for name in sorted(os.listdir(TOPIC_DIR)):
        if not name.endswith(".json"):
            continue
        data = read_json(_PLANNER, os.path.join("topics", name))
        out += [_topic(recipe, area) for recipe, area in family_recipes(data)]
    known = {t.id for t in out}
    for recipe in user_recipes():
        topic = _topic(recipe, USER_AREA)
        try:
            topic_scene(topic)[0].validate()
        except (SceneError, KeyError, TypeError, ValueError) as exc:
            log.warning("your topic %r is left out: %s", topic.id, exc)
            continue
        if topic.id not in known:
            out.append(topic)
    return tuple(out)


def _topic(recipe: dict[str, Any], area: str) -> Topic:
    names, exact = [], []
    for phrase in [recipe["id"], *recipe.get("names", [])]:
        if phrase.startswith("="):  # as typed: "=planets" is not "a planet"
            exact.append(frozenset(phrase[1:].split()) - FUNCTION_WORDS)
        else:
            names.append(_words(phrase))
    for subject in recipe.get("subject", []):
        for cue in CUE_SETS.get(recipe.get("kind", ""), []):
            names.append(frozenset(cue) | _words(subject))
    return Topic(recipe["id"], area, recipe, tuple(n for n in names if n), tuple(exact))


def forget_topics() -> None:
    """Read the topics again on next use (after your topics file changed)."""
    for cached in (
        topics,
        _index,
        topic_words,
        _vocabularies,
        _explained,
        _positions,
        _normal,
        _sharing,
    ):
        cached.cache_clear()


@cache
def _index() -> dict[str, list[tuple[frozenset[str], Topic]]]:
    """Each word -> the names (and their topic) that contain it."""
    index: dict[str, list[tuple[frozenset[str], Topic]]] = {}
    for topic in topics():
        for name in topic.names:
            for word in name:
                index.setdefault(word, []).append((name, topic))
    return index


@cache
def topic_words() -> frozenset[str]:
    """Every word that appears in a topic's names (for spelling correction)."""
    return frozenset(w for t in topics() for n in (*t.names, *t.exact) for w in n)


def find_topic(tokens: list[str]) -> TopicMatch | None:
    """Return the topic ``tokens`` name, or None.

    A name matches when all its words are among the prompt's content words (singular,
    any order, slips of the pen forgiven). A one-word name needs a sign that a lesson
    picture is wanted ("diagram", "labelled", "how", "explain"...) unless it is a word
    that names nothing else ("photosynthesis"), so "a dog and its shadow" stays a dog
    and a shadow. The name with the most words wins, then the topic more of whose words
    the prompt uses, then the topic listed first; an exact name ("=magnets") matches
    only when it is all the prompt says.
    """
    where: dict[str, list[int]] = {}
    spelled: set[str] = set()  # words only read as a slip of the pen
    for i, readings in enumerate(content_words(tokens)):
        for k, word in enumerate(readings):
            where.setdefault(word, []).append(i)
            if k:
                spelled.add(word)
    spelled -= {r[0] for r in content_words(tokens) if r}
    present = set(where)
    cued = bool(present & STRONG_CUES)
    content = {r for r in content_words(tokens) if r and r[0] not in FILLER}
    best: tuple[int, float, int, frozenset[str], Topic] | None = None
    seen: set[frozenset[str]] = set()
    for word in present:
        for name, topic in _index().get(word, ()):
            if name in seen or not name <= present:
                continue
            seen.add(name)
            if not cued and ((len(name) == 1 and not name & ALONE) or name in _thing_names()):
                continue  # "a dog and its shadow", "four traffic lights"
            if name <= spelled and not (len(name) == 1 and max(map(len, name)) >= 7):
                continue  # "a 3 by 4 grid" is no slip of "grip"
            if not cued and not _explains(topic, content, 3 if name & ALONE else 2):
                continue  # a long description that mentions a "house" and a "room"
            if topic.recipe.get("family") and not _explains(topic, content, 1):
                continue  # "a cow, a pig and a sheep labelled": not the parts of a cow
            if present & _CYCLES and not _is_cycle(topic):
                continue  # "the life cycle of a star" is not "the sun, our star"
            rank = (len(name), _specific(present, topic), -_position(topic))
            if best is None or rank > best[:3]:
                best = (*rank, name, topic)
    if best is None:
        best = _exact(tokens)
    if best is None:
        return None
    name, topic = best[3], best[4]
    used = {i for w in name for i in where.get(w, [])}
    if not used:  # an exact name: the words as typed
        used = {i for i, t in enumerate(tokens) if t in name}
    return TopicMatch(topic, used)


_CYCLES = frozenset(("cycle", "lifecycle"))


def _is_cycle(topic: Topic) -> bool:
    """Whether ``topic`` is a cycle (its arrows go round, or a name says "cycle")."""
    recipe = topic.recipe
    return bool(recipe.get("cycle")) or any(name & _CYCLES for name in topic.names)


def names_topic(tokens: list[str]) -> bool:
    """Whether ``tokens`` name a lesson topic ("push and pull" is a topic, not an edit)."""
    return find_topic(tokens) is not None


@cache
def _thing_names() -> frozenset[frozenset[str]]:
    """Names that are a thing's name ("traffic light", "compass rose"): a topic only with a
    sign that a lesson picture is wanted."""
    return frozenset(frozenset(lx.singular(w) for w in key) for key in lx.MULTI_WORD_NOUNS)


def _exact(tokens: list[str]) -> tuple[int, float, int, frozenset[str], Topic] | None:
    """A topic named by all the prompt says, as typed ("draw the planets", "magnets")."""
    rest = {
        t
        for t in tokens
        if t[:1].isalnum()
        and (t not in FUNCTION_WORDS | STRONG_CUES | FILLER or t in lx.NUMBER_WORDS)
    }
    for topic in topics():
        for name in topic.exact:
            if name == rest:
                return (len(name), 0, 0, name, topic)
    return None


def _specific(present: set[str], topic: Topic) -> float:
    """How much of the prompt names ``topic`` in particular: its words in the topic's
    names, each counting less the more topics share it ("name the 3d shapes": "3d" names
    one topic, "name" and "shape" several)."""
    shared = _sharing()
    return sum(1 / shared[w] for w in (present - STRONG_CUES) & _vocabulary(topic))


@cache
def _sharing() -> dict[str, int]:
    """Each word of the topics' names -> how many topics use it."""
    out: dict[str, int] = {}
    for words in _vocabularies().values():
        for word in words:
            out[word] = out.get(word, 0) + 1
    return out


def _vocabulary(topic: Topic) -> frozenset[str]:
    return _vocabularies()[topic.id]


def topic_vocabulary(topic_id: str) -> frozenset[str]:
    """Every word of the names of the topic ``topic_id``."""
    return _vocabularies().get(topic_id, frozenset())


@cache
def _vocabularies() -> dict[str, frozenset[str]]:
    return {t.id: frozenset(w for name in t.names for w in name) for t in topics()}


def _explains(topic: Topic, content: set[tuple[str, ...]], share: int) -> bool:
    """Whether ``topic`` accounts for at least 1/``share`` of a prompt's content words
    (each with its readings; the topic's names, things and labels explain them): a
    teacher's short request does, a long description that happens to mention "a house"
    and "a room" does not."""
    known = _explained()[topic.id]
    return share * sum(1 for word in content if known.intersection(word)) >= len(content)


@cache
def _explained() -> dict[str, frozenset[str]]:
    out = {}
    for topic in topics():
        scene, _notes = topic_scene(topic)
        words = {w for e in scene.entities for w in e.name.split()}
        words |= {_single(w) for lb in scene.labels for w in lb.text.lower().split()}
        out[topic.id] = _vocabularies()[topic.id] | words
    return out


@cache
def _positions() -> dict[str, int]:
    return {t.id: k for k, t in enumerate(topics())}


def _position(topic: Topic) -> int:
    return _positions()[topic.id]


# -- words ----------------------------------------------------------------------------------
def content_words(tokens: list[str]) -> list[tuple[str, ...]]:
    """``tokens`` as topic words: each token's readings (singular; a topic word it may be
    a slip of), none for function words and punctuation (positions are kept)."""
    return [
        () if token in FUNCTION_WORDS or not token[:1].isalnum() else _normal(token)
        for token in tokens
    ]


@lru_cache(maxsize=4096)
def _normal(token: str) -> tuple[str, ...]:
    word = token[:-2] if token.endswith("'s") else token
    if word in SAME_AS or word.isdigit():
        return (_single(word),)
    one = _single(word)
    if _known(one) or _known(word):
        return (one if _known(one) else word,)
    for cut in ("es", "s", "ing", "ed", "d"):
        stem = word[: -len(cut)]
        if not word.endswith(cut) or len(stem) < 3:
            continue
        for base in (stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else ""):
            if base and _known(base):  # "spinning": spin, "changing": change
                return (SAME_AS.get(base, base),)
    for ending in ("ing", "ed", "d", "s"):  # "look after your teeth": "looking after"
        if word + ending in topic_words():
            return (word + ending,)
    return (one, *_respell(word))


def _known(word: str) -> bool:
    return word in topic_words() or word in lx.KNOWN_NOUNS


def _respell(word: str) -> list[str]:
    """The topic words ``word`` may be a slip of: one letter wrong, missing, extra, or two
    swapped. Only a word the planner does not know (four letters or more) is respelled,
    only to a topic word of five letters or more, and the names they complete decide:
    "three" is no slip of "tree", nor "apart" of "part"."""
    if len(word) < 4 or planner_word(word):
        return []
    return sorted(w for w in near(word) if len(w) >= 5 and w in topic_words())


# -- building the scene ----------------------------------------------------------------------
def topic_scene(topic: Topic) -> tuple[SceneGraph, list[str]]:
    """Return the scene of ``topic`` (entities ``e1``, ``e2``... in the recipe's order) and
    the notes to tell the user (its caveat, if any): see :func:`.recipes.recipe_scene`."""
    return recipe_scene(topic.recipe)
