"""What teachers ask for: every lesson topic and a development set of free phrasings, drawn.

Run from the project root::

    python benchmarks/lessons.py [--size 256] [--show-misses] [--plan-only]

Two parts:

- every topic recipe (``jupyter_imagechat/planner/data/topics/*.json``) planned from its
  own name and drawn by the built-in engine;
- the free phrasings of ``benchmarks/data/lesson_prompts.json`` (a development set written
  by hand: a topic each resolves to, or the things, counts, arrangement, signs, labels and
  attributes it must give; or, for a topic the knowledge base lacks, that the reply is
  honest: no picture, or a note saying what was not understood or not known), each sent
  as a new turn through the whole pipeline (plan, layout, draw, check).

Printed: prompts drawn with no placeholder card, prompts whose required things, labels
and arrows are all present (for a topic: every thing of the recipe with its count, every
label text and every arrow with its label), turns whose verdict said "all kept" over a
card (must be 0), and the median planning time per prompt. Targets: 95%, 95%, 0, under
2 ms. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.planner import PlanError, RulesPlanner  # noqa: E402
from jupyter_imagechat.planner.lessons.topics import topic_scene, topics  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402
from jupyter_imagechat.turns import Conversation  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "lesson_prompts.json"
TARGET_SHARE, TARGET_MS = 0.95, 2.0


def _names(scene: SceneGraph) -> dict[str, str]:
    names = {e.id: e.name for e in scene.entities}
    names.update({p.id: p.title or p.id for p in scene.panels})
    return names


def recipe_present(want: SceneGraph, got: SceneGraph) -> list[str]:
    """What of the recipe ``want`` the planned ``got`` lacks: things (name x count),
    labels (text) and arrows (ends and label)."""
    missing = []
    have = Counter((e.name, e.count) for e in got.entities)
    for key, n in Counter((e.name, e.count) for e in want.entities).items():
        if have[key] < n:
            missing.append(f"{key[1]} x {key[0]}")
    texts = Counter(lb.text for lb in got.labels)
    for text, n in Counter(lb.text for lb in want.labels).items():
        if texts[text] < n:
            missing.append(f"label {text!r}")
    wn, gn = _names(want), _names(got)
    arrows = Counter((gn[a.start], gn[a.end], a.label) for a in got.arrows)
    for key, n in Counter((wn[a.start], wn[a.end], a.label) for a in want.arrows).items():
        if arrows[key] < n:
            missing.append(f"arrow {key[0]} -> {key[1]}")
    return missing


HONEST = ("I don't know", "I didn't understand", "I can't")
"""How a note says what was not drawn (planner/honesty.py, a topic's caveat)."""
NO_NOTE = "a note saying what was not drawn"


def free_present(case: dict[str, Any], got: SceneGraph, notes: list[str]) -> list[str]:
    """What the free prompt ``case`` asks for that ``got`` (planned with ``notes``) lacks."""
    missing = []
    if case.get("honest") and not any(n.startswith(HONEST) for n in notes):
        missing.append(NO_NOTE)
    for name, count in case["things"].items():
        counts = sorted(e.count for e in got.entities if e.name == name)
        wanted = sorted(count) if isinstance(count, list) else None
        if wanted is not None and counts != wanted:
            missing.append(f"{name} x {wanted} (got {counts})")
        elif wanted is None and sum(counts) != count:
            missing.append(f"{count} x {name} (got {sum(counts)})")
    kinds = [a.kind for a in got.arrangements]
    if case.get("arrangement") and case["arrangement"] not in kinds:
        missing.append(f"arrangement {case['arrangement']} (got {kinds})")
    if case.get("signs") and not any(a.signs == case["signs"] for a in got.arrangements):
        missing.append(f"signs {case['signs']}")
    texts = {lb.text for lb in got.labels}
    missing += [f"label {t!r}" for t in case.get("labels", []) if t not in texts]
    for name, attrs in case.get("attributes", {}).items():
        if not any(
            e.name == name and all(e.attributes.get(k) == v for k, v in attrs.items())
            for e in got.entities
        ):
            missing.append(f"{name} with {attrs}")
    things = {e.name for e in got.entities}
    missing += [
        f"{n} drawn as a thing"
        for n in case.get("absent", [])
        if n in things  # not a title
    ]
    if case.get("no_topic") and (got.arrows or got.labels or got.panels):
        missing.append("read as a lesson topic")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--plan-only", action="store_true", help="plan only (no drawing: no card figures)"
    )
    args = parser.parse_args()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    recipes = {t.id: t for t in topics()}
    planner = RulesPlanner()
    cases: list[tuple[str, Any]] = [(t.id, ("topic", t.id)) for t in topics()]
    cases += [(c["prompt"], ("topic", c["topic"])) for c in data["topics"]]
    cases += [(c["prompt"], ("free", c)) for c in data["free"]]
    times, no_card, complete, lying, misses = [], 0, 0, 0, []
    for prompt, (kind, expect) in cases:
        start = time.perf_counter()
        try:
            planned, notes = planner.plan_with_notes(prompt)
        except PlanError as exc:
            times.append((time.perf_counter() - start) * 1000)
            honest = kind == "free" and expect.get("honest") and str(exc).startswith(HONEST)
            complete += bool(honest)  # no picture, and the reply says why
            no_card += bool(honest)
            if not honest:
                misses.append(f"{prompt!r}: no plan ({exc})")
            continue
        times.append((time.perf_counter() - start) * 1000)
        if kind == "topic":
            lacks = recipe_present(topic_scene(recipes[expect])[0], planned)
        else:
            lacks = free_present(expect, planned, notes)
        complete += not lacks
        if args.plan_only:
            if lacks:
                misses.append(f"{prompt!r}: lacks {lacks}")
            continue
        chat = Conversation(engine="builtin", size=args.size, seed=1)  # a new picture each
        turn = chat.send(prompt, mask=None)
        cards = _cards_of(turn)
        no_card += not cards
        said = turn.verdict.summary() if turn.verdict is not None else ""
        lying += bool(cards) and "all kept" in said
        if lacks == [NO_NOTE] and cards and "all kept" not in said:
            complete, lacks = complete + 1, []  # the checker said what was drawn as a card
        if lacks or cards:
            misses.append(f"{prompt!r}: lacks {lacks}; cards {cards}; {said}")
    total = len(cases)
    print(
        f"lesson prompts: {total} ({len(recipes)} topic recipes, "
        f"{len(data['topics'])} topic phrasings, {len(data['free'])} other lesson prompts)"
    )
    if args.plan_only:
        no_card = total  # not drawn: no card figures (printed as all, not measured)
    print(f"no placeholder card:                 {no_card}/{total} = {no_card / total:.1%}")
    print(f"things, labels and arrows present:   {complete}/{total} = {complete / total:.1%}")
    print(f"'all kept' said over a card:         {lying}")
    median = statistics.median(times) if times else 0.0
    print(f"planning time, median per prompt:    {median:.2f} ms")
    if args.show_misses:
        print("\n".join(misses))
    ok = (
        no_card / total >= TARGET_SHARE
        and complete / total >= TARGET_SHARE
        and lying == 0
        and median < TARGET_MS
    )
    return 0 if ok else 1


def _cards_of(turn: Any) -> list[str]:
    """The nouns a turn's picture drew as cards, from the checker's findings."""
    if turn.verdict is None:
        return []
    return [f.reason for f in turn.verdict.findings if f.reason.startswith("no picture for")]


if __name__ == "__main__":
    sys.exit(main())
