"""The data files shipped in the package are well formed and agree with each other.

Every ``jupyter_imagechat/**/data/*.json`` is strict JSON (no duplicate keys), says what it
is for (``about``), explains only tables it has (``notes``) and is listed in
``docs/coverage.md``; then each file's own rules: lowercase canonical nouns, a picture for
every emoji, horizons between 0 and 1, positive sizes, phrases the planner can match.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jupyter_imagechat.engines.builtin import backgrounds as bg
from jupyter_imagechat.engines.builtin.artwork import ASSET_DIR, has_artwork
from jupyter_imagechat.engines.builtin.catalogue import ARTWORK, stem_of
from jupyter_imagechat.planner import lexicon as lx
from jupyter_imagechat.scene import COLORS, PREDICATES
from jupyter_imagechat.vocab import sizes, world
from jupyter_imagechat.vocab.files import data_path, read_json

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "jupyter_imagechat"
DATA_FILES = sorted(PACKAGE.glob("**/data/*.json"))
NOUN = re.compile(r"^[a-z0-9][a-z0-9'&.-]*( [a-z0-9'&.-]+)*$")
"""A canonical noun or word: lowercase, single spaces ("teddy bear", "t-rex", "4k")."""


def _strict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"duplicate keys {duplicates}"
    return dict(pairs)


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_strict)


def _data(folder: str, name: str) -> dict[str, Any]:
    return _load(PACKAGE / folder / "data" / name)


def _nouns(values: Any) -> list[str]:
    bad = [v for v in values if not isinstance(v, str) or not NOUN.match(v)]
    assert bad == [], f"not lowercase words: {bad}"
    return list(values)


def _once(values: list[str]) -> None:
    twice = sorted({v for v in values if values.count(v) > 1})
    assert twice == [], f"listed twice: {twice}"


def _groups(groups: list[dict[str, Any]]) -> list[str]:
    """Check ``[{"means": X, "phrases": [...]}, ...]`` and return every phrase."""
    phrases = []
    for group in groups:
        assert set(group) <= {"means", "reversed", "note", "phrases"}, group
        assert group["means"], group
        assert group["phrases"], group
        phrases += _nouns(group["phrases"])
    _once(phrases)
    return phrases


def test_the_data_files_are_found() -> None:
    found = {p.relative_to(PACKAGE).as_posix() for p in DATA_FILES}
    assert {
        "engines/builtin/data/artwork.json",
        "planner/data/nouns.json",
        "planner/data/words.json",
        "planner/data/phrases.json",
        "vocab/data/world.json",
        "vocab/data/sizes.json",
    } <= found


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_data_file_is_strict_json_that_says_what_it_is(path: Path) -> None:
    data = _load(path)  # UTF-8, no duplicate keys at any depth
    assert isinstance(data.get("about"), str)
    assert data["about"]
    notes = data.get("notes", {})
    assert all(isinstance(n, str) and n for n in notes.values())
    assert set(notes) <= set(data) - {"about", "notes"}, "notes on tables the file lacks"
    listed = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert f"`{path.relative_to(ROOT).as_posix()}`" in listed, "list it in docs/coverage.md"


def test_data_files_are_read_once_and_shipped() -> None:
    anchor = str(PACKAGE / "vocab" / "world.py")
    assert read_json(anchor, "world.json") is read_json(anchor, "world.json")
    assert Path(data_path(anchor, "world.json")) == PACKAGE / "vocab" / "data" / "world.json"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to see what the wheel leaves out")
    ignored = subprocess.run(
        ["git", "check-ignore", *map(str, DATA_FILES)], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert ignored == "", "the wheel ships the package folder less what git ignores"


def test_artwork_table() -> None:
    data = _data("engines/builtin", "artwork.json")
    sections = data["artwork"]
    nouns = [n for s in sections for n in _nouns(s["nouns"])]
    _once(nouns)
    assert list(ARTWORK) == nouns, "catalogue.ARTWORK keeps the file's order"
    first = sections[0]
    assert "GenEval" in first["section"]
    assert [n for n in lx.COCO_NAMES if n in ARTWORK] == [
        n for n in first["nouns"] if n in lx.COCO_NAMES
    ], "the GenEval classes come first, in GenEval's order"
    files = {p.stem for p in ASSET_DIR.glob("*.svgz")}
    missing = sorted(noun for noun, char in ARTWORK.items() if stem_of(char) not in files)
    assert missing == [], f"no SVG in assets/noto-emoji for {missing}"
    assert all(not char.isascii() for char in ARTWORK.values())
    assert set(data["why"]) <= set(ARTWORK)
    assert set(data["person_kinds"].values()) <= set(ARTWORK)
    _nouns(data["person_kinds"])
    assert set(data["faces_right"]) <= set(ARTWORK)
    for noun, part in data["main_hue"].items():
        assert has_artwork(noun), noun
        if isinstance(part, str):
            assert part in ("light", "dark"), noun
        else:
            hue, width, chroma = part
            assert 0 <= hue < 360, noun
            assert 0 < width <= 180, noun
            assert 0 <= chroma <= 1, noun
    assert set(data["main_hue_why"]) <= set(data["main_hue"])


def test_world_table() -> None:
    data = _data("vocab", "world.json")
    assert 0 < data["horizon"] < 1
    for place, line in data["horizons"].items():
        assert NOUN.match(place), place
        assert line is None or 0 < line < 1, place
        assert line != data["horizon"], f"{place}: the default needs no entry"
    assert set(data["horizons"]) <= set(bg.BACKGROUNDS), "every horizon is a painted place"
    assert all(data["horizons"].get(p) is not None for p in data["swimming"])
    _once(_nouns(data["in_the_air"]))
    assert set(data["in_the_air"]) == world.IN_THE_AIR


def test_sizes_table() -> None:
    data = _data("vocab", "sizes.json")
    nouns = []
    for group in data["sizes"]:
        assert 0 < group["size"] <= 1
        nouns += _nouns(group["nouns"])
    _once(nouns)
    assert list(sizes.TYPICAL_SIZE) == nouns
    assert 0 < data["default"] <= 1
    assert all(f > 0 for f in data["factors"].values())
    assert {value for key, value in lx.ADJECTIVES.values() if key == "size"} <= set(
        data["factors"]
    ), "every size adjective has a factor"


def test_nouns_table() -> None:
    data = _data("planner", "nouns.json")
    coco = _nouns(data["coco_names"])
    assert len(coco) == len(set(coco)) == 80
    for key in ("other_nouns", "other_multi", "person_words", "pair_nouns", "paired",
                "noun_can_before", "containers", "surfaces"):  # fmt: skip
        _once(_nouns(data[key]))
    _nouns(data["synonyms"])
    targets = set(data["synonyms"].values()) - {"water"}  # "a body of water": the water
    assert targets <= lx.KNOWN_NOUNS, sorted(targets - lx.KNOWN_NOUNS)
    _nouns([*data["irregular_plurals"], *data["irregular_plurals"].values()])
    assert set(data["pair_nouns"]) <= lx.KNOWN_NOUNS
    _nouns(data["joined_phrases"])
    assert not [joined for joined in data["joined_phrases"].values() if " " in joined]


def test_words_table() -> None:
    data = _data("planner", "words.json")
    assert all(isinstance(n, int) and n >= 0 for n in data["number_words"].values())
    assert all(isinstance(n, int) and n > 1 for n in data["multipliers"].values())
    _nouns(data["quantifiers"])
    assert all(isinstance(n, int) and n >= 1 for n in data["quantifiers"].values())
    assert set(data["color_synonyms"].values()) <= set(COLORS)
    words = []
    for attribute, table in data["adjectives"].items():
        assert attribute in lx.ATTRIBUTE_ORDER, attribute
        words += _nouns(table)
        if isinstance(table, dict):
            _nouns(table.values())
    _once(words)
    assert "baby" not in words, "a noun, not an adjective"
    assert {s for pair in data["comparatives"].values() for s in pair} <= set(sizes.SIZE_FACTORS)
    for key in ("collectives", "determiners", "more_words", "pronouns", "shades", "hand_words"):
        _once(_nouns(data[key]))


def test_phrases_table() -> None:
    data = _data("planner", "phrases.json")
    _groups(data["relations"])
    assert {g["means"] for g in data["relations"]} <= set(PREDICATES)
    _groups(data["positions"])
    assert {g["means"] for g in data["positions"]} == {"left", "right", "top", "bottom", "center"}
    assert set(lx.POSITIONS.values()) == {
        "left", "right", "top", "bottom", "center",
        "top left", "top right", "bottom left", "bottom right",
    }  # fmt: skip
    _groups(data["styles"])
    _groups(data["backgrounds"])
    assert {g["means"] for g in data["backgrounds"]} <= set(bg.BACKGROUNDS), "each is painted"
    _nouns(data["standalone_backgrounds"])
    assert set(data["standalone_backgrounds"].values()) <= set(bg.BACKGROUNDS) | {"grass"}
    styles = {g["means"] for g in data["styles"]}
    assert {s for s in data["generic_styles"].values() if s} <= styles
    for key in ("between_words", "weak_style_words", "style_adjectives", "background_words",
                "background_prepositions", "timeless", "seasons", "underwater_after"):  # fmt: skip
        _once(_nouns(data[key]))
