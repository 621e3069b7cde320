"""The checker: does the picture keep the plan? One finding per constraint.

``check(plan, result)`` returns a :class:`Verdict` of :class:`Finding` objects, each
``satisfied``, ``violated`` or ``unknown`` with a reason. Detectors for engines that do
not report what they drew are in :mod:`.detector`.
"""

from .check import SATISFIED, UNKNOWN, VIOLATED, Finding, Verdict, check, check_layout

__all__ = ["SATISFIED", "UNKNOWN", "VIOLATED", "Finding", "Verdict", "check", "check_layout"]
