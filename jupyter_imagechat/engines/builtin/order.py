"""What goes where, in which order: a scene's instances, back to front.

In the layout's depth order (:func:`~jupyter_imagechat.layout.hosts.draw_ranks`, the one the
layout solved for): patches of the place itself first, things behind, then things in front,
on, inside or held; within one depth lower boxes (nearer the viewer) are drawn later.
Instances without a layout box get tidy places along the ground.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ...layout.hosts import draw_ranks
from ...scene import SceneGraph


@dataclass
class Instance:
    """One thing to draw: entity, instance index, noun, attributes, normalised box."""

    entity: str
    index: int
    name: str
    attributes: dict[str, str]
    box: tuple[float, float, float, float]
    layer: tuple[int, int]
    """Where the layout puts it in depth (:func:`~jupyter_imagechat.layout.hosts.draw_ranks`)."""
    support: bool = False
    """True if something stands on or sits inside this instance."""


# -- what goes where, in which order ------------------------------------------------------
def fallback_boxes(count: int) -> list[tuple[float, float, float, float]]:
    """Return ``count`` boxes in tidy rows standing on the ground, for unplaced instances."""
    if count <= 0:
        return []
    cols = min(count, max(1, math.ceil(math.sqrt(count * 2))))
    rows = math.ceil(count / cols)
    cell = 0.9 / cols
    size = min(cell * 0.85, 0.55 / rows, 0.3)
    boxes = []
    for i in range(count):
        row, col = divmod(i, cols)
        in_row = min(cols, count - row * cols)
        left = 0.5 - in_row * cell / 2
        cx = left + (col + 0.5) * cell
        bottom = 0.92 - row * (size * 1.05)
        boxes.append((cx - size / 2, bottom - size, cx + size / 2, bottom))
    return boxes


def _floats(box: Sequence[float]) -> tuple[float, float, float, float]:
    """``box`` as four floats (a plan read from JSON may hold ints)."""
    x0, y0, x1, y1 = box
    return float(x0), float(y0), float(x1), float(y1)


def instances(scene: SceneGraph) -> list[Instance]:
    """Return every instance of the scene in drawing order (back to front)."""
    boxes = {(b.entity, b.index): _floats(b.box) for b in scene.layout}
    layers = draw_ranks(scene)
    supports = {r.object for r in scene.relations if r.predicate in ("on", "inside")}
    found: list[Instance] = []
    missing: list[Instance] = []
    for ent in scene.entities:
        for i in range(ent.count):
            box = boxes.get((ent.id, i))
            inst = Instance(
                ent.id,
                i,
                ent.name,
                dict(ent.attributes),
                box or (0.0, 0.0, 1.0, 1.0),
                layers[ent.id],
                ent.id in supports,
            )
            (found if box else missing).append(inst)
    for inst, box in zip(missing, fallback_boxes(len(missing)), strict=True):
        inst.box = box
    order = {id(inst): n for n, inst in enumerate(found + missing)}
    return sorted(found + missing, key=lambda d: (d.layer, d.box[3], order[id(d)]))
