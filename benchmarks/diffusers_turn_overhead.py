"""Per-turn wall time through ImageChat against the raw diffusers call, same pipeline.

Run from the project root (CPU is fine; no download, the pipeline is built here)::

    python benchmarks/diffusers_turn_overhead.py [--size 128] [--steps 8] [--repeats 7]

Builds the tiny random Stable Diffusion pipeline of ``tests/tiny_pipeline.py``, then
times, interleaved in one process:

- ``raw``: ``pipe(prompt, num_inference_steps, width, height, generator)`` on the
  engine's own loaded pipeline, with the prompt our planner writes;
- ``chat``: ``ImageChat(engine="diffusers").send(prompt)`` with ``grounding="none"``
  (the same pipeline call, plus planning, layout, previews to the widget, the checker
  and the history record);
- ``chat+sketch``: the same with ``grounding="sketch"`` (the built-in engine draws
  the plan, img2img at strength 0.85 runs 85% of the steps) against its raw
  img2img call with the same init image. (The default grounding adds regional
  prompts on top; ``benchmarks/diffusers_gpu.py`` measures what they cost.)

Prints the fastest time of each (the least disturbed by other processes) and the
ratio, then, within each ImageChat turn, its wall time over the time spent inside
the pipeline call (robust to a busy machine). Goal: <= 1.05.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

PROMPT = "two red apples left of a blue bowl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=128, help="picture side in pixels")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    import torch
    from tiny_pipeline import build_tiny_pipeline

    from jupyter_imagechat import ImageChat
    from jupyter_imagechat.engines.diffusers.grounding import sketch_image

    torch.set_num_threads(max(1, torch.get_num_threads()))
    folder = build_tiny_pipeline(Path(tempfile.mkdtemp()) / "tiny-sd")
    size, steps = args.size, args.steps
    chat = ImageChat(engine="diffusers", model=folder, size=size)
    engine = chat.conversation.engine
    plain = {"steps": steps, "grounding": "none"}
    sketched = {"steps": steps, "grounding": "sketch"}
    first = chat.send(PROMPT, settings=plain)  # load and warm up
    prompt, scene = first.metadata["prompt"], first.scene
    pipe, img2img = engine.pipeline, engine.pipeline_for("img2img")
    chat.send(PROMPT, settings=sketched)
    init = sketch_image(scene, size, size, 0)

    def raw() -> None:
        gen = torch.Generator("cpu").manual_seed(0)
        pipe(prompt, num_inference_steps=steps, width=size, height=size, generator=gen)

    def raw_img2img() -> None:
        gen = torch.Generator("cpu").manual_seed(0)
        img2img(prompt, image=init, strength=0.85, num_inference_steps=steps, generator=gen)

    inside: list[float] = []  # seconds spent in the pipeline call during each turn

    def timed(cls: type) -> None:
        original = cls.__call__

        def call(self: object, *args: object, **kwargs: object) -> object:
            t0 = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                inside.append(time.perf_counter() - t0)

        call.__signature__ = inspect.signature(original)  # type: ignore[attr-defined]
        cls.__call__ = call  # type: ignore[method-assign]

    timed(type(pipe))
    timed(type(img2img))
    in_turn: dict[str, list[float]] = {"chat": [], "sketch": []}

    def through_chat(settings: dict) -> None:
        chat.conversation.history = type(chat.conversation.history)()  # a fresh first turn
        inside.clear()
        t0 = time.perf_counter()
        chat.send(PROMPT, settings=settings)
        total = time.perf_counter() - t0
        kind = "sketch" if settings["grounding"] == "sketch" else "chat"
        in_turn[kind].append(total / sum(inside))

    timings: dict[str, list[float]] = {"raw": [], "chat": [], "raw_img2img": [], "sketch": []}
    runs = {
        "raw": raw,
        "chat": lambda: through_chat(plain),
        "raw_img2img": raw_img2img,
        "sketch": lambda: through_chat(sketched),
    }
    for _ in range(args.repeats):
        for name, run in runs.items():
            t0 = time.perf_counter()
            with torch.inference_mode():
                run()
            timings[name].append(time.perf_counter() - t0)

    best = {k: min(v) for k, v in timings.items()}  # the least disturbed run of each
    print(f"tiny SD pipeline, {size}x{size} px, {steps} steps, {args.repeats} repeats, "
          f"torch {torch.__version__}, {torch.get_num_threads()} threads")  # fmt: skip
    print("fastest of the repeats, interleaved:")
    print(f"  raw text2img call                 {best['raw']:.3f} s")
    print(f"  ImageChat turn (no grounding)     {best['chat']:.3f} s   "
          f"ratio {best['chat'] / best['raw']:.3f} (goal <= 1.05)")  # fmt: skip
    print(f"  raw img2img call from the sketch  {best['raw_img2img']:.3f} s")
    print(f"  ImageChat turn (sketch grounding) {best['sketch']:.3f} s   "
          f"ratio {best['sketch'] / best['raw_img2img']:.3f} (goal <= 1.05)")  # fmt: skip
    print("within each turn, turn wall time / time in the pipeline call (median):")
    for name, values in in_turn.items():
        print(f"  {name:6s} {statistics.median(values):.3f}")


if __name__ == "__main__":
    main()
