"""Edit commands: a prompt that changes the current scene instead of describing a new one.

Commands (several may be joined: "make the bowl green and add two apples"):

- make / turn / paint / colour / change / set: "make the bowl green", "change the bowl to
  wooden", "make it bigger", "make it night", "change the background to a beach",
  "turn the cat into a dog";
- add / put / place / insert / include: "add two more apples", "add a cat left of the bowl";
- remove / delete / erase / get rid of / take away / without: "remove the cat", "remove one
  apple", "remove the background";
- move / shift / push: "move the dog to the right", "move the dog left of the cat";
- replace / swap / substitute: "replace the cat with a dog";
- now / also + places or styles: "now at night", "in watercolor", "also a bird".

Kept things keep their ids and layout boxes; removed things lose theirs; new things get
no boxes (the layout step places them).
"""

from __future__ import annotations

from ..scene import MAX_COUNT, Box, Entity, SceneGraph
from . import lexicon as lx
from .build import DIRECTIONAL, Builder
from .entity_attrs import set_attrs
from .items import Extras, NounPhrase
from .phrases import scan
from .places import match_background, match_style
from .text import PlanError
from .words import is_adjective_like, longest, read_number

LEAD = frozenset(
    lx.words(
        "please pls ok okay so then and just can could would will you let's lets i i'd want to "
        "like try great good nice thanks thank hmm oh well alright also now next"
    )
)
VERBS: dict[str, str] = {
    "make": "make", "turn": "make", "paint": "make", "color": "make", "colour": "make",
    "recolor": "make", "recolour": "make", "change": "make", "set": "make", "dye": "make",
    "add": "add", "put": "add", "place": "add", "insert": "add", "include": "add",
    "remove": "remove", "delete": "remove", "erase": "remove", "drop": "remove",
    "without": "remove", "eliminate": "remove", "hide": "remove", "lose": "remove",
    "move": "move", "shift": "move", "push": "move", "slide": "move", "drag": "move",
    "replace": "replace", "swap": "replace", "substitute": "replace", "exchange": "replace",
    "bigger": "make", "smaller": "make", "larger": "make",
}  # fmt: skip
MULTI_VERBS: dict[tuple[str, ...], str] = {
    ("get", "rid", "of"): "remove", ("take", "away"): "remove", ("take", "out"): "remove",
    ("no", "more"): "remove", ("switch", "to"): "now",
}  # fmt: skip
FACE_WORDS = frozenset({"face", "faces", "facing", "point", "pointing", "turned", "heading"})
"""Words before "left"/"right" that set the ``facing`` attribute in a "make" edit."""
NEEDS_TARGET = frozenset({"make", "turn", "paint", "color", "colour", "set", "dye"})
TARGET_STARTS = frozenset(
    lx.words(
        "the it them this that these those his her its their him every each everything all "
        "everyone background sky picture image scene style"
    )
)
ALL_WORDS = frozenset({"everything", "all", "everyone", "them", "they", "both"})
SCENE_WORDS = frozenset({"picture", "image", "scene", "whole", "photo", "it"})
SPLIT_WORDS = frozenset({",", ";", ".", "and", "then", "also", "!"})
BIGGER = frozenset({"bigger", "larger", "huger", "taller", "wider", "enlarge", "grow", "big"})
SMALLER = frozenset({"smaller", "tinier", "shorter", "shrink", "little", "small", "tiny"})
GROW, SHRINK = 1.25, 0.8
SIZE_UP = {"tiny": "small", "small": "", "short": "", "": "big", "big": "huge", "large": "huge"}
SIZE_DOWN = {"huge": "big", "big": "", "large": "", "tall": "", "": "small", "small": "tiny"}
DIRECTIONS: dict[str, tuple[float, float]] = {
    "left": (-1, 0), "leftwards": (-1, 0), "right": (1, 0), "rightwards": (1, 0),
    "up": (0, -1), "upwards": (0, -1), "higher": (0, -1), "top": (0, -1),
    "down": (0, 1), "downwards": (0, 1), "lower": (0, 1), "bottom": (0, 1),
}  # fmt: skip
STEP = 0.2


