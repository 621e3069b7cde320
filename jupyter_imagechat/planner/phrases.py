"""Reading tokens into items: noun phrases, relations, conjunctions, negation, places.

:func:`scan` walks the token list once, left to right, and returns a flat list of
:class:`Item` s; style and background phrases go straight into :class:`Extras`.
Every step looks at most a few tokens ahead, so the whole scan is linear.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..scene import MAX_COUNT
from . import lexicon as lx

SEPARATORS = frozenset({".", ";", "!", "?", ":", "but", "while", "whereas", "then"})
AND_WORDS = frozenset({",", "and", "&", "plus", "or", "nor", "also"})
NEG_WORDS = frozenset({"no", "without", "not", "none", "zero", "0"})
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
    style styled version looking being getting get got do does did done using use used
    exactly precisely total altogether together outside something anyone
    anything forward forwards backward backwards apart ahead straight about almost nearly
    slightly fully highly quite says say saying said reads reading written
    named called""")
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
    opened closed lit glowing melting burning broken"""))
"""Words that say what a thing is doing or how it is ("a dog sitting"): its ``state``."""
STATE_PARTICLES = frozenset(
    lx.words("forward forwards backward backwards over up down out apart straight sideways")
)
HARD_BOUNDARY = SEPARATORS | AND_WORDS | NEG_WORDS | COPULA | {"with", "of", "between"}
VERB_ENDINGS = ("ing", "ed", "ly")


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
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """One step of a prompt: ``kind`` is NP, ADJS, REL, BETWEEN, CONJ, NEG, SEP, COP, OF,
    POS or INHAND; ``np``/``attrs``/``value``/``reverse`` carry what it needs."""

    kind: str
    np: NounPhrase | None = None
    attrs: dict[str, str] | None = None
    value: str = ""
    reverse: bool = False


@dataclass
class Extras:
    """What a prompt says about the whole picture, plus notes for the user."""

    style: str | None = None
    style_set: bool = False
    background: str | None = None
    notes: list[str] = field(default_factory=list)


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
        or (word not in lx.KNOWN_NOUNS and word.endswith((*lx.ADJECTIVE_SUFFIXES, "y")))
    )


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
    if j < n and tokens[j] in lx.BACKGROUND_WORDS and (words or has_prep):
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


# -- numbers ------------------------------------------------------------------------------
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
        if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on"):
            break
        if word in ("a", "an", "the") or (words and read_number(tokens, j)[0] is not None):
            break
        if word in lx.DETERMINERS or word in lx.PRONOUNS or word in lx.BETWEEN_WORDS:
            break
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
            continue
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
def scan(tokens: list[str], extras: Extras) -> list[Item]:
    """Read ``tokens`` into items, filling ``extras`` with style and background."""
    items: list[Item] = []
    i, n = 0, len(tokens)
    while i < n:
        word = tokens[i]
        j = match_style(tokens, i, extras)
        if j == i:
            j = match_background(tokens, i, extras)
        if j > i:
            i = j
            continue
        pos = longest(tokens, i, lx.POSITIONS, 6)
        rel = longest(tokens, i, lx.RELATIONS, lx.MAX_RELATION_WORDS)
        if word == "in" and i + 1 < n:
            k = i + 1 + (tokens[i + 1] in lx.DETERMINERS or tokens[i + 1] in ("a", "one"))
            if k < n and tokens[k] in lx.HAND_WORDS:
                items.append(Item("INHAND"))
                i = k + 1
                continue
        after_thing = bool(items) and items[-1].kind in ("NP", "COP", "STATE", "ADJS")
        if after_thing and (word in STATE_WORDS or _is_state(word, rel)):
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
        elif starts_phrase(tokens, i):
            item, i = read_phrase(tokens, i, extras)
            if item is not None:
                items.append(item)
        else:
            i += 1
    return items
