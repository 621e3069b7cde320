"""A follow-up: a change of the picture shown, a new picture, or a question to the user.

A follow-up is a change unless it clearly asks for a new picture. It changes the picture
when it uses an edit verb ("make", "add", "swap"...), opens with a change ("I'd like",
"there should be"), uses a change word ("now", "instead", "also", "more", "again"...),
points at what is there ("it", "both", "the other dog", "the cat" when there is a cat), says
only a count ("nine", "exactly six rabbits") or only a time, weather, place or style ("now
it's winter"). It asks for a new picture with a clear sign ("new picture", "start over",
"draw a dog instead of this"). A description that shares nothing with the picture starts a
new one, and says so (the old picture stays in the history: "undo" goes back to it). A
description that shares some things with the picture ("three rabbits on a lawn" when there
are rabbits) could be either: the picture is kept and the user is asked
(:attr:`.reading.Reading.question`).
"""

from __future__ import annotations

from collections.abc import Callable

from ...scene import SceneGraph
from .. import lexicon as lx
from ..items import Extras
from ..reading import Reading
from ..text import PlanError
from ..words import is_adjective_like
from .commands import apply_edit, edit_kind, lead_end, looks_only, rephrase, telegraphic, trimmed
from .counts import apply_count
from .looks import says_colours
from .move import places_everything
from .scene import is_scene_change
from .texts import take_text_edits
from .words import (
    APART,
    CHANGE_LEADS,
    CHANGE_WORDS,
    CLOSER,
    FILLERS,
    NEW_PICTURE,
    NEW_PICTURE_VERBS,
    POINTERS,
    SWAP,
    at,
    find,
    plural,
)

STRONG = frozenset(
    {("now",), ("instead",), ("also",), ("too",), ("again",), ("anymore",), ("as", "well"),
     ("either",), ("rather",), ("should",), ("shouldn't",), ("must",), ("needs", "to")}
)  # fmt: skip
"""Change words that mark a change wherever they are; the others ("more", "only") only
before the prompt introduces a thing of its own ("a dog bigger than a cat" is new)."""
INTRODUCING = frozenset({"a", "an", "some", "several", "many"})
DRAWING = frozenset(lx.words("draw sketch create generate render depict illustrate imagine show"))
"""Verbs that open a description ("now draw a rocket"), never an edit of what is there."""
AFTERWORDS = frozenset(lx.words("next now then please instead too . , ! ?"))
"""Words after a description that describe nothing ("a butterfly next")."""
NEW_NOTE = (
    "Started a new picture: nothing in it was in the picture before, which stays in the "
    "history ('undo' goes back to it)."
)
PlanNew = Callable[[list[str]], tuple[SceneGraph, list[str]]]
"""Plans a new picture from prepared tokens: ``(scene, notes)``."""
QUESTION = (
    "Should this change the picture shown (it already has {shared}), or start a new picture? "
    "Nothing was drawn yet."
)


def new_picture_sign(tokens: list[str]) -> list[str] | None:
    """The words of a prompt that asks for a new picture without the words that ask for it
    ("start over with a cat" -> "with a cat" -> "a cat"), or ``None`` without such a sign."""
    sign = find(tokens, NEW_PICTURE)
    if sign is None:
        return None
    start, size = sign
    rest = tokens[:start] + tokens[start + size :]
    while rest and (
        (rest[0] in NEW_PICTURE_VERBS and rest[0] not in ("a",)) or at(rest, 0, CHANGE_LEADS)
    ):
        rest = rest[at(rest, 0, CHANGE_LEADS) or 1 :]  # "scratch that, I'd like a lighthouse"
    while rest and rest[-1] in NEW_PICTURE_VERBS and rest[-1] not in ("a",):
        rest = rest[:-1]
    return rest


def is_change(tokens: list[str], scene: SceneGraph, text: str = "") -> bool:
    """Whether ``tokens`` (a follow-up, read with :func:`.commands.rephrase`; ``text`` as typed)
    change ``scene`` rather than describe a new picture (see the module docstring)."""
    if text and take_text_edits(text, scene.copy())[1]:
        return True  # "write 'HI' on the mug", "caption: 'Figure 1'"
    start = lead_end(tokens)
    if start > 0 and start < len(tokens) and _opens_with_change(tokens, start):
        return True
    if tokens[:1] in (["and"], ["but"], ["plus"], ["with"]):  # "and a plate next to the cup"
        return True
    body = trimmed(tokens[start:])  # "blue please"
    if body[:1] and body[0] in DRAWING and not _points(body, scene):
        return False  # "now draw a rocket": a description, of a new picture or not
    if edit_kind(tokens):
        return True
    if not body:
        return False
    if telegraphic(body, scene) is not None:  # "green bowl", "bowl on the left"
        return True
    if is_scene_change(body, scene) or places_everything(body) or says_colours(body):
        return True
    if looks_only(body):
        return True  # "blue", "bigger", "green ones": how the thing in focus should look
    if _points(tokens, scene) or find(tokens, CLOSER) or find(tokens, APART):
        return True
    if SWAP & set(tokens):
        return True
    probe = scene.copy()
    try:
        return apply_count(body, probe, Extras())
    except PlanError:
        return True  # a count of something unclear: the edit says what to name