# -- recognising an edit ------------------------------------------------------------------------
def _skip_lead(tokens: list[str]) -> tuple[int, bool]:
    i, signal = 0, False
    while i < len(tokens) and tokens[i] in LEAD:
        signal = signal or tokens[i] in ("now", "also")
        i += 1
    return i, signal


def _verb(tokens: list[str], i: int, *, loose: bool = False) -> tuple[str, int]:
    """The edit kind of the verb at ``i`` and the index after it. "make" and its kin need
    a target ("make the bowl...", "make it...") unless ``loose``."""
    size = longest(tokens, i, MULTI_VERBS, 3)
    if size:
        return MULTI_VERBS[tuple(tokens[i : i + size])], i + size
    if i < len(tokens) and tokens[i] in VERBS:
        word = tokens[i]
        has_target = i + 1 < len(tokens) and tokens[i + 1] in TARGET_STARTS
        if word in NEEDS_TARGET and not (loose or has_target):
            return "", i
        return VERBS[word], i + 1
    return "", i


def edit_kind(tokens: list[str]) -> str:
    """The kind of edit ``tokens`` ask for ("make", "add", "remove", "move", "replace",
    "now"), or ``""`` when they describe a new picture."""
    i, signal = _skip_lead(tokens)
    kind, _ = _verb(tokens, i)
    if kind:
        return kind
    if i >= len(tokens):
        return ""
    if signal:
        return "now"
    extras = Extras()
    items = scan(tokens[i:], extras)
    if not any(it.kind == "NP" for it in items) and (extras.background or extras.style_set):
        return "now"
    return ""


def can_start_fresh(tokens: list[str]) -> bool:
    """Whether an edit makes sense with no picture yet ("add a cat", "now at night")."""
    return edit_kind(tokens) in ("add", "now")


def strip_edit_verb(tokens: list[str]) -> list[str]:
    """``tokens`` without the leading polite words and the edit verb."""
    i, _ = _skip_lead(tokens)
    _, j = _verb(tokens, i)
    return tokens[j:]


# -- applying an edit -------------------------------------------------------------------------
def apply_edit(
    tokens: list[str], texts: list[str], current: SceneGraph
) -> tuple[SceneGraph, list[str]]:
    """Return a changed copy of ``current`` and notes for the user."""
    scene = current.copy()
    extras = Extras()
    used_texts = False
    for command in _split(tokens):
        used_texts = _run(command, scene, extras, texts) or used_texts
    if texts and not used_texts:
        scene.texts += [t for t in texts if t not in scene.texts]
    counts = {e.id: e.count for e in scene.entities}
    scene.layout = [b for b in scene.layout if b.index < counts.get(b.entity, 0)]
    ids = set(counts)
    scene.relations = [r for r in scene.relations if r.subject in ids and r.object in ids]
    scene.validate()
    return scene, extras.notes


def _split(tokens: list[str]) -> list[list[str]]:
    """Cut a prompt into commands where "and", "then", "," or "." come before a verb."""
    out: list[list[str]] = []
    start = 0
    for k, word in enumerate(tokens):
        if word in SPLIT_WORDS and k > start:
            rest = tokens[k + 1 :]
            j, _ = _skip_lead(rest)
            if _verb(rest, j, loose=True)[0] or rest[j : j + 1] == ["draw"]:
                out.append(tokens[start:k])
                start = k + 1
    out.append(tokens[start:])
    return [c for c in out if c]


def _run(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str]) -> bool:
    """Apply one command; return whether it used the quoted ``texts``."""
    i, _ = _skip_lead(tokens)
    kind, j = _verb(tokens, i)
    rest = tokens[j:]
    if kind == "make":
        word = tokens[i] if i < len(tokens) else ""
        if word in BIGGER | SMALLER:
            rest = ["it", *tokens[i:]]
        return _make(rest, scene, extras, texts)
    if kind == "remove":
        _remove(rest, scene)
    elif kind == "move" or (kind == "add" and _names_existing(rest, scene)):
        _move(rest, scene)
    elif kind == "replace":
        _replace(rest, scene, swap_order=tokens[i] == "substitute")
    else:
        _add(rest if kind else tokens[i:], scene, extras)
    return False


