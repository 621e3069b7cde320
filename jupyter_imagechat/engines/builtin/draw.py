"""Compose a laid-out scene: background, shadows, artwork or placeholders, texts, style.

:func:`compose` is the whole drawing step of the built-in engine. Every sprite
(recoloured, resized artwork; placeholders; shadows) is cached by what it depends on,
so redrawing a scene, or drawing many instances of one noun, costs little.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ...errors import Cancelled
from ...scene import SceneGraph
from ..base import DrawnObject
from .artwork import IN_THE_AIR, MAIN_HUE, has_artwork, load_artwork
from .backgrounds import ground_level, make_background
from .labels import card_picture, draw_texts
from .recolor import color_rgb, recolor

SIZE_SCALE: dict[str, float] = {
    "tiny": 0.55,
    "small": 0.72,
    "little": 0.72,
    "big": 1.0,
    "large": 1.0,
    "huge": 1.0,
    "giant": 1.0,
}
"""How much of its box an instance fills, by ``size`` attribute (default 0.9)."""
DEFAULT_SCALE = 0.9


@dataclass
class Instance:
    """One thing to draw: entity, instance index, noun, attributes, normalised box."""

    entity: str
    index: int
    name: str
    attributes: dict[str, str]
    box: tuple[float, float, float, float]
    layer: float
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


def _layers(scene: SceneGraph) -> dict[str, float]:
    """Return a drawing layer per entity: behind 0, in front 2, others 1; things on or
    inside or held by another come just after it."""
    layer = {e.id: 1.0 for e in scene.entities}
    for r in scene.relations:
        if r.predicate == "behind":
            layer[r.subject] = 0.0
        elif r.predicate == "in front of":
            layer[r.subject] = 2.0
    for _ in range(len(scene.entities)):  # settle chains such as cup on book on table
        changed = False
        for r in scene.relations:
            if r.predicate in ("on", "inside"):
                above, base = r.subject, r.object
            elif r.predicate == "holding":
                above, base = r.object, r.subject
            else:
                continue
            if layer[above] <= layer[base] and layer[base] + 0.1 < 3.0:
                layer[above] = layer[base] + 0.1
                changed = True
        if not changed:
            break
    return layer


def instances(scene: SceneGraph) -> list[Instance]:
    """Return every instance of the scene in drawing order (back to front)."""
    boxes = {(b.entity, b.index): tuple(float(v) for v in b.box) for b in scene.layout}
    layers = _layers(scene)
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
                box or (0, 0, 1, 1),
                layers.get(ent.id, 1.0),
                ent.id in supports,
            )
            (found if box else missing).append(inst)
    for inst, box in zip(missing, fallback_boxes(len(missing)), strict=True):
        inst.box = box
    order = {id(inst): n for n, inst in enumerate(found + missing)}
    return sorted(found + missing, key=lambda d: (d.layer, d.box[3], order[id(d)]))


# -- sprites ------------------------------------------------------------------------------
@lru_cache(maxsize=128)
def _recolored(name: str, rgb: tuple[int, int, int] | None) -> Image.Image:
    art = load_artwork(name)
    return art if rgb is None else recolor(art, rgb, MAIN_HUE.get(name))


class SpriteCache:
    """A least-recently-used cache of pictures, bounded by their total pixel count.

    Safe to share between threads; callers must not modify the pictures it returns.
    """

    def __init__(self, max_pixels: int) -> None:
        self.max_pixels = max_pixels
        self._items: OrderedDict[Hashable, Image.Image] = OrderedDict()
        self._pixels = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Image.Image]) -> Image.Image:
        """Return the picture for ``key``, making (and keeping) it if needed."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        made = make()
        with self._lock:
            if key not in self._items:
                self._items[key] = made
                self._pixels += made.width * made.height
            while self._pixels > self.max_pixels and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._pixels -= old.width * old.height
        return made

    def clear(self) -> None:
        """Forget every picture."""
        with self._lock:
            self._items.clear()
            self._pixels = 0


SPRITES = SpriteCache(max_pixels=16_000_000)
"""Resized artwork, placeholders and shadows (about 64 MB at most)."""


def artwork_sprite(
    name: str, rgb: tuple[int, int, int] | None, w: int, h: int, stretch: float = 1.1
) -> Image.Image:
    """Return the (recoloured) artwork of ``name`` fitted inside ``w`` x ``h``.

    The aspect ratio is kept, then the short side may grow by up to ``stretch`` times
    towards the box, so that pictures fill their boxes better without looking squashed.
    """

    def make() -> Image.Image:
        art = _recolored(name, rgb)
        scale = min(w / art.width, h / art.height)
        sw = min(w, art.width * scale * stretch)
        sh = min(h, art.height * scale * stretch)
        return art.resize((max(1, round(sw)), max(1, round(sh))), Image.Resampling.LANCZOS)

    return SPRITES.get(("art", name, rgb, w, h, stretch), make)


def placeholder_sprite(name: str, rgb: tuple[int, int, int] | None, w: int, h: int) -> Image.Image:
    """Return a rounded, softly coloured card of ``w`` x ``h`` with ``name`` written on it."""
    w, h = max(w, 8), max(h, 8)
    return SPRITES.get(("card", name, rgb, w, h), lambda: card_picture(name, rgb, w, h))


def shadow_sprite(w: int, h: int) -> Image.Image:
    """Return a blurred ellipse alpha mask of about ``w`` x ``h`` (with room for the blur)."""
    return SPRITES.get(("shadow", w, h), lambda: _shadow(w, h))


