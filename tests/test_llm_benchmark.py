"""benchmarks/planner_llm.py: without an endpoint it says so and exits 0; with one (here the
stand-in, answering as the rules planner would) it prints the rules planner's figures and
the model's side by side."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
from pathlib import Path
from types import ModuleType

import pytest
from chat_standin import ChatStandIn, Seen

from jupyter_imagechat.planner import RulesPlanner

ROOT = Path(__file__).resolve().parents[1]
ENDPOINT_VARIABLES = (
    "IMAGECHAT_LLM_BASE_URL",
    "IMAGECHAT_LLM_MODEL",
    "OPENAI_API_KEY",
    "IMAGECHAT_LLM_API_KEY",
    "OPENAI_BASE_URL",
)


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "planner_llm", ROOT / "benchmarks" / "planner_llm.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["planner_llm"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def as_the_rules_would(seen: Seen) -> str:
    """A model that plans new pictures as the rules planner does and changes nothing else."""
    if "(scene graph JSON):\n" in seen.user:
        return seen.user.split("(scene graph JSON):\n", 1)[1].split("\n\n", 1)[0]
    if seen.user.startswith("Answer with {}"):
        return "{}"
    return RulesPlanner().plan(seen.user).to_json()


def test_without_an_endpoint_it_says_so_and_exits_0(
    no_endpoint: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert benchmark().main([]) == 0
    out = capsys.readouterr().out
    assert "no language model endpoint given" in out
    assert "IMAGECHAT_LLM_BASE_URL" in out


def test_an_endpoint_that_cannot_be_asked_stops_it_with_the_reason(
    no_endpoint: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", f"http://127.0.0.1:{port}/v1")
    assert benchmark().main(["--timeout", "2"]) == 1
    assert "could not connect" in capsys.readouterr().out


def test_with_an_endpoint_it_prints_both_planners_side_by_side(
    no_endpoint: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ChatStandIn(as_the_rules_would) as standin:
        monkeypatch.setenv("IMAGECHAT_LLM_BASE_URL", standin.url)
        monkeypatch.setenv("IMAGECHAT_LLM_MODEL", "standin")
        code = benchmark().main(["--limit", "4", "--size", "64"])
        asked = [json.dumps(s.body) for s in standin.seen]
    assert code == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "rules" in lines[0]
    assert f"standin at {standin.url}"[:30] in lines[0]
    exact = next(line for line in lines if "scene graph exactly right" in line)
    assert exact.count("4/4 = 100.0%") == 2  # the stand-in plans as the rules do
    assert next(line for line in lines if "turns that lost a thing" in line).split()[-2:] == [
        "0",
        "0",
    ]
    for figure in ("no placeholder card", "turns right", "fell back to the rules"):
        assert any(figure in line for line in lines), figure
    assert len(asked) > 4  # the model was asked for lessons, follow-ups and GenEval
