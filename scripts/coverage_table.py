"""Write ``docs/coverage.md``: every noun the built-in engine draws, with its words.

For each noun with a picture (an emoji or a drawn shape) the table shows the picture,
the other words the rules planner maps to it (synonyms from the planner's lexicon,
person words, and "<kind> <noun>" phrases), its plural, and whether the rules planner
turns "a <noun>" into it today; a last section says where the data files live. Run after
changing the artwork table or the lexicon::

    python scripts/coverage_table.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.engines.builtin.artwork import artwork_for, artwork_names  # noqa: E402
from jupyter_imagechat.engines.builtin.catalogue import ARTWORK, PERSON_KINDS  # noqa: E402
from jupyter_imagechat.planner import RulesPlanner, lexicon  # noqa: E402
from jupyter_imagechat.planner.honesty import CANNOT_DRAW  # noqa: E402
from jupyter_imagechat.planner.lessons.topics import topic_scene, topics  # noqa: E402
from jupyter_imagechat.planner.text import PlanError  # noqa: E402
from jupyter_imagechat.vocab import sizes, support, world  # noqa: E402

OUT = ROOT / "docs" / "coverage.md"
GENEVAL = set(lexicon.COCO_NAMES)


def plural(noun: str) -> str:
    """Return an English plural the planner reads back as ``noun`` ("" if none)."""
    *head, last = noun.split(" ")
    irregular = {v: k for k, v in lexicon.IRREGULAR_PLURALS.items() if k != v}
    if last in irregular:
        form = irregular[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        form = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        form = last[:-1] + "ies"
    else:
        form = last + "s"
    return " ".join([*head, form]) if lexicon.singular(form) == last else ""


def planned(planner: RulesPlanner, noun: str) -> bool:
    """Whether the rules planner turns "a <noun>" into an entity drawn as ``noun``."""
    article = "an" if noun[0] in "aeiou" else "a"
    try:
        scene = planner.plan(f"{article} {noun}")
    except PlanError:
        return False
    return (
        len(scene.entities) == 1
        and artwork_for(scene.entities[0].name, scene.entities[0].attributes) == noun
    )


def data_section() -> list[str]:
    """The "Where the data lives" section: every data file, who reads it, what it holds (a
    list, not a table: the noun table's rows are the only lines starting with "| ")."""
    pkg = "jupyter_imagechat"
    rows = [
        (
            f"{pkg}/engines/builtin/data/artwork.json",
            f"noun -> Noto Emoji ({len(ARTWORK)} nouns in sections, with why a picture was "
            "chosen where it is not obvious), the picture for each person `kind`, which "
            "pictures face right, the part a colour repaints",
            "`engines/builtin/catalogue.py`",
        ),
        (
            f"{pkg}/planner/data/nouns.json",
            f"the {len(GENEVAL)} GenEval classes and the other nouns ({len(lexicon.KNOWN_NOUNS)} "
            f"in all), {len(lexicon.SYNONYMS)} synonyms, person words, irregular plurals, "
            "pairs, containers",
            "`planner/lexicon.py`",
        ),
        (
            f"{pkg}/planner/data/words.json",
            "numbers, quantifiers, determiners, colour words, adjectives by attribute "
            f"({len(lexicon.ADJECTIVES)}), comparatives",
            "`planner/lexicon.py`",
        ),
        (
            f"{pkg}/planner/data/phrases.json",
            f"relation phrases ({len(lexicon.RELATIONS)}), named places in the picture, styles, "
            f"backgrounds ({len(set(lexicon.BACKGROUNDS.values()))})",
            "`planner/lexicon.py`",
        ),
        (
            f"{pkg}/vocab/data/world.json",
            f"where the ground is ({len(world.HORIZONS)} backgrounds differ from the default "
            f"horizon {world.HORIZON}) and what flies or floats ({len(world.IN_THE_AIR)} nouns)",
            "`vocab/world.py` (for the layout and the built-in engine)",
        ),
        (
            f"{pkg}/vocab/data/sizes.json",
            f"the typical drawn size of {len(sizes.TYPICAL_SIZE)} nouns, and the factors of "
            "`size` attributes",
            "`vocab/sizes.py` (for the layout and the planner)",
        ),
        (
            f"{pkg}/vocab/data/support.json",
            f"what holds what: places with walls ({len(support.INDOORS)}), what hangs on a "
            f"wall ({len(support.HUNG)}), boards and the flat things they hold, open "
            f"containers ({len(support.OPEN_CONTAINERS)}), patches of the place itself (the "
            "sky, the grass), and how far drawn sizes may stray from the typical ones",
            "`vocab/support.py` (for the layout, the checker and the built-in engine)",
        ),
        (
            f"{pkg}/planner/data/lessons.json",
            "the words around a lesson request: phrasings each kind of topic adds (life "
            'cycle, parts, habitat), words that only frame it, who it is for ("for my year '
            '3 class"), words that name a topic alone, and words that are never things '
            "(descriptions, groups, activities, settings)",
            "`planner/lessons/words.py`",
        ),
        (
            f"{pkg}/planner/data/topics/*.json",
            f"the {len(topics())} lesson topics, one file per area: each a small recipe of "
            "things, labels, arrows, panels, arrangement and background, and the phrasings "
            "that name it (listed above)",
            "`planner/lessons/topics.py`",
        ),
        (
            f"{pkg}/checker/data/colours.json",
            "the range of each colour name in OKLCh, where the checker reads a thing's "
            "colour from its pixels",
            "`checker/colour.py`",
        ),
    ]
    return [
        "",
        "## Where the data lives",
        "",
        "The tables are JSON files shipped inside the package, each read once at import (by "
        "`jupyter_imagechat.vocab.files.read_json`) and checked by `tests/test_vocab_data.py`. "
        "Edit the data file, not the module that reads it, then run this script again. Each "
        "file's `about` says what it is for; its `notes` explain the tables that need it.",
        "",
        *(f"- `{path}`, read by {who}: {what}." for path, what, who in rows),
        *_other_data_files({path for path, _what, _who in rows}),
        "",
        "The artwork itself is in `jupyter_imagechat/engines/builtin/assets/noto-emoji/` "
        "(with `crop_boxes.json`, the visible part of each picture), written from "
        "`artwork.json` by `scripts/build_artwork.py`.",
        "",
    ]


def _other_data_files(listed: set[str]) -> list[str]:
    """Data files the rows above do not describe, each with its own ``about``."""
    out = []
    for path in sorted((ROOT / "jupyter_imagechat").glob("*/data/*.json")):
        name = path.relative_to(ROOT).as_posix()
        if name in listed:
            continue
        about = json.loads(path.read_text(encoding="utf-8")).get("about", "")
        out.append(f"- `{name}`: {about.rstrip('.')}.")
    return out


def topic_section() -> list[str]:
    """The "Lesson topics" section: each topic by area, a few of its phrasings and what it
    draws."""
    out = [
        "",
        "## Lesson topics",
        "",
        f"{len(topics())} topics a primary or secondary teacher uses become a scene with "
        "their things, labels, arrows, panels and arrangement (`planner/lessons/topics.py`, "
        "data in `planner/data/topics/`). Any phrasing that holds a topic's name in any "
        "order names "
        'it ("the water cycle diagram", "how does the water cycle work", "draw the water '
        'cycle for my year 3 class"); the rest of the prompt composes with it ("at night", '
        '"in watercolor"). Sums ("3 apples + 2 apples = 5 apples", "4 x 3 as equal rows"), '
        'fractions ("a quarter of a pizza"), clocks ("half past three"), number lines '
        '("from 0 to 20") and coins ("three 10p coins") are read with their own numbers '
        "(`planner/lessons/maths.py`, `planner/lessons/maths_things.py`) and drawn from their "
        "names (`engines/builtin/painters/maths.py`).",
    ]
    area = ""
    for topic in topics():
        if topic.area != area:
            area = topic.area
            out += ["", f"### {area[0].upper()}{area[1:]}", ""]
        scene, notes = topic_scene(topic)
        names = [n for n in topic.recipe.get("names", []) if not n.startswith("=")][:3]
        things = ", ".join(dict.fromkeys(e.name for e in scene.entities))
        said = " (says it cannot draw it well)" if notes else ""
        also = f" (also: {'; '.join(names)})" if names else ""
        out.append(f"- **{topic.id}**{also}: {things}{said}")
    return out


def cannot_draw_section() -> list[str]:
    """The "What it cannot draw well" section: each thing no picture shows well, what is
    drawn in its place and what the chat offers instead (``planner/honesty.py``)."""
    out = [
        "",
        "## What it cannot draw well",
        "",
        "Some things a class names have no picture that shows them well: a structure, a "
        "process, an event or an idea. For these the chat says so, names what it drew in "
        "their place (or that the picture shows only the name, which the built-in engine "
        "draws as a card and the checker reports, never as kept) and offers what it can draw "
        "instead (`planner/honesty.py`, data in `planner/data/nouns.json`, "
        "`cannot_draw_well`).",
        "",
    ]
    for entry in CANNOT_DRAW:
        names = ", ".join(f'"{n}"' for n in entry["names"][:6])  # type: ignore[index]
        drawn = f"drawn as {entry['drew']}" if entry["draw"] else "its name only"
        offer = "; ".join(str(o) for o in entry["offer"])  # type: ignore[attr-defined]
        out.append(f"- {names}: {entry['what']}; {drawn}; offers {offer}")
    return out


def main() -> int:
    planner = RulesPlanner()
    words: dict[str, set[str]] = defaultdict(set)
    for word, noun in lexicon.SYNONYMS.items():
        if word != noun:
            words[noun].add(word)
    for word, kind in PERSON_KINDS.items():
        if word != kind:
            words[kind].add(word)
    names = artwork_names()
    rows, planned_count = [], 0
    for noun in names:
        picture = ARTWORK.get(noun, "drawn")
        ok = planned(planner, noun)
        planned_count += ok
        also = ", ".join(sorted(words.get(noun, ())))
        mark = "" if ok else " †"
        geneval = " (GenEval)" if noun in GENEVAL else ""
        rows.append(f"| {noun}{geneval}{mark} | {picture} | {plural(noun)} | {also} |")
    geneval_drawn = sum(1 for n in GENEVAL if n in names)
    text = [
        "# What the built-in engine draws",
        "",
        f"{len(names)} nouns have a picture: {len(ARTWORK)} Noto Emoji (vector artwork, "
        f"Apache-2.0) and {len(names) - len(ARTWORK)} drawn shapes. All "
        f"{geneval_drawn} of GenEval's 80 classes are among them. Any other noun is drawn "
        "as a tidy card with its name on it.",
        "",
        f'The rules planner turns "a <noun>" into {planned_count} of them today; the '
        f"{len(names) - planned_count} marked † are either drawn with a close picture "
        '(the planner reads "a lorry" as a truck, "a phone" as a cell phone) or need words '
        'it does not read yet ("a house with garden", "partly cloudy"). '
        "Colours, sizes, materials "
        "(wooden, metal, glass, stone, gold, brick...), patterns (striped, spotted, "
        "checkered) and `facing: left|right` apply to every picture. A `person` with a "
        "`kind` (man, girl, grandma...; an old one when it is old) and a noun whose `kind` "
        'or another modifier names a more exact picture ("alarm" clock, "crescent" moon, '
        '"long" drum) use that picture.',
        "",
        "Generated by `scripts/coverage_table.py`.",
        "",
        "| noun | picture | plural | other words for it |",
        "|---|---|---|---|",
        *rows,
        *topic_section(),
        *cannot_draw_section(),
        *data_section(),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {OUT}: {len(names)} nouns, {planned_count} planned from 'a <noun>'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
