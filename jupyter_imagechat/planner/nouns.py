"""Noun phrases: "three red apples", "the dog", "a man's head", "it".

:func:`read_phrase` reads one noun phrase (count, determiner, modifiers, head noun) at a
token index and returns it as an ``NP`` item, or an ``ADJS`` item for a run of bare
adjectives; :func:`cap_count` caps its count with a note. Quantities with adjectives ("a
large group of") are read by :mod:`.quantities`.
"""

from __future__ import annotations

from ..scene import MAX_COUNT
from . import lexicon as lx
from .clauses import (
    starts_predicate,
)
from .compounds import (
    INSIDE_NOUNS,
    goes_on_a_noun,
    joined_noun,
    noun_across,
    singular_key,
    stuff_not_verb,
)
from .items import Extras, Item, NounPhrase
from .links import PARTS
from .places import match_style
from .quantities import read_quantity
from .states import (
    body_part_at,
    participle,
    state_next,
)
from .words import (
    BODY_PARTS,
    FUNCTION_WORDS,
    HARD_BOUNDARY,
    NOT_THINGS,
    POSE_WORDS,
    STATE_PARTICLES,
    STATE_WORDS,
    VERB_ENDINGS,
    is_adjective_like,
    known_word,
    longest,
    read_number,
)


def starts_phrase(tokens: list[str], i: int) -> bool:
    """Whether a noun phrase may start at ``tokens[i]``."""
    word = tokens[i]
    if word in HARD_BOUNDARY or word in FUNCTION_WORDS:
        return word in ("some",) or stuff_not_verb(tokens, i)  # "a pot of paint"
    return True


def read_phrase(tokens: list[str], i: int, extras: Extras) -> tuple[Item | None, int]:
    """Read a noun phrase (or a run of bare adjectives) at ``i``.

    Returns the item (``None`` if the words make no phrase) and the index after it.
    """
    n = len(tokens)
    np = NounPhrase(name="", word="")
    j = i
    q = longest(tokens, j, lx.QUANTIFIERS, lx.MAX_QUANTIFIER_WORDS)
    before, group, size = read_quantity(tokens, j, np)  # "a large group of people"
    j += size
    number, k = read_number(tokens, j)
    if size:
        pass
    elif number is not None and k - j >= q:
        np.count, np.explicit, j = number, True, k
    elif q:
        key = tuple(tokens[j : j + q])
        np.count, np.explicit = lx.QUANTIFIERS[key], True
        np.more = key == ("another",)
        np.pair = "pair" in key
        group = [w for w in key if w in lx.COLLECTIVES or w == "lone"]  # "a row of bottles"
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
        span = noun_across(words, tokens, j) if word in INSIDE_NOUNS else j
        if span > j:  # "a chest of drawers", "a jack in the box": one thing
            words += tokens[j:span]
            j = span
            continue
        if word in COLOURED and (words or np.explicit) and j + 1 < n and _noun_like(tokens[j + 1]):
            j += 1  # "nine different colored labels": a modifier, not "is coloured"
            continue
        if word == "and" and words and _colour_pair(tokens, j):
            j += 1  # "five black and white photos": one thing in two colours
            continue
        stops = word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in ("in", "on")
        goes_on = goes_on_a_noun(words, tokens, j) or stuff_not_verb(tokens, j)
        if stops and not (word in FUNCTION_WORDS and goes_on):
            break  # but "a music stand", "a running track" are one thing each
        if word in ("a", "an", "the") or (words and read_number(tokens, j)[0] is not None):
            break
        if word in lx.DETERMINERS or word in lx.PRONOUNS or word in lx.BETWEEN_WORDS:
            break
        if word in ("right", "directly", "immediately") and longest(
            tokens, j + 1, lx.RELATIONS, lx.MAX_RELATION_WORDS
        ):
            break  # "right next to": an intensifier, not part of the thing
        loose = participle(word) and not (j + 1 < n and known_word(tokens[j + 1]))
        stated = words and (word in STATE_WORDS or loose) and _noun_before(words[-1])
        if stated and not goes_on_a_noun(words, tokens, j):
            break  # "a woman eating food", "with her eyes closed": the state, then the rest
        if words and participle(word) and _how_or_where(tokens, j + 1):
            break  # "a glass carafe tipped upside down", "a container isolated over white"
        if words and word in POSE_WORDS and lx.singular(words[-1]) in BODY_PARTS:
            break  # "left leg straight": the pose, not part of the name
        if words and word in ("left", "right") and body_part_at(tokens, j + 1):
            break  # "hand near face left arm down": a new body part
        if words and lx.singular(words[-1]) in BODY_PARTS and body_part_at(tokens, j):
            break  # "below chest head tilted": two body parts
        if words and word in ("both", "all") and state_next(tokens, j + 1):
            break  # "legs both bent"
        if words and word == "both" and j + 1 < n and body_part_at(tokens, j + 1):
            break  # "on the ground both arms bent": a new body part
        if word in lx.COMPARATIVES and tokens[j + 1 : j + 2] == ["than"]:
            break  # "a giraffe taller than a tree"
        if (
            longest(tokens, j, lx.POSITIONS, lx.MAX_POSITION_WORDS)
            or longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS)
            or longest(tokens, j, lx.STANDALONE_BACKGROUNDS, 3)
        ):
            break
        after_style = match_style(tokens, j, extras)
        if after_style > j:
            j = after_style
            continue
        if word.endswith("'s") and j + 1 < n and joined_noun(word[:-2], tokens[j + 1]):
            words.append(word[:-2])  # "a doll's house": a dollhouse, not the doll's
            j += 1
            continue
        if word.endswith("'s"):
            j += 1
            if known_word(word[:-2]) and j < n and tokens[j] not in HARD_BOUNDARY:
                words.append(word[:-2])  # "a man's head": the man, then his head
                np.owner = True
                break
            continue
        said = words and starts_predicate(words[-1], tokens, j)
        if said and not goes_on_a_noun(words, tokens, j):
            break  # "a man eats hamburgers", "a sidewalk showing one"; not "a music stand"
        words.append(word)
        j += 1
    if not words:
        return None, max(j, i + 1)
    item = _analyse(words, np)
    if size and item is not None and item.kind == "ADJS" and set(item.attrs or {}) == {"material"}:
        word = words[-1]  # "a brown piece of paper": the material is the thing
        known = word in lx.KNOWN_NOUNS
        item = Item("NP", np=NounPhrase(word, word, np.count, explicit=True, known=known))
    if before and item is not None and item.np is not None:  # "a brown piece of paper"
        item.np.attrs = ordered_attrs({**before, **item.np.attrs})
    if group and item is not None and item.np is not None:
        attr = "detail" if group[0] == "lone" else "arrangement"  # "a lone tree": alone
        if item.np.plural or attr == "detail":
            item.np.attrs = ordered_attrs({**item.np.attrs, attr: group[0]})
    return item, j


