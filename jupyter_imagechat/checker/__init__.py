"""The checker: does the picture keep the plan, and does it make physical sense?

``check(plan, result)`` returns a :class:`Verdict` of :class:`Finding` objects, each
``satisfied``, ``violated`` or ``unknown`` with a reason and a ``kind``: ``plan`` for what
the plan asked for, or one of the world model's kinds (:mod:`.world`: support, frame, size,
overlap, legibility, permanence). Detectors for engines that do not report what they drew
are in :mod:`.detector`.
"""

from .check import check, check_layout
from .findings import SATISFIED, UNKNOWN, VIOLATED, Finding, Verdict
from .world.model import KINDS, Parent

__all__ = [
    "KINDS",
    "SATISFIED",
    "UNKNOWN",
    "VIOLATED",
    "Finding",
    "Parent",
    "Verdict",
    "check",
    "check_layout",
]
