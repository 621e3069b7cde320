"""Layout of a diagram: arrangements, panels, and room for labels, arrows and signs.

:func:`arrange_diagram` is what :func:`jupyter_imagechat.layout.arrange` does for a scene
with any of the diagram vocabulary (:func:`has_diagram`): arrows, labels, panels or
arrangements (:mod:`jupyter_imagechat.scene.diagram`). It gives

- every instance a box: arrangements line up (:mod:`.lineup`: counts exact, rows and
  columns in line, room between members for signs and for labelled arrows), panels
  hold their members under their titles (:mod:`.units`), and things in no arrangement
  get the ordinary layout (relations, sizes, the ground) in the room left to them;
- every panel its ``box``;
- every label, and every arrow's label, a ``box`` beside what it names, legible at
  512 px, that covers no thing and no other text and stays in the picture
  (:mod:`.captions`). When a scene has labels, the things are drawn a little narrower
  so that the labels have room at the sides.

A diagram with no background is laid out as on a plain page (nothing stands on a
ground); a panel with a background lays its things out on that background's ground.

Edits keep boxes: an arrangement or panel whose things all kept their boxes keeps them;
one that gained or lost things is laid out again in the room it had; new things in no
arrangement are fitted around the rest (:func:`.fill.fill`); a label or arrow label keeps
its box while that still keeps the rules. Deterministic for a seed.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

from ..scene import SceneGraph
from .blocks import Rect
from .captions import CLEAR, ArrowText, LabelText, Placer, label_reach, natural_side
from .diagram_marks import arrow_line, cycle_centre, label_side, name_boxes, sign_boxes
from .fill import fill
from .marks import MAX_LINE, panel_parts, text_size
from .units import CYCLE_LINE, NARROW, Key, Plain, Unit, Units

__all__ = ["arrange_diagram", "has_diagram"]

LEAST_ROOM = 0.4
"""The narrowest share of the picture the things keep when labels need room beside them."""
ARROW_GAP = 0.012
"""How far an arrow stops short of the things it joins, as a share of the picture."""


def has_diagram(scene: SceneGraph) -> bool:
    """Whether ``scene`` uses the diagram vocabulary (arrows, labels, panels, arrangements)."""
    return bool(scene.arrows or scene.labels or scene.panels or scene.arrangements)


def arrange_diagram(
    scene: SceneGraph,
    kept: dict[Key, Rect],
    area: Rect,
    rng: random.Random,
    plain: Plain,
) -> dict[Key, Rect]:
    """Return a box for every instance of ``scene`` and fill in its panels' and labels'
    boxes (``scene`` is changed in place: pass the copy being laid out).

    Parameters
    ----------
    scene : SceneGraph
        The plan, with arrows, labels, panels or arrangements.
    kept : dict
        ``(entity id, index) -> box`` of instances that keep their place (an edit).
    area : Rect
        Where new boxes go.
    rng : random.Random
        Seeded; passed to ``plain`` for the things in no arrangement.
    plain : callable
        The ordinary layout, ``plain(scene, area, rng) -> boxes`` (the layout's own).
    """
    units = Units(scene, rng, plain)
    region = _room_for_labels(scene, area)
    top = [a for a in scene.arrangements if units.owner(a) == ""]
    loose = [e.id for e in scene.entities if e.id not in units.panel_of]
    panels = [p.id for p in scene.panels]
    if not kept:
        units.lay_out(loose, top, panels, region, scene.background)
        rects = dict(units.rects)
    else:
        rects = _edit(scene, kept, units, units.units(loose, top, panels), region)
        if any((e.id, i) not in rects for e in scene.entities for i in range(e.count)):
            rects = fill(scene, rects, area, rng)  # new things in no arrangement
    for panel in scene.panels:
        box = units.panel_boxes.get(panel.id, panel.box)
        if box is None:  # a panel no unit laid out (an edit): round its members
            box = _round_members(panel.members, rects)
        panel.box = tuple(round(v, 4) for v in box)  # type: ignore[assignment]
    if not kept:
        _room_under(scene, rects)
    place_texts(scene, rects)
    return rects


def _room_for_labels(scene: SceneGraph, area: Rect) -> Rect:
    """``area`` less room for the labels' words on the sides they go to by nature
    (:func:`~.captions.natural_side`): a column of labels beside the things, a row or
    two of names under (or over) them."""
    round_ = {m for a in scene.arrangements if a.kind == "circle" for m in a.members}
    inside = {m for p in scene.panels for m in p.members}  # named inside their panel
    labels = [lb for lb in scene.labels if lb.target not in round_ | inside]  # see cycle_room
    if not labels:
        return area
    x0, y0, x1, y1 = area
    sides: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        sides[natural_side(label.anchor)].append(label.text)
    most = (x1 - x0) * (1 - LEAST_ROOM) / 2
    left, right = (min(label_reach(sides[s]), most) if sides[s] else 0.0 for s in ("left", "right"))
    tall = text_size("Hg")[1] + 0.03
    top, bottom = (tall * min(len(sides[s]), 2) for s in ("above", "below"))
    return (x0 + left, y0 + top, x1 - right, y1 - bottom)


def _room_under(scene: SceneGraph, rects: dict[Key, Rect]) -> None:
    """Make room for the names under things in rows of a grid (a label whose point is the
    bottom of its thing): every thing of the arrangement is drawn a little smaller, its
    top and middle kept, until a line of text fits between one row and the next; the
    rows and columns stay in line."""
    under = {lb.target for lb in scene.labels if natural_side(lb.anchor) == "below"}
    need = text_size("Hg")[1] + 2 * CLEAR
    for arrangement in scene.arrangements:
        keys = [k for k in rects if k[0] in arrangement.members]
        if not keys or not under & set(arrangement.members):
            continue
        tops = sorted({round(rects[k][1], 4) for k in keys})
        if len(tops) < 2:
            continue
        bottoms = {t: max(rects[k][3] for k in keys if round(rects[k][1], 4) == t) for t in tops}
        gap = min(nxt - bottoms[top] for top, nxt in itertools.pairwise(tops))
        tallest = max(rects[k][3] - rects[k][1] for k in keys)
        if gap >= need or tallest <= 0:
            continue
        scale = max(1 - (need - gap) / tallest, 0.5)
        for key in keys:
            x0, y0, x1, y1 = rects[key]
            mid, w, h = (x0 + x1) / 2, (x1 - x0) * scale, (y1 - y0) * scale
            rects[key] = (mid - w / 2, y0, mid + w / 2, y0 + h)


def _round_members(members: list[str], rects: dict[Key, Rect]) -> Rect:
    found = [r for (eid, _), r in rects.items() if eid in members] or [(0.3, 0.3, 0.7, 0.7)]
    x0, y0 = min(r[0] for r in found) - 0.04, min(r[1] for r in found) - 0.1
    x1, y1 = max(r[2] for r in found) + 0.04, max(r[3] for r in found) + 0.04
    return (max(x0, 0.0), max(y0, 0.0), min(x1, 1.0), min(y1, 1.0))


# -- an edit ------------------------------------------------------------------------------
def _keys(units: Units, unit: Unit) -> list[Key]:
    """Every instance a unit places (a panel's members' too)."""
    ids = list(unit.entities) + [m for p in unit.panels for m in units.panels[p].members]
    return [(eid, i) for eid in ids for i in range(units.counts.get(eid, 0))]


def _edit(
    scene: SceneGraph, kept: dict[Key, Rect], units: Units, todo: list[Unit], region: Rect
) -> dict[Key, Rect]:
    """Boxes for an edited diagram: untouched groups keep theirs, changed ones are laid out
    again where they were, wholly new ones where a fresh layout puts them."""
    rects: dict[Key, Rect] = {}
    fresh: Units | None = None
    for unit in todo:
        keys = _keys(units, unit)
        had = [kept[k] for k in keys if k in kept]
        if unit.arrangement is None:  # things in no arrangement: fill() adds the new ones
            rects.update({k: kept[k] for k in keys if k in kept})
            continue
        boxes = {p: units.panels[p].box for p in unit.panels if units.panels[p].box is not None}
        if unit.panels and len(boxes) == len(unit.panels):
            for pid, box in boxes.items():  # panels keep their place; changed ones re-fill
                panel = units.panels[pid]
                inside = [k for k in keys if k[0] in panel.members]
                if all(k in kept for k in inside):
                    rects.update({k: kept[k] for k in inside})
                else:
                    units.lay_out_panel(panel, box)  # type: ignore[arg-type]
            continue
        if had and len(had) == len(keys) and not unit.panels:
            rects.update({k: kept[k] for k in keys})
            continue
        if had or boxes:
            room = had + [b for b in boxes.values() if b is not None]
            units.lay_out_unit(unit, _bounds(room), scene.background)
            continue
        if fresh is None:  # a new arrangement or panels: where a fresh layout puts them
            fresh = Units(scene, random.Random(0), units.plain)
            fresh.lay_out(
                [e.id for e in scene.entities if e.id not in units.panel_of],
                [a for a in scene.arrangements if units.owner(a) == ""],
                [p.id for p in scene.panels],
                region,
                scene.background,
            )
        rects.update({k: fresh.rects[k] for k in keys if k in fresh.rects})
        units.panel_boxes.update({p: fresh.panel_boxes[p] for p in unit.panels})
    rects.update(units.rects)
    return rects


def _bounds(rects: list) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


# -- words ----------------------------------------------------------------------------------
def place_texts(scene: SceneGraph, rects: dict[Key, Rect]) -> None:
    """Set the boxes of the labels and the arrows' labels of ``scene`` (boxes it already
    has stay while they keep the rules), around the things at ``rects``."""
    boxes: dict[str, list[Rect]] = defaultdict(list)
    for key in sorted(rects):
        boxes[key[0]].append(rects[key])
    for panel in scene.panels:
        if panel.box is not None:
            boxes[panel.id] = [panel.box]
    obstacles: list[Rect] = []
    for panel in scene.panels:
        title, _ = panel_parts(panel.box, panel.title) if panel.box else (None, None)
        if title is not None:
            obstacles.append(title)
    names = {e.id: e.name for e in scene.entities}
    for arrangement in scene.arrangements:
        obstacles.extend(b for b in sign_boxes(arrangement, boxes) if b is not None)
        if arrangement.kind == "pictogram":
            written = [names.get(m, m) for m in arrangement.members]
            obstacles.extend(b for b in name_boxes(arrangement, boxes, written) if b is not None)
    placer = Placer(list(rects.values()), obstacles)
    lines = [arrow_line(scene, arrow, boxes, ARROW_GAP) for arrow in scene.arrows]
    placer.paths = [line for line in lines if line is not None]
    for arrow, line in zip(scene.arrows, lines, strict=True):
        if not arrow.label or line is None:
            arrow.box = None
            continue
        side = label_side(line, cycle_centre(scene, arrow, boxes), arrow.curved)
        width = NARROW if _between_in_a_row(scene, arrow) else MAX_LINE
        width = CYCLE_LINE if cycle_centre(scene, arrow, boxes) is not None else width
        box = placer.place_arrow_text(ArrowText(arrow.label, line, side, arrow.box, width))
        arrow.box = _rounded(box)
    todo = []
    for label in scene.labels:
        target = rects.get((label.target, label.index))
        if target is None:
            continue
        ax, ay = label.anchor
        anchor = (
            target[0] + ax * (target[2] - target[0]),
            target[1] + ay * (target[3] - target[1]),
        )
        todo.append((anchor, target, label))
    kept = [t for t in todo if t[2].box is not None]  # boxes laid out before go first
    fresh = sorted((t for t in todo if t[2].box is None), key=lambda t: (t[0][1], t[0][0]))
    for anchor, target, label in kept + fresh:  # top to bottom: leader lines do not cross
        label.box = _rounded(placer.place_label(LabelText(label.text, target, anchor, label.box)))


def _between_in_a_row(scene: SceneGraph, arrow) -> bool:
    """Whether ``arrow`` joins neighbours of a row (its words go in the gap between)."""
    for arrangement in scene.arrangements:
        members = arrangement.members
        if arrangement.kind == "row" and any(
            {a, b} == {arrow.start, arrow.end} for a, b in itertools.pairwise(members)
        ):
            return True
    return False


def _rounded(box: Rect) -> Rect:
    x0, y0, x1, y1 = (round(v, 4) for v in box)
    return (x0, y0, x1, y1)
