"""The "make" and "replace" edits: change how a thing looks, its size or what it is.

"make the bowl green", "change the cup to wooden", "make it bigger", "make the dog face
right", "turn the cat into a dog", "replace the cat with a dog", "make it night",
"change the background to a beach", "change the text" (to the prompt's quoted text).
"""

from __future__ import annotations

from ...scene import MAX_COUNT, Box, Entity, SceneGraph
from .. import lexicon as lx
from ..entity_attrs import add_state, set_attrs, shift_color
from ..items import Extras, NounPhrase
from ..phrases import scan
from ..places import combine_backgrounds, match_background, match_style
from ..text import PlanError
from ..words import is_adjective_like, known_word, read_number
from .boxes import group_box, rounded, scaled
from .instances import split_instances
from .looks import clear_mood, each_its_colour, face_towards, look_of
from .places import guests
from .targets import ALL_WORDS, Target, find_target, find_targets, modifier_attrs
from .words import plural

FACE_WORDS = frozenset({"face", "faces", "facing", "point", "pointing", "turned", "heading"})
"""Words before "left"/"right" that set the ``facing`` attribute in a "make" edit."""
BIGGER = frozenset({"bigger", "larger", "huger", "taller", "wider", "enlarge", "grow", "big"})
SMALLER = frozenset({"smaller", "tinier", "shorter", "shrink", "little", "small", "tiny"})
GROW, SHRINK = 1.25, 0.8
STATES = frozenset(lx.words("asleep awake alive alone afloat ajar aglow ablaze upright"))
"""Words for what a thing is doing that are no verbs ("the cat is asleep")."""
FLIPS = frozenset(lx.words("around round over"))
SIDES = frozenset(lx.words("left right top bottom middle centre center front back edge corner"))
"""Sides of the picture a thing may go to while it does something ("run to the right")."""
"""After "turn the cat": it faces the other way."""
SIZE_UP = {"tiny": "small", "small": "", "short": "", "": "big", "big": "huge", "large": "huge"}
SIZE_DOWN = {"huge": "big", "big": "", "large": "", "tall": "", "": "small", "small": "tiny"}


