"""Support and frame: does each thing rest on something, and is it wholly in the picture?

Each instance is seen through its pixel box (and its exact shape, where the engine reports
one): :func:`seen_objects`. :func:`support_finding` says whether an entity's instances rest
where :func:`~jupyter_imagechat.layout.hosts.support_of` says they must (the ground band
below the background's horizon, the top of their host, a board's face, the wall indoors);
:func:`frame_finding` whether they are cut off by an edge of the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...layout.hosts import Parents
from ...vocab.support import pinned
from ...vocab.world import horizon, place_of
from ..findings import SATISFIED, UNKNOWN, VIOLATED, Finding

if TYPE_CHECKING:
    from ...engines.base import DrawnObject
    from ...scene import Entity, SceneGraph

CUT_OFF = frozenset({"cut off", "close-up", "cropped", "peeking"})
"""Values of an entity's ``framing`` attribute that let it leave the picture."""
TOUCH = 0.012
"""How close (share of the picture's height) a bottom must come to what holds it."""

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Seen:
    """One instance as the checker sees it: pixel box, shape, drawing order, bottom row."""

    entity: str
    index: int
    name: str
    box: Rect
    order: int
    mask: np.ndarray | None = None

    @property
    def bottom(self) -> float:
        """The lowest row the instance covers (its shape's, where it is known)."""
        if self.mask is not None and self.mask.size and self.mask.any():
            rows = np.flatnonzero(self.mask.any(axis=1))
            return self.box[1] + float(rows[-1]) + 1
        return self.box[3]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def seen_objects(
    plan: SceneGraph, objects: Sequence[DrawnObject], size: tuple[int, int]
) -> dict[str, list[Seen]]:
    """Entity id -> its instances as seen (objects of entities not in the plan left out)."""
    ids = {e.id for e in plan.entities}
    out: dict[str, list[Seen]] = {}
    for order, obj in enumerate(objects):
        if obj.entity not in ids:
            continue
        mask = obj.mask
        x0, y0, x1, y1 = (float(v) for v in obj.box)
        if mask is not None and mask.shape != (int(y1 - y0), int(x1 - x0)):
            mask = None  # a shape that does not fit its box is not trusted
        out.setdefault(obj.entity, []).append(
            Seen(obj.entity, obj.index, obj.name, (x0, y0, x1, y1), order, mask)
        )
    return out


def _finding(label: str, ok: bool, reason: str, eid: str, kind: str) -> Finding:
    return Finding(label, SATISFIED if ok else VIOLATED, reason, (eid,), kind)


# -- support ----------------------------------------------------------------------------------
def support_finding(
    plan: SceneGraph,
    ent: Entity,
    things: dict[str, list[Seen]],
    parent: Parents,
    how: str,
    size: tuple[int, int],
    *,
    sky: float | None = None,
) -> Finding:
    """Whether every instance of ``ent`` rests where ``how`` says it must; a thing of the
    sky (:func:`~jupyter_imagechat.layout.hosts.in_the_sky`) must not lie below the
    horizon ``sky`` (a share of the height: its background's, or its panel's)."""
    mine = things.get(ent.id, [])
    host_id, pred = parent.get(ent.id, (None, None))
    host_name = plan.entity(host_id).name if host_id else ""
    if how == "host":
        label = f"{ent.name} {'in' if pred == 'inside' else 'on'} {host_name}"
        if pred == "holding":
            label = f"{ent.name} held by {host_name}"
    elif how == "wall":
        label = f"{ent.name} on the wall"
    elif how == "free":
        label = f"{ent.name} afloat"
    elif how == "beside":
        label = f"{ent.name} {pred} {host_name}"
    else:
        label = f"{ent.name} on the ground"
    if not mine:
        return Finding(label, UNKNOWN, "not drawn", (ent.id,), "support")
    if sky is not None and how in ("air", "free"):
        label = f"{ent.name} in the sky"
        for seen in mine:
            if seen.cy > sky * size[1]:  # more than half of it in the ground band
                depth = seen.cy / size[1] - sky
                why = f"it lies {depth:.2f} of the height below the horizon, on the ground"
                return _finding(label, False, why, ent.id, "support")
        return _finding(label, True, "above the horizon", ent.id, "support")
    if how == "air":
        return _finding(f"{ent.name} in the air", True, f"a {ent.name} may fly", ent.id, "support")
    if how == "free":
        place = place_of(plan.background) or "this place"
        return _finding(label, True, f"nothing stands on a ground in {place}", ent.id, "support")
    if how == "wall":
        return _finding(label, True, "the wall holds it", ent.id, "support")
    height = size[1]
    tol = TOUCH * height + 1
    for seen in mine:
        ok, why = _rests(plan, seen, how, pred, host_id, host_name, things, tol, height)
        if not ok:
            return _finding(label, False, why, ent.id, "support")
    where = {
        "ground": "stands on the ground",
        "host": f"rests {'in' if pred == 'inside' else 'on'} the {host_name}",
        "beside": f"stands with the {host_name}",
    }[how]
    if how == "host" and pred == "holding":
        where = f"held by the {host_name}"
    if how == "ground" and ent.attributes.get("position", "").startswith("top"):
        where = "at the top of the picture, as the plan asks"
    return _finding(label, True, where, ent.id, "support")


