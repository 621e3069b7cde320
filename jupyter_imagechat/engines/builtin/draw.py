"""Compose a laid-out scene: background, shadows, artwork or placeholders, labels, texts,
style.

:func:`compose` is the whole drawing step of the built-in engine. Sprites come from
:mod:`.sprites` (cached), the drawing order from :mod:`.order`, the style filters from
:mod:`.styles`. Every drawn instance is reported with its pixel box and exact shape.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image

from ...errors import Cancelled
from ...scene import SceneGraph
from ...vocab.support import OPEN_CONTAINERS, pinned_to, resting_on
from ...vocab.world import IN_THE_AIR, ground_level
from ..base import DrawnObject
from .artwork import MAIN_HUE, artwork_for, has_artwork, render_artwork
from .backgrounds import make_background
from .diagram import Sheet
from .labels import draw_labels, draw_texts
from .order import Instance, fallback_boxes, instances
from .painters.furniture import SIGN_BOARDS
from .recolor import color_rgb, painted_part
from .sprites import (
    SPRITES,
    SpriteCache,
    artwork_sprite,
    faces_right,
    fitted_size,
    placeholder_sprite,
    shadow_sprite,
)
from .styles import SMUDGING_STYLES, apply_style, style_key
from .writing import write_on_board_of, write_on_shape

__all__ = [
    "SPRITES",
    "Instance",
    "SpriteCache",
    "apply_style",
    "compose",
    "fallback_boxes",
    "instances",
]

SIZE_SCALE: dict[str, float] = {
    "tiny": 0.75,
    "small": 0.82,
    "little": 0.82,
    "short": 0.85,
    "big": 1.0,
    "large": 1.0,
    "tall": 1.0,
    "huge": 1.0,
    "giant": 1.0,
}
"""How much of its box an instance fills, by ``size`` attribute (default 0.9). The
layout already gives big things bigger boxes; this keeps small ones visibly small."""
DEFAULT_SCALE = 0.9

# OPEN_CONTAINERS (vocab/data/support.json "open"): what is ``inside`` one sinks into it
# below its rim and is hidden where the container's front covers it (a sunflower in a
# vase, apples in a bowl); the layout leaves room for what sticks out above the rim.
# Things inside anything else (a fish in an aquarium) are drawn whole, in front, within
# its box.
SINK = 0.5
"""How deep a contained thing goes into its container, as a share of the container's
drawn height below its rim (at most :data:`MAX_HIDDEN` of the thing is hidden)."""
MAX_HIDDEN = 0.45


def _flip(name: str, attributes: dict[str, str]) -> bool:
    facing = attributes.get("facing", "").strip().lower()
    if facing not in ("left", "right"):
        return False
    return (facing == "right") != faces_right(name)


def _sprite(
    inst: Instance, w: int, h: int, outline: int
) -> tuple[Image.Image, bool, np.ndarray | None]:
    """Return the sprite of ``inst`` fitted in ``w`` x ``h``, whether it is a card, and the
    part of the sprite painted in its colour (None when it has no colour, or is a card)."""
    attrs = inst.attributes
    rgb = color_rgb(attrs.get("color"))
    name = artwork_for(inst.name, attrs)
    if not has_artwork(name):
        return placeholder_sprite(inst.name, rgb, w, h, attrs.get("text")), True, None
    stretch = 2.0 if inst.support else 1.1  # a table may stretch to meet what is on it
    flip = _flip(name, attrs)
    sprite = artwork_sprite(
        name,
        rgb,
        w,
        h,
        stretch,
        material=attrs.get("material"),
        pattern=attrs.get("pattern"),
        second=color_rgb(attrs.get("color2")),
        flip=flip,
        outline=outline,
    )
    painted = None if rgb is None else _painted(name, w, h, stretch, flip, outline)
    return sprite, False, painted


def _painted(name: str, w: int, h: int, stretch: float, flip: bool, outline: int) -> np.ndarray:
    """The pixels of ``name``'s sprite (as :func:`.sprites.artwork_sprite` makes it) that
    a colour repaints: the artwork's main part (:func:`.recolor.painted_part`), turned and
    framed as the sprite is. Where the colour went, not what it looks like: the checker
    reads the colour from the picture there."""

    def make() -> Image.Image:
        sw, sh = fitted_size(name, w, h, stretch)
        part = painted_part(render_artwork(name, sw, sh), MAIN_HUE.get(name))
        if flip:
            part = part[:, ::-1]
        if outline:  # the outlined sprite is its artwork with a rim round it
            part = np.pad(part, outline)
        return Image.fromarray(part.astype(np.uint8) * 255, "L")

    return np.asarray(SPRITES.get(("painted", name, w, h, stretch, flip, outline), make)) > 0


def _surface(
    inst: Instance, width: int, below: list[tuple[tuple[int, int, int, int], np.ndarray]]
) -> float | None:
    """Return the pixel row where ``inst`` rests on what it stands on, or None.

    ``below`` holds the drawn boxes and shapes of the thing it is ``on``; the surface is
    the top of that shape in the column under the middle of ``inst`` (the mattress of a
    bed, not its headboard; the top of a table).
    """
    cx = (inst.box[0] + inst.box[2]) / 2 * width
    drawn = [b for b in below if b[0][2] > b[0][0] and b[0][3] > b[0][1]]
    if not drawn:
        return None
    box, shape = min(drawn, key=lambda b: abs((b[0][0] + b[0][2]) / 2 - cx))
    col = int(min(max(cx - box[0], 0), shape.shape[1] - 1))
    cols = shape[:, max(0, col - 2) : col + 3].any(axis=1)
    rows = np.flatnonzero(cols)
    return float(box[1] + (rows[0] if rows.size else 0))


def _container(
    inst: Instance, width: int, hosts: list[tuple[tuple[int, int, int, int], np.ndarray]]
) -> tuple[tuple[int, int, int, int], np.ndarray, int] | None:
    """The drawn container instance nearest ``inst`` (box, shape) and its rim row: the top
    of its shape under the middle of ``inst``."""
    drawn = [b for b in hosts if b[0][2] > b[0][0] and b[0][3] > b[0][1] and b[1].any()]
    if not drawn:
        return None
    cx = (inst.box[0] + inst.box[2]) / 2 * width
    box, shape = min(drawn, key=lambda b: abs((b[0][0] + b[0][2]) / 2 - cx))
    rim = _surface(inst, width, [(box, shape)])
    return box, shape, round(rim if rim is not None else box[1])


def _sink(
    sprite: Image.Image, left: int, sh: int, held: tuple[tuple[int, int, int, int], np.ndarray, int]
) -> tuple[Image.Image, int]:
    """Put ``sprite`` into its container ``held`` (box, shape, rim row): return the sprite
    with what the container's front covers made transparent, and its new top row."""
    (cx0, cy0, cx1, cy1), shape, rim = held
    sink = min(MAX_HIDDEN * sh, SINK * max(cy1 - rim, 1))
    top = round(rim + sink - sh)
    hide = np.zeros((sh, sprite.width), dtype=bool)
    x0, x1 = max(left, cx0), min(left + sprite.width, cx1)
    y0, y1 = max(top, rim + 2), min(top + sh, cy1)  # hidden below the rim only
    if x1 > x0 and y1 > y0:
        front = shape[y0 - cy0 : y1 - cy0, x0 - cx0 : x1 - cx0]
        hide[y0 - top : y1 - top, x0 - left : x1 - left] = front
    if hide.any():
        sprite = sprite.copy()
        alpha = np.asarray(sprite.getchannel("A")).copy()
        alpha[hide] = 0
        sprite.putalpha(Image.fromarray(alpha, "L"))
    return sprite, top


