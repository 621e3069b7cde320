"""Exported code of a session a language model planned: the chat is made with that planner
(name, model, base URL; never the key), and each turn it planned is redone from its
recorded plan, so running the code gives the same pictures without asking the model.

The model is a stand-in chat server on 127.0.0.1 (tests/chat_standin.py).
"""

from __future__ import annotations

import ast
import builtins
import copy
import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from chat_standin import ChatStandIn, Seen
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jupyter_imagechat.errors import ImageChatError, InputError
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.llm.planners import EndpointPlanner, TransformersPlanner
from jupyter_imagechat.session import History, Turn
from jupyter_imagechat.session.code import history_to_code, turn_cells
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.turns.replay import replay

KEY = "sk-test-never-written-0123456789"
SIZE = 96
rules = RulesPlanner()


def answer(seen: Seen) -> str:
    """New pictures as the rules read them, with a twist the rules would not plan (a green
    apple): a replay through the rules planner would draw otherwise. Edits: the scene with
    every apple's color set to blue."""
    if "The follow-up: " in seen.user:
        scene = json.loads(seen.user.split("(scene graph JSON):\n", 1)[1].split("\n\n", 1)[0])
        for e in scene["entities"]:
            if e["name"] == "apple":
                e.setdefault("attributes", {})["color"] = "blue"
        return json.dumps(scene)
    scene = json.loads(rules.plan(seen.user).to_json())
    scene["entities"].append({"id": "extra", "name": "apple", "count": 1,
                              "attributes": {"color": "green"}})  # fmt: skip
    return json.dumps(scene)


@pytest.fixture
def standin() -> Iterator[ChatStandIn]:
    with ChatStandIn(answer) as server:
        yield server


def planned_session(standin: ChatStandIn) -> Conversation:
    planner = EndpointPlanner(base_url=standin.url, model="tiny", api_key=KEY, corrections=0)
    chat = Conversation(planner=planner, size=SIZE)
    chat.send("a red bowl")
    chat.send("make the apple blue")
    return chat


def test_the_planner_is_recorded_without_its_key(standin: ChatStandIn) -> None:
    chat = planned_session(standin)
    for turn in chat.history:
        assert turn.metadata["planner"] == {
            "name": "openai", "model": "tiny", "base_url": standin.url}  # fmt: skip
        assert KEY not in json.dumps(turn.to_record())


def test_the_code_makes_the_chat_with_the_planner_and_never_the_key(standin: ChatStandIn) -> None:
    chat = planned_session(standin)
    code = chat.history.to_code()
    assert "from jupyter_imagechat.planner import create_planner" in code
    assert (
        f"chat = ImageChat(planner=create_planner('openai', base_url={standin.url!r}, "
        "model='tiny'))" in code
    )
    assert KEY not in code
    assert "chat.send(" not in code  # each planned turn is redone from its plan
    assert code.count("chat.generate(SceneGraph.from_json(") == 2


def test_running_the_code_redraws_the_same_pictures_without_asking_the_model(
    standin: ChatStandIn,
) -> None:
    chat = planned_session(standin)
    asked = len(standin.seen)
    code = chat.history.to_code()
    namespace: dict[str, Any] = {}
    exec(compile(code, "<export>", "exec"), namespace)
    again = namespace["chat"]
    try:
        assert len(standin.seen) == asked  # the model was not asked again
        assert len(again.history) == len(chat.history)
        for old, new in zip(chat.history, again.history, strict=True):
            assert np.array_equal(np.asarray(old.image), np.asarray(new.image)), old.id
            assert old.scene is not None
            assert new.scene is not None
            assert new.scene.summary() == old.scene.summary()
        assert isinstance(again.conversation.planner, EndpointPlanner)
        assert again.conversation.planner.base_url == standin.url
    finally:
        again.close()


def test_replay_reuses_the_recorded_plans_and_asks_the_model_nothing(
    standin: ChatStandIn,
) -> None:
    chat = planned_session(standin)
    asked = len(standin.seen)
    report = replay(chat.history)
    assert report.differing == []
    assert len(standin.seen) == asked


def test_a_rules_session_exports_as_before() -> None:
    chat = Conversation(size=SIZE)
    chat.send("a red apple")
    code = chat.history.to_code()
    assert "planner" not in code
    assert "chat = ImageChat()" in code
    assert "chat.send('a red apple', seed=0" in code
    assert "planner" not in chat.history[0].metadata


def test_a_local_model_is_named_by_its_id() -> None:
    def generate(messages: list[dict[str, str]]) -> str:
        return rules.plan("a red apple").to_json()

    planner = TransformersPlanner("org/tiny-planner", generate=generate, corrections=0)
    chat = Conversation(planner=planner, size=SIZE)
    chat.send("a red apple")
    code = chat.history.to_code()
    assert "chat = ImageChat(planner='transformers:org/tiny-planner')" in code
    assert "create_planner" not in code


