"""Names of several words, plurals and jobs read as the thing they name.

"A sea lion" is no lion and "a snow globe" no globe: such a name is read as one noun (the
engine draws it or shows a card the checker reports), never as its last word with a
kind. A kind, material or age ("a toy car", "a stone wall", "a baby elephant") stays a
word about the thing. Plurals come back to the noun the house knows ("circuses" is a
circus), and a language model's plan gets the same jobs and contents as the rules'.
"""

from __future__ import annotations

import json

import pytest

from jupyter_imagechat.engines.builtin.artwork import artwork_for, has_artwork
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner import lexicon as lx
from jupyter_imagechat.planner.llm.base import LLMPlanner
from jupyter_imagechat.planner.roles import ROLES
from jupyter_imagechat.scene import SceneGraph
from jupyter_imagechat.vocab.sizes import TYPICAL_SIZE

planner = RulesPlanner()


def plan(text: str) -> SceneGraph:
    return planner.plan(text)


def drawn(scene: SceneGraph) -> list[str]:
    """The pictures the built-in engine would choose for each thing."""
    return [artwork_for(e.name, e.attributes) for e in scene.entities]


# -- names whose last word is not what they are ---------------------------------------------
@pytest.mark.parametrize("name", sorted(lx.WHOLE_NAMES))
def test_a_whole_name_is_never_drawn_as_its_last_word(name: str) -> None:
    scene = plan(f"a {name}")
    assert len(scene.entities) == 1
    thing = scene.entities[0]
    assert thing.name == lx.SYNONYMS.get(name, name)
    assert "kind" not in thing.attributes
    assert drawn(scene)[0] != name.split()[-1]


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("three guinea fowl in a field", "guinea fowl", 3),
        ("two red sleeping bags on the floor", "sleeping bag", 2),
        ("a boy holding five pine cones", "pine cone", 5),
        ("a sea horse next to a crab", "sea horse", 1),
    ],
)
def test_a_whole_name_keeps_its_count_colour_and_place(text: str, name: str, count: int) -> None:
    scene = plan(text)
    thing = next(e for e in scene.entities if e.name == name)
    assert thing.count == count
    assert name.split()[-1] not in {e.name for e in scene.entities}
    assert thing.attributes.get("color") == ("red" if "red" in text else None)


@pytest.mark.parametrize(
    ("text", "name", "key", "value"),
    [
        ("a toy car", "car", "kind", "toy"),
        ("a baby elephant", "elephant", "kind", "baby"),
        ("a stone wall", "wall", "material", "stone"),
        ("a wooden chair", "chair", "material", "wooden"),
        ("an apple tree", "tree", "kind", "apple"),
    ],
)
def test_a_kind_material_or_age_stays_a_word_about_the_thing(
    text: str, name: str, key: str, value: str
) -> None:
    (thing,) = plan(text).entities
    assert thing.name == name
    assert thing.attributes[key] == value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a glitter disco ball", "disco ball"),
        ("a pool ball", "pool ball"),
        ("a movie star", "movie star"),
        ("a pencil sharpener and a sharpener", "pencil sharpener"),
        ("a star of david", "star of david"),
        ("an orange ice lolly", "ice lolly"),
    ],
)
def test_a_named_ball_star_or_sweet_is_that_thing(text: str, name: str) -> None:
    scene = plan(text)
    assert {e.name for e in scene.entities} == {name}
    assert "sports ball" not in drawn(scene)
    assert "star" not in drawn(scene)


def test_a_pop_star_is_sized_as_a_person_not_a_star() -> None:
    (thing,) = plan("a pop star singing").entities
    assert thing.name == "pop star"
    assert TYPICAL_SIZE[thing.name] > TYPICAL_SIZE["star"]


# -- plurals ----------------------------------------------------------------------------------
def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def test_the_plural_of_each_noun_the_house_sizes_comes_back_to_it() -> None:
    nouns = [n for n in TYPICAL_SIZE if n.isalpha() and not n.endswith(("s", "f", "fe", "o"))]
    names = lx.KNOWN_NOUNS | set(lx.SYNONYMS) | set(TYPICAL_SIZE)  # "scales", "goggles"
    wrong = {
        _plural(n): lx.singular(_plural(n))
        for n in nouns
        if lx.singular(_plural(n)) != n and _plural(n) not in names
    }
    assert not wrong


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("three smoothies on a table", "smoothie", 3),
        ("two circuses", "circus", 2),
        ("an atlas on a desk", "atlas", 1),
        ("a pair of underpants", "underpants", 1),
        ("four chests of drawers", "chest of drawers", 4),
        ("a gas lamp", "lamp", 1),
    ],
)
def test_a_plural_or_a_noun_ending_in_s_is_read_as_its_noun(
    text: str, name: str, count: int
) -> None:
    thing = plan(text).entities[0]
    assert (thing.name, thing.count) == (name, count)