def apply_make(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str]) -> bool:
    """Apply a "make" command (``tokens`` after the verb) to ``scene`` in place; return
    whether it used the quoted ``texts``. Raise :class:`PlanError` when it names nothing in
    the picture or no change."""
    number, start = _leading_count(tokens)
    try:
        target = find_targets(tokens[start:], scene)
    except PlanError:
        several = _several(scene) if number is not None else None
        if several is None:
            raise
        target = Target("entities", [several.id], 0)  # "make one red": one of the robots
    if number is not None and target.what == "entities" and target.ids:
        ent = max((scene.entity(i) for i in target.ids), key=lambda e: e.count)
        number = number if number > 0 else ent.count // 2  # "half of the oranges"
        if 0 < number < ent.count:  # "make one apple yellow": that one apple becomes its own
            target = Target("entities", [split_off(scene, ent, number).id], target.end)
    comp = [
        w for w in tokens[start + target.end :] if w not in ("to", "into", "be", "look", "more")
    ]
    if comp[:1] == ["in"] and len(comp) > 1 and is_adjective_like(comp[1]):
        comp = comp[1:]  # "the bus in green"
    if len(comp) == 2 and lx.color_of(comp[1]) and not is_adjective_like(comp[0]):
        comp = comp[1:]  # "chocolate brown", "sky blue": a shade of the colour, not a thing
    if target.what == "text":
        scene.texts = list(texts)
        return True
    if target.what == "background":
        bg, _ = _look(comp, scene)
        colors = [lx.color_of(w) for w in comp if lx.color_of(w)]
        scene.background = bg or (colors[0] if colors else " ".join(comp[-2:]) or None)
        return False
    if target.what == "style":
        _, style = _look(comp, scene)
        scene.style = style
        return False
    grow = [  # "a little taller": taller ("a little" says how much)
        w
        for k, w in enumerate(comp)
        if (w in BIGGER or w in SMALLER) and not (comp[k - 1 : k] == ["a"] and w == "little")
    ]
    if grow and target.ids:
        for eid in target.ids:
            _resize(scene, scene.entity(eid), grow[0] in BIGGER)
        return False
    if target.ids and each_its_colour(scene, target.ids, comp):  # "different colours"
        return False
    if target.ids and comp and all(w in FLIPS for w in comp):  # "turn the cat around"
        for eid in target.ids:
            flip(scene.entity(eid))
        return False
    if target.ids and len(comp) >= 2 and comp[-1] in ("left", "right") and comp[0] in FACE_WORDS:
        for eid in target.ids:  # "make the dog face right", "turn the cat to face left"
            scene.entity(eid).attributes["facing"] = comp[-1]
        return False
    if target.ids and len(comp) >= 2 and comp[0] in FACE_WORDS and _faces(scene, target, comp):
        return False
    if target.what == "it" or (target.what == "entities" and comp and tokens[0] in ALL_WORDS):
        before = (scene.background, scene.style)
        bg, style = _look(comp, scene)
        if bg or style != before[1]:  # "make it night" in a forest: the forest at night
            scene.background = combine_backgrounds(scene.background, bg) if bg else before[0]
            scene.style = style
            return False
    look = look_of(comp) if target.ids else None
    if look:  # "happier", "more determined", "darker"
        for eid in target.ids:
            clear_mood(scene.entity(eid), [*comp, *look.values()])
            set_attrs(scene.entity(eid), look)
        return False
    if target.ids and len(comp) > 1 and comp[0] in lx.BETWEEN_WORDS:  # "... be between them"
        from .move import apply_move

        scene.focus = target.ids[-1]
        apply_move(["it", *comp], scene)
        return False
    if target.ids and len(comp) == 1 and comp[0] in RAISED:  # "make the girl higher"
        from .move import apply_move

        scene.focus = target.ids[-1]
        apply_move(["it", RAISED[comp[0]]], scene)
        return False
    doing = comp and (_verb_like(comp[0]) or _before_particle(comp))
    if target.ids and doing:  # "make the cat sleep", "let it jump", "let the bird fly out"
        where = next((k for k in range(1, len(comp)) if _places(comp[k:])), len(comp))
        for eid in target.ids:  # what it does now, instead of what it did
            scene.entity(eid).attributes.pop("state", None)
            clear_mood(scene.entity(eid), [gerund(comp[0])])
            add_state(scene.entity(eid), " ".join([gerund(comp[0]), *comp[1:where][:2]]))
        if where < len(comp):  # "make the cat sit on the sofa": there, too
            from .move import apply_move

            scene.focus = target.ids[-1]
            place = comp[where:]
            if comp[where - 1] in PARTICLES and place[0] in ("on", "onto", "to"):
                place = ["next", "to", *place[1:]]  # "sneaking up on the chicken": by it
            apply_move(["it", *place], scene)
        return False
    attrs = modifier_attrs(comp) if comp and all(is_adjective_like(w) for w in comp) else None
    if attrs is None:
        items = [it for it in scan(comp, Extras()) if it.kind in ("NP", "ADJS")]
        np_items = [it for it in items if it.kind == "NP" and it.np and not it.np.pronoun]
        if np_items and np_items[0].np is not None:
            _one_for_several(scene, target, np_items[0].np)
            for eid in target.ids:
                rename(scene.entity(eid), np_items[0].np)
            return False
        attrs = None
        for it in items:  # "red and white": white is the second colour
            if it.kind == "ADJS" and it.attrs:
                attrs = it.attrs if attrs is None else {**attrs, **shift_color(it.attrs, attrs)}
    if not attrs:
        raise PlanError(
            f"Did not understand how to change it in {' '.join(tokens)!r}; try e.g. "
            "'make the bowl green', 'make it bigger' or 'change the cup to wooden'."
        )
    for eid in target.ids:
        set_attrs(scene.entity(eid), attrs)
    return False


def _several(scene: SceneGraph) -> Entity | None:
    """The thing "make one red" takes one of: the thing in focus when there are several of
    it, else the only thing there are several of."""
    several = [e for e in scene.entities if e.count > 1]
    focus = [e for e in several if e.id == scene.focus]
    return (focus or several)[0] if len(focus or several) == 1 else None


def _faces(scene: SceneGraph, target: Target, comp: list[str]) -> bool:
    """ "make the knight face the castle": turned towards it."""
    try:
        other = find_target([w for w in comp[1:] if w not in ("to", "towards", "toward")], scene)
    except PlanError:
        return False
    return other.what == "entities" and face_towards(scene, target.ids, other.ids)


def flip(ent: Entity) -> None:
    """Make ``ent`` face the other way ("turn it around", "flip the cat")."""
    ent.attributes["facing"] = "right" if ent.attributes.get("facing") == "left" else "left"


def _places(words: list[str]) -> bool:
    """Whether ``words`` start with a relation to a thing ("on the sofa", "next to it") or
    a side of the picture ("to the right", "to the top left")."""
    if words[0] in lx.BETWEEN_WORDS:
        return len(words) > 1
    side = words[2:3] if words[1:2] == ["the"] else words[1:2]
    if words[0] in ("to", "towards", "toward") and side and side[0] in SIDES:
        return True  # "make it run to the right"
    if words[0] == "the" and side and side[0] in SIDES and len(words) <= 4:
        return True  # the same with "to" left out before this is read
    for n in range(min(lx.MAX_RELATION_WORDS, len(words)), 0, -1):
        if tuple(words[:n]) in lx.RELATIONS:
            return n < len(words)
    return False


