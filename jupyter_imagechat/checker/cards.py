"""A thing drawn as a placeholder card is a finding, never "kept".

The built-in engine draws a labelled card for a noun it has no picture for and lists
those nouns in ``Result.metadata["placeholders"]``. :func:`card_findings` turns each
card into an ``unknown`` finding ("no picture for 'diagram'"), and :func:`cards_line` is
what the verdict's one line says about them, so the chat never says "all kept" over a
card. Findings are returned as plain tuples (``Finding(*t)`` builds one), so this module
needs nothing else of the checker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engines.base import Result
    from ..scene import SceneGraph

__all__ = ["NO_PICTURE", "card_findings", "cards_line"]

NO_PICTURE = "no picture for"
"""How a card finding's reason starts: "no picture for 'diagram'"."""
UNKNOWN = "unknown"


def card_findings(plan: SceneGraph, result: Result) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """One ``unknown`` finding per entity of ``plan`` the engine drew as a card:
    ``(constraint, status, reason, entity ids)``."""
    listed = result.metadata.get("placeholders") if isinstance(result.metadata, dict) else None
    if not isinstance(listed, (list, tuple)):
        return []
    cards = {name for name in listed if isinstance(name, str)}
    return [
        (f"picture of {ent.name}", UNKNOWN, f"{NO_PICTURE} {ent.name!r}", (ent.id,))
        for ent in plan.entities
        if ent.name in cards
    ]


def cards_line(findings: Iterable[Any]) -> str | None:
    """What a verdict's line says about the cards among ``findings`` ("1 drawn as a card:
    no picture for 'diagram'"), or None when there are none."""
    reasons = [
        f.reason
        for f in findings
        if f.status == UNKNOWN and isinstance(f.reason, str) and f.reason.startswith(NO_PICTURE)
    ]
    if not reasons:
        return None
    more = f" and {len(reasons) - 3} more" if len(reasons) > 3 else ""
    return f"{len(reasons)} drawn as a card: {'; '.join(reasons[:3])}{more}"
