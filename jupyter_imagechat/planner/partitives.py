"""Counts shared out among kinds of one thing.

People split a count in several ways the noun-phrase reader would misread as one thing with
every attribute:

- a shared noun: "one red and two blue apples", "two big, three small dogs";
- a part of a group: "three apples, one of them green", "five cats, two of which are black";
- an itemised group: "five balloons: two red, three yellow".

:func:`split_counts` rewrites such token runs, before the scan, into phrases the reader
already knows ("one red apples and two blue apples", "2 apples and 1 green apples"), so
each kind becomes its own entity with its own count. Runs that do not add up (an itemised
group whose parts do not sum to its count, a part as big as the group) are left alone.
"""

from __future__ import annotations

from ..vocab.files import read_json
from . import lexicon as lx
from .words import FUNCTION_WORDS, HARD_BOUNDARY, read_number

REFERENTS = frozenset({"them", "which", "these", "those"})
"""Words after "one of" that point back at the group ("one of them")."""
_LINKS = frozenset({"is", "are", "being"})
_BREAKS = frozenset({",", ":", "-", ";"})
_PORTIONS = read_json(__file__, "portions.json")
MEASURES = frozenset(_PORTIONS["measures"])
"""Words that measure out a stuff ("a bar of chocolate", "two slices of pizza", "a lump of
clay"): the thing drawn is the stuff, in that count, not a "bar" beside it."""
ONE_PICTURE: dict[str, dict[str, str]] = _PORTIONS["one_picture"]
"""Stuff -> container -> the one thing they are together ("a bowl of cereal": cereal, whose
picture is a bowl of it; "a carton of milk": a milk carton)."""
MAX_NOUN_WORDS = 3
"""Longest noun borrowed by the earlier parts of a shared noun ("teddy bears")."""


def split_counts(tokens: list[str]) -> list[str]:
    """Return ``tokens`` with shared nouns, parts of groups and itemised groups spelled out
    (see the module docstring); other tokens are returned unchanged."""
    if "of" in tokens:
        tokens = _measures(tokens)
    joins = [k for k, t in enumerate(tokens[:-1]) if t in (",", "and", ":", "-", "of")]
    if not joins:  # the quick way out for most prompts
        return tokens
    if any(tokens[k] != "of" and _count(tokens, k + 1)[0] is not None for k in joins):
        tokens = _itemised(_shared_noun(tokens))
    if any(tokens[k] == "of" and tokens[k + 1] in REFERENTS for k in joins if k + 1 < len(tokens)):
        tokens = _partitive(tokens)
    return tokens


def _count(tokens: list[str], k: int) -> tuple[int | None, int]:
    """A count at ``k``: a number, or "a"/"an" (1)."""
    if k < len(tokens) and tokens[k] in ("a", "an"):
        return 1, k + 1
    return read_number(tokens, k)


def _adjectives(tokens: list[str], k: int) -> int:
    """Index after the run of (at most three) adjectives at ``k``."""
    end = k
    while end < len(tokens) and end - k < 3 and _describes(tokens[end]):
        if _compound_at(tokens, end):
            break  # "green teddy bears": "teddy" starts the noun
        end += 1
    return end


def _compound_at(tokens: list[str], k: int) -> bool:
    """Whether a known noun of two words starts at ``k`` ("teddy bears", "hot dog")."""
    pair = " ".join([tokens[k], lx.singular(tokens[k + 1])]) if k + 1 < len(tokens) else ""
    return pair in lx.KNOWN_NOUNS


def _describes(word: str) -> bool:
    """A known colour, shade or adjective ("a mic and a bottle" share nothing)."""
    return bool(lx.color_of(word)) or word in lx.SHADES or word in lx.ADJECTIVES


def _noun(tokens: list[str], k: int) -> int:
    """Index after the noun at ``k`` (up to :data:`MAX_NOUN_WORDS` words), ``k`` if none."""
    end = k
    while end < len(tokens) and end - k < MAX_NOUN_WORDS:
        word = tokens[end]
        if word in HARD_BOUNDARY or word in FUNCTION_WORDS or word in _BREAKS:
            break
        if word in ("a", "an", "the", "in", "on", "at") or read_number(tokens, end)[0] is not None:
            break
        if lx.RELATIONS.get((word,)) or (_describes(word) and not _compound_at(tokens, end)):
            break
        end += 1
    return end


def _segments(tokens: list[str], k: int) -> list[tuple[int, int, int]]:
    """The "count adjectives" parts starting at ``k``, joined by "," / "and" / ", and":
    ``(start, end of the count, end of the adjectives)`` each."""
    out = []
    while True:
        n, after = _count(tokens, k)
        if n is None:
            break
        end = _adjectives(tokens, after)
        out.append((k, after, end))
        j = end
        while j < len(tokens) and tokens[j] in (",", "and"):
            j += 1
        if j == end or end == after:
            break
        k = j
    return out


