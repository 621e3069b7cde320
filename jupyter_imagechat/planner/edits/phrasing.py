"""Ways people say an edit, said as the command they mean (before the edit is read).

- "I don't want the van", "there shouldn't be a cat", "the cat has to go", "take the van
  out" -> "remove the van" / "remove the cat";
- "a truck instead of the van", "I'd rather have a truck instead of the van", "use a truck
  instead of the van" -> "replace the van with a truck";
- "I want the van to be green", "I'd like the cat to sit" -> "make the van green",
  "make the cat sit";
- "the sofa should be red" when the picture has a couch: names are matched with their
  synonyms (see :func:`known_names`).

Each rule looks at the whole follow-up and returns it unchanged when it does not apply.
"""

from __future__ import annotations

from .. import lexicon as lx
from .targets import POINTING
from .words import CHANGE_LEADS, FILLERS, at

NEGATIVE_LEADS = tuple(
    tuple(p.split())
    for p in (
        "i don't want", "i do not want", "i dont want", "we don't want", "we do not want",
        "i don't need", "we don't need", "we do not need", "i don't like", "there shouldn't be",
        "there should not be", "there should be no", "there must be no", "i want no",
        "i'd like no", "no need for", "we don't need the", "lose", "ditch", "forget",
    )
)  # fmt: skip
"""Openings that ask for a thing to go ("I don't want the van")."""
GOES = (("has", "to", "go"), ("should", "go"), ("can", "go"), ("must", "go"), ("needs", "to", "go"),
        ("has", "to", "leave"), ("should", "leave"), ("can", "leave"), ("is", "gone"),
        ("should", "disappear"), ("should", "be", "gone"), ("should", "be", "removed"))  # fmt: skip
"""Endings that ask for a thing to go ("the cat has to go")."""
TAKE_OUT = frozenset({"out", "away", "off"})
OUGHT = (("should",), ("must",), ("needs", "to"), ("has", "to"), ("have", "to"), ("ought", "to"),
         ("can",), ("could",))  # fmt: skip
PLACING = frozenset(lx.words("go be sit stand lie rest move stay get live"))
WHERE = frozenset(
    lx.words(
        "on in under next behind above below left right to at beside near between inside "
        "over beneath by across opposite against underneath atop in_front"
    )
)
"""Words a place starts with ("on the left", "behind the girl"), unlike "wearing a hat"."""
ADVERBS = frozenset(lx.words("both all each also too really definitely probably still"))
"""Words after "should" that leave what it asks as it is ("they should both face left")."""
PLACED = frozenset(
    lx.words("is are goes go sits sit stands stand lies lie rests stays belongs belong lives live")
)
"""What a thing is said to do where it is: "the lamp goes on the right", "the bear is on
the left", "the boy stands behind the girl" move it there."""
FOCUSING = frozenset(lx.words("just only simply"))
"""Words between an edit verb and what it names that change nothing ("make just the apple
green")."""
WEARING = {"wear": "wearing", "have": "wearing", "hold": "holding", "carry": "holding",
           "get": "wearing", "put": "wearing"}  # fmt: skip
"""What a thing should wear or hold: "she should wear red boots" adds them on her."""
TOO = {"small": "bigger", "little": "bigger", "tiny": "bigger", "short": "bigger",
       "big": "smaller", "large": "smaller", "huge": "smaller", "tall": "smaller"}  # fmt: skip
PEOPLE = frozenset({"he", "she", "him", "her"})
CONTRACTED = {"it's": "it", "she's": "her", "he's": "him", "they're": "them", "its": "it"}
"""A pointer and "is" in one word ("it's sleeping")."""
_POINTING = POINTING


def known_names(names: set[str]) -> set[str]:
    """``names`` and every word that means one of them ("sofa" for a couch)."""
    return names | {word for word, name in lx.SYNONYMS.items() if name in names}


MUCH_MORE = (("lots", "more"), ("a", "lot", "more"), ("many", "more"), ("loads", "more"),
             ("plenty", "more"), ("way", "more"), ("far", "more"))  # fmt: skip
"""Ways of saying "more" that say only how many more ("lots more strawberries")."""


