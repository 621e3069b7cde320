"""Does the picture keep the plan? One finding per constraint.

``check(plan, result)`` looks at where the engine reports it drew each thing
(``Result.objects``: boxes and shapes) and reads the rest from the picture itself:
colours from each thing's pixels, written texts by OCR (:mod:`.attributes`). What an
engine says about a thing's attributes is never taken as proof. The built-in engine
reports every object, so counts, relations and positions are checkable there; an engine
that reports nothing (a diffusion model) gets ``"unknown"`` findings unless a
:class:`~.detector.Detector` is given, which then finds the plan's things in the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..engines.base import DrawnObject, Result
from ..layout.positions import TARGETS
from ..vocab.support import pinned
from .attributes import (
    PictureReading,
    attribute_finding,
    diagram_text_findings,
    style_finding,
    text_findings,
)
from .cards import card_findings
from .detector import Detector, detect_objects
from .diagram import check_diagram
from .findings import SATISFIED, UNKNOWN, VIOLATED, Finding, Verdict
from .ocr import TextReader, default_reader
from .world.model import DETECTED, DRAWN, LAYOUT, NONE, Parent, world_findings

if TYPE_CHECKING:
    from ..scene import Entity, Relation, SceneGraph

def check(
    plan: SceneGraph,
    result: Result,
    *,
    detector: Detector | None = None,
    parent: Parent | None = None,
    reader: TextReader | str | None = "auto",
) -> Verdict:
    """Check every count, attribute, relation and exclusion of ``plan``, then whether the
    picture makes physical sense (:mod:`.world.model`: support, frame, size, overlap,
    legibility and, for an edit, permanence).

    Parameters
    ----------
    plan : SceneGraph
        The scene the picture should show.
    result : Result
        What the engine returned: ``result.objects``, or ``result.image`` for the
        detector when the engine reported no objects.
    detector : Detector, optional
        Used only when the engine reported nothing; see :mod:`.detector`.
    parent : Parent, optional
        The plan and objects of the turn this picture edits: what nobody changed must
        stay as it was.
    reader : TextReader or None
        Reads written text back from the picture; ``"auto"`` (the default) uses the OCR
        engine of the ``ocr`` extra when installed, None reads no text (text findings
        are then unknown).
    """
    objects = list(result.objects)
    source = DRAWN if objects else NONE
    if not objects and detector is not None and plan.entities:
        objects = detect_objects(plan, result.image, detector)
        source = DETECTED if objects else NONE
    ocr = default_reader() if isinstance(reader, str) else reader
    reading = PictureReading(result.image, objects, ocr)
    return Verdict(_plan_findings(plan, result, objects, reading) + world_findings(
        plan, objects, _size(result, objects), source=source, parent=parent
    ))  # fmt: skip


def _size(result: Result, objects: list[DrawnObject]) -> tuple[int, int]:
    """The picture's size (where a result has no picture, what its boxes span)."""
    size = getattr(result.image, "size", None)
    if size is not None:
        return int(size[0]), int(size[1])
    return max((o.box[2] for o in objects), default=1), max((o.box[3] for o in objects), default=1)


def _plan_findings(
    plan: SceneGraph, result: Result, objects: list[DrawnObject], reading: PictureReading
) -> list[Finding]:
    """The findings of what the plan asked for: counts, attributes, relations, exclusions,
    texts and style."""
    findings: list[Finding] = []
    for ent in plan.entities:
        mine = [o for o in objects if o.entity == ent.id]
        findings.append(_with(_check_count(ent, mine, bool(objects), reading), ent.id))
        for key, value in ent.attributes.items():
            if key == "position" and mine and value in PLACES:
                finding = _check_position(ent, value, mine, result.image.size)
            else:
                finding = Finding(*attribute_finding(ent, key, value, mine, reading, plan.style))
            findings.append(_with(finding, ent.id))
    for rel in plan.relations:
        findings.append(_with(_check_relation(plan, rel, objects), rel.subject, rel.object))
    for excluded in plan.exclude:
        name = excluded["name"]
        label = f"no {name}"
        if not objects:
            findings.append(Finding(label, UNKNOWN, "the engine did not report what it drew"))
        elif any(o.name == name for o in objects):
            findings.append(Finding(label, VIOLATED, f"a {name} was drawn"))
        else:
            findings.append(Finding(label, SATISFIED, f"no {name} drawn"))
    findings += [Finding(*f) for f in check_diagram(plan, result)]  # arrows, labels, panels...
    findings += [Finding(*f) for f in card_findings(plan, result)]  # "no picture for 'x'"
    findings += [Finding(*judged) for judged in text_findings(plan, reading)]
    diagram = result.metadata.get("diagram")
    findings += [Finding(*j, ids) for j, ids in diagram_text_findings(plan, diagram, reading)]
    style = style_finding(plan, reading)
    return findings if style is None else [*findings, Finding(*style)]


def _with(finding: Finding, *entities: str) -> Finding:
    return Finding(finding.constraint, finding.status, finding.reason, tuple(entities))


