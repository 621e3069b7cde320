"""Size: are things drawn at plausible sizes next to each other?

Each entity's expected side is its typical size with its ``size`` attribute and crowd
applied (:func:`~jupyter_imagechat.vocab.support.expected_side`: "a giant cat", fifty
apples drawn smaller to fit). Its *scale* is its drawn side over that. Things that do not
rest on each other must be drawn at scales within
:data:`~jupyter_imagechat.vocab.support.SIZE_TOLERANCE` of each other, and a thing
typically :data:`~jupyter_imagechat.vocab.support.SIZE_ORDER` times bigger than another
must be drawn bigger ("an elephant and a dog"; "a giraffe taller than a tree" reaches here
as size attributes, so the comparison is enforced). A thing on, in or held by a host may be
drawn smaller to fit it (or, behind it, because it is further away), never bigger than the
sizes allow ("a cup larger than its table"). Patches of the place itself (the grass, the
sky) have no size to compare.
"""

from __future__ import annotations

import statistics

from ...layout.hosts import Parents, diagram_members
from ...scene import Entity, SceneGraph
from ...vocab.support import SCENERY, SIZE_ORDER, SIZE_TOLERANCE, expected_side
from ...vocab.world import HELD_UP
from ..findings import SATISFIED, VIOLATED, Finding
from .rules import Seen

SHRINKS = HELD_UP | {"behind"}
"""Attachments after which a thing may be drawn smaller than its host's scale: fitted on,
in or held by it, or further back behind it."""


def size_findings(
    plan: SceneGraph, things: dict[str, list[Seen]], parent: Parents
) -> list[Finding]:
    """One ``size`` finding per drawn entity that has something to be compared with
    (things a diagram lines up on its page are sized by the diagram, and not compared).

    A thing resting on nothing is compared with the others' common scale (the upper
    median of their drawn-to-typical ratios), so the one drawn out of proportion is named,
    not everything beside it; a thing on, in or held by a host only with its host.
    """
    page = diagram_members(plan)
    drawn = [
        e for e in plan.entities
        if things.get(e.id) and e.id not in page and e.name not in SCENERY
    ]  # fmt: skip
    side = {e.id: statistics.median(max(s.width, s.height) for s in things[e.id]) for e in drawn}
    expected = {e.id: expected_side(e.name, e.attributes, e.count) for e in drawn}
    held = {eid for eid, (_, pred) in parent.items() if pred in SHRINKS}
    free = [e for e in drawn if e.id not in held]
    scale = {e.id: side[e.id] / expected[e.id] for e in free}
    common = statistics.median_high(scale.values()) if scale else 1.0
    out = []
    for ent in drawn:
        if ent.id in held:
            host = parent[ent.id][0]
            if host not in side:
                continue
            problem = _too_big_for_host(ent, plan.entity(host), side, expected)
            others = [host]
        else:
            others = [o.id for o in free if o.id != ent.id]
            if not others:
                continue
            problem = _out_of_proportion(plan, ent, others, scale, common, side, expected)
        label = f"{ent.name} size"
        if problem:
            out.append(Finding(label, VIOLATED, problem, (ent.id,), "size"))
        else:
            names = ", ".join(dict.fromkeys(plan.entity(o).name for o in others[:3]))
            why = f"in proportion with the {names}"
            out.append(Finding(label, SATISFIED, why, (ent.id,), "size"))
    return out


def _out_of_proportion(
    plan: SceneGraph,
    ent: Entity,
    others: list[str],
    scale: dict[str, float],
    common: float,
    side: dict[str, float],
    expected: dict[str, float],
) -> str | None:
    """Why ``ent`` is drawn out of proportion with the others, or None."""
    ratio = scale[ent.id] / max(common, 1e-9)
    if ratio > SIZE_TOLERANCE or ratio < 1 / SIZE_TOLERANCE:
        ref = plan.entity(min(others, key=lambda o: abs(scale[o] / common - 1.0)))
        return _compared(ent, ref, side, expected)
    for other in others:  # an elephant drawn no bigger than the dog beside it (one of a
        o = plan.entity(other)  # crowd drawn smaller to fit is still as big as one alone)
        want = expected_side(ent.name, ent.attributes) / expected_side(o.name, o.attributes)
        if want >= SIZE_ORDER and side[ent.id] <= side[other]:
            return _compared(ent, o, side, expected)
    return None


def _compared(
    ent: Entity, other: Entity, side: dict[str, float], expected: dict[str, float]
) -> str:
    want = expected[ent.id] / expected[other.id]
    got = side[ent.id] / max(side[other.id], 1e-9)
    return (
        f"drawn {got:.1f}x the {other.name}'s size; "
        f"{_a(_described(ent))} is typically {want:.1f}x {_a(_described(other))}"
    )


def _too_big_for_host(
    ent: Entity, host: Entity, side: dict[str, float], expected: dict[str, float]
) -> str | None:
    """Why ``ent`` is too big for the host it rests on, in or is held by, or None."""
    want = expected[ent.id] / expected[host.id]
    got = side[ent.id] / max(side[host.id], 1e-9)
    if got > want * SIZE_TOLERANCE:
        return _compared(ent, host, side, expected)
    return None


def _described(ent: Entity) -> str:
    size = ent.attributes.get("size")
    return f"{size} {ent.name}" if size else ent.name


def _a(phrase: str) -> str:
    return f"{'an' if phrase[:1] in 'aeiou' else 'a'} {phrase}"
