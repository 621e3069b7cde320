"""Turning scanned items into entities, relations and exclusions of a scene graph.

The :class:`Builder` works on a scene in place: empty for a new prompt, a copy of the
current scene for an edit that adds things (so "the dog" finds the dog already there).
"""

from __future__ import annotations

from ..scene import MAX_COUNT, MAX_ENTITIES, Entity, Relation, SceneGraph
from . import lexicon as lx
from .phrases import Extras, Item, NounPhrase, cap_count

DIRECTIONAL = frozenset({"left of", "right of", "above", "below", "next to"})


class Builder:
    """Add the entities, relations and exclusions that a list of items describes.

    Parameters
    ----------
    scene : SceneGraph
        Changed in place.
    extras : Extras
        Collects notes (capped counts, too many things).
    add_mode : bool
        An edit that adds things: "an apple" joins the apples already there.
    """

    def __init__(self, scene: SceneGraph, extras: Extras, *, add_mode: bool = False) -> None:
        self.scene = scene
        self.extras = extras
        self.add_mode = add_mode
        self.mentioned: list[str] = []
        self.excluded: list[NounPhrase] = []
        self._full_noted = False

    # -- entities -------------------------------------------------------------------------
    def resolve(self, np: NounPhrase, *, avoid: list[str], merge: bool = True) -> str | None:
        """Return the id of the entity ``np`` names, creating it if needed."""
        scene = self.scene
        if np.pronoun:
            for eid in reversed(self.mentioned):
                if eid not in avoid:
                    return eid
            rest = [e.id for e in scene.entities if e.id not in avoid]
            return rest[-1] if rest else None
        same = [e for e in scene.entities if e.name == np.name and _compatible(e, np.attrs)]
        bare = not (np.explicit or np.more or np.plural or self.add_mode)
        if (np.definite or bare) and same:
            ent = same[-1]
            for key, value in np.attrs.items():
                ent.attributes.setdefault(key, value)
            return self._mention(ent.id)
        if same and merge and (np.more or self.add_mode):
            ent = same[-1]
            if np.more or all(ent.attributes.get(k) == v for k, v in np.attrs.items()):
                total = ent.count + max(np.count or 1, 1)
                if total > MAX_COUNT:
                    self.extras.notes.append(f"capped {total} {np.word} at {MAX_COUNT}")
                ent.count = min(total, MAX_COUNT)
                return self._mention(ent.id)
        if len(scene.entities) >= MAX_ENTITIES:
            if not self._full_noted:
                self.extras.notes.append(
                    f"a picture holds at most {MAX_ENTITIES} kinds of things; "
                    f"left out {np.name} and anything after it"
                )
                self._full_noted = True
            return None
        if np.count is None:
            np.count = lx.DEFAULT_PLURAL_COUNT if np.plural else 1
        ent = Entity(scene.new_id(), np.name, cap_count(np, self.extras), dict(np.attrs))
        scene.entities.append(ent)
        return self._mention(ent.id)

    def _mention(self, eid: str) -> str:
        self.mentioned.append(eid)
        return eid

    def relate(self, subject: str, predicate: str, obj: str, reverse: bool = False) -> None:
        """Add a relation unless it relates a thing to itself or is there already."""
        if reverse:
            subject, obj = obj, subject
        if subject == obj:
            return
        rel = Relation(subject, predicate, obj)
        if rel not in self.scene.relations:
            self.scene.relations.append(rel)

    def exclude(self, np: NounPhrase) -> None:
        """Record "no ``np``" (an edit removes it instead, see ``edits``)."""
        self.excluded.append(np)
        entry: dict[str, object] = {"name": np.name}
        if "color" in np.attrs:
            entry["color"] = np.attrs["color"]
        if entry not in self.scene.exclude:
            self.scene.exclude.append(entry)

    # -- the walk -------------------------------------------------------------------------
    def apply(self, items: list[Item]) -> None:
        """Walk ``items`` once, adding what they describe to the scene."""
        group: list[str] = []
        after_obj = neg = cop = False
        conj = ""
        pending: Item | None = None
        inverted: Item | None = None
        inverted_obj: str | None = None
        between: list[str] | None = None
        of_owner: str | None = None
        with_owner: str | None = None
        pending_adjs: dict[str, str] | None = None
        pending_pos = ""
        prev = ""
        for idx, item in enumerate(items):
            kind = item.kind
            nxt = items[idx + 1].kind if idx + 1 < len(items) else ""
            if kind == "SEP":
                group, after_obj, neg, cop, conj = [], False, False, False, ""
                pending = inverted = None
                inverted_obj = of_owner = with_owner = None
                between, pending_adjs, pending_pos = None, None, ""
            elif kind == "NEG":
                neg = True
            elif kind == "CONJ":
                conj = item.value
                if conj == "with":
                    neg, with_owner = False, (group[-1] if group else None)
            elif kind == "OF":
                of_owner = group[-1] if group and prev == "NP" else None
            elif kind == "COP":
                cop, neg = True, False
            elif kind == "POS":
                if group and prev in ("NP", "POS", "ADJS", "COP"):
                    for eid in group:
                        self.scene.entity(eid).attributes["position"] = item.value
                    after_obj = True
                else:
                    pending_pos = item.value
            elif kind == "REL":
                neg = False
                if group:
                    pending = item
                else:
                    inverted, inverted_obj = item, None
            elif kind == "STATE":
                for eid in group:
                    _add_state(self.scene.entity(eid), item.value)
            elif kind == "BETWEEN":
                between = []
            elif kind == "INHAND":
                if with_owner and group and group[-1] != with_owner:
                    self.relate(with_owner, "holding", group[-1])
            elif kind == "ADJS" and item.attrs:
                if group and (cop or prev == "NP"):
                    for eid in group:
                        _set_attrs(self.scene.entity(eid), item.attrs)
                    after_obj = after_obj or cop
                else:
                    pending_adjs = item.attrs
                cop = False
            elif kind == "NP" and item.np is not None:
                np = item.np
                if pending_adjs:
                    np.attrs = {**pending_adjs, **_shift_color(np.attrs, pending_adjs)}
                    pending_adjs = None
                if cop and group and not (np.known or np.definite or np.explicit or np.plural):
                    # "the children are unhappy": an unknown bare word is a description
                    for eid in group:
                        _set_attrs(self.scene.entity(eid), {"detail": np.name})
                    cop, prev, after_obj = False, "ADJS", True
                    continue
                if neg:
                    if not np.pronoun:
                        self.exclude(np)
                    prev = kind
                    continue
                found = self.resolve(np, avoid=group if pending else [], merge=nxt != "REL")
                prev = kind
                if found is None:
                    continue
                if pending_pos:
                    self.scene.entity(found).attributes["position"] = pending_pos
                    pending_pos = ""
                if between is not None:
                    between.append(found)
                    if len(between) == 2:
                        for subj in group:
                            self.relate(subj, "right of", between[0])
                            self.relate(subj, "left of", between[1])
                        between, after_obj = None, True
                    continue
                if pending is not None:
                    for subj in group:
                        self.relate(subj, pending.value, found, pending.reverse)
                    pending, group, after_obj = None, [found], True
                elif inverted is not None:
                    if inverted_obj is None:
                        inverted_obj = found
                    else:
                        self.relate(found, inverted.value, inverted_obj, inverted.reverse)
                        inverted, group, after_obj = None, [found], False
                elif of_owner is not None:
                    if self.scene.entity(of_owner).name in lx.CONTAINERS:
                        self.relate(found, "inside", of_owner)
                    else:
                        group, after_obj = [found], False
                elif conj == "and" and group and not after_obj:
                    group.append(found)
                else:
                    group, after_obj = [found], False
                conj, cop, of_owner = "", False, None
                continue
            prev = kind
        _pair_positions(self.scene)


