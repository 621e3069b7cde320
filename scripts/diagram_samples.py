"""Draw the diagram vocabulary's sample pictures for the README (docs/samples/diagram_*.png).

Run from the project root::

    python scripts/diagram_samples.py [--size 512] [--out docs/samples]

Each picture is a scene graph built here (no planner), laid out by
:func:`jupyter_imagechat.layout.arrange` and drawn by the built-in engine; the PNGs are
saved with a small palette so each stays small.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.engines.builtin import BuiltinEngine  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.scene import (  # noqa: E402
    Arrangement,
    Arrow,
    Entity,
    Label,
    Panel,
    Relation,
    SceneGraph,
)


def arrows() -> SceneGraph:
    """A labelled process: a seed grows into a plant, then flowers (straight arrows)."""
    return SceneGraph(
        entities=[Entity("e1", "sprout"), Entity("e2", "plant"), Entity("e3", "flower")],
        arrows=[Arrow("e1", "e2", "grows"), Arrow("e2", "e3", "blooms")],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"])],
    )


def cycle() -> SceneGraph:
    """The water cycle: three things round a circle, curved labelled arrows between them."""
    return SceneGraph(
        entities=[Entity("e1", "wave"), Entity("e2", "cloud"), Entity("e3", "rain")],
        arrows=[
            Arrow("e1", "e2", "evaporation", curved=True),
            Arrow("e2", "e3", "condensation", curved=True),
            Arrow("e3", "e1", "precipitation", curved=True),
        ],
        arrangements=[Arrangement("circle", ["e2", "e3", "e1"])],
    )


def labels() -> SceneGraph:
    """The parts of a tree, each label with a leader line to its part."""
    return SceneGraph(
        entities=[Entity("e1", "tree")],
        labels=[
            Label("leaves", "e1", 0, (0.5, 0.2)),
            Label("branch", "e1", 0, (0.25, 0.45)),
            Label("trunk", "e1", 0, (0.5, 0.72)),
            Label("roots", "e1", 0, (0.5, 0.97)),
        ],
    )


def side_by_side() -> SceneGraph:
    """A summer day and a winter day side by side: two panels, each its own background."""
    return SceneGraph(
        entities=[
            Entity("e1", "sun"),
            Entity("e2", "tree"),
            Entity("e3", "snowman"),
            Entity("e4", "tree"),
        ],
        relations=[Relation("e1", "above", "e2")],
        panels=[
            Panel("p1", ["e1", "e2"], "summer", "grass"),
            Panel("p2", ["e3", "e4"], "winter", "snow"),
        ],
    )


def life_cycle() -> SceneGraph:
    """The life cycle of a chicken: three panels round a circle, arrows between them."""
    stages = ["egg", "chick", "chicken"]
    entities = [Entity(f"e{i + 1}", name) for i, name in enumerate(stages)]
    panels = [Panel(f"p{i + 1}", [f"e{i + 1}"], name) for i, name in enumerate(stages)]
    ids = [p.id for p in panels]
    return SceneGraph(
        entities=entities,
        panels=panels,
        arrows=[Arrow(a, b, curved=True) for a, b in zip(ids, ids[1:] + ids[:1], strict=True)],
        arrangements=[Arrangement("circle", ids)],
    )


def equation() -> SceneGraph:
    """3 + 2 = 5 drawn with apples and signs."""
    return SceneGraph(
        entities=[Entity("e1", "apple", 3), Entity("e2", "apple", 2), Entity("e3", "apple", 5)],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])],
    )


def rows() -> SceneGraph:
    """Multiplication as equal rows: three rows of four strawberries."""
    return SceneGraph(
        entities=[Entity("e1", "strawberry", 12)],
        arrangements=[Arrangement("rows", ["e1"], rows=3)],
    )


def grid() -> SceneGraph:
    """Nine stars in a grid."""
    return SceneGraph(
        entities=[Entity("e1", "star", 9, {"color": "yellow"})],
        arrangements=[Arrangement("grid", ["e1"])],
    )


def pictogram() -> SceneGraph:
    """A pictogram of the fruit a class ate: one row per fruit, its name at the start."""
    return SceneGraph(
        entities=[Entity("e1", "apple", 5), Entity("e2", "banana", 3), Entity("e3", "pear", 6)],
        arrangements=[Arrangement("pictogram", ["e1", "e2", "e3"])],
    )


SAMPLES: dict[str, Callable[[], SceneGraph]] = {
    "arrows": arrows,
    "cycle": cycle,
    "labels": labels,
    "panels": side_by_side,
    "panels_circle": life_cycle,
    "equation": equation,
    "rows": rows,
    "grid": grid,
    "pictogram": pictogram,
}
"""Sample name (``docs/samples/diagram_<name>.png``) -> the scene it draws."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("names", nargs="*", help="samples to draw (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    engine = BuiltinEngine()
    for name in args.names or SAMPLES:
        scene = arrange(SAMPLES[name](), seed=0)
        result = engine.draw(scene, seed=0, settings={"width": args.size, "height": args.size})
        path = args.out / f"diagram_{name}.png"
        result.image.quantize(colors=96, dither=0).save(path, optimize=True)
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
