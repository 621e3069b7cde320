"""Redraw the README's first picture: six prompts drawn by the built-in engine, in a row.

Usage: python scripts/intro_strip.py [output]   (default docs/samples/intro_strip.png)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from jupyter_imagechat import ImageChat

PROMPTS = [
    "draw the water cycle for my year 3 class",
    "the life cycle of a frog",
    "three red apples left of a blue bowl",
    "a clock showing 7:20",
    "a cat on a bed at night",
    "3 apples + 2 apples = 5 apples",
]
SIDE = 256


def main(out: Path) -> None:
    chat = ImageChat(size=512, autosave=False)
    strip = Image.new("RGB", (SIDE * len(PROMPTS) + 8 * (len(PROMPTS) - 1), SIDE), "white")
    for i, prompt in enumerate(PROMPTS):
        picture = (
            chat.send(prompt, new=True).image.convert("RGB").resize((SIDE, SIDE), Image.LANCZOS)
        )
        strip.paste(picture, (i * (SIDE + 8), 0))
    strip.save(out, optimize=True)
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/samples/intro_strip.png"))
