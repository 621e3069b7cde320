"""Drawing a diagram: panels, arrows, labels with leader lines, signs and pictogram names.

:meth:`Sheet.start` runs before the things are drawn: a diagram with no background gets a
plain white page (no ground, no shadows), and each panel its frame, its own background
and its title. :meth:`Sheet.finish` runs after them: arrows between the things (or
panels) as drawn, following the circle when they join the members of a cycle; signs
between an arrangement's members; each pictogram row's name; each label with a leader
line ending in a dot on the point it names; the words of arrows and labels where the
layout put them. Marks join what was actually drawn (the visible part of each thing),
and everything is reported in pixels (``Result.metadata["diagram"]``) so that the checker
verifies the picture, not the plan.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ...layout.diagram import ARROW_GAP, has_diagram, place_texts
from ...layout.diagram_marks import arrow_line, name_boxes, sign_boxes
from ...layout.marks import TEXT, panel_parts, wrapped
from ...scene import SceneGraph
from ..base import DrawnObject
from .backgrounds import make_background
from .labels import font_family
from .order import instances
from .strokes import draw_arrow, draw_leader, draw_sign

__all__ = ["Sheet"]

INK = (34, 44, 66)
"""Colour of arrows, leader lines, signs and words."""
PAPER = (255, 255, 255)
"""A diagram's page when the scene names no background."""
PANEL = (246, 248, 251)
"""The inside of a panel with no background of its own."""
FRAME = (88, 96, 112)
"""A panel's frame."""

Box = tuple[float, float, float, float]


