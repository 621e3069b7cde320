"""Language-model planners, new pictures: against a stand-in chat endpoint on 127.0.0.1.

The stand-in (``tests/chat_standin.py``) records what the project sent and answers with
good, partial, malformed, slow, refusing, busy and failing replies.
"""

from __future__ import annotations

import json
import socket
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from chat_standin import ChatStandIn

from jupyter_imagechat.planner import PlanError, RulesPlanner, create_planner
from jupyter_imagechat.planner.llm.planners import EndpointPlanner, TransformersPlanner
from jupyter_imagechat.planner.llm.schema import (
    extract_json,
    parse_scene,
    read_answer,
    read_data,
    repair,
)
from jupyter_imagechat.scene import MAX_COUNT, SceneError
from jupyter_imagechat.turns import Conversation

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
    "topic": None,
}
SECRET = "sk-secret-0123456789abcdef"


@pytest.fixture
def standin() -> Iterator[ChatStandIn]:
    with ChatStandIn(lambda seen: json.dumps(GOOD)) as server:
        yield server


def planner_at(standin: ChatStandIn, **options: object) -> EndpointPlanner:
    options.setdefault("timeout", 5)
    return EndpointPlanner(base_url=standin.url, model="tiny", **options)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_good_answer_is_the_plan_and_the_request_carries_the_schema(
    standin: ChatStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAGECHAT_LLM_API_KEY", "sk-test")
    scene, notes = planner_at(standin).plan_with_notes("two black cats on a sofa at night")
    assert scene.summary() == "2 x cat (black), 1 x couch; cat on couch; background: night"
    assert notes[0] == f"planned by tiny at {standin.url}"
    seen = standin.seen[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.body["model"] == "tiny"
    assert seen.headers["authorization"] == "Bearer sk-test"
    assert seen.body["response_format"]["type"] == "json_schema"
    assert seen.body["max_tokens"] == 4096  # a runaway local model stops
    assert seen.body["temperature"] == 0
    schema = seen.schema
    assert schema is not None
    assert schema["required"][0] == "entities"
    for part in ("arrows", "labels", "panels", "arrangements", "topic"):
        assert part in schema["properties"], part
    for word in ("labels", "arrows", "panels", "arrangements", "anchor"):
        assert word in seen.system, word
    assert seen.messages[-1] == {"role": "user", "content": "two black cats on a sofa at night"}


def test_settings_come_from_the_environment(
    standin: ChatStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", standin.url)
    monkeypatch.setenv("IMAGECHAT_LLM_MODEL", "env-model")
    monkeypatch.setenv("IMAGECHAT_LLM_API_KEY", "k2")
    create_planner("openai").plan("a cat")
    assert standin.seen[0].body["model"] == "env-model"
    assert standin.seen[0].headers["authorization"] == "Bearer k2"


def test_an_openai_key_goes_only_to_openai_or_the_server_named_with_it(
    standin: ChatStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IMAGECHAT_LLM_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)  # set for something else in the notebook
    planner_at(standin).plan("a cat")  # a hub's or a classmate's server, named in the code
    monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", standin.url)
    create_planner("openai").plan("a cat")
    assert [SECRET in s.sent() for s in standin.seen] == [False, False]
    monkeypatch.delenv("IMAGECHAT_LLM_BASE_URL")
    monkeypatch.setenv("OPENAI_BASE_URL", standin.url)  # the openai package's own pair
    create_planner("openai").plan("a cat")
    assert standin.seen[-1].headers["authorization"] == f"Bearer {SECRET}"
    assert create_planner("openai", base_url="https://api.openai.com/v1").endpoint.api_key == SECRET


def test_an_answer_in_prose_and_a_code_fence_is_read(standin: ChatStandIn) -> None:
    standin.answers = ["Sure! Here it is:\n```json\n" + json.dumps(GOOD) + "\n```\nEnjoy."]
    scene = planner_at(standin).plan("cats on a sofa")
    assert [e.name for e in scene.entities] == ["cat", "couch"]


@pytest.mark.parametrize(
    "wrap",
    [
        '<think>\nThe user wants cats. Maybe {"entities": []}? No:\n```json\n{}\n```\n'
        "</think>\n\n{answer}",
        '{"reasoning": "two cats, one sofa"}\n{answer}',
        "Notes: {not json} then\n```\n{answer}\n```",
    ],
    ids=["thinking first", "another object first", "braces in prose"],
)
def test_an_answer_behind_a_models_thoughts_or_notes_is_read(
    standin: ChatStandIn, wrap: str
) -> None:
    standin.answers = [wrap.replace("{answer}", json.dumps(GOOD))]
    scene, notes = planner_at(standin).plan_with_notes("cats on a sofa")
    assert [e.name for e in scene.entities] == ["cat", "couch"]
    assert notes[0].startswith("planned by tiny")


def test_a_model_cut_off_while_thinking_falls_back(standin: ChatStandIn) -> None:
    standin.answers = ["<think>First, the cats. " + json.dumps(GOOD)[:40]]
    scene, notes = planner_at(standin).plan_with_notes("two cats on a sofa")
    assert "the answer holds no JSON object" in notes[0]
    assert scene.summary() == "2 x cat, 1 x couch; cat on couch"


def test_a_cut_off_answer_is_repaired(standin: ChatStandIn) -> None:
    text = json.dumps(GOOD)
    standin.answers = [text[: text.index('"relations"') + 30]]  # stops inside the relations
    scene, notes = planner_at(standin).plan_with_notes("cats")
    assert [(e.name, e.count) for e in scene.entities] == [("cat", 2), ("couch", 1)]
    assert any("cut off" in n for n in notes)


def test_an_answer_cut_off_at_the_token_limit_is_repaired(standin: ChatStandIn) -> None:
    standin.faults = ["length"]  # the stand-in sends half the answer, finish_reason "length"
    scene, notes = planner_at(standin).plan_with_notes("cats")
    assert scene.entities[0].name == "cat"
    assert any("cut off" in n for n in notes)


@pytest.mark.parametrize("answer", ["I cannot help with that.", '{"entities": "lots"}', "{{{"])
def test_a_malformed_answer_falls_back_to_the_rules_planner(
    standin: ChatStandIn, answer: str
) -> None:
    standin.answers = [answer]
    scene, notes = planner_at(standin).plan_with_notes("three red apples left of a blue bowl")
    assert scene.summary() == "3 x apple (red), 1 x bowl (blue); apple left of bowl"
    assert "unusable" in notes[0]
    assert "used the rules planner instead" in notes[0]


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("refuse", "declined: I can't help with that"),
        ("html", "did not answer like a chat endpoint"),
        ("no-choices", "did not answer like a chat endpoint"),
        ("empty", "sent no text"),
    ],
)
def test_a_refusing_or_strange_reply_falls_back_and_says_why(
    standin: ChatStandIn, fault: str, said: str
) -> None:
    standin.faults = [fault]
    scene, notes = planner_at(standin, max_retries=0).plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert said in notes[0]
    assert "used the rules planner instead" in notes[0]


def test_a_busy_or_failing_server_is_retried_with_backoff(standin: ChatStandIn) -> None:
    standin.faults = ["429", "500"]
    scene, notes = planner_at(standin).plan_with_notes("two cats")
    assert [e.name for e in scene.entities] == ["cat", "couch"]  # the model's answer
    assert notes[0].startswith("planned by tiny")
    assert len(standin.seen) == 3


def test_a_server_failing_after_its_retries_falls_back(standin: ChatStandIn) -> None:
    standin.faults = ["500", "500", "500"]
    scene, notes = planner_at(standin, max_retries=2).plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert "language model server" in notes[0]
    assert "(500)" in notes[0]
    assert len(standin.seen) == 3


def test_a_slow_answer_times_out_and_falls_back(standin: ChatStandIn) -> None:
    standin.faults = ["slow"]
    standin.slow_seconds = 30  # the answer would come after 30 s
    t0 = time.perf_counter()
    planner = planner_at(standin, timeout=0.3, max_retries=0)
    scene, notes = planner.plan_with_notes("a dog")
    assert time.perf_counter() - t0 < 10  # a bound for the behaviour, not a speed target
    assert scene.summary() == "1 x dog"
    assert "did not answer in time" in notes[0]


def test_a_server_that_trickles_its_answer_is_cut_off_at_the_timeout(
    standin: ChatStandIn,
) -> None:
    standin.faults = ["trickle"]
    standin.trickle_seconds = 0.2
    standin.answers = [json.dumps(GOOD)]  # about 300 bytes, 0.2 s each: a minute in all
    start = time.monotonic()
    scene, notes = planner_at(standin, timeout=0.5, max_retries=0).plan_with_notes("a dog")
    assert time.monotonic() - start < 20
    assert "did not answer in time" in notes[0]
    assert scene.summary() == "1 x dog"


def test_a_refused_connection_falls_back() -> None:
    planner = EndpointPlanner(base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=0)
    scene, notes = planner.plan_with_notes("two cats")
    assert scene.summary() == "2 x cat"
    assert "could not connect" in notes[0]


def test_a_server_without_structured_output_is_asked_in_json_mode(standin: ChatStandIn) -> None:
    standin.faults = ["400-format", "400-format"]
    planner = planner_at(standin)
    scene = planner.plan("cats on a sofa")
    assert [e.name for e in scene.entities] == ["cat", "couch"]
    formats = [s.body.get("response_format", {}).get("type") for s in standin.seen]
    assert formats == ["json_schema", "json_object", None]
    planner.plan("a dog")  # what it refused is not sent again
    assert "response_format" not in standin.seen[-1].body


def test_a_model_that_refuses_max_tokens_is_asked_without_it(standin: ChatStandIn) -> None:
    standin.faults = ["400-max-tokens"]
    scene = planner_at(standin).plan("cats on a sofa")
    assert scene.entities[0].name == "cat"
    assert "max_tokens" not in standin.seen[-1].body
    assert standin.seen[-1].body["response_format"]["type"] == "json_schema"


def test_a_model_that_refuses_temperature_is_asked_without_it(standin: ChatStandIn) -> None:
    standin.faults = ["400-temperature"]
    scene = planner_at(standin).plan("cats on a sofa")
    assert scene.entities[0].name == "cat"
    assert "temperature" not in standin.seen[-1].body


def test_the_key_is_never_in_notes_or_repr(standin: ChatStandIn) -> None:
    standin.faults = ["500"]
    planner = planner_at(standin, api_key=SECRET, max_retries=0)
    _scene, notes = planner.plan_with_notes("a dog")
    assert SECRET not in " ".join(notes)
    assert SECRET not in repr(planner)
    assert SECRET not in planner.describe()


def test_requests_say_nothing_about_the_machine(standin: ChatStandIn) -> None:
    import platform

    planner_at(standin).plan("a red kite")
    (seen,) = standin.seen
    about = {k: v for k, v in seen.headers.items() if k.startswith("x-stainless")}
    shown = " ".join(about.values())
    for detail in (platform.system(), platform.python_version(), platform.machine()):
        assert detail not in shown, about
    assert not {"x-stainless-os", "x-stainless-arch", "x-stainless-runtime-version"} & set(about)


def test_without_the_openai_package_the_note_names_the_pip_command(
    standin: ChatStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # import openai raises ImportError
    scene, notes = planner_at(standin).plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert 'pip install "jupyter-imagechat[remote]"' in notes[0]
    assert standin.seen == []


@pytest.mark.parametrize(
    ("prompt", "what"),
    [
        ("the water cycle for my year 3 class", "the topic 'water cycle'"),
        ("3 apples + 2 apples = 5 apples", "a sum"),
        ("a clock showing 7:20", "maths things"),
        ("three quarters of a square shaded", "maths things"),
    ],
)
def test_the_knowledge_base_plans_its_topics_sums_and_maths_without_the_model(
    standin: ChatStandIn, prompt: str, what: str
) -> None:
    scene, notes = planner_at(standin).plan_with_notes(prompt)
    assert standin.seen == []
    assert scene.summary() == RulesPlanner().plan(prompt).summary()
    assert notes[0] == f"{what} from the knowledge base (no model asked)"


NITROGEN = {
    "entities": [
        {"id": "e1", "name": "cloud", "count": 1, "attributes": {}},
        {"id": "e2", "name": "plant", "count": 1, "attributes": {}},
        {"id": "e3", "name": "soil", "count": 1, "attributes": {}},
        {"id": "e4", "name": "rhizobium", "count": 3, "attributes": {}},
    ],
    "relations": [],
    "exclude": [],
    "style": None,
    "background": None,
    "texts": [],
    "labels": [
        {"text": "nitrogen in the air", "target": "e1", "index": 0, "anchor": [0.5, 0.5]},
        {"text": "roots", "target": "e2", "index": 0, "anchor": [0.5, 0.95]},
        {"text": "bacteria", "target": "e4", "index": 0, "anchor": [0.5, 0.5]},
    ],
    "arrows": [
        {"start": "e1", "end": "e4", "label": "fixation", "curved": True},
        {"start": "e4", "end": "e2", "label": "uptake", "curved": True},
        {"start": "e2", "end": "e3", "label": "decay", "curved": True},
        {"start": "e3", "end": "e1", "label": "denitrification", "curved": True},
    ],
    "arrangements": [{"kind": "circle", "members": ["e1", "e4", "e2", "e3"]}],
    "topic": "the nitrogen cycle",
}


def test_a_topic_the_knowledge_base_lacks_is_drawn_as_a_diagram_and_cards_are_said(
    standin: ChatStandIn,
) -> None:
    standin.answers = [json.dumps(NITROGEN)]
    planner = planner_at(standin, corrections=0)
    chat = Conversation(planner=planner, size=128)
    turn = chat.send("the nitrogen cycle")
    assert turn.scene is not None
    assert [a.label for a in turn.scene.arrows] == [
        "fixation",
        "uptake",
        "decay",
        "denitrification",
    ]
    assert turn.scene.arrangements[0].kind == "circle"
    assert {lb.text for lb in turn.scene.labels} >= {"roots", "bacteria"}
    assert any("save_topic(chat.scene, 'nitrogen cycle')" in n for n in turn.notes)
    assert turn.verdict is not None
    said = turn.verdict.summary()
    assert "drawn as a card: no picture for 'rhizobium'" in said  # honest: never "all kept"
    assert "all kept" not in said


def test_the_recent_prompts_are_not_sent_for_a_new_picture(standin: ChatStandIn) -> None:
    chat = Conversation(planner=planner_at(standin, corrections=0), size=64)
    chat.send("two black cats on a sofa")
    chat.send("new picture: a bicycle")
    assert [m["role"] for m in standin.seen[-1].messages] == ["system", "user", "assistant", "user"]
    assert standin.seen[-1].user == "new picture: a bicycle"


def test_the_conversation_shows_the_fallback_note() -> None:
    planner = EndpointPlanner(base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=0)
    turn = Conversation(planner=planner, size=64).send("a red apple")
    assert turn.scene is not None
    assert turn.scene.summary() == "1 x apple (red)"
    assert any("used the rules planner instead" in n for n in turn.notes)


def test_bad_settings_are_clear_errors() -> None:
    with pytest.raises(PlanError, match="http"):
        EndpointPlanner(base_url="ftp://x")
    with pytest.raises(PlanError, match="timeout"):
        EndpointPlanner(base_url="http://x", timeout=0)
    with pytest.raises(PlanError, match="max_retries"):
        EndpointPlanner(base_url="http://x", max_retries=-1)
    with pytest.raises(PlanError, match="corrections"):
        EndpointPlanner(base_url="http://x", corrections=-1)
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


def test_control_characters_and_half_emoji_in_an_answer_are_cleaned_not_fatal() -> None:
    answer = read_answer(
        json.dumps(
            {
                "entities": [
                    {"id": "e1", "name": "kite", "count": 1,
                     "attributes": {"color": "red\x00", "text": "Fly\x00 high \ud83c"}},
                    {"id": "e2", "name": "hill\x07", "count": 1, "attributes": {}},
                ],
                "texts": ["Sunny\x0c day"],
                "labels": [{"text": "tail\x01", "target": "e1", "index": 0, "anchor": [0.5, 1]}],
            }
        )
    )  # fmt: skip
    scene = answer.scene
    assert [e.name for e in scene.entities] == ["kite", "hill"]
    assert scene.entities[0].attributes == {"color": "red", "text": "Fly high \ufffd"}
    assert scene.texts == ["Sunny day"]
    assert [lb.text for lb in scene.labels] == ["tail"]


def test_things_a_model_lists_one_by_one_are_counted_together() -> None:
    def apple(k: int, colour: str = "red") -> dict[str, Any]:
        return {"id": f"a{k}", "name": "apple", "count": 1, "attributes": {"color": colour}}

    answer = read_data(
        {
            "entities": [apple(1), apple(2), apple(3), apple(4, "green"),
                         {"id": "b", "name": "bowl", "count": 1, "attributes": {}}],
            "relations": [{"subject": f"a{k}", "predicate": "left of", "object": "b"}
                          for k in (1, 2, 3)],
            "focus": "a3",
        }
    )  # fmt: skip
    scene = answer.scene
    assert scene.summary() == "3 x apple (red), 1 x apple (green), 1 x bowl; apple left of bowl"
    assert answer.focus == scene.entities[0].id
    told_apart = read_data(  # a label (or a relation between them) tells them apart
        {
            "entities": [apple(1), apple(2)],
            "labels": [{"text": "Granny", "target": "a2", "index": 0, "anchor": [0.5, 0.5]}],
        }
    )
    assert [e.count for e in told_apart.scene.entities] == [1, 1]


def test_repair_reads_the_diagram_vocabulary_and_drops_what_breaks_it() -> None:
    answer = read_answer(
        json.dumps(
            {
                "entities": [
                    {"id": "sun", "name": "Suns", "count": 1},
                    {"id": "x", "name": "cloud", "count": 2},
                ],
                "arrows": [
                    {"start": "sun", "end": "x", "label": "evaporation", "curved": True},
                    {"start": "sun", "end": "nowhere"},
                    {"start": "x", "end": "x"},
                ],
                "labels": [
                    {"text": "the sun", "target": "sun", "anchor": [50, 95]},
                    {"text": "lost", "target": "moon"},
                    {"text": "second cloud", "target": "cloud", "index": 7},
                ],
                "panels": [{"id": "p1", "members": ["x", "x", "ghost"], "title": "sky"}],
                "arrangements": [
                    {"kind": "cycle", "members": ["sun", "p1"], "signs": ["+", "=", "+"]},
                    {"kind": "spiral", "members": ["sun"]},
                ],
                "topic": "The Water Cycle",
            }
        )
    )
    scene = answer.scene
    assert [(a.start, a.end, a.label, a.curved) for a in scene.arrows] == [
        ("e1", "e2", "evaporation", True)
    ]
    assert [(lb.text, lb.target, lb.index, lb.anchor) for lb in scene.labels] == [
        ("the sun", "e1", 0, (0.5, 0.95)),
        ("second cloud", "e2", 0, (0.5, 0.5)),
    ]
    assert [(p.id, p.members, p.title) for p in scene.panels] == [("p1", ["e2"], "sky")]
    assert [(a.kind, a.members, a.signs) for a in scene.arrangements] == [
        ("circle", ["e1", "p1"], [])
    ]
    assert answer.topic == "water cycle"
    assert sum("dropped" in n for n in answer.notes) == 4
    scene.validate()


def test_repair_refuses_an_empty_answer() -> None:
    with pytest.raises(SceneError, match="nothing to draw"):
        repair({"entities": [], "relations": []})
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("no braces here")


def test_parse_scene_closes_open_strings() -> None:
    scene, notes = parse_scene('{"entities": [{"id": "e1", "name": "red balloo')
    assert scene.entities[0].name == "red balloo"
    assert notes[0].startswith("the answer was cut off")


def test_an_endless_count_from_a_model_is_capped_with_a_note() -> None:
    # Python's json module reads the non-standard Infinity some models write
    scene, notes = parse_scene('{"entities": [{"name": "apple", "count": Infinity}]}')
    assert [(e.name, e.count) for e in scene.entities] == [("apple", MAX_COUNT)]
    assert any("capped" in n for n in notes)


# -- transformers -----------------------------------------------------------------------------
def test_the_transformers_planner_with_a_generate_function() -> None:
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


def test_the_transformers_planner_runs_the_model_greedily() -> None:
    torch = pytest.importorskip("torch")

    class Tok:
        chat_template = None
        pad_token_id = 0
        eos_token_id = 0

        def __call__(self, text: str, return_tensors: str) -> dict[str, object]:
            self.prompt = text
            return {"input_ids": torch.tensor([[1, 2, 3]])}

        def decode(self, ids: object, skip_special_tokens: bool) -> str:
            assert ids.tolist() == [7, 8]  # type: ignore[attr-defined]
            return json.dumps(GOOD)

    class Model:
        def generate(self, input_ids: object, **kwargs: object) -> object:
            assert kwargs["do_sample"] is False
            return torch.cat([input_ids, torch.tensor([[7, 8]])], dim=1)  # type: ignore[list-item]

    tok = Tok()
    scene = TransformersPlanner(Model(), tok).plan("cats on a sofa")
    assert scene.entities[0].name == "cat"
    assert tok.prompt.startswith("system: ")
    assert tok.prompt.endswith("assistant: ")


def test_a_missing_local_model_falls_back() -> None:
    planner = TransformersPlanner("/nonexistent/model/folder", local_files_only=True)
    scene, notes = planner.plan_with_notes("a dog")
    assert scene.summary() == "1 x dog"
    assert "cannot load" in notes[0]


def test_a_local_model_is_named_by_its_id_once_loaded() -> None:
    planner = TransformersPlanner("some/model-id", generate=lambda messages: json.dumps(GOOD))
    planner.model = object()  # as _load leaves it
    _scene, notes = planner.plan_with_notes("cats on a sofa")
    assert notes[0] == "planned by some/model-id"
