"""The panels and arrangements a follow-up did not name, kept as they were in a model's edit.

A lesson picture is more than its things: framed stages (panels: "spring", "summer", ...)
and the way things or panels line up (a row, a circle, a grid). A language model answering
with the whole changed scene may retitle a stage, move a thing into another stage, drop a
frame or turn a cycle into a grid while it adds a bird. :func:`keep_structure` puts back
every panel and arrangement made only of things the follow-up did not name, as
:func:`.invariant.keep_unnamed` does for the things themselves.

A panel is named when the follow-up says a word of its title ("make summer sunnier") or
names one of its things; an arrangement when it names one of its members. New things may
join a kept panel or arrangement (after its old members); the old members keep their
frame, their order and their place.
"""

from __future__ import annotations

from dataclasses import replace

from ...scene import Arrangement, Panel, SceneGraph
from .. import lexicon as lx
from ..text import tokenize

__all__ = ["free_panels", "keep_structure"]


def free_panels(before: SceneGraph, free: set[str], said: set[str]) -> list[Panel]:
    """The panels of ``before`` the follow-up did not name: all their things are ``free``
    (not named) and no word of their title is ``said``."""
    out = []
    for panel in before.panels:
        title = {lx.singular(w) for w in tokenize(panel.title or "")}
        if set(panel.members) <= free and not title & said:
            out.append(panel)
    return out


def keep_structure(
    before: SceneGraph,
    after: SceneGraph,
    free: set[str],
    said: set[str],
    allowed: SceneGraph | None = None,
) -> list[str]:
    """Put back in ``after`` (in place) the panels and arrangements of ``before`` the
    follow-up did not name (see the module docstring); ``allowed`` (the rules planner's
    reading of the follow-up) lets them change where it changed them too. Return what was
    put back, for the notes."""
    notes = []
    present = {e.id for e in after.entities}
    frames = free_panels(before, free & present, said)
    kept = [p for p in frames if allowed is None or _keeps_panel(allowed, p)]
    put = [_put_panel(after, panel) for panel in kept]  # every one, not up to the first
    if any(put):
        names = ", ".join(repr(p.title or p.id) for p in kept)
        notes.append(f"the frames {names}")
    order = {p.id: k for k, p in enumerate(before.panels)}  # in the order they were
    after.panels.sort(key=lambda p: order.get(p.id, len(order)))
    ends = (free & present) | {p.id for p in frames}
    lines = [
        a for a in before.arrangements
        if set(a.members) <= ends and (allowed is None or _has_arrangement(before, allowed, a))
    ]  # fmt: skip
    put = [_put_arrangement(before, after, a) for a in lines]
    if any(put):
        notes.append("how the things it did not name line up")
    return notes


def _keeps_panel(scene: SceneGraph, panel: Panel) -> bool:
    """Whether ``scene`` has ``panel`` as it was (new things may have joined it)."""
    mine = next((p for p in scene.panels if p.id == panel.id), None)
    return mine is not None and (
        mine.title == panel.title
        and mine.background == panel.background
        and mine.members[: len(panel.members)] == panel.members
    )


def _put_panel(after: SceneGraph, panel: Panel) -> bool:
    """Make ``after``'s panel ``panel.id`` hold ``panel``'s things first (new things may
    follow), with its title and background; True when something changed."""
    mine = next((p for p in after.panels if p.id == panel.id), None)
    added = [m for m in mine.members if m not in panel.members] if mine is not None else []
    want = Panel(panel.id, [*panel.members, *added], panel.title, panel.background)
    if mine is not None and (mine.members, mine.title, mine.background) == (
        want.members,
        want.title,
        want.background,
    ):
        return False
    for other in after.panels:  # each thing in one panel
        if other.id != panel.id:
            other.members = [m for m in other.members if m not in panel.members]
    want.box = panel.box if not added else None
    if mine is None:
        at = min(_index(panel), len(after.panels))
        after.panels.insert(at, want)
    else:
        after.panels[after.panels.index(mine)] = want
    after.panels = [p for p in after.panels if p.members]
    return True


def _index(panel: Panel) -> int:
    digits = "".join(c for c in panel.id if c.isdigit())
    return int(digits) - 1 if digits else 0


def _has_arrangement(before: SceneGraph, scene: SceneGraph, old: Arrangement) -> bool:
    """Whether ``scene`` lines up ``old``'s members as ``old`` does: the same kind and rows,
    ``before``'s members in the same order (new things may have joined them)."""
    known = {e.id for e in before.entities} | {p.id for p in before.panels}
    for now in scene.arrangements:
        olds = [m for m in now.members if m in known]
        same_signs = now.signs == old.signs or (not old.signs and len(now.members) > len(olds))
        if (now.kind, olds, now.rows) == (old.kind, old.members, old.rows) and same_signs:
            return True
    return False


def _put_arrangement(before: SceneGraph, after: SceneGraph, old: Arrangement) -> bool:
    """Keep ``old`` in ``after`` (see :func:`_has_arrangement`); True when it was put back."""
    if _has_arrangement(before, after, old):
        return False
    mine = set(old.members)
    after.arrangements = [a for a in after.arrangements if not set(a.members) & mine]
    after.arrangements.append(replace(old, members=list(old.members), signs=list(old.signs)))
    return True