def turn_with(planner_record: Any) -> Turn:
    chat = Conversation(size=64)
    chat.send("a red apple")
    record = chat.history[0].to_record()
    record["metadata"]["planner"] = planner_record
    return Turn.from_record(json.loads(json.dumps(record)), chat.history[0].image, None)


@pytest.mark.parametrize(
    "record",
    [
        {"name": "openai\nimport os", "model": "tiny"},
        {"name": "rules; import os", "model": "tiny"},
        "openai",
        {"name": "openai", "model": "tiny\nimport os"},
        {"name": "openai", "model": 5},
        {"name": "openai", "model": "x" * 600},
        {"name": "openai", "base_url": "file:///etc/passwd"},
        {"name": "openai", "base_url": "http://user:secret@host/v1"},
        {"name": "openai", "base_url": "http://host/v1?key=secret"},
        {"name": "openai", "base_url": "http://host/v1'); import os #"},
        {"name": "transformers"},
    ],
)
def test_hostile_planner_records_are_refused_with_the_field_named(record: Any) -> None:
    turn = turn_with(record)
    with pytest.raises(InputError, match="turn t1 cannot be written as code: its planner record"):
        history_to_code([turn])


PAYLOADS = [
    "\nimport os; os.system('touch /tmp/pwned')\n",
    "x'); __import__('builtins').PWNED = 1; ('",
    "\\'); __import__('builtins').PWNED = 1 #",
    "http://h/v1'); __import__('builtins').PWNED = 1 #",
    "a\u2028b\x0c\x0bc\x00",
]
hostile = st.sampled_from(PAYLOADS) | st.text(max_size=30) | st.integers() | st.none()


def run(code: str) -> list[str]:
    """Run ``code`` against stand-ins; any other import, or anything set on builtins, fails."""
    calls: list[str] = []

    class Chat:
        def __init__(self, **kwargs: Any) -> None:
            calls.append("ImageChat")

        def __getattr__(self, name: str) -> Any:
            assert name in {"send", "generate", "outpaint", "load", "checkout", "image"}, name
            return lambda *a, **k: calls.append(name)

    modules = {
        "jupyter_imagechat": SimpleNamespace(
            ImageChat=Chat, SceneGraph=SimpleNamespace(from_json=lambda text: text)
        ),
        "jupyter_imagechat.planner": SimpleNamespace(create_planner=lambda *a, **k: "planner"),
        "jupyter_imagechat.replay": SimpleNamespace(mask_from_text=lambda text: text),
    }

    def trap(name: str, *args: Any, **kwargs: Any) -> Any:
        assert name in modules, f"exported code imports {name}"
        return modules[name]

    before = set(vars(builtins))
    exec(compile(code, "<export>", "exec"), {"__builtins__": {"__import__": trap, "float": float}})
    assert set(vars(builtins)) == before
    return calls


def planner_call_is_plain(code: str) -> None:
    """The chat's planner argument is a string or create_planner of constant arguments."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.keyword) and node.arg == "planner":
            value = node.value
            if isinstance(value, ast.Call):
                assert ast.unparse(value.func) == "create_planner"
                assert all(isinstance(a, ast.Constant) for a in value.args)
                assert all(isinstance(k.value, ast.Constant) for k in value.keywords)
            else:
                assert isinstance(value, ast.Constant)


def test_hostile_planner_records_never_run() -> None:
    base = turn_with({"name": "openai"})
    exported: list[bool] = []

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        name=st.sampled_from(["openai", "transformers"]) | hostile,
        model=hostile,
        base_url=hostile,
    )
    @example(name="openai", model=PAYLOADS[1], base_url="http://localhost:11434/v1")  # exported
    @example(name="transformers", model=PAYLOADS[2], base_url=None)  # and never run
    def check(name: Any, model: Any, base_url: Any) -> None:
        record = base.to_record()
        record["metadata"]["planner"] = {"name": name, "model": model, "base_url": base_url}
        try:
            turn = Turn.from_record(json.loads(json.dumps(copy.deepcopy(record))), base.image, None)
        except ImageChatError:
            return
        history = History()
        history.restore([turn])
        try:
            codes = [history_to_code([turn]), history.to_code(turn.id), *turn_cells([turn])]
        except ImageChatError:
            return
        for code in codes:
            planner_call_is_plain(code)
            assert "PWNED" not in str(run(code))
        exported.append(True)

    check()
    assert exported  # some records were exported (and ran nothing)
