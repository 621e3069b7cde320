"""Stop while a language model plans or corrects: the turn ends promptly, the history stays.

The stand-in chat server (127.0.0.1) holds its reply for a long time ("slow"); Stop is
pressed once the request has reached it. Without Stop reaching the model's request, the
turn would wait for the whole slow reply (or the client's timeout).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from chat_standin import ChatStandIn, Seen
from test_widget import Recorder, request

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import Cancelled
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.llm.planners import EndpointPlanner, TransformersPlanner
from jupyter_imagechat.turns import Conversation

rules = RulesPlanner()
SLOW = 30.0  # seconds the stand-in holds a "slow" reply
PROMPT = 10.0  # a stopped turn must end well before the slow reply would come


def answer(seen: Seen) -> str:
    """New pictures and edits as the rules planner reads them; corrections: a house."""
    if "What the checker found wrong" in seen.user:
        return json.dumps({"entities": [{"id": "e1", "name": "house", "count": 1}]})
    if "The follow-up: " in seen.user:
        return seen.user.split("(scene graph JSON):\n", 1)[1].split("\n\n", 1)[0]
    return rules.plan(seen.user).to_json()


@pytest.fixture
def standin() -> Iterator[ChatStandIn]:
    with ChatStandIn(answer) as server:
        server.slow_seconds = SLOW
        yield server


def chat_on(standin: ChatStandIn) -> Conversation:
    planner = EndpointPlanner(base_url=standin.url, model="tiny", timeout=SLOW * 2, max_retries=0)
    return Conversation(planner=planner, size=96)


def stop_once_asked(standin: ChatStandIn, requests: int) -> Any:
    """A Stop pressed once the stand-in has received ``requests`` requests."""
    return lambda: len(standin.seen) >= requests


def test_stop_while_the_model_plans_a_new_picture_ends_the_turn(standin: ChatStandIn) -> None:
    chat = chat_on(standin)
    standin.faults = ["slow"]
    started = time.monotonic()
    with pytest.raises(Cancelled):
        chat.send("two red apples", should_stop=stop_once_asked(standin, 1))
    assert time.monotonic() - started < PROMPT
    assert len(standin.seen) == 1  # it was the model's request that was stopped
    assert len(chat.history) == 0
    assert chat.image is None
    assert not chat.busy
    turn = chat.send("two red apples")  # the next request works
    assert turn.scene is not None
    assert "apple" in turn.scene.summary()


def test_stop_while_the_model_plans_an_edit_keeps_the_picture(standin: ChatStandIn) -> None:
    chat = chat_on(standin)
    first = chat.send("a red apple")
    standin.faults = ["slow"]
    started = time.monotonic()
    with pytest.raises(Cancelled):
        chat.send("make the apple green", should_stop=stop_once_asked(standin, 2))
    assert time.monotonic() - started < PROMPT
    assert [t.id for t in chat.history] == [first.id]
    assert chat.history.head is first
    assert chat.image is first.image


def test_stop_while_the_model_corrects_keeps_the_first_picture(standin: ChatStandIn) -> None:
    chat = chat_on(standin)
    standin.faults = ["ok", "slow"]  # the plan comes at once; the correction is slow
    started = time.monotonic()
    turn = chat.send("a roman villa", should_stop=stop_once_asked(standin, 2))
    assert time.monotonic() - started < PROMPT
    assert len(standin.seen) == 2
    assert "What the checker found wrong" in standin.seen[1].user  # stopped while correcting
    assert [t.id for t in chat.history] == [turn.id]
    assert turn.scene is not None
    assert "villa" in turn.scene.summary()
    (round_,) = turn.metadata["correction"]["rounds"]
    assert round_["kept"] == "first"
    assert "stopped" in round_["why"]
    assert any(n.startswith("self-correction:") and "stopped" in n for n in turn.notes)
    assert not chat.busy


def test_a_planner_without_stop_still_plans(standin: ChatStandIn) -> None:
    """A planner subclass of an earlier version (``complete`` without ``should_stop``)."""

    class Older(EndpointPlanner):
        def complete(
            self, messages: list[dict[str, str]], *, schema: dict[str, Any] | None = None
        ) -> str:
            return super().complete(messages, schema=schema)

    chat = Conversation(planner=Older(base_url=standin.url, model="tiny"), size=96)
    turn = chat.send("a red apple", should_stop=lambda: False)
    assert turn.scene is not None
    assert "apple" in turn.scene.summary()


def test_the_widgets_stop_ends_a_turn_the_model_is_planning(
    standin: ChatStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = EndpointPlanner(base_url=standin.url, model="tiny", timeout=SLOW * 2, max_retries=0)
    widget = ImageChat(planner=planner, size=96, autosave=False)  # type: ignore[arg-type]
    widget.recorder = Recorder()  # type: ignore[attr-defined]
    monkeypatch.setattr(widget.comm, "publish_msg", widget.recorder)  # type: ignore[attr-defined]
    try:
        standin.faults = ["slow"]
        request(widget, {"id": "r1", "kind": "send", "prompt": "two red apples"}, wait=False)
        deadline = time.monotonic() + PROMPT
        while not standin.seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert standin.seen  # the model is being asked
        started = time.monotonic()
        stopping = request(widget, {"id": "r2", "kind": "cancel"}, wait=False)
        assert stopping is not None
        assert stopping["result"] == {"stopping": True}
        assert widget._wait(PROMPT)
        assert time.monotonic() - started < PROMPT
        reply = next(r for r in widget.recorder.replies() if r["id"] == "r1")  # type: ignore[attr-defined]
        assert reply["kind"] == "cancelled"
        assert len(widget.history) == 0
        assert widget._busy is False
        assert "Stopped" in widget._messages[-1]["text"]
    finally:
        widget.close()


def test_a_local_model_is_not_asked_after_stop() -> None:
    asked: list[int] = []

    def generate(messages: list[dict[str, str]]) -> str:
        asked.append(1)
        return rules.plan("a red apple").to_json()

    chat = Conversation(
        planner=TransformersPlanner("org/tiny", generate=generate, corrections=0), size=96
    )
    with pytest.raises(Cancelled):
        chat.send("a red apple", should_stop=lambda: True)
    assert asked == []
    assert len(chat.history) == 0
    assert chat.send("a red apple").scene is not None
    assert asked == [1]