def reword(tokens: list[str]) -> list[str]:
    """``tokens`` with the wish they say put as a command (see the module docstring)."""
    tokens = _much_more(tokens)
    start = 0
    while start < len(tokens):
        size = at(tokens, start, FILLERS)
        if not size:
            break
        start += size
    body = tokens[start:]
    for lead in NEGATIVE_LEADS:
        if tuple(body[: len(lead)]) == lead and len(body) > len(lead):
            rest = body[len(lead) :]
            rest = rest[:-1] if rest[-1:] in (["anymore"], ["any", "more"]) else rest
            return [*tokens[:start], "remove", *_without_any(rest)]
    for end in GOES:
        if tuple(body[-len(end) :]) == end and len(body) > len(end) and body[0] in _POINTING:
            return [*tokens[:start], "remove", *body[: -len(end)]]
    for opener in COUNT_OPENERS:  # "give me eight", "let's go with four": a count
        n = len(opener)
        if tuple(body[:n]) == opener and body[n:] and _counts(body[n]):
            return [*tokens[:start], *body[n:]]
    removing = not body or body[0] in ("remove", "delete", "erase", "take", "get", "drop")
    for k in range(min(len(body) - 2, 4) if removing else 0):
        if body[k : k + 2] == ["all", "but"] or body[k : k + 2] == ["all", "except"]:
            return [*tokens[:start], "only", *body[k + 2 :]]  # "remove all but two"
    if body[:1] and body[0] in PUTTING and "back" in body[2:6]:
        k = body.index("back", 2)  # "put it back in the box": in the box
        if body[k + 1 : k + 2] and body[k + 1] in WHERE:
            return [*tokens[:start], *body[:k], *body[k + 1 :]]
    said = _taken_out(body) or _lined_up(body)
    if said is not None:
        return [*tokens[:start], *said]
    if body[:1] == ["take"] and body[-1:] and body[-1] in TAKE_OUT and len(body) > 2:
        return [*tokens[:start], "remove", *body[1:-1]]  # "take the van out"
    if "instead" in body:
        swapped = _instead(body)
        if swapped is not None:
            return [*tokens[:start], *swapped]
    if body[:1] and body[0] in ("can", "could", "should", "would") and "be" in body[1:4]:
        k = body.index("be", 1)
        if body[1:k] and body[1] in _POINTING | PEOPLE and k + 1 < len(body):
            return [*tokens[:start], "make", *body[1:k], *body[k + 1 :]]  # "can it be a dog"
    if body[:1] and body[0] in CONTRACTED:
        rest = body[1:]
        if rest[:1] and rest[0] in WORN_NOW and rest[1:]:  # "she's wearing a yellow dress"
            return [*tokens[:start], "add", CONTRACTED[body[0]], *rest]
        if rest and rest[0] not in ("a", "an", "the"):  # "it's sleeping", "they're too small"
            said = _too(["it", "is", *rest]) if rest[0] == "too" else None
            return [*tokens[:start], *(said or ["make", CONTRACTED[body[0]], *_state(rest)])]
    if len(body) > 2 and body[1] in FOCUSING and body[2] in _POINTING:
        return [*tokens[:start], body[0], *body[2:]]  # "make just the apple green"
    counted = len(body) > 2 and body[1] == "of" and body[0] in lx.NUMBER_WORDS  # "one of them"
    if body[:1] and (body[0] in _POINTING | PEOPLE or counted):
        said = _ought(body) or _too(body) or _placed(body) or _is(body) or _needs(body)
        if said is not None:
            return [*tokens[:start], *said]
    said = _made_to_wear(body)
    if said is not None:
        return [*tokens[:start], *said]
    return _to_be(tokens, lead_end_of(tokens))


COUNT_OPENERS = tuple(
    tuple(p.split())
    for p in ("give me", "give us", "let's go with", "lets go with", "go with", "how about",
              "what about", "maybe", "let's try", "try", "let's do", "do", "i'll take")
)  # fmt: skip
"""Openings that ask for a count when a number follows ("give me eight")."""


def _counts(word: str) -> bool:
    return word.isdigit() or (word in lx.NUMBER_WORDS and word not in ("a", "an", "one"))


PUTTING = frozenset(lx.words("put move place set stick bring lay hang"))