def _draw_instance(
    canvas: Image.Image,
    inst: Instance,
    seed: int,
    ground: float | None,
    outline: int,
    rest: float | None = None,
    held: tuple[tuple[int, int, int, int], np.ndarray, int] | None = None,
) -> tuple[
    tuple[int, int, int, int],
    np.ndarray,
    bool,
    tuple[int, int, int, int],
    tuple[tuple[int, int, int, int], np.ndarray] | None,
    np.ndarray | None,
]:
    """Draw one instance; return its pixel box, its shape in that box, whether it was a
    placeholder card, where the whole sprite went (``left, top, width, height``), its
    shadow (pixel box and shape; None if it casts none) and the part of its shape painted
    in its colour (None without a colour).

    ``ground`` is the horizon (fraction of the height); things standing below it get a
    shadow, things above it (in the sky, on a table) and things that fly get none.
    ``rest`` is the pixel row of the surface it stands on, if it is on something.
    """
    width, height = canvas.size
    x0, y0, x1, y1 = inst.box
    bx0, by0, bx1, by1 = x0 * width, y0 * height, x1 * width, y1 * height
    scale = SIZE_SCALE.get(inst.attributes.get("size", ""), DEFAULT_SCALE)
    avail_w, avail_h = max(2, round((bx1 - bx0) * scale)), max(2, round((by1 - by0) * scale))
    if inst.support:  # reach the top of the box, where the things on it stand
        avail_h = max(2, round(by1 - by0))
    sprite, card, body = _sprite(inst, avail_w, avail_h, outline)
    sw, sh = sprite.size
    free = (bx1 - bx0) - sw
    # the jitter depends on the seed and this instance only, so adding or removing other
    # things never moves it: an entity keeps its place and look across edits
    rng = np.random.default_rng([seed & 0xFFFFFFFF, zlib.crc32(inst.entity.encode()), inst.index])
    jitter = float(rng.uniform(-1.0, 1.0)) * max(0.0, min(free / 2, 0.02 * (bx1 - bx0)))
    left = round((bx0 + bx1) / 2 - sw / 2 + jitter)
    floating = inst.name in IN_THE_AIR
    top = _planned_top(inst, height, sh)
    if rest is not None:  # sink a little into what it stands on
        top = round(rest - sh * 0.94)
    if held is not None:  # in a container: its lower part hidden behind the front
        sprite, top = _sink(sprite, left, sh, held)
        floating = True  # no shadow of its own
    shadow = None
    if ground is not None and not floating and y1 >= ground - 0.02:
        sh_w, sh_h = max(4, round(sw * 0.8)), max(3, round(sw * 0.14))
        mask = shadow_sprite(sh_w, sh_h)
        cx, cy = left + sw / 2, top + sh - sh_h * 0.3
        at = (round(cx - mask.width / 2), round(cy - mask.height / 2))
        canvas.paste((40, 40, 40), at, mask)
        shadow = _clipped(np.asarray(mask) > 0, at, width, height)
    canvas.paste(sprite, (left, top), sprite)
    bx = min(max(left, 0), width), min(max(left + sw, 0), width)
    by = min(max(top, 0), height), min(max(top + sh, 0), height)
    box = (bx[0], by[0], bx[1], by[1])  # clipped to the picture; empty if wholly outside
    alpha = np.asarray(sprite.getchannel("A"))
    crop = slice(by[0] - top, by[1] - top), slice(bx[0] - left, bx[1] - left)
    # Where the thing is at least half opaque: a resized sprite's faint fringe (alpha of a
    # few units, the colour of what lies behind) is not the thing, and counting it made a
    # thin-stroked thing (steam's wavy lines) read as missing from the picture.
    shape = alpha[crop] >= 128
    painted = body[crop] & shape if body is not None and body.shape == alpha.shape else None
    return box, shape, card, (left, top, sw, sh), shadow, painted


