"""Arrangement words are layout, never things: "in a row", "in two rows", "in a grid", "in a
circle", "stacked", "side by side", "one above the other", "a pictogram of ...", "three rows
of four apples".

:func:`take_arrangement` finds such a phrase in the tokens and takes it out (so "row" is
never drawn as a thing); :func:`arrange_scene` then adds the
:class:`~jupyter_imagechat.scene.Arrangement` to the planned scene. Counts stay exactly as
typed: "five apples and three pears in two rows" is one row each.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scene import MAX_COUNT, Arrangement, SceneGraph
from . import lexicon as lx
from .words import read_number

__all__ = ["Wanted", "arrange_scene", "take_arrangement"]

_PHRASES: dict[tuple[str, ...], str] = {
    tuple(p.split()): kind
    for kind, phrases in {
        "row": "in a row|in one row|in a line|in a straight line|in one line|lined up|in a "
        "horizontal line|side by side|next to each other|beside each other|from left to right|"
        "left to right|all in a row|in a neat row",
        "column": "in a column|one above the other|one on top of the other|in a vertical line|"
        "one below the other|from top to bottom|in one column",
        "rows": "in rows|in equal rows|as equal rows|in equal groups|as equal groups|as an array|"
        "in an array|as rows|in neat rows",
        "grid": "in a grid|on a grid|in a square|as a grid|in a grid pattern",
        "circle": "in a circle|in a ring|round in a circle|around in a circle|in a round|"
        "forming a circle|in a circle shape",
        "stack": "stacked|stacked up|in a stack|in a pile|piled up|on top of each other|in a tower",
        "pictogram": "a pictogram of|pictogram of|a pictograph of|a bar chart of|bar chart of|"
        "a bar graph of|bar graph of|a tally chart of|a pictogram showing|a bar chart showing|"
        "pictogram showing|bar chart showing|as a pictogram|as a bar chart|in a pictogram|"
        "in a bar chart|pictogram|pictograph|bar chart|bar graph|a block graph of|block graph of|"
        "a bar graph showing|bar graph showing|a block graph showing|block graph|block chart|"
        "a tally chart showing|tally chart showing|tally chart of|tally chart|a tally of|tally of|"
        "a pictograph showing|a column chart of|"
        "a bar chart to show|a pictogram to show|a bar graph to show",
    }.items()
    for p in phrases.split("|")
}
_MAX = max(len(k) for k in _PHRASES)
_ROW_WORDS = frozenset(lx.words("row rows line lines column columns"))
_ROWS_OF = frozenset(lx.words("rows lines"))
_COLUMNS = frozenset(lx.words("column columns"))


@dataclass
class Wanted:
    """An arrangement a prompt asks for: its kind and number of rows (if said)."""

    kind: str
    rows: int | None = None


def take_arrangement(tokens: list[str]) -> tuple[list[str], Wanted | None]:
    """Return ``tokens`` without the arrangement phrase, and what it asks for (or None).

    Reads the phrases above, "in two rows", "in rows of four", "in a 3 by 4 grid", "three
    rows of four apples" (twelve apples in three rows) and "in 2 columns"; a phrase after a
    single thing ("a cat in a circle") is left alone.
    """
    for i in range(len(tokens)):
        found = _grid_of(tokens, i) or _rows_of(tokens, i) or _numbered(tokens, i)
        if found is None:
            size = _longest(tokens, i)
            if size:
                found = (i, i + size, Wanted(_PHRASES[tuple(tokens[i : i + size])]), None)
        if found is None:
            continue
        start, end, wanted, replace = found
        if wanted.kind != "pictogram" and not _several_before(tokens, start, replace):
            continue
        rest = tokens[:start] + (replace or []) + tokens[end:]
        if wanted.kind == "pictogram":
            rest = tokens[:start] + _chart_data(tokens[end:])
        return rest, wanted
    return tokens, None


def _chart_data(tokens: list[str]) -> list[str]:
    """A chart's data as things to count: "favourite fruit: apples 5, pears 2" -> "5 apples,
    2 pears" (the title before the colon is not a thing)."""
    if ":" in tokens[:8]:
        tokens = tokens[tokens.index(":") + 1 :]
    out = list(tokens)
    for k in range(len(out) - 1):
        number = read_number(out, k + 1)
        after = out[number[1] : number[1] + 1]
        if (
            number[0] is not None
            and out[k].isalpha()
            and after in ([], [","], ["and"])
            and read_number(out, k)[0] is None
            and out[k] not in ("and", "of")
        ):
            out[k], out[k + 1 : number[1]] = out[k + 1], [out[k]]
    return out


