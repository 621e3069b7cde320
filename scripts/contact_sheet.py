"""Draw about 40 varied prompts with the built-in engine into one contact sheet.

Writes ``docs/contact_sheet.png`` (captioned tiles) and the README's sample pictures
``docs/samples/<name>.png``. Each prompt goes the whole way a user's does (rules
planner, layout, engine) through :class:`~jupyter_imagechat.conversation.Conversation`;
tiles listed in ``EDITED`` (engine features the planner has no words for) would edit the
planned scene before drawing, and their captions say so.

Usage::

    python scripts/contact_sheet.py [--tile 256] [--columns 8]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat import Conversation  # noqa: E402

PROMPTS: list[str] = [
    "three red apples left of a blue bowl",
    "a cat on a bed at night",
    "two dogs and a cat in the park",
    "a black apple and a blue banana",
    "a wooden chair next to a glass vase",
    "a red and white striped cat",
    "a sign that says 'Exit'",
    "a giraffe next to an elephant at sunset",
    "five yellow ducks on the beach",
    "a snowman in the snow",
    "a fish and an octopus underwater",
    "a rocket and a planet in space",
    "a teacher and a student in a classroom",
    "a cup on a dining table in the kitchen",
    "a teddy bear in front of a bed",
    "a bird above a tree in the forest",
    "a pixel art dragon",
    "a watercolor painting of a sunflower and a butterfly",
    "a pencil sketch of a horse",
    "a cartoon dog with a ball",
    "an oil painting of a boat on the ocean",
    "a tractor and a cow on a farm",
    "a taxi left of a bus on the street",
    "a lighthouse and a sailboat at the beach",
    "a fire hydrant left of a stop sign",
    "a laptop, a computer mouse and a cell phone",
    "a green car below a red airplane",
    "four oranges and two bananas",
    "a pizza, a hot dog and a sandwich",
    "a purple umbrella and a pink suitcase",
    "a chef holding a cake",
    "an astronaut on the moon",
    "a tiny mouse next to a huge elephant",
    "a gold crown on a book",
    "a penguin and a polar bear in the snow",
    "a frog under an umbrella in the rain",
    "a child with a kite in the mountains",
    "a brown horse behind a white fence",
    "a dog facing right and a cat facing left",
    "a sunflower labelled 'flower', a bee labelled 'pollinator' and a pot labelled 'pot'",
    "a sunflower in a vase",
]
"""Prompts drawn as they are."""

EDITED: list[tuple[str, str, dict[str, dict[str, str]]]] = []
"""(prompt, caption note, attributes added per noun) for engine features the planner
has no words for yet (none at present: ``facing`` and ``label`` are planned now)."""

SAMPLES = {
    "apples_bowl": PROMPTS[0],
    "cat_bed_night": PROMPTS[1],
    "sign_exit": PROMPTS[6],
    "classroom": PROMPTS[12],
    "watercolor_sunflower": PROMPTS[17],
    "striped_cat": PROMPTS[5],
}
"""README sample name -> prompt (drawn at 512 px)."""


def draw_prompt(prompt: str, size: int, extra: dict[str, dict[str, str]] | None = None):
    """Return ``(image, summary, verdict summary)`` for one prompt at ``size`` px."""
    chat = Conversation(size=size)
    if extra:  # attributes the planner does not read: plan, add them, draw the plan
        scene = chat.plan(prompt)
        for ent in scene.entities:
            ent.attributes.update(extra.get(ent.name, {}))
        scene.layout = []
        turn = chat.generate(scene, seed=0)
        return turn.image, turn.summary(), turn.verdict.summary() if turn.verdict else ""
    turn = chat.send(prompt)
    return turn.image, turn.summary(), turn.verdict.summary() if turn.verdict else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tile", type=int, default=256)
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "contact_sheet.png")
    args = parser.parse_args(argv)
    items = [(p, p, None) for p in PROMPTS] + [(p, f"{p} ({note})", x) for p, note, x in EDITED]
    tile, cols = args.tile, args.columns
    cap = 34
    rows = -(-len(items) // cols)
    sheet = Image.new("RGB", (cols * tile, rows * (tile + cap)), (250, 250, 248))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=11)
    start = time.perf_counter()
    for n, (prompt, caption, extra) in enumerate(items):
        image, summary, verdict = draw_prompt(prompt, tile, extra)
        x, y = (n % cols) * tile, (n // cols) * (tile + cap)
        sheet.paste(image, (x, y))
        words, lines = caption.split(), [""]
        for word in words:  # wrap the caption to the tile
            trial = f"{lines[-1]} {word}".strip()
            if draw.textlength(trial, font=font) > tile - 6 and lines[-1]:
                lines.append(word)
            else:
                lines[-1] = trial
        draw.multiline_text(
            (x + 3, y + tile + 2), "\n".join(lines[:2]), font=font, fill=(20, 20, 20)
        )
        print(f"{n + 1:2d}. {caption}\n    plan: {summary}\n    check: {verdict}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out, optimize=True)
    samples = args.out.parent / "samples"
    samples.mkdir(exist_ok=True)
    for name, prompt in SAMPLES.items():
        draw_prompt(prompt, 512)[0].save(samples / f"{name}.png", optimize=True)
    took = time.perf_counter() - start
    print(f"wrote {args.out} ({len(items)} prompts) and {len(SAMPLES)} samples in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
