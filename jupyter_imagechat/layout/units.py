"""The parts of a diagram's layout: groups of things that are laid out together.

A diagram is cut into *units*, each laid out in a region of the picture:

- an arrangement of entities (:mod:`.lineup`: rows, a grid, a circle...);
- panels: those a panel arrangement lines up, or else all the rest side by side (up to
  four in a row, then rows of four); each panel then lays out its own members inside it,
  under its title, the same way;
- the things in no arrangement, laid out by the ordinary layout (``plain``: relations,
  sizes, the ground) inside their region.

Several units share their region in shelves (rows) sized by how big each is by nature
(items as big as the typical size of their things), like the blocks of a plain scene.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from ..scene import Arrangement, Panel, SceneGraph
from ..vocab.world import IN_THE_AIR, horizon
from .blocks import GAP, Rect, block_size, typical_side
from .captions import CLEAR
from .circle import circle_of, places_of, turn_for
from .items import aspect_of
from .lineup import fit_items, natural_size
from .marks import name_width, overlap, panel_parts, text_size
from .spread import spread

Key = tuple[str, int]
Plain = Callable[[SceneGraph, Rect, random.Random], dict[Key, Rect]]
"""The ordinary layout of a scene in an area: ``plain(scene, area, rng)``."""

PAGE = "sky"
"""The background things are laid out with on a diagram's plain page: no ground line."""
ROW_OF_PANELS = 4
"""Most panels side by side in one row when no arrangement says how they go."""
ARROW_ROOM = 0.04
"""Least room between two members an arrow joins, as a share of the picture."""
CYCLE_LINE = 0.2
"""Widest line of an arrow's label round a circle: longer words wrap."""
NARROW = 0.12
"""Widest line of an arrow's label between two members of a row: longer words wrap."""
SKY_SIDE = 0.15
"""Size of a thing of the sky put in a free corner beside a diagram."""
INSET = 0.04
"""Room an arrangement leaves round itself in its region, as a share of the region."""
PANEL_SIZE = 1.0
"""How big a panel is by nature, in the units of typical sizes (an elephant is 1)."""


@dataclass
class Unit:
    """A group laid out together: an arrangement (of entities or of panels) or the
    things in no arrangement (``arrangement`` None)."""

    arrangement: Arrangement | None
    entities: list[str] = field(default_factory=list)
    panels: list[str] = field(default_factory=list)
    sky: bool = False
    """Things of the sky beside other groups: they go in a free corner at the top."""


