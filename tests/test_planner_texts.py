"""Text written on a thing: the ``text`` attribute, from the prompt to the picture.

"a mug that reads 'hello'" puts ``text: hello`` on the mug (not a caption); the built-in
engine writes it on the mug, the checker sees it, a diffusion prompt names it.
"""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.checker.check import SATISFIED, check
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.engines.prompting import entity_phrase, scene_to_prompt
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.llm.schema import parse_scene
from jupyter_imagechat.scene import Box, Entity, SceneGraph

PLANNER = RulesPlanner()


def written(prompt: str) -> tuple[dict[str, str], list[str]]:
    """``{entity name: its text}`` for the things carrying one, and the captions left."""
    scene = PLANNER.plan(prompt)
    on = {e.name: e.attributes["text"] for e in scene.entities if "text" in e.attributes}
    return on, scene.texts


# -- planner ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("prompt", "thing", "text"),
    [
        ("a t-shirt with the word 'START'", "t-shirt", "START"),
        ('a blue t-shirt with the text "START"', "t-shirt", "START"),
        ("the word 'GO' chalked on a playground", "playground", "GO"),
        ("the word 'RUN' on a green t-shirt", "t-shirt", "RUN"),
        ("a storefront with 'The best deli' written on it", "storefront", "The best deli"),
        (
            "a blackboard with the word 'multiplication' written in cursive",
            "blackboard",
            "multiplication",
        ),
        ("a spray painted mural of the text 'keep it green' on a wall", "wall", "keep it green"),
        ("a sign that says 'Exit'", "sign", "Exit"),
        ("a sign that says STOP", "sign", "STOP"),
        ("a mug that reads 'hello'", "mug", "hello"),
        ("a book titled 'Dune'", "book", "Dune"),
        ("a red 'STOP' sign", "sign", "STOP"),
        ("the words 'hello world' on a banner", "banner", "hello world"),
        ("'Good luck' written in petals floating on a river", "petal", "Good luck"),
        ("a car with a 'green' sticker in the back window", "car", "green"),
        ("a cake with 'Happy Birthday' written on it in icing", "cake", "Happy Birthday"),
        ("a cat holding a sign saying 'feed me'", "sign", "feed me"),
        ("a man wearing a shirt that says 'I love NY'", "shirt", "I love NY"),
        ("a teacher writing 'Maths 7B' in chalk on a blackboard", "blackboard", "Maths 7B"),
    ],
)
def test_a_text_said_to_be_on_a_thing_is_written_on_it(prompt, thing, text) -> None:
    on, captions = written(prompt)
    assert on == {thing: text}
    assert captions == []  # drawn once, on the thing


def test_each_text_goes_on_its_own_thing() -> None:
    on, captions = written("a mug that says 'hi' next to a sign that reads 'bye'")
    assert on == {"mug": "hi", "sign": "bye"}
    assert captions == []


def test_written_on_it_is_no_relation() -> None:
    scene = PLANNER.plan("a red 'STOP' sign next to a white car with the word 'TAXI' on it")
    assert {e.name: e.attributes["text"] for e in scene.entities} == {"sign": "STOP", "car": "TAXI"}
    assert [r.predicate for r in scene.relations] == ["next to"]  # not "car on sign"


def test_a_sign_that_says_something_on_a_table_keeps_it_on_the_sign() -> None:
    on, _ = written("a sign that says 'Open' on a table")
    assert on == {"sign": "Open"}


@pytest.mark.parametrize(
    "prompt",
    [
        "a dog and the caption 'hello'",  # a caption, on nothing
        "a dog saying 'hello'",  # speech, not writing on the dog
        "a girl reading 'hello'",  # what she reads, not her text
        "a dog with the caption 'hello'",
        "a dog and the words 'hello' on the beach",  # the beach is no planned thing
        "the word 'hello'",
    ],
)
def test_a_text_on_no_planned_thing_stays_a_caption(prompt) -> None:
    on, captions = written(prompt)
    assert on == {}
    assert captions == ["hello"]


def test_a_label_is_still_a_label_not_a_text() -> None:
    scene = PLANNER.plan("a heart labelled 'pump'")
    assert scene.entities[0].attributes == {"label": "pump"}


def test_an_added_thing_gets_its_text_in_an_edit() -> None:
    scene = PLANNER.plan("a cat")
    added = PLANNER.plan("add a mug that reads 'hi'", current=scene)
    assert added.entities[-1].attributes.get("text") == "hi"
    assert added.texts == []


