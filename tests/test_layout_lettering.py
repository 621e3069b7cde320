"""A thing that carries words is laid out wide enough for them to be read, and the checker
says so when it is not (:mod:`jupyter_imagechat.layout.lettering`).

"A van that says FRESH BREAD" beside a row of houses was drawn at the common scale of the
picture, however long its text; the checker's legibility finding passed a text drawn 4 px
of the thing's width per letter, which the OCR reader could not read.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.lettering import LETTER, least_side, letters
from jupyter_imagechat.scene import Box, Entity, Relation, SceneGraph

ENGINE = create_engine("builtin")


def crowded(name: str, text: str | None) -> SceneGraph:
    """``name`` (carrying ``text``) among big things that set a small common scale."""
    attrs = {"text": text} if text else {}
    others = [("house", 4), ("tree", 3), ("elephant", 2), ("bus", 1), ("giraffe", 1)]
    ents = [Entity("e1", name, 1, attrs)]
    ents += [Entity(f"e{i}", n, c) for i, (n, c) in enumerate(others, start=2)]
    return SceneGraph(entities=ents, relations=[Relation("e1", "next to", "e2")])


def width(scene: SceneGraph, eid: str) -> float:
    box = scene.boxes_of(eid)[0].box
    return box[2] - box[0]


def legibility(scene: SceneGraph, size: int = 512) -> list[tuple[str, str]]:
    result = ENGINE.draw(scene, seed=0, settings={"width": size, "height": size})
    return [(f.status, f.reason) for f in check(scene, result, reader=None).findings
            if f.kind == "legibility" and f.constraint.startswith("text")]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text"),
    [("van", "FRESH BREAD"), ("mug", "BEST TEACHER EVER"), ("sign", "PLEASE KEEP OFF"),
     ("helicopter", "AIR AMBULANCE"), ("t-shirt", "I LOVE MATHS")],
)  # fmt: skip
@pytest.mark.parametrize("seed", [0, 4])
def test_a_thing_with_words_grows_to_read_them_or_is_said_to_be_unreadable(
    name: str, text: str, seed: int
) -> None:
    scene = arrange(crowded(name, text), seed=seed)
    plain = arrange(crowded(name, None), seed=seed)
    assert width(plain, "e1") < least_side(text)  # the scene alone draws it too small
    assert width(scene, "e1") >= min(least_side(text), 1.1 * width(plain, "e1")) - 1e-3
    found = legibility(scene)
    assert found  # the words make it grow, as far as the sizes allow; if not far enough:
    assert all(status == "satisfied" or "too narrow" in why for status, why in found)
    if width(scene, "e1") < LETTER * letters(text):  # said, never kept
        assert all(status == "violated" for status, _ in found)


@pytest.mark.parametrize(
    ("things", "text"),
    [
        ([("van", 1), ("house", 2), ("tree", 2)], "FRESH BREAD"),
        ([("sign", 1), ("dog", 1), ("bench", 1), ("tree", 2)], "KEEP OFF THE GRASS"),
        ([("mug", 1), ("apple", 2), ("book", 1), ("pencil", 3)], "HAPPY BIRTHDAY"),
        ([("helicopter", 1), ("house", 3), ("car", 2)], "CITY AIR AMBULANCE"),
    ],
)
def test_among_a_few_things_words_are_laid_out_wide_enough_to_read(
    things: list[tuple[str, int]], text: str
) -> None:
    ents = [Entity(f"e{i}", n, c) for i, (n, c) in enumerate(things, start=1)]
    ents[0].attributes["text"] = text
    scene = arrange(SceneGraph(entities=ents), seed=0)
    plain = arrange(SceneGraph(entities=[Entity(e.id, e.name, e.count) for e in ents]), seed=0)
    assert width(scene, "e1") >= min(least_side(text) - 5e-3, 1.5 * width(plain, "e1")) or (
        width(scene, "e1") >= width(plain, "e1") and width(scene, "e1") >= LETTER * letters(text)
    )  # as wide as the words need, or as the others leave room for, and readable
    assert [status for status, _ in legibility(scene)] == ["satisfied"]


def test_the_least_width_grows_with_the_longest_line() -> None:
    assert least_side("GO") < least_side("RESCUE") < least_side("AMBULANCE")
    assert letters("WELCOME TO OUR CLASSROOM") == 9  # longest word; three lines at most
    assert letters("a" * 60) == 60
    assert least_side("a" * 60) <= 0.9  # never wider than the picture


@pytest.mark.parametrize(("side", "status"), [(0.07, "violated"), (0.3, "satisfied")])
def test_the_checker_says_when_words_are_too_small_to_read(side: float, status: str) -> None:
    """A sign drawn 36 px wide holds no readable "WELCOME TO OUR CLASSROOM"; it is never
    passed as legible."""
    scene = SceneGraph(entities=[Entity("e1", "sign", 1, {"text": "WELCOME TO OUR CLASSROOM"})])
    scene.layout = [Box("e1", 0, (0.3, 0.75 - side, 0.3 + side, 0.75))]
    found = legibility(scene)
    assert [s for s, _ in found] == [status]
    if status == "violated":
        assert f"{LETTER * 512 * 9:.0f} px needed" in found[0][1]