def described_words(tokens: list[str]) -> list[str]:
    """The words of a description without the polite words and drawing verbs before it
    ("okay, now draw a rocket" -> "a rocket") and the words after it ("... next")."""
    k = 0
    while k < len(tokens):
        size = at(tokens, k, FILLERS) or int(tokens[k] in DRAWING | NEW_PICTURE_VERBS)
        size = size or int(k > 0 and tokens[k] in (",", "-", ":"))  # "yes, a dog"
        if not size or tokens[k] in ("a", "an"):
            break
        k += size
    end = len(tokens)
    while end > k and tokens[end - 1] in AFTERWORDS:
        end -= 1
    return tokens[k:end] or tokens


def _opens_with_change(tokens: list[str], start: int) -> bool:
    """Whether the words before ``start`` hold a change lead ("I'd like", "there should be")
    rather than only polite words ("please", "ok")."""
    k = 0
    while k < start:
        size = at(tokens, k, CHANGE_LEADS)
        if size:
            return True
        k += 1
    return False


def _points(tokens: list[str], scene: SceneGraph) -> bool:
    """Whether a change word or a pointer comes before the prompt introduces a thing of its
    own, or a thing of the picture is named with "the"."""
    names = {e.name for e in scene.entities} | {
        e.attributes["kind"] for e in scene.entities if "kind" in e.attributes
    }
    introduced = False
    for k, word in enumerate(tokens):
        size = at(tokens, k, CHANGE_WORDS)
        if size and (tuple(tokens[k : k + size]) in STRONG or not introduced):
            return True
        if not introduced and at(tokens, k, POINTERS):
            return True
        if word in ("the", "this", "that") and _names(tokens[k + 1 : k + 5], names):
            return True  # "the cat", "a dog next to the cat": the cat that is there
        if word in INTRODUCING or word in lx.NUMBER_WORDS or word.isdigit():
            introduced = True
    return False


def _names(words: list[str], names: set[str]) -> bool:
    """Whether ``words`` (after "the") start with a thing called one of ``names``."""
    while words and is_adjective_like(words[0]) and len(words) > 1:
        words = words[1:]  # "the red car"
    heads = {n.replace("-", " ").rpartition(" ")[2] for n in names}
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        one = lx.singular(phrase) if size == 1 else phrase
        if lx.SYNONYMS.get(one, one) in names or one in names or (size == 1 and one in heads):
            return True
    return False


def shared_things(described: SceneGraph, scene: SceneGraph) -> list[str]:
    """The names of things that ``described`` and ``scene`` both have."""
    names = {e.name for e in scene.entities}
    return sorted({e.name for e in described.entities if e.name in names})


def _listed(scene: SceneGraph, names: list[str]) -> str:
    """ "a rabbit", "three cats and a dog": the things of ``scene`` called ``names``."""
    words = {n: w for w, n in lx.NUMBER_WORDS.items() if 1 < n < 13}
    parts = []
    for name in names:
        count = sum(e.count for e in scene.entities if e.name == name)
        if count == 1:
            parts.append(("an " if name[0] in "aeiou" else "a ") + name)
        else:
            parts.append(f"{words.get(count, count)} {plural(name)}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def same_things(described: SceneGraph, scene: SceneGraph) -> bool:
    """Whether ``described`` has exactly the things of ``scene`` (names, counts, looks): the
    same description sent again, drawn anew."""

    def things(s: SceneGraph) -> list[tuple[str, int, tuple[tuple[str, str], ...]]]:
        return sorted((e.name, e.count, tuple(sorted(e.attributes.items()))) for e in s.entities)

    return things(described) == things(scene) and described.background == scene.background


def read_followup(
    text: str,
    tokens: list[str],
    texts: list[str],
    current: SceneGraph,
    *,
    plan_new: PlanNew,
    masked: list[tuple[str, int]] | None = None,
    new: bool | None = None,
) -> Reading:
    """Read ``text`` (``tokens`` and ``texts`` from :func:`..text.prepare`) against the
    ``current`` scene (a copy with its focus set): a change, a new picture, or a question.

    ``plan_new(tokens)`` plans a new picture from tokens and returns ``(scene, notes)``.
    ``new`` is the user's answer to a question (None: decide here).
    """
    plan = plan_new
    names = {e.name for e in current.entities}
    if new is not True:
        fresh = new_picture_sign(tokens)
        if fresh is not None and new is None:
            if not fresh:
                raise PlanError(
                    "Say what the new picture should show, e.g. 'start over with a cat on a sofa'."
                )
            scene, notes = plan(fresh)
            return Reading(scene, notes, edit=False)
        tokens = rephrase(tokens, names)
        if new is False or is_change(tokens, current, text):
            scene, notes = apply_edit(tokens, texts, current, text=text, masked=masked)
            return Reading(scene, notes, edit=True)
    else:
        tokens = new_picture_sign(tokens) or tokens
    if new is None and not trimmed(tokens[lead_end(tokens) :]):
        raise PlanError(  # "hmm", "ok": nothing to draw or change
            "Say what to change (e.g. 'make the bowl green') or what to draw instead."
        )
    described, notes = plan(described_words(tokens))
    if new is True or masked is not None:
        return Reading(described, notes, edit=False)  # with a mask: painted into it
    shared = shared_things(described, current)
    if not shared and described.entities:
        return Reading(described, [NEW_NOTE, *notes], edit=False)
    if not described.entities or same_things(described, current):
        return Reading(described, notes, edit=False)
    question = QUESTION.format(shared=_listed(current, shared))
    return Reading(current.copy(), [], edit=True, question=question)
