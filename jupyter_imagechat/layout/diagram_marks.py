"""Where each mark of a scene's diagram goes, given the boxes of its things and panels.

``boxes`` maps an entity id to the boxes of its instances (in index order) and a panel id
to its one box: the layout passes its own boxes, the built-in engine the pixel boxes it
drew, the checker the boxes the engine reported. The marks follow from them the same
way for all three: an arrow's line, the sign between two members, a pictogram row's name.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from ..scene import Arrangement, Arrow, SceneGraph
from .blocks import Rect
from .lineup import rows_of
from .marks import (
    CURVE,
    DETOURS,
    Point,
    arrow_path,
    centre,
    group_box,
    name_box,
    name_width,
    point_along,
    segment_hits,
    shrink,
    sign_box,
    sign_side,
)

Boxes = Mapping[str, Sequence[Rect]]


def member_box(boxes: Boxes, member: str) -> Rect | None:
    """The box round all of a member's instances (a panel's box), None if none."""
    found = boxes.get(member)
    return group_box(found) if found else None


def cycle_centre(scene: SceneGraph, arrow: Arrow, boxes: Boxes) -> Point | None:
    """The middle of the circle arrangement both ends of ``arrow`` are on (the mean of its
    items' middles), or None when they are not on one circle."""
    for arrangement in scene.arrangements:
        if arrangement.kind != "circle" or not {arrow.start, arrow.end} <= set(arrangement.members):
            continue
        members = arrangement.members
        if len(members) > 1:  # a place per member: the middle of the places
            middles = [centre(group_box(boxes[m])) for m in members if boxes.get(m)]
        else:
            middles = [centre(box) for box in boxes.get(members[0], ())]
        if len(middles) < 2:
            return None
        return (
            sum(p[0] for p in middles) / len(middles),
            sum(p[1] for p in middles) / len(middles),
        )
    return None


def arrow_line(
    scene: SceneGraph,
    arrow: Arrow,
    boxes: Boxes,
    gap: float,
    route: Boxes | None = None,
) -> list[Point] | None:
    """The line of ``arrow`` between the boxes of its ends, ``gap`` clear of each (None
    when an end has no box).

    A curved arrow follows its circle arrangement, or bows to the left of its direction.
    A straight one between things that two or more arrows join is moved aside so they
    run side by side; one whose straight line would cross another thing's box (in
    ``route``, else ``boxes``) bends round it (:data:`~.marks.DETOURS`).
    """
    start, end = member_box(boxes, arrow.start), member_box(boxes, arrow.end)
    if start is None or end is None:
        return None
    if arrow.curved:
        circle = cycle_centre(scene, arrow, boxes)
        return arrow_path(start, end, bend=CURVE, circle=circle, gap=gap)
    pair = [a for a in scene.arrows if {a.start, a.end} == {arrow.start, arrow.end}]
    shift = 0.0
    if len(pair) > 1:
        straight = [a for a in pair if not a.curved]
        k = next(i for i, a in enumerate(straight) if a is arrow)
        size = min(start[3] - start[1], end[3] - end[1], start[2] - start[0], end[2] - end[0])
        shift = (k - (len(straight) - 1) / 2) * 0.3 * size
        shift = shift if arrow.start < arrow.end else -shift  # the same side for a -> b, b -> a
    path = arrow_path(start, end, gap=gap, shift=shift)
    others = [
        box
        for member, found in (route or boxes).items()
        if member not in (arrow.start, arrow.end) and member not in _panels_of(scene, arrow)
        for box in found
    ]
    if shift or not _hits(path, others):
        return path
    for bend in DETOURS:
        bent = arrow_path(start, end, bend=bend, gap=gap)
        if not _hits(bent, others):
            return bent
    return path


def _panels_of(scene: SceneGraph, arrow: Arrow) -> set[str]:
    """Panels an arrow's ends are in, and its ends' members (never obstacles to it)."""
    out = set()
    for panel in scene.panels:
        if {arrow.start, arrow.end} & ({panel.id} | set(panel.members)):
            out.add(panel.id)
            out.update(panel.members)
    return out


def _hits(path: Sequence[Point], boxes: Sequence[Rect]) -> bool:
    """Whether the line through ``path`` crosses any of ``boxes`` (shrunk a little)."""
    shrunk = [shrink(b, 0.1) for b in boxes]
    return any(segment_hits(p, q, b) for p, q in itertools.pairwise(path) for b in shrunk)


def label_side(path: Sequence[Point], circle: Point | None, curved: bool) -> int:
    """The side of its arrow an arrow's label prefers: outside a circle, outside a bow,
    else above (or right of) the arrow. +1 is the left of the arrow's direction."""
    (px, py), (nx, ny) = point_along(path, 0.5)
    if circle is not None:
        return 1 if nx * (px - circle[0]) + ny * (py - circle[1]) >= 0 else -1
    if curved:
        return 1
    return 1 if -ny + 0.5 * nx >= 0 else -1


def sign_boxes(arrangement: Arrangement, boxes: Boxes) -> list[Rect | None]:
    """A box for each sign of ``arrangement``: between member ``i`` and ``i + 1``."""
    out: list[Rect | None] = []
    for i, _sign in enumerate(arrangement.signs):
        a = member_box(boxes, arrangement.members[i])
        b = member_box(boxes, arrangement.members[i + 1])
        if a is None or b is None:
            out.append(None)
            continue
        out.append(sign_box(a, b, sign_side(a, b)))
    return out


def name_boxes(
    arrangement: Arrangement, boxes: Boxes, names: Sequence[str], size: float = 1.0
) -> list[Rect | None]:
    """Where a pictogram writes each member's name: at the start of its row. ``size`` is
    the picture's size in the boxes' unit (1 for picture fractions, pixels for pixels)."""
    width = name_width(names) * size
    out: list[Rect | None] = []
    for member in arrangement.members:
        row = boxes.get(member)
        out.append(name_box(row, width) if row else None)
    return out


def expected_rows(
    arrangement: Arrangement, counts: Mapping[str, int]
) -> list[list[tuple[str, int]]]:
    """The rows the arrangement's items should be drawn in (see :func:`.lineup.rows_of`)."""
    return rows_of(arrangement, dict(counts))
