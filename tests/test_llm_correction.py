"""Self-correction (the turn pipeline's step 7): what the checker found wrong goes back to the
language model with the plan; a corrected plan is laid out, drawn, checked, and kept only
if it fixes more. Against a stand-in chat endpoint on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from chat_standin import ChatStandIn, Seen
from PIL import Image

from jupyter_imagechat.engines.base import Result
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.errors import EngineError
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.llm.planners import EndpointPlanner
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.turns.replay import replay

rules = RulesPlanner()


def thing(name: str, **attributes: str) -> dict[str, Any]:
    return {"entities": [{"id": "e1", "name": name, "count": 1, "attributes": attributes}]}


def asks_to_correct(seen: Seen) -> bool:
    return "What the checker found wrong" in seen.user


def sent_plan(seen: Seen) -> dict[str, Any]:
    text = seen.user.split("The scene graph it was drawn from (scene graph JSON):\n", 1)[1]
    return json.loads(text.split("\n\n", 1)[0])  # type: ignore[no-any-return]


class Model:
    """Answers new pictures with ``new(prompt)``, edits with ``edit(scene, follow-up)`` and
    corrections with ``correct(plan, request)``."""

    def __init__(self) -> None:
        self.new: Callable[[str], Any] = lambda prompt: json.loads(rules.plan(prompt).to_json())
        self.edit: Callable[[dict[str, Any], str], Any] = lambda scene, text: scene
        self.correct: Callable[[dict[str, Any], Seen], Any] = lambda plan, seen: plan

    def __call__(self, seen: Seen) -> str:
        if asks_to_correct(seen):
            return json.dumps(self.correct(sent_plan(seen), seen))
        if "The follow-up: " in seen.user:
            scene = seen.user.split("(scene graph JSON):\n", 1)[1].split("\n\n", 1)[0]
            text = json.loads(seen.user.rsplit("The follow-up: ", 1)[1])
            return json.dumps(self.edit(json.loads(scene), text))
        return json.dumps(self.new(seen.user))


@pytest.fixture
def model() -> Model:
    return Model()


@pytest.fixture
def standin(model: Model) -> Iterator[ChatStandIn]:
    with ChatStandIn(model) as server:
        yield server


def chat_on(standin: ChatStandIn, engine: Any = None, **options: Any) -> Conversation:
    options.setdefault("timeout", 5)
    planner = EndpointPlanner(base_url=standin.url, model="tiny", **options)
    return Conversation(engine=engine, planner=planner, size=96)


def corrections(standin: ChatStandIn) -> list[Seen]:
    return [s for s in standin.seen if asks_to_correct(s)]


def test_a_card_goes_back_to_the_model_and_a_plan_that_fixes_it_is_kept(
    standin: ChatStandIn, model: Model
) -> None:
    model.new = lambda prompt: thing("villa")
    villa_label = [{"text": "villa", "target": "e1"}]
    model.correct = lambda plan, seen: {**thing("house"), "labels": villa_label}
    turn = chat_on(standin).send("a roman villa")
    (asked,) = corrections(standin)
    assert "- no picture for 'villa' (e1): drawn as a labelled card" in asked.user
    assert sent_plan(asked)["entities"][0]["name"] == "villa"
    assert 'The request: "a roman villa"' in asked.user
    assert asked.schema is not None
    assert turn.scene is not None
    assert turn.scene.summary() == "1 x house; labels: 'villa'"
    assert turn.verdict is not None
    assert "card" not in turn.verdict.summary()
    record = turn.metadata["correction"]
    assert record["planner"] == f"tiny at {standin.url}"
    (first,) = record["rounds"]
    assert first["plan"]["entities"][0]["name"] == "villa"  # both plans are recorded
    assert first["corrected"]["entities"][0]["name"] == "house"
    assert first["kept"] == "corrected"
    assert first["left"] == []
    assert first["problems"] == ["no picture for 'villa' (e1): drawn as a labelled card"]
    assert any(n.startswith("self-correction:") and "leaves 0" in n for n in turn.notes)
    assert "correct" in turn.timings


def test_a_correction_that_fixes_nothing_keeps_the_first_picture(
    standin: ChatStandIn, model: Model
) -> None:
    model.new = lambda prompt: thing("villa")
    model.correct = lambda plan, seen: thing("palazzo")
    turn = chat_on(standin).send("a roman villa")
    assert turn.scene is not None
    assert turn.scene.entities[0].name == "villa"
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "first"
    assert first["corrected"]["entities"][0]["name"] == "palazzo"
    assert first["left"] == ["no picture for 'palazzo' (e1): drawn as a labelled card"]
    assert any("kept the first picture" in n for n in turn.notes)
    assert turn.verdict is not None
    assert "no picture for 'villa'" in turn.verdict.summary()


class Smudging(BuiltinEngine):
    """The built-in engine, with every apple painted grey after drawing: a colour the checker
    finds not kept."""

    def draw(self, scene: Any, **options: Any) -> Result:
        result = super().draw(scene, **options)
        pixels = np.asarray(result.image).copy()
        for obj in result.objects:
            if obj.name == "apple" and obj.mask is not None:
                x0, y0, x1, y1 = obj.box
                pixels[y0:y1, x0:x1][obj.mask] = (128, 128, 128)
        return Result(Image.fromarray(pixels), result.objects, result.metadata)


def test_violated_findings_go_back_and_an_unchanged_plan_draws_nothing_more(
    standin: ChatStandIn, model: Model
) -> None:
    engine = Smudging()
    calls: list[int] = []
    draw = engine.draw
    engine.draw = lambda scene, **kw: calls.append(1) or draw(scene, **kw)  # type: ignore[method-assign]
    turn = chat_on(standin, engine=engine).send("three red apples left of a blue bowl")
    (asked,) = corrections(standin)
    assert "- not kept: " in asked.user
    assert "apple" in asked.user.split("What the checker found wrong", 1)[1]
    assert len(calls) == 1  # the model answered the same plan: nothing drawn again
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "first"
    assert first["why"] == "the model changed nothing"


def test_the_rounds_are_bounded_by_the_setting(standin: ChatStandIn, model: Model) -> None:
    names = iter(["palazzo", "manor", "chateau", "castle keep"])
    model.new = lambda prompt: thing("villa")
    model.correct = lambda plan, seen: thing(next(names))
    turn = chat_on(standin, corrections=2).send("a roman villa")
    assert len(corrections(standin)) == 2
    assert [r["kept"] for r in turn.metadata["correction"]["rounds"]] == ["first", "first"]
    chat_on(standin, corrections=0).send("a roman villa")
    assert len(corrections(standin)) == 2  # none more
    assert len(standin.seen) == 4


def test_a_model_that_could_not_be_asked_is_not_asked_again_to_correct(
    standin: ChatStandIn,
) -> None:
    standin.faults = ["500"]
    turn = chat_on(standin, max_retries=0).send("a roman villa")  # the rules plan it: a card
    assert "used the rules planner instead" in turn.notes[0]
    assert len(standin.seen) == 1  # no second wait for an endpoint that just failed
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["why"].startswith("the language model could not be asked a moment ago")


def test_the_rules_planner_has_no_correction_step() -> None:
    engine = BuiltinEngine()
    calls: list[int] = []
    draw = engine.draw
    engine.draw = lambda scene, **kw: calls.append(1) or draw(scene, **kw)  # type: ignore[method-assign]
    turn = Conversation(engine=engine, size=96).send("a roman villa")
    assert turn.verdict is not None
    assert "no picture for" in turn.verdict.summary()
    assert "correction" not in turn.metadata
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("fault", "answer", "said"),
    [
        ("ok", "Sorry, I only draw cats.", "no corrected plan (the answer holds no JSON"),
        ("ok", '{"entities": "lots"}', "no corrected plan ("),
        ("ok", '{"entities": [{"id": "e1", "na', "no corrected plan ("),
        ("slow", None, "did not answer in time"),
        ("refuse", None, "declined"),
        ("500", None, "failed (500)"),
    ],
    ids=["prose", "wrong-shape", "cut-off", "slow", "refusing", "failing"],
)
def test_a_correction_the_model_cannot_give_keeps_the_first_picture_and_says_why(
    standin: ChatStandIn, fault: str, answer: str | None, said: str
) -> None:
    standin.answers = [json.dumps(thing("villa"))] + ([answer] if answer else [])
    standin.faults = ["ok", fault]  # the plan comes back; the correction does not
    turn = chat_on(standin, timeout=0.5, max_retries=0).send("a roman villa")
    assert len(corrections(standin)) == 1
    assert turn.scene is not None
    assert turn.scene.summary() == "1 x villa"
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "first"
    assert said in first["why"], first["why"]
    assert "corrected" not in first  # no second plan was drawn
    assert any(n.startswith("self-correction: no corrected plan") for n in turn.notes)
    assert turn.verdict is not None
    assert "no picture for 'villa'" in turn.verdict.summary()  # the first verdict, honest


def test_words_not_understood_go_back_and_a_plan_that_reads_them_is_kept(
    standin: ChatStandIn, model: Model
) -> None:
    prompt = "the water cycle and a zxqwvbnm"  # a topic of the knowledge base: no model asked

    def reads_the_word(plan: dict[str, Any], seen: Seen) -> dict[str, Any]:
        plan["entities"].append({"id": "e99", "name": "kite", "count": 1, "attributes": {}})
        return plan

    model.correct = reads_the_word
    turn = chat_on(standin).send(prompt)
    (asked,) = corrections(standin)
    assert "- I didn't understand 'zxqwvbnm'" in asked.user
    assert turn.scene is not None
    assert "kite" in [e.name for e in turn.scene.entities]
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "corrected", first
    assert first["left"] == []
    assert not any("didn't understand" in n for n in turn.notes)  # the chat no longer says it

    model.correct = lambda plan, seen: plan  # a model that leaves the word out: nothing kept
    again = chat_on(standin).send(prompt)
    assert any("didn't understand 'zxqwvbnm'" in n for n in again.notes)


class FailingSecond(BuiltinEngine):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def draw(self, scene: Any, **options: Any) -> Result:
        self.calls += 1
        if self.calls == 2:
            raise EngineError("out of memory while drawing: try a smaller size")
        return super().draw(scene, **options)


def test_a_corrected_plan_that_cannot_be_drawn_keeps_the_first_picture(
    standin: ChatStandIn, model: Model
) -> None:
    model.new = lambda prompt: thing("villa")
    model.correct = lambda plan, seen: thing("house")
    turn = chat_on(standin, engine=FailingSecond()).send("a roman villa")
    assert turn.scene is not None
    assert turn.scene.entities[0].name == "villa"
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "first"
    assert first["why"].startswith("it could not be drawn: out of memory")


def test_a_correction_of_an_edit_keeps_what_the_follow_up_did_not_name(
    standin: ChatStandIn, model: Model
) -> None:
    chat = chat_on(standin)
    first = chat.send("a cat next to a lamp")
    assert first.scene is not None

    def add_toy(scene: dict[str, Any], text: str) -> dict[str, Any]:
        toy = {"id": "e9", "name": "fidget spinner", "count": 1, "attributes": {}}
        scene["entities"].append(toy)
        return scene

    def careless_fix(plan: dict[str, Any], seen: Seen) -> dict[str, Any]:
        for ent in plan["entities"]:
            if ent["name"] == "fidget spinner":
                ent["name"] = "ball"
            if ent["name"] == "lamp":
                ent["attributes"] = {"color": "green"}  # not asked for
        return plan

    model.edit = add_toy
    model.correct = careless_fix
    turn = chat.send("add a fidget spinner")
    (asked,) = corrections(standin)
    assert "The earlier picture (scene graph JSON)" in asked.user
    assert turn.scene is not None
    assert sorted(e.describe() for e in turn.scene.entities) == [
        "1 x cat",
        "1 x lamp",
        "1 x sports ball",
    ]
    lamp = next(e for e in first.scene.entities if e.name == "lamp")
    assert turn.scene.entity(lamp.id) == lamp
    assert turn.scene.boxes_of(lamp.id) == first.scene.boxes_of(lamp.id)
    assert any("kept as it was: the lamp" in n for n in turn.notes)


def test_a_corrected_turn_replays_pixel_for_pixel(standin: ChatStandIn, model: Model) -> None:
    model.new = lambda prompt: thing("villa")
    model.correct = lambda plan, seen: thing("house")
    chat = chat_on(standin)
    chat.send("a roman villa")
    asked = len(standin.seen)
    assert replay(chat.history).identical
    assert len(standin.seen) == asked  # replay draws the recorded plans: no model asked


def test_a_correction_may_change_only_what_the_problems_concern(
    standin: ChatStandIn, model: Model
) -> None:
    model.new = lambda prompt: {
        "entities": [
            {"id": "e1", "name": "villa", "count": 1, "attributes": {}},
            {"id": "e2", "name": "car", "count": 1, "attributes": {"color": "red"}},
            {"id": "e3", "name": "dog", "count": 2, "attributes": {"color": "brown"}},
        ],
        "relations": [{"subject": "e2", "predicate": "left of", "object": "e1"}],
        "background": "meadow",
    }

    def fixes_the_card_and_more(plan: dict[str, Any], seen: Seen) -> dict[str, Any]:
        plan["entities"] = [e for e in plan["entities"] if e["name"] != "car"]  # dropped
        for ent in plan["entities"]:
            if ent["name"] == "villa":
                ent["name"] = "house"  # what the card asked for
            if ent["name"] == "dog":
                ent["count"], ent["attributes"] = 5, {"color": "green"}
        plan["entities"].append({"id": "e8", "name": "dog", "count": 1, "attributes": {}})
        plan["background"], plan["style"] = "moon", "pixel art"
        return plan

    model.correct = fixes_the_card_and_more
    turn = chat_on(standin).send("a roman villa with a red car and two brown dogs")
    (first,) = turn.metadata["correction"]["rounds"]
    assert first["kept"] == "corrected"
    assert turn.scene is not None
    assert sorted(e.describe() for e in turn.scene.entities) == [
        "1 x car (red)",
        "1 x house",
        "2 x dog (brown)",
    ]
    assert (turn.scene.background, turn.scene.style) == ("meadow", None)
    assert any("did not concern; kept as it was: the car" in n for n in turn.notes)
    assert turn.verdict is not None
    assert "all kept" in turn.verdict.summary()  # the request, not just the corrected plan
