"""Nothing the follow-up did not name is lost or changed: the edits' invariant, for a model.

The rules edits keep every thing a follow-up does not name: its id, name, count,
attributes and layout boxes (``tests/test_followups_invariant.py`` checks this over
hundreds of follow-ups, with the same comparison as :func:`unkept`). A language model
answering with the whole changed scene may slip: drop a thing, recolour the wrong one,
renumber, nudge a box. :func:`keep_unnamed` checks a model's edit against the scene before
and puts back what it changed without being asked, returning a note for each repair.

What a follow-up names (:func:`named_by`): the things it calls by name, synonym, kind or
part ("the fruit", "the leaves": the tree), its pronouns as the rules read them ("it" is the
thing in focus, "them", "both", "he", "everything"), and whatever the rules planner's
reading of the same follow-up changed. A thing that rests on a named thing that moves or
goes may move with it (:func:`touched`), as in the rules edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from typing import Any, TypeVar

from ...scene import Box, Entity, SceneGraph
from .. import lexicon as lx
from ..edits.places import guests
from ..edits.refs import both_mean, it_means, person_means, them_means
from ..edits.words import PARTS, kind_of
from ..honesty import not_understood
from ..text import tokenize
from .structure import free_panels, keep_structure

T = TypeVar("T")

__all__ = ["changed_ids", "hold_to_problems", "keep_unnamed", "named_by", "touched", "unkept"]

IT_WORDS = frozenset({"it", "its", "this", "that"})
THEM_WORDS = frozenset({"them", "they", "their", "these", "those"})
ALL_WORDS = frozenset({"everything", "everyone", "everybody", "all", "each", "every", "whole"})
PERSON_WORDS = frozenset({"he", "she", "him", "her", "his", "hers"})


def unkept(before: SceneGraph, after: SceneGraph, named: Iterable[str]) -> list[str]:
    """Why things of ``before`` that ``named`` leaves out did not stay as they were
    (``[]`` when the invariant holds): gone, changed (name, count, attributes) or moved."""
    skip = set(named)
    why = []
    new = {e.id: e for e in after.entities}
    for ent in before.entities:
        if ent.id in skip:
            continue
        now = new.get(ent.id)
        if now is None:
            why.append(f"{ent.id} {ent.name} is gone")
        elif (now.name, now.count, now.attributes) != (ent.name, ent.count, ent.attributes):
            why.append(f"{ent.id} {ent.describe()} became {now.describe()}")
        elif before.boxes_of(ent.id) != after.boxes_of(ent.id):
            why.append(f"{ent.id} {ent.name} moved")
    return why


def changed_ids(before: SceneGraph, after: SceneGraph) -> set[str]:
    """Ids of ``before``'s things that ``after`` lacks, changed or moved."""
    return {e.id for e in before.entities if _differs(e, after) or _moved(e.id, before, after)}


def _differs(ent: Entity, after: SceneGraph) -> bool:
    now = next((e for e in after.entities if e.id == ent.id), None)
    return now is None or (now.name, now.count, now.attributes) != (
        ent.name,
        ent.count,
        ent.attributes,
    )


def _moved(eid: str, before: SceneGraph, after: SceneGraph) -> bool:
    gone = all(e.id != eid for e in after.entities)
    return gone or before.boxes_of(eid) != after.boxes_of(eid)


def touched(before: SceneGraph, after: SceneGraph, named: Iterable[str]) -> set[str]:
    """``named`` and what rests on a named thing that moved or went (it moves with it)."""
    out = set(named)
    for eid in list(out):
        if _moved(eid, before, after):
            out |= guests(before, eid)
    return out


def named_by(
    text: str, scene: SceneGraph, changed: Iterable[str] = (), *, it_names: bool = True
) -> set[str]:
    """Ids of the things of ``scene`` the follow-up ``text`` names (see the module
    docstring); ``changed`` adds what another reading of it changed. ``it_names=False``
    reads "it" as the weather's or the picture's ("make it snowy", "it's night now"): it
    names no thing."""
    tokens = tokenize(text) if isinstance(text, str) else []
    words = set(tokens) | {lx.singular(t) for t in tokens}
    said = " " + " ".join(lx.singular(t) for t in tokens) + " "
    named = set(changed)
    for ent in scene.entities:
        if _names(ent, words, said):
            named.add(ent.id)
    for word in words:
        kind = kind_of(word)
        part = PARTS.get(word)
        named |= {e.id for e in scene.entities if (kind and e.name in kind) or e.name == part}
    if it_names and words & IT_WORDS:
        named |= set(it_means(scene))
    if words & THEM_WORDS:
        named |= set(them_means(scene))
    if "both" in words:
        named |= set(both_mean(scene))
    for word in words & PERSON_WORDS:
        named |= set(person_means(scene, word))
    if words & ALL_WORDS:
        named |= {e.id for e in scene.entities}
    return named


def _names(ent: Entity, words: set[str], said: str) -> bool:
    name = ent.name
    if f" {name} " in said or name.rpartition(" ")[2] in words:
        return True
    if any(lx.SYNONYMS.get(w) == name for w in words):
        return True
    kind = ent.attributes.get("kind")
    label = ent.attributes.get("label", "").lower()
    return bool(kind and kind in words) or bool(label and f" {label} " in said)