def _add(tokens: list[str], scene: SceneGraph, extras: Extras) -> None:
    look = Extras()
    items = scan(tokens, look)
    Builder(scene, extras, add_mode=True).apply(items)
    if look.background:
        scene.background = look.background
    if look.style_set:
        scene.style = look.style


# -- finding what a command is about ------------------------------------------------------------
class Target:
    """What a command names: entity ids, or the background, style or text."""

    def __init__(self, what: str, ids: list[str], end: int, np: NounPhrase | None = None):
        self.what, self.ids, self.end, self.np = what, ids, end, np


def canonical(words: list[str]) -> tuple[str, str]:
    """Canonical noun and ``kind`` for the words of a noun ("teddy bears", "men")."""
    phrase = " ".join(words)
    key = (*words[:-1], lx.singular(words[-1]))
    one = lx.MULTI_WORD_NOUNS.get(key, " ".join(key)) if len(words) > 1 else lx.singular(phrase)
    one = lx.SYNONYMS.get(one, one)
    if one in lx.PERSON_WORDS:
        return "person", one
    return one, ""


def find_target(tokens: list[str], scene: SceneGraph) -> Target:
    """Find what ``tokens`` (after the verb) are about; raise :class:`PlanError` if the
    picture has no such thing."""
    n = len(tokens)
    k = 0
    while k < n and tokens[k] in ("the", "this", "that", "these", "those", "its", "of", "all"):
        if tokens[k] == "all" and (k + 1 >= n or tokens[k + 1] == "to"):
            return Target("entities", [e.id for e in scene.entities], k + 1)
        k += 1
    if k >= n:
        raise PlanError(
            "Name the thing to change, e.g. 'remove the cat', 'make the bowl green' or "
            "'move the dog to the right'."
        )
    if tokens[k] in lx.BACKGROUND_WORDS | {"sky"}:
        return Target("background", [], k + 1)
    if k < n and tokens[k] == "style":
        return Target("style", [], k + 1)
    if k < n and tokens[k] in ("text", "words", "word", "writing", "caption", "label"):
        return Target("text", [], k + 1)
    if k < n and tokens[k] in ALL_WORDS:
        return Target("entities", [e.id for e in scene.entities], k + 1)
    pointing = 0 < k < n and tokens[k - 1] in ("this", "that") and is_adjective_like(tokens[k])
    if pointing or (k < n and tokens[k] in SCENE_WORDS | lx.PRONOUNS):
        ids = [scene.entities[-1].id] if scene.entities else []
        return Target("it", ids, k if pointing else k + 1)
    mods: list[str] = []
    start = k
    while k < n and k - start < 6:
        for size in range(min(3, n - k), 0, -1):
            name, kind = canonical(tokens[k : k + size])
            found = [e for e in scene.entities if e.name == name]
            if kind:
                found = [e for e in found if e.attributes.get("kind") == kind] or found
            if found:
                attrs = _modifier_attrs(mods)
                narrowed = [e for e in found if _matches(e, attrs)]
                word = tokens[k + size - 1]
                np = NounPhrase(name=name, word=word, plural=lx.is_plural(word))
                return Target("entities", [e.id for e in narrowed or found], k + size, np)
        if tokens[k] in (",", "and", "with", "to", "into", "by", "for"):
            break
        mods.append(tokens[k])
        k += 1
    words = [w for w in tokens[start:k] if not is_adjective_like(w)] or tokens[start : start + 1]
    guess = canonical(words[-1:])[0] if words else "such thing"
    names = ", ".join(sorted({e.name for e in scene.entities})) or "nothing yet"
    raise PlanError(
        f"There is no {guess} in the picture; it has: {names}. "
        "Name one of those, or add it first (e.g. 'add a " + guess + "')."
    )


def _modifier_attrs(words: list[str]) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for word in words:
        color = lx.color_of(word)
        if color:
            attrs["color"] = color
        elif word in lx.ADJECTIVES:
            key, value = lx.ADJECTIVES[word]
            attrs[key] = value
    return attrs


def _matches(ent: Entity, attrs: dict[str, str]) -> bool:
    return all(ent.attributes.get(k) == v for k, v in attrs.items())


