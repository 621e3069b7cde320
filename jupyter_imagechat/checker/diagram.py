"""Does the picture keep the plan's diagram? Arrows, labels, panels and arrangements.

Checked from what the engine reports it drew (``Result.metadata["diagram"]``, in pixels,
and ``Result.objects``), never from the plan: an arrow from the right thing to the right
thing, each label written inside the picture over no thing and no other text with its
leader line on its thing, each panel holding its members, each arrangement's count, rows
and columns in line, signs between the right members. An engine that reports no diagram
gets ``unknown`` for each.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import Any, NamedTuple

from ..engines.base import DrawnObject, Result
from ..layout.diagram import has_diagram
from ..layout.diagram_marks import expected_rows
from ..layout.marks import centre, distance, group_box, inside, overlap
from ..scene import Arrangement, Arrow, Label, Panel, SceneGraph

__all__ = ["Finding", "check_diagram"]

SATISFIED, VIOLATED, UNKNOWN = "satisfied", "violated", "unknown"

Box = tuple[float, float, float, float]

REACH = 0.05
"""How far (a share of the picture's smaller side) an arrow's end or a leader line's
point may lie from the box of the thing it joins."""
IN_LINE = 0.7
"""How far apart the middles of one row's (one column's) items may be, in item heights
(widths): rows drawn an item and a gap apart stay told apart."""
TOUCHING = 0.25
"""Largest gap between stacked things, in item heights."""
COVERED = 0.02
"""Share of a text's box a thing may show through before the text counts as covering it."""
NOT_REPORTED = "the engine did not report what it drew of the diagram"


class Finding(NamedTuple):
    """One diagram finding, in the fields of :class:`.check.Finding` (which
    :func:`.check.check` makes of it: this module sits below ``check.py``)."""

    constraint: str
    status: str
    reason: str
    entities: tuple[str, ...] = ()


def check_diagram(plan: SceneGraph, result: Result) -> list[Finding]:
    """One finding per arrow, label, panel and arrangement of ``plan``."""
    if not has_diagram(plan):
        return []
    names = {e.id: e.name for e in plan.entities} | {p.id: p.title or p.id for p in plan.panels}
    report = result.metadata.get("diagram")
    if not isinstance(report, dict):
        return [
            Finding(what, UNKNOWN, NOT_REPORTED, ids) for what, ids in _constraints(plan, names)
        ]
    sheet = _Drawn(plan, result, report)
    findings = [sheet.arrow(a, names) for a in plan.arrows]
    findings += [sheet.label(lb, names) for lb in plan.labels]
    findings += [sheet.panel(p, names) for p in plan.panels]
    findings += [sheet.arrangement(k, a, names) for k, a in enumerate(plan.arrangements)]
    return findings


def _arrow_name(arrow: Arrow, names: dict[str, str]) -> str:
    text = f"arrow {names.get(arrow.start, arrow.start)} -> {names.get(arrow.end, arrow.end)}"
    return text + (f" ({arrow.label})" if arrow.label else "")


def _label_name(label: Label, names: dict[str, str]) -> str:
    return f"label {label.text!r} on {names.get(label.target, label.target)}"


def _panel_name(panel: Panel) -> str:
    return f"panel {panel.title or panel.id!r}"


def _arrangement_name(arrangement: Arrangement, names: dict[str, str]) -> str:
    members = ", ".join(names.get(m, m) for m in arrangement.members)
    signs = f" with {' '.join(arrangement.signs)}" if arrangement.signs else ""
    return f"{arrangement.kind}: {members}{signs}"


def _constraints(plan: SceneGraph, names: dict[str, str]) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    out += [(_arrow_name(a, names), ()) for a in plan.arrows]
    out += [(_label_name(lb, names), ()) for lb in plan.labels]
    out += [(_panel_name(p), tuple(p.members)) for p in plan.panels]
    out += [(_arrangement_name(a, names), _entities(plan, a)) for a in plan.arrangements]
    return out


def _entities(plan: SceneGraph, arrangement: Arrangement) -> tuple[str, ...]:
    ids = {e.id for e in plan.entities}
    return tuple(m for m in arrangement.members if m in ids)


