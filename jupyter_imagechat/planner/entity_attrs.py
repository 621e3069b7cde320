"""Setting an entity's attributes while the planner reads: states, merged descriptions,
colours shifted to second and third place.

"a dog sitting and looking" records both states; "old and dirty" keeps both details; "a
red and white bus" makes white the second colour. Used by :class:`~.build.Builder` and the
edit reader (:mod:`.edits.commands`).
"""

from __future__ import annotations

from ..scene import Entity
from . import lexicon as lx


def joined(ent: Entity, key: str, value: str) -> str:
    """``ent``'s ``key`` with ``value`` added ("quiet" and "serene": "quiet serene")."""
    have = ent.attributes.get(key, "")
    return value if not have or value in have.split() else f"{have} {value}"[:120]


def add_state(ent: Entity, state: str) -> None:
    """Record what ``ent`` is doing ("sitting"); several states join with commas."""
    have = ent.attributes.get("state")
    if not have:
        ent.attributes["state"] = state
    elif state not in have.split(", "):
        ent.attributes["state"] = f"{have}, {state}"[:120]


def compatible(ent: Entity, attrs: dict[str, str]) -> bool:
    return all(ent.attributes.get(k, v) == v for k, v in attrs.items() if k != "detail")


def set_attrs(ent: Entity, attrs: dict[str, str]) -> None:
    order = {k: i for i, k in enumerate(lx.ATTRIBUTE_ORDER)}
    merged = {**ent.attributes, **attrs}
    if "detail" in attrs and "detail" in ent.attributes:  # "old and dirty": both
        merged["detail"] = joined(ent, "detail", attrs["detail"])
    ent.attributes = dict(sorted(merged.items(), key=lambda kv: order.get(kv[0], len(order))))


def shift_color(attrs: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """ "a red and white bus": the bus's own colour becomes its second colour."""
    out = dict(attrs)
    if "color" in before and "color" in out:
        second = "color3" if "color2" in before and before["color2"] != out["color"] else "color2"
        out[second] = out.pop("color")  # "black, white and blue": a third colour
    return out
