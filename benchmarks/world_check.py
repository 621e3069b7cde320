"""Lay out and draw every prompt of the benchmarks; count the world findings before and
after "fix", and compare the checker with an independent audit of the pixels.

Run from the project root::

    python benchmarks/world_check.py [--size 512] [--sets geneval,dsg1k,lessons,sessions]

Sets: the 553 GenEval prompts (``../shared/data/geneval``), the 1,060 DSG-1k prompts
(``../shared/data/dsg1k``), and the development sets of the lesson and conversation work
when they exist (``benchmarks/data/lesson_prompts.json``: prompts; ``sessions.json``:
conversations, each a list of prompts sent in turn); a missing set is skipped with a
message. Each prompt is planned by the rules planner, laid out (timed: the median per
prompt, on one core), drawn by the built-in engine and checked. A plan with a violated
world finding is drawn and fixed through a :class:`~jupyter_imagechat.turns.Conversation`
(``generate`` then ``fix``), and checked again.

Printed per set and per kind of world finding (support, frame, size, overlap, legibility,
permanence): the plans with a violation before "fix" and after, and for support and frame
the share of plans where the checker agrees with an audit of the drawn pixels that shares
no code with it: every drawn shape's lowest row lies on the painted ground band or right
on top of (or against) another drawn shape, unless the thing flies, is a patch of the
place itself (the grass), hangs on an indoor wall, was asked to be at the top, or there is
no ground; and no drawn shape touches an
edge of the picture. The violations are counted by cause (the checker's reason with the
nouns and numbers taken out), then every plan with one is listed with what the checker
named.

Targets: no support, frame or overlap violation before any fix on GenEval and the
development sets; under 1% of DSG-1k plans with any world violation; the layout's median
under 5 ms per prompt. Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from planner_dsg1k import DEFAULT_DATA as DSG_DATA  # noqa: E402
from planner_dsg1k import load as load_dsg  # noqa: E402
from planner_geneval import DEFAULT_DATA as GENEVAL_DATA  # noqa: E402
from planner_geneval import load as load_geneval  # noqa: E402

from jupyter_imagechat.checker import KINDS, VIOLATED, Verdict, check  # noqa: E402
from jupyter_imagechat.engines import create_engine  # noqa: E402
from jupyter_imagechat.engines.base import DrawnObject  # noqa: E402
from jupyter_imagechat.errors import ImageChatError  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402
from jupyter_imagechat.turns import Conversation  # noqa: E402
from jupyter_imagechat.vocab.support import HUNG, INDOORS, SCENERY  # noqa: E402
from jupyter_imagechat.vocab.world import IN_THE_AIR, SWIMMING, ground_level, place_of  # noqa: E402

DEV = ROOT / "benchmarks" / "data"
STRICT = ("support", "frame", "overlap")
"""Kinds that must have no violation at all on GenEval and the development sets."""
DSG_SHARE = 0.01
"""Largest share of DSG-1k plans with any world violation."""
LAYOUT_MS = 5.0
"""Largest median layout time per prompt."""
AUDIT_ROWS = 4
"""How many pixel rows below a shape's bottom the audit looks for what it rests on."""