def _longest(tokens: list[str], i: int) -> int:
    for size in range(min(_MAX, len(tokens) - i), 0, -1):
        if tuple(tokens[i : i + size]) in _PHRASES:
            return size
    return 0


def _several_before(tokens: list[str], start: int, replace: list[str] | None) -> bool:
    """Whether more than one thing is named (before the phrase, or by the phrase itself)."""
    if replace:
        return True
    before = tokens[:start] or tokens[start:]
    for k, word in enumerate(before):
        number = read_number(before, k)[0]
        if (number is not None and number >= 2) or word in ("and", ",", "some", "many"):
            return True
        if lx.is_plural(word) and word not in _ROW_WORDS:
            return True
    return False


def _numbered(tokens: list[str], i: int) -> tuple[int, int, Wanted, None] | None:
    """ "in two rows", "in 3 columns", "in rows of four", "in a 3 by 4 grid"."""
    if tokens[i] != "in":
        return None
    j = i + 1 + (tokens[i + 1 : i + 2] in (["a"], ["an"]))
    number, k = read_number(tokens, j)
    if number is not None and tokens[k : k + 1] and tokens[k] in _ROW_WORDS | _COLUMNS:
        kind = "grid" if tokens[k] in _COLUMNS else "rows"
        rows = None if kind == "grid" else number
        return i, k + 1, Wanted(kind, _rows(rows)), None
    if number is not None and tokens[k : k + 1] == ["by"]:
        cols, m = read_number(tokens, k + 1)
        if cols is not None and tokens[m : m + 1] in (["grid"], ["array"]):
            return i, m + 1, Wanted("grid", _rows(number)), None
    if tokens[j : j + 3][:2] == ["rows", "of"]:
        size, m = read_number(tokens, j + 2)
        if size:
            return i, m, Wanted("rows", -size), None
    return None


def _rows_of(tokens: list[str], i: int) -> tuple[int, int, Wanted, list[str]] | None:
    """ "three rows of four apples": twelve apples in three rows."""
    rows, j = read_number(tokens, i)
    if rows is None or not tokens[j : j + 2] or tokens[j] not in _ROWS_OF:
        return None
    if tokens[j + 1 : j + 2] != ["of"]:
        return None
    each, k = read_number(tokens, j + 2)
    if each is None or rows < 1 or each < 1:
        return None
    return i, k, Wanted("rows", _rows(rows)), [str(min(rows * each, MAX_COUNT))]


def _grid_of(tokens: list[str], i: int) -> tuple[int, int, Wanted, list[str]] | None:
    """ "a 3 by 4 grid of stars", "a grid of 12 squares"."""
    j = i + (tokens[i] in ("a", "an"))
    rows, k = read_number(tokens, j)
    if rows is None or tokens[k : k + 1] not in (["by"], ["x"], ["times"]):
        return None
    cols, m = read_number(tokens, k + 1)
    if cols is None or tokens[m : m + 2] not in (["grid", "of"], ["array", "of"]):
        return None
    return i, m + 2, Wanted("grid", _rows(rows)), [str(min(rows * cols, MAX_COUNT))]


def _rows(number: int | None) -> int | None:
    return None if number is None else max(1, min(number, MAX_COUNT))


_NOT_MEMBERS = frozenset({"on", "inside", "under", "holding"})


def arrange_scene(scene: SceneGraph, wanted: Wanted) -> None:
    """Add the arrangement ``wanted`` asks for to ``scene``: its members are the things
    named (not what they stand on or are in: "five apples in a row on a table" lines up
    the apples)."""
    hosts = {r.object for r in scene.relations if r.predicate in _NOT_MEMBERS}
    held = {r.subject for r in scene.relations if r.predicate in _NOT_MEMBERS}
    members = [e.id for e in scene.entities if e.id not in hosts or e.id in held]
    members = members or [e.id for e in scene.entities]
    if not members:
        return
    rows = wanted.rows
    if rows is not None and rows < 0:  # "in rows of four": as many rows as that takes
        total = sum(scene.entity(m).count for m in members)
        rows = max(1, -(-total // -rows))
    if wanted.kind == "rows" and rows is None and len(members) == 1:
        rows = None
    scene.arrangements.append(Arrangement(wanted.kind, members, rows))
