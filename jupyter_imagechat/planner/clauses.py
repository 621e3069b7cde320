"""Free-form sentences: clause starts, picture-frame phrases, "made of", poses and verbs.

Helpers for descriptive prompts (captions, pose descriptions) on top of the noun-phrase
reader (:mod:`.nouns`, :mod:`.phrases`): where a new sentence starts ("..., there is a
dog"), phrases that name the picture rather than a thing ("in this image", "in the
background"), what a thing is made of or shaped like, and which words after a noun are its
verb or pose.
"""

from __future__ import annotations

from . import lexicon as lx
from .links import ANIMALS, PARTS
from .words import (
    AND_WORDS,
    BODY_PARTS,
    COPULA,
    FUNCTION_WORDS,
    HARD_BOUNDARY,
    POSE_WORDS,
    SEPARATORS,
    STATE_PARTICLES,
    STATE_WORDS,
    is_adjective_like,
    known_word,
    longest,
    read_number,
)

CLAUSE_STARTS = frozenset(
    tuple(p.split())
    for p in (
        "there is", "there are", "there was", "there were", "there's", "we can", "i can",
        "you can", "here we", "here is", "here are", "we see", "i see",
    )
)  # fmt: skip
"""Word pairs that start a new sentence even after a comma ("..., there is a dog")."""
FRAME_WORDS = frozenset(
    lx.words("image picture photo photograph pic scene frame foreground background view distance")
)
"""Words naming the picture itself: "in this image", "in the background" place nothing."""


MADE_OF: dict[tuple[str, ...], str] = {
    **{tuple(p.split()): "material" for p in (
        "made of", "made from", "made out of", "made out", "made with", "made up of",
        "built from", "built of", "carved from", "carved out of", "crafted from",
    )},
    **{tuple(p.split()): "shape" for p in (
        "in the shape of", "shaped like", "in the form of", "shaped as", "in shape of",
    )},
}  # fmt: skip
"""Phrases whose object is what a thing is made of ("a cube made of denim") or its shape."""
_WRITING = frozenset(lx.words("word words letter letters text number numbers"))
"""What a thing in the shape of writing spells: its text is the prompt's quoted text."""
MADE_FROM_OF = frozenset(
    lx.words("""crown wreath garland necklace tiara bracelet hat skirt headdress lei
    collar mat rug""")
)
"""Things whose "of" says what they are made of: "a crown of leaves", "a necklace of shells"
(the leaves are the crown's material, not more things beside it)."""
MADE_OF_STOP = frozenset({",", ".", ";", "!", "?", "with", "in", "on", "at", "that", "which"})


def made_of(tokens: list[str], i: int) -> tuple[dict[str, str] | None, int]:
    """Read "made of wire and paper" / "in the shape of a heart" at ``i`` (after a thing).

    Returns the attribute it gives (``material`` or ``shape``) and the index after it, or
    ``None`` and ``i``.
    """
    size = longest(tokens, i, MADE_OF, 4)
    if size:
        key = MADE_OF[tuple(tokens[i : i + size])]
    elif tokens[i] == "of" and i and lx.singular(tokens[i - 1]) in MADE_FROM_OF:
        size, key = 1, "material"  # "a crown of leaves"
    else:
        return None, i
    j, words = i + size, list[str]()
    while j < len(tokens) and len(words) < 5 and tokens[j] not in MADE_OF_STOP:
        word = tokens[j]
        if word in SEPARATORS or word in COPULA or word in STATE_WORDS:
            break
        after = tokens[j + 1] if j + 1 < len(tokens) else ""
        if word in AND_WORDS and (after in ("a", "an", "the") or read_number(tokens, j + 1)[0]):
            break  # "a house made of candy and a dog": the dog is a thing
        if longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS):
            break
        if word not in ("a", "an", "the", "some"):
            words.append(lx.singular(word))
        j += 1
    while words and words[-1] in AND_WORDS:
        words.pop()
    if key == "shape" and (not words or words[0] in _WRITING):
        return {"shape": "letters"}, j  # "in the shape of the word 'hello'": the words written
    if not words:
        return None, i
    if key == "material" and len(words) == 1 and lx.ADJECTIVES.get(words[0], ("",))[0] == key:
        value = lx.ADJECTIVES[words[0]][1]  # "made of wood": wooden, as the adjective says
    else:
        value = " ".join(words)
    return {key: value[:60]}, j


def clause_has_content(kinds: list[str]) -> bool:
    """Whether the current sentence (``kinds`` of the items read so far) already says
    something beyond a preposed place ("On the shelf there is a cup" stays one sentence)."""
    start = len(kinds)
    while start and kinds[start - 1] != "SEP":
        start -= 1
    while start < len(kinds) and kinds[start] == "CONJ":
        start += 1  # "In the image, on the floor there is ..."
    clause = kinds[start:]
    if not clause:
        return False
    return not (clause[0] in ("REL", "BACK", "POS") and len(clause) <= 3)


