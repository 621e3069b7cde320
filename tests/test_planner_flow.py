"""Plan first, edit the plan, then draw; fixing violations; the widget's plan requests."""

from __future__ import annotations

import threading

import pytest

from jupyter_imagechat import Conversation, ImageChat
from jupyter_imagechat.checker.check import check
from jupyter_imagechat.errors import InputError

SIZE = 128


def test_plan_draws_nothing_and_generate_draws_the_plan() -> None:
    chat = Conversation(size=SIZE)
    scene = chat.plan("three red apples left of a blue bowl")
    assert len(chat.history) == 0
    assert len(scene.layout) == 4  # laid out: one box per apple and the bowl
    turn = chat.generate()
    assert turn.scene is not None
    assert turn.scene.summary() == scene.summary()
    assert [b.box for b in turn.scene.layout] == [b.box for b in scene.layout]
    assert turn.mode == "text2img"
    assert turn.prompt == "three red apples left of a blue bowl"
    assert turn.verdict is not None
    assert turn.verdict.ok


def test_generate_follows_an_edited_plan() -> None:
    chat = Conversation(size=SIZE)
    scene = chat.plan("three red apples left of a blue bowl").to_dict()
    scene["entities"][0]["count"] = 2  # fewer apples
    scene["entities"][1]["attributes"]["color"] = "green"
    bowl = next(b for b in scene["layout"] if b["entity"] == "e2")
    bowl["box"] = [0.7, 0.1, 0.95, 0.35]  # the bowl dragged to the top right
    turn = chat.generate(scene)
    drawn = {(o.entity, o.index) for o in turn.objects}
    assert drawn == {("e1", 0), ("e1", 1), ("e2", 0)}
    bowl_obj = next(o for o in turn.objects if o.entity == "e2")
    assert bowl_obj.attributes["color"] == "green"
    x0, _y0, _x1, y1 = bowl_obj.box
    assert x0 >= 0.65 * SIZE
    assert y1 <= 0.4 * SIZE


def test_generate_adds_boxes_for_a_raised_count() -> None:
    chat = Conversation(size=SIZE)
    scene = chat.plan("a cat").to_dict()
    scene["entities"][0]["count"] = 3
    turn = chat.generate(scene)
    assert sum(o.entity == "e1" for o in turn.objects) == 3


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ("not a dict", "must be a scene graph object"),
        ({"entities": [{"id": "e1", "name": "cat", "count": 0}]}, "count of 'e1' must be 1"),
        ({"entities": [{"id": "e1", "name": "Cat!"}]}, "lowercase noun"),
        ({"entities": [{"name": "cat"}]}, "malformed"),
        ({"entities": []}, "nothing to draw"),
        (
            {
                "entities": [{"id": "e1", "name": "cat"}],
                "layout": [{"entity": "e9", "box": [0, 0, 1, 1]}],
            },
            "unknown entity",
        ),
        ({"entities": [{"id": "e1", "name": "cat", "count": 10**9}]}, "1 to 50"),
    ],
)
def test_untrusted_plans_are_refused_clearly(plan: object, message: str) -> None:
    chat = Conversation(size=SIZE)
    chat.send("a dog")
    with pytest.raises(InputError, match=message):
        chat.generate(plan)  # type: ignore[arg-type]
    assert len(chat.history) == 1  # nothing changed


def test_generate_without_plan_is_an_error() -> None:
    with pytest.raises(InputError, match="no plan"):
        Conversation(size=SIZE).generate()


def test_plan_of_an_edit_redraws_from_the_changed_plan() -> None:
    chat = Conversation(size=SIZE)
    first = chat.send("a red apple next to a blue bowl")
    scene = chat.plan("make the bowl green")
    assert scene.entity("e2").attributes["color"] == "green"
    assert first.scene is not None
    assert scene.boxes_of("e1") == first.scene.boxes_of("e1")
    turn = chat.generate(scene)
    assert turn.mode == "img2img"


