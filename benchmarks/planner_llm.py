"""A language model as the planner, through any chat endpoint, side by side with the rules.

Run from the project root with an endpoint given by environment variables::

    IMAGECHAT_LLM_BASE_URL=http://localhost:11434/v1 IMAGECHAT_LLM_MODEL=llama3.2 \\
        python benchmarks/planner_llm.py [--sets lessons,conversations,geneval] [--limit 40]

``IMAGECHAT_LLM_API_KEY`` is sent as the key; ``OPENAI_API_KEY`` alone asks OpenAI's own
endpoint (``IMAGECHAT_LLM_MODEL``, default ``gpt-4o-mini``) and is never sent elsewhere.
Without an endpoint it says so and exits 0: no model runs on the project's own machines,
so this is for users and for a later run where an endpoint exists. It asks the endpoint
once first, and stops with the reason if that fails (a fallback to the rules planner
would otherwise be scored as the model's).

Three development sets, each planned by the rules planner and by the model (the planner
``planner="openai"`` gives: topics of the knowledge base and sums are planned without the
model, edits are held to the invariant, one round of self-correction after the check):

- **lessons** (``benchmarks/data/lesson_prompts.json`` and every topic recipe named by its
  id, as ``benchmarks/lessons.py``), each a new turn drawn by the built-in engine: prompts
  with no placeholder card, prompts whose things, labels and arrows are all present, turns
  that said "all kept" over a card (must be 0), median planning time;
- **conversations** (``benchmarks/data/sessions.json``, as ``benchmarks/conversations.py``):
  turns right, sessions fully right, turns that lost a thing nobody asked to remove (must
  be 0), median planning time per follow-up;
- **GenEval** (``tests/data/geneval`` or ``../shared/data/geneval``, as
  ``benchmarks/planner_geneval.py``): prompts whose scene graph matches the ground truth
  exactly, median planning time.

For the model it also counts turns that fell back to the rules planner, turns whose edit
the invariant repaired, and turns the self-correction changed. ``--limit N`` takes N items
of each set, spread evenly (the lessons: a third each of the topic recipes, the topic
phrasings and the other lesson prompts; a model costs time and money); the sets are
development sets, separate held-out sets judge the result.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conversations import lost, mismatches, paint, select  # noqa: E402
from lessons import _cards_of, free_present, recipe_present  # noqa: E402
from planner_geneval import load, mismatch  # noqa: E402

from jupyter_imagechat.errors import InputError, Unsure  # noqa: E402
from jupyter_imagechat.planner import PlanError, RulesPlanner  # noqa: E402
from jupyter_imagechat.planner.lessons.topics import topic_scene, topics  # noqa: E402
from jupyter_imagechat.planner.llm.planners import EndpointPlanner, LLMError  # noqa: E402
from jupyter_imagechat.planner.reading import Reading, read_prompt  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402
from jupyter_imagechat.turns import Conversation  # noqa: E402

SETS = ("lessons", "conversations", "geneval")
GENEVAL = (ROOT / "tests" / "data" / "geneval", ROOT.parent / "shared" / "data" / "geneval")
FELL_BACK = "used the rules planner instead"
REPAIRED = "the model's answer changed what the follow-up did not name"


class Timed:
    """A planner whose readings are timed (new pictures and follow-ups apart); everything
    else (``correct``, ``corrections``, ``describe``) is the planner's own."""

    def __init__(self, planner: Any) -> None:
        self.planner = planner
        self.new: list[float] = []
        self.followups: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.planner, name)

    def read(
        self,
        text: str,
        *,
        current: SceneGraph | None = None,
        focus: str | None = None,
        masked: list[tuple[str, int]] | None = None,
        new: bool | None = None,
        recent: list[str] | None = None,
    ) -> Reading:
        t0 = time.perf_counter()
        try:
            return read_prompt(
                self.planner, text, current, focus, masked=masked, new=new, recent=recent
            )
        finally:
            (self.new if current is None else self.followups).append(time.perf_counter() - t0)

    def plan(self, text: str, *, current: SceneGraph | None = None) -> SceneGraph:
        return self.read(text, current=current).scene


def spread(items: list[Any], limit: int | None) -> list[Any]:
    """``limit`` items of ``items`` spread evenly (all of them without a limit)."""
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(k * step)] for k in range(limit)]


def median_ms(times: list[float]) -> float:
    return 1000 * statistics.median(times) if times else 0.0


def said(turn: Any, words: str) -> bool:
    return any(words in note for note in turn.notes)


