"""Which thing a relation attaches to while the builder reads a sentence.

"a man wearing a coat in a sauna": the man is in the sauna, not the coat; "a cup next to a
vase on a table": both are on the table; "a glass with jam in it": "it" is the glass. The
:class:`~.build.Builder` asks these small questions about the items around a relation.
"""

from __future__ import annotations

from ..scene import SceneGraph
from ..vocab.sizes import typical_size
from ..vocab.support import WEARERS, can_rest_on
from . import lexicon as lx
from .items import Item
from .links import CLOTHING, PARTS, TOOLS
from .words import BODY_PARTS

SIDE = frozenset({"left of", "right of", "next to"})
"""Relations that leave two things side by side, on the same ground."""


def also_beside(rel: Item) -> bool:
    """Whether ``rel`` after "X on Y" places X as well as Y ("a cup on a table next to a
    vase": the table and the cup are next to the vase)."""
    return not rel.reverse and rel.value in ("next to", "in front of", "behind")


def also_rests(rel: Item) -> bool:
    """Whether ``rel`` after "X next to Y" places X as well as Y ("a cup next to a vase on a
    table": both are on it)."""
    return not rel.reverse and rel.value in ("on", "inside")


def body_parts(scene: SceneGraph, group: list[str]) -> bool:
    """Whether ``group`` is body parts ("with their right arm up": the arm is up)."""
    return bool(group) and all(scene.entity(e).name.rpartition(" ")[2] in BODY_PARTS for e in group)


def worn_in(rel: Item, name: str) -> bool:
    """Whether "in" + ``name`` means wearing it ("a dolphin in an astronaut suit")."""
    inside = (rel.value == "inside" and not rel.reverse) or rel.value2 == "in"
    return inside and name.rpartition(" ")[2] in CLOTHING


def refers_back(items: list[Item], idx: int) -> bool:
    """Whether the thing after ``items[idx]`` is a pronoun ("a glass with jam in it")."""
    for item in items[idx + 1 : idx + 4]:
        if item.kind == "NP":
            return item.np is not None and item.np.pronoun
        if item.kind not in ("REL", "OF", "STATE"):
            return False
    return False


def back_to_subject(rel: Item, owned: str, after_obj: bool) -> bool:
    """Whether relation ``rel`` belongs to the clause's subject, not to the last thing.

    "a man wearing a coat in a sauna": the man is in the sauna (worn and held things go
    where their owner goes); "a baby on a bed wearing glasses": the baby wears them.
    """
    possessive = rel.reverse or rel.value == "holding"
    if possessive:
        return bool(owned) or after_obj
    places = ("inside", "next to", "in front of", "behind", "left of", "right of")
    if owned == "with":  # "a panda with glasses on its head": they are on it
        return rel.value in places
    if owned == "object":  # "a woman playing a video game on a couch": she is on it;
        return rel.value in (*places, "on", "under")  # "reading a book under an umbrella"
    return owned == "worn" and rel.value not in ("under", "above", "below")


AWAY_VERBS = frozenset(
    lx.words("""looking pointing watching staring gazing admiring smiling waving glancing peering
    hanging putting placing pinning sticking writing drawing painting chalking throwing tossing
    looks points watches stares gazes admires smiles waves hangs puts places pins sticks writes
    draws paints throws tosses look point watch stare gaze admire smile wave hang put place""")
)
"""Verbs whose object is away from the doer ("looking at a bird in a tree", "hanging a
picture on the wall"): a place after the object is the object's, not the doer's."""
_PLACES = frozenset({"on", "inside", "under", "above", "below"})


def _verb_before(items: list[Item], idx: int) -> str:
    """The verb of the clause before ``items[idx]`` ("pointing" in "pointing at a map")."""
    for item in reversed(items[max(idx - 4, 0) : idx]):
        if item.kind in ("SEP", "CONJ", "COP"):
            return ""
        if item.kind == "STATE":  # the whole verb: "hanging out at a store" is no hanging
            return item.value
    return ""