def _check_count(
    ent: Entity, mine: Sequence[DrawnObject], reported: bool, reading: PictureReading
) -> Finding:
    """Counted from what was reported, each instance with a shape also seen in the picture."""
    label = f"{ent.count} x {ent.name}"
    if not reported:
        return Finding(label, UNKNOWN, "the engine did not report what it drew")
    seen = reading.count(ent.count, mine)
    if seen is not None:
        return Finding(label, *seen)
    if len(mine) == ent.count:
        return Finding(label, SATISFIED, f"{len(mine)} drawn")
    return Finding(label, VIOLATED, f"{len(mine)} drawn")


PLACES = frozenset(TARGETS)
"""``position`` values the checker verifies from where the things were drawn."""


def _check_position(
    ent: Entity, where: str, mine: Sequence[DrawnObject], size: tuple[int, int]
) -> Finding:
    """Whether the drawn things' centre lies in the part of the picture ``where`` names
    (the outer 45% towards that side; the middle 40% for "center")."""
    label = f"{ent.name} position {where}"
    x0, y0, x1, y1 = _group_box(mine)
    cx, cy = (x0 + x1) / 2 / max(size[0], 1), (y0 + y1) / 2 / max(size[1], 1)
    if where == "center":
        ok = 0.3 <= cx <= 0.7 and 0.3 <= cy <= 0.7
    else:
        ok = all(
            {"left": cx < 0.45, "right": cx > 0.55, "top": cy < 0.45, "bottom": cy > 0.55}[side]
            for side in where.split()
        )
    where_drawn = f"drawn with its centre at ({cx:.2f}, {cy:.2f}) of the picture"
    return Finding(label, SATISFIED if ok else VIOLATED, where_drawn)


def _group_box(objs: Sequence[DrawnObject]) -> tuple[float, float, float, float]:
    return (
        min(o.box[0] for o in objs),
        min(o.box[1] for o in objs),
        max(o.box[2] for o in objs),
        max(o.box[3] for o in objs),
    )


def _check_relation(plan: SceneGraph, rel: Relation, objects: Sequence[DrawnObject]) -> Finding:
    subj, obj = plan.entity(rel.subject), plan.entity(rel.object)
    label = f"{subj.name} {rel.predicate} {obj.name}"
    a = [o for o in objects if o.entity == rel.subject]
    b = [o for o in objects if o.entity == rel.object]
    if not a or not b:
        return Finding(label, UNKNOWN, "the engine did not report both objects")
    ax0, ay0, ax1, ay1 = _group_box(a)
    bx0, by0, bx1, by1 = _group_box(b)
    acx, acy = (ax0 + ax1) / 2, (ay0 + ay1) / 2
    bcx, bcy = (bx0 + bx1) / 2, (by0 + by1) / 2
    overlap_x = min(ax1, bx1) - max(ax0, bx0) > 0
    order = {id(o): i for i, o in enumerate(objects)}
    tests = {
        "left of": (acx < bcx, "centre further left"),
        "right of": (acx > bcx, "centre further right"),
        "above": (acy < bcy, "centre higher"),
        "below": (acy > bcy, "centre lower"),
        "on": (acy < bcy and overlap_x, "higher and horizontally overlapping"),
        "under": (acy > bcy and overlap_x, "lower and horizontally overlapping"),
        # a thing in a container shows its top above the rim ("a sunflower in a vase"):
        # its bottom middle must lie within the container's box
        "inside": (
            bx0 <= acx <= bx1 and by0 <= ay1 <= by1,
            "bottom middle within the other's box",
        ),
        "in front of": (
            min(order[id(o)] for o in a) > max(order[id(o)] for o in b),
            "drawn after",
        ),
        "behind": (
            max(order[id(o)] for o in a) < min(order[id(o)] for o in b),
            "drawn before",
        ),
        "next to": (
            abs(acx - bcx) <= 1.5 * max(ax1 - ax0, bx1 - bx0) + (ax1 - ax0 + bx1 - bx0) / 2,
            "near each other",
        ),
    }
    if rel.predicate == "on" and pinned(subj.name, obj.name):  # a map on a board's face
        tests["on"] = (bx0 <= acx <= bx1 and by0 <= acy <= by1, "centre within the other's box")
    if rel.predicate not in tests:
        return Finding(label, UNKNOWN, f"{rel.predicate!r} is not checkable from boxes")
    ok, what = tests[rel.predicate]
    return Finding(label, SATISFIED if ok else VIOLATED, what if ok else f"not {what}")


def check_layout(scene: SceneGraph) -> Verdict:
    """Check ``scene``'s relations and its world (support, frame, size, overlap,
    legibility) against its own layout boxes, before anything is drawn."""
    names = {e.id: e.name for e in scene.entities}
    objects = [
        DrawnObject(b.entity, b.index, names[b.entity], _pixels(b.box)) for b in scene.layout
    ]
    blank = _Blank(1000, 1000)
    result = Result(image=blank, objects=objects)  # type: ignore[arg-type]
    world = world_findings(scene, objects, blank.size, source=LAYOUT if objects else NONE)
    reading = PictureReading(None, objects, None)  # nothing drawn: nothing to read
    return Verdict(_plan_findings(scene, result, objects, reading) + world)


def _pixels(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (int(v * 1000) for v in box)
    return x0, y0, x1, y1


@dataclass(frozen=True)
class _Blank:
    """Stands in for a picture of ``size`` when only boxes are checked."""

    width: int
    height: int

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height