# -- the audit ----------------------------------------------------------------------------
def audit(scene: SceneGraph, objects: list[DrawnObject], size: tuple[int, int]) -> dict[str, bool]:
    """Whether the drawn pixels show a floating thing (``support``) or a thing cut off by
    an edge (``frame``); reads only the shapes, the painted ground line and the nouns."""
    width, height = size
    line = ground_level(scene.background)
    place = place_of(scene.background)
    page = bool(scene.arrows or scene.labels or scene.panels or scene.arrangements)
    owner = np.full((height, width), -1, dtype=np.int32)
    for i, obj in enumerate(objects):
        if obj.mask is None:
            continue
        x0, y0, x1, y1 = obj.box
        region = owner[y0:y1, x0:x1]
        region[obj.mask[: region.shape[0], : region.shape[1]]] = i
    floating = cut = False
    ents = {e.id: e for e in scene.entities}
    for i, obj in enumerate(objects):
        if obj.mask is None or not obj.mask.any():
            continue
        x0, y0, x1, y1 = obj.box
        rows = np.flatnonzero(obj.mask.any(axis=1))
        cols = np.flatnonzero(obj.mask.any(axis=0))
        if y0 + rows[0] == 0 or x0 + cols[0] == 0 or y0 + rows[-1] == height - 1:
            cut = True
        if x0 + cols[-1] == width - 1:
            cut = True
        ent = ents.get(obj.entity)
        exempt = (
            obj.name in IN_THE_AIR
            or obj.name in SCENERY
            or line is None
            or place in SWIMMING
            or page
            or (obj.name in HUNG and place in INDOORS)
            or (ent is not None and ent.attributes.get("position", "").startswith("top"))
        )
        bottom = y0 + rows[-1]
        if exempt or bottom >= line * height - 2:
            continue
        others = (owner != i) & (owner >= 0)
        feet = x0 + np.flatnonzero(obj.mask[rows[-1]])
        under = others[bottom + 1 : bottom + 1 + AUDIT_ROWS][:, feet].any()
        half = y0 + (rows[0] + rows[-1]) // 2
        lower = obj.mask[half - y0 :, :]
        against = (others[half : half + lower.shape[0], x0 : x0 + lower.shape[1]] & lower).any()
        if not (under or against):
            floating = True
    return {"support": floating, "frame": cut}


# -- the sets -------------------------------------------------------------------------------
def _prompts(value: Any) -> list[str]:
    """Every prompt in a development set file, however it is nested: the ``prompt``,
    ``text`` or ``say`` of each object, or the strings of a list (never an ``about``)."""
    if isinstance(value, dict):
        for key in ("prompt", "text", "say"):
            if isinstance(value.get(key), str):
                return [value[key]]
        return [p for v in value.values() if isinstance(v, (dict, list)) for p in _prompts(v)]
    if isinstance(value, list):
        return [p for v in value for p in ([v] if isinstance(v, str) else _prompts(v))]
    return []


def _sessions(value: Any) -> list[list[str]]:
    """The conversations of ``sessions.json``: each a list of prompts."""
    if isinstance(value, dict):
        value = value.get("sessions", list(value.values()))
    out = []
    for item in value if isinstance(value, list) else []:
        turns = item.get("turns", item.get("prompts", item)) if isinstance(item, dict) else item
        prompts = _prompts(turns)
        if prompts:
            out.append(prompts)
    return out


SET_NAMES = ("geneval", "dsg1k", "lessons", "sessions")


def load_sets(names: list[str]) -> dict[str, list[list[str]]]:
    """Set name -> list of conversations (a single prompt is a conversation of one)."""
    sets: dict[str, list[list[str]]] = {}
    for name in names:
        if name == "geneval":
            path = GENEVAL_DATA / "evaluation_metadata.jsonl"
            if path.is_file():
                sets[name] = [[row["prompt"]] for row in load_geneval(GENEVAL_DATA)]
            else:
                print(f"skipped geneval: {path} not found")
        elif name == "dsg1k":
            path = DSG_DATA / "dsg-1k-anns.csv"
            if path.is_file():
                sets[name] = [[text] for text, _ in load_dsg(DSG_DATA).values()]
            else:
                print(f"skipped dsg1k: {path} not found")
        elif name == "lessons":
            path = DEV / "lesson_prompts.json"
            if path.is_file():
                sets[name] = [[p] for p in _prompts(json.loads(path.read_text("utf-8")))]
            else:
                print(f"skipped lessons: {path.relative_to(ROOT)} does not exist yet")
        elif name == "sessions":
            path = DEV / "sessions.json"
            if path.is_file():
                sets[name] = _sessions(json.loads(path.read_text("utf-8")))
            else:
                print(f"skipped sessions: {path.relative_to(ROOT)} does not exist yet")
    return sets


