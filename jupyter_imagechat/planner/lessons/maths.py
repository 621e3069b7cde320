"""Maths a teacher types with its own numbers: sums drawn as things with signs, fractions
of a shape or a pizza, clocks showing a time, number lines, coins.

"3 apples + 2 apples = 5 apples", "two plus three equals five with stars", "10 take away
4", "4 x 3 as equal rows", "a quarter of a pizza", "three quarters of a square shaded", "a
clock showing half past three", "a number line from 0 to 20", "three 10p coins".

:func:`spell_signs` first writes signs as words ("3+2=5" -> "3 plus 2 equals 5", "3/4" ->
"3 over 4", "£2" -> "2 pound"), outside quoted text, so the tokenizer keeps them.
:func:`read_sum` reads a sum into a scene; :mod:`.maths_things` reads fractions, times,
ranges and coin values into attributes of the things the rest of the prompt names.
"""

from __future__ import annotations

import re

from ...scene import MAX_COUNT, Arrangement, Entity, Label, SceneGraph
from .. import lexicon as lx
from ..words import read_number

__all__ = ["read_sum", "spell_signs"]

_SIGNS = [
    (re.compile(r"(?<=[\w)])\s*\+\s*(?=[\w(])"), " plus "),
    (re.compile(r"(?<=[\w)?])\s*=\s*(?=[\w(?])"), " equals "),
    (re.compile(r"(?<=\d)\s*[x×*]\s*(?=\d)"), " times "),
    (re.compile(r"(?<=\d)\s*÷\s*(?=\d)"), " divided by "),
    (re.compile(r"(?<=\d)\s+[-−–]\s+(?=\d)|(?<=\d)[−–](?=\d)"), " minus "),
    (re.compile(r"(?<=\d)\s*/\s*(?=\d)"), " over "),
    (re.compile(r"(?<=\d):(?=\d\d\b)"), " colon "),
    (re.compile(r"£\s*(\d+)"), r" \1 pound "),
    (re.compile(r"\$\s*(\d+)"), r" \1 dollar "),
    (re.compile(r"(\d+)\s*¢"), r" \1 cent "),
]
_QUOTED = re.compile(
    r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d|(?<![A-Za-z0-9])'[^'\n]*'(?![A-Za-z0-9])"
)


def spell_signs(text: str) -> str:
    """Return ``text`` with maths signs written as words, quoted text left as it is."""
    if not any(c in text for c in "+=x×*÷-−–/:£$¢"):
        return text
    out, pos = [], 0
    for quote in _QUOTED.finditer(text):
        out.append(_spell(text[pos : quote.start()]))
        out.append(quote.group(0))
        pos = quote.end()
    out.append(_spell(text[pos:]))
    return "".join(out)


def _spell(part: str) -> str:
    for pattern, words in _SIGNS:
        part = pattern.sub(words, part)
    return part


# -- sums -------------------------------------------------------------------------------------
_OPS: dict[tuple[str, ...], str] = {
    ("plus",): "+", ("add",): "+", ("added", "to"): "+", ("minus",): "-",
    ("take", "away"): "-", ("takeaway",): "-", ("subtract",): "-", ("less",): "-",
    ("times",): "×", ("multiplied", "by"): "×", ("lots", "of"): "×", ("groups", "of"): "×",
    ("divided", "by"): "÷", ("shared", "between"): "÷", ("shared", "equally", "between"): "÷",
    ("shared", "into"): "÷",
}  # fmt: skip
_EQUALS: tuple[tuple[str, ...], ...] = (
    ("equals",),
    ("equal",),
    ("is", "equal", "to"),
    ("makes",),
    ("make",),
    ("gives",),
    ("is",),
)
_WITH = frozenset(lx.words("with using as in of"))
_ROWS_WORDS = frozenset(lx.words("row rows array arrays"))
_MATHS_THINGS = {"counter": "dot", "dot": "dot", "cube": "cube", "block": "block"}
"""What a sum may be drawn with besides the planner's nouns ("with counters": dots)."""
DEFAULT_THING = "dot"
"""What a sum is drawn with when it names no thing ("3 + 2 = 5"): dots, as on a worksheet."""


def _op_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    for size in (3, 2, 1):
        key = tuple(tokens[i : i + size])
        if key in _OPS:
            return _OPS[key], i + size
    return None


def _equals_at(tokens: list[str], i: int) -> int:
    for key in _EQUALS:
        if tuple(tokens[i : i + len(key)]) == key:
            return i + len(key)
    return i


def _thing_words(tokens: list[str], i: int) -> tuple[str | None, dict[str, str], int]:
    """A thing named after a number ("3 red apples"): its noun, colour and the index after."""
    attrs: dict[str, str] = {}
    j = i
    while j < len(tokens) and lx.color_of(tokens[j]):
        attrs["color"] = lx.color_of(tokens[j]) or ""
        j += 1
    if (
        j < len(tokens)
        and tokens[j].isalpha()
        and _op_at(tokens, j) is None
        and _equals_at(tokens, j) == j
        and tokens[j] not in _WITH
        and tokens[j] != "and"
    ):
        word = lx.singular(tokens[j])
        name = _MATHS_THINGS.get(word) or lx.SYNONYMS.get(word, word)
        if name in lx.KNOWN_NOUNS or word in lx.KNOWN_NOUNS or word in _MATHS_THINGS:
            return name, attrs, j + 1
    return None, {}, i