class Units:
    """Lays out a diagram scene: every instance's box and every panel's box."""

    def __init__(self, scene: SceneGraph, rng: random.Random, plain: Plain) -> None:
        self.scene, self.rng, self.plain = scene, rng, plain
        self.ents = {e.id: e for e in scene.entities}
        self.counts = {e.id: e.count for e in scene.entities}
        self.panels = {p.id: p for p in scene.panels}
        self.panel_of = {m: p.id for p in scene.panels for m in p.members}
        self.rects: dict[Key, Rect] = {}
        self.panel_boxes: dict[str, Rect] = {}

    # -- who lays out what ---------------------------------------------------------------
    def owner(self, arrangement: Arrangement) -> str | None:
        """``""`` for an arrangement of the whole picture, a panel id for one inside that
        panel, None for one that cannot be honoured (its members in different places)."""
        members = arrangement.members
        if all(m in self.panels for m in members):
            return ""
        places = {self.panel_of.get(m, "") if m in self.ents else None for m in members}
        return places.pop() if len(places) == 1 and None not in places else None

    def units(self, entities: list[str], arrangements: list[Arrangement], panels: list[str]):
        """The units of one region: its arrangements, its panels, its other things."""
        used: set[str] = set()
        out: list[Unit] = []
        for arrangement in arrangements:
            if used & set(arrangement.members) or len(set(arrangement.members)) < len(
                arrangement.members
            ):
                continue  # a member already lined up elsewhere: the first arrangement wins
            used.update(arrangement.members)
            if arrangement.members[0] in self.panels:
                out.append(Unit(arrangement, panels=list(arrangement.members)))
            else:
                out.append(Unit(arrangement, entities=list(arrangement.members)))
        rest = [p for p in panels if p not in used]
        if rest:
            kind = "row" if len(rest) <= ROW_OF_PANELS else "grid"
            rows = None if kind == "row" else math.ceil(len(rest) / ROW_OF_PANELS)
            out.append(Unit(Arrangement(kind, rest, rows), panels=rest))
        free = [e for e in entities if e not in used]
        if free:
            sky = bool(out) and all(self.ents[e].name in IN_THE_AIR for e in free)
            out.append(Unit(None, entities=free, sky=sky))
        return out

    # -- laying out ----------------------------------------------------------------------
    def lay_out(
        self,
        entities: list[str],
        arrangements: list[Arrangement],
        panels: list[str],
        region: Rect,
        background: str | None,
        *,
        framed: bool = False,
    ) -> None:
        """Lay out a region: the whole picture, or a panel's inside (``framed``)."""
        units = self.units(entities, arrangements, panels)
        sky = [u for u in units if u.sky]  # the sun over a cycle: a free corner, not a shelf
        units = [u for u in units if not u.sky]
        if units:
            regions = pack([self.natural(u) for u in units], region)
            for unit, place in zip(units, regions, strict=True):
                self.lay_out_unit(unit, place, background, framed=framed)
        for unit in sky:
            taken = [*self.rects.values(), *self.panel_boxes.values()]
            keys = [(e, i) for e in unit.entities for i in range(self.counts[e])]
            line = horizon(background or PAGE)
            if framed and line is not None:
                line = region[1] + line * (region[3] - region[1])
            self.rects.update(sky_spots(keys, taken, region, line))

    def lay_out_unit(
        self, unit: Unit, region: Rect, background: str | None, *, framed: bool = False
    ) -> None:
        """Lay out one unit inside ``region``."""
        arrangement = unit.arrangement
        if arrangement is None:
            self.rects.update(self.free(unit.entities, region, background, framed))
            return
        if unit.panels:
            boxes = fit_items(
                arrangement,
                self.counts,
                region,
                panels=True,
                between=self.between(arrangement),
            )
            for (pid, _), box in boxes.items():
                self.panel_boxes[pid] = box
                self.lay_out_panel(self.panels[pid], box)
            return
        names = [self.ents[m].name for m in arrangement.members]
        region = self.cycle_room(arrangement, inset(region, INSET))
        boxes = fit_items(
            arrangement,
            self.counts,
            region,
            name_width=name_width(names) if arrangement.kind == "pictogram" else 0.0,
            between=self.between(arrangement),
            turn=self.turn(arrangement),
            aspect=aspect_of(names),
        )
        self.rects.update(boxes)

    def turn(self, arrangement: Arrangement) -> int:
        """How far round a circle starts, so that sky things go up (see :mod:`.circle`)."""
        if arrangement.kind != "circle":
            return 0
        lifts = []
        for place in places_of(arrangement, self.counts):
            ent = self.ents.get(place[0][0])
            lifts.append(0.0 if ent is None else 1.0 if ent.name in IN_THE_AIR else -0.5)
        return turn_for(lifts)

    def lay_out_panel(self, panel: Panel, box: Rect) -> None:
        """Lay out a panel's members in the part of ``box`` under its title."""
        _, inner = panel_parts(box, panel.title)
        arrangements = [a for a in self.scene.arrangements if self.owner(a) == panel.id]
        self.lay_out(list(panel.members), arrangements, [], inner, panel.background, framed=True)

    def free(
        self, ids: list[str], region: Rect, background: str | None, framed: bool
    ) -> dict[Key, Rect]:
        """The ordinary layout of things in no arrangement, inside ``region``."""
        keep = set(ids)
        sub = SceneGraph(
            entities=[self.ents[i] for i in ids],
            relations=[r for r in self.scene.relations if {r.subject, r.object} <= keep],
            background=background or PAGE,
        )
        grounded = horizon(sub.background) is not None
        if not framed or not grounded:
            rects = self.plain(sub, region, self.rng)
        else:  # in a panel with a ground: laid out on a whole picture, then shrunk into
            # the panel so that things keep standing on the panel's ground
            whole = self.plain(sub, (0.05, 0.05, 0.95, 0.95), self.rng)
            rects = {key: fit_square(rect, region) for key, rect in whole.items()}
        line = horizon(sub.background)
        if framed and line is not None:  # the panel's own horizon (see fit_square)
            line = region[1] + line * (region[3] - region[1])
        return spread(rects, self.scene.arrows, sub.relations, region, line=line)

    def between(self, arrangement: Arrangement) -> list[float]:
        """Room wanted between consecutive members of a row or column for the arrows that
        join them (and their labels' text, in a row)."""
        if arrangement.kind not in ("row", "column"):
            return []
        out = []
        members = arrangement.members
        for a, b in itertools.pairwise(members):
            room = 0.0
            for arrow in self.scene.arrows:
                if {arrow.start, arrow.end} == {a, b}:
                    room = max(room, ARROW_ROOM)
                    if arrow.label and arrangement.kind == "row":  # on two lines if long
                        room = max(room, text_size(arrow.label, width=NARROW)[0] + 0.02)
            out.append(room)
        return out

    def cycle_room(self, arrangement: Arrangement, region: Rect) -> Rect:
        """A circle's region, shrunk so that the words round it fit outside it: its
        labelled arrows' words (at the middle of each arc) and its things' labels (beyond
        each thing).

        Everything (things and words) is then a straight function of the item side: the
        side is the largest for which every thing and every word stays inside ``region``
        (but never under half of what it would be without words). Where no arrow's words
        go between the places, a thing's label may go under or over it instead of out
        from the circle, whichever lets the circle be bigger: a life cycle fills its
        picture."""
        if arrangement.kind != "circle":
            return region
        places = places_of(arrangement, self.counts)
        order = {item: k for k, place in enumerate(places) for item in place}
        members = {m: order[(m, 0)] for m in arrangement.members if (m, 0) in order}
        n = len(places)
        words: list[tuple[int, float, float, str]] = []  # place, turn, reach out, text
        for arrow in self.scene.arrows:
            i, j = members.get(arrow.start), members.get(arrow.end)
            if arrow.label and i is not None and j is not None and i != j:
                first = i if (i + 1) % n == j or (j + 1) % n != i else j
                words.append((first, math.pi / n, 0.0, arrow.label))
        for label in self.scene.labels:
            if (label.target, label.index) in order:
                words.append((order[(label.target, label.index)], 0.0, 0.5, label.text))
        if not words or n < 2:
            return region
        x0, y0, x1, y1 = region
        shape = circle_of(n, self.turn(arrangement))
        half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
        most = min(2 * half_w / shape.width, 2 * half_h / shape.height)
        side = most
        free = not any(reach == 0.0 for *_, reach, _ in words)  # no words between places
        for place, turn, reach, text in words:
            w, h = text_size(text, width=CYCLE_LINE)
            angle = shape.angles[place] + turn
            ways = [angle, math.pi / 2, -math.pi / 2] if free else [angle]
            best = 0.0  # a thing's label goes out from the circle, or under or over it
            for way in ways:
                best = max(best, _word_fits(shape, angle, way, reach, (w, h), (half_w, half_h)))
            side = min(side, best)
        side = max(side, 0.5 * most)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w, h = shape.width * side / 2, shape.height * side / 2
        return (cx - w, cy - h, cx + w, cy + h)

    def natural(self, unit: Unit) -> tuple[float, float]:
        """How big a unit is by nature, in typical sizes (an elephant is 1)."""
        if unit.arrangement is None:
            blocks = [block_size(self.ents[e])[1:] for e in unit.entities]
            width = sum(b[0] for b in blocks) + GAP * (len(blocks) - 1)
            return width, max(b[1] for b in blocks)
        if unit.panels:
            w, h = natural_size(unit.arrangement, self.counts, panels=True)
            return w * PANEL_SIZE, h * PANEL_SIZE
        side = sum(typical_side(self.ents[e]) for e in unit.entities) / len(unit.entities)
        names = [self.ents[e].name for e in unit.entities]
        w, h = natural_size(unit.arrangement, self.counts, aspect=aspect_of(names))
        return w * side, h * side


