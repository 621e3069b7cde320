"""Edits through a language model: the current scene, the conversation and the follow-up go
to the model; its answer is held to the edits' invariant (nothing the follow-up did not name
is lost or changed), whatever it answers. Against a stand-in chat endpoint on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chat_standin import ChatStandIn, Seen
from test_followups_invariant import kept  # the rules edits' invariant, as their tests check it

from jupyter_imagechat.errors import Unsure
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.planner import PlanError, RulesPlanner
from jupyter_imagechat.planner.edits.places import guests
from jupyter_imagechat.planner.llm.planners import EndpointPlanner
from jupyter_imagechat.planner.llm.prompts import scene_for_model
from jupyter_imagechat.scene import SceneGraph
from jupyter_imagechat.turns import Conversation

rules = RulesPlanner()
SECRET = "sk-secret-0123456789abcdef"


def sent_scene(seen: Seen) -> dict[str, Any]:
    """The scene graph an edit request carried."""
    text = seen.user.split("The picture shown now (scene graph JSON):\n", 1)[1]
    return json.loads(text.split("\n\n", 1)[0])  # type: ignore[no-any-return]


def follow_up(seen: Seen) -> str:
    return str(json.loads(seen.user.rsplit("The follow-up: ", 1)[1]))


class Model:
    """What the stand-in answers an edit with: a function of the scene and the follow-up."""

    def __init__(self) -> None:
        self.edit: Callable[[dict[str, Any], str], Any] = lambda scene, text: scene

    def __call__(self, seen: Seen) -> str:
        if "The follow-up: " not in seen.user:  # a new picture: the rules planner's plan
            return rules.plan(seen.user).to_json()
        answer = self.edit(sent_scene(seen), follow_up(seen))
        return answer if isinstance(answer, str) else json.dumps(answer)


@pytest.fixture
def model() -> Model:
    return Model()


@pytest.fixture
def standin(model: Model) -> Iterator[ChatStandIn]:
    with ChatStandIn(model) as server:
        yield server


def chat_on(standin: ChatStandIn, **options: Any) -> Conversation:
    options.setdefault("corrections", 0)
    options.setdefault("timeout", 5)
    planner = EndpointPlanner(base_url=standin.url, model="tiny", **options)
    return Conversation(planner=planner, size=96)


def recolour(name: str, colour: str) -> Callable[[dict[str, Any], str], dict[str, Any]]:
    def edit(scene: dict[str, Any], text: str) -> dict[str, Any]:
        for ent in scene["entities"]:
            if ent["name"] == name:
                ent["attributes"]["color"] = colour
                scene["focus"] = ent["id"]
        return scene

    return edit


def test_an_edit_sends_the_scene_the_conversation_and_the_follow_up_and_nothing_else(
    standin: ChatStandIn, model: Model
) -> None:
    chat = chat_on(standin, api_key=SECRET)
    chat.send("two black cats on a sofa")
    chat.send("make the cats white")
    model.edit = recolour("cat", "white")
    chat.send("and the sofa red")
    seen = standin.seen[-1]
    scene = sent_scene(seen)
    assert [(e["id"], e["name"]) for e in scene["entities"]] == [("e1", "cat"), ("e2", "couch")]
    assert all(len(e["box"]) == 4 for e in scene["entities"])  # where each thing is
    assert "layout" not in scene
    assert follow_up(seen) == "and the sofa red"
    assert '1. "two black cats on a sofa"\n2. "make the cats white"' in seen.user
    assert "change only what the follow-up names" in seen.system
    schema = seen.schema
    assert schema is not None
    item = schema["properties"]["entities"]["items"]["properties"]
    assert "box" in item
    assert "focus" in schema["properties"]
    # nothing else of the notebook: no picture, no key in the body, two messages
    assert [m["role"] for m in seen.messages] == ["system", "user"]
    assert SECRET not in json.dumps(seen.body)
    assert "b64" not in json.dumps(seen.body)
    assert len(json.dumps(seen.body)) < 20_000


def test_a_good_edit_is_the_plan_and_keeps_every_box(standin: ChatStandIn, model: Model) -> None:
    chat = chat_on(standin)
    first = chat.send("a cat sitting on a red sofa next to a lamp")
    model.edit = recolour("cat", "white")
    turn = chat.send("make the cat white")
    assert turn.scene is not None
    assert first.scene is not None
    assert turn.notes[0] == f"edited by tiny at {standin.url}"
    assert turn.scene.summary().startswith("1 x cat (sitting, white), 1 x couch (red), 1 x lamp")
    assert kept(first.scene, turn.scene, {"e1"}) == []
    assert turn.scene.boxes_of("e1") == first.scene.boxes_of("e1")
    assert turn.scene.focus == "e1"


def test_a_careless_edit_is_put_back_and_the_notes_say_so(
    standin: ChatStandIn, model: Model
) -> None:
    chat = chat_on(standin)
    first = chat.send("a cat sitting on a red sofa next to a lamp at the beach")
    assert first.scene is not None

    def careless(scene: dict[str, Any], text: str) -> dict[str, Any]:
        scene = recolour("cat", "black")(scene, text)
        scene["entities"] = [e for e in scene["entities"] if e["name"] != "lamp"]  # dropped
        for ent in scene["entities"]:
            if ent["name"] == "couch":
                ent["attributes"]["color"] = "green"  # recoloured
                ent["box"] = [0.0, 0.5, 0.4, 0.9]  # and moved
        scene["background"] = "forest"
        return scene

    model.edit = careless
    turn = chat.send("make the cat black")
    assert turn.scene is not None
    assert kept(first.scene, turn.scene, {"e1"}) == []
    assert turn.scene.background == first.scene.background
    note = next(n for n in turn.notes if n.startswith("the model's answer changed"))
    assert "the lamp (the answer dropped it)" in note
    assert "the couch (the answer made it 1 x couch (green))" in note
    assert "the background 'beach'" in note
    assert turn.scene.entity("e1").attributes["color"] == "black"


def test_a_model_that_renumbers_and_reorders_keeps_the_ids(
    standin: ChatStandIn, model: Model
) -> None:
    chat = chat_on(standin)
    first = chat.send("three red apples left of a blue bowl")
    assert first.scene is not None

    def renumber(scene: dict[str, Any], text: str) -> dict[str, Any]:
        scene = recolour("bowl", "green")(scene, text)
        new = {e["id"]: f"x{k}" for k, e in enumerate(reversed(scene["entities"]))}
        for ent in scene["entities"]:
            ent["id"] = new[ent["id"]]
        for rel in scene["relations"]:
            rel["subject"], rel["object"] = new[rel["subject"]], new[rel["object"]]
        scene["entities"].reverse()
        scene["focus"] = None
        return scene

    model.edit = renumber
    turn = chat.send("make the bowl green")
    assert turn.scene is not None
    assert turn.scene.summary() == "3 x apple (red), 1 x bowl (green); apple left of bowl"
    assert {e.id: e.name for e in turn.scene.entities} == {"e1": "apple", "e2": "bowl"}
    assert kept(first.scene, turn.scene, {"e2"}) == []
    assert not any(n.startswith("the model's answer changed") for n in turn.notes)


def test_a_replaced_thing_keeps_its_id_and_place(standin: ChatStandIn, model: Model) -> None:
    chat = chat_on(standin)
    first = chat.send("a cat next to a lamp")
    assert first.scene is not None

    def replace(scene: dict[str, Any], text: str) -> dict[str, Any]:
        scene["entities"][0].update(name="dog", attributes={})
        return scene

    model.edit = replace
    turn = chat.send("replace the cat with a dog")
    assert turn.scene is not None
    assert turn.scene.entity("e1").name == "dog"
    assert turn.scene.boxes_of("e1") == first.scene.boxes_of("e1")
    assert kept(first.scene, turn.scene, {"e1"}) == []


def test_a_thing_moves_where_the_model_puts_its_box(standin: ChatStandIn, model: Model) -> None:
    chat = chat_on(standin)
    first = chat.send("a dog and a ball")
    assert first.scene is not None

    (before,) = first.scene.boxes_of("e1")
    x0, y0, x1, y1 = before.box
    wish = [x0 + 0.08, y0, x1 + 0.08, y1]  # not where the rules would put it (+0.165)

    def move(scene: dict[str, Any], text: str) -> dict[str, Any]:
        scene["entities"][0]["box"] = wish
        return scene

    model.edit = move
    turn = chat.send("move the dog a bit to the right")
    assert turn.scene is not None
    (box,) = turn.scene.boxes_of("e1")
    assert box.box == pytest.approx(tuple(wish), abs=0.011)  # the layout settles it there
    assert turn.scene.boxes_of("e2") == first.scene.boxes_of("e2")


@pytest.mark.parametrize(
    ("fault", "answer", "said"),
    [
        ("ok", "I would make the cat white.", "unusable"),
        ("ok", '{"entities": "lots"}', "unusable"),
        ("slow", None, "did not answer in time"),
        ("refuse", None, "declined"),
        ("500", None, "(500)"),
    ],
)
def test_a_failed_edit_is_the_rules_planners_and_says_why(
    standin: ChatStandIn, model: Model, fault: str, answer: str | None, said: str
) -> None:
    chat = chat_on(standin, timeout=0.5, max_retries=0)
    first = chat.send("a cat sitting on a red sofa next to a lamp")
    assert first.scene is not None
    standin.faults = [fault]
    if answer is not None:
        standin.answers = [answer]
    turn = chat.send("make the cat white")
    assert turn.scene is not None
    by_rules = rules.read("make the cat white", current=first.scene).scene
    assert turn.scene.to_dict() == arrange(by_rules, seed=0).to_dict()
    assert said in turn.notes[0]
    assert "used the rules planner instead" in turn.notes[0]
    assert kept(first.scene, turn.scene, {"e1"}) == []


def test_a_follow_up_the_rules_cannot_read_is_refused_when_the_model_fails(
    standin: ChatStandIn,
) -> None:
    chat = chat_on(standin, max_retries=0)
    chat.send("a cat on a sofa")
    standin.faults = ["500"]
    with pytest.raises(PlanError, match="unicorn"):
        chat.send("make the unicorn purple")


def test_a_question_is_asked_without_asking_the_model(standin: ChatStandIn) -> None:
    chat = chat_on(standin)
    chat.send("a cat and a rabbit on a lawn")
    asked = len(standin.seen)
    with pytest.raises(Unsure):
        chat.send("three rabbits on a lawn")
    assert len(standin.seen) == asked


def test_a_mask_edit_is_read_by_the_rules_planner(standin: ChatStandIn) -> None:
    chat = chat_on(standin)
    turn = chat.send("three red apples left of a blue bowl")
    asked = len(standin.seen)
    apple = next(o for o in turn.objects if o.name == "apple")
    chat.mask = apple.mask if apple.mask is None else _full(apple, turn.image.size)
    edited = chat.send("make the apple yellow")
    assert len(standin.seen) == asked
    assert (
        edited.notes[0]
        == f"an edit under a mask: read by the rules planner, tiny at {standin.url} not asked"
    )
    assert edited.scene is not None
    assert sorted(e.describe() for e in edited.scene.entities) == [
        "1 x apple (yellow)",
        "1 x bowl (blue)",
        "2 x apple (red)",
    ]


def _full(obj: Any, size: tuple[int, int]) -> Any:
    import numpy as np

    mask = np.zeros((size[1], size[0]), dtype=bool)
    x0, y0, x1, y1 = obj.box
    mask[y0:y1, x0:x1] = obj.mask
    return mask


# -- the invariant, for every kind of reply -----------------------------------------------------
SCENES = (
    "three red apples left of a blue bowl",
    "a cat sitting on a red sofa next to a lamp",
    "two dogs and a cat in a park",
    "a mug and a book on a desk",
)


def follow_ups(scene: SceneGraph) -> Iterator[tuple[str, set[str], bool]]:
    """``(follow-up, ids it names, whether it moves or removes them)``."""
    yield "now it's winter", set(), False
    yield "add a rabbit", set(), False
    for ent in scene.entities:
        yield f"make the {ent.name} purple", {ent.id}, False
        yield f"make the {ent.name} bigger", {ent.id}, True
        yield f"remove the {ent.name}", {ent.id}, True
        yield f"move the {ent.name} to the left", {ent.id}, True
        yield f"label the {ent.name} 'Look'", {ent.id}, False


def good(scene: SceneGraph, text: str) -> str:
    return json.dumps(scene_for_model(rules.read(text, current=scene).scene))


def careless(scene: SceneGraph, text: str) -> str:
    data = json.loads(good(scene, text))
    for ent in data["entities"]:
        ent["attributes"]["color"] = "purple"
        if ent.get("box"):
            ent["box"] = [min(v + 0.1, 1.0) for v in ent["box"][:2]] + ent["box"][2:]
    data["background"] = "moon"
    return json.dumps(data)


def drops(scene: SceneGraph, text: str) -> str:
    data = json.loads(good(scene, text))
    data["entities"] = data["entities"][:1]
    data["relations"], data["labels"] = [], []
    return json.dumps(data)


def renumbers(scene: SceneGraph, text: str) -> str:
    data = json.loads(good(scene, text))
    for ent in data["entities"]:
        ent["id"] = "z" + ent["id"]
    data["relations"] = []
    return json.dumps(data)


def partial(scene: SceneGraph, text: str) -> str:
    answer = good(scene, text)
    return answer[: len(answer) // 2]


REPLIES: dict[str, Callable[[SceneGraph, str], str]] = {
    "good": good,
    "careless": careless,
    "drops": drops,
    "renumbers": renumbers,
    "partial": partial,
    "empty": lambda scene, text: '{"entities": []}',
    "malformed": lambda scene, text: "Sorry, I only draw cats.",
}


@pytest.mark.parametrize("reply", sorted(REPLIES))
def test_nothing_the_follow_up_did_not_name_is_lost_or_changed_whatever_the_model_answers(
    reply: str,
) -> None:
    current: dict[str, Any] = {}

    def answer(seen: Seen) -> str:
        return REPLIES[reply](current["scene"], follow_up(seen))

    cases = 0
    with ChatStandIn(answer) as server:
        planner = EndpointPlanner(base_url=server.url, model="tiny", timeout=5, max_retries=0)
        for start in SCENES:
            before = arrange(rules.plan(start), seed=0)
            current["scene"] = before
            for text, named, moves in follow_ups(before):
                reading = planner.read(text, current=before)
                skip = set(named)
                if moves:  # what rests on a moved or removed thing goes with it
                    skip |= {g for eid in named for g in guests(before, eid)}
                assert kept(before, reading.scene, skip) == [], (reply, start, text)
                laid_out = arrange(reading.scene, seed=0)
                assert kept(before, laid_out, skip) == [], (reply, start, text, "layout")
                cases += 1
    assert cases >= 55


def test_an_answer_that_changes_nothing_gives_the_rules_reading(
    standin: ChatStandIn, model: Model
) -> None:
    chat = chat_on(standin)
    first = chat.send("a cat sitting on a red sofa next to a lamp")
    assert first.scene is not None
    model.edit = lambda scene, text: scene  # the scene as it was
    turn = chat.send("make the cat white")
    assert turn.scene is not None
    assert turn.scene.entity("e1").attributes["color"] == "white"
    assert turn.notes[0].startswith("the language model changed nothing; used the rules planner")


def test_a_new_picture_the_model_cannot_plan_is_the_rules_reading_of_the_follow_up(
    standin: ChatStandIn,
) -> None:
    chat = chat_on(standin, max_retries=0)
    chat.send("a cat and a dog in a garden")
    standin.faults = ["500"]
    turn = chat.send("start over with a cat on a sofa")
    assert turn.scene is not None
    assert turn.scene.summary() == "1 x cat, 1 x couch; cat on couch"  # no "start" drawn
    assert "used the rules planner instead" in " ".join(turn.notes)
    assert turn.mode == "text2img"