DONE = {"cut": "cut", "split": "split", "break": "broken", "tear": "torn", "shut": "shut",
        "hit": "hit", "light": "lit", "freeze": "frozen", "spread": "spread"}  # fmt: skip
"""Past participles the regular rule gets wrong."""
NOT_DONE = frozenset(lx.words("do show have get see keep leave let draw render want need"))
"""Verbs that do nothing to the thing they name ("show it in pixel art")."""
LOOK_WORDS = frozenset(lx.words("as like style styled version look"))


def apply_done_to(tokens: list[str], scene: SceneGraph) -> bool:
    """ "cut the sandwich in half", "crack the egg", "peel the banana": what was done to a
    thing of the picture becomes its state ("cut in half", "cracked"); False when ``tokens``
    are not a verb the planner does not know followed by a thing there is."""
    if len(tokens) < 3 or not _verb_like(tokens[0]) or tokens[1] not in ALL_WORDS | {"the", "it"}:
        return False
    if tokens[0] in NOT_DONE:
        return False
    try:
        target = find_target(tokens[1:], scene)
    except PlanError:
        return False
    if target.what not in ("entities", "it") or not target.ids:
        return False
    rest = tokens[1 + target.end :]
    styled = any(tuple(rest[k:j]) in lx.STYLES for k in range(len(rest)) for j in (k + 1, k + 2))
    if len(rest) > 3 or not all(w.isalpha() for w in rest) or set(rest) & LOOK_WORDS or styled:
        return False  # "show it in pixel art", "do it as a cartoon": a style, read elsewhere
    for eid in target.ids:
        add_state(scene.entity(eid), " ".join([done(tokens[0]), *rest]))
    scene.focus = target.ids[-1]
    return True


def done(verb: str) -> str:
    """ "crack" -> "cracked", "peel" -> "peeled", "cut" -> "cut"."""
    if verb in DONE or verb.endswith("ed"):
        return DONE.get(verb, verb)
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "i", "o", "u"):
        return verb[:-1] + "ied"
    short = len(verb) <= 4 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou"
    if short and verb[-3:-2] not in ("a", "e", "i", "o", "u"):
        return verb + verb[-1] + "ed"  # "chop" -> "chopped"
    return verb + "ed"


RAISED = {"higher": "up", "lower": "down"}
"""Heights said as looks: "make the girl higher" moves her up."""
NO_DOING = frozenset(
    lx.words(
        "is are was were be been being am has have had do does did make makes made let lets "
        "get gets should must can could will would may might shall both all each also too "
        "at to in on into onto with by for from of up down off over under "
        "higher lower further farther closer nearer"
    )
)
"""Words after a thing that say no doing of its own ("the bear is ...", "they should both
..."): never a state ("issing", "maked")."""


def _verb_like(word: str) -> bool:
    """Whether ``word`` after "make the cat" is what it should do ("sleep", "turn on"), not
    what it should be ("green", "a dog", "wooden")."""
    return (
        word.isalpha()
        and word not in NO_DOING
        and word not in ("a", "an", "the", "some", "one")
        and not known_word(word)
        and not is_adjective_like(word)
        and read_number([word], 0)[0] is None
        and word not in lx.BACKGROUND_WORDS
        and (word,) not in lx.BACKGROUNDS
        and (word,) not in lx.STYLES
    )


PARTICLES = frozenset(lx.words("out away up down off around about back over"))
"""Words after a verb that say it is one ("fly out", "run away"), even a verb that is a
noun too ("fly", "swim")."""


def _before_particle(comp: list[str]) -> bool:
    """Whether ``comp`` is a word used as a verb before a particle ("fly out", "run away"),
    never a look ("bright red") or a count."""
    word = comp[0]
    return (
        len(comp) >= 2
        and comp[1] in PARTICLES
        and word.isalpha()
        and word not in NO_DOING
        and not lx.color_of(word)
        and word not in lx.ADJECTIVES
        and read_number([word], 0)[0] is None
    )


def gerund(verb: str) -> str:
    """ "sleep" -> "sleeping", "smile" -> "smiling", "sit" -> "sitting"; "-ing" stays."""
    if verb.endswith(("ing", "ed")) or verb in STATES:
        return verb
    verb = _bare(verb)
    if verb.endswith("ie"):
        return verb[:-2] + "ying"  # "lie" -> "lying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        return verb[:-1] + "ing"
    short = len(verb) <= 4 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou"
    if short and verb[-3:-2] not in ("a", "e", "i", "o", "u"):
        return verb + verb[-1] + "ing"  # "sit" -> "sitting", "run" -> "running"
    return verb + "ing"