def _taken_out(body: list[str]) -> list[str] | None:
    """ "take the cat out of the box" -> "move the cat next to the box"; "lift the cat off
    the table" -> "move the cat on the floor" (off what held it)."""
    if not body or body[0] not in ("take", "get", "lift", "pull", "bring"):
        return None
    for k in range(2, min(len(body) - 1, 7)):
        if body[k : k + 2] == ["out", "of"] and k + 2 < len(body):
            return ["move", *body[1:k], "next", "to", *body[k + 2 :]]
        if body[k] == "off" and body[k + 1] in ("the", "that", "this", "its", "their"):
            return ["move", *body[1:k], "on", "the", "floor"]
    return None


def _lined_up(body: list[str]) -> list[str] | None:
    """ "line them up", "line up the apples" -> "arrange them in a row"."""
    if body[:1] != ["line"] or "up" not in body[1:5]:
        return None
    k = body.index("up")
    return ["arrange", *body[1:k], *body[k + 1 :], "in", "a", "row"]


def _much_more(tokens: list[str]) -> list[str]:
    """ "lots more strawberries" -> "more strawberries"."""
    for phrase in MUCH_MORE:
        n = len(phrase)
        for k in range(len(tokens) - n + 1):
            if tuple(tokens[k : k + n]) == phrase:
                return [*tokens[:k], "more", *tokens[k + n :]]
    return tokens


NEEDS = frozenset(lx.words("needs need wants want gets deserves has have"))
"""After a thing: what it should have ("the snail needs a pink shell")."""
CAUSING = frozenset(lx.words("make let have get"))
WORN_NOW = frozenset(lx.words("wearing holding carrying"))


def _needs(body: list[str]) -> list[str] | None:
    """ "the snail needs a pink shell" -> "add the snail wearing a pink shell" ("holding"
    is left to the add step for things not worn)."""
    for k in range(1, min(len(body) - 1, 5)):
        if body[k] in NEEDS and body[k + 1] in ("a", "an", "some", "two", "three", "its"):
            if body[k + 1 :][:2] == ["a", "new"] or body[k + 1 :][:2] == ["an", "extra"]:
                return None
            return ["add", *body[:k], "wearing", *body[k + 1 :]]
        if body[k] in ("is", "are", "the", "and", ","):
            return None
    return None


def _made_to_wear(body: list[str]) -> list[str] | None:
    """ "make her wear a green dress", "let the cat hold a ball" -> "add her wearing a green
    dress", "add the cat holding a ball"."""
    if not body or body[0] not in CAUSING:
        return None
    for k in range(2, min(len(body) - 1, 6)):
        if body[k] in WEARING and body[k] not in ("have", "get", "put"):
            if body[1] in _POINTING | PEOPLE or body[1:3] == ["one", "of"]:
                return ["add", *body[1:k], WEARING[body[k]], *body[k + 1 :]]
            return None
    return None


def _state(words: list[str]) -> list[str]:
    """ "sleeping", "asleep", "happy": what a thing is said to be doing or be."""
    return words


def _is(body: list[str]) -> list[str] | None:
    """ "the cat is asleep" -> "make the cat asleep"; "it is sleeping" -> "make it sleeping"
    (not "the cat is wearing a hat", which adds the hat)."""
    for k in range(1, min(len(body) - 1, 5)):
        if body[k] in ("is", "are") and body[k + 1] not in (
            "a",
            "an",
            "the",
            "wearing",
            "holding",
            "carrying",
            "too",
        ):
            if body[k + 1] in ("on", "in", "under", "next", "behind", "above", "below"):
                return None
            return ["make", *body[:k], *body[k + 1 :]]  # fmt: skip
    return None


def _placed(body: list[str]) -> list[str] | None:
    """ "the bear is on the left", "the lamp goes to the right", "the boy stands behind the
    girl" -> "move the bear on the left", "move the lamp to the right", "move the boy behind
    the girl"."""
    for k in range(1, min(len(body) - 1, 5)):
        if body[k] in ("and", ",", "should", "must", "can", "will"):
            return None
        if body[k] not in PLACED:
            continue
        rest = body[k + 1 :]
        if rest[:1] == ["now"]:
            rest = rest[1:]
        if rest and rest[0] in WHERE and (_is_relation(rest) or rest[0] in ("to", "at")):
            return ["move", *body[:k], *rest]
        return None
    return None


