"""Token-level word classes and look-ups shared by the planner's readers.

Pure data plus small functions on token lists (longest table match, numbers, "does this
read as an adjective", "is this a known noun"); nothing here builds items or scenes.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import lexicon as lx

SEPARATORS = frozenset({".", ";", "!", "?", ":", "but", "while", "whereas", "then"})
AND_WORDS = frozenset({",", "and", "&", "plus", "or", "nor", "also"})
NEG_WORDS = frozenset({"no", "without", "not", "none", "zero", "0", "neither"})
COPULA = frozenset(
    lx.words(
        "is are was were be being been looks look appears appear painted colored coloured seems "
        "seem 's"
    )
)
FUNCTION_WORDS = frozenset(
    lx.words("""please draw generate create make show me paint render depict illustrate imagine want
    would like need give see i we you can could should will let us there here that which who
    whose where when it's very really so too just only all each every sits sitting sit seated
    stands standing stand lies lying lay laying placed positioned located rests resting set
    floating flying hanging perched parked walking running playing to from for at as of
    toward towards across along around through against like some kind type sort has have having
    made out up down off away back now also again either neither than
    realistic photorealistic photo-realistic hyperrealistic hd 4k 8k high-quality
    style styled version looking being getting get got do does did done using use used keep
    keeps keeping kept
    exactly precisely total altogether together outside something anyone
    anything forward forwards backward backwards apart ahead straight about almost nearly
    slightly fully highly quite says say saying said reads reading written
    named called observe observed notice noticed""")
)
NOT_THINGS = frozenset(
    lx.words(
        "image picture photo photograph scene background foreground view shot frame area "
        "center centre middle left right top bottom side front back distance resolution"
    )
)
"""Heads that name the picture or a place in it, not a thing, when bare or definite
("in this image", "in the background"); "a picture on the wall" is still a thing."""
STATE_WORDS = frozenset(
    lx.words("""sits sitting sit seated stands standing stand lies lying lay laying rests resting
    floating floats flying flies hanging hangs perched parked walking walks running runs playing
    plays swimming swims leaning leans leaned bent bending smiling smiles posing poses looking
    looks squatting kneeling kneels crouching jumping jumps dancing eating drinking reading
    sleeping sleeps waiting grazing raised crossed hunched stretched extended folded open
    opened closed lit glowing melting burning broken cut torn unbent upside-down""")
)
"""Words that say what a thing is doing or how it is ("a dog sitting"): its ``state``."""
BODY_PARTS = frozenset(
    lx.words("""arm leg knee head hand foot torso elbow shoulder hip thigh chest face neck wrist
    ankle finger toe waist body back forearm shin palm fist heel buttock buttocks stomach belly
    cheek chin thumb forehead lap""")
)
"""Heads whose pose a prompt describes ("left arm bent", "head up")."""
POSE_WORDS = frozenset(
    lx.words("""straight up down forward forwards back backward backwards out apart angled tilted
    lifted spread pointed pointing extended stretched dropped outstretched unbent relaxed turned
    level upward upwards downward downwards outward outwards inward sideways together bent
    raised crossed folded curled tucked hunched far""")
)
"""Words that give a body part's pose right after it ("right leg straight")."""
STATE_PARTICLES = frozenset(
    lx.words(
        "forward forwards backward backwards over up down out apart straight sideways far "
        "further farther inward inwards outward outwards upward upwards downward downwards "
        "diagonally high low overhead"
    )
)
NEVER_THINGS: dict[str, str] = {
    word: role for role, found in lx.NOT_THINGS.items() for word in found
}
"""Nouns that are never things -> what they are instead: a "pronoun" ("thee", "itself"), a
"pose" ("a throwing position"), a "measure" ("sizes of rocks"), a "quality" ("colors")."""
ADVERBS = frozenset(
    lx.words("slightly almost nearly just fully partly partially somewhat a little bit more")
)
"""Words that may stand between "and" and a state ("and slightly bent")."""
HARD_BOUNDARY = SEPARATORS | AND_WORDS | NEG_WORDS | COPULA | {"with", "of", "between"}
VERB_ENDINGS = ("ing", "ed", "ly")


