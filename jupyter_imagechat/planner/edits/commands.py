"""Edit commands: a prompt that changes the current scene instead of describing a new one.

Commands (several may be joined: "make the bowl green and add two apples", "make the bus
green and the van red", "remove the cat and add a dog"):

- make / turn / paint / colour / change / set: "make the bowl green", "change the bowl to
  wooden", "make it bigger", "make the dog face right", "turn the cat into a dog";
- add / put / place / insert / include: "add two more apples", "add a cat left of the bowl";
- remove / delete / erase / get rid of / take away / without: "remove the cat", "remove one
  apple", "remove the background";
- move / shift / push: "move the dog to the right", "move it to the top right", "the lamp
  should be left of the sofa", "put the ball under the table";
- replace / swap / substitute: "replace the cat with a dog"; "swap the cat and the dog",
  "closer together", "further apart" (:mod:`.places`);
- counts: "there should be nine", "I'd like exactly six", "one more", "only one"
  (:mod:`.counts`);
- the whole scene: "now it's winter", "make it stormy", "move them to the beach", "in
  watercolor" (:mod:`.scene`);
- words in the picture: "make the sign say 'OPEN'", "label the bowl 'fruit'", "remove the
  caption" (:mod:`.texts`);
- a description of what is there: "the cat on the sofa", "also a bird" (:mod:`.merge`).

"it", "them", "both", "the other dog", "the left one" are read by :mod:`.refs`; the
scene's ``focus`` then follows the thing each command created or changed. Only what a
command names changes: kept things keep their ids, names, counts, attributes and layout
boxes; removed things lose theirs; new things get no boxes (the layout step places them).
With a mask painted over some instances of a thing, a command about that thing changes
only those instances, which become a thing of their own (:mod:`.instances`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ...scene import SceneGraph
from .. import lexicon as lx
from ..items import Extras
from ..text import PlanError, prepare
from ..words import is_adjective_like
from .add_remove import apply_add, apply_remove
from .counts import apply_count, count_target
from .instances import merge_unchanged, split_instances
from .looks import each_its_colour, says_colours
from .make import BIGGER, SMALLER, apply_done_to, apply_make, apply_replace
from .merge import merge_description
from .move import apply_move, names_existing, places_everything
from .only import keep_only, replace_in_focus
from .phrasing import known_names, reword
from .places import apply_arrangement, apply_spacing, apply_swap
from .scene import apply_scene
from .targets import POINTING, Target, canonical, find_target, find_targets, pointed
from .texts import take_text_edits
from .verbs import LEAD, can_start_fresh, edit_kind, read_verb, split_commands, strip_edit_verb
from .verbs import rephrase as _rephrase
from .words import CHANGE_LEADS, FILLERS, at

__all__ = [
    "Target",
    "apply_edit",
    "can_start_fresh",
    "canonical",
    "edit_kind",
    "find_target",
    "find_targets",
    "lead_end",
    "rephrase",
    "strip_edit_verb",
]

ADDING = frozenset({"also", "too", "another", "more", "extra", "additional", "well"})
"""Words that make a description without a verb an addition ("also a bird", "a dog too")."""
Masked = Iterable[tuple[str, int]]
"""Instances under the mask: ``(entity id, instance index)`` pairs."""


def apply_edit(
    tokens: list[str],
    texts: list[str],
    current: SceneGraph,
    *,
    text: str = "",
    masked: Masked | None = None,
) -> tuple[SceneGraph, list[str]]:
    """Return a changed copy of ``current`` and notes for the user.

    ``text`` is the prompt as typed (for the words to write in the picture; ``tokens`` and
    ``texts`` are its :func:`..text.prepare` reading); ``masked`` lists the instances a mask
    covers, which a command about their entity changes alone.
    """
    scene = current.copy()
    extras = Extras()
    _split_masked(scene, masked)
    if text:
        rest, used = take_text_edits(text, scene)
        if used:
            tokens, texts = prepare(rest) if rest.strip() else ([], [])
            tokens = rephrase(tokens, {e.name for e in scene.entities})
    used_texts = False
    commands = [part for c in split_commands(tokens) for part in _ellipses(c, scene)]
    for command in commands:
        before = _looks(scene)
        used_texts = _run(command, scene, extras, texts, text) or used_texts
        _follow(scene, before)
    if texts and not used_texts:
        scene.texts += [t for t in texts if t not in scene.texts]
    merge_unchanged(scene, current)
    scene.drop_missing()  # relations, boxes, labels... of what was removed
    scene.validate()
    return scene, extras.notes


def rephrase(tokens: list[str], names: set[str]) -> list[str]:
    """Say the wishes of a follow-up as the commands they are ("I don't want the van" ->
    "remove the van", "the sofa should be red" -> "make the sofa red" when there is a couch);
    ``names`` are the picture's things. See :mod:`.phrasing` and
    :func:`.verbs.rephrase`."""
    return _rephrase(reword(tokens), known_names(names))


LEAD_MARKS = frozenset({",", "-", ":", "...", ";"})
"""Marks between the polite words of a lead ("ok, so, I'd like")."""


def lead_end(tokens: list[str], start: int = 0) -> int:
    """The index after the polite words and change leads at ``start`` ("ok so I'd like",
    "please", "there should be")."""
    i = start
    while i < len(tokens):
        size = at(tokens, i, CHANGE_LEADS) or at(tokens, i, FILLERS)
        if not size and (tokens[i] in LEAD or (tokens[i] in LEAD_MARKS and i > start)):
            size = 1  # "actually, I'd like ...": the comma after a lead word too
        if not size:
            break
        i += size
    return i


def _run(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str], text: str) -> bool:
    """Apply one command; return whether it used the quoted ``texts``."""
    tokens = trimmed(tokens)
    i = lead_end(tokens)
    body = tokens[i:]
    if not body:
        return False
    if apply_swap(body, scene) or apply_spacing(body, scene) or apply_scene(body, scene):
        return False
    if apply_arrangement(body, scene):
        return False
    if says_colours(body):  # "one red, one blue and one green": the things there are several of
        each_its_colour(scene, [count_target(scene).id], body)
        return False
    if apply_count(body, scene, extras):
        return False
    if places_everything(body):  # "on a wooden table": the things go there
        apply_move(["everything", *body], scene)
        return False
    if keep_only(body, scene) or replace_in_focus(body, tokens, scene):
        return False
    if looks_only(body):  # "blue", "green ones", "more wooden"
        pointer = "them" if body[-1] == "ones" else "it"
        words = [w for w in body if w not in ("one", "ones", "a", "an")]
        return apply_make([pointer, *words], scene, extras, texts)
    said = telegraphic(body, scene) if not read_verb(tokens, i)[0] else None
    if said is not None:  # "green bowl", "bowl on the left"
        tokens, i, body = said, 0, said
    kind, j = read_verb(tokens, i)
    rest = tokens[j:]
    if kind == "make":
        word = tokens[i] if i < len(tokens) else ""
        if word in BIGGER | SMALLER:  # "bigger", "bigger apples"
            rest = ["the", *tokens[i + 1 :], word] if tokens[i + 1 :] else ["it", word]
        if word in ("flip", "mirror", "rotate"):  # "flip the cat": it faces the other way
            rest = [*(rest or ["it"]), "around"]
        if names_existing(rest, scene, strict=True):
            apply_move(rest, scene)
            return False
        if _made_with(rest, scene, extras, texts):
            return False
        return apply_make(rest, scene, extras, texts)
    if kind == "remove":
        apply_remove(rest, scene)
    elif kind == "move" or (kind in ("add", "") and names_existing(rest, scene)):
        apply_move(rest, scene)
    elif kind == "replace":
        apply_replace(rest, scene, swap_order=tokens[i] == "substitute")
    elif not kind and _names_a_thing(body, scene):  # "both of them green", "and the bus red"
        return apply_make(body, scene, extras, texts)
    elif kind in ("add", "now") or (not kind and _adds(tokens)):
        apply_add(rest if kind else body, scene, extras)
    elif not kind and apply_done_to(body, scene):  # "crack the egg": it is cracked
        return False
    else:
        merge_description(body, texts, text, scene, extras)
        return True
    return False


def _made_with(tokens: list[str], scene: SceneGraph, extras: Extras, texts: list[str]) -> bool:
    """ "make the calf white with black spots": the calf white, and black spots on it (the
    calf was renamed "spot"); False when ``tokens`` say no such thing."""
    if "with" not in tokens[1:-1]:
        return False
    w = tokens.index("with")
    target = pointed(tokens[:w], scene) or pointed(["the", *tokens[:w]], scene)
    if target is None or not target.ids or target.what not in ("entities", "it"):
        return False
    named = tokens[: target.end] if tokens[:1] != ["the"] or target.end <= w else tokens[:w]
    if target.end < w:
        apply_make(tokens[:w], scene, extras, texts)
    apply_add([*named, "with", *tokens[w + 1 :]], scene, extras)
    return True


def trimmed(tokens: list[str]) -> list[str]:
    """``tokens`` without the polite words at their end ("... please", "... thanks")."""
    end = len(tokens)
    while end > 0:
        for size in range(min(3, end), 0, -1):
            if at(tokens[end - size : end], 0, FILLERS) == size and tokens[end - size] != "there":
                end -= size
                break
        else:
            break
    return tokens[:end] if end else tokens


def _ellipses(command: list[str], scene: SceneGraph) -> list[list[str]]:
    """ "make the bus green and the van red": two commands, the verb said once ("the bus in
    green and the van in red": "make" understood)."""
    original = command
    start = lead_end(command)
    kind, j = read_verb(command, start)
    if not kind and command[start : start + 1] and command[start] in POINTING:
        command = [*command[:start], "make", *command[start:]]
        kind, j = read_verb(command, start, loose=True)
    if kind not in ("make", "move"):
        return [original]
    verb = command[start:j]
    out: list[list[str]] = []
    begin = 0
    for k in range(j, len(command)):
        if command[k] not in ("and", ",", ";") or k + 1 >= len(command):
            continue
        head = command[begin:k] if not out else [*verb, *command[begin:k]]
        if _says_more(command[j if not out else begin : k], scene) and _says_more(
            _after_and(command[k + 1 :]), scene
        ):
            out.append(head)
            begin = k + 1 + (len(command[k + 1 :]) - len(_after_and(command[k + 1 :])))
    if not out:
        return [original]
    out.append([*verb, *command[begin:]])
    return out


def _after_and(tokens: list[str]) -> list[str]:
    return tokens[1:] if tokens[:1] in (["and"], ["then"]) else tokens


def _says_more(tokens: list[str], scene: SceneGraph) -> bool:
    """Whether ``tokens`` name a thing of the picture and then say something about it
    ("one red": one of the things there are several of)."""
    several = any(e.count > 1 for e in scene.entities)
    if tokens[:1] == ["one"] and len(tokens) > 1 and several:
        return looks_only(tokens[1:])
    if tokens[:2] in (["the", "other"], ["the", "others"], ["the", "rest"]) and several:
        return len(tokens) > 2 and looks_only(tokens[2:])  # the one not split off yet
    try:
        target = find_target(tokens, scene)
    except PlanError:
        return False
    return target.what in ("entities", "it") and target.end < len(tokens)


def looks_only(tokens: list[str]) -> bool:
    """Whether ``tokens`` only say how something looks ("blue", "bigger", "green ones")."""
    joins = ("and", ",", "more", "one", "ones")
    if tokens[:1] in (["a"], ["an"]) and tokens[-1:] == ["one"]:
        tokens = tokens[1:]  # "a green one": green, as the thing there is
    words = [w for w in tokens if w not in joins]
    return (
        bool(words)
        and all(is_adjective_like(w) and w not in NOT_LOOKS for w in words)
        and all(w in joins or is_adjective_like(w) for w in tokens)
    )


INTRODUCES = frozenset({"a", "an", "some", "another", "several", "many"})
"""Words that bring in a thing of its own: what follows them is described, not pointed at."""
NOT_LOOKS = frozenset({"only", "exactly", "just", "fewer", "less", "other", "last", "first"})
"""Words that read like adjectives but say a count or a reference, not a look."""


def telegraphic(tokens: list[str], scene: SceneGraph) -> list[str] | None:
    """A thing of the picture named without "the", with what should change ("green bowl",
    "bowl green", "bowl on the left"), as the command it is ("the bowl green"); else
    ``None``."""
    k = 0
    while k < len(tokens) and is_adjective_like(tokens[k]):
        k += 1
    for size in (3, 2, 1):
        words = tokens[k : k + size]
        if len(words) < size or words[0] in ("a", "an", "the", "some", "one"):
            continue
        name, _ = canonical(words)
        if not any(e.name == name for e in scene.entities):
            continue
        rest = tokens[k + size :]
        if bool(tokens[:k]) == bool(rest):  # "green bowl" or "bowl green", not both or neither
            return None
        if set(rest) & INTRODUCES:  # "ducks on a pond": a description, maybe a new picture
            return None
        if rest[:1] == ["in"] and rest[1:] and all(lx.color_of(w) for w in rest[1:]):
            return ["make", "the", *words, *rest[1:]]  # "squares in red": a look, not a place
        return ["the", *words, *tokens[:k], *rest]
    return None


def _adds(tokens: list[str]) -> bool:
    """Whether a command without a verb adds things ("also a bird", "and a kitten")."""
    return bool(ADDING & set(tokens)) or tokens[:1] in (["and"], ["plus"], ["with"])


def _names_a_thing(tokens: list[str], scene: SceneGraph) -> bool:
    """Whether ``tokens`` start with a thing of the picture ("the bus", "both of them") and go
    on to say more."""
    target = pointed(tokens, scene)
    return target is not None and target.what in ("entities", "it") and target.end < len(tokens)


def _split_masked(scene: SceneGraph, masked: Masked | None) -> None:
    """Make the instances under the mask a thing of their own, in focus, when the mask
    covers some (not all) instances of one thing; :func:`merge_unchanged` undoes it if
    the edit leaves them as they were."""
    if masked is None:
        return
    by_entity: dict[str, list[int]] = {}
    for eid, index in masked:
        by_entity.setdefault(eid, []).append(index)
    known = {e.id: e for e in scene.entities}
    for eid, indices in by_entity.items():
        if eid in known:
            picked = split_instances(scene, known[eid], indices)
            if len(by_entity) == 1:
                scene.focus = picked.id


def _looks(scene: SceneGraph) -> dict[str, tuple[object, ...]]:
    boxes: dict[str, list[tuple[int, tuple[float, ...]]]] = {}
    for b in scene.layout:
        boxes.setdefault(b.entity, []).append((b.index, tuple(b.box)))
    return {
        e.id: (
            e.name,
            e.count,
            tuple(sorted(e.attributes.items())),
            tuple(sorted(boxes.get(e.id, []))),
        )
        for e in scene.entities
    }


def _follow(scene: SceneGraph, before: dict[str, tuple[object, ...]]) -> None:
    """Put the focus on what the command changed (the last), else on what it created (the
    first: "add a cat on a table" is about the cat)."""
    after = _looks(scene)
    created = [i for i in after if i not in before]
    split = {after[i][0] for i in created}  # a thing some instances were split off
    changed = [
        i for i in after
        if i in before and after[i] != before[i]
        and not (after[i][0] in split and after[i][1] < before[i][1])  # type: ignore[operator]
    ]  # fmt: skip
    if changed:
        scene.focus = changed[-1]
    elif created:
        scene.focus = created[0]
    elif scene.focus not in after:
        scene.focus = None