def holds_only_object(
    scene: SceneGraph, subject: list[str], group: list[str], items: list[Item], idx: int
) -> bool:
    """Whether the place after relation ``items[idx]`` can hold the verb's object but not
    the clause's subject: a trailing place phrase then belongs to the nearest thing it can
    hold. "a teacher pointing at a map on the blackboard": the map is on the board, the
    teacher (who cannot stand on a board) stands beside it; "a boy looking at a fish in a
    bowl": only the fish is in the bowl; after a verb whose object is away from the doer
    (:data:`AWAY_VERBS`: "a chef putting a cake in the oven") the place is the object's."""
    rel = items[idx]
    target = items[idx + 1] if idx + 1 < len(items) else None
    if rel.reverse or target is None or target.kind != "NP" or target.np is None:
        return False
    if target.np.pronoun or not subject or not group:
        return False
    host = target.np.name
    if rel.value in _PLACES and _verb_before(items, idx) in AWAY_VERBS:
        return True  # "a kid pointing at a bird in a tree": only the bird is in it

    def size(eid: str) -> float:
        return typical_size(scene.entity(eid).name)

    def rests(eid: str) -> bool:
        name = scene.entity(eid).name
        return can_rest_on(name, host) or can_rest_on(_head(name), _head(host))

    if rel.value == "on":
        return all(rests(e) for e in group) and not any(rests(e) for e in subject)
    if rel.value == "inside" and _head(host) in lx.CONTAINERS:  # a container smaller than
        smallest = min(size(e) for e in subject)
        return smallest > typical_size(host) and all(size(e) < smallest for e in group)
    return False


def one_each(scene: SceneGraph, group: list[str], rel: Item, host: Item) -> int | None:
    """How many of an uncounted plural host ``host`` there are: one for each of the people or
    animals ``group`` that sit or stand "on" or "in" it ("two students sitting on chairs":
    two chairs, not the three a bare plural otherwise means); None when the phrase says
    nothing about the count."""
    np = host.np
    if np is None or not np.plural or np.explicit or np.definite or np.pronoun:
        return None
    if rel.reverse or rel.value not in ("on", "inside") or not group:
        return None
    ents = [scene.entity(e) for e in group]
    if not all(e.name in WEARERS or _head(e.name) in WEARERS for e in ents):
        return None
    total = sum(e.count for e in ents)
    return total if total >= 2 else None


def shares_noun(items: list[Item], idx: int) -> bool:
    """Whether the adjectives at ``items[idx]`` go with the next noun ("black and white
    stripes": a bare noun with adjectives of its own after "and")."""
    if idx + 2 >= len(items) or items[idx + 1].kind != "CONJ" or items[idx + 1].value != "and":
        return False
    np = items[idx + 2].np
    return (
        items[idx + 2].kind == "NP"
        and np is not None
        and bool(np.attrs)
        and not (np.definite or np.explicit or np.pronoun or np.more)
    )


def tool_next(items: list[Item], idx: int) -> bool:
    """Whether the thing after ``items[idx]`` is a tool one works with (a broom, a knife)."""
    after = items[idx + 1] if idx + 1 < len(items) else None
    if after is None or after.np is None:
        return False
    return after.np.name.rpartition(" ")[2] in TOOLS


def absolute_state(items: list[Item], idx: int, owned: str) -> bool:
    """Whether the state at ``items[idx]`` describes the thing "with" just named: "a man by an
    oven with the door open" (the door is open), not "a man with a hat standing"."""
    before = items[idx - 1] if idx else None
    if owned != "with" or before is None or before.np is None or not before.np.definite:
        return False
    return not items[idx].value.split(" ")[0].endswith("ing")


HELD_IN = frozenset({"pocket", "lap", "mouth", "hand", "hands", "paw", "beak", "top", "side"})
"""Places on the owner itself: "with his hands in his pockets", "with a bone in its mouth"."""


OWN_PLACES = PARTS - frozenset({"branch", "trunk", "leaf", "stem", "petal"})
"""Parts a part may rest on ("a hat on his head"); a bird's wings are not on "a branch"."""


def part_goes_with_owner(scene: SceneGraph, group: list[str], items: list[Item], idx: int) -> bool:
    """Whether relation ``items[idx]`` after "X with <parts>" places X: "a knife with a black
    handle on the table" (the knife is on it), "a bird with blue wings on a branch"; but "a
    man with a hat on his head" and "with his hands in his pockets" stay where they are."""
    if not group or not all(_head(scene.entity(e).name) in PARTS for e in group):
        return False
    target = items[idx + 1] if idx + 1 < len(items) else None
    if target is None or target.np is None or target.np.pronoun or target.np.owner:
        return False
    head = _head(target.np.name)
    return head not in OWN_PLACES and head not in CLOTHING and head not in HELD_IN


def _head(name: str) -> str:
    return name.rpartition(" ")[2]
