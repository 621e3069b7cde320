"""Look-ahead questions the scan (:func:`.phrases.scan`) asks about the tokens at hand.

Each helper looks at the current token and at most a few after it (or at the last items
read) and answers one question: is this "a set of four" or "nine breeds of dogs", a
relative clause ("on which"), a contraction ("it's"), "has" meaning "with", an activity
("doing a kickflip"), a verb that is a relation ("leaning against")...
"""

from __future__ import annotations

from . import lexicon as lx
from .items import Extras, Item, NounPhrase
from .links import ANIMALS
from .nouns import ordered_attrs, read_phrase, starts_phrase
from .states import is_state, participle
from .words import FUNCTION_WORDS, HARD_BOUNDARY, STATE_WORDS, longest, read_number

# a prompt that opens on one of these, then a particle ("standing on left leg"), is a pose
LEADING_POSES = frozenset(
    lx.words(
        "standing sitting kneeling crouched crouching squatting lying leaning bending "
        "balancing stretching jumping"
    )
)
POSE_NEXT = frozenset(lx.words("on in with down up forward back backward over at and to straight"))


def set_of(tokens: list[str], i: int, items: list[Item]) -> bool:
    """A trailing "set of four" after a plural thing gives its count (and is consumed)."""
    if tuple(tokens[i : i + 2]) not in (("set", "of"), ("pack", "of"), ("sets", "of")):
        return False
    number, k = read_number(tokens, i + 2)
    if number is None or k != i + 3 or (k < len(tokens) and tokens[k].isalpha()):
        return False  # "set of four chairs" is read as a quantifier
    recent = [it for it in items[-5:] if it.kind == "NP" and it.np is not None]
    if not recent or not recent[-1].np.plural or recent[-1].np.explicit:  # type: ignore[union-attr]
        return False
    recent[-1].np.count, recent[-1].np.explicit = number, True  # type: ignore[union-attr]
    return True


MATERIAL_NOUNS = frozenset(
    lx.words("paper glass wood stone metal plastic brick leather cardboard marble clay fabric")
)


def material_thing(item: Item | None, tokens: list[str], i: int, items: list[Item]) -> Item | None:
    """ "paper on the table": a material named alone where a thing goes is that thing."""
    if item is None or item.kind != "ADJS" or item.attrs is None or len(item.attrs) != 1:
        return item
    word = tokens[i - 1] if i else ""
    if item.attrs.get("material") is None or word not in MATERIAL_NOUNS:
        return item
    before = items[-1].kind if items else "SEP"
    if before not in ("SEP", "REL") and not (
        before == "CONJ" and len(items) > 1 and items[-2].kind == "NP"
    ):
        return item
    return Item("NP", np=NounPhrase(word, word, 1, known=word in lx.KNOWN_NOUNS))


def verb_relation(tokens: list[str], i: int, items: list[Item]) -> tuple[str, bool, int] | None:
    """The relation a state's verb makes with ``tokens[i:]`` when a description stands
    between them ("hanging upside down from a branch" is "hanging from"): its predicate,
    whether it reads reversed, and how many tokens it takes; None if there is none."""
    states = [it for it in items[-2:] if it.kind == "STATE"]
    if not states or items[-1].kind != "STATE":
        return None
    verb = states[0].value.split(" ")[0]
    for size in range(lx.MAX_RELATION_WORDS - 1, 0, -1):
        found = lx.RELATIONS.get((verb, *tokens[i : i + size]))
        if found is not None:
            return found[0], found[1], size
    return None


def starts_place(tokens: list[str], k: int) -> bool:
    """Whether a relation with an object starts at ``k`` ("down the street", not "over.")."""
    size = longest(tokens, k, lx.RELATIONS, lx.MAX_RELATION_WORDS)
    return bool(size) and k + size < len(tokens) and tokens[k + size] not in HARD_BOUNDARY


RELATIVES = frozenset({"which", "that", "whom"})
"""Words that, right after a relation, name a thing said before ("a road on which there are
stones", "a plate with a fork, beside that there is a knife")."""
CLAUSE_NEXT = frozenset(lx.words("there i we you a an the some is are was were , ."))


def relative(tokens: list[str], i: int, items: list[Item]) -> bool:
    """Whether ``tokens[i]`` is "which"/"that" standing for a thing after a relation."""
    if tokens[i] not in RELATIVES or not items or items[-1].kind != "REL":
        return False
    return i + 1 == len(tokens) or tokens[i + 1] in CLAUSE_NEXT