# -- round trips ------------------------------------------------------------------------------
def test_the_text_survives_json_the_llm_repair_and_the_code_of_a_history() -> None:
    scene = PLANNER.plan("a mug that reads 'Hello World'")
    assert SceneGraph.from_json(scene.to_json()).to_dict() == scene.to_dict()
    repaired, _ = parse_scene(scene.to_json())
    assert repaired.entities[0].attributes["text"] == "Hello World"  # case kept

    conv = Conversation(size=96)
    plan = conv.plan("a mug")
    plan.entities[0].attributes["text"] = "Hi There"  # typed in the plan editor
    turn = conv.generate(plan)
    assert turn.scene.entities[0].attributes["text"] == "Hi There"
    assert '"text":"Hi There"' in conv.history.to_code()


# -- built-in engine ---------------------------------------------------------------------------
def _scene(name: str, attrs: dict[str, str], texts: list[str] | None = None) -> SceneGraph:
    return SceneGraph(
        entities=[Entity("e1", name, 1, dict(attrs))],
        layout=[Box("e1", 0, (0.2, 0.25, 0.8, 0.85))],
        texts=list(texts or []),
    )


def _draw(scene: SceneGraph):
    return BuiltinEngine().draw(scene, settings={"width": 256, "height": 256})


@pytest.mark.parametrize(
    ("name", "attrs"),
    [("t-shirt", {"color": "blue"}), ("mug", {}), ("car", {"color": "red"}), ("sign", {})],
)
def test_the_builtin_engine_writes_the_text_inside_the_thing(name, attrs) -> None:
    plain = _draw(_scene(name, attrs))
    result = _draw(_scene(name, {**attrs, "text": "START"}))
    a = np.asarray(plain.image, dtype=int)
    b = np.asarray(result.image, dtype=int)
    x0, y0, x1, y1 = result.objects[0].box
    changed = np.abs(a - b).sum(axis=-1) > 60
    assert changed[y0:y1, x0:x1].sum() > 40  # ink on the thing
    outside = changed.copy()
    outside[y0:y1, x0:x1] = False
    assert outside.sum() == 0  # and nowhere else: no caption
    other = np.asarray(_draw(_scene(name, {**attrs, "text": "STOP"})).image, dtype=int)
    assert not np.array_equal(other, b)  # the words as given

    verdict = check(_scene(name, {**attrs, "text": "START"}), result)
    finding = next(f for f in verdict.findings if f.constraint == f"{name} text START")
    assert finding.status == SATISFIED


def test_a_sign_with_its_own_text_leaves_the_caption_at_the_top() -> None:
    own = _draw(_scene("sign", {"text": "Exit"}, texts=["Welcome"]))
    both = np.asarray(own.image, dtype=int)
    alone = np.asarray(_draw(_scene("sign", {"text": "Exit"})).image, dtype=int)
    changed = np.abs(both - alone).sum(axis=-1) > 60
    ys, _ = np.nonzero(changed)
    assert changed.sum() > 50
    assert ys.max() < own.objects[0].box[1]  # the caption banner, above the sign


# -- prompts for diffusion engines ------------------------------------------------------------
def test_a_prompt_names_the_text_on_the_thing() -> None:
    shirt = Entity("e1", "t-shirt", 1, {"color": "blue", "text": "START"})
    assert entity_phrase(shirt) == 'a blue t-shirt with the text "START"'
    mugs = Entity("e2", "mug", 2, {"text": "hi"})
    assert entity_phrase(mugs) == 'two mugs with the text "hi"'
    scene = PLANNER.plan("a sign that says 'Exit'")
    assert scene_to_prompt(scene)[0] == 'a sign with the text "Exit"'


def test_a_letter_number_or_word_named_without_quotes_is_written() -> None:
    planner = RulesPlanner()

    def written(text: str) -> dict[str, str]:
        scene = planner.plan(text)
        return {e.name: e.attributes["text"] for e in scene.entities if "text" in e.attributes}

    assert written("the number 7 written on a blackboard") == {"blackboard": "7"}
    assert written("the letter A on a wooden block") == {"block": "A"}
    assert written("a t-shirt with the word LOVE") == {"t-shirt": "LOVE"}
    assert written("a cake with the number five on it") == {"cake": "5"}
    assert written("a boy's cap with the letter B") == {"cap": "B"}
    # not a text to render
    assert planner.plan("the number of apples is three").texts == []
    assert planner.plan("a man reading the word of god").texts == []
    assert planner.plan("a letter on a table").texts == []