def test_fix_redraws_violated_entities() -> None:
    chat = Conversation(size=SIZE)
    scene = chat.plan("a cat left of a dog").to_dict()
    for b in scene["layout"]:  # the user dragged the cat to the far right: relation broken
        if b["entity"] == "e1":  # (both still stand on the ground, the dog the bigger)
            b["box"] = [0.75, 0.7, 0.95, 0.9]
        else:
            b["box"] = [0.45, 0.65, 0.7, 0.9]
    turn = chat.generate(scene)
    assert turn.verdict is not None
    assert not turn.verdict.ok
    assert "say 'fix'" in turn.verdict.summary()
    fixed = chat.fix()
    assert fixed.verdict is not None
    assert fixed.verdict.ok, fixed.verdict.summary()
    assert fixed.mode == "inpaint"
    assert fixed.scene is not None
    assert fixed.scene.boxes_of("e2") == turn.scene.boxes_of("e2")  # the dog stayed
    with pytest.raises(InputError, match="nothing to fix"):
        chat.fix()


def test_fix_without_picture_is_an_error() -> None:
    with pytest.raises(InputError, match="no checked picture"):
        Conversation(size=SIZE).fix()


# -- detector hook --------------------------------------------------------------------------
class FakeDetector:
    def __init__(self, found: list) -> None:
        self.found = found
        self.asked: list[list[str]] = []

    def detect(self, image, names):
        self.asked.append(names)
        return self.found


def test_detector_makes_counts_and_relations_checkable() -> None:
    from PIL import Image

    from jupyter_imagechat.checker.detector import Detection, Detector
    from jupyter_imagechat.engines.base import Result

    chat = Conversation(size=SIZE)
    scene = chat.plan("two red apples left of a bowl and no cars")
    image = Image.new("RGB", (100, 100))
    bare = Result(image=image)  # a diffusion model reports nothing
    assert check(scene, bare).count("unknown") == len(check(scene, bare).findings)
    det = FakeDetector(
        [Detection("apple", (5, 40, 20, 55), 0.9), Detection("apple", (22, 40, 37, 55), 0.8),
         Detection("bowl", (60, 40, 90, 60), 0.9)]
    )  # fmt: skip
    assert isinstance(det, Detector)
    verdict = check(scene, bare, detector=det)
    status = {f.constraint: f.status for f in verdict.findings}
    assert det.asked == [["apple", "bowl", "car"]]
    assert status["2 x apple"] == "satisfied"
    assert status["apple left of bowl"] == "satisfied"
    assert status["no car"] == "satisfied"
    assert status["apple color red"] == "violated"  # read in the found boxes: black pixels
    det.found = [Detection("apple", (60, 40, 70, 50)), Detection("bowl", (5, 40, 30, 60)),
                 Detection("car", (0, 0, 10, 10))]  # fmt: skip
    status = {f.constraint: f.status for f in check(scene, bare, detector=det).findings}
    assert status["2 x apple"] == "violated"
    assert status["apple left of bowl"] == "violated"
    assert status["no car"] == "violated"


def test_failing_detector_leaves_findings_unknown() -> None:
    from PIL import Image

    from jupyter_imagechat.engines.base import Result

    class Broken:
        def detect(self, image, names):
            raise RuntimeError("boom")

    scene = Conversation(size=SIZE).plan("a cat")
    verdict = check(scene, Result(image=Image.new("RGB", (8, 8))), detector=Broken())
    assert {f.status for f in verdict.findings} == {"unknown"}


def test_conversation_uses_its_detector() -> None:
    from jupyter_imagechat.checker.detector import Detection
    from jupyter_imagechat.engines.base import Result

    chat = Conversation(size=SIZE)
    inner = chat.engine

    class Blind:  # the built-in engine, but reporting nothing, like a diffusion model
        name, model = "blind", None

        def draw(self, scene, **kwargs):
            return Result(image=inner.draw(scene, **kwargs).image)

    chat.engine = Blind()  # type: ignore[assignment]
    assert chat.send("a cat").verdict.summary().endswith("not checkable with this engine")
    chat.detector = FakeDetector([Detection("cat", (10, 10, 50, 50))])
    verdict = chat.send("a cat").verdict
    assert [f.status for f in verdict.of_kind("plan")] == ["satisfied"]
    assert ": all kept" in verdict.summary()  # frame, overlap from the detector's box