def _names_existing(tokens: list[str], scene: SceneGraph) -> bool:
    """ "put the dog left of the cat" moves the dog; "put a hat on the dog" adds a hat."""
    if not tokens or tokens[0] not in ("the", "this", "that", "it", "them"):
        return False
    try:
        target = find_target(tokens, scene)
    except PlanError:
        return False
    rest = tokens[target.end :]
    return (
        target.what in ("entities", "it")
        and bool(rest)
        and (rest[0] in DIRECTIONS or rest[0] == "to" or bool(_relation_at(rest, 0)))
    )


def _relation_at(tokens: list[str], i: int) -> int:
    return longest(tokens, i, lx.RELATIONS, lx.MAX_RELATION_WORDS)


# -- the commands ---------------------------------------------------------------------------
def find_targets(tokens: list[str], scene: SceneGraph) -> Target:
    """Like :func:`find_target`, joining things named with "and": "the cat and the dog"."""
    target = find_target(tokens, scene)
    while (
        target.what == "entities"
        and target.end + 1 < len(tokens)
        and tokens[target.end] in (",", "and", "&")
    ):
        try:
            more = find_target(tokens[target.end + 1 :], scene)
        except PlanError:
            break
        if more.what != "entities" or not more.ids:
            break
        ids = target.ids + [i for i in more.ids if i not in target.ids]
        target = Target("entities", ids, target.end + 1 + more.end, target.np)
    return target


def _make(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str]) -> bool:
    target = find_targets(tokens, scene)
    comp = [w for w in tokens[target.end :] if w not in ("to", "into", "be", "look", "more")]
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
    grow = [w for w in comp if w in BIGGER or w in SMALLER]
    if grow and target.ids:
        for eid in target.ids:
            _resize(scene, scene.entity(eid), grow[0] in BIGGER)
        return False
    if target.ids and len(comp) >= 2 and comp[-1] in ("left", "right") and comp[0] in FACE_WORDS:
        for eid in target.ids:  # "make the dog face right", "turn the cat to face left"
            scene.entity(eid).attributes["facing"] = comp[-1]
        return False
    if target.what == "it" or (target.what == "entities" and comp and tokens[0] in ALL_WORDS):
        before = (scene.background, scene.style)
        bg, style = _look(comp, scene)
        if bg or style != before[1]:
            scene.background, scene.style = bg or scene.background, style
            return False
    attrs = _modifier_attrs(comp) if comp and all(is_adjective_like(w) for w in comp) else None
    if attrs is None:
        items = [it for it in scan(comp, Extras()) if it.kind in ("NP", "ADJS")]
        np_items = [it for it in items if it.kind == "NP" and it.np and not it.np.pronoun]
        if np_items and np_items[0].np is not None:
            for eid in target.ids:
                _rename(scene.entity(eid), np_items[0].np)
            return False
        attrs = next((it.attrs for it in items if it.kind == "ADJS" and it.attrs), None)
    if not attrs:
        raise PlanError(
            f"Did not understand how to change it in {' '.join(tokens)!r}; try e.g. "
            "'make the bowl green', 'make it bigger' or 'change the cup to wooden'."
        )
    for eid in target.ids:
        set_attrs(scene.entity(eid), attrs)
    return False


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
    for k, box in enumerate(scene.layout):
        if box.entity == ent.id:
            scene.layout[k] = Box(box.entity, box.index, _scaled(box.box, factor))