CONTRACTED = {"it's": "it", "he's": "he", "she's": "she", "they're": "they"}
"""A pronoun and "is"/"are" in one word ("it's sitting on a table")."""


def contracted(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is "it's"-like before a state or a place (not "it's doors")."""
    if tokens[i] not in CONTRACTED or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt in STATE_WORDS or is_state(nxt, 0) or participle(nxt):
        return True  # "he's balancing", "it's turned"
    return bool(longest(tokens, i + 1, lx.RELATIONS, lx.MAX_RELATION_WORDS))


HAVE_WORDS = frozenset({"has", "have", "having"})


def has(tokens: list[str], i: int, items: list[Item]) -> bool:
    """ "a tower has a clock", "the man also has a dog": like "with" (not "has been")."""
    if tokens[i] not in HAVE_WORDS or i + 1 >= len(tokens) or not items:
        return False
    nxt = tokens[i + 1]
    if nxt in HARD_BOUNDARY or (nxt in FUNCTION_WORDS and nxt not in ("some", "a", "an")):
        return False
    if items[-1].kind == "CONJ" and tokens[i - 1] in ("also", "still") and len(items) > 1:
        items.pop()  # "he also has a cat": the "also" joins nothing
    if items[-1].kind == "COP" and tokens[i] == "having" and len(items) > 1:
        items.pop()  # "the table is having drawers"
    return items[-1].kind == "NP" and not nxt.endswith("ed")


KIND_NOUNS = frozenset(
    lx.words("breed kind type style variety sort species model flavor flavour design shape")
)
"""Nouns that count sorts of a thing: "nine different breeds of dogs" are nine dogs."""


def kinds_of(
    item: Item | None, tokens: list[str], i: int, extras: Extras
) -> tuple[Item | None, int]:
    """Read "<count> (different) kinds of <things>" as the things, with that count."""
    np = item.np if item is not None else None
    if np is None or not np.explicit or np.name not in KIND_NOUNS or not np.plural:
        return item, i
    if i + 1 >= len(tokens) or tokens[i] != "of" or not starts_phrase(tokens, i + 1):
        return item, i
    after, k = read_phrase(tokens, i + 1, extras)
    if after is None or after.np is None or after.np.explicit or after.np.pronoun:
        return item, i
    after.np.count, after.np.explicit, after.np.definite = np.count, True, False
    after.np.attrs = ordered_attrs({**np.attrs, **after.np.attrs})
    return after, k


DEGREE_WORDS = frozenset(lx.words("very so quite really rather too extremely fairly"))


def degree_description(
    item: Item | None, tokens: list[str], start: int, end: int, items: list[Item]
) -> Item | None:
    """ "the sauce is very light": after "is" and a degree word, one noun says how the thing
    is (an ``ADJS`` item), it is no new thing."""
    if (
        item is None
        or item.np is None
        or end - start != 1
        or tokens[start - 1] not in DEGREE_WORDS
        or not items
        or items[-1].kind != "COP"
    ):
        return item
    word = tokens[start]
    colour = lx.color_of(word)
    key, value = ("color", colour) if colour else lx.ADJECTIVES.get(word, ("detail", word))
    return Item("ADJS", attrs={key: value})


LOOKING = frozenset(
    lx.words("look looks looking stare stares staring gaze gazes gazing peer peers peering")
)
"""Verbs after which "into" is a direction ("looking into a mirror"), not a place."""


def looking(items: list[Item]) -> bool:
    """Whether the last item is a state of looking ("is looking", "stares")."""
    return bool(items) and items[-1].kind == "STATE" and items[-1].value.split(" ")[0] in LOOKING


ACTIVITY_VERBS = frozenset(lx.words("doing does performing performs practicing practising"))


def activity(tokens: list[str], i: int) -> int:
    """Index after "doing a kickflip" / "performing a handstand" at ``i`` (``i`` if none)."""
    if tokens[i] not in ACTIVITY_VERBS:
        return i
    k = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in ("a", "an", "some", "the", "his", "her"))
    end = k
    while end < len(tokens) and end - k < 2:
        word = tokens[end]
        if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on"):
            break
        if longest(tokens, end, lx.RELATIONS, lx.MAX_RELATION_WORDS):
            break
        end += 1
    return end if end > k else i


def person_before(items: list[Item]) -> bool:
    """Whether the last noun phrase of ``items`` names a person or an animal."""
    for item in reversed(items):
        if item.kind == "NP" and item.np is not None:
            return item.np.name == "person" or item.np.name in ANIMALS
    return False