def test_owlvit_detector_without_weights_is_a_clear_error() -> None:
    from PIL import Image

    from jupyter_imagechat.checker.detector import OwlVitDetector
    from jupyter_imagechat.errors import EngineError

    det = OwlVitDetector("/nonexistent/owlvit")
    with pytest.raises(EngineError, match="cannot load the detector"):
        det.detect(Image.new("RGB", (8, 8)), ["cat"])


# -- the widget --------------------------------------------------------------------------------
@pytest.fixture
def widget(monkeypatch):
    chat = ImageChat(size=SIZE)
    sent: list[dict] = []
    lock = threading.Lock()

    def record(msg_type, data=None, metadata=None, buffers=None, **keys):
        with lock:
            if data and data.get("method") == "custom":
                sent.append(data["content"])

    monkeypatch.setattr(chat.comm, "publish_msg", record)
    chat.replies = sent
    yield chat
    chat._wait(10)
    chat.close()


def ask(chat: ImageChat, content: dict) -> dict:
    chat._handle_custom_msg(content, None)
    assert chat._wait(30)
    return next(r for r in reversed(chat.replies) if r["id"] == content["id"])


def test_widget_plan_then_generate_the_edited_plan(widget: ImageChat) -> None:
    reply = ask(widget, {"id": "p1", "kind": "plan", "prompt": "three red apples"})
    assert reply["ok"], reply
    assert len(widget.history) == 0
    plan = widget._plan["scene"]
    assert widget._plan["summary"] == "3 x apple (red)"
    assert widget._messages[-1]["plan"] == "3 x apple (red)"
    plan["entities"][0]["count"] = 1
    reply = ask(widget, {"id": "g1", "kind": "generate", "plan": plan})
    assert reply["ok"], reply
    assert widget.history[-1].scene.entities[0].count == 1
    assert widget._plan == {}
    assert widget._image  # the picture was sent to the browser


def test_widget_plan_first_setting_stops_chat_at_the_plan(widget: ImageChat) -> None:
    assert ask(widget, {"id": "s1", "kind": "plan_first", "value": True})["ok"]
    assert widget.plan_first is True
    assert ask(widget, {"id": "s2", "kind": "send", "prompt": "a dog"})["ok"]
    assert len(widget.history) == 0
    assert widget._plan["summary"] == "1 x dog"
    widget.plan_first = False
    assert ask(widget, {"id": "s3", "kind": "send", "prompt": "a cat"})["ok"]
    assert len(widget.history) == 1


def test_widget_refuses_a_bad_plan_in_the_chat(widget: ImageChat) -> None:
    ask(widget, {"id": "p1", "kind": "plan", "prompt": "a cat"})
    bad = {"entities": [{"id": "e1", "name": "cat", "count": -3}]}
    reply = ask(widget, {"id": "g1", "kind": "generate", "plan": bad})
    assert not reply["ok"]
    assert reply["kind"] == "input"
    assert widget._messages[-1]["role"] == "error"
    assert "the plan is not valid" in widget._messages[-1]["text"]
    assert len(widget.history) == 0
    reply = ask(widget, {"id": "g2", "kind": "generate", "plan": "nope"})
    assert not reply["ok"]
    assert "scene graph object" in reply["error"]
    reply = ask(widget, {"id": "g3", "kind": "plan_first", "value": "yes"})
    assert not reply["ok"]
    assert "true or false" in reply["error"]


def test_widget_fix_from_the_chat(widget: ImageChat) -> None:
    scene = widget.plan("a cat left of a dog").to_dict()
    for b in scene["layout"]:
        b["box"] = [0.75, 0.4, 0.95, 0.6] if b["entity"] == "e1" else [0.05, 0.4, 0.25, 0.6]
    turn = widget.generate(scene)
    assert not turn.verdict.ok
    assert ask(widget, {"id": "f1", "kind": "send", "prompt": "Fix it!"})["ok"]
    assert len(widget.history) == 2
    assert widget.history[-1].verdict.ok
    reply = ask(widget, {"id": "f2", "kind": "fix"})
    assert not reply["ok"]
    assert "nothing to fix" in reply["error"]


def test_a_drawn_turn_replaces_the_waiting_plan() -> None:
    chat = Conversation(size=SIZE)
    chat.plan("a cat")
    chat.send("a dog")
    with pytest.raises(InputError, match="no plan"):
        chat.generate()
