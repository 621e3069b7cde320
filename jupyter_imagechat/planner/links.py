"""Loose links between things: "a man with an umbrella", "a tower has a clock", "a cat
chasing a dog".

Such phrases say two things belong together without saying where one is. The builder
collects them while it reads and, once the whole prompt is read, turns every link that no
other phrase placed into a relation the layout can draw: clothes are worn (``on``, the
clothes as subject), a small thing goes in a person's hand (``holding``), into a container
(``inside``) or onto a bigger thing or one of unknown size ("a tower with a clock", "a
wall with graffiti": ``on``), anything else stands ``next to`` its owner. Parts ("a zebra
with stripes", "a girl with red hair") go ``on`` their owner, where they belong.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scene import Entity, Relation, SceneGraph
from ..vocab.sizes import TYPICAL_SIZE, typical_size
from . import lexicon as lx
from .words import BODY_PARTS

CLOTHING = frozenset(
    lx.words("""shirt t-shirt tshirt dress suit jacket coat hat cap sweater hoodie sweatshirt skirt
    pants jeans shorts trousers uniform costume gown robe scarf glasses sunglasses helmet boot
    shoe sneaker outfit clothes clothing vest swimsuit bikini tuxedo apron kimono armor armour
    mask cape overalls raincoat blouse sari wetsuit pajamas leggings tie necktie garb attire
    gear glove sock""")
)
"""Heads of things one is "in" by wearing them ("a man in a green suit")."""
WEARABLE = CLOTHING | frozenset(
    lx.words("""necklace earring bracelet crown backpack collar bandana tiara wreath garland
    skate mitten slipper sandal flip-flop""")
)
"""Things a person "with" them wears ("a woman with a hat", "a man with a tie")."""

PARTS = BODY_PARTS | frozenset(
    lx.words("""hair eye ear nose mouth tail wing horn beak paw fur feather stripe spot mane claw
    fin scale whisker tooth teeth lip beard mustache moustache skin face wheel roof door window
    handle leaf petal stem branch trunk""")
)
"""Heads that name a part of their owner ("a bird with blue wings")."""
OWN_BODY = PARTS - frozenset(lx.words("wheel roof door window handle leaf petal stem branch trunk"))
"""Parts of a body: "a dog wagging its tail", "raising his hand" move their own."""

ANIMALS = frozenset(
    lx.words("""bird cat dog horse sheep cow elephant bear zebra giraffe mouse rabbit fox wolf lion
    tiger monkey panda pig goat deer duck chicken owl penguin frog turtle squirrel hamster
    kangaroo koala camel donkey pony puppy kitten corgi bunny crab dolphin whale shark beaver
    otter raccoon badger hedgehog moose elk bison buffalo leopard cheetah jaguar hippo rhino
    gorilla chimpanzee sloth lizard snake crocodile alligator dinosaur dragon unicorn parrot
    eagle hawk swan goose flamingo peacock pigeon crow seagull butterfly bee ant spider snail
    octopus squid fish goldfish seal walrus llama alpaca ostrich toucan hamster rat mule ox
    calf lamb chick cub teddy bear robot alien monster creature animal pet""")
)
"""Owners that act ("a dog with a ball" is beside it, not on it)."""
ON_BIGGER = 0.7
"""A thing at most this share of its owner's size goes on it ("a bus with a sign")."""
HANDHELD_SIZE = 0.55
"""Things no bigger than this (see :func:`~jupyter_imagechat.vocab.sizes.typical_size`) fit
in a person's hand."""
HANDHELD = frozenset(
    lx.words("umbrella guitar kite laptop surfboard skateboard snowboard skis sign flag torch")
)
"""Bigger things a person still carries ("a man with an umbrella")."""
TOOLS = frozenset(
    lx.words("""broom brush paintbrush knife fork spoon chopsticks stick bat racket club hammer
    axe shovel rake mop sword pen pencil scissors spatula whisk net rod pole hose sponge""")
)
"""Things one does something "with" ("sweeping sand with a broom": the man has the broom)."""


@dataclass(frozen=True)
class Link:
    """``owner`` goes with ``thing``; ``how`` is "with" or the verb that joined them."""

    owner: str
    thing: str
    how: str = "with"
    verb: str = ""  # the verb when ``how`` is "verb": "reading" (a book)


HOLDING_VERBS = frozenset(
    lx.words("""reading eating drinking sipping carrying holding waving swinging brushing licking
    hugging cuddling reads eats drinks carries holds waves swings hugs""")
)
"""Verbs whose object a person has in hand ("a girl reading a book", "eating a sandwich")."""