def _rests(
    plan: SceneGraph,
    seen: Seen,
    how: str,
    pred: str | None,
    host_id: str | None,
    host_name: str,
    things: dict[str, list[Seen]],
    tol: float,
    height: int,
) -> tuple[bool, str]:
    """Whether one instance rests as it must, and if not, why."""
    if how == "ground":
        ent = plan.entity(seen.entity)
        if ent.attributes.get("position", "").startswith("top"):
            return True, ""
        line = horizon(plan.background)
        assert line is not None  # "ground" only where there is one
        if seen.bottom >= line * height - tol:
            return True, ""
        under = _resting_on(seen, things, tol)
        if under is not None:
            return True, ""
        gap = (line * height - seen.bottom) / height
        return False, f"it floats {gap:.2f} of the height above the ground"
    hosts = things.get(host_id or "", [])
    if not hosts:
        return False, f"its {host_name} is not in the picture"
    # the host instance nearest it (a crowd's rows go back: the nearest in both ways)
    host = min(hosts, key=lambda h: (h.cx - seen.cx) ** 2 + (h.cy - seen.cy) ** 2)
    hx0, hy0, hx1, hy1 = host.box
    over = hx0 - tol <= seen.cx <= hx1 + tol
    if how == "beside":
        ok = over or abs(seen.cx - host.cx) <= host.width + seen.width
        ok = ok and hy0 - tol <= seen.bottom <= hy1 + 0.25 * host.height + tol
        return ok, f"it does not stand where the {host_name} stands"
    if pred == "holding":  # within reach: beside the holder's drawn shape, at its height
        reach = tol + 0.5 * max(host.width, host.height)
        near = seen.box[0] <= hx1 + reach and hx0 - reach <= seen.box[2]
        near = near and seen.box[1] <= hy1 + tol and hy0 - tol <= seen.box[3]
        return near, f"it is out of the {host_name}'s reach"
    if pred == "inside" or pinned(seen.name, host_name):
        inside = over and hy0 - tol <= seen.bottom <= hy1 + tol
        return inside, f"it is not within the {host_name}"
    on_top = over and hy0 - tol <= seen.bottom <= hy1 + tol  # on its top, or worn on it
    if on_top:
        return True, ""
    if seen.bottom < hy0 - tol:
        gap = (hy0 - seen.bottom) / height
        return False, f"it floats {gap:.2f} of the height above the {host_name}"
    return False, f"it is not on the {host_name}"


def _resting_on(seen: Seen, things: dict[str, list[Seen]], tol: float) -> Seen | None:
    """Another drawn thing whose top is right under ``seen`` (a cup put on a table
    without a relation saying so), or None."""
    for eid, others in things.items():
        if eid == seen.entity:
            continue
        for other in others:
            x0, y0, x1, _ = other.box
            if x0 <= seen.cx <= x1 and y0 - tol <= seen.bottom <= y0 + 0.5 * other.height:
                return other
    return None


# -- frame ------------------------------------------------------------------------------------
def frame_finding(
    ent: Entity, mine: list[Seen], size: tuple[int, int], detected: bool = False
) -> Finding:
    """Whether every instance of ``ent`` lies wholly inside the picture (a ``detected``
    box that reaches an edge counts as cut off there: the thing goes on beyond it)."""
    label = f"{ent.name} inside the picture"
    if not mine:
        return Finding(label, UNKNOWN, "not drawn", (ent.id,), "frame")
    allowed = ent.attributes.get("framing", "") in CUT_OFF
    for seen in mine:
        edges = _cut_edges(seen, size, detected)
        if edges and not allowed:
            return _finding(label, False, f"cut off at the {' and '.join(edges)}", ent.id, "frame")
    if allowed:
        return _finding(label, True, "may be cut off, as the plan asks", ent.id, "frame")
    return _finding(label, True, "wholly inside", ent.id, "frame")


def _cut_edges(seen: Seen, size: tuple[int, int], detected: bool = False) -> list[str]:
    """The edges of the picture that cut ``seen`` off (empty when it is wholly inside)."""
    width, height = size
    x0, y0, x1, y1 = seen.box
    if x1 <= x0 or y1 <= y0:
        return ["edge (drawn wholly outside)"]
    sides = {"left": x0 <= 0, "top": y0 <= 0, "right": x1 >= width, "bottom": y1 >= height}
    if seen.mask is None and not detected:  # an engine's or the plan's own box: beyond
        beyond = {"left": x0 < 0, "top": y0 < 0, "right": x1 > width, "bottom": y1 > height}
        return [f"{k} edge" for k, v in beyond.items() if v]
    if seen.mask is None:  # a detector's box on an edge: the thing goes on beyond it
        return [f"{k} edge" for k, v in sides.items() if v]
    rows = np.asarray(seen.mask.any(axis=1))
    cols = np.asarray(seen.mask.any(axis=0))
    shown = {
        "left": sides["left"] and bool(cols[:1].any()),
        "top": sides["top"] and bool(rows[:1].any()),
        "right": sides["right"] and bool(cols[-1:].any()),
        "bottom": sides["bottom"] and bool(rows[-1:].any()),
    }
    return [f"{k} edge" for k, v in shown.items() if v]