# -- the sets -----------------------------------------------------------------------------------
def lessons(make: Any, limit: int | None, size: int) -> dict[str, Any]:
    data = json.loads((ROOT / "benchmarks" / "data" / "lesson_prompts.json").read_text())
    recipes = {t.id: t for t in topics()}
    parts: list[list[tuple[str, str, Any]]] = [
        [(t.id, "topic", t.id) for t in topics()],
        [(c["prompt"], "topic", c["topic"]) for c in data["topics"]],
        [(c["prompt"], "free", c) for c in data["free"]],
    ]
    share = -(-limit // len(parts)) if limit else None  # each part its share of the limit
    cases = [case for part in parts for case in spread(part, share)]
    out: Counter[str] = Counter()
    planner = Timed(make())
    for prompt, kind, expect in cases:
        out["prompts"] += 1
        try:
            turn = Conversation(planner=planner, size=size, seed=1).send(prompt)
        except InputError:
            out["no plan"] += 1
            continue
        scene = turn.scene or SceneGraph()
        if kind == "topic":
            lacks = recipe_present(topic_scene(recipes[expect])[0], scene)
        else:
            lacks = free_present(expect, scene, turn.notes)
        cards = _cards_of(turn)
        out["complete"] += not lacks
        out["no card"] += not cards
        summary = turn.verdict.summary() if turn.verdict is not None else ""
        out["all kept over a card"] += bool(cards) and "all kept" in summary
        out["fell back"] += said(turn, FELL_BACK)
        rounds = turn.metadata.get("correction", {}).get("rounds", [])
        out["corrected"] += any(r.get("kept") == "corrected" for r in rounds)
    return {**out, "median_ms": median_ms(planner.new)}


def conversations(make: Any, limit: int | None, size: int) -> dict[str, Any]:
    data = json.loads((ROOT / "benchmarks" / "data" / "sessions.json").read_text())
    out: Counter[str] = Counter()
    planner = Timed(make())
    for session in spread(data["sessions"], limit):
        chat = Conversation(planner=planner, size=size)
        right = True
        for turn in session["turns"]:
            before = chat.scene
            if "paint" in turn:
                paint(chat, turn["paint"])
            if "select" in turn:
                select(chat, turn["select"])
            asked, refused = False, ""
            done: Any = None
            try:
                done = chat.answer(turn["answer"]) if "answer" in turn else chat.send(turn["say"])
            except Unsure:
                asked, done = True, None
            except InputError as exc:
                refused, done = str(exc), None
            expect = turn.get("expect", {})
            wrong = mismatches(expect, chat, asked, refused) or lost(before, expect, chat.scene)
            out["turns"] += 1
            out["right"] += not wrong
            out["lost"] += bool(lost(before, expect, chat.scene))
            if hasattr(done, "notes"):  # a turn (an answer may return a plan)
                out["fell back"] += said(done, FELL_BACK)
                out["repaired"] += said(done, REPAIRED)
            right = right and not wrong
        out["sessions"] += 1
        out["full"] += right
    return {**out, "median_ms": median_ms(planner.followups)}


def geneval(make: Any, limit: int | None, data: Path) -> dict[str, Any]:
    out: Counter[str] = Counter()
    planner = Timed(make())
    for row in spread(load(data), limit):
        out["prompts"] += 1
        try:
            reading = planner.read(row["prompt"])
        except PlanError:
            continue
        out["exact"] += not mismatch(reading.scene, row)
        out["fell back"] += any(FELL_BACK in n for n in reading.notes)
    return {**out, "median_ms": median_ms(planner.new)}


ROWS: dict[str, list[tuple[str, Any]]] = {
    "lessons": [
        ("prompts", "prompts"),
        ("no placeholder card", ("no card", "prompts")),
        ("things, labels, arrows present", ("complete", "prompts")),
        ("'all kept' said over a card (0)", "all kept over a card"),
        ("no plan", "no plan"),
        ("planning, median ms", "median_ms"),
        ("fell back to the rules", "fell back"),
        ("self-correction kept", "corrected"),
    ],
    "conversations": [
        ("turns", "turns"),
        ("turns right", ("right", "turns")),
        ("sessions fully right", ("full", "sessions")),
        ("turns that lost a thing (0)", "lost"),
        ("per follow-up, median ms", "median_ms"),
        ("fell back to the rules", "fell back"),
        ("edits repaired by the invariant", "repaired"),
    ],
    "geneval": [
        ("prompts", "prompts"),
        ("scene graph exactly right", ("exact", "prompts")),
        ("planning, median ms", "median_ms"),
        ("fell back to the rules", "fell back"),
    ],
}


def shown(figures: dict[str, Any], key: Any) -> str:
    if isinstance(key, tuple):
        part, whole = figures.get(key[0], 0), figures.get(key[1], 0)
        return f"{part}/{whole} = {part / whole:.1%}" if whole else "-"
    value = figures.get(key, 0)
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def endpoint_given() -> bool:
    env = os.environ
    return bool(env.get("IMAGECHAT_LLM_BASE_URL") or env.get("OPENAI_API_KEY"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + "/".join(SETS))
    parser.add_argument("--limit", type=int, default=None, help="items of each set, spread evenly")
    parser.add_argument("--size", type=int, default=192, help="picture side in pixels")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per model answer")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = sorted(set(wanted) - set(SETS))
    if unknown:
        parser.error(f"unknown set(s) {unknown}; choose from {', '.join(SETS)}")
    if not endpoint_given():
        print(
            "no language model endpoint given: set IMAGECHAT_LLM_BASE_URL and "
            "IMAGECHAT_LLM_MODEL (and IMAGECHAT_LLM_API_KEY if it needs one), or "
            "OPENAI_API_KEY for OpenAI's own; nothing was measured"
        )
        return 0

    def model() -> EndpointPlanner:
        return EndpointPlanner(timeout=args.timeout)

    probe = model()
    try:
        probe.complete([{"role": "user", "content": "Answer with {} only."}])
    except LLMError as exc:
        print(f"cannot ask {probe.describe()}: {exc}")
        return 1
    data = next((d for d in GENEVAL if (d / "evaluation_metadata.jsonl").is_file()), None)
    columns = (("rules", RulesPlanner), (probe.describe(), model))
    print(f"{'set':<15}{'figure':<34}" + "".join(f"{name[:30]:<32}" for name, _ in columns))
    for name in wanted:
        if name == "geneval" and data is None:
            print(f"{name:<15}GenEval data not found in {', '.join(map(str, GENEVAL))}")
            continue
        results = []
        for _title, make in columns:
            if name == "lessons":
                results.append(lessons(make, args.limit, args.size))
            elif name == "conversations":
                results.append(conversations(make, args.limit, args.size))
            else:
                assert data is not None
                results.append(geneval(make, args.limit, data))
        for k, (label, key) in enumerate(ROWS[name]):
            cells = "".join(f"{shown(r, key):<32}" for r in results)
            print(f"{name if k == 0 else '':<15}{label:<34}{cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
