"""Nothing is lost that was not asked to go: hundreds of generated follow-ups over varied
scenes, each checked against the invariant.

An edit changes only the things it names (and, when it moves, resizes or removes a thing,
what rests on it: that goes with it, or is placed again).
Every other thing keeps its id, name, count, attributes and layout box after the planner and
after the layout step, and is drawn with the same artwork in the same place. The follow-ups
are generated from templates over each scene's things, as users phrase them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pytest

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.edit_places import guests
from jupyter_imagechat.scene import SceneGraph

planner = RulesPlanner()

SCENES = (
    "three red apples left of a blue bowl",
    "a cat sitting on a red sofa next to a lamp",
    "two dogs and a cat in a park",
    "a teacher and three students in a classroom",
    "a red bus next to a blue van on a street",
    "a vase of flowers on a table",
    "five yellow stars above a barn",
    "a girl holding an umbrella in the rain",
    "a boat and two ducks on a lake",
    "four balloons and a kite",
    "a snowman next to a tree",
    "a mug and a book on a desk",
)
COLOURS = ("green", "purple", "orange", "white", "black", "pink")
NEW_THINGS = ("rabbit", "bicycle", "clock", "owl")
SCENE_EDITS = (
    "now it's winter", "make it stormy", "in watercolor", "it should be evening",
    "move them to the beach", "now at night", "make it look like a pencil sketch",
)  # fmt: skip


def plural(name: str) -> str:
    return name + ("es" if name.endswith(("s", "sh", "ch", "x")) else "s")


def said(ent_name: str, attributes: dict[str, str]) -> str:
    """What a user calls the thing: its kind for people ("teacher"), else its name."""
    return attributes.get("kind") or ent_name


def followups(scene: SceneGraph) -> Iterator[tuple[str, set[str], bool]]:
    """``(follow-up, ids it names, whether it moves, resizes or removes them)`` for
    ``scene``."""
    ents = scene.entities
    colours = itertools.cycle(COLOURS)
    new = itertools.cycle(NEW_THINGS)
    for text in SCENE_EDITS:
        yield text, set(), False
    yield f"add a {next(new)}", set(), False
    yield f"add two {plural(next(new))}", set(), False
    for ent in ents:
        name = said(ent.name, ent.attributes)
        ids = {ent.id}
        colour = next(c for c in colours if c != ent.attributes.get("color"))
        yield f"make the {name} {colour}", ids, False
        yield f"paint the {name} {next(colours)}", ids, False
        yield f"the {name} should be {next(colours)}", ids, False
        yield f"make the {name} bigger", ids, True
        yield f"make the {name} smaller", ids, True
        yield f"replace the {name} with a {next(new)}", ids, False
        yield f"remove the {name}", ids, True
        yield f"move the {name} to the left", ids, True
        yield f"move the {name} to the top right", ids, True
        yield f"label the {name} 'Look'", ids, False
        yield f"there should be {ent.count + 2} {plural(name)}", ids, False
        yield f"add two more {plural(name)}", ids, False
        if ent.count > 1:
            yield f"make the left {name} {colour}", ids, False
            yield f"make one {name} {next(colours)}", ids, False
            yield f"remove one {name}", ids, False
        for other in ents:
            if other.id == ent.id or other.name == ent.name:
                continue
            other_name = said(other.name, other.attributes)
            yield f"put the {name} next to the {other_name}", ids, True
            yield (
                f"make the {name} {next(colours)} and the {other_name} {next(colours)}",
                ids | {other.id},
                False,
            )
            yield f"remove the {name} and add a {next(new)}", ids, True
            break


def cases() -> list[tuple[str, str, set[str], bool]]:
    out = []
    for text in SCENES:
        scene = arrange(planner.plan(text), seed=0)
        for follow, ids, moves in followups(scene):
            out.append((text, follow, ids, moves))
    return out


CASES = cases()
_SCENES: dict[str, SceneGraph] = {}


def scene_of(text: str) -> SceneGraph:
    if text not in _SCENES:
        _SCENES[text] = arrange(planner.plan(text), seed=0)
    return _SCENES[text]


def kept(before: SceneGraph, after: SceneGraph, named: set[str]) -> list[str]:
    """Why things of ``before`` that ``named`` leaves out did not stay as they were."""
    why = []
    new = {e.id: e for e in after.entities}
    for ent in before.entities:
        if ent.id in named:
            continue
        now = new.get(ent.id)
        if now is None:
            why.append(f"{ent.id} {ent.name} is gone")
        elif (now.name, now.count, now.attributes) != (ent.name, ent.count, ent.attributes):
            why.append(f"{ent.id} {ent.describe()} became {now.describe()}")
        elif before.boxes_of(ent.id) != after.boxes_of(ent.id):
            why.append(f"{ent.id} {ent.name} moved")
    return why


def test_there_are_hundreds_of_cases_over_varied_scenes() -> None:
    assert len(CASES) >= 400
    assert len({text for text, *_ in CASES}) == len(SCENES)


@pytest.mark.parametrize(("start", "text", "named", "moves"), CASES, ids=lambda v: str(v)[:40])
def test_a_follow_up_keeps_what_it_does_not_name(
    start: str, text: str, named: set[str], moves: bool
) -> None:
    before = scene_of(start)
    reading = planner.read(text, current=before)
    assert reading.edit, (text, reading.notes)
    assert reading.question is None, text
    planned = reading.scene
    assert planned.to_dict() != before.to_dict(), f"{text!r} changed nothing"
    touched = set(named)
    if moves:  # what rests on a moved or removed thing is placed again
        touched |= {g for eid in named for g in guests(before, eid)}
    assert kept(before, planned, touched) == [], text
    laid_out = arrange(planned, seed=0)
    assert kept(before, laid_out, touched) == [], f"{text!r}: the layout moved kept things"


@pytest.mark.parametrize(
    ("start", "text", "named", "moves"), CASES[::12], ids=lambda v: str(v)[:40]
)
def test_kept_things_are_drawn_with_the_same_artwork_in_the_same_place(
    start: str, text: str, named: set[str], moves: bool
) -> None:
    engine = BuiltinEngine()
    before = scene_of(start)
    after = arrange(planner.read(text, current=before).scene, seed=0)
    touched = set(named) | ({g for eid in named for g in guests(before, eid)} if moves else set())
    if moves:  # a table is drawn up to the top of its box while something stands on it
        touched |= {
            r.object
            for r in before.relations
            if r.subject in named and r.predicate in ("on", "inside")
        }
    old = engine.draw(before, seed=0, settings={"width": 192, "height": 192})
    new = engine.draw(after, seed=0, settings={"width": 192, "height": 192})
    drawn = {(o.entity, o.index): o for o in new.objects}
    for obj in old.objects:
        if obj.entity in touched:
            continue
        now = drawn.get((obj.entity, obj.index))
        assert now is not None, f"{text!r}: {obj.name} {obj.index} is not drawn any more"
        assert now.box == obj.box, f"{text!r}: {obj.name} {obj.index} drawn elsewhere"
        assert now.mask is not None
        assert obj.mask is not None
        assert np.array_equal(now.mask, obj.mask), f"{text!r}: {obj.name} drawn differently"
