"""Turning scanned items into entities, relations and exclusions of a scene graph.

The :class:`Builder` works on a scene in place: empty for a new prompt, a copy of the
current scene for an edit that adds things (so "the dog" finds the dog already there).
"""

from __future__ import annotations

from dataclasses import replace

from ..scene import Relation, SceneGraph
from . import lexicon as lx
from .attach import (
    SIDE,
    absolute_state,
    also_beside,
    also_rests,
    back_to_subject,
    body_parts,
    holds_only_object,
    one_each,
    part_goes_with_owner,
    refers_back,
    shares_noun,
    tool_next,
    worn_in,
)
from .entity_attrs import add_state, set_attrs, shift_color
from .items import Extras, Item, NounPhrase
from .links import PARTS, WEARABLE, Link, held_object, own_parts, place_links
from .positions import pair_positions, place_at_edges
from .resolve import Resolver
from .scan_cues import RELATIVES
from .words import POSE_WORDS
from .worn_counts import one_per_owner

DIRECTIONAL = frozenset({"left of", "right of", "above", "below", "next to"})
_WITH_OWNER = WEARABLE | PARTS
COMPARED = frozenset(size for pair in lx.COMPARATIVES.values() for size in pair)
"""Sizes a comparison gives the thing compared with ("than a tree": small)."""
MAX_DEPTH_PAIRS = 24
"""Most "behind" relations the background of a description adds (things x front things)."""


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
        self.resolver = Resolver(scene, extras, add_mode=add_mode)
        """Finds or adds the entity each noun phrase names."""
        self.excluded: list[NounPhrase] = []
        self.links: list[Link] = []

    def relate(self, subject: str, predicate: str, obj: str, reverse: bool = False) -> None:
        """Add a relation unless it relates a thing to itself or is there already."""
        if reverse:
            subject, obj = obj, subject
        if subject == obj:
            return
        if predicate == "inside" and body_parts(self.scene, [subject, obj]):
            predicate = "in front of"  # "left arm across their chest", "hand in his hair"
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
        conj = conj_word = ""
        pending: Item | None = None
        inverted: Item | None = None
        inverted_obj: str | None = None
        inv_done: tuple[Item, str] | None = None  # "in front of him a mic, a podium": all
        between: list[str] | None = None
        of_owner: str | None = None
        with_owner: str | None = None
        with_how = "with"  # "verb with" after a verb: "interacting with a mammoth"
        with_last = False
        pending_adjs: dict[str, str] | None = None
        pending_pos = ""
        prev = ""
        subject: list[str] = []  # the clause's first thing: "A man wearing a hat is standing"
        object_verb = ""  # the verb of an "object" group: "reading" (a book)
        owned = ""  # the group is what the subject has ("with"), wears/holds ("worn") or
        # acts on ("object": "a man eats hamburgers in a chair")
        last_worn: tuple[list[str], Item] | None = None  # "wearing a hat and a scarf": both
        described = False  # the last ADJS described the group ("they are brown and black")
        in_back: list[str] = []  # things "in the background": drawn behind the main thing
        back_clause = comma = False
        support: tuple[list[str], list[str]] | None = None  # "a cup on a table": (cup, table)
        side: tuple[list[str], list[str]] | None = None  # "a cup next to a vase": (cup, vase)
        extra: list[str] = []  # also placed by the pending relation (what rests on its subject)
        for idx, item in enumerate(items):
            kind = item.kind
            nxt = items[idx + 1].kind if idx + 1 < len(items) else ""
            if kind == "SEP":
                group, after_obj, neg, cop, conj = [], False, False, False, ""
                pending = inverted = inv_done = None
                inverted_obj = of_owner = with_owner = None
                between, pending_adjs, pending_pos = None, None, ""
                subject, owned, back_clause, support, extra = [], "", False, None, []
                side = None
            elif kind == "NEG":
                neg = True
            elif kind == "CONJ" and item.value == "and" and prev == "ADJS" and pending_adjs:
                pass  # "with blue and red stripes": one list of adjectives; "with" holds
            elif kind == "CONJ":
                conj, comma, conj_word = item.value, item.value2 == ",", item.value2
                if conj == "with":  # "a man in a suit with a beer": the man has the beer
                    owner = subject if owned == "worn" and subject else group
                    if owned == "object" and subject and tool_next(items, idx):
                        owner = subject  # "a man sweeping sand with a broom": his broom
                    neg, with_owner = False, (owner[-1] if owner else None)
                    after_verb = prev == "STATE" and items[idx - 1].value.endswith("ing")
                    with_how = "verb with" if after_verb else "with"
                    with_last = owner is group  # "it" is then the thing before "with"
            elif kind == "OF":
                of_owner = group[-1] if group and prev == "NP" else None
            elif kind == "COP":
                cop, neg = True, False
                if (owned in ("with", "worn") or item.value == "subject") and subject:
                    # "a man wearing a hat is tall", "the clock on the wall is green"
                    group, owned, after_obj = list(subject), "", False
            elif kind == "BACK":
                if group and prev in ("NP", "STATE", "ADJS"):
                    in_back.extend(group)  # "trees in the background"
                else:
                    back_clause = True  # "In the background there are trees"
            elif kind == "POS":
                if group and prev in ("NP", "POS", "ADJS", "COP"):
                    for eid in group:
                        self.scene.entity(eid).attributes["position"] = item.value
                    after_obj = True
                else:
                    pending_pos = item.value
            elif kind == "REL":
                neg = cop = False  # "the beach is in front of water": water is a thing
                back = back_to_subject(item, owned, after_obj) and not refers_back(items, idx)
                if owned == "with" and body_parts(self.scene, group):
                    back = False  # "with his hands in his pockets": the hands are there
                if owned == "with" and part_goes_with_owner(self.scene, group, items, idx):
                    back = True  # "a knife with a black handle on the table": the knife
                if owned == "object" and holds_only_object(self.scene, subject, group, items, idx):
                    back = False  # "pointing at a map on the blackboard": the map is on it
                if subject and group != subject and back:
                    held = owned == "object" and held_object(self.scene, group, object_verb)
                    if owned == "object" and not (
                        item.reverse or body_parts(self.scene, group) or held
                    ):  # "a bear catching trout in a stream": both; not "reading a book"
                        extra = list(group)
                    group, owned = list(subject), ""
                elif support and group == support[1] and prev == "NP" and also_beside(item):
                    extra = list(support[0])  # "a cup on a table next to a vase": both are
                elif (
                    side and group == side[1] and prev == "NP" and also_rests(item)
                    and not holds_only_object(self.scene, side[0], group, items, idx)
                ):  # fmt: skip
                    extra = list(side[0])  # "a cup next to a vase on a table": both are
                if group:
                    pending = item
                else:
                    inverted, inverted_obj = item, None
            elif kind == "STATE":
                cop, after_obj = False, True  # "left leg straight, right leg bent"
                mine = owned in ("with", "worn") and not body_parts(self.scene, group)
                mine = mine and not absolute_state(items, idx, owned)  # "with the door open"
                back = refers_back(items, idx) and owned != "worn"  # "a glass with jam in it"
                kinds = [it.kind for it in items[max(idx - 3, 0) : idx]]
                joined = kinds == ["REL", "NP", "CONJ"] and items[idx - 1].value == "and"
                if (mine or item.reverse or joined) and subject and not back:
                    # "right arm above head and bent": the arm is bent, not the head
                    # "a man wearing a hat is standing", "... while standing on a pad", "a boy
                    # in a red jacket standing in front of him" (the boy stands, not the jacket)
                    group, owned = list(subject), ""
                for eid in group:
                    add_state(self.scene.entity(eid), item.value)
            elif kind == "BETWEEN":
                between = []
            elif kind == "INHAND":
                if with_owner and group and group[-1] != with_owner:
                    self.relate(with_owner, "holding", group[-1])
            elif kind == "ADJS" and item.attrs:
                adj_run = prev == "CONJ" and described and nxt != "NP"
                if not cop and prev == "NP" and shares_noun(items, idx):
                    pending_adjs = item.attrs  # "zebras have black and white stripes"
                elif group and (cop or prev == "NP" or adj_run):
                    for eid in group:
                        ent = self.scene.entity(eid)
                        attrs = item.attrs
                        if adj_run and "color" in attrs and ent.attributes.get("color"):
                            attrs = shift_color(attrs, ent.attributes)  # "brown and black"
                        set_attrs(ent, attrs)
                    after_obj, described = after_obj or cop, True
                elif pending_adjs and prev == "CONJ":  # "a red, white and blue flag"
                    pending_adjs = {**pending_adjs, **shift_color(item.attrs, pending_adjs)}
                else:
                    pending_adjs = item.attrs
                cop = False
            elif kind == "NP" and item.np is not None:
                np, was_described, described = item.np, described, False
                if pending_adjs:
                    np.attrs = {**pending_adjs, **shift_color(np.attrs, pending_adjs)}
                    pending_adjs = None
                predicate = cop or (was_described and conj == "and" and prev == "CONJ")
                bare_shape = np.name in lx.ADJECTIVES  # "the plate is big and square"
                thing = (np.known and not bare_shape) or np.definite or np.explicit or np.plural
                if predicate and group and not thing:
                    # "the children are unhappy", "the dock is wooden and narrow": an unknown
                    # bare word is a description
                    key, value = lx.ADJECTIVES.get(np.name, ("detail", np.name))
                    for eid in group:
                        set_attrs(self.scene.entity(eid), {**np.attrs, key: value})
                    cop, prev, after_obj, described, conj = False, "ADJS", True, True, ""
                    continue
                if neg and prev == "CONJ" and conj_word not in ("or", "nor"):
                    neg = not (np.explicit or np.definite)  # "no cars, a street": a new list
                    group = group if neg else []  # "a pond without ducks and a frog on ..."
                if neg:
                    if np.name == "one" and group and "color" in np.attrs:  # "no green ones"
                        np = replace(np, name=self.scene.entity(group[-1]).name)
                    if not np.pronoun:
                        self.exclude(np)
                    prev = kind
                    continue
                if np.pronoun and np.word in RELATIVES:
                    # "a road on which there are stones": the relation holds between the
                    # next thing and the road; ". On which I can see ...": the last subject
                    if pending is not None and group:
                        inverted, inverted_obj, pending, group = pending, group[-1], None, []
                    elif inverted is not None and inverted_obj is None and self.resolver.subjects:
                        inverted_obj = self.resolver.subjects[-1]
                    prev = kind
                    continue
                fresh = not group and pending is None and inverted is None
                if np.word == "it" and pending and with_last and with_owner is not None:
                    found: str | None = self.resolver.mention(with_owner)  # "a tube with ink in it"
                else:
                    found = self.resolver.resolve(
                        np, avoid=group if pending else [], merge=nxt != "REL", fresh=fresh
                    )
                was_state, prev = prev == "STATE", kind
                if back_clause and found is not None:
                    in_back.append(found)
                if found is None or np.owner:
                    continue  # "on a man's head": the relation is to the head
                if pending_pos:
                    self.scene.entity(found).attributes["position"] = pending_pos
                    pending_pos = ""
                if between is not None:
                    between.append(found)
                    pair = self.scene.entity(found).count >= 2 and nxt != "CONJ"
                    if len(between) == 1 and pair:  # "between two lamps": beside the pair
                        on_it = support is not None and group == support[1]
                        for subj in support[0] if support and on_it else group:
                            self.relate(subj, "next to", found)  # "a bear on a shelf between"
                        between, after_obj = None, True
                    elif len(between) == 2:
                        for subj in group:
                            self.relate(subj, "right of", between[0])
                            self.relate(subj, "left of", between[1])
                        between, after_obj = None, True
                    continue
                if pending is not None:
                    each = one_each(self.scene, group, pending, item)
                    if each and found == self.scene.entities[-1].id:  # "two students on chairs"
                        self.scene.entity(found).count = each
                    if worn_in(pending, self.scene.entity(found).name):
                        pending = Item("REL", value="on", reverse=True, value2="in")
                    for subj in group + extra:
                        self.relate(subj, pending.value, found, pending.reverse)
                    if pending.value2 in COMPARED:  # "taller than a tree": the tree is small
                        self.scene.entity(found).attributes.setdefault("size", pending.value2)
                    rests = pending.value in ("on", "inside") and not pending.reverse
                    beside = pending.value in SIDE and not extra  # not "eating food by a ..."
                    support, extra = ((list(group), [found]) if rests else None), []
                    side = (list(group), [found]) if beside else None
                    worn = pending.reverse or pending.value == "holding"
                    owned = "worn" if worn else ""
                    last_worn = (list(group), pending) if owned else None
                    pending, group, after_obj = None, [found], True
                elif inverted is not None:
                    if inverted_obj is None:
                        inverted_obj = found
                    else:
                        self.relate(found, inverted.value, inverted_obj, inverted.reverse)
                        inv_done = (inverted, inverted_obj)
                        inverted, group, after_obj = None, [found], False
                elif of_owner is not None:
                    holder = self.scene.entity(of_owner).name
                    if holder in lx.CONTAINERS:  # "a bowl of apples", "a plate of food"
                        self.relate(found, "on" if holder in lx.SURFACES else "inside", of_owner)
                        if not (np.plural or np.explicit) and found == self.scene.entities[-1].id:
                            # "two cups of coffee": each has its coffee
                            self.scene.entity(found).count = self.scene.entity(of_owner).count
                    else:
                        group, after_obj = [found], False
                        if subject == [of_owner]:  # "the color of the typewriter ... it"
                            self.resolver.subjects.append(found)
                elif conj == "and" and (
                    (np.definite and owned and subject) or (comma and nxt == "COP")
                ):  # "he has on a tank and the door is open", "..., the left arm is bent":
                    # a new thing, a new clause
                    group, subject, owned, after_obj = [found], [found], "", False
                elif conj == "and" and group and not after_obj:
                    group.append(found)
                    if inv_done is not None:
                        self.relate(found, inv_done[0].value, inv_done[1], inv_done[0].reverse)
                    if owned == "worn" and last_worn is not None:
                        self._extend_worn(last_worn, found, np.name)
                    if owned == "with" and with_owner is not None:
                        self.links.append(Link(with_owner, found, with_how))  # "a hat and a cane"
                else:
                    if conj == "and" and owned == "worn" and last_worn is not None:
                        self._extend_worn(last_worn, found, np.name)
                    if not subject or conj not in ("with", "and"):
                        owned = ""
                    elif conj == "with":
                        owned = "with"
                    if conj == "with" and with_owner is not None:
                        self.links.append(Link(with_owner, found, with_how))  # "with an umbrella"
                    posed = was_state and items[idx - 1].value.split(" ")[0] in POSE_WORDS
                    parts = posed and body_parts(self.scene, [*group, found])
                    if parts and subject and not conj:
                        subject = [found]  # "right leg bent left leg bent": a new clause
                    elif was_state and subject and not conj:
                        owned = "object"  # "a man eats hamburgers in a chair": the man is in it
                        object_verb = items[idx - 1].value.split(" ")[0]
                        self.links.extend(Link(eid, found, "verb", object_verb) for eid in group)
                    group, after_obj = [found], False
                if not subject:
                    subject = list(group)
                    self.resolver.subjects.extend(subject)
                conj, cop, of_owner, comma = "", False, None, False
                continue
            prev = kind
        self._put_behind(in_back)
        one_per_owner(self.scene, self.resolver.guessed)
        place_links(self.scene, [*self.links, *own_parts(self.scene, self.links)])
        place_at_edges(self.scene, in_back)
        pair_positions(self.scene)

    def _extend_worn(self, worn: tuple[list[str], Item], found: str, name: str) -> None:
        """ "wearing a hat and a scarf", "topped with broccoli, meat and peas": the next one
        too (after "in", only clothes: "a woman in a jacket and a pizza")."""
        owners, rel = worn
        if rel.value2 != "in" or worn_in(rel, name):
            for subj in owners:
                self.relate(subj, rel.value, found, rel.reverse)

    def _put_behind(self, back: list[str]) -> None:
        """Things "in the background" stand behind every thing that is not (up to
        :data:`MAX_DEPTH_PAIRS` pairs): "a man ... in front of him a mic; in the background
        a wall" puts the wall behind the man and the mic."""
        front = [  # not what the front things wear or their parts: they go with them
            e.id
            for e in self.scene.entities
            if e.id not in back and e.name.rpartition(" ")[2] not in _WITH_OWNER
        ]
        pairs = 0
        for eid in dict.fromkeys(back):
            for other in front:
                if pairs >= MAX_DEPTH_PAIRS:
                    return
                if not any({eid, other} == {r.subject, r.object} for r in self.scene.relations):
                    self.relate(eid, "behind", other)
                    pairs += 1