# -- running --------------------------------------------------------------------------------
def violated(verdict: Verdict) -> set[str]:
    """The world kinds with a violated finding."""
    return {f.kind for f in verdict.findings if f.status == VIOLATED and f.kind in KINDS}


def run_single(prompt: str, planner: RulesPlanner, engine: Any, size: int, seed: int,
               times: list[float], fix: bool = True) -> dict[str, Any] | None:  # fmt: skip
    """Plan, lay out (timed), draw and check one prompt; fix it when it breaks the world.
    A prompt with nothing to draw is left out (``None``)."""
    try:
        plan = planner.plan(prompt)
    except ImageChatError:
        return None
    start = time.perf_counter()
    scene = arrange(plan, seed=seed)
    times.append(time.perf_counter() - start)
    result = engine.draw(scene, seed=seed, settings={"width": size, "height": size})
    verdict = check(scene, result)
    before = violated(verdict)
    shown = audit(scene, result.objects, result.image.size)
    after = set(before)
    if before and fix:
        after = _after_fix(scene, size, seed)
    bad = [f for f in verdict.findings if f.status == VIOLATED and f.kind in KINDS]
    named = [f"{f.kind}: {f.constraint} ({f.reason})" for f in bad]
    causes = [cause(f.kind, f.reason, scene) for f in bad]
    return {"before": before, "after": after, "audit": shown, "named": named, "causes": causes}