# -- jobs -----------------------------------------------------------------------------------
def test_a_job_with_its_own_picture_is_not_dressed_as_a_person() -> None:
    assert not [job for job in ROLES if has_artwork(job)]
    pictured = (("a hair stylist", "hairdresser"), ("two basketball players", "basketball player"))
    for text, name in pictured:
        (thing,) = plan(text).entities
        assert thing.name == name
        assert has_artwork(artwork_for(thing.name, thing.attributes))


# -- a language model's plan ----------------------------------------------------------------
class _Model(LLMPlanner):
    """A model that answers one fixed scene."""

    def __init__(self, answer: dict[str, object]) -> None:
        super().__init__()
        self.answer = json.dumps(answer)

    def complete(self, messages: list[dict[str, str]]) -> str:
        return self.answer


def test_a_models_job_and_filled_glass_read_as_the_rules_read_them() -> None:
    model = _Model(
        {
            "entities": [
                {"id": "a", "name": "postwoman"},
                {"id": "b", "name": "glass"},
                {"id": "c", "name": "water"},
                {"id": "d", "name": "person", "attributes": {"kind": "zookeeper"}},
            ],
            "relations": [{"subject": "c", "predicate": "inside", "object": "b"}],
        }
    )
    scene = model.plan("a postwoman, a zookeeper and a glass of water")
    rules = plan("a postwoman, a zookeeper and a glass of water")
    assert sorted(e.name for e in scene.entities) == sorted(e.name for e in rules.entities)
    glass = next(e for e in scene.entities if e.name == "glass")
    assert glass.attributes["contents"] == "water"
    kinds = {e.attributes.get("kind") for e in scene.entities if e.name == "person"}
    assert kinds == {"postwoman", "zookeeper"}
    assert len(scene.relations) == 2  # each holds or stands by their thing


def test_a_model_edit_that_adds_a_job_dresses_only_the_new_person() -> None:
    current = plan("a cat on a lawn")
    cat = current.entities[0]
    model = _Model({"entities": [{"id": cat.id, "name": "cat"}, {"id": "n", "name": "librarian"}]})
    scene = model.plan("add a librarian", current=current)
    person = next(e for e in scene.entities if e.name == "person")
    assert person.attributes["kind"] == "librarian"
    assert any(r.subject == person.id and r.predicate == "holding" for r in scene.relations)
    assert next(e for e in scene.entities if e.id == cat.id).name == "cat"


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("a butter fly on a leaf", "butterfly", 1),
        ("two pan cakes", "pancake", 2),
        ("three sun flowers", "sunflower", 3),
        ("a doll's house", "dollhouse", 1),
        ("a dolls house", "dollhouse", 1),
    ],
)
def test_a_noun_of_one_word_spelled_as_two_is_that_noun(text: str, name: str, count: int) -> None:
    thing = plan(text).entities[0]
    assert (thing.name, thing.count) == (name, count)


def test_an_owner_or_a_colour_before_a_noun_is_no_joined_word() -> None:
    assert [e.name for e in plan("the dog's bone").entities] == ["dog", "bone"]
    (house,) = plan("a green house").entities
    assert (house.name, house.attributes["color"]) == ("house", "green")


def test_a_models_plural_or_split_name_is_read_as_the_rules_read_it() -> None:
    model = _Model(
        {
            "entities": [
                {"id": "a", "name": "chests of drawers", "count": 2},
                {"id": "b", "name": "guinea pigs", "count": 3},
                {"id": "c", "name": "butter fly"},
            ]
        }
    )
    scene = model.plan("two chests of drawers, three guinea pigs and a butter fly")
    rules = plan("two chests of drawers, three guinea pigs and a butter fly")
    assert [e.name for e in scene.entities] == [e.name for e in rules.entities]
    assert [e.name for e in scene.entities] == ["chest of drawers", "guinea pig", "butterfly"]
