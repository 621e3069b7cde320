"""Things on or in a crowd go on or in its members, not over the crowd as a whole.

The packing lays a thing attached to a crowd (three people, two bottles) against the
crowd's block as a whole: a row of helmets over three heads, a reflection across seven
bottles, hiding the ones behind it. :func:`one_each` then gives each member its share:

- as many things on as many hosts, one on each ("three people wearing helmets");
- what is worn or a part ("two men in jackets", "wheels on two buses") shared out over
  the members, each share over its member's body
  (:func:`~jupyter_imagechat.vocab.support.pinned`);
- what is inside ("bears in the flowers", "a reflection in the bottles") shared out the
  same way, each share within its member, small enough to leave the member in sight.
"""

from __future__ import annotations

from ..scene import SceneGraph
from ..vocab.support import OPEN_CONTAINERS, pinned
from .blocks import Rect, clamp, face_share
from .hosts import Parents

Key = tuple[str, int]
INSIDE_SHARE = 0.5
"""How much of a member's width (and height) what is inside it may take."""
SPACING = 1.1
"""Width a shared-out thing takes beside the next, as a share of its own."""


def one_each(scene: SceneGraph, rects: dict[Key, Rect], parent: Parents, area: Rect) -> None:
    """Give each member of a crowd its share of what is on or in the crowd (see the module
    docstring). Changes ``rects``."""
    counts = {e.id: e.count for e in scene.entities}
    names = {e.id: e.name for e in scene.entities}
    for child, (host, pred) in parent.items():
        n, m = counts[child], counts[host]
        face = pred == "on" and pinned(names[child], names[host])
        shared = face or pred == "inside"
        if pred not in ("on", "inside") or m < 2 or (n != m and not shared):
            continue
        for j in range(m):
            h = rects.get((host, j))
            mine = [i for i in range(n) if i % m == j and (child, i) in rects]
            if h is not None and mine:
                _share(rects, child, mine, h, names[host], pred, face, area)


def _share(
    rects: dict[Key, Rect],
    child: str,
    mine: list[int],
    h: Rect,
    host_name: str,
    pred: str,
    face: bool,
    area: Rect,
) -> None:
    """Lay instances ``mine`` of ``child`` in a row on or in the member box ``h``."""
    hw, hh = h[2] - h[0], h[3] - h[1]
    w = max(rects[(child, i)][2] - rects[(child, i)][0] for i in mine)
    tall = max(rects[(child, i)][3] - rects[(child, i)][1] for i in mine)
    share = face_share(host_name) if face else INSIDE_SHARE if pred == "inside" else 0.0
    k = min(1.0, share * hw / (w * len(mine) * SPACING), share * hh / tall) if share else 1.0
    w, tall = w * k, tall * k
    left = (h[0] + h[2]) / 2 - w * (len(mine) * SPACING - (SPACING - 1)) / 2
    if face:  # over the body, as a board holds what is pinned to it
        bottom = h[1] + 0.45 * hh + tall / 2
    elif pred == "inside" and host_name in OPEN_CONTAINERS:  # sticking out of the rim
        bottom = h[1] + 0.45 * tall
    elif pred == "inside":
        bottom = h[1] + 0.55 * hh + tall / 2
    else:  # on top of its member
        bottom = h[1] + 0.15 * tall
    for i in mine:
        rects[(child, i)] = clamp((left, bottom - tall, left + w, bottom), area)
        left += SPACING * w