class _Drawn:
    """What was drawn: object boxes by entity, the reported marks, the texts."""

    def __init__(self, plan: SceneGraph, result: Result, report: dict[str, Any]) -> None:
        self.plan = plan
        self.width, self.height = result.image.size
        self.reach = REACH * min(self.width, self.height)
        self.objects: dict[str, list[DrawnObject]] = defaultdict(list)
        for obj in sorted(result.objects, key=lambda o: (o.entity, o.index)):
            if obj.box[2] > obj.box[0] and obj.box[3] > obj.box[1]:
                self.objects[obj.entity].append(obj)
        self.all_objects = [o for objs in self.objects.values() for o in objs]
        self.report = report
        self.panels = {p.get("id"): p for p in _entries(report, "panels")}
        self.texts: list[tuple[str, Box]] = []
        for entry in _entries(report, "labels"):
            self.texts.append((f"label {entry.get('text')!r}", _box(entry.get("box"))))
        for entry in _entries(report, "arrows"):
            if entry.get("label_box") is not None:
                self.texts.append((f"arrow label {entry.get('label')!r}", _box(entry["label_box"])))
        for entry in _entries(report, "names"):
            self.texts.append((f"name {entry.get('text')!r}", _box(entry.get("box"))))
        for entry in self.panels.values():
            if entry.get("title_box") is not None:
                self.texts.append((f"title {entry.get('title')!r}", _box(entry["title_box"])))
        for entry in _entries(report, "signs"):
            self.texts.append((f"sign {entry.get('sign')}", _box(entry.get("box"))))

    def member_box(self, member: str) -> Box | None:
        if member in self.panels:
            return _box(self.panels[member].get("box"))
        objs = self.objects.get(member)
        return group_box([_box(o.box) for o in objs]) if objs else None

    # -- texts -----------------------------------------------------------------------------
    def text_problem(self, box: Box, own: str) -> str | None:
        """Why a text box breaks the rules (outside, over another text, over a thing)."""
        if (
            box[0] < -0.5
            or box[1] < -0.5
            or box[2] > self.width + 0.5
            or box[3] > self.height + 0.5
        ):
            return "its text is not wholly inside the picture"
        seen_self = False
        for name, other in self.texts:
            if other == box and name == own and not seen_self:
                seen_self = True
                continue
            if overlap(box, other) > 1.0:
                return f"its text overlaps the {name}"
        area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
        for obj in self.all_objects:
            if _covered(obj, box) > COVERED * area:
                return f"its text covers the {obj.name}"
        return None

    # -- the findings ----------------------------------------------------------------------
    def arrow(self, arrow: Arrow, names: dict[str, str]) -> Finding:
        what = _arrow_name(arrow, names)
        entries = [
            e for e in _entries(self.report, "arrows")
            if e.get("start") == arrow.start and e.get("end") == arrow.end
        ]  # fmt: skip
        start, end = self.member_box(arrow.start), self.member_box(arrow.end)
        if not entries or start is None or end is None:
            return Finding(what, VIOLATED, "no arrow was drawn between them")
        entry = entries[0]
        tail, tip = _point(entry.get("from")), _point(entry.get("to"))
        if tail is None or tip is None:
            return Finding(what, VIOLATED, "the arrow's ends were not reported")
        if distance(tail, start) > self.reach or distance(tip, end) > self.reach:
            return Finding(what, VIOLATED, "its ends are not at the two things")
        if distance(tail, start) > distance(tail, end) or distance(tip, end) > distance(tip, start):
            return Finding(what, VIOLATED, "it points the wrong way")
        if arrow.label:
            box = entry.get("label_box")
            if box is None:
                return Finding(what, VIOLATED, "its label was not written")
            problem = self.text_problem(_box(box), f"arrow label {arrow.label!r}")
            if problem:
                return Finding(what, VIOLATED, problem)
        kind = "curved arrow" if entry.get("curved") else "arrow"
        return Finding(what, SATISFIED, f"{kind} drawn from the one to the other")

    def label(self, label: Label, names: dict[str, str]) -> Finding:
        what = _label_name(label, names)
        entry = next(
            (
                e for e in _entries(self.report, "labels")
                if e.get("text") == label.text and e.get("target") == label.target
                and e.get("index") == label.index
            ),
            None,
        )  # fmt: skip
        objs = self.objects.get(label.target, [])
        if entry is None or label.index >= len(objs):
            return Finding(what, VIOLATED, "it was not written")
        problem = self.text_problem(_box(entry.get("box")), f"label {label.text!r}")
        if problem:
            return Finding(what, VIOLATED, problem)
        point = _point(entry.get("anchor"))
        target = _box(objs[label.index].box)
        if point is None or distance(point, target) > self.reach:
            return Finding(what, VIOLATED, "its leader line does not end on it")
        return Finding(what, SATISFIED, "written beside it, leader line on it, over nothing")

    def panel(self, panel: Panel, names: dict[str, str]) -> Finding:
        what = _panel_name(panel)
        entry = self.panels.get(panel.id)
        if entry is None:
            return Finding(what, VIOLATED, "it was not drawn", tuple(panel.members))
        box = _box(entry.get("box"))
        outside = [
            o.name
            for m in panel.members
            for o in self.objects.get(m, [])
            if not (inside(o.box[:2], _grown(box, 2)) and inside(o.box[2:], _grown(box, 2)))
        ]
        missing = [names.get(m, m) for m in panel.members if not self.objects.get(m)]
        if missing:
            return Finding(what, VIOLATED, f"{', '.join(missing)} not drawn", tuple(panel.members))
        if outside:
            return Finding(what, VIOLATED, f"{outside[0]} drawn outside it", tuple(panel.members))
        if panel.title and entry.get("title_box") is None:
            return Finding(what, VIOLATED, "its title was not written", tuple(panel.members))
        held = f"holds its {len(panel.members)} member(s)" if panel.members else "drawn"
        return Finding(what, SATISFIED, held + (", titled" if panel.title else ""))

    def arrangement(self, k: int, arrangement: Arrangement, names: dict[str, str]) -> Finding:
        what = _arrangement_name(arrangement, names)
        ids = _entities(self.plan, arrangement)
        counts = {e.id: e.count for e in self.plan.entities}
        for member in arrangement.members:
            drawn = 1 if member in self.panels else len(self.objects.get(member, []))
            if drawn != counts.get(member, 1):
                want = counts.get(member, 1)
                return Finding(what, VIOLATED, f"{drawn} of {want} {names.get(member)} drawn", ids)
        boxes = {m: [_box(o.box) for o in self.objects.get(m, [])] for m in ids}
        boxes |= {
            m: [_box(self.panels[m].get("box"))] for m in arrangement.members if m in self.panels
        }
        rows = expected_rows(arrangement, counts)
        problem = _lined_up(arrangement, rows, boxes)
        if problem is None:
            problem = self.signs_and_names(k, arrangement, boxes)
        if problem is not None:
            return Finding(what, VIOLATED, problem, ids)
        extra = f", signs {' '.join(arrangement.signs)} between" if arrangement.signs else ""
        return Finding(what, SATISFIED, _shape(arrangement.kind, rows) + extra, ids)

    def signs_and_names(self, k: int, arrangement: Arrangement, boxes: dict) -> str | None:
        signs = [e for e in _entries(self.report, "signs") if e.get("arrangement") == k]
        if [e.get("sign") for e in signs] != list(arrangement.signs):
            return "its signs were not all drawn"
        for i, entry in enumerate(signs):
            a = group_box(boxes[arrangement.members[i]])
            b = group_box(boxes[arrangement.members[i + 1]])
            (ax, ay), (bx, by), (sx, sy) = centre(a), centre(b), centre(_box(entry.get("box")))
            along = (sx - ax) * (bx - ax) + (sy - ay) * (by - ay)
            if not 0 < along < (bx - ax) ** 2 + (by - ay) ** 2:
                return f"the sign {entry.get('sign')} is not between its members"
        if arrangement.kind == "pictogram":
            written = {
                e.get("member") for e in _entries(self.report, "names") if e.get("arrangement") == k
            }
            if not set(arrangement.members) <= written:
                return "not every row's name was written"
        return None


