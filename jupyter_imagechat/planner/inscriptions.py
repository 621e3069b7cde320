"""Which thing a quoted text is written on: the ``text`` attribute.

The planner takes quoted strings out of the prompt into ``scene.texts`` (drawn as a
caption, or on the scene's sign). When the prompt says the text is written on a thing,
:func:`attach_texts` sets that entity's ``text`` attribute to the string instead and takes
it out of ``scene.texts``, so it is drawn once, on the thing:

- the thing says it: "a sign that says 'Exit'", "a mug that reads 'hello'", "a book
  titled 'Dune'" (not a person or an animal saying or reading something: that is speech,
  or a book's title);
- it is written on the thing: "the word 'START' written in chalk on a sidewalk", "the
  text 'free the pink' on a wall", "'Happy Birthday' written on it";
- it names the thing: "a red 'STOP' sign";
- the thing comes with it: "a t-shirt with the word 'START'", "a car with a 'green'
  sticker" (on the car when no sticker is planned);
- it is written in or made of things: "'Fall is here' written in autumn leaves", "the
  words 'made it safe' in a speech bubble".

Only a word that names a planned entity counts; anything else leaves the text a caption
("a dog and the caption 'hello'"). Runs in linear time on the prompt.
"""

from __future__ import annotations

import re

from ..scene import Entity, SceneGraph
from . import lexicon as lx
from .links import ANIMALS

_OPEN, _CLOSE = "\"'\u2018\u201c", "\"'\u2019\u201d"
_SAY_VERBS = (
    r"says|say|said|saying|reads|read|reading|spells|spell|spelling|spelled|displays|"
    r"displaying|shows|showing|titled|entitled|printed\s+with|inscribed\s+with"
)
_WITH_VERBS = r"with|has|having|bears|bearing|features|featuring"
_THING_SAYS = re.compile(
    r"(?<![a-z-])([a-z][a-z-]{1,30})\s+(?:(?:that|which)\s+(?:also\s+)?)?"
    rf"({_SAY_VERBS}|{_WITH_VERBS})\s+(?:(?:the|a|an|some)\s+)?"
    r"(?:(?:words?|text|message|phrase|letters?|slogan|title|name|inscription|writing|"
    r"sentence|quote|logo|numbers?|digits?|numerals?)\s+)?(?:of\s+)?:?\s*$",
    re.IGNORECASE,
)
"""Before the quote: "<thing> that says (the words)", "<thing> with (the text)"."""
_WITH = re.compile(_WITH_VERBS, re.IGNORECASE)
_VERB = (
    r"(?:(?:is|are|was|were)\s+)?(?:(?:written|printed|painted|drawn|scrawled|scribbled|"
    r"carved|engraved|embroidered|stamped|stitched|sprayed|spray-painted|etched|inscribed|"
    r"displayed|spelled(?:\s+out)?|spelt(?:\s+out)?|lettered|emblazoned|chalked|stencil+ed|"
    r"traced|formed|made|arranged|written\s+out)\s+)?"
)
_ON = re.compile(
    rf"^\s*{_VERB}(?:(?:in|with|using|by)\s+(?:[a-z-]+\s+){{1,3}}?)?"
    r"(?:on|onto|upon|across|over|along)\s+(?:(?:the|a|an|its|his|her|their|this|that)\s+)?"
    r"(?:(?:front|back|side|top|bottom|surface|middle|center|centre)\s+of\s+"
    r"(?:(?:the|a|an|its|his|her|their)\s+)?)?((?:[a-z-]+\s+){0,2}[a-z-]+)",
    re.IGNORECASE,
)
"""After the quote: "(written in chalk) on a sidewalk"."""
_IN = re.compile(
    rf"^\s*(?:{_VERB}(?:in|inside|within|into)|(?:(?:is|are)\s+)?(?:made|formed|spelled|"
    r"spelt|written|arranged|composed|built)(?:\s+out)?\s+(?:from|of|out\s+of|with|by|using))\s+"
    r"(?:(?:the|a|an|some)\s+)?((?:[a-z-]+\s+){0,2}[a-z-]+)",
    re.IGNORECASE,
)
"""After the quote: "written in autumn leaves", "in a speech bubble", "made of bees"."""
_NEXT_WORD = re.compile(r"^\s*([a-z][a-z-]{1,30})", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z-]*", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "them", "this", "that"})
_MANNER = frozenset(
    lx.words("""cursive chalk font letter lettering capital cap ink paint spray style color
    colour handwriting script calligraphy bold print neon marker crayon pencil pen word text
    caption title label message""")
)
"""What a text is written in or with that is no thing to write it on ("in cursive")."""


