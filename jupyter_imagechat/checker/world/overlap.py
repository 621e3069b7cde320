"""Overlap and legibility: do things stay clear of each other, and can each be seen?

Two things may overlap only where a relation puts them together (on, inside, holding, in
front of, behind, under; or through a chain of them: the apples in a bowl on a table) or
they are stacked by an arrangement. Labels cover no thing and no other label. Every
instance of a counted thing shows at least half of itself, nothing is too small to see,
and words written on a thing fit it.
"""

from __future__ import annotations

import numpy as np

from ...layout.body import rides
from ...layout.hosts import ATTACH, Parents, depths, root_of
from ...layout.lettering import LETTER, letters
from ...scene import SceneGraph
from ...vocab.support import pinned
from ..findings import SATISFIED, UNKNOWN, VIOLATED, Finding
from .rules import Rect, Seen

OVERLAP_SHARE = {"drawn": 0.02, "layout": 0.02, "detected": 0.15}
"""Largest share of the smaller of two unrelated things the other may cover, by where the
boxes come from (a detector's boxes are loose)."""
MIN_VISIBLE = 0.5
"""Least share of an instance of a counted thing that must show."""
MIN_SIDE = 0.012
"""Smallest side (share of the picture's shorter side) a thing can be seen at."""


def overlap_findings(
    plan: SceneGraph,
    things: dict[str, list[Seen]],
    parent: Parents,
    size: tuple[int, int],
    source: str,
) -> list[Finding]:
    """One ``overlap`` finding per pair of entities that overlap without leave (or one
    saying none do), and one per label that covers something."""
    allowed = _allowed(plan, parent)
    share = OVERLAP_SHARE.get(source, 0.02)
    worst: dict[tuple[str, str], float] = {}
    flat = [s for ss in things.values() for s in ss]
    for i, a in enumerate(flat):
        for b in flat[i + 1 :]:
            if a.entity == b.entity or frozenset((a.entity, b.entity)) in allowed:
                continue
            covered = _covered(a, b)
            if covered > share:
                ahead, behind = (a, b) if a.order > b.order else (b, a)
                key = (ahead.entity, behind.entity)
                worst[key] = max(worst.get(key, 0.0), covered)
    out = []
    for (front, back), covered in worst.items():
        f_name, b_name = plan.entity(front).name, plan.entity(back).name
        out.append(
            Finding(
                f"{f_name} clear of {b_name}",
                VIOLATED,
                f"they overlap ({covered:.0%} of the smaller) and no relation puts them together",
                (front, back),
                "overlap",
            )
        )
    out += _label_findings(plan, flat, size)
    if not worst:
        out.insert(0, Finding("things clear of each other", SATISFIED,
                              "only related things overlap", (), "overlap"))  # fmt: skip
    return out


def _allowed(plan: SceneGraph, parent: Parents) -> set[frozenset[str]]:
    """Pairs of entity ids that may overlap: related by an attaching relation, down a
    chain of hosts, in one group of things resting on each other at different depths (the
    man in front of the fence and the giraffe behind it), or of one kind (the rows of a
    crowd go back into the picture, whatever colours its members are split into;
    legibility still asks each to show half of itself). What lies on a host's face (a
    jacket worn, a wheel of a skateboard, a map on a board) is part of the host's body, what
    it holds is in its hand and what it stands on is under its feet: each may overlap
    whatever the host may (the train in front of the man, the man on the skateboard, the
    boy in front of a skater and the skater's board)."""
    pairs = {frozenset((r.subject, r.object)) for r in plan.relations if r.predicate in ATTACH}
    depth = depths(plan)
    group: dict[str, list[str]] = {}
    for ent in plan.entities:
        group.setdefault(root_of(ent.id, parent), []).append(ent.id)
    for members in group.values():
        pairs |= {frozenset((a, b)) for a in members for b in members if depth[a] != depth[b]}
    kinds: dict[str, list[str]] = {}
    for ent in plan.entities:
        kinds.setdefault(ent.name, []).append(ent.id)
    for same in kinds.values():
        pairs |= {frozenset((a, b)) for a in same for b in same if a != b}
    for child in parent:
        host, seen = parent[child][0], {child}
        while host not in seen:  # every host down the chain
            pairs.add(frozenset((child, host)))
            seen.add(host)
            if host not in parent:
                break
            host = parent[host][0]
    for arrangement in plan.arrangements:
        if arrangement.kind == "stack":
            members = list(arrangement.members)
            pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    names = {e.id: e.name for e in plan.entities}
    on_face = {
        c: h for c, (h, p) in parent.items()
        if (p == "on" and pinned(names[c], names[h])) or p == "holding"
        or (p == "under" and rides(names[h], names[c]))
    }  # fmt: skip
    for child, host in on_face.items():  # the train in front of a man: of his jacket too,
        # of the phone in his hand and of the skateboard under his feet
        near = {other for pair in pairs if host in pair for other in pair}
        pairs |= {frozenset((child, other)) for other in near - {host, child}}
    return pairs


def _covered(a: Seen, b: Seen) -> float:
    """Share of the smaller of ``a`` and ``b`` that the two have in common (shapes where
    both are known, else boxes)."""
    x0, y0 = max(a.box[0], b.box[0]), max(a.box[1], b.box[1])
    x1, y1 = min(a.box[2], b.box[2]), min(a.box[3], b.box[3])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    if a.mask is not None and b.mask is not None:
        common = _cut(a, x0, y0, x1, y1) & _cut(b, x0, y0, x1, y1)
        least = min(int(a.mask.sum()), int(b.mask.sum()))
        return float(common.sum()) / least if least else 0.0
    area = (x1 - x0) * (y1 - y0)
    smaller = min(a.width * a.height, b.width * b.height)
    return area / smaller if smaller > 0 else 0.0


