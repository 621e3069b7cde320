"""Findings and verdicts: what the checker says about one picture.

A :class:`Finding` is the status of one constraint (``satisfied``, ``violated`` or
``unknown``) with a reason and its ``kind``: ``plan`` for what the plan asked for (counts,
attributes, relations, exclusions: :mod:`.check`), or a kind of the world model
(``support``, ``frame``, ``size``, ``overlap``, ``legibility``, ``permanence``:
:mod:`.world.model`). A :class:`Verdict` holds all findings of a picture and says them in one
line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cards import cards_line

SATISFIED, VIOLATED, UNKNOWN = "satisfied", "violated", "unknown"
PLAN = "plan"
"""The kind of a finding about what the plan asked for (and of records written before
findings had kinds)."""


@dataclass(frozen=True)
class Finding:
    """The status of one constraint: ``satisfied``, ``violated`` or ``unknown``."""

    constraint: str
    status: str
    reason: str
    entities: tuple[str, ...] = ()
    """Ids of the entities the constraint is about (the subject first for a relation)."""
    kind: str = PLAN
    """``plan``, or the world model's ``support``, ``frame``, ``size``, ``overlap``,
    ``legibility`` or ``permanence``."""


@dataclass(frozen=True)
class Verdict:
    """All findings for one picture."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no constraint is violated."""
        return all(f.status != VIOLATED for f in self.findings)

    def count(self, status: str) -> int:
        """Return how many findings have ``status``."""
        return sum(f.status == status for f in self.findings)

    def of_kind(self, *kinds: str) -> list[Finding]:
        """Return the findings of the given kinds (``"plan"``, ``"support"``...)."""
        return [f for f in self.findings if f.kind in kinds]

    def summary(self) -> str:
        """Return one line, e.g. ``"checked 4 of 4: all kept"``, ``"checked 4 of 5: all kept,
        1 not checked"``.

        Violated findings of the world model are named with their kind ("support: table on
        the ground (...)"), so the line says what is physically wrong as well as what the
        plan missed.
        """
        total = len(self.findings)
        if total == 0:
            return "nothing to check"
        known = total - self.count(UNKNOWN)
        if known == 0:
            return f"{total} constraint(s) not checkable with this engine"
        bad = [f for f in self.findings if f.status == VIOLATED]
        cards = cards_line(self.findings)  # never "all kept" over a placeholder card
        if not bad:  # and say that what was not checked is not among the kept
            unchecked = f", {total - known} not checked" if known < total and not cards else ""
            return f"checked {known} of {total}: {cards or 'all kept'}{unchecked}"
        listed = "; ".join(f"{_label(f)} ({f.reason})" for f in bad[:3])
        more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
        fixable = " - say 'fix' to redraw them" if any(f.entities for f in bad) else ""
        cards = f"; {cards}" if cards else ""
        return f"checked {known} of {total}: {len(bad)} not kept: {listed}{more}{fixable}{cards}"

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (``Finding(**f)`` rebuilds each finding)."""
        return {
            "ok": self.ok,
            "findings": [
                {
                    "constraint": f.constraint,
                    "status": f.status,
                    "reason": f.reason,
                    "entities": list(f.entities),
                    "kind": f.kind,
                }
                for f in self.findings
            ],
        }


def _label(finding: Finding) -> str:
    return finding.constraint if finding.kind == PLAN else f"{finding.kind}: {finding.constraint}"
