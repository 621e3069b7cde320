"""Draw all 553 GenEval prompts with the built-in engine and score the pictures per tag.

Run from the project root::

    python benchmarks/geneval_builtin.py [--data ../shared/data/geneval] [--size 512]

Each prompt is planned by the rules planner, laid out and drawn. Three scores per tag:

- ``checker``: the share of prompts whose every constraint
  ``jupyter_imagechat.checker.check(plan, result)`` finds satisfied (plan vs what the
  engine reports it drew); the last three columns count the constraints by status.
- ``truth``: the drawn objects against GenEval's own ground truth, not the plan: each
  class drawn exactly ``count`` times, no other class, the ``position`` relation kept by
  the drawn boxes' centres (GenEval's rule), colours as asked.
- ``pixels``: an audit of the picture itself: every instance shows at least a quarter of
  its own shape (not hidden behind others, not cut off), and where GenEval asks for a
  colour, every instance reads as that colour: the most common colour name of its visible
  pixels (a hue/lightness rule over GenEval's 10 colours) is that colour, or that colour
  covers at least 30% of them (red handles on grey scissor blades), or at least 10% of
  them were repainted (compared with the same scene drawn without colours) and the most
  common name among those is that colour (a red tie in front of a blue shirt).

The target is 1.00 in every column. Exit status 1 if any prompt fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from planner_geneval import DEFAULT_DATA, load  # noqa: E402

from jupyter_imagechat.checker.check import SATISFIED, UNKNOWN, VIOLATED, check  # noqa: E402
from jupyter_imagechat.engines import create_engine  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner  # noqa: E402

MIN_VISIBLE = 0.25
"""Least share of an instance's own shape that must show in the picture."""


def colour_names(rgb: np.ndarray) -> np.ndarray:
    """Return a GenEval colour name (or "" for greys and unclear pixels) per RGB pixel."""
    arr = rgb.astype(np.float32) / 255.0
    mx, mn = arr.max(axis=-1), arr.min(axis=-1)
    chroma = mx - mn
    sat = np.where(mx > 0, chroma / np.maximum(mx, 1e-6), 0)
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    safe = np.where(chroma > 1e-6, chroma, 1.0)
    hue = np.where(
        mx == r,
        ((g - b) / safe) % 6.0,
        np.where(mx == g, (b - r) / safe + 2.0, (r - g) / safe + 4.0),
    )
    hue = hue * 60.0
    out = np.full(rgb.shape[:-1], "", dtype=object)
    chromatic = (sat >= 0.3) & (mx >= 0.2)  # pale steel blue and sky blue read as grey
    bins = [
        (0, 12, "red"), (12, 40, "orange"), (40, 70, "yellow"), (70, 165, "green"),
        (165, 255, "blue"), (255, 290, "purple"), (290, 340, "pink"), (340, 361, "red"),
    ]  # fmt: skip
    for lo, hi, name in bins:
        out[chromatic & (hue >= lo) & (hue < hi)] = name
    brownish = chromatic & (hue >= 10) & (hue < 45) & (mx < 0.62)
    out[brownish] = "brown"
    pinkish = chromatic & ((hue < 12) | (hue >= 340)) & (sat < 0.55) & (mx > 0.75)
    out[pinkish] = "pink"
    out[mx < 0.2] = "black"
    out[(sat < 0.12) & (mx > 0.82)] = "white"
    return out


def visible_shares(objects: list[Any], size: tuple[int, int]) -> list[np.ndarray]:
    """Return, per drawn object, the bool mask (whole picture) of its visible pixels."""
    w, h = size
    cover = np.full((h, w), -1, dtype=np.int32)
    for n, obj in enumerate(objects):  # back to front: later objects cover earlier ones
        x0, y0, x1, y1 = obj.box
        if obj.mask is not None and x1 > x0 and y1 > y0:
            region = cover[y0:y1, x0:x1]
            region[obj.mask] = n
    return [cover == n for n in range(len(objects))]


def _reads_as(want: str, now: np.ndarray, plain: np.ndarray | None) -> str:
    """Return "" if pixels ``now`` read as colour ``want``, else the colour they read as.
    ``plain`` holds the same pixels drawn without colour attributes."""
    names = Counter(n for n in colour_names(now) if n)
    got = names.most_common(1)[0][0] if names else "none"
    if names[want] >= 0.3 * len(now):  # a large part is that colour (red scissor handles)
        return ""
    if got == want or plain is None:
        return "" if got == want else got
    changed = np.abs(now.astype(np.int16) - plain.astype(np.int16)).max(axis=-1) > 30
    if changed.sum() < 0.1 * len(now):
        return got
    painted = Counter(n for n in colour_names(now[changed]) if n)
    top = painted.most_common(1)[0][0] if painted else "none"
    return "" if top == want else top