def keep_unnamed(
    before: SceneGraph,
    after: SceneGraph,
    named: set[str],
    text: str,
    allowed: SceneGraph | None = None,
    *,
    may_move: bool = True,
) -> list[str]:
    """Put back in ``after`` (in place) what it changed of ``before`` that ``named`` does not
    cover; return a note for each repair (``[]`` when the invariant held).

    Things are compared as :func:`unkept` does (a thing resting on a named thing that moved
    or went may move with it, nothing more); the picture's background, style and
    captions may change only when the follow-up says so (a word of the new value is in
    ``text``) or ``allowed`` (the rules planner's reading of it) changed them too. Labels,
    arrows and relations among things nobody named are kept as they were. Unless
    ``may_move``, nothing of ``before`` changes its place (a recolour moves nothing).
    """
    repaired: list[str] = []
    if not may_move:
        stayed = _keep_places(before, after)
        if stayed:
            names = ", ".join(f"the {name}" for name in stayed)
            repaired.append(f"the places of {names} (the follow-up moves nothing)")
    riders = touched(before, after, named) - set(named)  # may move with what they rest on
    free = {e.id for e in before.entities} - set(named) - riders
    for ent in before.entities:
        if ent.id in named:
            continue
        now = next((e for e in after.entities if e.id == ent.id), None)
        if now is None:
            _put_back(before, after, ent)
            repaired.append(f"the {ent.name} (the answer dropped it)")
        elif _differs(ent, after):
            repaired.append(f"the {ent.name} (the answer made it {now.describe()})")
            now.name, now.count, now.attributes = ent.name, ent.count, dict(ent.attributes)
            if ent.id not in riders:
                _reset_boxes(before, after, ent.id)
        elif _moved(ent.id, before, after) and ent.id not in riders:
            repaired.append(f"the {ent.name} (the answer moved it)")
            _reset_boxes(before, after, ent.id)
    said = {lx.singular(t) for t in tokenize(text)} if isinstance(text, str) else set()
    repaired += _no_more_of(before, after, named, said, allowed)
    repaired += keep_structure(before, after, free, said, allowed)
    frames = {p.id for p in free_panels(before, free, said)}
    if _keep_diagram(before, after, free | frames):
        repaired.append("the labels, arrows and places of things it did not name")
    repaired += _keep_look(before, after, text, allowed)
    after.drop_missing()
    if not repaired:
        return []
    return [
        "the model's answer changed what the follow-up did not name; kept as it was: "
        + "; ".join(repaired)
    ]


def _keep_places(before: SceneGraph, after: SceneGraph) -> list[str]:
    """Put every instance of ``before`` that ``after`` still has back in its box; return the
    names of the things that had moved (new instances keep theirs)."""
    moved = []
    counts = {e.id: e.count for e in after.entities}
    for ent in before.entities:
        old = {b.index: b for b in before.boxes_of(ent.id) if b.index < counts.get(ent.id, 0)}
        now = {b.index: b for b in after.boxes_of(ent.id)}
        if all(i in now and now[i].box == b.box for i, b in old.items()):
            continue
        moved.append(ent.name)
        extra = [b for i, b in now.items() if i not in old]
        after.layout = [b for b in after.layout if b.entity != ent.id]
        after.layout += [Box(b.entity, b.index, b.box) for b in old.values()] + extra
    return moved


def _reset_boxes(before: SceneGraph, after: SceneGraph, eid: str) -> None:
    after.layout = [b for b in after.layout if b.entity != eid]
    after.layout += [Box(b.entity, b.index, b.box) for b in before.boxes_of(eid)]


def _put_back(before: SceneGraph, after: SceneGraph, ent: Entity) -> None:
    """Add ``ent`` of ``before`` back to ``after`` where it was, with its boxes, its
    relations, labels and arrows to what is still there, and its panel."""
    at = min(before.entities.index(ent), len(after.entities))
    after.entities.insert(at, Entity(ent.id, ent.name, ent.count, dict(ent.attributes)))
    _reset_boxes(before, after, ent.id)
    ends = {e.id for e in after.entities} | {p.id for p in after.panels}
    for rel in before.relations:
        joined = ent.id in (rel.subject, rel.object) and {rel.subject, rel.object} <= ends
        if joined and rel not in after.relations:
            after.relations.append(_copy(rel))
    after.labels += [_copy(lb) for lb in before.labels if lb.target == ent.id]
    after.arrows += [
        _copy(a) for a in before.arrows if ent.id in (a.start, a.end) and {a.start, a.end} <= ends
    ]
    in_panel = {m for p in after.panels for m in p.members}
    for panel in before.panels:
        mine = next((p for p in after.panels if p.id == panel.id), None)
        if ent.id in panel.members and mine is not None and ent.id not in in_panel:
            mine.members.append(ent.id)