def cause(kind: str, reason: str, scene: SceneGraph) -> str:
    """A violation's cause, the same for every plan: its kind and its reason with the
    plan's nouns and the numbers taken out ("support: it is not on the X")."""
    text = re.sub(r"\d+(\.\d+)?", "#", reason)
    for name in sorted({e.name for e in scene.entities}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}('s)?\b", "X", text)
    return f"{kind}: {text}"


def _after_fix(scene: SceneGraph, size: int, seed: int) -> set[str]:
    chat = Conversation(size=size, seed=seed)
    turn = chat.generate(scene)
    if turn.verdict is None or not violated(turn.verdict):
        return set()
    try:
        fixed = chat.fix()
    except ImageChatError:
        return violated(turn.verdict)
    return violated(fixed.verdict) if fixed.verdict is not None else set()


def run_session(prompts: list[str], size: int, seed: int, times: list[float]) -> dict[str, Any]:
    """Send a conversation turn by turn; the world findings of every turn count."""
    chat = Conversation(size=size, seed=seed)
    before: set[str] = set()
    after: set[str] = set()
    named: list[str] = []
    causes: list[str] = []
    for prompt in prompts:
        try:
            turn = chat.send(prompt)
        except ImageChatError:
            continue
        times.append(turn.timings.get("layout", 0.0))
        if turn.verdict is None:
            continue
        bad = violated(turn.verdict)
        before |= bad
        found = [f for f in turn.verdict.findings if f.status == VIOLATED and f.kind in KINDS]
        named += [f"{prompt!r}: {f.kind}: {f.constraint} ({f.reason})" for f in found]
        causes += [cause(f.kind, f.reason, turn.scene or SceneGraph()) for f in found]
        if bad:
            try:
                fixed = chat.fix()
                after |= violated(fixed.verdict) if fixed.verdict is not None else set()
            except ImageChatError:
                after |= bad
    return {"before": before, "after": after, "audit": {}, "named": named, "causes": causes}


def report(name: str, rows: list[dict[str, Any]], times: list[float]) -> bool:
    """Print one set's table; return whether its targets are met."""
    n = len(rows)
    before = Counter(k for r in rows for k in r["before"])
    after = Counter(k for r in rows for k in r["after"])
    any_before = sum(bool(r["before"]) for r in rows)
    any_after = sum(bool(r["after"]) for r in rows)
    print(f"\n{name}: {n} plans, {any_before} with a world violation before fix "
          f"({any_before / max(n, 1):.1%}), {any_after} after")  # fmt: skip
    print(f"{'kind':12} {'before fix':>11} {'after fix':>10} {'agrees with audit':>18}")
    for kind in KINDS:
        agree = "-"
        audited = [r for r in rows if kind in r["audit"]]
        if audited:
            same = sum((kind in r["before"]) == r["audit"][kind] for r in audited)
            agree = f"{same / len(audited):.3f} ({len(audited) - same} differ)"
        print(f"{kind:12} {before[kind]:>11} {after[kind]:>10} {agree:>18}")
    if times:
        ms = [t * 1000 for t in times]
        p95 = sorted(ms)[int(0.95 * (len(ms) - 1))]
        print(f"layout: median {statistics.median(ms):.2f} ms, 95th percentile {p95:.2f} ms, "
              f"max {max(ms):.1f} ms per prompt (target: median < {LAYOUT_MS:.0f} ms)")  # fmt: skip
    ok = not times or statistics.median(times) * 1000 < LAYOUT_MS
    causes = Counter(c for r in rows for c in dict.fromkeys(r.get("causes", [])))
    if causes:
        print("plans by cause of violation (before fix):")
        for text, count in causes.most_common():
            print(f"  {count:4d}  {text}")
    for r in rows:  # each violation, as the checker named it
        for line in r["named"]:
            print(f"  {r['prompt']!r}: {line}")
    if name == "dsg1k":
        ok = ok and any_before / max(n, 1) < DSG_SHARE
    else:
        ok = ok and not any(before[k] for k in STRICT)
    print(f"{name}: {'target met' if ok else 'TARGET MISSED'}")
    return ok


def core_idle_ticks() -> dict[int, int]:
    """Idle (and iowait) ticks so far per core, from ``/proc/stat``; empty where unreadable."""
    try:
        lines = Path("/proc/stat").read_text().splitlines()
    except OSError:
        return {}
    ticks = {}
    for line in lines:
        match = re.match(r"cpu(\d+)\s+(.*)", line)
        if match:
            fields = [int(f) for f in match.group(2).split()]
            ticks[int(match.group(1))] = sum(fields[3:5])
    return ticks


def freest_core(allowed: set[int], sample_s: float = 0.3) -> int:
    """The allowed core that was idle the most over ``sample_s`` (the lowest on a tie, or
    where the system does not say)."""
    first = core_idle_ticks()
    time.sleep(sample_s)
    second = core_idle_ticks()
    return max(sorted(allowed), key=lambda c: second.get(c, 0) - first.get(c, 0))


def one_core() -> str:
    """Pin this process to one free core, as the layout target is stated; say which."""
    setter: Callable[..., Any] | None = getattr(os, "sched_setaffinity", None)
    if setter is None:
        return "all cores (this system cannot pin a process)"
    core = freest_core(set(os.sched_getaffinity(0)))
    setter(0, {core})
    return f"core {core} (the freest of those allowed)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sets", default=",".join(SET_NAMES))
    parser.add_argument("--limit", type=int, default=0, help="at most this many per set")
    parser.add_argument("--no-fix", action="store_true", help="count before fix only")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.sets.split(",")) - set(SET_NAMES))
    if unknown:
        parser.error(f"--sets: unknown {', '.join(unknown)}; choose from {', '.join(SET_NAMES)}")
    print(f"one core: {one_core()}; pictures {args.size} px; seed {args.seed}")
    planner, engine = RulesPlanner(), create_engine("builtin")
    ok = True
    for name, convs in load_sets(args.sets.split(",")).items():
        convs = convs[: args.limit] if args.limit else convs
        rows, times, empty = [], [], 0
        for prompts in convs:
            if name == "sessions":
                row = run_session(prompts, args.size, args.seed, times)
            else:
                row = run_single(prompts[0], planner, engine, args.size, args.seed, times,
                                 fix=not args.no_fix)  # fmt: skip
            if row is None:
                empty += 1
                continue
            row["prompt"] = prompts[0]
            rows.append(row)
        if empty:
            print(f"\n{name}: {empty} prompt(s) with nothing the planner can draw left out")
        ok = report(name, rows, times) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