def skip_frame(tokens: list[str], i: int) -> int:
    """Index after "in this image" / "in the background" at ``i`` (``i`` if none there);
    the scan marks "in the background" and "in the distance" with a ``BACK`` item."""
    if tokens[i] not in ("in", "on", "at", "from", "inside", "within"):
        return i
    j = i + 1
    for lead in (("front", "of"), ("the", "front", "of")):  # "in front of the image": the
        if tuple(tokens[j : j + len(lead)]) == lead:  # foreground, nothing in front of
            k = j + len(lead)
            k += k < len(tokens) and tokens[k] in lx.DETERMINERS
            if k < len(tokens) and tokens[k] in FRAME_WORDS:
                return k + 1
    if j < len(tokens) and tokens[j] in lx.DETERMINERS:
        j += 1
    if j < len(tokens) and tokens[j] in FRAME_WORDS:
        after = tokens[j + 1] if j + 1 < len(tokens) else ""
        if after != "of":
            return j + 1
        k = j + 2 + (j + 2 < len(tokens) and tokens[j + 2] in lx.DETERMINERS)
        if k < len(tokens) and tokens[k] in FRAME_WORDS:
            return k + 1  # "in the background of the image"
    return i


def starts_predicate(prev: str, tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` is a verb after the noun ``prev`` ("man eats", "sidewalk showing")."""
    word = tokens[j]
    if known_word(word) or is_adjective_like(word) or prev in lx.SHADES or is_adjective_like(prev):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
    doer = prev in lx.PERSON_WORDS or lx.singular(prev) in lx.PERSON_WORDS or prev in ANIMALS
    plural = lx.singular(prev) != prev  # "rich men murdering"; not "adult coloring book"
    doer = doer and (plural or (j >= 2 and tokens[j - 2] in _COUNTED))
    if nxt and known_word(nxt) and word.endswith("ing") and not (doer and len(word) > 5):
        return False  # "a beach wedding dress"; not "a girl giving flowers"
    if word.endswith("ing") and (len(word) > 5 or word in _SHORT_ING):
        return word not in lx.ADJECTIVES
    if nxt in ("a", "an", "the") and word.isalpha() and len(word) > 2:  # "a robot vacuum
        return not (  # cleans an outdoor street", "two women take a selfie"
            word in lx.ADJECTIVES
            or word in FUNCTION_WORDS
            or word in HARD_BOUNDARY
            or longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS) > 0
            or word in _NOT_VERBS
        )
    if _verb_before_place(prev, word, tokens, j + 1):
        return True  # "three dancers balance on one leg", "a skater glides across the ice"
    return (
        known_word(prev)
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and lx.singular(word) not in lx.KNOWN_NOUNS
        and lx.singular(word) not in PARTS  # "flower petals around the cake"
        and bool(nxt)
        and nxt not in HARD_BOUNDARY
    )


_PLACE_WORDS = frozenset(
    lx.words("on in at across into onto over through along around up down out off away toward")
)
"""Words after a verb that say where or which way ("balance on", "glides across", "come up")."""
MADE_OF_VERBS = frozenset(lx.words("consist consists consisting comprise comprises comprising"))
"""Verbs that say what a picture is made of ("this image consists of a cube")."""


def _verb_before_place(prev: str, word: str, tokens: list[str], k: int) -> bool:
    """Whether ``word`` after the noun ``prev`` is its verb because a place or a direction
    follows it: a plain verb after a plural ("dancers balance on", "arms come up"), a
    verb in "-s" after one thing ("a skater glides across"), or "consists of"."""
    nxt = tokens[k] if k < len(tokens) else ""
    if word in MADE_OF_VERBS:
        return nxt == "of"
    if not word.isalpha() or len(word) < 3 or word in COPULA or word in FUNCTION_WORDS:
        return False
    if word in HARD_BOUNDARY or lx.singular(word) in lx.KNOWN_NOUNS:
        return False
    if lx.singular(prev) in BODY_PARTS and nxt in STATE_PARTICLES:
        return word not in POSE_WORDS  # "his left arm come up"
    if nxt not in _PLACE_WORDS:
        return False
    if lx.singular(word) in PARTS or word in lx.ADJECTIVES:
        return False
    plural_prev = lx.singular(prev) != prev and not prev.endswith("ss")
    if plural_prev and lx.singular(word) == word and not word.endswith("s"):
        return True
    return (
        not plural_prev
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and (known_word(prev) or lx.singular(prev) in BODY_PARTS or prev.endswith(("er", "or")))
    )


_COUNTED = frozenset(lx.words("a an the one two three four five six seven eight nine ten"))
"""Words before a doer that make it a thing of its own ("a girl giving flowers")."""
_SHORT_ING = frozenset(lx.words("doing going lying dying tying"))
"""Short "-ing" verbs ("garfield doing a kickflip"); "thing", "swing" are nouns."""
_NOT_VERBS = frozenset(
    lx.words("into onto off out up down over under about after before than via per")
)
"""Prepositions and particles that may stand before "the" without being a verb."""
COLOUR_WORDS = frozenset({"color", "colour", "colors", "colours", "tones", "tone", "hues"})


def _ends_colour_run(tokens: list[str], j: int) -> bool:
    """Whether the colours before ``tokens[j]`` end there ("in red." vs "in red boots")."""
    if j >= len(tokens):
        return True
    word = tokens[j]
    return (
        word in SEPARATORS
        or word in AND_WORDS
        or word in COPULA
        or word in FUNCTION_WORDS
        or word in COLOUR_WORDS
        or bool(longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS))
    )


def in_colour(tokens: list[str], i: int) -> tuple[dict[str, str] | None, int]:
    """Read "in blue and yellow" / "in black and white" at ``i`` (after a thing): the
    thing's colours, unless a noun follows ("in red boots" is a thing to wear)."""
    if tokens[i] != "in":
        return None, i
    j, colours = i + 1, list[str]()
    while j < len(tokens) and len(colours) < 3:
        colour = lx.color_of(tokens[j])
        if colour:
            colours.append(colour)
        elif not (colours and tokens[j] in AND_WORDS) and tokens[j] not in lx.SHADES:
            break
        j += 1
    while j > i + 1 and tokens[j - 1] in AND_WORDS:
        j -= 1
    after = tokens[j] if j < len(tokens) else ""
    if not colours or not _ends_colour_run(tokens, j):
        return None, i
    if after in COLOUR_WORDS:
        j += 1
    attrs = {"color": colours[0]}
    if len(colours) > 1:
        attrs["color2"] = colours[1]
    if len(colours) > 2:
        attrs["color3"] = colours[2]  # "in red, white and blue"
    return attrs, j


RELATIVE_WORDS = frozenset({"that", "which", "who", "whose"})


def copula_subject(tokens: list[str], i: int, items: list) -> str:
    """``"subject"`` when the copula at ``tokens[i]`` is the verb of the sentence's first
    thing, not of the last one: "the clock on the building | is green" (the clock), but
    "a clock on a building that is green" (the building); else ``""``.

    The items of the sentence so far must be one noun phrase followed only by phrases that
    hang on it (relations, places, "at the bottom of", "with"), with no verb, state or "and"
    between.
    """
    if i and tokens[i - 1] in RELATIVE_WORDS:
        return ""
    start = len(items)
    while start and items[start - 1].kind != "SEP":
        start -= 1
    clause = items[start:]
    if _reduced_relative(clause):
        return "subject"  # "the uniform he is wearing | is white"
    if len(clause) < 3 or clause[0].kind != "NP" or clause[-1].kind != "NP":
        return ""
    for k, item in enumerate(clause[1:]):
        if item.kind not in ("NP", "REL", "OF", "POS", "CONJ", "BETWEEN"):
            return ""
        if item.kind == "NP" and clause[k].kind == "NP":
            return ""  # "the broccoli as well as beans are": two things
        if item.kind == "OF" and clause[k].kind != "POS":
            return ""  # "a slice of pizza is on a plate": the slice of pizza is one thing
        if item.kind == "CONJ" and item.value != "with":
            return ""
        if item.kind == "NP" and item.np is not None and item.np.pronoun:
            return ""
    return "subject"


_PLAIN = frozenset(lx.words("a an the very all completely plain solid pure just mostly"))


def background_is(tokens: list[str], i: int) -> tuple[str | None, int]:
    """Read "the background (of the image) is white" / "the backdrop is a forest" at ``i``:
    the background it names and the index after it, or ``None`` and ``i``."""
    j = i + (tokens[i] in ("the", "its", "their", "a"))
    if j >= len(tokens) or tokens[j] not in lx.BACKGROUND_WORDS:
        return None, i
    j += 1
    if tuple(tokens[j : j + 2]) == ("of", "the") and j + 2 < len(tokens):
        if tokens[j + 2] not in FRAME_WORDS:
            return None, i
        j += 3
    if j >= len(tokens) or tokens[j] not in COPULA:
        return None, i
    j += 1
    while j < len(tokens) and (tokens[j] in _PLAIN or tokens[j] in lx.SHADES):
        j += 1
    colour = lx.color_of(tokens[j]) if j < len(tokens) else None
    if colour:
        j += 1
        if j < len(tokens) and tokens[j] in ("in", "colored", "coloured"):
            j += 1 + (tokens[j] == "in" and j + 1 < len(tokens) and tokens[j + 1] in COLOUR_WORDS)
        return colour, j
    size = longest(tokens, j, lx.BACKGROUNDS, lx.MAX_BACKGROUND_WORDS)
    if size:
        return lx.BACKGROUNDS[tuple(tokens[j : j + size])], j + size
    return None, i


def _reduced_relative(clause: list) -> bool:
    """Whether ``clause`` is a thing and a relative clause with no "that": "the uniform | he
    is wearing", "the book | she reads"."""
    if len(clause) < 3 or clause[0].kind != "NP" or clause[1].kind != "NP":
        return False
    head, who = clause[0].np, clause[1].np
    if head is None or who is None or head.pronoun or not who.pronoun:
        return False
    return all(item.kind in ("COP", "REL", "STATE") for item in clause[2:])