def _scaled(box: tuple[float, float, float, float], f: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = min((x1 - x0) * f, 1.0), min((y1 - y0) * f, 1.0)
    cx = min(max(cx, w / 2), 1 - w / 2)
    cy = min(max(cy, h / 2), 1 - h / 2)
    return _rounded((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))


def _rounded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Four decimals, as ``SceneGraph.to_dict`` writes boxes (copies stay exact)."""
    x0, y0, x1, y1 = (round(v, 4) for v in box)
    return (x0, y0, x1, y1)


def _rename(ent: Entity, np: NounPhrase) -> None:
    ent.name = np.name
    ent.attributes = dict(np.attrs)
    if np.explicit and np.count:
        ent.count = min(max(np.count, 1), MAX_COUNT)


def _remove(tokens: list[str], scene: SceneGraph) -> None:
    if not tokens:
        find_target(tokens, scene)  # raises: says what to name
    k = 0
    while k < len(tokens):
        number, j = read_number(tokens, k)
        if number is None and k < len(tokens) and tokens[k] in ("a", "an", "one", "another"):
            number, j = 1, k + 1
        if j < len(tokens) and tokens[j] == "of":
            j += 1
        target = find_target(tokens[j:], scene)
        if target.what == "background":
            scene.background = None
        elif target.what == "style":
            scene.style = None
        elif target.what == "text":
            scene.texts = []
        for eid in target.ids:
            ent = scene.entity(eid)
            if number is not None and number < ent.count:
                ent.count -= number
            else:
                scene.entities.remove(ent)
        k = j + target.end
        while k < len(tokens) and tokens[k] in (",", "and", "&", "or", "too", "as", "well"):
            k += 1


def _move(tokens: list[str], scene: SceneGraph) -> None:
    target = find_targets(tokens, scene)
    rest = tokens[target.end :]
    size = _relation_at(rest, 0) if rest else 0
    if rest and rest[0] == "to" and not size:
        size = _relation_at(rest, 1) and _relation_at(rest, 1) + 1
    if longest(rest, 0, lx.POSITIONS, 6) >= size:
        size = 0
    if size and size < len(rest):
        pred, reverse = _relation_of(rest[:size])
        other = find_target(rest[size:], scene)
        for eid in target.ids:
            for oid in other.ids:
                if oid == eid:
                    continue
                scene.relations = [
                    r for r in scene.relations
                    if not (r.predicate in DIRECTIONAL and eid in (r.subject, r.object))
                ]  # fmt: skip
                subj, obj = (oid, eid) if reverse else (eid, oid)
                Builder(scene, Extras()).relate(subj, pred, obj)
            scene.layout = [b for b in scene.layout if b.entity != eid]
        return
    dx = dy = 0.0
    for word in rest:
        if word in DIRECTIONS:
            ddx, ddy = DIRECTIONS[word]
            dx, dy = dx + ddx * STEP, dy + ddy * STEP
    if not (dx or dy) and any(w in ("center", "centre", "middle") for w in rest):
        for eid in target.ids:
            x0, y0, x1, y1 = _group(scene, eid) or (0.4, 0.4, 0.6, 0.6)
            _shift(scene, eid, 0.5 - (x0 + x1) / 2, 0.5 - (y0 + y1) / 2)
        return
    if not (dx or dy):
        raise PlanError(
            "Say where to move it, e.g. 'move the dog to the right' or 'move the dog left of "
            "the cat'."
        )
    for eid in target.ids:
        _shift(scene, eid, dx, dy)


def _relation_of(words: list[str]) -> tuple[str, bool]:
    for start in range(len(words)):
        key = tuple(words[start:])
        if key in lx.RELATIONS:
            return lx.RELATIONS[key]
    return "next to", False


def _shift(scene: SceneGraph, eid: str, dx: float, dy: float) -> None:
    group = _group(scene, eid)
    if group is None:
        if abs(dx) >= abs(dy):
            side = "right" if dx > 0 else "left"
        else:
            side = "bottom" if dy > 0 else "top"
        set_attrs(scene.entity(eid), {"position": side})
        return
    x0, y0, x1, y1 = group
    dx = min(max(dx, -x0), 1 - x1) if x1 - x0 <= 1 else 0.0
    dy = min(max(dy, -y0), 1 - y1) if y1 - y0 <= 1 else 0.0
    for k, box in enumerate(scene.layout):
        if box.entity == eid:
            a, b, c, d = box.box
            scene.layout[k] = Box(eid, box.index, _rounded((a + dx, b + dy, c + dx, d + dy)))


def _group(scene: SceneGraph, eid: str) -> tuple[float, float, float, float] | None:
    boxes = [b.box for b in scene.layout if b.entity == eid]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _replace(tokens: list[str], scene: SceneGraph, *, swap_order: bool) -> None:
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
        _rename(scene.entity(eid), items[0].np)
