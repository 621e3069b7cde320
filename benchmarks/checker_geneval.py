"""Draw every GenEval prompt with the built-in engine and check each picture against its plan.

Run from the project root::

    python benchmarks/checker_geneval.py [--data ../shared/data/geneval] [--size 256]

For each of the 553 prompts: plan (rules planner), lay out, draw with the built-in engine,
then ``check(plan, result)``. Prints, per GenEval tag, the prompts whose every constraint
is satisfied, the constraints by status (satisfied / violated / unknown), and the first
violations. The built-in engine reports what it drew, so the target is 100% satisfied.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from planner_geneval import DEFAULT_DATA, load  # noqa: E402

from jupyter_imagechat.checker import SATISFIED, UNKNOWN, VIOLATED, check  # noqa: E402
from jupyter_imagechat.engines import create_engine  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GenEval folder")
    parser.add_argument("--size", type=int, default=256, help="picture side in pixels")
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts")
    parser.add_argument("--show", type=int, default=10, help="violations to print")
    args = parser.parse_args(argv)
    if not (args.data / "evaluation_metadata.jsonl").is_file():
        print(f"GenEval data not found in {args.data}; pass --data", file=sys.stderr)
        return 2
    rows = load(args.data)[: args.limit or None]
    planner, engine = RulesPlanner(), create_engine("builtin")
    by_tag: dict[str, list[bool]] = defaultdict(list)
    statuses: dict[str, Counter[str]] = defaultdict(Counter)
    violations: list[str] = []
    draw_ms: list[float] = []
    for row in rows:
        scene = arrange(planner.plan(row["prompt"]), seed=0)
        t0 = time.perf_counter()
        result = engine.draw(scene, seed=0, settings={"width": args.size, "height": args.size})
        draw_ms.append((time.perf_counter() - t0) * 1000)
        verdict = check(scene, result)
        tag = row["tag"]
        statuses[tag].update(f.status for f in verdict.findings)
        all_ok = all(f.status == SATISFIED for f in verdict.findings)
        by_tag[tag].append(all_ok)
        for f in verdict.findings:
            if f.status != SATISFIED:
                violations.append(f"{row['prompt']!r}: {f.constraint} {f.status} ({f.reason})")
    head = f"{'tag':<15}{'prompts':>8}{'all kept':>9}{'rate':>8}"
    print(f"{head}{'satisfied':>11}{'violated':>10}{'unknown':>9}")
    total: Counter[str] = Counter()
    for tag in sorted(by_tag):
        ok, st = by_tag[tag], statuses[tag]
        total.update(st)
        print(
            f"{tag:<15}{len(ok):>8}{sum(ok):>9}{sum(ok) / len(ok):>8.1%}"
            f"{st[SATISFIED]:>11}{st[VIOLATED]:>10}{st[UNKNOWN]:>9}"
        )
    every = [v for ok in by_tag.values() for v in ok]
    print(
        f"{'all':<15}{len(every):>8}{sum(every):>9}{sum(every) / len(every):>8.1%}"
        f"{total[SATISFIED]:>11}{total[VIOLATED]:>10}{total[UNKNOWN]:>9}"
    )
    print(f"draw: median {statistics.median(draw_ms):.1f} ms at {args.size} px (target: 100% kept)")
    for line in violations[: args.show]:
        print("NOT KEPT", line)
    return 0 if sum(every) == len(every) else 1


if __name__ == "__main__":
    raise SystemExit(main())