def _cut(seen: Seen, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    assert seen.mask is not None
    ox, oy = int(seen.box[0]), int(seen.box[1])
    return seen.mask[int(y0) - oy : int(y1) - oy, int(x0) - ox : int(x1) - ox]


def _label_findings(plan: SceneGraph, flat: list[Seen], size: tuple[int, int]) -> list[Finding]:
    width, height = size
    boxes: list[tuple[str, Rect]] = []
    for label in plan.labels:
        box = getattr(label, "box", None)
        if box is not None:
            x0, y0, x1, y1 = box
            boxes.append((label.text, (x0 * width, y0 * height, x1 * width, y1 * height)))
    out = []
    for i, (text, rect) in enumerate(boxes):
        area = max((rect[2] - rect[0]) * (rect[3] - rect[1]), 1e-9)
        hits = [s.name for s in flat if _area(rect, s.box) / area > 0.05]
        hits += [f"label {t!r}" for t, r in boxes[:i] + boxes[i + 1 :] if _area(rect, r) > 0]
        if hits:
            why = f"it covers the {', the '.join(dict.fromkeys(hits))}"
            out.append(Finding(f"label {text!r} clear", VIOLATED, why, (), "overlap"))
    return out


def _area(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# -- legibility -------------------------------------------------------------------------------
def legibility_findings(
    plan: SceneGraph, things: dict[str, list[Seen]], size: tuple[int, int], source: str
) -> list[Finding]:
    """One ``legibility`` finding per counted entity and per entity with a text (and per
    entity drawn too small to see)."""
    flat = sorted((s for ss in things.values() for s in ss), key=lambda s: s.order)
    smallest = MIN_SIDE * min(size)
    out = []
    for ent in plan.entities:
        mine = things.get(ent.id, [])
        if not mine:
            continue
        tiny = [s for s in mine if max(s.width, s.height) < smallest]
        label = f"{ent.count} x {ent.name} visible" if ent.count > 1 else f"{ent.name} visible"
        if tiny:
            why = f"drawn {max(tiny[0].width, tiny[0].height):.0f} px wide: too small to see"
            out.append(Finding(label, VIOLATED, why, (ent.id,), "legibility"))
            continue
        if ent.count > 1:
            shown = [_visible(s, [o for o in flat if o.order > s.order]) for s in mine]
            least = min(shown)
            ok = least >= MIN_VISIBLE
            worst = shown.index(least) + 1
            why = (f"each shows at least {least:.0%} of itself" if ok else
                   f"instance {worst} shows only {least:.0%} of itself")  # fmt: skip
            out.append(Finding(label, SATISFIED if ok else VIOLATED, why, (ent.id,), "legibility"))
        text = ent.attributes.get("text")
        if text:
            out.append(_text_finding(ent.id, ent.name, text, mine, source, min(size)))
    return out


def _visible(seen: Seen, later: list[Seen]) -> float:
    """Share of ``seen`` that the things drawn after it leave uncovered."""
    x0, y0, x1, y1 = seen.box
    if x1 <= x0 or y1 <= y0:
        return 0.0
    if seen.mask is not None and all(o.mask is not None for o in later):
        own = seen.mask.copy()
        total = int(own.sum())
        if total == 0:
            return 0.0
        for other in later:
            ox0, oy0 = max(x0, other.box[0]), max(y0, other.box[1])
            ox1, oy1 = min(x1, other.box[2]), min(y1, other.box[3])
            if ox1 <= ox0 or oy1 <= oy0:
                continue
            part = _cut(other, ox0, oy0, ox1, oy1)
            top, left = int(oy0) - int(y0), int(ox0) - int(x0)
            region = own[top : int(oy1) - int(y0), left : int(ox1) - int(x0)]
            region &= ~part[: region.shape[0], : region.shape[1]]
        return float(own.sum()) / total
    xs = np.linspace(x0, x1, 12, endpoint=False) + (x1 - x0) / 24
    ys = np.linspace(y0, y1, 12, endpoint=False) + (y1 - y0) / 24
    gx, gy = np.meshgrid(xs, ys)
    hidden = np.zeros(gx.shape, dtype=bool)
    for o in later:
        hidden |= (gx >= o.box[0]) & (gx < o.box[2]) & (gy >= o.box[1]) & (gy < o.box[3])
    return 1.0 - float(hidden.mean())


def _text_finding(
    eid: str, name: str, text: str, mine: list[Seen], source: str, shorter: int
) -> Finding:
    """Whether the thing is drawn wide enough for its text to be read: at least
    :data:`~jupyter_imagechat.layout.lettering.LETTER` of the picture's ``shorter`` side per
    letter of its longest line (the layout's own least width)."""
    label = f"text {text!r} on the {name}"
    if source != "drawn":
        return Finding(label, UNKNOWN, "only the engine knows what it wrote", (eid,), "legibility")
    widest = max(s.width for s in mine)
    need = LETTER * shorter * letters(text)
    if widest < need:
        why = (f"the {name} is {widest:.0f} px wide: too narrow to read {len(text)} letters "
               f"(about {need:.0f} px needed)")  # fmt: skip
        return Finding(label, VIOLATED, why, (eid,), "legibility")
    return Finding(label, SATISFIED, "fits the thing it is written on", (eid,), "legibility")