def _add_state(ent: Entity, state: str) -> None:
    """Record what ``ent`` is doing ("sitting"); several states join with commas."""
    have = ent.attributes.get("state")
    if not have:
        ent.attributes["state"] = state
    elif state not in have.split(", "):
        ent.attributes["state"] = f"{have}, {state}"[:120]


def _compatible(ent: Entity, attrs: dict[str, str]) -> bool:
    return all(ent.attributes.get(k, v) == v for k, v in attrs.items() if k != "detail")


def _set_attrs(ent: Entity, attrs: dict[str, str]) -> None:
    order = {k: i for i, k in enumerate(lx.ATTRIBUTE_ORDER)}
    merged = {**ent.attributes, **attrs}
    ent.attributes = dict(sorted(merged.items(), key=lambda kv: order.get(kv[0], len(order))))


def _shift_color(attrs: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """ "a red and white bus": the bus's own colour becomes its second colour."""
    out = dict(attrs)
    if "color" in before and "color" in out:
        out["color2"] = out.pop("color")
    return out


def _pair_positions(scene: SceneGraph) -> None:
    """Things placed "on the left" and "on the right" become a left-of relation."""
    for first, second, pred in (("left", "right", "left of"), ("top", "bottom", "above")):
        a = [e for e in scene.entities if e.attributes.get("position") == first]
        b = [e for e in scene.entities if e.attributes.get("position") == second]
        if not (a and b):
            continue
        for x in a:
            for y in b:
                rel = Relation(x.id, pred, y.id)
                if rel not in scene.relations:
                    scene.relations.append(rel)
        for ent in a + b:
            del ent.attributes["position"]
