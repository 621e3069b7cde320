"""Chat messages that are commands, not pictures: "undo", "redo", "fix" and "go back to the
picture with the red bowl".

They mean the same wherever they are typed: the chat pane, ``send()``, ``%%imagechat``
and the command line all go through the turn pipeline, which reads them here. "undo"
reopens the turn before (nothing is deleted); "redo" reopens the turn an undo left (the
newest turn made from the current one); "go back to ..." reopens the newest earlier turn
whose plan shows what the words describe (:func:`find_turn`), or names a turn ("go back to
t3", "back to the first picture").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import InputError
from ..planner import lexicon as lx
from ..scene import SceneGraph
from ..scene.vocabulary import TIMES_OF_DAY, split_background

if TYPE_CHECKING:
    from ..scene import Entity
    from ..session import History, Turn

__all__ = [
    "FIX",
    "FIX_WORDS",
    "GOTO",
    "REDO",
    "REDO_WORDS",
    "UNDO",
    "UNDO_WORDS",
    "command_of",
    "find_turn",
    "goto_of",
    "names_a_picture",
    "redo_target",
]

UNDO, REDO, FIX, GOTO = "undo", "redo", "fix", "goto"

UNDO_WORDS = frozenset(
    {"undo", "undo that", "undo it", "go back", "back", "revert", "undo the last change",
     "undo the last step", "step back", "go back one", "go back one step", "revert that",
     "take that back", "undo last", "undo please", "please undo"}
)  # fmt: skip
"""Messages that go back to the picture before instead of drawing."""

REDO_WORDS = frozenset(
    {"redo", "redo that", "redo it", "go forward", "forward", "undo the undo", "undo that undo",
     "redo the last change", "step forward", "bring it back", "put it back", "redo please",
     "please redo"}
)  # fmt: skip
"""Messages that reopen the turn an "undo" left."""

FIX_WORDS = frozenset({"fix", "fix it", "fix them", "fix this", "fix that", "fix the picture"})
"""Messages that ask to redraw what the checker found wrong."""

_BACK = re.compile(
    r"^(?:please\s+)?(?:(?:go|get|take\s+me|switch|jump|roll|come|head)\s+)?back\s+to\s+"
    r"(?:the\s+)?(?P<what>.+?)\s*$"
)
_REOPEN = re.compile(
    r"^(?:please\s+)?(?:return|revert|reopen|restore|open|show(?:\s+me)?(?:\s+again)?|"
    r"bring\s+back)\s+(?:to\s+)?(?:the\s+)?(?P<what>(?:picture|image|version|drawing|one|"
    r"turn|step|t[1-9]|first|start|beginning|original|very)\b.*?)\s*$"
)
_PICTURE = re.compile(
    r"^(?:(?:picture|image|one|version|drawing|scene|turn|step|point)\s+)?"
    r"(?:with|where|that\s+had|that\s+has|that\s+showed|showing|when|of|in\s+which)?\s*"
    r"(?:it\s+had\s+|there\s+(?:was|were)\s+|it\s+showed\s+)?(?P<what>.*)$"
)
_NAMES_A_PICTURE = re.compile(r"\b(?:picture|image|version|drawing|one|turn|step|when)\b")
_TURN_ID = re.compile(r"^(?:turn\s+|t)(?P<n>[1-9][0-9]{0,8})$")
_FIRST = frozenset(
    {"first picture", "first one", "start", "beginning", "first image", "first", "original",
     "original picture", "original one", "original version", "original image", "very first",
     "very first one", "very first picture", "first version", "first drawing", "very beginning"}
)  # fmt: skip
_SHOWN_BY = re.compile(r"\s+(?:picture|image|one|version|drawing|scene)$")
"""The word after what a picture showed: "the dog picture", "the red bowl one"."""


def _clean(prompt: object) -> str | None:
    if not isinstance(prompt, str):
        return None
    return " ".join(prompt.strip().lower().rstrip(".!").split())


_POLITE = re.compile(
    r"^(?:(?:ok(?:ay)?|so|hmm|oops|sorry|actually|now|just|please|pls|can\s+you|could\s+you|"
    r"would\s+you|will\s+you|let's|lets|i\s+want\s+to|i'd\s+like\s+to)[\s,]+)+"
)
_THANKS = re.compile(r"(?:[\s,]+(?:please|pls|thanks|thank\s+you))+[?]?$")


def _bare(text: str) -> str:
    """``text`` without the polite words around a command ("can you undo that please")."""
    return _THANKS.sub("", _POLITE.sub("", text)).rstrip("?").strip()


def command_of(prompt: object) -> str | None:
    """Return :data:`UNDO`, :data:`REDO`, :data:`FIX` or :data:`GOTO` when ``prompt`` is
    that command, else ``None``."""
    text = _clean(prompt)
    if text is None:
        return None
    text = _bare(text) or text
    if text in UNDO_WORDS:
        return UNDO
    if text in REDO_WORDS:
        return REDO
    if text in FIX_WORDS:
        return FIX
    return GOTO if goto_of(text) is not None else None


def goto_of(prompt: object) -> str | None:
    """What "go back to the picture with the red bowl" looks for ("red bowl"), a turn it
    names ("t3", "first"), or ``None`` when ``prompt`` is no such command."""
    text = _clean(prompt)
    if not text:
        return None
    text = _bare(text.removesuffix(" again").removesuffix(" please")) or text
    text = text.removesuffix(" again")
    match = _BACK.match(text) or _REOPEN.match(text)
    if match is None:
        return None
    what = match.group("what")
    if _TURN_ID.match(what) or what in _FIRST:
        return what
    found = _PICTURE.match(what)
    rest = found.group("what").strip() if found else what
    rest = _SHOWN_BY.sub("", rest) if " " in rest else rest  # "the dog picture": the dog
    return rest or None


def names_a_picture(prompt: object) -> bool:
    """Whether a "go back to ..." command says it means a picture ("the picture with the
    red bowl", "t3") rather than, perhaps, a place ("back to the beach")."""
    text = _clean(prompt) or ""
    what = goto_of(text) or ""
    return bool(_NAMES_A_PICTURE.search(text)) or bool(_TURN_ID.match(what)) or what in _FIRST


def redo_target(history: History, head: Turn | None) -> Turn:
    """The turn "redo" reopens: the newest turn made from the current one (the one an undo
    left). Raises :class:`InputError` when there is none."""
    if head is None:
        raise InputError("there is nothing to redo yet")
    children = history.children(head.id)
    if not children:
        raise InputError("there is nothing to redo: no later picture was made from this one")
    return children[-1]


def find_turn(
    history: History,
    head: Turn | None,
    what: str,
    describe: Callable[[str], SceneGraph],
) -> Turn:
    """The turn "go back to ``what``" means: a turn id, the first picture, or the newest
    earlier turn whose plan has every thing ``describe(what)`` plans, with the attributes
    (and counts above one) it gives them.

    Raises
    ------
    InputError
        When no turn matches; the message lists the turns.
    """
    turns = list(history)
    if not turns:
        raise InputError("there is no picture yet to go back to")
    match = _TURN_ID.match(what)
    if match:
        key = f"t{match.group('n')}"
        if key in history:
            return history[key]
        raise InputError(f"there is no turn {key}; the turns are {_listed(turns)}")
    if what in _FIRST:
        root = history.lineage(head.id)[0] if head is not None else turns[0]
        return root
    if what.startswith("before ") and head is not None:  # "the picture before the cat"
        return _before(history, head, what.removeprefix("before ").strip(), describe)
    when = lx.BACKGROUNDS.get(tuple(what.removeprefix("the ").split()))
    if when in TIMES_OF_DAY:  # "back to the daytime version", "back to the night one"
        wanted = SceneGraph(background=when)
    else:
        wanted = describe(what)
    counted = _says_a_count(what)
    for turn in reversed(turns):
        if head is not None and turn.id == head.id:
            continue
        if turn.scene is not None and _shows(turn.scene, wanted, counted):
            return turn
    raise InputError(f"no earlier picture shows {what!r}; the pictures are: {_listed(turns)}")


def _before(history: History, head: Turn, what: str, describe: Callable[[str], SceneGraph]) -> Turn:
    """The picture before the first one (on the way to the current picture) that showed
    ``what``: "go back to the picture before the watering can"."""
    wanted = describe(what)
    counted = _says_a_count(what)
    lineage = history.lineage(head.id)
    for k, turn in enumerate(lineage):
        if k and turn.scene is not None and _shows(turn.scene, wanted, counted):
            return lineage[k - 1]
    raise InputError(
        f"no picture on the way to this one added {what!r}; the pictures are: {_listed(lineage)}"
    )


def _says_a_count(what: str) -> bool:
    """Whether ``what`` says how many ("two cats", "3 apples"), not only "the cats"."""
    return any(
        w.isdigit() or w in lx.NUMBER_WORDS or w in ("pair", "dozen", "couple")
        for w in what.split()
    )


def _shows(scene: SceneGraph, wanted: SceneGraph, counted: bool = True) -> bool:
    if not wanted.entities and not wanted.background:
        return False
    for ent in wanted.entities:
        if not any(_like(have, ent, counted) for have in scene.entities):
            return False
    if wanted.background in TIMES_OF_DAY and not wanted.entities:  # "the night one"
        time = split_background(scene.background)[1] or "day"
        return time == wanted.background
    return not wanted.background or wanted.background in (scene.background or "")


def _like(have: Entity, ent: Entity, counted: bool = True) -> bool:
    if have.name != ent.name:
        return False
    if counted and ent.count > 1 and have.count != ent.count:
        return False
    return all(have.attributes.get(k) == v for k, v in ent.attributes.items())


def _listed(turns: list[Turn]) -> str:
    shown = [f"{t.id} ({t.summary()[:50]})" for t in turns[-8:]]
    return "; ".join(shown)
