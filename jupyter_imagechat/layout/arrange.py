"""Layout: give every drawn instance of a scene a box that keeps its relations and the world.

:func:`arrange` is deterministic for a seed; different seeds give different layouts that
keep the same constraints. Boxes are squares (the built-in artwork is square emoji) sized
by a table of typical sizes (:func:`~jupyter_imagechat.vocab.sizes.typical_size`): an
elephant is drawn bigger than a mouse.

A new scene is packed (:mod:`.packing`: blocks, clusters of things resting on, in or
under each other, grids of left/right/above/below, shelves), then solved (:mod:`.fresh`,
with the constraint solver of :mod:`.solver`): every thing inside the picture, standing
things on the ground band below the background's horizon (:mod:`.hosts` says what stands,
what rests on a host and what hangs on a wall), unrelated things apart, relations and
named places kept, all at one scale as large as fits.

When some boxes already exist (an edit), they stay exactly where they are; new instances
and new entities are fitted around them (:mod:`.fill`): on the ground if they stand, on
their host if they rest on one. A scene with arrows, labels, panels or arrangements is a
diagram (:mod:`.diagram`). Blocks and rectangle helpers live in :mod:`.blocks`.
"""

from __future__ import annotations

import random

from ..errors import InputError
from ..scene import Box, SceneGraph
from .blocks import MARGIN, Rect
from .body import lay_flat
from .diagram import arrange_diagram, has_diagram
from .fill import fill
from .fresh import lay_out_new
from .hosts import attachments, draw_ranks
from .moves import moved_keys, settle_moves


def arrange(
    scene: SceneGraph,
    *,
    seed: int = 0,
    region: tuple[float, float, float, float] | None = None,
    before: SceneGraph | None = None,
) -> SceneGraph:
    """Return a copy of ``scene`` with one layout box per drawn instance.

    Parameters
    ----------
    scene : SceneGraph
        The plan. Boxes already in its layout for instances that still exist are kept
        unchanged; boxes of instances that no longer exist are dropped.
    seed : int
        Seeds the small jitter; the same seed always gives the same boxes.
    region : (x0, y0, x1, y1), optional
        Normalised area where new boxes must go (e.g. a painted mask's bounding box).
        Without it new boxes use the whole picture less a small margin.
    before : SceneGraph, optional
        The plan this one edits by conversation. Boxes the edit changed ("move it to the
        left", "make it bigger") are where it *wishes* things to be: each such thing is
        placed by the solver as near that wish as keeps the world (:mod:`.moves`), with
        the boxes it did not change fixed. Without it (a plan given whole, as the plan
        editor does) every box in the plan stays exactly where it is.

    Raises
    ------
    InputError
        If ``region`` is not four numbers with ``0 <= x0 < x1 <= 1`` and the same for y.
    """
    out = scene.copy()
    area = _area(region)
    counts = {e.id: e.count for e in out.entities}
    kept: dict[tuple[str, int], Rect] = {}
    for b in out.layout:
        if 0 <= b.index < counts.get(b.entity, 0):
            kept.setdefault((b.entity, b.index), tuple(b.box))  # type: ignore[arg-type]
    rng = random.Random(seed)
    if before is not None and kept and not has_diagram(out):
        old = {(b.entity, b.index): tuple(b.box) for b in before.layout}
        moved = moved_keys(kept, old)  # type: ignore[arg-type]
        if moved:
            wished = {key: kept.pop(key) for key in moved}
            settled = settle_moves(out, kept, wished, area, old)  # type: ignore[arg-type]
            settled = {key: _round(box, area) for key, box in settled.items()}
            kept.update(settled)
    if not out.entities:
        rects: dict[tuple[str, int], Rect] = {}
    elif has_diagram(out):  # arrows, labels, panels, arrangements: see .diagram
        rects = arrange_diagram(out, kept, area, rng, plain=_fresh)
    elif kept:
        rects = fill(out, kept, area, rng)
    else:
        rects = _fresh(out, area, rng)
    names = {e.id: e.name for e in out.entities}
    lay_flat(rects, attachments(out), names, kept)  # skis, boards: flat under the feet
    out.layout = _draw_order(out, rects, area, kept)
    return out


def _area(region: tuple[float, float, float, float] | None) -> Rect:
    if region is None:
        return (MARGIN, MARGIN, 1 - MARGIN, 1 - MARGIN)
    try:
        x0, y0, x1, y1 = (float(v) for v in region)
    except (TypeError, ValueError):
        raise InputError(f"region must be (x0, y0, x1, y1) numbers, got {region!r}") from None
    x0, y0, x1, y1 = max(x0, 0.0), max(y0, 0.0), min(x1, 1.0), min(y1, 1.0)
    if not (x1 - x0 > 1e-3 and y1 - y0 > 1e-3):
        raise InputError(
            f"region {region!r} is empty; give normalised (x0, y0, x1, y1) with x0 < x1 and "
            "y0 < y1 inside 0..1"
        )
    return (x0, y0, x1, y1)


# -- a new scene ------------------------------------------------------------------------------
def _fresh(scene: SceneGraph, area: Rect, rng: random.Random) -> dict[tuple[str, int], Rect]:
    """The ordinary layout of a new scene in ``area`` (also what a diagram lays its loose
    things out with): see :func:`.fresh.lay_out_new`."""
    return lay_out_new(scene, area, rng)


def _draw_order(
    scene: SceneGraph,
    rects: dict[tuple[str, int], Rect],
    area: Rect,
    kept: dict[tuple[str, int], Rect],
) -> list[Box]:
    """Boxes in drawing order: patches of the place itself (the grass, the street) first,
    then things behind, things in front or on top last (kept boxes exactly as they were,
    new ones rounded inside ``area``)."""
    rank = draw_ranks(scene)
    order = {e.id: i for i, e in enumerate(scene.entities)}
    keys = sorted(rects, key=lambda key: (rank[key[0]], order[key[0]], key[1]))
    return [
        Box(eid, i, rects[(eid, i)] if kept.get((eid, i)) == rects[(eid, i)]
            else _round(rects[(eid, i)], area))
        for eid, i in keys
    ]  # fmt: skip


def _round(rect: Rect, area: Rect) -> Rect:
    """Four decimals, as ``SceneGraph.to_dict`` writes boxes: copies then stay exact. A box
    that rounding moved out of ``area`` (a painted region) is moved back by that much."""
    x0, y0, x1, y1 = (round(v, 4) for v in rect)
    dx = (1e-4 if area[0] - 2e-4 < x0 < area[0] else 0.0) - (
        1e-4 if area[2] < x1 < area[2] + 2e-4 else 0.0
    )
    dy = (1e-4 if area[1] - 2e-4 < y0 < area[1] else 0.0) - (
        1e-4 if area[3] < y1 < area[3] + 2e-4 else 0.0
    )
    return (round(x0 + dx, 4), round(y0 + dy, 4), round(x1 + dx, 4), round(y1 + dy, 4))
