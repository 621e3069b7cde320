"""The items an arrangement lines up, how big one may be, and when a line wraps.

An arrangement (:class:`~jupyter_imagechat.scene.Arrangement`) lines up *items*: each
instance of an entity member, in order, or a panel member as one item. Shared by
:mod:`.lineup` (rows, columns, grids) and :mod:`.circle`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..scene import Arrangement

Item = tuple[str, int]
"""``(member id, instance index)``; a panel member is ``(panel id, 0)``."""

MAX_SIDE = 0.34
"""Largest item, as a share of the picture: two apples in a row stay apple-sized."""
CIRCLE_SIDE = 0.3
"""Largest item round a circle (a stage of a cycle), as a share of the picture."""
WIDE = {"number line": 4.15}
"""Things much wider than tall, and their width / height: an arrangement gives their
items cells of that shape (a number line spans the picture instead of a small square)."""
PANEL_ROW = 4
"""Most panels one row holds: a longer row of panels goes on two or more rows (each
panel stays big enough for its things and its title to read)."""
SUM_LINE = 0.1
"""A sum (a row with signs) whose items would be smaller than this on one line (share of
the picture) is set one member per line, its signs between the lines, when that draws
them bigger: "3 apples + 2 apples = 5 apples" as three lines of apples that can be
counted."""


def items_of(arrangement: Arrangement, counts: dict[str, int]) -> list[list[Item]]:
    """The items of each member, in order (a panel, or an unknown id, is one item)."""
    return [[(m, i) for i in range(counts.get(m, 1))] for m in arrangement.members]


def aspect_of(names: Iterable[str]) -> float:
    """Width / height of the cells for things named ``names`` (1: square; the widest
    when some are wide, see :data:`WIDE`)."""
    return max((WIDE.get(name, 1.0) for name in names), default=1.0)
