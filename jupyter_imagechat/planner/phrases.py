"""Reading tokens into items: noun phrases, relations, conjunctions, negation, places.

:func:`scan` walks the token list once, left to right, and returns a flat list of
:class:`Item` s; style and background phrases go straight into :class:`Extras`.
Every step looks at most a few tokens ahead, so the whole scan is linear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..scene import MAX_COUNT
from . import lexicon as lx
from .clauses import (
    CLAUSE_STARTS,
    clause_has_content,
    in_colour,
    made_of,
    skip_frame,
    starts_predicate,
)
from .words import (
    AND_WORDS,
    BODY_PARTS,
    COPULA,
    FUNCTION_WORDS,
    HARD_BOUNDARY,
    NEG_WORDS,
    NOT_THINGS,
    POSE_WORDS,
    SEPARATORS,
    STATE_PARTICLES,
    STATE_WORDS,
    VERB_ENDINGS,
    is_adjective_like,
    known_word,
    longest,
    read_number,
)

__all__ = [
    "Extras", "Item", "NounPhrase", "cap_count", "is_adjective_like", "longest",
    "match_background", "match_style", "read_number", "read_phrase", "scan", "starts_phrase",
]  # fmt: skip


# a prompt that opens on one of these, then a particle ("standing on left leg"), is a pose
LEADING_POSES = frozenset(
    lx.words(
        "standing sitting kneeling crouched crouching squatting lying leaning bending "
        "balancing stretching jumping"
    )
)
POSE_NEXT = frozenset(lx.words("on in with down up forward back backward over at and to straight"))


@dataclass
class NounPhrase:
    """One noun phrase: "three red apples", "the dog", "it"."""

    name: str
    word: str
    count: int | None = None
    explicit: bool = False
    plural: bool = False
    definite: bool = False
    pronoun: bool = False
    more: bool = False
    pair: bool = False
    known: bool = False
    owner: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """One step of a prompt: ``kind`` is NP, ADJS, REL, BETWEEN, CONJ, NEG, SEP, COP, OF,
    POS, STATE, BACK or INHAND; ``np``/``attrs``/``value``/``reverse`` carry what it needs
    (``value2``: the word a relation was reread from, "in" for "a man in a suit")."""

    kind: str
    np: NounPhrase | None = None
    attrs: dict[str, str] | None = None
    value: str = ""
    reverse: bool = False
    value2: str = ""


@dataclass
class Extras:
    """What a prompt says about the whole picture, plus notes for the user."""

    style: str | None = None
    style_set: bool = False
    background: str | None = None
    notes: list[str] = field(default_factory=list)


# -- style, background, places ------------------------------------------------------------
def match_style(tokens: list[str], i: int, extras: Extras) -> int:
    """Consume a style phrase at ``i`` ("a photo of", "in watercolor", "pixel art");
    return the index after it, or ``i``."""
    j, n = i, len(tokens)
    lead = j < n and tokens[j] in ("in", "as", "with")
    if lead:
        j += 1
    if j < n and tokens[j] in ("a", "an", "the"):
        j += 1
    if j + 2 < n and tokens[j] == "style" and tokens[j + 1] == "of":
        j += 2
        lead = True
    while j < n and tokens[j] in lx.STYLE_ADJECTIVES:
        j += 1
    size = longest(tokens, j, lx.STYLES, lx.MAX_STYLE_WORDS)
    style: str | None
    if size:
        key = tuple(tokens[j : j + size])
        weak = key in lx.WEAK_STYLE_WORDS
        after = tokens[j + size] if j + size < n else ""
        if weak and not (lead or after in ("style", "art", "drawing", "painting", "sketch")):
            return i
        style = lx.STYLES[key]
    elif j < n and tokens[j] in lx.GENERIC_STYLES:
        after = tokens[j + 1] if j + 1 < n else ""
        if not (after in ("of", "style") or (lead and tokens[i] == "as")):
            return i
        size, style = 1, lx.GENERIC_STYLES[tokens[j]]
        if extras.style_set and style is None:
            style = extras.style
    else:
        return i
    j += size
    while j < n and tokens[j] in ("style", "styled", "art", "painting", "drawing", "sketch"):
        j += 1
    if j < n and tokens[j] == "of":
        j += 1
    if not extras.style_set or style is not None:
        extras.style, extras.style_set = style, True
    return j


def match_background(tokens: list[str], i: int, extras: Extras) -> int:
    """Consume a background phrase at ``i`` ("in a forest", "at night", "on a white
    background"); return the index after it, or ``i``."""
    n = len(tokens)
    size = longest(tokens, i, lx.STANDALONE_BACKGROUNDS, 3)
    if size and not _continues_noun(tokens, i + size):
        extras.background = lx.STANDALONE_BACKGROUNDS[tuple(tokens[i : i + size])]
        return i + size
    j = i
    prep = tokens[j] if j < n else ""
    has_prep = prep in lx.BACKGROUND_PREPOSITIONS or prep in ("against", "with", "under")
    if has_prep:
        j += 1
    if j < n and tokens[j] in ("a", "an", "the"):
        j += 1
    start = j
    words: list[str] = []
    while j < n and len(words) < 3 and tokens[j] not in lx.BACKGROUND_WORDS:
        if not (is_adjective_like(tokens[j]) or tuple(tokens[j : j + 1]) in lx.BACKGROUNDS):
            break
        words.append(tokens[j])
        j += 1
    if j < n and tokens[j] in lx.BACKGROUND_WORDS and words:
        colors = [lx.color_of(w) for w in words if lx.color_of(w)]
        key = tuple(words)
        extras.background = colors[0] if colors else lx.BACKGROUNDS.get(key, " ".join(words))
        return j + 1 if words else i
    if not has_prep or prep in ("against", "with"):
        return i
    j = start
    while j < n and j - start < 2 and is_adjective_like(tokens[j]):
        j += 1
    size = longest(tokens, j, lx.BACKGROUNDS, lx.MAX_BACKGROUND_WORDS)
    if not size or _continues_noun(tokens, j + size):
        return i
    key = tuple(tokens[j : j + size])
    if prep == "under" and key not in lx.UNDERWATER_AFTER:
        return i
    value = lx.BACKGROUNDS[key]
    if value == "ocean" and prep in ("in", "under", "inside", "within"):
        value = "underwater"
    extras.background = value
    return j + size


def _continues_noun(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` goes on a noun phrase ("beach ball", "snow globe")."""
    if j >= len(tokens):
        return False
    word = tokens[j]
    if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on"):
        return False
    if longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS):
        return False
    return word in lx.KNOWN_NOUNS or word in lx.SYNONYMS or lx.singular(word) in lx.KNOWN_NOUNS


# -- noun phrases ---------------------------------------------------------------------------
def starts_phrase(tokens: list[str], i: int) -> bool:
    """Whether a noun phrase may start at ``tokens[i]``."""
    word = tokens[i]
    if word in HARD_BOUNDARY or word in FUNCTION_WORDS:
        return word in ("some",)
    return True


def read_phrase(tokens: list[str], i: int, extras: Extras) -> tuple[Item | None, int]:
    """Read a noun phrase (or a run of bare adjectives) at ``i``.

    Returns the item (``None`` if the words make no phrase) and the index after it.
    """
    n = len(tokens)
    np = NounPhrase(name="", word="")
    j = i
    q = longest(tokens, j, lx.QUANTIFIERS, lx.MAX_QUANTIFIER_WORDS)
    number, k = read_number(tokens, j)
    if number is not None and k - j >= q:
        np.count, np.explicit, j = number, True, k
    elif q:
        key = tuple(tokens[j : j + q])
        np.count, np.explicit = lx.QUANTIFIERS[key], True
        np.more = key == ("another",)
        np.pair = "pair" in key
        j += q
        if key[-1] == "of" and j < n:  # "a set of nine labels": the number wins
            number, k = read_number(tokens, j)
            if number is not None:
                np.count, np.pair, j = number, False, k
    elif tokens[j] in lx.DETERMINERS:
        np.definite = tokens[j] not in ("each", "every", "any")
        j += 1
    if j < n and np.count is None:
        number, k = read_number(tokens, j)
        if number is not None:
            np.count, np.explicit, j = number, True, k
    while j < n and tokens[j] in lx.MORE_WORDS:
        np.more = np.more or tokens[j] != "other"
        j += 1
    if j < n and tokens[j] in lx.PRONOUNS and j == i:
        np.pronoun, np.name, np.word = True, "", tokens[j]
        return Item("NP", np=np), j + 1
    words: list[str] = []
    while j < n and len(words) < 8:
        word = tokens[j]
        if word in COLOURED and words and j + 1 < n and _noun_like(tokens[j + 1]):
            j += 1  # "nine different colored labels": a modifier, not "is coloured"
            continue
        if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on"):
            break
        if word in ("a", "an", "the") or (words and read_number(tokens, j)[0] is not None):
            break
        if word in lx.DETERMINERS or word in lx.PRONOUNS or word in lx.BETWEEN_WORDS:
            break
        if word in ("right", "directly", "immediately") and longest(
            tokens, j + 1, lx.RELATIONS, lx.MAX_RELATION_WORDS
        ):
            break  # "right next to": an intensifier, not part of the thing
        if words and word in STATE_WORDS and known_word(words[-1]):
            break  # "a woman eating food": the state, then a new thing
        if words and word in POSE_WORDS and lx.singular(words[-1]) in BODY_PARTS:
            break  # "left leg straight": the pose, not part of the name
        if (
            longest(tokens, j, lx.POSITIONS, 6)
            or longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS)
            or longest(tokens, j, lx.STANDALONE_BACKGROUNDS, 3)
        ):
            break
        after_style = match_style(tokens, j, extras)
        if after_style > j:
            j = after_style
            continue
        if word.endswith("'s"):
            j += 1
            if known_word(word[:-2]) and j < n and tokens[j] not in HARD_BOUNDARY:
                words.append(word[:-2])  # "a man's head": the man, then his head
                np.owner = True
                break
            continue
        if words and starts_predicate(words[-1], tokens, j):
            break  # "a man eats hamburgers", "a sidewalk showing one"
        words.append(word)
        j += 1
    if not words:
        return None, max(j, i + 1)
    item = _analyse(words, np)
    return item, j


def _units(words: list[str]) -> list[tuple[str, str, bool]]:
    """Group words into (surface, singular, plural) units, joining multi-word nouns."""
    out: list[tuple[str, str, bool]] = []
    k = 0
    while k < len(words):
        found = None
        for size in range(min(lx.MAX_NOUN_WORDS, len(words) - k), 1, -1):
            head = words[k + size - 1]
            for last in dict.fromkeys((head, lx.singular(head), head[:-1], head[:-2])):
                key = (*words[k : k + size - 1], last)
                if key in lx.MULTI_WORD_NOUNS:
                    found = (" ".join(words[k : k + size]), lx.MULTI_WORD_NOUNS[key], size)
                    found = (found[0], found[1], size, last != head)  # type: ignore[assignment]
                    break
            if found:
                break
        if found:
            surface, phrase, size, plural = found  # type: ignore[misc]
            out.append((surface, phrase, plural))
            k += size
        else:
            word = words[k]
            one = lx.singular(word)
            out.append((word, one, one != word))
            k += 1
    return out


def _known(unit: tuple[str, str, bool]) -> bool:
    one = unit[1]
    return one in lx.KNOWN_NOUNS or one in lx.SYNONYMS or one in lx.PERSON_WORDS


def _verbish(word: str) -> bool:
    return word.endswith(VERB_ENDINGS) or (word.endswith("s") and not word.endswith("ss"))


def _analyse(words: list[str], np: NounPhrase) -> Item | None:
    units = _units(words)
    known = [k for k, u in enumerate(units) if _known(u)]
    head: int | None = None
    if known:
        head = known[-1]
        tail = units[head + 1 :]
        plural_head = units[head][2]  # "toddlers reach": a plural noun is not a modifier
        if tail and not plural_head and not (_verbish(tail[0][0]) or is_adjective_like(tail[0][0])):
            head = len(units) - 1
            while head > known[-1] and is_adjective_like(units[head][0]):
                head -= 1
    else:
        for test in (is_adjective_like, _plain_adjective):
            for k in range(len(units) - 1, -1, -1):
                if not test(units[k][0]) and units[k][0][0].isalpha():
                    head = k
                    break
            if head is not None:
                break
    mods = units if head is None else units[:head]
    attrs: dict[str, str] = {}
    compound: list[str] = []
    for surface, _one, _plural in mods:
        _add_modifier(attrs, compound, surface, head is not None and _known(units[head]))
    if head is None:
        return Item("ADJS", attrs=attrs) if attrs else None
    surface, one, plural = units[head]
    if compound:
        one = " ".join([*compound[-2:], one])
    name = lx.SYNONYMS.get(one, one)
    if name in lx.PERSON_WORDS:
        attrs["kind"] = name
        name = "person"
    name = name.replace("'s", "")[:64].strip(" -'")
    bare = not (np.definite or np.explicit or np.more)
    if (
        not name
        or not name[0].isalpha()
        or (name in NOT_THINGS and (bare or np.definite))
        or (
            bare and not _known(units[head]) and len(surface) > 5 and surface.endswith(VERB_ENDINGS)
        )
    ):
        return Item("ADJS", attrs=attrs) if attrs else None
    np.name, np.word, np.plural, np.attrs = name, surface, plural, _ordered(attrs)
    np.known = _known(units[head])
    if np.pair and name in lx.PAIR_NOUNS:
        np.count = 1
    if np.count is None and not np.definite:
        np.count = lx.DEFAULT_PLURAL_COUNT if plural else 1
    return Item("NP", np=np)


def _is_state(word: str, rel: int) -> bool:
    """An unknown "-ing" word after a thing ("an ostrich swimming") says what it does."""
    return (
        not rel
        and len(word) > 5
        and word.endswith("ing")
        and word not in lx.KNOWN_NOUNS
        and word not in FUNCTION_WORDS
    )


def _plain_adjective(word: str) -> bool:
    """A colour or a listed adjective (not one guessed from its ending)."""
    return lx.color_of(word) is not None or word in lx.ADJECTIVES or word in lx.SHADES


def _add_modifier(attrs: dict[str, str], compound: list[str], word: str, head_known: bool) -> None:
    color = lx.color_of(word)
    if color:
        attrs.setdefault("color2" if "color" in attrs else "color", color)
    elif word in lx.SHADES:
        attrs["shade"] = word
    elif word in lx.ADJECTIVES:
        key, value = lx.ADJECTIVES[word]
        attrs[key] = f"{attrs[key]} {value}" if key == "detail" and key in attrs else value
    elif word in lx.STYLE_ADJECTIVES or not word[0].isalpha():
        return
    elif is_adjective_like(word) or word.endswith(VERB_ENDINGS):
        attrs["detail"] = f"{attrs['detail']} {word}" if "detail" in attrs else word
    elif head_known:
        one = lx.singular(word)
        attrs["kind"] = lx.SYNONYMS.get(one, one)
    else:
        compound.append(word)


def _ordered(attrs: dict[str, str]) -> dict[str, str]:
    order = {k: i for i, k in enumerate(lx.ATTRIBUTE_ORDER)}
    return dict(sorted(attrs.items(), key=lambda kv: order.get(kv[0], len(order))))


def cap_count(np: NounPhrase, extras: Extras) -> int:
    """Return the count of ``np``, capped at :data:`MAX_COUNT` with a note."""
    count = np.count if np.count is not None else 1
    if count > MAX_COUNT:
        extras.notes.append(f"capped {count} {np.word or np.name} at {MAX_COUNT}")
        return MAX_COUNT
    return max(count, 1)


# -- the scan -------------------------------------------------------------------------------
COLOURED = frozenset({"colored", "coloured", "painted"})


def _noun_like(word: str) -> bool:
    """Whether ``word`` can go on a noun phrase as a noun (not a colour or a function word)."""
    return (
        word.isalpha()
        and word not in HARD_BOUNDARY
        and word not in FUNCTION_WORDS
        and word not in ("a", "an", "the", "in", "on")
        and not _plain_adjective(word)
    )


def _set_of(tokens: list[str], i: int, items: list[Item]) -> bool:
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


def scan(tokens: list[str], extras: Extras) -> list[Item]:
    """Read ``tokens`` into items, filling ``extras`` with style and background."""
    items: list[Item] = []
    i, n = 0, len(tokens)
    body = False  # the last thing read is a body part ("right arm up")
    while i < n:
        word = tokens[i]
        j = match_style(tokens, i, extras)
        if j == i:
            j = match_background(tokens, i, extras)
        if j > i:
            i = j
            continue
        recent = [it.kind for it in items[-8:]]  # enough to see the sentence's start
        if tuple(tokens[i : i + 2]) in CLAUSE_STARTS and clause_has_content(recent):
            items.append(Item("SEP"))  # "..., here we can see a wall": a new sentence
        made, k = made_of(tokens, i) if items and items[-1].kind == "NP" else (None, i)
        if not made and items and items[-1].kind in ("NP", "COP", "STATE"):
            made, k = in_colour(tokens, i)  # "three zebras in black and white"
        if made:
            items.append(Item("ADJS", attrs=made))  # "a cube made of denim"
            i = k
            continue
        k = skip_frame(tokens, i)
        if k > i:
            if {"background", "distance"} & set(tokens[i:k]):
                items.append(Item("BACK"))
            i = k
            continue
        pos = longest(tokens, i, lx.POSITIONS, 6)
        rel = longest(tokens, i, lx.RELATIONS, lx.MAX_RELATION_WORDS)
        if word == "in" and i + 1 < n and tokens[i + 1] in ("color", "colour", "colors"):
            i += 2  # "the door is green in color"
            continue
        if word == "in" and i + 1 < n:
            k = i + 1 + (tokens[i + 1] in lx.DETERMINERS or tokens[i + 1] in ("a", "one"))
            if k < n and tokens[k] in lx.HAND_WORDS:
                items.append(Item("INHAND"))
                i = k + 1
                continue
        after_thing = bool(items) and items[-1].kind in ("NP", "COP", "STATE", "ADJS")
        if word in STATE_WORDS and len(items) > 1 and tokens[i - 1] == "and":
            after_thing = items[-2].kind == "NP"  # "wearing goggles and flying"
        if not items and word in LEADING_POSES and (i + 1 == n or tokens[i + 1] in POSE_NEXT):
            # "standing on left leg, right arm up": a pose with no subject is a person's
            items.append(Item("NP", np=NounPhrase("person", "person", 1, known=True)))
            after_thing = True
        pose = body and word in POSE_WORDS and not pos
        verb = (
            not rel
            and bool(items)
            and items[-1].kind == "NP"
            and starts_predicate(tokens[i - 1], tokens, i)
        )
        if after_thing and (word in STATE_WORDS or _is_state(word, rel) or pose or verb):
            k = i + 1
            while k < n and tokens[k] in STATE_PARTICLES and k - i < 3:
                k += 1
            items.append(Item("STATE", value=" ".join(tokens[i:k])))
            if rel and k == i + 1:  # "sitting on": the state, then the relation
                pred, reverse = lx.RELATIONS[tuple(tokens[i : i + rel])]
                items.append(Item("REL", value=pred, reverse=reverse))
                i += rel
            else:
                i = k
            continue
        if pos and pos >= rel:
            items.append(Item("POS", value=lx.POSITIONS[tuple(tokens[i : i + pos])]))
            i += pos
        elif rel:
            pred, reverse = lx.RELATIONS[tuple(tokens[i : i + rel])]
            items.append(Item("REL", value=pred, reverse=reverse))
            i += rel
        elif word in lx.BETWEEN_WORDS:
            items.append(Item("BETWEEN"))
            i += 1
        elif word in SEPARATORS:
            items.append(Item("SEP"))
            i += 1
        elif word in NEG_WORDS:
            items.append(Item("NEG"))
            i += 1
        elif word in AND_WORDS or word == "with":
            items.append(Item("CONJ", value="with" if word == "with" else "and"))
            i += 1
        elif word == "of":
            items.append(Item("OF"))
            i += 1
        elif word in COPULA:
            items.append(Item("COP"))
            i += 1
        elif _set_of(tokens, i, items):
            i += 3  # "cocktail napkins, white, set of four"
        elif starts_phrase(tokens, i):
            item, i = read_phrase(tokens, i, extras)
            if item is not None:
                items.append(item)
                if item.np is not None:
                    body = item.np.name.rpartition(" ")[2] in BODY_PARTS
        else:
            i += 1
    return items
