"""Things on or in a crowd go on or in its members, not over the crowd as a whole.

The packing lays a thing attached to a crowd (three people, two bottles) against the
crowd's block as a whole: a row of helmets over three heads, a reflection across seven
bottles, hiding the ones behind it. :func:`one_each` then gives each member its share:

- what is on a crowd's top shared out, one on each member, then round again ("three
  people wearing helmets", "a bird on the benches": on one bench, not over the row; "a
  bowl and a fork on two plates": one on each), each row within its member's width;
- what is worn or a part ("two men in jackets", "wheels on two buses") shared out over
  the members, each share at its place on its member's body (:mod:`.body`: a hat on the
  head, a scarf at the neck; :func:`~jupyter_imagechat.vocab.support.pinned`);
- what is stood on ("two kids on skateboards") shared out, each share under its member's
  feet;
- what is inside ("bears in the flowers", "a reflection in the bottles") shared out the
  same way, each share within its member, small enough to leave the member in sight;
- what is held ("soldiers holding water guns") shared out, each share at its member's
  side.
"""

from __future__ import annotations

from ..scene import SceneGraph
from ..vocab.support import BOARDS, FACE_UP, OPEN_CONTAINERS, pinned
from .blocks import HAND, ON_ROW, Rect, clamp, face_share
from .body import (
    DROP,
    FOOT,
    MIDDLE,
    OVER_FEET,
    ROW,
    UNDERFOOT_SHARE,
    layered,
    rides,
    spot_of,
    where_on,
)
from .hosts import Parents

Key = tuple[str, int]
INSIDE_SHARE = 0.5
"""How much of a member's width (and height) what is inside it may take."""
HELD_SHARE = 0.5
"""How much of a member's width (and height) what it holds may take."""
SPACING = 1.1
"""Width a shared-out thing takes beside the next, as a share of its own."""


def one_each(scene: SceneGraph, rects: dict[Key, Rect], parent: Parents, area: Rect) -> None:
    """Give each member of a crowd its share of what is on or in the crowd (see the module
    docstring); what shares one member's body (its eyes and its mouth) goes in one row.
    Changes ``rects``."""
    counts = {e.id: e.count for e in scene.entities}
    names = {e.id: e.name for e in scene.entities}
    rows: dict[tuple[str, str, float, float], list[str]] = {}
    for child, (host, pred) in parent.items():
        m = counts[host]
        face = pred == "on" and pinned(names[child], names[host])
        feet = pred == "under" and rides(names[host], names[child])
        if (pred not in ("on", "inside", "holding") and not feet) or m < 2:
            continue
        slot = "face" if face else "feet" if feet else pred
        spot = (MIDDLE, face_share(names[host]))  # a row each at its place on the body
        if face and names[host] not in BOARDS | FACE_UP and spot_of(names[child]):
            slot, spot = "spot", where_on(names[child], spot[1])
            slot = "layer" if layered(names[child]) else slot
        rows.setdefault((host, slot, *spot), []).append(child)
    for (host, slot, middle, most), children in rows.items():
        m = counts[host]
        every = [(c, i) for c in children for i in range(counts[c])]
        for j in range(m):
            h = rects.get((host, j))
            if slot == "on":  # one thing on each member in turn: a fork and a bowl on
                mine = [key for n, key in enumerate(every) if n % m == j]  # two plates
            else:  # the i-th of each on the i-th member: the eyes and mouth of one face
                mine = [(c, i) for c, i in every if i % m == j]
            mine = [key for key in mine if key in rects]
            if h is not None and mine:
                _share(rects, mine, h, names[host], (slot, middle, most), area)


def _share(
    rects: dict[Key, Rect],
    mine: list[Key],
    h: Rect,
    host_name: str,
    place: tuple[str, float, float],
    area: Rect,
) -> None:
    """Lay the instances ``mine`` in one row on (slot ``"on"``), over (``"face"``) or in
    (``"inside"``) the member box ``h``, or at a spot on its body (``"spot"``: each at most
    a share of it) or under its feet (``"feet"``); ``place`` is the slot, then (over the
    body) where the row's middle goes as a share of the member's height and the most of it
    the row (or, at a spot, each thing) takes."""
    slot, middle, most = place
    hw, hh = h[2] - h[0], h[3] - h[1]
    sizes = [(rects[key][2] - rects[key][0], rects[key][3] - rects[key][1]) for key in mine]
    row_w = sum(w for w, _ in sizes) * SPACING - (SPACING - 1) * sizes[-1][0]
    tall = max(t for _, t in sizes)
    share = {"face": most, "inside": INSIDE_SHARE, "holding": HELD_SHARE, "feet": UNDERFOOT_SHARE}
    k = min(1.0, share[slot] * hw / row_w, share[slot] * hh / tall) if slot in share else 1.0
    if slot in ("spot", "layer"):  # each thing at most its share, the row within the body
        widest = max(w for w, _ in sizes)
        row_w = widest if slot == "layer" else row_w  # worn over each other
        k = min(1.0, most * hw / widest, ROW * hw / row_w, most * hh / tall)
    if slot == "on":  # all of the row on its member's top
        k = min(1.0, ON_ROW * hw / row_w)
    left = (h[0] + h[2]) / 2 - row_w * k / 2
    if slot == "holding":  # in its hand, at its side, within its reach
        left = (h[0] + h[2]) / 2 + HAND * hw
    for key, (w, t) in zip(mine, sizes, strict=True):
        w, t = w * k, t * k
        if slot in ("face", "spot", "layer"):  # at its place: a hat on the head, a scarf
            # at the neck; worn over each other (a jacket and a backpack), each centred
            foot = FOOT + OVER_FEET * (slot == "layer")
            bottom = min(max(h[1] + middle * hh + t / 2, h[1] + t), h[3] - foot * hh)
            left = (h[0] + h[2] - w) / 2 if slot == "layer" else left
        elif slot == "feet":  # under its feet, standing where it stands
            bottom = h[3] + DROP * t
        elif slot == "inside" and host_name in OPEN_CONTAINERS:  # sticking out of the rim
            bottom = h[1] + 0.45 * t
        elif slot in ("inside", "holding"):
            bottom = h[1] + 0.55 * hh + t / 2
        else:  # on top of its member
            bottom = h[1] + 0.15 * t
        rects[key] = clamp((left, bottom - t, left + w, bottom), area)
        left += SPACING * w
