"""The items an arrangement lines up, and how big one may be.

An arrangement (:class:`~jupyter_imagechat.scene.Arrangement`) lines up *items*: each
instance of an entity member, in order, or a panel member as one item. Shared by
:mod:`.lineup` (rows, columns, grids) and :mod:`.circle`.
"""

from __future__ import annotations

from ..scene import Arrangement

Item = tuple[str, int]
"""``(member id, instance index)``; a panel member is ``(panel id, 0)``."""

MAX_SIDE = 0.34
"""Largest item, as a share of the picture: two apples in a row stay apple-sized."""


def items_of(arrangement: Arrangement, counts: dict[str, int]) -> list[list[Item]]:
    """The items of each member, in order (a panel, or an unknown id, is one item)."""
    return [[(m, i) for i in range(counts.get(m, 1))] for m in arrangement.members]