def read_sum(tokens: list[str]) -> tuple[SceneGraph, list[int], list[str]] | None:
    """Read a sum ("3 apples plus 2 apples equals 5 apples", "10 take away 4", "4 times 3
    as equal rows"); return its scene, the token positions it used and notes, or None.

    Adding and taking away draw each number as that many things with the signs between
    them (the answer too, worked out when the prompt does not give it); multiplying and
    sharing draw the things in equal rows with the sum as their label.
    """
    for start in range(len(tokens)):
        number, k = read_number(tokens, start)
        if number is None:
            continue
        name, attrs, k = _thing_words(tokens, k)
        op = _op_at(tokens, k)
        if op is None:
            continue
        found = _read_terms(tokens, start, number, name, attrs)
        if found is not None:
            return found
        return None
    return None


def _read_terms(
    tokens: list[str], start: int, number: int, name: str | None, attrs: dict[str, str]
) -> tuple[SceneGraph, list[int], list[str]] | None:
    terms: list[tuple[int, str | None, dict[str, str]]] = [(number, name, attrs)]
    signs: list[str] = []
    k = _thing_words(tokens, read_number(tokens, start)[1])[2]
    while (op := _op_at(tokens, k)) is not None:
        value, j = read_number(tokens, op[1])
        if value is None:
            break
        thing, more, j = _thing_words(tokens, j)
        terms.append((value, thing, more))
        signs.append(op[0])
        k = j
    if not signs:
        return None
    answer = None
    j = _equals_at(tokens, k)
    if j > k:
        answer, after = read_number(tokens, j)
        if answer is not None:
            thing, more, k = _thing_words(tokens, after)
            terms.append((answer, thing, more))
    end = k
    noun, colour, end = _drawn_with(tokens, end, terms)
    end, rows = _as_rows(tokens, end)
    if rows and noun == DEFAULT_THING:  # "as an array of stars"
        noun, colour, end = _drawn_with(tokens, end, terms)
    used = list(range(start, end))
    if any(s in "×÷" for s in signs):
        return _product(terms, signs, noun, colour, answer is not None, used, rows)
    return _sum_scene(terms, signs, noun, colour, answer is not None), used, []


def _drawn_with(
    tokens: list[str], k: int, terms: list[tuple[int, str | None, dict[str, str]]]
) -> tuple[str, dict[str, str], int]:
    """The thing a sum is drawn with: "with stars", "using apples", else the first term's."""
    if k < len(tokens) and tokens[k] in _WITH:
        thing, attrs, j = _thing_words(tokens, k + 1 + (tokens[k + 1 : k + 2] in (["the"], ["a"])))
        if thing is not None:
            return thing, attrs, j
    named = next((t for t in terms if t[1]), None)
    if named is not None:
        return named[1] or DEFAULT_THING, named[2], k
    return DEFAULT_THING, {}, k


_AS_ROWS = frozenset(lx.words("as in an a equal rows row array arrays groups group lines"))


def _as_rows(tokens: list[str], k: int) -> tuple[int, bool]:
    """ "as equal rows", "in an array", "in equal groups" after a sum: read, and whether
    it said so."""
    if k >= len(tokens) or tokens[k] not in ("as", "in"):
        return k, False
    j = k + 1
    while j < len(tokens) and tokens[j] in _AS_ROWS:
        j += 1
    said = any(t in _ROWS_WORDS or t in ("groups", "group") for t in tokens[k:j])
    return (j, True) if said else (k, False)


def _sum_scene(
    terms: list[tuple[int, str | None, dict[str, str]]],
    signs: list[str],
    noun: str,
    colour: dict[str, str],
    answered: bool,
) -> SceneGraph:
    if not answered:
        total = terms[0][0]
        for (value, _n, _a), sign in zip(terms[1:], signs, strict=False):
            total = total + value if sign == "+" else total - value
        terms = [*terms, (total, None, {})]
    signs = [*signs, "="]
    scene = SceneGraph()
    members: list[str] = []
    kept: list[str] = []
    for index, (value, thing, attrs) in enumerate(terms):
        if index and value >= 1 and members:
            kept.append(signs[index - 1])
        if value < 1:
            continue
        eid = f"e{len(scene.entities) + 1}"
        count = min(value, MAX_COUNT)
        scene.entities.append(Entity(eid, thing or noun, count, dict(attrs or colour)))
        members.append(eid)
    if len(kept) != len(members) - 1:
        kept = []
    scene.arrangements.append(Arrangement("row", members, None, kept))
    return scene


def _product(
    terms: list[tuple[int, str | None, dict[str, str]]],
    signs: list[str],
    noun: str,
    colour: dict[str, str],
    answered: bool,
    used: list[int],
    rows: bool,
) -> tuple[SceneGraph, list[int], list[str]] | None:
    if len(signs) != 1 or len(terms) < 2:
        return None
    a, b = terms[0][0], terms[1][0]
    sign = signs[0]
    total, groups = (a * b, a) if sign == "×" else (a, b)
    if groups < 1 or total < 1:
        return None
    answer = total if sign == "×" else total / groups
    shown = int(answer) if answer == int(answer) else round(answer, 2)
    text = f"{a} {sign} {b} = {shown}"
    notes = []
    if total > MAX_COUNT:
        notes.append(f"capped {total} {noun}s at {MAX_COUNT}")
        total = MAX_COUNT
    scene = SceneGraph(entities=[Entity("e1", noun, total, dict(colour))])
    scene.labels.append(Label(text, "e1", 0, (0.5, 0.5)))
    scene.arrangements.append(Arrangement("rows", ["e1"], min(groups, total)))
    del answered, rows
    return scene, used, notes