def _named(scene: SceneGraph, word: str) -> Entity | None:
    """The entity ``word`` names (its noun, head word, synonym or person kind), the
    nearest mention first; None when it names none."""
    one = lx.singular(word.lower())
    if one in _MANNER:  # "in caps", "in chalk": how it is written, unless such a thing is
        return next((e for e in reversed(scene.entities) if e.name == one), None)  # planned
    names = {one, lx.SYNONYMS.get(one, one)}
    for ent in reversed(scene.entities):
        if ent.name in names or ent.attributes.get("kind") in names:
            return ent
    for ent in reversed(scene.entities):  # "the car" for a "race car"
        if ent.name.rpartition(" ")[2] in names:
            return ent
    return None


def _last_named(scene: SceneGraph, words: list[str]) -> Entity | None:
    """The entity the last word of ``words`` naming one names ("a red brick wall")."""
    for word in reversed(words):
        ent = _named(scene, word)
        if ent is not None:
            return ent
    return None


def _locate(text: str, quoted: str, start: int) -> tuple[int, int] | None:
    """Where ``quoted`` stands in ``text`` at or after ``start``, with its quote marks
    (a word written without them, "a sign that says STOP", when none has them)."""
    word = re.escape(quoted)
    found = re.compile(rf"[{_OPEN}]\s*{word}\s*[{_CLOSE}]").search(text, start)
    if found is None:
        found = re.compile(rf"(?<![A-Za-z0-9]){word}(?![A-Za-z0-9])").search(text, start)
    return (found.start(), found.end()) if found is not None else None


def _target(scene: SceneGraph, before: str, after: str) -> Entity | None:
    """The entity a text is written on, from the words before and after its quote."""
    says = _THING_SAYS.search(before[-120:])
    owner = _named(scene, says.group(1)) if says is not None else None
    if says is not None and owner is not None and not _WITH.fullmatch(says.group(2)):
        if owner.name != "person" and owner.name not in ANIMALS:
            return owner  # "a sign that says 'Exit'"
        owner = None  # "a dog saying 'hello'" speaks it, "a girl reading 'Emma'" reads it
    on = _ON.match(after)
    if on is not None:
        words = _WORD.findall(on.group(1))
        if words and words[0].lower() in _PRONOUNS:  # "'Happy Birthday' written on it"
            return owner or _last_named(scene, _WORD.findall(before[-120:]))
        ent = _last_named(scene, words)
        if ent is not None:
            return ent
    nxt = _NEXT_WORD.match(after)
    if nxt is not None and (ent := _named(scene, nxt.group(1))) is not None:
        return ent  # "a red 'STOP' sign"
    if owner is not None:
        return owner  # "a t-shirt with the word 'START'"
    inside = _IN.match(after)
    if inside is not None:  # "written in autumn leaves", "in a speech bubble"
        return _last_named(scene, _WORD.findall(inside.group(1)))
    return None


_CLOCK_SAYS = re.compile(
    r"\b(clocks?|watch(?:es)?|alarm\s+clocks?)\s+(?:(?:that|which)\s+)?(?:says|say|reads|read|"
    r"shows|show|saying|reading|displays|displaying|showing|points\s+to|pointing\s+to)\s+"
    r"['\"\u2018\u201c]?(?=(?:\d{1,2}(?::\d\d)?|half|quarter|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|twenty|twenty-five)\b)",
    re.IGNORECASE,
)
"""A clock "that says" a time: the time its hands show, not words written on it."""
_CLOCK_TIME_QUOTED = re.compile(
    r"(\bshowing\s+)['\"\u2018\u201c]([^'\"\u2019\u201d]{1,20})['\"\u2019\u201d]"
)


def clock_times(text: str) -> str:
    """Return ``text`` with "a clock that says 7 o'clock" (or "reads '3:15'") rewritten as
    "a clock showing 7 o'clock": a clock's time words are a time its hands show
    (:mod:`.lessons.maths_things` reads it), not an inscription."""
    if "clock" not in text.lower() and "watch" not in text.lower():
        return text
    out = _CLOCK_SAYS.sub(lambda m: f"{m.group(1)} showing ", text)
    return _CLOCK_TIME_QUOTED.sub(lambda m: m.group(1) + m.group(2), out)


def attach_texts(scene: SceneGraph, text: str) -> None:
    """Give each text of ``scene.texts`` that ``text`` says is written on a planned thing
    to that thing's ``text`` attribute (in place), taking it out of ``scene.texts``.

    A thing already carrying a text keeps it; texts said to be on nothing planned stay
    in ``scene.texts``.
    """
    if not scene.texts or not scene.entities:
        return
    pos = 0
    for quoted in list(scene.texts):
        where = _locate(text, quoted, pos)
        if where is None:
            continue
        pos = where[1]
        ent = _target(scene, text[: where[0]], text[where[1] :])
        if ent is None or "text" in ent.attributes:
            continue
        ent.attributes["text"] = quoted
        scene.texts.remove(quoted)