def _keep_diagram(before: SceneGraph, after: SceneGraph, free: set[str]) -> bool:
    """Keep relations, labels and arrows among ``free`` things as ``before`` has them; True
    when something had to be put back or taken out."""
    present = {e.id for e in after.entities} | {p.id for p in after.panels}
    free = free & present

    def among(ids: Iterable[str]) -> bool:
        return set(ids) <= free

    fixed = False
    for name, ends in (
        ("relations", lambda r: (r.subject, r.object)),
        ("labels", lambda lb: (lb.target,)),
        ("arrows", lambda a: (a.start, a.end)),
    ):
        old = [x for x in getattr(before, name) if among(ends(x))]
        new = [x for x in getattr(after, name) if among(ends(x))]
        if _keys(old) != _keys(new):
            kept = [x for x in getattr(after, name) if not among(ends(x))]
            setattr(after, name, kept + [_copy(x) for x in old])
            fixed = True
    return fixed


def _keys(items: list[Any]) -> list[str]:
    return sorted(repr(asdict(x)) for x in items)


def _copy(item: T) -> T:
    return replace(item)  # type: ignore[type-var]


def _keep_look(
    before: SceneGraph, after: SceneGraph, text: str, allowed: SceneGraph | None
) -> list[str]:
    """Put back a background, style or caption the follow-up did not ask to change."""
    said = {lx.singular(t) for t in tokenize(text)} if isinstance(text, str) else set()
    lowered = text.lower() if isinstance(text, str) else ""
    notes = []
    if after.exclude != before.exclude and (allowed is None or allowed.exclude == before.exclude):
        excluded = _keep_excluded(before.exclude, after.exclude, said, after.entities)
        if excluded != after.exclude:
            after.exclude = excluded
            notes.append("what the picture must not show")
    for key in ("background", "style"):
        old, new = getattr(before, key), getattr(after, key)
        if old == new or (allowed is not None and getattr(allowed, key) != old):
            continue
        new_words = {lx.singular(w) for w in tokenize(new or "")}
        if new_words & said or (new is None and old is not None and key in said):
            continue
        setattr(after, key, old)
        notes.append(f"the {key} {old!r}" if old else f"no {key}")
    if after.texts != before.texts and (allowed is None or allowed.texts == before.texts):
        added = [t for t in after.texts if t not in before.texts]
        if any(t.lower() not in lowered for t in added) or (
            not added and "caption" not in said and "text" not in said
        ):
            after.texts = list(before.texts)
            notes.append("the captions")
    return notes


def _keep_excluded(
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    said: set[str],
    things: list[Entity],
) -> list[dict[str, Any]]:
    """``before``'s "must not show" entries, changed only for the names the follow-up says
    ("now with cars" may lift "no cars"; "make it snowy" may not); a new one never names
    one of the ``things`` the picture shows."""

    def says(entry: dict[str, Any]) -> bool:
        name = str(entry.get("name", ""))
        return bool({lx.singular(w) for w in name.split()} & said)

    kept = [dict(x) for x in before if x in after or not says(x)]
    shown = {e.name for e in things}
    return kept + [
        dict(x) for x in after if x not in before and says(x) and x.get("name") not in shown
    ]


def _no_more_of(
    before: SceneGraph,
    after: SceneGraph,
    named: set[str],
    said: set[str],
    allowed: SceneGraph | None,
) -> list[str]:
    """Take out of ``after`` a new thing of the same name as a thing of ``before`` that the
    follow-up did not name (a second sofa for "make the cat white" changes how many sofas
    the picture has), unless the follow-up says that name or the rules' reading of it
    added one too."""
    old = {e.id for e in before.entities}
    unnamed = {e.name for e in before.entities if e.id not in named}
    rules_added = (
        {e.name for e in allowed.entities if e.id not in old} if allowed is not None else set()
    )
    notes = []
    for ent in list(after.entities):
        name = ent.name
        if ent.id in old or name not in unnamed or name in rules_added:
            continue
        if {lx.singular(w) for w in name.split()} & said:
            continue
        after.entities.remove(ent)
        notes.append(f"the {name} (the answer added another)")
    return notes


def hold_to_problems(
    scene: SceneGraph, fixed: SceneGraph, problems: Sequence[str], prompt: str
) -> list[str]:
    """Put back in ``fixed`` (a correction of ``scene``) what the ``problems`` do not
    concern: the things they name (by id, "(e1, e2)") may change, and for words not
    understood the things ``prompt`` names and the picture's look too; nothing else."""
    said = " ".join(problems)
    ids = {e.id for e in scene.entities}
    named = {eid for group in _IDS.findall(said) for eid in group.split(", ") if eid in ids}
    unread = any(p.startswith(NOT_UNDERSTOOD) for p in problems)
    if unread:
        named |= named_by(prompt, scene, it_names=False)
    allowed = fixed.copy() if unread else None
    repairs = keep_unnamed(scene, fixed, named, said, allowed)
    return [
        r.replace("the follow-up did not name", "the problems did not concern") for r in repairs
    ]


_IDS = re.compile(r"\((e\d+(?:, e\d+)*)\)")
NOT_UNDERSTOOD = not_understood(["x"]).partition("'")[0]  # "I didn't understand "