def longest(tokens: list[str], i: int, table: Mapping[tuple[str, ...], object], most: int) -> int:
    """Length of the longest key of ``table`` starting at ``tokens[i]`` (0 if none)."""
    for n in range(min(most, len(tokens) - i), 0, -1):
        if tuple(tokens[i : i + n]) in table:
            return n
    return 0


def is_adjective_like(word: str) -> bool:
    """Whether ``word`` reads as an adjective (a colour, a known one, or by its ending)."""
    return (
        lx.color_of(word) is not None
        or word in lx.ADJECTIVES
        or word in lx.SHADES
        or word in lx.STYLE_ADJECTIVES
        or (
            word not in lx.KNOWN_NOUNS
            and word not in BODY_PARTS  # "body", "belly"
            and word.endswith((*lx.ADJECTIVE_SUFFIXES, "y"))
            and not word.endswith(("ay", "ey", "oy"))  # "driveway", "jockey", "cowboy"
        )
    )


def read_number(tokens: list[str], i: int) -> tuple[int | None, int]:
    """Read a count at ``i`` ("3", "twenty one", "two dozen", "a hundred"); return it and
    the index after it (``None`` and ``i`` if there is none)."""
    j, n = i, len(tokens)
    total, current, seen = 0, 0, False
    while j < n:
        word = tokens[j]
        parts = word.split("-") if "-" in word else [word]
        if all(p in lx.NUMBER_WORDS for p in parts):
            current += sum(lx.NUMBER_WORDS[p] for p in parts)
        elif word.isdigit():
            if seen:
                break
            current += int(word) if len(word) <= 9 else 10**9
        elif word in lx.MULTIPLIERS and (seen or (j == i + 1 and tokens[i] in ("a", "an"))):
            mult = lx.MULTIPLIERS[word]
            current = max(current, 1) * mult
            if mult >= 1000:
                total, current = total + current, 0
        elif word in lx.MULTIPLIERS and j == i and word != "dozen":
            current = lx.MULTIPLIERS[word]
        elif (word == "and" and seen and j + 1 < n and tokens[j + 1] in lx.NUMBER_WORDS) or (
            word in ("a", "an") and not seen and j + 1 < n and tokens[j + 1] in lx.MULTIPLIERS
        ):
            pass  # "a hundred", "a hundred and five"
        else:
            break
        seen = seen or word not in ("a", "an")
        j += 1
    if not seen:
        return None, i
    return min(total + current, 10**9), j


def known_word(word: str) -> bool:
    """Whether ``word`` (or its singular) is a noun the planner knows, a synonym or a person."""
    one = lx.singular(word)
    return one in lx.KNOWN_NOUNS or one in lx.SYNONYMS or one in lx.PERSON_WORDS


def places_named_as_things(tokens: list[str]) -> set[str]:
    """Place words that some relation uses as a thing ("sky above the road"), singular.

    Such a place is that thing everywhere in the prompt, so "a car on the road" relates
    the car to the road the sky is above instead of making the road the background.
    """
    found: set[str] = set()
    for i, word in enumerate(tokens):
        if (word,) not in lx.BACKGROUNDS:
            continue
        j = i - 1
        while j >= 0 and (tokens[j] in ("a", "an", "the") or is_adjective_like(tokens[j])):
            j -= 1
        for size in range(1, lx.MAX_RELATION_WORDS + 1):
            key = tuple(tokens[j - size + 1 : j + 1])
            if j - size + 1 >= 0 and key in lx.RELATIONS:
                if key[0] not in lx.BACKGROUND_PREPOSITIONS and key[0] not in ("under", "with"):
                    found.add(lx.singular(word))
                break
        if (j < 0 or tokens[j] == ".") and tuple(tokens[i + 1 : i + 2]) in lx.RELATIONS:
            found.add(lx.singular(word))  # "road near mountain.": a sentence's subject
    return found