def audit(row: dict[str, Any], result: Any, plain: Any = None) -> tuple[bool, bool, str]:
    """Return (ground truth kept, pixel audit passed, why not) for one drawn prompt;
    ``plain`` is the same scene drawn without colour attributes (for colour prompts)."""
    objects = list(result.objects)
    include = row["include"]
    by_class: dict[str, list[Any]] = defaultdict(list)
    for obj in objects:
        by_class[obj.name].append(obj)
    truth, why = True, ""
    wanted = {item["class"] for item in include}
    for name in by_class:
        if name not in wanted:
            truth, why = False, f"unexpected {name}"
    for item in include:
        mine = by_class.get(item["class"], [])
        if len(mine) != item.get("count", 1):
            truth, why = False, f"{len(mine)} x {item['class']}, wanted {item.get('count', 1)}"
        if item.get("color") and any(o.attributes.get("color") != item["color"] for o in mine):
            truth, why = False, f"{item['class']} not reported {item['color']}"
        if "position" in item and mine:
            relation, index = item["position"]
            other = by_class.get(include[index]["class"], [])
            if other and not _position(relation, mine, other):
                truth, why = False, f"{item['class']} not {relation} {include[index]['class']}"
    pixels = np.asarray(result.image.convert("RGB"))
    before = np.asarray(plain.image.convert("RGB")) if plain is not None else None
    shows = visible_shares(objects, result.image.size)
    colour_of = {item["class"]: item.get("color") for item in include}
    ok_pixels = True
    for obj, seen in zip(objects, shows, strict=True):
        own = int(obj.mask.sum()) if obj.mask is not None else 0
        if own == 0 or seen.sum() < MIN_VISIBLE * own:
            ok_pixels, why = False, why or f"{obj.name} {obj.index} hidden or cut off"
            continue
        want = colour_of.get(obj.name)
        if want:
            got = _reads_as(want, pixels[seen], None if before is None else before[seen])
            if got:
                ok_pixels, why = False, why or f"{obj.name} looks {got}, wanted {want}"
    return truth, ok_pixels, why


def _centre(objs: list[Any]) -> tuple[float, float]:
    xs = [(o.box[0] + o.box[2]) / 2 for o in objs]
    ys = [(o.box[1] + o.box[3]) / 2 for o in objs]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _position(relation: str, a: list[Any], b: list[Any]) -> bool:
    (ax, ay), (bx, by) = _centre(a), _centre(b)
    return {
        "left of": ax < bx,
        "right of": ax > bx,
        "above": ay < by,
        "below": ay > by,
    }.get(relation, False)


def _row(tag: str, s: list[tuple[bool, bool, bool]], st: Counter[str]) -> str:
    """One line of the table: the three rates, then the checker's constraints by status."""
    rates = "".join(
        f"{sum(x[i] for x in s) / len(s):>{w}.2f}" for i, w in zip(range(3), (9, 8, 8), strict=True)
    )
    return f"{tag:<15}{len(s):>8}{rates}{st[SATISFIED]:>11}{st[VIOLATED]:>10}{st[UNKNOWN]:>9}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GenEval folder")
    parser.add_argument("--size", type=int, default=512, help="picture side in pixels")
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts")
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    args = parser.parse_args(argv)
    if not (args.data / "evaluation_metadata.jsonl").is_file():
        print(f"GenEval data not found in {args.data}; pass --data", file=sys.stderr)
        return 2
    rows = load(args.data)[: args.limit or None]
    planner, engine = RulesPlanner(), create_engine("builtin")
    scores: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    statuses: dict[str, Counter[str]] = defaultdict(Counter)
    failures: list[str] = []
    draw_ms: list[float] = []
    for row in rows:
        scene = arrange(planner.plan(row["prompt"]), seed=0)
        t0 = time.perf_counter()
        result = engine.draw(scene, seed=0, settings={"width": args.size, "height": args.size})
        draw_ms.append((time.perf_counter() - t0) * 1000)
        verdict = check(scene, result)
        statuses[row["tag"]].update(f.status for f in verdict.findings)
        kept = all(f.status == SATISFIED for f in verdict.findings)
        plain = None
        if any(item.get("color") for item in row["include"]):
            bare = scene.copy()
            for ent in bare.entities:
                ent.attributes.pop("color", None)
            plain = engine.draw(bare, seed=0, settings={"width": args.size, "height": args.size})
        truth, pixels, why = audit(row, result, plain)
        scores[row["tag"]].append((kept, truth, pixels))
        if not (kept and truth and pixels):
            reason = why or verdict.summary()
            failures.append(f"{row['tag']}: {row['prompt']!r}: {reason}")
    head = f"{'tag':<15}{'prompts':>8}{'checker':>9}{'truth':>8}{'pixels':>8}"
    print(f"{head}{'satisfied':>11}{'violated':>10}{'unknown':>9}")
    every: list[tuple[bool, bool, bool]] = []
    total: Counter[str] = Counter()
    for tag in sorted(scores):
        s, st = scores[tag], statuses[tag]
        every += s
        total.update(st)
        print(_row(tag, s, st))
    print(_row("all", every, total))
    print(
        f"draw: median {statistics.median(draw_ms):.1f} ms, 95th percentile "
        f"{np.percentile(draw_ms, 95):.1f} ms at {args.size} px (target: 1.00 everywhere)"
    )
    for line in failures[: args.show]:
        print("FAILED", line)
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
