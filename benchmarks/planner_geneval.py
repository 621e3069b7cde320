"""Score the rules planner against GenEval's ground truth (no images needed).

Run from the project root::

    python benchmarks/planner_geneval.py [--data ../shared/data/geneval]

Prints, per GenEval tag, the share of prompts whose planned scene graph matches the ground
truth exactly (classes, counts, colours, position relations and exclusions), then the
median and 95th-percentile planning time per prompt.

Matching rules: each ``include`` entry needs one entity of that class and count, with that
colour (or no colour when GenEval names none), and nothing else may be planned. GenEval's
``position: [relation, idx]`` means include[i] stands in ``relation`` to include[idx]; the
planned relations must be exactly those. GenEval's counting prompts carry an exclude entry
``{class, count: n + 1}`` meaning "not more than n": a planned count of n satisfies it, so
the planner must emit no exclusion for it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "geneval"


def load(data: Path) -> list[dict[str, Any]]:
    """Read ``evaluation_metadata.jsonl`` from ``data``."""
    with open(data / "evaluation_metadata.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def mismatch(scene: SceneGraph, row: dict[str, Any]) -> str:
    """Return why ``scene`` does not match ``row``'s ground truth ("" when it does)."""
    include = row["include"]
    if len(scene.entities) != len(include):
        return f"{len(scene.entities)} entities planned, {len(include)} expected"
    ids: list[str] = []
    free = list(scene.entities)
    for want in include:
        found = next(
            (
                e
                for e in free
                if e.name == want["class"]
                and e.count == want.get("count", 1)
                and e.attributes.get("color") == want.get("color")
            ),
            None,
        )
        if found is None:
            return f"no entity matches {want}"
        free.remove(found)
        ids.append(found.id)
    expected = {
        (ids[i], want["position"][0], ids[want["position"][1]])
        for i, want in enumerate(include)
        if "position" in want
    }
    got = {(r.subject, r.predicate, r.object) for r in scene.relations}
    if got != expected:
        return f"relations {sorted(got)} != {sorted(expected)}"
    wanted_excludes = []
    for ex in row.get("exclude", []):
        counted = next((w for w in include if w["class"] == ex["class"]), None)
        if "count" in ex and counted is not None and counted.get("count", 1) == ex["count"] - 1:
            continue  # "not n + 1": satisfied by planning exactly n
        wanted_excludes.append(ex["class"])
    if sorted(x["name"] for x in scene.exclude) != sorted(wanted_excludes):
        return f"exclude {scene.exclude} != {wanted_excludes}"
    return ""


def evaluate(
    rows: list[dict[str, Any]],
) -> tuple[dict[str, list[bool]], list[float], list[float], list[str]]:
    """Plan and lay out every prompt; return per-tag results, planning and layout times in
    ms and failure descriptions."""
    planner = RulesPlanner()
    by_tag: dict[str, list[bool]] = defaultdict(list)
    times: list[float] = []
    layout_times: list[float] = []
    failures: list[str] = []
    for row in rows:
        t0 = time.perf_counter()
        scene = planner.plan(row["prompt"])
        times.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        arrange(scene)
        layout_times.append((time.perf_counter() - t0) * 1000)
        why = mismatch(scene, row)
        by_tag[row["tag"]].append(not why)
        if why:
            failures.append(f"{row['prompt']!r}: {why}")
    return by_tag, times, layout_times, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GenEval folder")
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    args = parser.parse_args(argv)
    if not (args.data / "evaluation_metadata.jsonl").is_file():
        print(f"GenEval data not found in {args.data}; pass --data", file=sys.stderr)
        return 2
    rows = load(args.data)
    planner = RulesPlanner()
    for row in rows[:50]:  # warm up
        planner.plan(row["prompt"])
    by_tag, times, layout_times, failures = evaluate(rows)
    print(f"{'tag':<15}{'prompts':>8}{'exact':>8}{'rate':>9}")
    for tag in sorted(by_tag):
        ok = by_tag[tag]
        print(f"{tag:<15}{len(ok):>8}{sum(ok):>8}{sum(ok) / len(ok):>9.1%}")
    total = [v for ok in by_tag.values() for v in ok]
    print(f"{'all':<15}{len(total):>8}{sum(total):>8}{sum(total) / len(total):>9.1%}")
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"median {statistics.median(times):.3f} ms per prompt, p95 {p95:.3f} ms")
    print(f"layout: median {statistics.median(layout_times):.3f} ms per scene")
    for line in failures[: args.show]:
        print("FAIL", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
