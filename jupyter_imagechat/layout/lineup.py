"""How an arrangement lines up: the rows of its items, and a box for each in a region.

An arrangement (:class:`~jupyter_imagechat.scene.Arrangement`) lines up *items*: each
instance of an entity member, in order, or a panel member as one item. :func:`rows_of`
says which items share a row (the layout, the engine and the checker read the same
rows: the checker verifies from them that rows and columns line up); :func:`fit_items`
gives every item a box inside a region:

- ``row``: one row, left to right; ``column``: one column, top to bottom. Consecutive
  members are a little further apart than instances of one member, and further still
  where a sign or a labelled arrow goes between them.
- ``rows``: each member its own row, unless ``rows`` gives another number of rows
  (then the items share out evenly, first rows first: "three rows of four").
- ``grid``: ``rows`` rows (or about square), full rows first; ``pictogram``: one row per
  member, with room at the start of each row for the member's name. In all three the
  columns line up, so counts compare at a glance.
- ``circle``: round a circle, starting at the top, clockwise (a cycle);
  ``stack``: on top of each other, the first at the bottom.

Items of one arrangement are the same size (their cells are equal), so rows line up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..scene import Arrangement
from .blocks import Rect
from .circle import circle_of, fit_circle, places_of
from .items import MAX_SIDE, PANEL_ROW, SUM_LINE, Item, items_of

GAP = 0.25
"""Space between items of one member, as a share of an item's side."""
MEMBER_GAP = 0.6
"""Space between consecutive members of a row or column, as a share of an item's side."""
SIGN_GAP = 1.0
"""The same where a sign is drawn between them."""
PANEL_GAP = 0.08
"""Space between panels, as a share of a panel's width."""
PANEL_SIGN_GAP = 0.3
"""The same where a sign is drawn between them."""
STACK_GAP = -0.08
"""Stacked things touch (overlap a little)."""
PANEL_ASPECT = (0.72, 1.3)
"""Least and most height / width of a panel's cell."""


def rows_of(arrangement: Arrangement, counts: dict[str, int]) -> list[list[Item]]:
    """The rows an arrangement's items are drawn in, top to bottom (a ``column`` or
    ``stack``: one item per row; a ``circle``: one row of all its items, round)."""
    groups = items_of(arrangement, counts)
    flat = [item for group in groups for item in group]
    kind, wanted = arrangement.kind, arrangement.rows
    if kind in ("column", "stack"):
        rows = [[item] for item in flat]
        return rows[::-1] if kind == "stack" else rows  # the first item at the bottom
    if kind == "pictogram" or (kind == "rows" and (wanted is None or wanted == len(groups))):
        return groups
    if kind == "row" and stacked_sum(arrangement, counts):
        return groups  # a sum set one member per line
    if kind == "row" and len(flat) > PANEL_ROW and not set(arrangement.members) & set(counts):
        return _share(flat, math.ceil(len(flat) / PANEL_ROW))  # panels: two rows or more
    if kind == "rows":
        return _share(flat, min(wanted or 1, len(flat)))
    if kind == "grid":
        cols = math.ceil(len(flat) / wanted) if wanted else math.ceil(math.sqrt(len(flat)))
        return [flat[i : i + cols] for i in range(0, len(flat), cols)]
    return [flat]  # row, circle


def stacked_sum(arrangement: Arrangement, counts: dict[str, int]) -> bool:
    """Whether a row with signs (a sum) is set one member per line, its signs between the
    lines: when on one line its items would be smaller than :data:`~.items.SUM_LINE` of a
    square picture and one member per line draws them bigger."""
    if arrangement.kind != "row" or not arrangement.signs or len(arrangement.members) < 2:
        return False
    groups = items_of(arrangement, counts)
    if not set(arrangement.members) <= set(counts):
        return False  # panels with signs between stay side by side
    n = sum(len(g) for g in groups)
    line = 1 / (n + sum(_gaps("row", groups, True, False, ())[0]))
    widest = max(len(g) for g in groups)
    lines = len(groups)
    stacked = 1 / max(widest + GAP * (widest - 1), lines + SIGN_GAP * (lines - 1))
    return line < SUM_LINE and stacked > 1.2 * line


def _share(items: list[Item], n: int) -> list[list[Item]]:
    """``items`` in ``n`` rows as even as can be, the longer rows first."""
    base, extra = divmod(len(items), n)
    out, start = [], 0
    for r in range(n):
        size = base + (1 if r < extra else 0)
        out.append(items[start : start + size])
        start += size
    return out