def _shadow(w: int, h: int) -> Image.Image:
    pad = max(2, h // 2)
    mask = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    ImageDraw.Draw(mask).ellipse((pad, pad, pad + w, pad + h), fill=70)
    return mask.filter(ImageFilter.GaussianBlur(max(1, h / 3)))


# -- drawing ------------------------------------------------------------------------------
def _draw_instance(
    canvas: Image.Image, inst: Instance, rng: np.random.Generator, ground: float | None
) -> tuple[tuple[int, int, int, int], bool]:
    """Draw one instance; return its pixel box and whether it was a placeholder.

    ``ground`` is the horizon (fraction of the height); things standing below it get a
    shadow, things above it (in the sky, on a table) and things that fly get none.
    """
    width, height = canvas.size
    x0, y0, x1, y1 = inst.box
    bx0, by0, bx1, by1 = x0 * width, y0 * height, x1 * width, y1 * height
    scale = SIZE_SCALE.get(inst.attributes.get("size", ""), DEFAULT_SCALE)
    avail_w, avail_h = max(2, round((bx1 - bx0) * scale)), max(2, round((by1 - by0) * scale))
    if inst.support:  # reach the top of the box, where the things on it stand
        avail_h = max(2, round(by1 - by0))
    rgb = color_rgb(inst.attributes.get("color"))
    art = has_artwork(inst.name)
    if art:
        stretch = 2.0 if inst.support else 1.1  # a table may stretch to meet what is on it
        sprite = artwork_sprite(inst.name, rgb, avail_w, avail_h, stretch)
    else:
        sprite = placeholder_sprite(inst.name, rgb, avail_w, avail_h)
    sw, sh = sprite.size
    free = (bx1 - bx0) - sw
    jitter = float(rng.uniform(-1.0, 1.0)) * min(free / 2, 0.02 * (bx1 - bx0))
    left = round((bx0 + bx1) / 2 - sw / 2 + jitter)
    floating = inst.name in IN_THE_AIR
    top = round((by0 + by1) / 2 - sh / 2) if floating else round(by1 - sh)
    if ground is not None and not floating and y1 >= ground - 0.02:
        sh_w, sh_h = max(4, round(sw * 0.8)), max(3, round(sw * 0.14))
        mask = shadow_sprite(sh_w, sh_h)
        cx, cy = left + sw / 2, top + sh - sh_h * 0.3
        canvas.paste((40, 40, 40), (round(cx - mask.width / 2), round(cy - mask.height / 2)), mask)
    canvas.paste(sprite, (left, top), sprite)
    bx = min(max(left, 0), width), min(max(left + sw, 0), width)
    by = min(max(top, 0), height), min(max(top + sh, 0), height)
    box = (bx[0], by[0], bx[1], by[1])  # clipped to the picture; empty if wholly outside
    return box, not art


def apply_style(image: Image.Image, style: str | None) -> Image.Image:
    """Return ``image`` in ``style``: "pixel art" and "sketch" change it, others do not."""
    key = (style or "").strip().lower()
    if key in ("pixel art", "pixel", "pixelated", "8-bit"):
        w, h = image.size
        block = max(4, round(min(w, h) / 64))
        small = image.resize((max(1, w // block), max(1, h // block)), Image.Resampling.BOX)
        small = small.quantize(32, method=Image.Quantize.MEDIANCUT).convert("RGB")
        return small.resize((w, h), Image.Resampling.NEAREST)
    if key in ("sketch", "pencil sketch", "pencil", "drawing", "pencil drawing"):
        gray = image.convert("L")
        # gradients step by one level per few rows: ignore such faint edges
        edges = gray.filter(ImageFilter.FIND_EDGES).point(lambda v: min(255, max(0, v - 6) * 4))
        shade = gray.point(lambda v: 205 + v // 5)
        paper = np.asarray(shade, dtype=np.int16) - np.asarray(edges, dtype=np.int16)
        out = np.clip(paper, 0, 255).astype(np.uint8)
        return Image.fromarray(
            np.dstack([out, out, np.clip(out.astype(np.int16) - 6, 0, 255).astype(np.uint8)]), "RGB"
        )
    if key in ("black and white", "grayscale", "greyscale", "monochrome"):
        return image.convert("L").convert("RGB")
    return image


def compose(
    scene: SceneGraph,
    width: int,
    height: int,
    seed: int = 0,
    on_progress: Callable[[int, int, Image.Image | None], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[Image.Image, list[DrawnObject], list[str]]:
    """Draw ``scene`` at ``width`` x ``height``.

    Returns
    -------
    image : PIL.Image.Image
        The RGB picture.
    objects : list of DrawnObject
        Each instance, in drawing order (back to front), with the pixel box of what was
        actually drawn (inside its layout box, clipped to the picture).
    placeholders : list of str
        Nouns drawn as labelled cards because they have no artwork.

    Raises
    ------
    Cancelled
        If ``should_stop()`` returns True between two instances.
    """
    canvas = make_background(scene.background, width, height)
    ground = ground_level(scene.background)
    todo = instances(scene)
    rng = np.random.default_rng(seed)
    objects: list[DrawnObject] = []
    placeholders: set[str] = set()
    for step, inst in enumerate(todo, start=1):
        if should_stop is not None and should_stop():
            raise Cancelled("stopped")
        box, placeholder = _draw_instance(canvas, inst, rng, ground)
        if placeholder:
            placeholders.add(inst.name)
        objects.append(DrawnObject(inst.entity, inst.index, inst.name, box, dict(inst.attributes)))
        if on_progress is not None:
            on_progress(step, len(todo), None)
    draw_texts(canvas, scene.texts)
    canvas = apply_style(canvas, scene.style)
    return canvas, objects, sorted(placeholders)