def predicate_for(
    owner: Entity, thing: Entity, how: str = "with", verb: str = ""
) -> tuple[str, bool]:
    """Return ``(predicate, reverse)`` for a link from ``owner`` to ``thing``.

    ``reverse`` means the relation reads thing-first ("a hat on a man"). A verb's object
    ("a cat chasing a dog") stands next to the one acting on it; after "<verb>ing with"
    (``how`` "verb with") a person holds only a thing known to be small.
    """
    head = thing.name.rpartition(" ")[2]
    person = is_person(owner.name)
    if how == "with" and (head in PARTS or lx.singular(head) in PARTS):
        return "on", True  # drawn over its owner, where a part belongs
    if how == "verb" and head in OWN_BODY and (person or owner.name in ANIMALS):
        return "on", True  # "a man raising his hand", "a dog wagging its tail"
    if how == "verb" and verb in HOLDING_VERBS and person and handheld(thing):
        return "holding", False  # "a girl reading a book", "a man eating a sandwich"
    wearable = head in WEARABLE or lx.singular(head) in WEARABLE
    if how == "with" and wearable and (person or owner.name in ANIMALS):
        return "on", True  # "a woman with a hat", "a cat with a bow tie"
    if person and how == "with" and handheld(thing):
        return "holding", False
    if person and how == "verb with":  # "playing with a ball": a known small
        known = thing.name in TYPICAL_SIZE  # thing is held; "interacting with a mammoth" not
        if (known and typical_size(thing.name) <= HANDHELD_SIZE) or head in HANDHELD:
            return "holding", False
    if how == "with" and not person and owner.name not in ANIMALS:
        if owner.name in lx.CONTAINERS:  # "a bowl with apples", "a plate with a cake"
            return ("on" if owner.name in lx.SURFACES else "inside"), True
        sizes = TYPICAL_SIZE.get(thing.name), TYPICAL_SIZE.get(owner.name)
        if None in sizes or sizes[0] <= ON_BIGGER * sizes[1]:  # type: ignore[operator]
            return "on", True  # "a tower with a clock", "a wall with graffiti"
    return "next to", False


PEOPLE = frozenset(
    lx.words("""teacher student pupil chef cook baker doctor nurse dentist vet farmer gardener
    firefighter fireman police policeman policewoman officer soldier sailor pilot astronaut
    scientist artist painter musician singer dancer athlete player runner golfer surfer skier
    swimmer builder worker mechanic plumber waiter waitress cashier shopkeeper librarian
    postman mailman driver king queen prince princess knight pirate wizard witch santa clown
    magician juggler cowboy detective judge guard explorer""")
)
"""Person nouns drawn as themselves, not as "person" with a kind: they hold and wear."""


def is_person(name: str) -> bool:
    """Whether a thing called ``name`` is a person: "person" (with a kind), or a person noun
    with artwork of its own ("teacher", "chef", "astronaut"): one who holds and wears."""
    return name == "person" or name in PEOPLE


def place_links(scene: SceneGraph, links: list[Link]) -> None:
    """Add a relation for every link whose two things no other relation joins."""
    for link in links:
        if link.owner == link.thing:
            continue
        pair = {link.owner, link.thing}
        if any({r.subject, r.object} == pair for r in scene.relations):
            continue
        owner, thing = scene.entity(link.owner), scene.entity(link.thing)
        predicate, reverse = predicate_for(owner, thing, link.how, link.verb)
        subject, obj = (link.thing, link.owner) if reverse else (link.owner, link.thing)
        scene.relations.append(Relation(subject, predicate, obj))


def own_parts(scene: SceneGraph, links: list[Link]) -> list[Link]:
    """Link every body part nothing else places to its owner: the last person or animal
    named before it ("The person has their right arm straight out": the arm is the
    person's). A part placed against another part ("left arm across the chest") is left to
    that relation, so the layout is not asked for both.

    The link puts the part ``on`` its owner (see :func:`predicate_for`), where the layout
    draws it, unless another relation already joins the two.
    """
    linked = {link.thing for link in links}
    linked |= {eid for r in scene.relations for eid in (r.subject, r.object)}
    owner: Entity | None = None
    out: list[Link] = []
    for ent in scene.entities:
        head = ent.name.rpartition(" ")[2]
        if head in BODY_PARTS:
            if owner is not None and ent.id not in linked:
                out.append(Link(owner.id, ent.id))
        elif is_person(ent.name) or head in ANIMALS:
            owner = ent
    return out


def held_object(scene: SceneGraph, group: list[str], verb: str) -> bool:
    """Whether ``group``, the object of ``verb``, is in the doer's hand ("reading a book"):
    it then goes where the doer goes, not also onto the doer's place."""
    return verb in HOLDING_VERBS and bool(group) and all(handheld(scene.entity(e)) for e in group)


def handheld(thing: Entity) -> bool:
    """Whether a person can hold ``thing`` in a hand (small, or an umbrella, a guitar...)."""
    head = thing.name.rpartition(" ")[2]
    return typical_size(thing.name) <= HANDHELD_SIZE or head in HANDHELD