def _ought(body: list[str]) -> list[str] | None:
    """ "the apples should go in the bowl" -> "move the apples in the bowl"; "she should wear
    red boots" -> "add she wearing red boots"."""
    for k in range(1, min(len(body) - 1, 6)):
        size = next((len(m) for m in OUGHT if tuple(body[k : k + len(m)]) == m), 0)
        if not size:
            continue
        after = k + size + (body[k + size] in ADVERBS and k + size + 1 < len(body))
        verb, rest = body[after], body[after + 1 :]  # "they should both face left"
        if verb == "be" and rest[:1] and rest[0] in WORN_NOW and rest[1:]:
            return ["add", *body[:k], *rest]  # "she should be wearing goggles"
        if verb in PLACING and rest and _is_relation(rest):
            return ["move", *body[:k], *rest]
        if verb in PLACING and rest[:1] in (["be"],) and rest[1:] and _is_relation(rest[1:]):
            return ["move", *body[:k], *rest[1:]]
        if verb == "be" and rest and set(body[:k]) & lx.BACKGROUND_WORDS | {"sky"}:
            return ["make", *body[:k], *rest]  # "the sky should be purple"
        if verb in WEARING and rest:
            return ["add", *body[:k], WEARING[verb], *rest]
        if verb not in ("be", "have") and verb.isalpha():
            return ["make", *body[:k], verb, *rest]  # "it should face left", "the cat should sleep"
        return None
    return None


def _too(body: list[str]) -> list[str] | None:
    """ "the bowl is too small" -> "make the bowl bigger"."""
    for k in range(1, min(len(body) - 2, 6)):
        if body[k] in ("is", "are", "looks", "look", "seems") and body[k + 1] == "too":
            word = body[k + 2] if k + 2 < len(body) else ""
            if word in TOO:
                return ["make", *body[:k], TOO[word]]
    return None


def lead_end_of(tokens: list[str]) -> int:
    """The index after the polite words and change leads ("ok so I'd like")."""
    i = 0
    while i < len(tokens):
        size = at(tokens, i, CHANGE_LEADS) or at(tokens, i, FILLERS)
        if not size:
            break
        i += size
    return i


def _without_any(rest: list[str]) -> list[str]:
    """ "any cats" -> "the cats", "a cat" -> "the cat" (what is to go is in the picture)."""
    if rest[:1] in (["any"], ["a"], ["an"], ["more"]):
        return ["the", *rest[1:]]
    return rest


def _instead(body: list[str]) -> list[str] | None:
    """ "(I'd rather have / use / put) a truck instead of the van" -> "replace the van with a
    truck"."""
    k = body.index("instead")
    if body[k + 1 : k + 2] != ["of"] or k + 2 >= len(body):
        return None
    old = body[k + 2 :]
    if old[:1] not in (["the"], ["that"], ["those"], ["these"], ["it"], ["them"], ["my"]):
        old = ["the", *old]  # "pears instead of apples"
    new = body[:k]
    while new and new[0] in (
        "i'd",
        "i",
        "we",
        "we'd",
        "rather",
        "have",
        "use",
        "put",
        "prefer",
        "would",
        "like",
        "want",
        "let's",
        "lets",
        "draw",
        "show",
        "make",
        "it",
    ):
        new = new[1:]  # fmt: skip
    if not new:
        return None
    return ["replace", *old, "with", *new]


def _to_be(tokens: list[str], start: int) -> list[str]:
    """ "I want the van to be green" -> "make the van green"; "I'd like the cat to sit" ->
    "make the cat sit" (the lead words before ``start`` go)."""
    body = tokens[start:]
    if not start or not body or body[0] not in _POINTING:
        return tokens  # only after a wish: "I want the van to be green"
    for k in range(1, min(len(body) - 1, 6)):
        if body[k] == "to" and k + 1 < len(body) and body[k + 1] not in ("the", "a", "an"):
            after = body[k + 2 :] if body[k + 1] == "be" else body[k + 1 :]
            if after and _is_relation(after):  # "I want the duck to be right of the tree"
                return ["move", *body[:k], *after]
            if after:
                return ["make", *body[:k], *after]
            break
    return tokens


def _is_relation(words: list[str]) -> bool:
    for n in range(min(lx.MAX_RELATION_WORDS, len(words)), 0, -1):
        if tuple(words[:n]) in lx.RELATIONS:
            return True
    return words[0] in ("left", "right", "next", "on", "in", "under", "behind", "above", "below")