def _lined_up(
    arrangement: Arrangement, rows: list[list[tuple[str, int]]], boxes: dict
) -> str | None:
    """Why the drawn items are not where the arrangement puts them (None: they are)."""
    item = {(m, i): b for m, bs in boxes.items() for i, b in enumerate(bs)}
    if arrangement.kind == "circle":
        if len(arrangement.members) > 1:  # a place per member
            middles = [centre(group_box(boxes[m])) for m in arrangement.members if boxes.get(m)]
        else:
            middles = [centre(item[key]) for key in rows[0] if key in item]
        if len(middles) < 3:
            return None
        cx = sum(p[0] for p in middles) / len(middles)
        cy = sum(p[1] for p in middles) / len(middles)
        radii = [math.dist(p, (cx, cy)) for p in middles]
        if max(radii) - min(radii) > 0.25 * max(sum(radii) / len(radii), 1.0):
            return "its things are not round a circle"
        turns = [math.atan2(p[1] - cy, p[0] - cx) for p in middles]
        steps = [(b - a) % (2 * math.pi) for a, b in itertools.pairwise(turns)]
        if not all(0 < s < math.pi * 1.2 for s in steps):
            return "its things are not in order round the circle"
        return None
    grid = [[item[key] for key in row if key in item] for row in rows]
    size = [b[3] - b[1] for row in grid for b in row]
    if not size:
        return None
    tall = sorted(size)[len(size) // 2]
    wide = sorted(b[2] - b[0] for row in grid for b in row)[len(size) // 2]
    for r, row in enumerate(grid):
        ys = [centre(b)[1] for b in row]
        if ys and max(ys) - min(ys) > IN_LINE * tall:
            return f"row {r + 1} is not in line"
        xs = [centre(b)[0] for b in row]
        if any(b <= a for a, b in itertools.pairwise(xs)):
            return f"row {r + 1} is not in order"
    for c in range(max(len(row) for row in grid)):
        xs = [centre(row[c])[0] for row in grid if c < len(row)]
        if xs and max(xs) - min(xs) > IN_LINE * wide:
            return f"column {c + 1} is not in line"
    tops = [min(b[1] for b in row) for row in grid if row]
    if any(b <= a for a, b in itertools.pairwise(tops)):
        return "its rows are not one below another"
    if arrangement.kind == "stack":
        for upper, lower in itertools.pairwise([row[0] for row in grid if row]):
            if lower[1] - upper[3] > TOUCHING * tall:
                return "its things are not on top of each other"
    return None


def _shape(kind: str, rows: list[list[tuple[str, int]]]) -> str:
    """What a kept arrangement looks like, in words: "3 rows of 4, in line"."""
    n = sum(len(r) for r in rows)
    if kind == "circle":
        return f"{n} round a circle, in order"
    if kind in ("column", "stack"):
        return f"{n} {'stacked' if kind == 'stack' else 'in a column'}, in line"
    if len(rows) == 1:
        return f"{n} in a row, in line"
    lengths = sorted({len(r) for r in rows})
    each = f"of {lengths[0]}" if len(lengths) == 1 else f"of {lengths[0]} to {lengths[-1]}"
    return f"{len(rows)} rows {each}, rows and columns in line"


def _entries(report: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = report.get(key)
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _box(value: Any) -> Box:
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return (0.0, 0.0, 0.0, 0.0)
    return (x0, y0, x1, y1)


def _point(value: Any) -> tuple[float, float] | None:
    try:
        x, y = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (x, y)


def _grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _covered(obj: DrawnObject, box: Box) -> float:
    """How many pixels of ``obj``'s shape lie under ``box``."""
    ox0, oy0, ox1, oy1 = obj.box
    x0, y0 = max(int(box[0]), ox0), max(int(box[1]), oy0)
    x1, y1 = min(math.ceil(box[2]), ox1), min(math.ceil(box[3]), oy1)
    if x1 <= x0 or y1 <= y0:
        return 0.0
    if obj.mask is None:
        return float((x1 - x0) * (y1 - y0))
    return float(obj.mask[y0 - oy0 : y1 - oy0, x0 - ox0 : x1 - ox0].sum())
