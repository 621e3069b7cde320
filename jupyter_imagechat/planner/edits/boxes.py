"""Layout box arithmetic for edits: scaling a box about its centre, the box around all
boxes of one entity, and rounding as the scene's JSON does.

Boxes are ``(x0, y0, x1, y1)`` in fractions of the picture, as in
:class:`~jupyter_imagechat.scene.Box`.
"""

from __future__ import annotations

from ...scene import SceneGraph

BoxTuple = tuple[float, float, float, float]


def scaled(box: BoxTuple, f: float) -> BoxTuple:
    """``box`` scaled by ``f`` about its centre, kept inside the picture."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = min((x1 - x0) * f, 1.0), min((y1 - y0) * f, 1.0)
    cx = min(max(cx, w / 2), 1 - w / 2)
    cy = min(max(cy, h / 2), 1 - h / 2)
    return rounded((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))


def rounded(box: BoxTuple) -> BoxTuple:
    """Four decimals, as ``SceneGraph.to_dict`` writes boxes (copies stay exact)."""
    x0, y0, x1, y1 = (round(v, 4) for v in box)
    return (x0, y0, x1, y1)


def group_box(scene: SceneGraph, eid: str) -> BoxTuple | None:
    """The box around all layout boxes of entity ``eid``, or ``None`` if it has none."""
    boxes = [b.box for b in scene.layout if b.entity == eid]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