def fit_items(
    arrangement: Arrangement,
    counts: dict[str, int],
    region: Rect,
    *,
    panels: bool = False,
    name_width: float = 0.0,
    between: Sequence[float] = (),
    turn: int = 0,
    aspect: float = 1.0,
) -> dict[Item, Rect]:
    """Return a box for every item of ``arrangement``, inside ``region``, centred.

    Parameters
    ----------
    counts : dict
        Entity id -> count (members not in it are one item each).
    panels : bool
        The items are panels: cells may be taller or wider than square.
    name_width : float
        Room kept at the start of every row for a name (a pictogram), in picture units.
    between : sequence of float
        Extra room (picture units) wanted between consecutive members of a ``row`` or
        ``column``: a labelled arrow's text. One value per gap, or none.
    turn : int
        For a ``circle``: how many places round the first one goes (see
        :func:`.circle.turn_for`).
    aspect : float
        Width / height of the things' cells (a number line is wide, see
        :func:`.items.aspect_of`); ignored for panels and round a circle.
    """
    kind = arrangement.kind
    aspect = 1.0 if panels else aspect
    if kind == "circle":
        return fit_circle(places_of(arrangement, counts), region, panels=panels, turn=turn)
    rows = rows_of(arrangement, counts)
    if kind == "row" and len(rows) > 1:  # a sum one member per line, or many panels
        stacked = stacked_sum(arrangement, counts)
        return _grid(rows, region, panels, 0.0, aspect, SIGN_GAP if stacked else None)
    if kind in ("row", "column", "stack"):
        return _line(arrangement, counts, region, panels, between, aspect)
    return _grid(rows, region, panels, name_width, aspect)


def _cell(avail_w: float, avail_h: float, panels: bool, aspect: float = 1.0) -> tuple[float, float]:
    """Width and height of one cell given the room per cell (things: ``aspect`` wide)."""
    if not panels:
        h = max(min(avail_w / aspect, avail_h, MAX_SIDE), 1e-4)
        return h * aspect, h
    low, high = PANEL_ASPECT
    h = min(avail_h, avail_w * high)
    w = min(avail_w, h / low)
    return max(w, 1e-4), max(h, 1e-4)


def _grid(
    rows: list[list[Item]],
    region: Rect,
    panels: bool,
    name_width: float,
    aspect: float = 1.0,
    row_gap: float | None = None,
) -> dict[Item, Rect]:
    """Rows of equal cells, left-aligned so that columns line up; ``row_gap`` (in item
    heights) between rows where it is not the usual gap (a sign goes there)."""
    x0, y0, x1, y1 = region
    ncol, nrow = max(len(r) for r in rows), len(rows)
    gap = GAP if not panels else PANEL_GAP
    gap_y = gap if row_gap is None else row_gap
    avail_w = (x1 - x0 - name_width) / (ncol + gap / aspect * (ncol - 1))
    avail_h = (y1 - y0) / (nrow + gap_y * (nrow - 1))
    w, h = _cell(avail_w, avail_h, panels, aspect)
    step_x = w + (w if panels else h) * gap
    step_y = h * (1 + gap_y)
    total_w = name_width + w + step_x * (ncol - 1)
    total_h = h + step_y * (nrow - 1)
    left = x0 + (x1 - x0 - total_w) / 2 + name_width
    top = y0 + (y1 - y0 - total_h) / 2
    out = {}
    for r, row in enumerate(rows):
        for c, item in enumerate(row):  # left-aligned: columns line up across rows
            x, y = left + c * step_x, top + r * step_y
            out[item] = (x, y, x + w, y + h)
    return out