def _planned_top(inst: Instance, height: int, sh: int) -> int:
    """The top row of a sprite ``sh`` px tall in the layout box of ``inst``, before it
    rests on or sinks into anything: centred if it flies, else standing on the box's
    bottom."""
    y0, y1 = inst.box[1] * height, inst.box[3] * height
    return round((y0 + y1) / 2 - sh / 2) if inst.name in IN_THE_AIR else round(y1 - sh)


def _follow(
    inst: Instance, width: int, height: int, host: list[tuple[float, float, float]]
) -> float:
    """Move ``inst`` (in place) down or up with the drawn instance of its host nearest it:
    ``host`` holds each host instance's centre (x, y, px) and how far it was drawn from its
    layout box (px). Return the shift, in px."""
    cx = (inst.box[0] + inst.box[2]) / 2 * width
    cy = (inst.box[1] + inst.box[3]) / 2 * height
    dy = min(host, key=lambda h: (h[0] - cx) ** 2 + (h[1] - cy) ** 2)[2]
    if dy:
        x0, y0, x1, y1 = inst.box
        inst.box = (x0, y0 + dy / height, x1, y1 + dy / height)
    return dy


def _clipped(
    shape: np.ndarray, at: tuple[int, int], width: int, height: int
) -> tuple[tuple[int, int, int, int], np.ndarray] | None:
    """``shape`` pasted at ``at``, clipped to the picture: its pixel box and the shape in
    it (None when wholly outside or empty)."""
    left, top = at
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + shape.shape[1], width), min(top + shape.shape[0], height)
    if x1 <= x0 or y1 <= y0:
        return None
    part = shape[y0 - top : y1 - top, x0 - left : x1 - left]
    return ((x0, y0, x1, y1), part) if part.any() else None


