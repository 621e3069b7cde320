"""Unquoted words a thing carries, things worn one per owner, and things made "of" X."""

from __future__ import annotations

import pytest

from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph


def plan(text: str) -> SceneGraph:
    return RulesPlanner().plan(text)


def named(scene: SceneGraph) -> dict[str, tuple[int, dict[str, str]]]:
    return {e.name: (e.count, dict(e.attributes)) for e in scene.entities}


@pytest.mark.parametrize(
    ("prompt", "thing", "words"),
    [
        ("a truck that says ICE COLD DRINKS", "truck", "ICE COLD DRINKS"),
        ("a cup that reads GOOD MORNING next to a plate", "cup", "GOOD MORNING"),
        ("a plane with the words SKY TOURS on it", "airplane", "SKY TOURS"),
        ("a board that says welcome back, and a desk", "board", "welcome back"),
        ("a flag with GO TEAM on it", "flag", "GO TEAM"),
        ("a lorry with FARM FRESH painted on the side", "truck", "FARM FRESH"),
        ("a bag with the slogan LOVE BOOKS", "bag", "LOVE BOOKS"),
    ],
)
def test_unquoted_written_words_are_the_things_text(prompt: str, thing: str, words: str) -> None:
    scene = plan(prompt)
    ents = named(scene)
    assert ents[thing][1].get("text") == words
    written = {w.lower() for w in words.split()}
    assert not written & {n.rpartition(" ")[2] for n in ents}  # no word became a thing
    assert not any(
        set(v.split()) & written for _, a in ents.values() for v in a.values() if v != words
    )


def test_unquoted_labelled_words_label_the_thing() -> None:
    scene = plan("a jar labelled SUGAR")
    assert named(scene)["jar"][1].get("label") == "SUGAR"
    assert not scene.texts


def test_reading_a_book_is_no_text() -> None:
    scene = plan("a boy reading a book")
    assert "book" in named(scene)
    assert not scene.texts


@pytest.mark.parametrize(
    ("prompt", "owner", "worn", "count"),
    [
        ("three ducks wearing hats", "duck", "hat", 3),
        ("five children wearing scarves", "person", "scarf", 5),
        ("two girls in boots", "person", "boot", 4),
        ("two snowmen with carrot noses", "snowman", "carrot nose", 2),
        ("two dogs with collars", "dog", "collar", 2),
    ],
)
def test_worn_plurals_are_one_or_a_pair_per_owner(
    prompt: str, owner: str, worn: str, count: int
) -> None:
    ents = named(plan(prompt))
    assert owner in ents
    assert ents[worn][0] == count


def test_a_counted_worn_plural_keeps_its_count() -> None:
    assert named(plan("four kids wearing two hats"))["hat"][0] == 2


def test_skates_and_mittens_come_in_pairs() -> None:
    assert named(plan("a boy with roller skates"))["roller skate"][0] == 2
    assert named(plan("a girl wearing mittens"))["mitten"][0] == 2
    scene = plan("a girl with ice skates")  # worn, not held
    skates = next(e for e in scene.entities if e.name == "ice skate")
    assert [r.predicate for r in scene.relations if r.subject == skates.id] == ["on"]


def test_a_thing_of_a_material_is_made_of_it() -> None:
    ents = named(plan("a boy with a wreath of flowers"))
    assert ents["wreath"][1].get("material") == "flower"
    assert "flower" not in ents


def test_an_animal_with_something_worn_wears_it() -> None:
    scene = plan("a dog with a bow tie")
    tie = next(e for e in scene.entities if e.name == "bow tie")
    dog = next(e for e in scene.entities if e.name == "dog")
    assert any(
        r.subject == tie.id and r.predicate == "on" and r.object == dog.id for r in scene.relations
    )


@pytest.mark.parametrize(
    ("job", "emblem"),
    [("postwoman", "mail bag"), ("waitress", "tray"), ("cashier", "cash register"),
     ("beekeeper", "beehive"), ("park ranger", "binoculars"), ("house painter", "paint roller")],
)  # fmt: skip
def test_a_job_comes_with_the_emblem_the_engine_draws(job: str, emblem: str) -> None:
    assert emblem in named(plan(f"a {job}"))


@pytest.mark.parametrize(
    ("prompt", "container", "stuff"),
    [("a cup of apple juice", "cup", "apple juice"), ("a tin of blue paint", "tin", "blue paint"),
     ("a bucket of paint", "bucket", "paint")],
)  # fmt: skip
def test_a_stuff_in_a_container_is_its_contents(prompt: str, container: str, stuff: str) -> None:
    assert named(plan(prompt)) == {container: (1, {"contents": stuff})}


def test_paint_asks_for_a_picture_only_as_a_request() -> None:
    assert set(named(plan("please paint me a fox"))) == {"fox"}
    assert set(named(plan("a boy with paint on his hands"))) >= {"paint", "hand"}


@pytest.mark.parametrize("name", ["toy block", "lego brick", "viking ship", "bow tie"])
def test_a_whole_name_is_not_its_last_word(name: str) -> None:
    assert set(named(plan(f"a {name} on a table"))) >= {name}


def _after(first: str, then: str) -> SceneGraph:
    planner = RulesPlanner()
    return planner.plan(then, current=planner.plan(first))


@pytest.mark.parametrize(
    ("first", "then", "part", "whole"),
    [
        ("a snowman", "add a carrot nose", "carrot nose", "snowman"),
        ("a house", "add a blue door", "door", "house"),
        ("a boy next to a tree", "add a big nose", "nose", "person"),
    ],
)
def test_an_added_part_goes_on_its_one_possible_whole(
    first: str, then: str, part: str, whole: str
) -> None:
    scene = _after(first, then)
    ids = {e.name: e.id for e in scene.entities}
    assert any(
        (r.subject, r.predicate, r.object) == (ids[part], "on", ids[whole]) for r in scene.relations
    )


def test_an_added_part_with_no_one_whole_stays_unplaced() -> None:
    scene = _after("a dog and a cat", "add a tail")
    tail = next(e for e in scene.entities if e.name == "tail")
    assert not any(tail.id in (r.subject, r.object) for r in scene.relations)
