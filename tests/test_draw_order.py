"""The built-in engine draws in the layout's depth order: every depth relation is kept at
once, whatever order the relations come in, and patches of the place come first."""

from __future__ import annotations

import itertools

import pytest

from jupyter_imagechat.engines.builtin.order import instances
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.hosts import depths
from jupyter_imagechat.scene import Entity, Relation, SceneGraph


def _scene(things: list[tuple[str, int]], relations: list[tuple[str, str, str]],
           background: str = "") -> SceneGraph:  # fmt: skip
    ents = [Entity(f"e{i}", name, count) for i, (name, count) in enumerate(things, start=1)]
    return SceneGraph(entities=ents, relations=[Relation(*r) for r in relations],
                      background=background)  # fmt: skip


def _first_drawn(scene: SceneGraph) -> list[str]:
    """Entity ids in the order their first instance is drawn."""
    seen: list[str] = []
    for inst in instances(arrange(scene, seed=0)):
        if inst.entity not in seen:
            seen.append(inst.entity)
    return seen


# dogs in front of a house and behind a bench: the house, then the dogs, then the bench
RELATIONS = [("e2", "in front of", "e1"), ("e2", "behind", "e3")]


@pytest.mark.parametrize("relations", list(itertools.permutations(RELATIONS)))
def test_a_thing_in_front_of_one_and_behind_another_is_drawn_between_them(relations) -> None:
    scene = _scene([("house", 1), ("dog", 3), ("bench", 1)], list(relations))
    depth = depths(scene)
    assert depth["e1"] < depth["e2"] < depth["e3"]
    assert _first_drawn(scene) == ["e1", "e2", "e3"]


def test_a_chain_behind_behind_keeps_its_order() -> None:
    scene = _scene([("cat", 1), ("box", 1), ("chair", 1)],
                   [("e1", "behind", "e2"), ("e2", "behind", "e3")])  # fmt: skip
    depth = depths(scene)
    assert depth["e1"] < depth["e2"] < depth["e3"]


def test_a_patch_of_the_place_is_drawn_before_things_behind_others() -> None:
    # cars behind a fence are at the back, yet the road they stand on is under them
    scene = _scene([("road", 1), ("car", 5), ("fence", 1)], [("e2", "behind", "e3")],
                   background="street")  # fmt: skip
    assert _first_drawn(scene)[0] == "e1"


def test_a_thing_under_another_is_drawn_after_it_and_stays_in_sight() -> None:
    scene = _scene([("table", 1), ("cat", 1)], [("e2", "under", "e1")])
    assert _first_drawn(scene) == ["e1", "e2"]


def test_what_rests_on_a_thing_stays_in_front_when_depth_relations_contradict() -> None:
    # a van in front of a lorry and behind it too (a loose reading), a crate on the van
    scene = _scene([("van", 1), ("lorry", 1), ("crate", 1)],
                   [("e1", "in front of", "e2"), ("e1", "behind", "e2"),
                    ("e3", "on", "e1")])  # fmt: skip
    depth = depths(scene)
    assert depth["e3"] > depth["e1"]
    drawn = _first_drawn(scene)
    assert drawn.index("e3") > drawn.index("e1")