def _shared_noun(tokens: list[str]) -> list[str]:
    """ "one red and two blue apples" -> "one red apples and two blue apples"."""
    out = list(tokens)
    k = 0
    while k < len(out):
        parts = _segments(out, k)
        if len(parts) >= 2 and all(
            end > after and lx.singular(out[end - 1]) not in lx.KNOWN_NOUNS  # "a red orange"
            for _, after, end in parts[:-1]
        ):
            last_end = parts[-1][2]
            noun_end = _noun(out, last_end)
            if noun_end > last_end:
                noun = out[last_end:noun_end]
                for _start, _after, end in reversed(parts[:-1]):
                    out[end:end] = noun
                k = noun_end + len(noun) * (len(parts) - 1)
                continue
        k += 1
    return out


def _group_before(tokens: list[str], k: int) -> tuple[int, int, int, int, int] | None:
    """The counted group ending just before ``k`` (a comma or dash may sit between):
    ``(start, count, end of the count, end of its adjectives, end of the noun)``."""
    end = k - 1 if k and tokens[k - 1] in _BREAKS else k
    for start in range(max(end - 1 - MAX_NOUN_WORDS - 3, 0), end):
        n, after = read_number(tokens, start)
        if n is None or (start and read_number(tokens, start - 1)[0] is not None):
            continue
        adj_end = _adjectives(tokens, after)
        if adj_end < end and _noun(tokens, adj_end) == end:
            return start, n, after, adj_end, end
    return None


def _partitive(tokens: list[str]) -> list[str]:
    """ "three apples, one of them green" -> "2 apples and 1 green apples"."""
    out = list(tokens)
    k = 0
    while k < len(out):
        part, after = read_number(out, k)
        if part is None or out[after : after + 1] != ["of"] or after + 1 >= len(out):
            k += 1
            continue
        if out[after + 1] not in REFERENTS:
            k += 1
            continue
        j = after + 2
        while j < len(out) and out[j] in _LINKS:
            j += 1
        adj_end = _adjectives(out, j)
        group = _group_before(out, k)
        if group is None or adj_end == j:
            k += 1
            continue
        start, total, count_end, describe_end, noun_end = group
        if not 0 < part < total:
            k += 1
            continue
        adjs = out[count_end:describe_end]
        noun = out[describe_end:noun_end]
        rest = [str(total - part), *adjs, *noun, "and", str(part), *out[j:adj_end], *adjs, *noun]
        out[start:adj_end] = rest
        k = start + len(rest)
    return out


def _itemised(tokens: list[str]) -> list[str]:
    """ "five balloons: two red, three yellow" -> "two red balloons and three yellow balloons"."""
    out = list(tokens)
    k = 0
    while k < len(out):
        if out[k] not in _BREAKS:
            k += 1
            continue
        group = _group_before(out, k + 1)
        parts = _segments(out, k + 1)
        if group is None or len(parts) < 2 or any(end == after for _, after, end in parts):
            k += 1
            continue
        start, total, count_end, describe_end, noun_end = group
        counts = [_count(out, s)[0] or 0 for s, _, _ in parts]
        if sum(counts) != total:
            k += 1
            continue
        noun = out[describe_end:noun_end]
        adjs = out[count_end:describe_end]
        rest: list[str] = []
        for s, _after, end in parts:
            rest += [*(["and"] if rest else []), *out[s:end], *adjs, *noun]
        out[start : parts[-1][2]] = rest
        k = start + len(rest)
    return out


def _measures(tokens: list[str]) -> list[str]:
    """ "a bar of chocolate" -> "a chocolate"; "two slices of pizza" -> "two pizza slices"
    (a known compound keeps the measure, in the count's number)."""
    out = list(tokens)
    k = 1
    while k + 2 < len(out):
        if out[k] == "glasses" and out[k + 1] == "of" and _count(out, k - 1)[0] is not None:
            out[k] = "glass"  # "three glasses of milk": drinking glasses, not spectacles
        measure = lx.singular(out[k])
        if out[k + 1] != "of" or _count(out, k - 1)[0] is None:
            k += 1
            continue
        noun_end = _noun(out, k + 2)
        if noun_end == k + 2 and (out[k + 2] in lx.KNOWN_NOUNS or measure in MEASURES):
            noun_end = k + 3  # a material that is also a stuff: "a sheet of paper", "clay"
        stuff = out[k + 2 : noun_end]
        whole = _one_picture(stuff, measure)
        if whole:  # "a bowl of cereal", "two cartons of milk"
            out[k:noun_end] = whole
            k += len(whole)
            continue
        if measure not in MEASURES:
            k += 1
            continue
        if not stuff or lx.singular(stuff[-1]) != stuff[-1]:  # "a piece of the puzzles"
            k += 1
            continue
        compound = " ".join([*stuff, measure])
        if compound in lx.KNOWN_NOUNS:  # "pizza slice": keep "slices" as written
            rest = [*stuff, out[k]]
        else:
            rest = stuff  # the stuff itself, counted ("three bars of soap": three soaps)
        out[k:noun_end] = rest
        k += len(rest)
    return out


def _one_picture(stuff: list[str], container: str) -> list[str]:
    """The tokens of the one thing ``container`` of ``stuff`` is (see
    :data:`ONE_PICTURE`), or [] when they are two."""
    name = " ".join(stuff)
    name = lx.SYNONYMS.get(name, name)
    wanted = ONE_PICTURE.get(name) or ONE_PICTURE.get(lx.singular(name)) or {}
    return wanted[container].split() if container in wanted else []