@lru_cache(maxsize=64)
def _font(size: int, family: str | None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if family is None:
        return ImageFont.load_default(size=max(6, size))
    return ImageFont.truetype(family, max(6, size))


def _ints(box: Box) -> list[int]:
    return [round(v) for v in box]


class Sheet:
    """A diagram being drawn on one picture; see the module docstring."""

    def __init__(self, scene: SceneGraph, canvas: Image.Image, ground: float | None) -> None:
        self.scene, self.canvas, self.ground = scene, canvas, ground
        self.width, self.height = canvas.size
        self.report: dict[str, Any] = {"arrows": [], "labels": [], "panels": [], "signs": []}

    @classmethod
    def start(cls, scene: SceneGraph, canvas: Image.Image, ground: float | None) -> Sheet | None:
        """Begin drawing ``scene`` on ``canvas`` (its background, ``ground`` its ground
        line); None when the scene has no diagram. Use ``sheet.canvas`` and
        ``sheet.ground`` from then on: a diagram with no background is drawn on paper."""
        if not has_diagram(scene):
            return None
        scene = _laid_out(scene)
        if scene.background is None:
            canvas, ground = Image.new("RGB", canvas.size, PAPER), None
        sheet = cls(scene, canvas, ground)
        for panel in scene.panels:
            if panel.box is not None:  # (a panel with nothing laid out has no place)
                sheet._panel(panel.id, panel.box, panel.title, panel.background)
        return sheet

    def _px(self, box: Box) -> Box:
        return (
            box[0] * self.width,
            box[1] * self.height,
            box[2] * self.width,
            box[3] * self.height,
        )

    # -- before the things -----------------------------------------------------------------
    def _panel(self, pid: str, box: Box, title: str | None, background: str | None) -> None:
        title_box, inner = panel_parts(box, title)
        outer, inside = _ints(self._px(box)), _ints(self._px(inner))
        edge = max(2, round(min(self.width, self.height) / 220))
        radius = max(4, round(min(self.width, self.height) / 60))
        draw = ImageDraw.Draw(self.canvas)
        draw.rounded_rectangle(outer, radius, fill=PANEL if background is None else (255,) * 3)
        w, h = inside[2] - inside[0], inside[3] - inside[1]
        if background is not None and w > 1 and h > 1:
            paint = _panel_ground(background, w, h, radius // 2)
            self.canvas.paste(paint, (inside[0], inside[1]), paint)
        draw.rounded_rectangle(outer, radius, outline=FRAME, width=edge)
        entry: dict[str, Any] = {"id": pid, "box": outer, "inside": inside, "title": title}
        if title and title_box is not None:
            entry["title_box"] = self._write(title, self._px(title_box), bold=True)
        self.report["panels"].append(entry)

    # -- after the things ------------------------------------------------------------------
    def finish(self, canvas: Image.Image, objects: list[DrawnObject]) -> dict[str, Any]:
        """Draw the marks over the things as ``objects`` reports them; return the report."""
        self.canvas = canvas
        boxes = self._drawn_boxes(objects)
        route: dict[str, list[Box]] = defaultdict(list)  # where arrows go round, as planned
        for b in sorted(self.scene.layout, key=lambda b: (b.entity, b.index)):
            route[b.entity].append(self._px(b.box))
        unit = min(self.width, self.height)
        line = max(2.0, unit / 150)
        words = []
        for arrow in self.scene.arrows:
            path = arrow_line(self.scene, arrow, boxes, unit * ARROW_GAP, route)
            if path is None:
                continue  # an end was not drawn: reported as missing by the checker
            draw_arrow(canvas, path, line, INK)
            entry = {
                "start": arrow.start,
                "end": arrow.end,
                "from": [round(v) for v in path[0]],
                "to": [round(v) for v in path[-1]],
                "curved": arrow.curved,
                "label": arrow.label,
            }
            self.report["arrows"].append(entry)
            if arrow.label and arrow.box is not None:
                words.append((entry, arrow.label, arrow.box))
        self._signs_and_names(boxes)
        for label in self.scene.labels:
            self._label(label.text, label.target, label.index, label.anchor, label.box, boxes)
        for entry, text, box in words:  # the words last: over every line
            entry["label_box"] = self._write(text, self._px(box))
        return self.report

    def _drawn_boxes(self, objects: list[DrawnObject]) -> dict[str, list[Box]]:
        """Each entity's visible instance boxes (index order) and each panel's box."""
        found: dict[str, list[tuple[int, Box]]] = defaultdict(list)
        for obj in objects:
            if obj.box[2] > obj.box[0] and obj.box[3] > obj.box[1]:
                found[obj.entity].append((obj.index, _visible(obj)))
        boxes: dict[str, list[Box]] = {e: [b for _, b in sorted(v)] for e, v in found.items()}
        for panel in self.scene.panels:
            if panel.box is not None:
                boxes[panel.id] = [self._px(panel.box)]
        return boxes

    def _signs_and_names(self, boxes: dict[str, list[Box]]) -> None:
        names = {e.id: e.name for e in self.scene.entities}
        for k, arrangement in enumerate(self.scene.arrangements):
            for i, (sign, box) in enumerate(
                zip(arrangement.signs, sign_boxes(arrangement, boxes), strict=True)
            ):
                if box is None:
                    continue
                draw_sign(self.canvas, sign, box, INK)
                self.report["signs"].append(
                    {
                        "arrangement": k,
                        "sign": sign,
                        "between": arrangement.members[i : i + 2],
                        "box": _ints(box),
                    }
                )
            if arrangement.kind != "pictogram":
                continue
            written = [names.get(m, m) for m in arrangement.members]
            spots = name_boxes(arrangement, boxes, written, size=self.height)
            for member, text, box in zip(arrangement.members, written, spots, strict=True):
                if box is not None:
                    drawn = self._write(text, box, align="right")
                    self.report.setdefault("names", []).append(
                        {"arrangement": k, "member": member, "text": text, "box": drawn}
                    )

    def _label(
        self,
        text: str,
        target: str,
        index: int,
        anchor: tuple[float, float],
        box: Box | None,
        boxes: dict[str, list[Box]],
    ) -> None:
        found = boxes.get(target, [])
        if box is None or index >= len(found):
            return
        tx0, ty0, tx1, ty1 = found[index]
        point = (tx0 + anchor[0] * (tx1 - tx0), ty0 + anchor[1] * (ty1 - ty0))
        px = self._px(box)
        start = (min(max(point[0], px[0]), px[2]), min(max(point[1], px[1]), px[3]))
        width = max(1.3, min(self.width, self.height) / 360)
        draw_leader(self.canvas, start, point, width, INK)
        self.report["labels"].append(
            {
                "text": text,
                "target": target,
                "index": index,
                "box": self._write(text, px),
                "anchor": [round(v) for v in point],
                "from": [round(v) for v in start],
            }
        )

    def _write(
        self, text: str, box: Box, *, align: str = "center", bold: bool = False
    ) -> list[int]:
        """Write ``text`` in ``box`` (pixels) on a white ground, as large as diagram text
        is (smaller if it must, to fit); return the box drawn."""
        x0, y0, x1, y1 = _ints(box)
        size = round(TEXT * self.height * (1.15 if bold else 1.0))
        tile = _text_tile(text, max(x1 - x0, 1), max(y1 - y0, 1), size, self.height, align, bold)
        self.canvas.paste(tile, (x0, y0), tile)
        return [x0, y0, x1, y1]


@lru_cache(maxsize=16)
def _panel_ground(background: str, width: int, height: int, radius: int) -> Image.Image:
    """A panel's own background at its size, with rounded corners (transparent beyond)."""
    paint = make_background(background, width, height).convert("RGBA")
    shape = Image.new("L", (width, height), 0)
    ImageDraw.Draw(shape).rounded_rectangle((0, 0, width - 1, height - 1), radius, fill=255)
    paint.putalpha(shape)
    return paint


@lru_cache(maxsize=256)
def _text_tile(
    text: str, width: int, height: int, size: int, page: int, align: str, bold: bool
) -> Image.Image:
    """``text`` written in a transparent ``width`` x ``height`` tile, on a white rounded
    ground unless ``bold`` (a title): as large as ``size`` or smaller, to fit, wrapped as
    the layout wrapped it (``page``: the picture's height). Cached: a diagram drawn again
    (another seed, an edit, a frame) writes its words for free."""
    tile = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    pad = max(2.0, 0.2 * size)
    lines = "\n".join(wrapped(text, width=max(width - pad, 1.0) / page))
    family = font_family(text)
    while True:
        font = _font(size, family)
        tb = draw.multiline_textbbox((0, 0), lines, font=font, align=align, spacing=2)
        if (tb[2] - tb[0] <= width - pad and tb[3] - tb[1] <= height - pad) or size <= 7:
            break
        size -= 1
    if not bold:
        draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=round(pad), fill=PAPER)
    middle = (width - pad / 2 if align == "right" else width / 2, height / 2)
    anchor = "rm" if align == "right" else "mm"
    draw.multiline_text(middle, lines, font=font, fill=INK, anchor=anchor, align=align, spacing=2)
    return tile


def _visible(obj: DrawnObject) -> Box:
    """The part of an object's box its shape covers (its box if it has no shape)."""
    x0, y0, x1, y1 = obj.box
    mask = obj.mask
    if mask is None or not mask.any():
        return (float(x0), float(y0), float(x1), float(y1))
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return (
        float(x0 + cols[0]),
        float(y0 + rows[0]),
        float(x0 + cols[-1] + 1),
        float(y0 + rows[-1] + 1),
    )


def _laid_out(scene: SceneGraph) -> SceneGraph:
    """``scene`` with a box for each panel, label and arrow label (computed here for a
    scene the layout did not see: the engine draws plans from anywhere)."""
    missing = (
        any(p.box is None for p in scene.panels)
        or any(lb.box is None for lb in scene.labels)
        or any(a.label and a.box is None for a in scene.arrows)
    )
    if not missing:
        return scene
    scene = scene.copy()
    rects = {(i.entity, i.index): i.box for i in instances(scene)}  # where each is drawn
    for panel in scene.panels:
        if panel.box is None:
            inside = [r for (e, _), r in rects.items() if e in panel.members]
            if inside:
                x0, y0 = min(r[0] for r in inside), min(r[1] for r in inside)
                x1, y1 = max(r[2] for r in inside), max(r[3] for r in inside)
                panel.box = (x0 - 0.03, y0 - 0.09, x1 + 0.03, y1 + 0.03)
    place_texts(scene, rects)
    return scene
