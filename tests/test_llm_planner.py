"""Language-model planners against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from jupyter_imagechat.planner import PlanError, create_planner
from jupyter_imagechat.planner.llm import EndpointPlanner, TransformersPlanner
from jupyter_imagechat.planner.schema import extract_json, parse_scene, repair
from jupyter_imagechat.scene import MAX_COUNT, SceneError

GOOD = {
    "entities": [
        {"id": "e1", "name": "cat", "count": 2, "attributes": {"color": "black"}},
        {"id": "e2", "name": "sofa", "count": 1, "attributes": {}},
    ],
    "relations": [{"subject": "e1", "predicate": "on", "object": "e2"}],
    "exclude": [],
    "style": None,
    "background": "night",
    "texts": [],
}


class FakeEndpoint:
    """An HTTP server answering ``/chat/completions`` with whatever ``answer`` holds."""

    def __init__(self) -> None:
        self.answer: str = json.dumps(GOOD)
        self.delay = 0.0
        self.status = 200
        self.raw: bytes | None = None
        self.requests: list[tuple[dict[str, str], dict[str, Any]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((dict(self.headers), body | {"path": self.path}))
                time.sleep(outer.delay)
                payload = (
                    outer.raw
                    or json.dumps(
                        {"choices": [{"message": {"role": "assistant", "content": outer.answer}}]}
                    ).encode()
                )
                try:
                    self.send_response(outer.status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint() -> Iterator[FakeEndpoint]:
    server = FakeEndpoint()
    yield server
    server.close()


def test_good_answer_is_the_plan(endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    planner = EndpointPlanner(base_url=endpoint.url, model="tiny", timeout=5)
    scene, notes = planner.plan_with_notes("two black cats on a sofa at night")
    assert scene.summary() == "2 x cat (black), 1 x couch; cat on couch; background: night"
    assert notes[0] == f"planned by tiny at {endpoint.url}"
    headers, body = endpoint.requests[0]
    assert body["path"] == "/v1/chat/completions"
    assert body["model"] == "tiny"
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["response_format"]["json_schema"]["schema"]["required"][0] == "entities"
    assert body["messages"][-1] == {"role": "user", "content": "two black cats on a sofa at night"}


def test_settings_come_from_environment(
    endpoint: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", endpoint.url)
    monkeypatch.setenv("IMAGECHAT_LLM_MODEL", "env-model")
    monkeypatch.setenv("IMAGECHAT_LLM_API_KEY", "k2")
    planner = create_planner("openai")
    planner.plan("a cat")
    headers, body = endpoint.requests[0]
    assert body["model"] == "env-model"
    assert headers["Authorization"] == "Bearer k2"


def test_answer_in_prose_and_code_fence(endpoint: FakeEndpoint) -> None:
    endpoint.answer = "Sure! Here it is:\n```json\n" + json.dumps(GOOD) + "\n```\nEnjoy."
    scene = EndpointPlanner(base_url=endpoint.url, timeout=5).plan("cats on a sofa")
    assert [e.name for e in scene.entities] == ["cat", "couch"]


def test_cut_off_answer_is_repaired(endpoint: FakeEndpoint) -> None:
    text = json.dumps(GOOD)
    endpoint.answer = text[: text.index('"relations"') + 30]  # stops inside the relations
    scene, notes = EndpointPlanner(base_url=endpoint.url, timeout=5).plan_with_notes("cats")
    assert [e.name for e in scene.entities] == ["cat", "couch"]
    assert scene.entities[0].count == 2
    assert any("cut off" in n for n in notes)


@pytest.mark.parametrize("answer", ["I cannot help with that.", '{"entities": "lots"}', "{{{"])
def test_malformed_answer_falls_back_to_rules(endpoint: FakeEndpoint, answer: str) -> None:
    endpoint.answer = answer
    scene, notes = EndpointPlanner(base_url=endpoint.url, timeout=5).plan_with_notes(
        "three red apples left of a blue bowl"
    )
    assert scene.summary() == "3 x apple (red), 1 x bowl (blue); apple left of bowl"
    assert "unusable" in notes[0]
    assert "used the rules planner instead" in notes[0]


def test_not_a_chat_endpoint_falls_back(endpoint: FakeEndpoint) -> None:
    endpoint.raw = b'{"hello": "world"}'
    scene, notes = EndpointPlanner(base_url=endpoint.url, timeout=5).plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert "did not answer like a chat endpoint" in notes[0]


def test_http_error_falls_back(endpoint: FakeEndpoint) -> None:
    endpoint.status = 500
    scene, notes = EndpointPlanner(base_url=endpoint.url, timeout=5).plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert "HTTP 500" in notes[0]


def test_slow_answer_times_out_and_falls_back(endpoint: FakeEndpoint) -> None:
    endpoint.delay = 2.0
    t0 = time.perf_counter()
    scene, notes = EndpointPlanner(base_url=endpoint.url, timeout=0.3).plan_with_notes("a dog")
    assert time.perf_counter() - t0 < 1.5
    assert scene.summary() == "1 x dog"
    assert "within 0.3 s" in notes[0]


def test_refused_connection_falls_back() -> None:
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    planner = EndpointPlanner(base_url=f"http://127.0.0.1:{port}/v1", timeout=2)
    scene, notes = planner.plan_with_notes("two cats")
    assert scene.summary() == "2 x cat"
    assert "cannot reach" in notes[0]


def test_conversation_shows_fallback_note() -> None:
    from jupyter_imagechat import Conversation

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    planner = EndpointPlanner(base_url=f"http://127.0.0.1:{port}/v1", timeout=2)
    chat = Conversation(planner=planner, size=64)
    turn = chat.send("a red apple")
    assert turn.scene is not None
    assert turn.scene.summary() == "1 x apple (red)"
    assert any("used the rules planner instead" in n for n in turn.notes)


def test_edits_go_to_rules_and_keep_layout(endpoint: FakeEndpoint) -> None:
    from jupyter_imagechat import Conversation

    chat = Conversation(planner=EndpointPlanner(base_url=endpoint.url, timeout=5), size=64)
    first = chat.send("two black cats on a sofa")
    second = chat.send("make the cat white")
    assert len(endpoint.requests) == 1  # the edit did not ask the model
    assert second.scene is not None
    assert first.scene is not None
    assert second.scene.entities[0].attributes["color"] == "white"
    assert second.scene.boxes_of("e2") == first.scene.boxes_of("e2")


def test_bad_settings_are_clear_errors() -> None:
    with pytest.raises(PlanError, match="http"):
        EndpointPlanner(base_url="ftp://x")
    with pytest.raises(PlanError, match="timeout"):
        EndpointPlanner(base_url="http://x", timeout=0)
    with pytest.raises(PlanError, match=r"empty|Type what"):
        EndpointPlanner(base_url="http://127.0.0.1:9").plan("   ")


# -- repair ---------------------------------------------------------------------------------
def test_repair_fixes_shapes_and_drops_what_it_cannot_read() -> None:
    scene, notes = repair(
        {
            "entities": [
                {"id": "a", "name": "Apples", "count": "3", "attributes": {"colour": "Crimson"}},
                {"id": "b", "name": "man", "count": 1000},
                {"id": "c", "name": 42},
            ],
            "relations": [
                {"subject": "b", "predicate": "wearing", "object": "a"},
                {"subject": "a", "predicate": "on top of", "object": "b"},
                {"subject": "a", "predicate": "levitating", "object": "b"},
                {"subject": "a", "predicate": "on", "object": "zzz"},
            ],
            "exclude": ["cars"],
            "style": "Watercolor",
        }
    )
    assert [(e.name, e.count) for e in scene.entities] == [("apple", 3), ("man", 50)]
    assert scene.entities[0].attributes == {"color": "red"}
    assert [(r.subject, r.predicate, r.object) for r in scene.relations] == [
        ("e1", "on", "e2")  # "b wearing a" is "a on b", the same as the second
    ]
    assert scene.exclude == [{"name": "car"}]
    assert scene.style == "watercolor"
    assert any("capped 1000" in n for n in notes)
    assert sum("dropped" in n for n in notes) == 3


def test_repair_refuses_an_empty_answer() -> None:
    with pytest.raises(SceneError, match="nothing to draw"):
        repair({"entities": [], "relations": []})
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("no braces here")


def test_parse_scene_closes_open_strings() -> None:
    scene, notes = parse_scene('{"entities": [{"id": "e1", "name": "red balloo')
    assert scene.entities[0].name == "red balloo"
    assert notes[0].startswith("the answer was cut off")


# -- transformers -----------------------------------------------------------------------------
def test_transformers_planner_with_fake_generate() -> None:
    seen: list[list[dict[str, str]]] = []

    def generate(messages: list[dict[str, str]]) -> str:
        seen.append(messages)
        return json.dumps(GOOD)

    planner = create_planner("transformers", generate=generate)
    scene, notes = planner.plan_with_notes("cats on a sofa")
    assert [e.name for e in scene.entities] == ["cat", "couch"]
    assert seen[0][0]["role"] == "system"
    assert "left of" in seen[0][0]["content"]
    assert notes[0] == "planned by a local model"


def test_transformers_planner_runs_model_generate() -> None:
    torch = pytest.importorskip("torch")

    class Tok:
        chat_template = None
        pad_token_id = 0
        eos_token_id = 0

        def __call__(self, text: str, return_tensors: str) -> dict[str, Any]:
            self.prompt = text
            return {"input_ids": torch.tensor([[1, 2, 3]])}

        def decode(self, ids: Any, skip_special_tokens: bool) -> str:
            assert ids.tolist() == [7, 8]
            return json.dumps(GOOD)

    class Model:
        def generate(self, input_ids: Any, **kwargs: Any) -> Any:
            assert kwargs["do_sample"] is False
            return torch.cat([input_ids, torch.tensor([[7, 8]])], dim=1)

    tok = Tok()
    planner = TransformersPlanner(Model(), tok)
    scene = planner.plan("cats on a sofa")
    assert scene.entities[0].name == "cat"
    assert tok.prompt.startswith("system: ")
    assert tok.prompt.endswith("assistant: ")


def test_transformers_planner_missing_model_falls_back() -> None:
    planner = TransformersPlanner("/nonexistent/model/folder", local_files_only=True)
    scene, notes = planner.plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert "cannot load" in notes[0]


def test_endless_count_from_a_model_is_capped_with_a_note() -> None:
    # Python's json module reads the non-standard Infinity some models write
    scene, notes = parse_scene('{"entities": [{"name": "apple", "count": Infinity}]}')
    assert [(e.name, e.count) for e in scene.entities] == [("apple", MAX_COUNT)]
    assert any("capped" in n for n in notes)