def listed_colour_noun(item: Item | None, tokens: list[str], start: int, end: int) -> Item | None:
    """ "a pear, orange, and two bananas": a colour word that is also a thing, alone between
    commas in a list of things, is the thing (but "a dog, orange and white" stays a colour).

    ``item`` is what :func:`read_phrase` read from ``tokens[start:end]``.
    """
    if item is None or item.kind != "ADJS" or end - start != 1 or start == 0:
        return item
    word = tokens[start]
    if not lx.color_of(word) or word not in lx.KNOWN_NOUNS or tokens[start - 1] != ",":
        return item
    k = end
    while k < len(tokens) and tokens[k] in (",", "and"):
        k += 1
    if k == end or k >= len(tokens) or lx.color_of(tokens[k]) or tokens[k] in lx.SHADES:
        return item
    return Item("NP", np=NounPhrase(word, word, 1, known=True))


COLOUR_NOUNS = frozenset(lx.words("color colour shade hue tone"))


_HOW_WORDS = frozenset(lx.words("upside upside-down by with from to into"))


def _how_or_where(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` goes on to say how or where ("upside down", "over", "on a
    table", the end): after "-ed", the "-ed" word is a state, not part of a name."""
    if j >= len(tokens) or tokens[j] in HARD_BOUNDARY:
        return True
    word = tokens[j]
    if word in STATE_PARTICLES or word in _HOW_WORDS:
        return True
    return bool(longest(tokens, j, lx.RELATIONS, lx.MAX_RELATION_WORDS)) or word in (
        lx.BACKGROUND_PREPOSITIONS
    )


def _noun_before(word: str) -> bool:
    """Whether ``word`` ends a thing's name: a known noun, a body part or a plural."""
    one = lx.singular(word)
    return known_word(word) or one in BODY_PARTS or (one != word and not word.endswith("ss"))


def _units(words: list[str]) -> list[tuple[str, str, bool]]:
    """Group words into (surface, singular, plural) units, joining multi-word nouns."""
    out: list[tuple[str, str, bool]] = []
    k = 0
    while k < len(words):
        found = _multi_at(words, k)
        joined = joined_noun(words[k], words[k + 1]) if not found and k + 1 < len(words) else None
        if found:
            surface, phrase, size, plural = found
            out.append((surface, phrase, plural))
            k += size
        elif joined is not None:  # "a butter fly", "two pan cakes": one word spelled as two
            out.append((f"{words[k]} {words[k + 1]}", joined, joined != words[k] + words[k + 1]))
            k += 2
        else:
            word = words[k]
            one = lx.singular(word)
            out.append((word, one, one != word))
            k += 1
    return out


def _multi_at(words: list[str], k: int) -> tuple[str, str, int, bool] | None:
    """The known noun of several words that starts at ``words[k]``: (surface, noun, size,
    plural), longest first, or None."""
    for size in range(min(lx.MAX_NOUN_WORDS, len(words) - k), 1, -1):
        surface = " ".join(words[k : k + size])
        head = words[k + size - 1]
        for last in dict.fromkeys((head, lx.singular(head), head[:-1], head[:-2])):
            key = (*words[k : k + size - 1], last)
            if key in lx.MULTI_WORD_NOUNS:
                return surface, lx.MULTI_WORD_NOUNS[key], size, last != head
        whole = tuple(words[k : k + size])
        one = singular_key(whole) if size > 2 else None
        if one is not None:  # "chests of drawers": the plural is on the first word
            return surface, lx.MULTI_WORD_NOUNS[one], size, one != whole
    return None


def _known(unit: tuple[str, str, bool]) -> bool:
    one = unit[1]
    return one in lx.KNOWN_NOUNS or one in lx.SYNONYMS or one in lx.PERSON_WORDS


def _verbish(word: str) -> bool:
    if lx.singular(word) in PARTS:  # "flower petals": a plural part, not a verb
        return False
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
        elif len(tail) == 1 and not plural_head and tail[0][2] and (np.count or 0) > 1:
            head += 1  # "four baseball stamps": the counted plural is the thing
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
    if one in COLOUR_NOUNS and "color" in attrs and not (plural or np.more):
        return Item("ADJS", attrs=attrs)  # "is a dark brown colour": the colour of a thing
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
        for after, _one, _plural in units[head + 1 :]:  # "alternating blue (and red stripes)"
            _add_modifier(attrs, compound, after, False)
        return Item("ADJS", attrs=attrs) if attrs else None
    np.name, np.word, np.plural, np.attrs = name, surface, plural, ordered_attrs(attrs)
    np.known = _known(units[head])
    if np.pair and name in lx.PAIR_NOUNS:
        np.count = 1
    if np.count is None and not np.definite:
        np.count = lx.plural_count(name) if plural else 1
    return Item("NP", np=np)


def _plain_adjective(word: str) -> bool:
    """A colour or a listed adjective (not one guessed from its ending)."""
    return lx.color_of(word) is not None or word in lx.ADJECTIVES or word in lx.SHADES


def _add_modifier(attrs: dict[str, str], compound: list[str], word: str, head_known: bool) -> None:
    color = lx.color_of(word)
    if color:
        key = next((k for k in ("color", "color2", "color3") if k not in attrs), "")
        if key and color not in attrs.values():
            attrs[key] = color  # "a red, white and blue flag"
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
        one = lx.SYNONYMS.get(lx.singular(word), lx.singular(word))
        attrs["kind"] = f"{attrs['kind']} {one}" if "kind" in attrs else one  # "rainbow pirate"
    else:
        compound.append(word)


def ordered_attrs(attrs: dict[str, str]) -> dict[str, str]:
    order = {k: i for i, k in enumerate(lx.ATTRIBUTE_ORDER)}
    return dict(sorted(attrs.items(), key=lambda kv: order.get(kv[0], len(order))))


def cap_count(np: NounPhrase, extras: Extras) -> int:
    """Return the count of ``np``, capped at :data:`MAX_COUNT` with a note."""
    count = np.count if np.count is not None else 1
    if count > MAX_COUNT:
        extras.notes.append(f"capped {count} {np.word or np.name} at {MAX_COUNT}")
        return MAX_COUNT
    return max(count, 1)


COLOURED = frozenset({"colored", "coloured", "painted"})


def _colour_pair(tokens: list[str], j: int) -> bool:
    """Whether "and" at ``j`` joins two colours of one thing: a colour before it, a colour
    after it and then the thing ("black and white photos"; not "the cat is black and white")."""
    if j + 2 >= len(tokens) or not lx.color_of(tokens[j - 1]) or not lx.color_of(tokens[j + 1]):
        return False
    if j >= 2 and tokens[j - 2] == ",":
        return False  # "a red, white and blue flag": a longer list, read by the builder
    return _noun_like(tokens[j + 2]) and not lx.color_of(tokens[j + 2])


def _noun_like(word: str) -> bool:
    """Whether ``word`` can go on a noun phrase as a noun (not a colour or a function word)."""
    return (
        word.isalpha()
        and word not in HARD_BOUNDARY
        and word not in FUNCTION_WORDS
        and word not in ("a", "an", "the", "in", "on")
        and not _plain_adjective(word)
    )