def _line(
    arrangement: Arrangement,
    counts: dict[str, int],
    region: Rect,
    panels: bool,
    between: Sequence[float],
    aspect: float = 1.0,
) -> dict[Item, Rect]:
    """One row (``row``) or one column (``column``, ``stack``) with member gaps. Gaps are
    in item heights (in panel widths for a row of panels)."""
    kind = arrangement.kind
    groups = items_of(arrangement, counts)
    if kind == "stack":
        groups = [g[::-1] for g in groups[::-1]]  # drawn top down, the first at the bottom
        between = list(between)[::-1]
    flat = [item for g in groups for item in g]
    rel, absolute = _gaps(kind, groups, bool(arrangement.signs), panels, between)
    x0, y0, x1, y1 = region
    along, across = (x1 - x0, y1 - y0) if kind == "row" else (y1 - y0, x1 - x0)
    if kind == "row":
        ratio = 1.0 if panels else aspect  # an item's length along the line, in gap units
        unit = _line_side(along, len(flat), rel, absolute, ratio)
        w, h = _cell(unit * ratio, across, panels, aspect)
        length, unit = w, (w if panels else h)
    else:
        avail = _line_side(along, len(flat), rel, absolute)
        w, h = _cell(across, avail, panels, aspect)
        length = unit = h
    gaps = [max(r * unit, a) if a else r * unit for r, a in zip(rel, absolute, strict=True)]
    total = length * len(flat) + sum(gaps)
    out = {}
    pos = (x0 + (x1 - x0 - total) / 2) if kind == "row" else (y0 + (y1 - y0 - total) / 2)
    for n, item in enumerate(flat):
        if kind == "row":
            top = y0 + (y1 - y0 - h) / 2
            out[item] = (pos, top, pos + w, top + h)
        else:
            left = x0 + (x1 - x0 - w) / 2
            out[item] = (left, pos, left + w, pos + h)
        if n < len(gaps):
            pos += length + gaps[n]
    return out


def _line_side(
    along: float, n: int, rel: list[float], absolute: list[float], ratio: float = 1.0
) -> float:
    """The largest gap unit for ``n`` items ``ratio`` units long in a line of length
    ``along`` whose gaps are ``rel`` units, or more where ``absolute`` asks for more (the
    texts between)."""
    items = n * ratio
    side = along / (items + sum(rel))
    for _ in range(len(rel) + 1):
        wide = [a > r * side for r, a in zip(rel, absolute, strict=True)]
        fixed = sum(a for a, w in zip(absolute, wide, strict=True) if w)
        free = items + sum(r for r, w in zip(rel, wide, strict=True) if not w)
        if along - fixed <= 0:  # the texts leave no room: share it by sides alone
            return along / (items + sum(rel))
        new = (along - fixed) / free
        if abs(new - side) < 1e-12:
            break
        side = new
    return side


def _gaps(
    kind: str, groups: list[list[Item]], signs: bool, panels: bool, between: Sequence[float]
) -> tuple[list[float], list[float]]:
    """The gap after each item of a line but the last: in item sides, and in picture units.
    Members of one thing each are as close as instances (no groups to tell apart)."""
    rel: list[float] = []
    absolute: list[float] = []
    member_gap = GAP if all(len(g) == 1 for g in groups) else MEMBER_GAP
    for m, group in enumerate(groups):
        for k in range(len(group)):
            if m == len(groups) - 1 and k == len(group) - 1:
                break
            if kind == "stack":
                rel.append(STACK_GAP)
                absolute.append(0.0)
            elif k == len(group) - 1 and panels:
                rel.append(PANEL_SIGN_GAP if signs else PANEL_GAP)
                absolute.append(between[m] if m < len(between) else 0.0)
            elif k == len(group) - 1:
                rel.append(SIGN_GAP if signs else member_gap)
                absolute.append(between[m] if m < len(between) else 0.0)
            else:
                rel.append(GAP if not panels else PANEL_GAP)
                absolute.append(0.0)
    return rel, absolute


def natural_size(
    arrangement: Arrangement,
    counts: dict[str, int],
    *,
    panels: bool = False,
    aspect: float = 1.0,
) -> tuple[float, float]:
    """Width and height of an arrangement with items 1 high and ``aspect`` wide (panels
    1 x 1.1): what the layout compares when several groups share the picture."""
    kind = arrangement.kind
    groups = items_of(arrangement, counts)
    n = sum(len(g) for g in groups)
    tall = 1.1 if panels else 1.0
    aspect = 1.0 if panels else aspect
    if kind == "circle":
        shape = circle_of(len(places_of(arrangement, counts)))
        return shape.width, shape.height * tall
    rows = rows_of(arrangement, counts)
    if kind in ("row", "column", "stack") and (kind != "row" or len(rows) == 1):
        length = sum(_gaps(kind, groups, bool(arrangement.signs), panels, ())[0])
        if kind == "row":
            return n * aspect + length, tall
        return aspect, (n + length) * tall
    ncol, nrow = max(len(r) for r in rows), len(rows)
    gap_y = SIGN_GAP if stacked_sum(arrangement, counts) else GAP
    width = ncol * aspect + GAP * (ncol - 1) + (2.5 if kind == "pictogram" else 0.0)
    return width, (nrow + gap_y * (nrow - 1)) * tall