def _bare(verb: str) -> str:
    """ "stands" -> "stand", "goes" -> "go", "flies" -> "fly", "watches" -> "watch": the
    verb a thing is said to do ("the boy stands behind ...")."""
    if len(verb) < 4 or not verb.endswith("s") or verb.endswith(("ss", "us", "is", "ys")):
        return verb
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "xes", "oes", "sses", "zes")):
        return verb[:-2]
    return verb[:-1]


def _leading_count(tokens: list[str]) -> tuple[int | None, int]:
    """A count before the thing ("one apple", "two of the apples"): it and the index after
    it (and after "of"); ``(None, 0)`` without one."""
    if tokens[:1] == ["half"]:  # "half of the oranges": 0 stands for half
        return 0, 1 + (tokens[1:2] == ["of"])
    number, j = read_number(tokens, 0)
    if number is None:
        return None, 0
    return number, j + (j < len(tokens) and tokens[j] == "of")


def split_off(scene: SceneGraph, ent: Entity, number: int) -> Entity:
    """Make the last ``number`` instances of ``ent`` an entity of their own and return it
    ("make one apple yellow"; see :func:`.instances.split_instances`)."""
    return split_instances(scene, ent, range(ent.count - number, ent.count))


def apply_replace(tokens: list[str], scene: SceneGraph, *, swap_order: bool) -> None:
    """Apply "replace the cat with a dog" (``tokens`` after the verb) to ``scene`` in place;
    ``swap_order`` reads "substitute a dog for the cat". The thing keeps its id and boxes."""
    for k, word in enumerate(tokens):
        if word in ("with", "by", "for", "into", "to") and k > 0:
            old, new = tokens[:k], tokens[k + 1 :]
            break
    else:
        raise PlanError("Say what to put instead, e.g. 'replace the cat with a dog'.")
    if swap_order:
        old, new = new, old
    target = find_target(old, scene)
    items = [it for it in scan(new, Extras()) if it.kind == "NP" and it.np and it.np.name]
    if not items or items[0].np is None:
        raise PlanError(f"Did not find what to put instead in {' '.join(new)!r}.")
    for eid in target.ids:
        rename(scene.entity(eid), items[0].np)


def _look(tokens: list[str], scene: SceneGraph) -> tuple[str | None, str | None]:
    """Background and style named by ``tokens`` ("night", "a forest", "watercolor")."""
    look = Extras(style=scene.style)
    for prefix in ([], ["in"]):
        words = prefix + [w for w in tokens if w not in ("a", "an", "the", "it")]
        k = 0
        while k < len(words):
            after = match_style(words, k, look)
            after = after if after > k else match_background(words, k, look)
            k = after if after > k else k + 1
    return look.background, look.style


def _resize(scene: SceneGraph, ent: Entity, bigger: bool) -> None:
    factor = GROW if bigger else SHRINK
    size = ent.attributes.get("size", "")
    ladder = SIZE_UP if bigger else SIZE_DOWN
    new = ladder.get(size, size)
    attrs = {k: v for k, v in ent.attributes.items() if k != "size"}
    ent.attributes = attrs
    if new:
        set_attrs(ent, {"size": new})
    before = group_box(scene, ent.id)
    for k, box in enumerate(scene.layout):
        if box.entity == ent.id:
            scene.layout[k] = Box(box.entity, box.index, scaled(box.box, factor))
    after = group_box(scene, ent.id)
    if before is not None and after is not None:  # what stands on it stays on its top
        riders = guests(scene, ent.id)
        dy = after[1] - before[1]
        for k, box in enumerate(scene.layout):
            if box.entity in riders:
                x0, y0, x1, y1 = box.box
                scene.layout[k] = Box(box.entity, box.index, rounded((x0, y0 + dy, x1, y1 + dy)))


def _one_for_several(scene: SceneGraph, target: Target, np: NounPhrase) -> None:
    """Raise :class:`PlanError` when "it" means several things that would become one ("it
    should be a birthday party" after "two more balloons"): say which thing, rather than
    lose the others."""
    several = [scene.entity(e) for e in target.ids if scene.entity(e).count > 1]
    if target.what != "it" or not several or not np.explicit or np.count != 1:
        return
    names = " and ".join(f"the {plural(e.name)}" for e in several)
    raise PlanError(
        f"'it' here means {names}; say which thing should become a {np.name}, e.g. "
        f"'replace the {plural(several[0].name)} with a {np.name}'."
    )


def rename(ent: Entity, np: NounPhrase) -> None:
    """Make ``ent`` the thing ``np`` names: its name, attributes and (when said) count."""
    ent.name = np.name
    ent.attributes = dict(np.attrs)
    if np.explicit and np.count:
        ent.count = min(max(np.count, 1), MAX_COUNT)
