"""Standing things stand on the ground: where a laid-out whole goes so that they do.

Where the ground is and which things stand on it is shared vocabulary
(:mod:`jupyter_imagechat.vocab.world`: :func:`~jupyter_imagechat.vocab.world.horizon`,
:func:`~jupyter_imagechat.vocab.world.stands`); this module is the layout's part, moving
(and if it must, shrinking) a whole laid out in unit space so that the bottoms of its
standing things end on the ground band of the picture.
"""

from __future__ import annotations

FOOTING = 0.05
"""How far below the horizon a standing thing's bottom goes at least, so it reads as
standing on the ground (and gets the engine's shadow)."""


def on_ground(
    line: float | None,
    feet: list[float],
    height: float,
    scale: float,
    top: float,
    area: tuple[float, float, float, float],
    rest: float,
) -> tuple[float, float]:
    """Scale and top of a laid-out whole so that standing things stand on the ground.

    ``feet`` are the bottoms of standing things and ``height`` the whole's height, in unit
    space (the whole starts at 0 and is drawn at ``top + y * scale``). Their bottoms end
    at least :data:`FOOTING` below the horizon ``line``, preferably ``rest`` of the way
    down the ground band, inside ``area``. Moving the whole keeps every relation; it
    shrinks (to half at most) only when stacked standing things cannot all reach the
    ground otherwise. Returns ``scale`` and ``top`` unchanged without a ground.
    """
    if line is None or not feet:
        return scale, top
    first, bottom = area[1], area[3]
    least = line + FOOTING
    if least >= bottom:
        return scale, top
    high = min(feet)  # the highest bottom of a standing thing
    top = min(max(top, line + rest * (bottom - line) - high * scale), bottom - height * scale)
    if top + high * scale < least - 1e-9 and height - high > 1e-9:
        scale = max(min(scale, (bottom - least) / (height - high)), scale / 2)
        top = max(first, bottom - height * scale)
    return scale, top
