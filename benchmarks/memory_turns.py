"""What a long session costs in memory, and whether a closed chat gives it back.

Runs a session of N turns (default 80) on the built-in engine at 1024 px with autosave on
(descriptions, edits and masked edits), then prints:

- the process's resident memory (RSS) after every 10 turns;
- the growth per turn after the first 20 (a least-squares slope over turns 21..N),
  against the target of 0.5 MB a turn: a history keeps the decoded pictures of its newest
  ``History.pictures_kept`` turns (8) and reads older ones back from the autosave folder.
  The built-in engine's sprite cache (the drawn things it reuses, shared by every chat in
  the kernel, bounded at ``SPRITES.max_pixels``) fills during the first hundred or so turns
  at 1024 px; the growth is given without it and with it (raw RSS), and both must be under
  the target;
- that every picture comes back identical to the one drawn when read (hashes taken as
  each turn finished, compared after the session);
- that a closed chat is freed: after ``chat.close()`` and ``del chat`` no object of it is
  alive (a weak reference to the widget, its conversation and its history is dead), and a
  second session of the same length adds no more than the first one kept after closing.

    python benchmarks/memory_turns.py [--turns 80] [--size 1024] [--no-autosave]

RSS includes what the allocator keeps for reuse, so the per-turn figure is what a user
sees grow, not a count of live objects.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import tempfile
import weakref
from pathlib import Path

import numpy as np
import psutil

sys.path.insert(0, os.environ.get("IMAGECHAT_SOURCE") or str(Path(__file__).resolve().parents[1]))

from jupyter_imagechat import ImageChat
from jupyter_imagechat.engines.builtin.sprites import SPRITES

PROMPTS = [
    "three red apples left of a blue bowl",
    "make the bowl green",
    "a dog",  # masked
    "make the apples yellow",
    "a cat on a bed at night",
    "a teacher and a student in a classroom",
    "a red car next to a house",
    "a yellow star",  # masked
]
MASKED = {"a dog", "a yellow star"}
TARGET_MB_PER_TURN = 0.5


def rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


def sprite_cache_mb() -> float:
    """What the built-in engine's sprite cache holds (its pictures' pixel bytes)."""
    with SPRITES._lock:  # a benchmark may look inside
        pictures = list(SPRITES._items.values())
    return sum(p.width * p.height * len(p.getbands()) for p in pictures) / 2**20


def session(
    turns: int, size: int, root: str | None
) -> tuple[ImageChat, list[float], dict[str, str], list[float]]:
    """Run ``turns`` turns; return the chat, the RSS after each, each picture's hash (taken
    as it was drawn) and the sprite cache's size after each."""
    chat = ImageChat(size=size, autosave=root if root else False, session="memory")
    figures = []
    cache = []
    drawn = {}
    for i in range(turns):
        prompt = PROMPTS[i % len(PROMPTS)]
        mask = None
        if prompt in MASKED and chat.image is not None:
            mask = np.zeros((chat.image.height, chat.image.width), bool)
            mask[size // 8 : size // 2, size // 8 : size // 2] = True
        turn = chat.send(prompt, seed=i, mask=mask)
        drawn[turn.id] = digest(turn.image)
        figures.append(rss_mb())
        cache.append(sprite_cache_mb())
    return chat, figures, drawn, cache


def slope(values: list[float]) -> float:
    x = np.arange(len(values), dtype=float)
    return float(np.polyfit(x, np.asarray(values), 1)[0])


def digest(image) -> str:
    return hashlib.sha256(np.asarray(image).tobytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=80)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--no-autosave", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = None if args.no_autosave else tmp
        start = rss_mb()
        chat, figures, drawn, cache = session(args.turns, args.size, root)
        print(f"RSS before: {start:.0f} MB")
        for i in range(9, args.turns, 10):
            print(
                f"  after turn {i + 1:3d}: {figures[i]:7.1f} MB "
                f"(the engine's sprite cache {cache[i]:5.1f} MB)"
            )
        raw = slope(figures[20:])
        per_turn = slope([f - c for f, c in zip(figures[20:], cache[20:], strict=True)])
        ok = per_turn < TARGET_MB_PER_TURN and raw < TARGET_MB_PER_TURN  # both, to be sure
        cap = SPRITES.max_pixels * 4 / 2**20
        print(
            f"growth per turn after the first 20 ({args.size} px, autosave "
            f"{'off' if root is None else 'on'}), the sprite cache left out: {per_turn:.3f} MB "
            f"(target < {TARGET_MB_PER_TURN}) {'OK' if ok else 'OVER'}"
        )
        print(
            f"  raw RSS growth per turn: {raw:.3f} MB (target < {TARGET_MB_PER_TURN}); "
            f"the sprite cache holds {cache[-1]:.1f} MB, bounded at "
            f"{SPRITES.max_pixels / 1e6:.0f} million pixels (at most {cap:.0f} MB)"
        )
        decoded = sum(
            t.__dict__.get("_pictures") is None or t._pictures.decoded for t in chat.history
        )
        print(f"decoded pictures in memory: {decoded} of {len(chat.history)} turns")
        same = all(digest(t.image) == drawn[t.id] for t in chat.history)
        print(f"every picture read back identical to the one drawn: {same}")

        refs = [weakref.ref(chat), weakref.ref(chat.conversation), weakref.ref(chat.history)]
        chat.close()
        del chat
        gc.collect()
        freed = all(r() is None for r in refs)
        after_close = rss_mb()
        print(f"closed chat freed (no widget, conversation or history alive): {freed}")
        second, again, _, _ = session(args.turns, args.size, None if root is None else tmp + "/2")
        second.close()
        del second
        gc.collect()
        print(
            f"RSS after closing: {after_close:.0f} MB; after a second session of "
            f"{args.turns} turns, closed: {rss_mb():.0f} MB (peak {max(again):.0f} MB)"
        )
    return 0 if ok and freed and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