def _word_fits(
    shape, angle: float, way: float, reach: float, size: tuple[float, float], half: tuple
) -> float:
    """The largest item side for which a word of ``size`` beside the place at ``angle`` of
    a circle ``shape`` (``reach`` item sides beyond its middle, in direction ``way``)
    stays inside a region ``half`` wide and high round the circle's middle."""
    w, h = size
    c, s_ = math.cos(way), math.sin(way)
    d = abs(c) * w / 2 + abs(s_) * h / 2 + CLEAR  # the word's middle: d further out
    side = math.inf
    bounds = [(shape.width / 2, 0.0, half[0]), (shape.height / 2, 0.0, half[1])]
    for u, v, o, size_half, limit in (
        (math.cos(angle), c, shape.offset[0], w / 2, half[0]),
        (math.sin(angle), s_, shape.offset[1], h / 2, half[1]),
    ):
        at = shape.radius * u + o + reach * v
        bounds += [(at, d * v + size_half, limit), (-at, -d * v + size_half, limit)]
    for a, b, limit in bounds:
        if a > 1e-9 and limit > b:  # (a word too wide for any side is placed elsewhere)
            side = min(side, (limit - b) / a)
        elif a <= 1e-9 and b > limit:
            return 0.0  # too wide whatever the side
    return side


