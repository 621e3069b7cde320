"""The checker's world model: does the picture make physical sense?

:func:`world_findings` adds findings of six kinds to a verdict, each ``satisfied``,
``violated`` or ``unknown`` with a reason:

- ``support``: everything that cannot fly rests on the ground band, on its host (a cup on
  the table, a map on the blackboard) or, indoors, on the wall (a picture, a clock); birds,
  clouds, balloons and the sun may be in the air, and what belongs in the sky does not lie
  below the horizon (:func:`~jupyter_imagechat.layout.hosts.in_the_sky`: the sun in the
  grass) (:mod:`.rules`);
- ``frame``: everything lies wholly inside the picture, unless the plan says it is cut
  off (a ``framing`` attribute of ``cut off``, ``close-up``, ``cropped`` or ``peeking``);
- ``size``: relative sizes are plausible (:mod:`.sizes`);
- ``overlap``: things overlap only where a relation allows it (on, inside, holding, in
  front of, behind, under), and labels cover nothing (:mod:`.overlap`);
- ``legibility``: every counted instance shows at least half of itself, nothing is too
  small to see, and a text written on a thing fits it (:mod:`.overlap`);
- ``permanence``: between a turn and its parent, an entity nobody changed keeps its count,
  attributes and box (:mod:`.turns`).

What can be checked depends on where the boxes come from. The built-in engine reports each
instance with its exact shape, so everything is checked. A detector's boxes (engines that
report nothing) check frame, size and overlap; support, legibility and permanence stay
unknown (where the ground lies in a model's picture is not known). With neither, every
kind is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...layout.hosts import Parents, attachments, in_the_sky, support_of
from ...layout.marks import panel_parts
from ...vocab.world import horizon
from ..findings import UNKNOWN, Finding
from .overlap import legibility_findings, overlap_findings
from .rules import CUT_OFF, frame_finding, seen_objects, support_finding
from .sizes import size_findings
from .turns import permanence_findings

if TYPE_CHECKING:
    from ...engines.base import DrawnObject
    from ...scene import SceneGraph

__all__ = ["CUT_OFF", "KINDS", "Parent", "world_findings"]

KINDS = ("support", "frame", "size", "overlap", "legibility", "permanence")
"""The kinds of world finding, in the order they are listed."""
LABELS = {
    "support": "things rest on something",
    "frame": "things inside the picture",
    "size": "sizes plausible",
    "overlap": "things clear of each other",
    "legibility": "things visible",
    "permanence": "things nobody changed kept",
}
"""What a kind says when it is one finding for the whole picture (unknown)."""

DRAWN, LAYOUT, DETECTED, NONE = "drawn", "layout", "detected", "none"
"""Where the boxes came from: the engine's report, the plan's own layout (nothing drawn
yet), a detector, or nowhere."""


@dataclass(frozen=True)
class Parent:
    """The turn a picture was made from: its plan and what was drawn (or found) in it.

    Given to :func:`~..check.check` for an edit, so that things nobody changed can be
    checked to be where and as they were (``permanence``).
    """

    scene: SceneGraph | None
    objects: Sequence[DrawnObject] = ()


def world_findings(
    plan: SceneGraph,
    objects: Sequence[DrawnObject],
    size: tuple[int, int],
    *,
    source: str,
    parent: Parent | None = None,
) -> list[Finding]:
    """Return the world findings of ``plan`` drawn as ``objects`` in a picture of ``size``.

    Parameters
    ----------
    plan : SceneGraph
        The plan the picture was drawn from (its layout boxes are not used; ``objects``
        say where things are).
    objects : sequence of DrawnObject
        Each drawn or detected instance, in drawing order, with its pixel box (and shape,
        where the engine knows it).
    size : (width, height)
        The picture's size in pixels.
    source : str
        ``"drawn"`` (the engine reported the objects), ``"layout"`` (the plan's own boxes,
        before drawing), ``"detected"`` (a detector found them) or ``"none"``.
    parent : Parent, optional
        The turn this one edits, for ``permanence``.
    """
    if not plan.entities:
        return []
    kinds = [k for k in KINDS if k != "permanence" or parent is not None]
    if source == NONE or not objects:
        why = "the engine did not report what it drew; give the conversation a detector"
        return [Finding(LABELS[k], UNKNOWN, why, kind=k) for k in kinds]
    things = seen_objects(plan, objects, size)
    parent_map = attachments(plan)
    found: list[Finding] = []
    if source in (DRAWN, LAYOUT):
        how = support_of(plan, parent_map)
        sky = sky_lines(plan, parent_map, how)
        found += [
            support_finding(plan, ent, things, parent_map, how[ent.id], size, sky=sky.get(ent.id))
            for ent in plan.entities
        ]
    else:
        why = "where the ground lies in a model's picture is not known"
        found.append(Finding(LABELS["support"], UNKNOWN, why, kind="support"))
    found += [
        frame_finding(ent, things.get(ent.id, []), size, detected=source == DETECTED)
        for ent in plan.entities
    ]
    found += size_findings(plan, things, parent_map)
    found += overlap_findings(plan, things, parent_map, size, source)
    if source in (DRAWN, LAYOUT):
        found += legibility_findings(plan, things, size, source)
    else:
        why = "a detector does not tell what is hidden"
        found.append(Finding(LABELS["legibility"], UNKNOWN, why, kind="legibility"))
    if parent is not None:
        found += permanence_findings(plan, objects, parent.scene, parent.objects, source)
    return found


def sky_lines(plan: SceneGraph, parent: Parents, how: dict[str, str]) -> dict[str, float]:
    """Entity id -> the horizon (share of the picture's height) each thing of the sky
    (:func:`~jupyter_imagechat.layout.hosts.in_the_sky`) must not lie below: its panel's,
    drawn inside the panel under its title, or the picture's; none where there is no
    ground (space, a plain page)."""
    panel_of = {m: p for p in plan.panels for m in p.members}
    out: dict[str, float] = {}
    for eid in in_the_sky(plan, parent):
        panel = panel_of.get(eid)
        if panel is None:
            line = horizon(plan.background) if how[eid] == "air" else None
            if line is not None:
                out[eid] = line
            continue
        line = horizon(panel.background) if panel.background else None
        if line is not None and panel.box is not None:
            _, inner = panel_parts(panel.box, panel.title)
            out[eid] = inner[1] + line * (inner[3] - inner[1])
    return out
