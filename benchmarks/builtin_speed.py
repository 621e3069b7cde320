"""How fast the built-in engine draws a scene, on one CPU core.

Run from the project root::

    python benchmarks/builtin_speed.py [--repeat 5]

Draws 24 varied scenes (counts, colours, relations, backgrounds, styles, texts, drawn
shapes and placeholders), planned and laid out beforehand, at 512, 1024 and 2048 px, and
prints the median and 95th-percentile time of ``BuiltinEngine.draw``:

- ``cold``: the first draw of a scene with every picture cache emptied (artwork read and
  rendered from its vector form, recoloured, finished; backgrounds painted): the first
  picture of a new prompt in a session. Before timing, one scene is drawn so that the
  process has loaded its libraries and fonts.
- ``warm``: the same scene drawn again with another seed (sprites cached): every later
  turn, edit, storyboard frame or replay of it.

Targets (issue 4): 512 px <= 50 ms and 1024 px <= 150 ms; both are checked against the
cold median. The process is pinned to one core where the OS allows it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.engines.builtin import (  # noqa: E402
    BuiltinEngine,
    artwork,
    backgrounds,
)
from jupyter_imagechat.engines.builtin.sprites import SPRITES  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402

PROMPTS = [
    "three red apples left of a blue bowl",
    "a cat on a bed at night",
    "two dogs and a cat in the park",
    "a black apple and a blue banana",
    "a wooden chair next to a glass vase",
    "a red and white striped cat",
    "a sign that says 'Exit'",
    "a giraffe next to an elephant at sunset",
    "five yellow ducks on the beach",
    "a fish and an octopus underwater",
    "a teacher and a student in a classroom",
    "a cup on a dining table in the kitchen",
    "a pixel art dragon",
    "a watercolor painting of a sunflower and a butterfly",
    "a pencil sketch of a horse",
    "a cartoon dog with a ball",
    "a tractor and a cow on a farm",
    "a fire hydrant left of a stop sign",
    "four oranges and two bananas",
    "a purple umbrella and a pink suitcase",
    "twelve stars in space",
    "a zorblax next to a lighthouse",
    "a photo of a bench left of a refrigerator",
    "a brown horse behind a white fence",
]
TARGETS = {512: 50.0, 1024: 150.0}


def clear_caches() -> None:
    """Forget every rendered, recoloured and cached picture (per-noun facts such as the
    visible part of each artwork, and loaded fonts, are kept: they are loaded once)."""
    SPRITES.clear()
    artwork.load_artwork.cache_clear()
    artwork._svg.cache_clear()
    backgrounds._cached.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm draws per scene")
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 1024, 2048])
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    planner, engine = RulesPlanner(), BuiltinEngine()
    scenes = [arrange(planner.plan(p), seed=0) for p in PROMPTS]
    engine.draw(arrange(planner.plan("a cat"), seed=0))  # load libraries and fonts
    print(f"{len(scenes)} scenes, one core; times of BuiltinEngine.draw in ms")
    print(f"{'size':>6}{'cold median':>13}{'cold p95':>10}{'warm median':>13}{'warm p95':>10}")
    failed = False
    for size in args.sizes:
        settings = {"width": size, "height": size}
        cold, warm = [], []
        for scene in scenes:
            clear_caches()
            t0 = time.perf_counter()
            engine.draw(scene, seed=0, settings=settings)
            cold.append((time.perf_counter() - t0) * 1000)
            for seed in range(1, args.repeat + 1):
                t0 = time.perf_counter()
                engine.draw(scene, seed=seed, settings=settings)
                warm.append((time.perf_counter() - t0) * 1000)
        row = (
            f"{size:>6}{statistics.median(cold):>13.1f}{np.percentile(cold, 95):>10.1f}"
            f"{statistics.median(warm):>13.1f}{np.percentile(warm, 95):>10.1f}"
        )
        target = TARGETS.get(size)
        if target is not None:
            ok = statistics.median(cold) <= target
            failed |= not ok
            row += f"   target {target:.0f} ms: {'met' if ok else 'NOT MET'}"
        print(row)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