def pack(sizes: list[tuple[float, float]], region: Rect) -> list[Rect]:
    """Regions for groups of natural ``sizes`` in shelves (rows) filling ``region``: the
    split into shelves that lets them be drawn largest, each shelf centred."""
    if len(sizes) == 1:
        return [region]
    x0, y0, x1, y1 = region
    best: tuple[float, list[list[int]]] = (-1.0, [list(range(len(sizes)))])
    total = sum(w for w, _ in sizes)
    for n in range(1, len(sizes) + 1):
        shelves: list[list[int]] = [[]]
        for i, (w, _) in enumerate(sizes):
            width = sum(sizes[j][0] for j in shelves[-1])
            if shelves[-1] and width + w / 2 > total / n and len(shelves) < n:
                shelves.append([])
            shelves[-1].append(i)
        width = max(sum(sizes[i][0] for i in s) + GAP * (len(s) - 1) for s in shelves)
        height = sum(max(sizes[i][1] for i in s) for s in shelves) + GAP * (len(shelves) - 1)
        scale = min((x1 - x0) / width, (y1 - y0) / height)
        if scale > best[0] + 1e-9:
            best = (scale, shelves)
    scale, shelves = best
    height = sum(max(sizes[i][1] for i in s) for s in shelves) + GAP * (len(shelves) - 1)
    out: dict[int, Rect] = {}
    y = y0 + ((y1 - y0) - height * scale) / 2
    for shelf in shelves:
        shelf_h = max(sizes[i][1] for i in shelf) * scale
        width = (sum(sizes[i][0] for i in shelf) + GAP * (len(shelf) - 1)) * scale
        x = x0 + ((x1 - x0) - width) / 2
        for i in shelf:
            w = sizes[i][0] * scale
            out[i] = (x, y, x + w, y + shelf_h)
            x += w + GAP * scale
        y += shelf_h + GAP * scale
    return [out[i] for i in range(len(sizes))]


def sky_spots(
    keys: list[Key], taken: list[Rect], region: Rect, line: float | None = None
) -> dict[Key, Rect]:
    """Boxes for things of the sky in the free top corners of ``region`` (then along its
    top, then anywhere free above the horizon ``line``, where there is one), clear of
    ``taken`` boxes."""
    x0, y0, x1, y1 = region
    side = min(SKY_SIDE, 0.3 * min(x1 - x0, y1 - y0))
    if line is not None and line > y0 + side:
        y1 = min(y1, line)
    spots = []
    steps = max(int((x1 - x0 - side) / (side * 0.5)), 1)
    for row in range(max(int((y1 - y0 - side) / (side * 0.5)), 1) + 1):
        y = y0 + row * side * 0.5
        for k in range(steps + 1):  # from both corners inwards
            for x in (x1 - side - k * side * 0.5, x0 + k * side * 0.5):
                spots.append((x, y, x + side, y + side))
    out: dict[Key, Rect] = {}
    for key in keys:
        busy = [*taken, *out.values()]
        free = [s for s in spots if not any(overlap(_grown(s, 0.02), b) for b in busy)]
        out[key] = free[0] if free else min(spots, key=lambda s: sum(overlap(s, b) for b in busy))
    return out


def _grown(rect: Rect, by: float) -> Rect:
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


def inset(region: Rect, share: float) -> Rect:
    """``region`` less ``share`` of its width and height on each side."""
    x0, y0, x1, y1 = region
    dx, dy = (x1 - x0) * share, (y1 - y0) * share
    return (x0 + dx, y0 + dy, x1 - dx, y1 - dy)


def fit_square(rect: Rect, region: Rect) -> Rect:
    """``rect`` of a whole picture moved into ``region``: its bottom middle goes where it
    was in the picture, now in the region, and it stays square (the smaller scale)."""
    x0, y0, x1, y1 = region
    sx, sy = x1 - x0, y1 - y0
    bx, by = x0 + (rect[0] + rect[2]) / 2 * sx, y0 + rect[3] * sy
    w, h = (rect[2] - rect[0]) * min(sx, sy), (rect[3] - rect[1]) * min(sx, sy)
    return (bx - w / 2, by - h, bx + w / 2, by)