def compose(
    scene: SceneGraph,
    width: int,
    height: int,
    seed: int = 0,
    on_progress: Callable[[int, int, Image.Image | None], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    report: dict | None = None,
) -> tuple[Image.Image, list[DrawnObject], list[str]]:
    """Draw ``scene`` at ``width`` x ``height``.

    Returns
    -------
    image : PIL.Image.Image
        The RGB picture.
    objects : list of DrawnObject
        Each instance, in drawing order (back to front), with the pixel box of what was
        actually drawn (inside its layout box, clipped to the picture) and its exact
        shape (``mask``).
    placeholders : list of str
        Nouns drawn as labelled cards because they have no artwork.

    ``report``, when given, receives what was drawn of the scene's diagram (arrows,
    labels, panels, signs: see :mod:`.diagram`) under ``"diagram"``.

    Raises
    ------
    Cancelled
        If ``should_stop()`` returns True between two instances.
    """
    canvas = make_background(scene.background, width, height)
    ground = ground_level(scene.background)
    sheet = Sheet.start(scene, canvas, ground)  # a diagram: its page and panels first
    if sheet is not None:
        canvas, ground = sheet.canvas, sheet.ground
    style = style_key(scene.style)
    outline = max(2, round(min(width, height) / 160)) if style == "outlined" else 0
    todo = instances(scene)
    stands_on = resting_on(scene)  # on a top; a map on a board lies on its face
    names = {e.id: e.name for e in scene.entities}
    held_in = {
        r.subject: r.object
        for r in reversed(scene.relations)  # the first container wins, as in the layout
        if r.predicate == "inside" and names.get(r.object) in OPEN_CONTAINERS
    }
    on_body = pinned_to(scene)  # a sweater on a man: it goes where the man is drawn
    shifted: dict[str, list[tuple[float, float, float]]] = {}
    drawn: dict[str, list[tuple[tuple[int, int, int, int], np.ndarray]]] = {}
    board: tuple[str, tuple[int, int, int, int], int] | None = None
    objects: list[DrawnObject] = []
    placeholders: set[str] = set()
    for step, inst in enumerate(todo, start=1):
        if should_stop is not None and should_stop():
            raise Cancelled("stopped")
        wearer = on_body.get(inst.entity)
        follows = _follow(inst, width, height, shifted[wearer]) if wearer in shifted else 0.0
        base = stands_on.get(inst.entity)
        rest = _surface(inst, width, drawn[base]) if base in drawn else None
        host = held_in.get(inst.entity)
        held = _container(inst, width, drawn[host]) if host in drawn else None
        box, shape, card, placed, shadow, painted = _draw_instance(
            canvas, inst, seed, ground, outline, rest, held
        )
        planned = _planned_top(inst, height, placed[3]) - follows
        mid = ((inst.box[0] + inst.box[2]) / 2 * width, (inst.box[1] + inst.box[3]) / 2 * height)
        shifted.setdefault(inst.entity, []).append((*mid, placed[1] - planned))
        art = artwork_for(inst.name, inst.attributes)
        own = (inst.attributes.get("text") or "").strip()
        if own and art in SIGN_BOARDS and not card:  # "a sign that says 'Exit'"
            write_on_board_of(canvas, art, own, placed, outline)
        elif own and not card:  # "a mug that reads 'hello'": on the mug itself
            own = own if write_on_shape(canvas, own, box, shape) else ""
        elif board is None and not card and art in SIGN_BOARDS:
            board = (art, placed, outline)  # the scene's first text goes on it
        drawn.setdefault(inst.entity, []).append((box, shape))
        if card:
            placeholders.add(inst.name)
        reported = dict(inst.attributes)
        if "text" in reported and not own:
            del reported["text"]  # not written (drawn wholly outside the picture)
        objects.append(
            DrawnObject(inst.entity, inst.index, inst.name, box, reported, shape, shadow, painted)
        )
        if on_progress is not None:
            on_progress(step, len(todo), None)
    if style in SMUDGING_STYLES:  # words written after the paint, so they stay legible
        canvas = apply_style(canvas, scene.style)
    draw_labels(canvas, objects)
    if sheet is not None:  # arrows, signs, labels over the things
        drawn = sheet.finish(canvas, objects)
        if report is not None:
            report["diagram"] = drawn
    texts = [t for t in scene.texts if t.strip()]
    if board is not None and texts:  # a sign and a text: the text on the sign itself
        write_on_board_of(canvas, board[0], texts[0], board[1], board[2])
        texts = texts[1:]
    draw_texts(canvas, texts)
    if style not in SMUDGING_STYLES:
        canvas = apply_style(canvas, scene.style)
    return canvas, objects, sorted(placeholders)
