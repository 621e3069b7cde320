"""How fast diagrams are laid out and drawn, beside the same scenes without their marks.

Run from the project root::

    python benchmarks/diagram_speed.py [--repeat 5]

Takes the README's diagram samples (``scripts/diagram_samples.py``: arrows, a cycle,
labels, panels side by side and round a circle, an equation, rows, a grid, a pictogram)
and prints, on one core:

- ``layout``: median and worst time of :func:`jupyter_imagechat.layout.arrange` per
  scene (target: a few ms; checked against 5 ms for the median), and the same for a dozen
  lesson topics as the rules planner plans them (cycles, labelled parts, panels);
- ``draw``: median time of ``BuiltinEngine.draw`` at 512 and 1024 px, cold (picture
  caches emptied, as in ``benchmarks/builtin_speed.py``, and the diagram's written words)
  and warm (drawn again with another seed), for the diagrams and for the same scenes
  with their arrows, labels, panels and arrangements taken out (the things alone, laid
  out the ordinary way); the ratio is what the diagram's marks cost. Targets: the cold
  medians of ``builtin_speed.py`` (512 px <= 50 ms, 1024 px <= 150 ms).

On a shared machine the figures move with its load: run ``builtin_speed.py`` beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from builtin_speed import clear_caches  # noqa: E402
from diagram_samples import SAMPLES  # noqa: E402

from jupyter_imagechat.engines.builtin import BuiltinEngine, diagram  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

LESSONS = [
    "a diagram of the water cycle with labels",
    "the rock cycle",
    "the life cycle of a frog",
    "parts of a plant",
    "parts of a fish",
    "the planets in order",
    "a food web",
    "a simple circuit",
    "recycling",
    "day and night",
    "five apples and three pears in two rows",
    "3 + 2 = 5 with apples",
]
"""Lesson prompts whose recipes are diagrams: labels, cycles, panels, arrangements."""
LAYOUT_TARGET = 5.0
DRAW_TARGETS = {512: 50.0, 1024: 150.0}


def without_marks(scene: SceneGraph) -> SceneGraph:
    """The same things with no arrows, labels, panels or arrangements."""
    plain = scene.copy()
    plain.arrows, plain.labels, plain.panels, plain.arrangements = [], [], [], []
    plain.layout = []
    return plain


def clear_all() -> None:
    """Every picture cache of ``builtin_speed.py`` and the diagram's written words and
    panel grounds."""
    clear_caches()
    diagram._text_tile.cache_clear()
    diagram._panel_ground.cache_clear()


def timed(fn, *args, **kwargs) -> float:
    """CPU milliseconds ``fn(*args, **kwargs)`` takes (steadier than the wall clock on a
    machine other jobs share)."""
    t0 = time.process_time()
    fn(*args, **kwargs)
    return (time.process_time() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="warm draws and layouts per scene")
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 1024])
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    engine = BuiltinEngine()
    plans = {name: make() for name, make in SAMPLES.items()}
    arrange(plans["cycle"])  # load what the layout imports
    engine.draw(arrange(plans["cycle"]))  # and what the engine does
    failed = False
    print(f"{len(plans)} diagram scenes, one core; CPU times in ms")
    layout = {
        name: sorted(timed(arrange, plan, seed=s) for s in range(args.repeat))
        for name, plan in plans.items()
    }
    medians = [statistics.median(t) for t in layout.values()]
    ok = statistics.median(medians) <= LAYOUT_TARGET
    failed |= not ok
    print(
        f"layout: median {statistics.median(medians):.2f}, worst scene {max(medians):.2f} "
        f"({max(layout, key=lambda n: statistics.median(layout[n]))})   "
        f"target {LAYOUT_TARGET:.0f} ms: {'met' if ok else 'NOT MET'}"
    )
    planner = RulesPlanner()
    lessons = [planner.plan(p) for p in LESSONS]
    times = [
        statistics.median(timed(arrange, s, seed=k) for k in range(args.repeat)) for s in lessons
    ]
    print(
        f"layout of {len(lessons)} lesson topics (the rules planner's recipes): median "
        f"{statistics.median(times):.2f}, slowest {max(times):.2f}"
    )
    diagrams = [arrange(plan, seed=0) for plan in plans.values()]
    plain = [arrange(without_marks(plan), seed=0) for plan in plans.values()]
    print(f"{'size':>6}{'':>10}{'cold median':>13}{'warm median':>13}")
    for size in args.sizes:
        settings = {"width": size, "height": size}
        row: dict[str, tuple[float, float]] = {}
        for label, scenes in (("diagram", diagrams), ("things", plain)):
            cold, warm = [], []
            for scene in scenes:
                clear_all()
                cold.append(timed(engine.draw, scene, seed=0, settings=settings))
                warm += [
                    timed(engine.draw, scene, seed=s, settings=settings)
                    for s in range(1, args.repeat + 1)
                ]
            row[label] = (statistics.median(cold), statistics.median(warm))
            print(f"{size:>6}{label:>10}{row[label][0]:>13.1f}{row[label][1]:>13.1f}")
        target = DRAW_TARGETS.get(size)
        ratio = row["diagram"][0] / row["things"][0]
        line = f"{'':>6}{'ratio':>10}{ratio:>13.2f}{row['diagram'][1] / row['things'][1]:>13.2f}"
        if target is not None:
            ok = row["diagram"][0] <= target
            failed |= not ok
            line += f"   target {target:.0f} ms (cold diagram): {'met' if ok else 'NOT MET'}"
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
