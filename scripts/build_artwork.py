"""Copy the Noto Emoji vector artwork the built-in engine uses into the package.

Reads the noun -> emoji table (``artwork`` in
``jupyter_imagechat/engines/builtin/data/artwork.json``, which ``catalogue.py`` exposes as
``ARTWORK``) and, for every emoji it names, writes
the upstream SVG, minified (no comments, no XML prolog, whitespace collapsed) and
gzip-compressed, to ``jupyter_imagechat/engines/builtin/assets/noto-emoji/<stem>.svgz``,
together with the upstream license (Apache-2.0) and AUTHORS. Files not in the table are
removed, so the folder holds exactly what the table uses. ``crop_boxes.json`` records
the visible part of each picture. The output is byte-for-byte repeatable.

Usage::

    python scripts/build_artwork.py [--source ../shared/data/noto-emoji]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "jupyter_imagechat" / "engines" / "builtin" / "data" / "artwork.json"
DEST = ROOT / "jupyter_imagechat" / "engines" / "builtin" / "assets" / "noto-emoji"


def stem_of(char: str) -> str:
    """Return the Noto file stem of an emoji (the same rule as ``catalogue.stem_of``)."""
    return "emoji_u" + "_".join(f"{ord(c):x}" for c in char if ord(c) != 0xFE0F)


def read_table(path: Path = TABLE) -> dict[str, str]:
    """Return the noun -> emoji table (``catalogue.ARTWORK``) from its data file, without
    importing the package."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {noun: char for section in data["artwork"] for noun, char in section["nouns"].items()}


def minify(svg: str) -> str:
    """Return ``svg`` without its XML prolog and comments, whitespace runs collapsed."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"\s+", " ", svg)
    return re.sub(r">\s+<", "><", svg).strip()


def build(source: Path, dest: Path = DEST) -> int:
    """Write the SVGs the table uses into ``dest``; return their total size in bytes."""
    stems = sorted({stem_of(c) for c in read_table().values()})
    missing = [s for s in stems if not (source / "svg" / f"{s}.svg").is_file()]
    if missing:
        raise SystemExit(f"not in {source}/svg: {', '.join(missing)}")
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.iterdir():
        stale = old.suffix == ".svgz" and old.stem not in stems
        if stale or old.suffix == ".png" or old.name == "LICENSE-OFL":  # older raster builds
            old.unlink()
    total = 0
    for stem in stems:
        text = minify((source / "svg" / f"{stem}.svg").read_text(encoding="utf-8"))
        out = dest / f"{stem}.svgz"
        out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
        total += out.stat().st_size
    write_crop_boxes(dest, stems)
    shutil.copyfile(source / "svg" / "LICENSE", dest / "LICENSE")
    shutil.copyfile(source / "AUTHORS", dest / "AUTHORS")
    return total


def write_crop_boxes(dest: Path, stems: list[str]) -> None:
    """Write ``crop_boxes.json``: the visible part of each SVG as fractions of its square
    (rendered at 256 px, alpha above 8), so the engine need not render to find it."""
    import io

    import resvg_py
    from PIL import Image

    boxes = {}
    for stem in stems:
        svg = gzip.decompress((dest / f"{stem}.svgz").read_bytes()).decode("utf-8")
        png = resvg_py.svg_to_bytes(svg_string=svg, width=256, height=256, skip_system_fonts=True)
        with Image.open(io.BytesIO(bytes(png))) as im:
            alpha = im.convert("RGBA").getchannel("A").point(lambda a: 255 if a > 8 else 0)
        box = alpha.getbbox() or (0, 0, 256, 256)
        boxes[stem] = [round(v / 256, 4) for v in box]
    text = json.dumps(boxes, indent=0, sort_keys=True, separators=(",", ":"))
    (dest / "crop_boxes.json").write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "noto-emoji",
        help="a Noto Emoji checkout with svg/ (and svg/LICENSE) and AUTHORS",
    )
    args = parser.parse_args(argv)
    total = build(args.source)
    count = len(list(DEST.glob("*.svgz")))
    print(f"wrote {count} SVGs, {total / 1024:.0f} KiB, to {DEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
