"""Draw 40 lesson pictures with the built-in engine into one contact sheet.

Run from the project root after changing topics, artwork or the diagram drawing, and look
at the result: would a teacher put each picture on a worksheet? ::

    python scripts/lesson_sheet.py [--out docs/lesson_sheet.png] [--size 320] [--draw 512]

Each picture is drawn at ``--draw`` px (512, the default picture size: labels and numbers
are sized for it) and shown ``--size`` px wide on the sheet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.turns import Conversation  # noqa: E402

PROMPTS = [
    "the water cycle",
    "the life cycle of a butterfly",
    "the life cycle of a frog",
    "a plant growing from a seed",
    "parts of a plant",
    "a labelled diagram of a flower",
    "parts of a tree",
    "parts of a fish",
    "the five senses",
    "what plants need to grow",
    "a food chain",
    "desert animals",
    "animals and their young",
    "the solar system",
    "the phases of the moon",
    "the layers of the earth",
    "day and night",
    "the four seasons",
    "weather symbols",
    "a simple circuit",
    "floating and sinking",
    "sources of light",
    "states of matter",
    "magnets",
    "2d shapes with their names",
    "3d shapes",
    "a quarter of a pizza and three quarters of a square",
    "3 apples + 2 apples = 5 apples",
    "4 x 3 as equal rows",
    "a clock showing half past three",
    "a number line from 0 to 20",
    "british coins",
    "a pictogram of 3 cats, 5 dogs and 2 fish",
    "five apples and three pears in two rows",
    "compass points",
    "community helpers",
    "healthy food groups",
    "recycling",
    "how to wash your hands",
    "feelings",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "lesson_sheet.png"))
    parser.add_argument("--size", type=int, default=320, help="each picture on the sheet")
    parser.add_argument("--draw", type=int, default=512, help="each picture as drawn")
    args = parser.parse_args()
    size, caption, columns = args.size, 28, 5
    rows = -(-len(PROMPTS) // columns)
    sheet = Image.new("RGB", (columns * size, rows * (size + caption)), "white")
    font = ImageFont.load_default(size=14)
    draw = ImageDraw.Draw(sheet)
    for k, prompt in enumerate(PROMPTS):
        turn = Conversation(engine="builtin", size=args.draw, seed=1).send(prompt, mask=None)
        x, y = (k % columns) * size, (k // columns) * (size + caption)
        picture = turn.image.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
        sheet.paste(picture, (x, y + caption))
        draw.text(
            (x + size // 2, y + caption // 2), prompt, font=font, fill=(20, 20, 30), anchor="mm"
        )
    sheet.save(args.out, optimize=True)
    print(f"wrote {args.out}: {len(PROMPTS)} lesson pictures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
