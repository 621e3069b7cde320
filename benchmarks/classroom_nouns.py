"""Everyday and classroom things, one short prompt each, drawn by the built-in engine.

Run from the project root::

    python benchmarks/classroom_nouns.py [--size 160] [--subjects food,toys] [--limit N]
                                         [--show-misses] [--sheet out.png]

Reads ``benchmarks/data/classroom_nouns.json`` (a development set written by hand: things
a teacher names in science, maths, history, geography, art, music, PE, home, school,
food, animals, plants, jobs, transport, weather, the body, tools, clothing, toys and
buildings; a separate held-out set of teachers' prompts judges the result). Each prompt
is sent as a new turn through the whole pipeline (plan, layout, draw, check).

Printed, per subject and in all: prompts drawn with no placeholder card, prompts planned
as one thing (not read as a modifier and another thing: "a lily pad" is one thing, not a
pad), and turns that said "all kept" over a card (must be 0). The ``cannot_draw_well``
prompts (a structure, a process, an event) must instead give a note saying what could
not be drawn (``I can't`` / ``I don't know`` / ``I didn't understand``) and never "all
kept" over a card. ``--sheet`` writes a contact sheet of every picture with its prompt,
to look at: a count says nothing of a mug drawn as a beer stein. Exit status 1 when fewer
than 98% are drawn with no card, any honest case lacks its note, or a card was called kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.errors import ImageChatError  # noqa: E402
from jupyter_imagechat.planner import PlanError, RulesPlanner  # noqa: E402
from jupyter_imagechat.turns import Conversation  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "classroom_nouns.json"
TARGET_SHARE = 0.98
HONEST = ("I don't know", "I didn't understand", "I can't")
"""How a note starts when it says what was not drawn (planner/honesty.py)."""


def cards_of(turn: Any) -> list[str]:
    """The nouns a turn's picture drew as cards, from the checker's findings."""
    if turn.verdict is None:
        return []
    return [f.reason for f in turn.verdict.findings if f.reason.startswith("no picture for")]


def draw(prompt: str, size: int) -> tuple[Any, list[str], list[str], str]:
    """Send ``prompt`` as a new turn: the turn (None when no plan), its cards, its notes
    and its verdict's line (or the planner's refusal)."""
    chat = Conversation(engine="builtin", size=size, seed=1)
    try:
        turn = chat.send(prompt, mask=None)
    except ImageChatError as exc:  # a refusal (PlanError) or a failed drawing: no picture
        return None, [], [str(exc)], str(exc)
    said = turn.verdict.summary() if turn.verdict is not None else ""
    return turn, cards_of(turn), list(turn.notes), said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=160)
    parser.add_argument("--subjects", default="", help="comma-separated subjects (default all)")
    parser.add_argument("--limit", type=int, default=0, help="at most N prompts per subject")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--sheet", default="", help="write a contact sheet PNG here")
    args = parser.parse_args()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    chosen = [s for s in args.subjects.split(",") if s] or list(data["subjects"])
    planner = RulesPlanner()
    pictures: list[tuple[str, Any]] = []
    misses: list[str] = []
    total = no_card = single = lying = 0
    for subject in chosen:
        prompts = data["subjects"][subject][: args.limit or None]
        s_card = s_one = 0
        for prompt in prompts:
            try:
                plan, _ = planner.plan_with_notes(prompt)
                names = [e.name for e in plan.entities]
            except PlanError:
                names = []
            one = len(names) == 1
            turn, cards, notes, said = draw(prompt, args.size)
            s_card += not cards and turn is not None
            s_one += one
            lying += bool(cards) and "all kept" in said
            if cards or not one or turn is None:
                misses.append(f"{subject}: {prompt!r} -> {names}; cards {cards}; {said}")
            if turn is not None:
                pictures.append((prompt, turn.image))
        total += len(prompts)
        no_card += s_card
        single += s_one
        print(f"{subject:10s} {len(prompts):4d} prompts  no card {s_card:4d}  one thing {s_one:4d}")
    honest_ok = honest_total = 0
    for prompt in data["cannot_draw_well"][: args.limit or None]:
        turn, cards, notes, said = draw(prompt, args.size)
        honest_total += 1
        told = any(n.startswith(HONEST) for n in notes)
        honest_ok += told
        lying += bool(cards) and "all kept" in said
        if not told:
            misses.append(f"cannot draw well: {prompt!r} gave no note; cards {cards}; {notes}")
        if turn is not None:
            pictures.append((prompt, turn.image))
    print(f"things:                   {total}")
    print(f"no placeholder card:      {no_card}/{total} = {no_card / max(total, 1):.1%}")
    print(f"planned as one thing:     {single}/{total} = {single / max(total, 1):.1%}")
    print(f"can't-draw notes given:   {honest_ok}/{honest_total}")
    print(f"'all kept' over a card:   {lying}")
    if args.show_misses:
        print("\n".join(misses))
    if args.sheet:
        write_sheet(pictures, Path(args.sheet), args.size)
    ok = no_card / max(total, 1) >= TARGET_SHARE and honest_ok == honest_total and lying == 0
    return 0 if ok else 1


def write_sheet(pictures: list[tuple[str, Any]], out: Path, size: int, columns: int = 10) -> None:
    """Write the pictures in a grid, each with its prompt above it."""
    from PIL import Image, ImageDraw, ImageFont

    caption = 18
    rows = -(-len(pictures) // columns)
    sheet = Image.new("RGB", (columns * size, rows * (size + caption)), "white")
    font = ImageFont.load_default(size=12)
    draw_on = ImageDraw.Draw(sheet)
    for k, (prompt, image) in enumerate(pictures):
        x, y = (k % columns) * size, (k // columns) * (size + caption)
        sheet.paste(image.convert("RGB").resize((size, size)), (x, y + caption))
        draw_on.text(
            (x + size // 2, y + caption // 2),
            prompt[:28],
            font=font,
            fill=(20, 20, 30),
            anchor="mm",
        )
    sheet.save(out, optimize=True)
    print(f"wrote {out}: {len(pictures)} pictures")


if __name__ == "__main__":
    sys.exit(main())
