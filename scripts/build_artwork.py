"""Copy the Noto Emoji artwork the built-in engine uses into the package.

Reads the noun -> emoji table (``ARTWORK`` in
``jupyter_imagechat/engines/builtin/artwork.py``), and for every emoji it names writes
a 256 px, 256-colour, optimised PNG to ``jupyter_imagechat/engines/builtin/assets/noto-emoji/``
together with the upstream license (OFL-1.1) and AUTHORS. Files not in the table are
removed, so the folder holds exactly what the table uses.

Usage::

    python scripts/build_artwork.py [--source ../shared/data/noto-emoji]
"""

from __future__ import annotations

import argparse
import ast
import shutil
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "jupyter_imagechat" / "engines" / "builtin" / "artwork.py"
DEST = ROOT / "jupyter_imagechat" / "engines" / "builtin" / "assets" / "noto-emoji"
SIZE = 256


def read_table(path: Path = TABLE) -> dict[str, str]:
    """Return ``ARTWORK`` from ``artwork.py`` without importing the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "ARTWORK":
            return ast.literal_eval(node.value)  # type: ignore[arg-type]
    raise SystemExit(f"no ARTWORK table found in {path}")


def build(source: Path, dest: Path = DEST) -> int:
    """Write the PNGs the table uses into ``dest``; return their total size in bytes."""
    stems = sorted(set(read_table().values()))
    missing = [s for s in stems if not (source / "png" / "512" / f"{s}.png").is_file()]
    if missing:
        raise SystemExit(f"not in {source}/png/512: {', '.join(missing)}")
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*.png"):
        if old.stem not in stems:
            old.unlink()
    total = 0
    for stem in stems:
        with Image.open(source / "png" / "512" / f"{stem}.png") as im:
            art = im.convert("RGBA").resize((SIZE, SIZE), Image.Resampling.LANCZOS)
        # A 256-colour palette with alpha looks the same on flat emoji art at a quarter
        # of the bytes (1.8 MB instead of 7.9 MB for the whole set).
        out = dest / f"{stem}.png"
        art.quantize(256, method=Image.Quantize.FASTOCTREE).save(out, optimize=True)
        total += out.stat().st_size
    shutil.copyfile(source / "LICENSE-OFL", dest / "LICENSE-OFL")
    shutil.copyfile(source / "AUTHORS", dest / "AUTHORS")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "noto-emoji",
        help="a Noto Emoji checkout with png/512/, LICENSE-OFL and AUTHORS",
    )
    args = parser.parse_args(argv)
    total = build(args.source)
    count = len(list(DEST.glob("*.png")))
    print(f"wrote {count} PNGs, {total / 1024:.0f} KiB, to {DEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
