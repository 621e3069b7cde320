"""What history costs per turn: autosave time, replay time, and the size of saved state.

Runs a session of N turns (default 40; descriptions, edits and masked edits, with a
branch) on the built-in engine at 512 px, then prints:

- the time autosave takes per turn (mean and worst), against a budget of 50 ms for the
  worst turn (it runs before ``send`` returns, so a finished turn is always on disk);
- the time to replay every turn (redraw from the records) and whether all came out
  identical;
- the widget state a notebook would save (bytes) after 10 and after N turns, against
  the documented bound (current picture + chat log + strip budget);
- the size of the session folder and of the notebook from ``to_notebook``.

    python benchmarks/history_costs.py [--turns 40] [--size 512]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
from ipywidgets.widgets.widget import _remove_buffers

from jupyter_imagechat import ImageChat
from jupyter_imagechat.session.autosave import SessionStore
from jupyter_imagechat.widget import strip as widget_history

PROMPTS = [
    "three red apples left of a blue bowl",
    "make the bowl green",
    "a cat",  # masked
    "add two more apples",
    "a dog on a bed at night",
    "make the dog black",
    "a yellow star",  # masked
    "a red car next to a house",
]


def state_bytes(chat: ImageChat) -> int:
    state, _paths, buffers = _remove_buffers(chat.get_state())
    return len(json.dumps(state)) + sum(len(b) for b in buffers)


def run(turns: int, size: int) -> tuple[ImageChat, list[float]]:
    chat = ImageChat(size=size, autosave=False)
    times = []
    for i in range(turns):
        if i == turns // 2 and len(chat.history) > 2:
            chat.checkout("t2")
        mask = None
        if PROMPTS[i % len(PROMPTS)] in ("a cat", "a yellow star"):
            mask = np.zeros((size, size), bool)
            mask[size // 8 : size // 2, size // 8 : size // 2] = True
        t0 = time.perf_counter()
        try:
            chat.send(PROMPTS[i % len(PROMPTS)], mask=mask, seed=i)
        except Exception as exc:  # a planner refusal is a turn not made, not a failure here
            print(f"  (turn {i + 1} refused: {exc})")
            continue
        times.append(time.perf_counter() - t0)
        if len(chat.history) == 10:
            chat.state_at_10 = state_bytes(chat)  # type: ignore[attr-defined]
    return chat, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--size", type=int, default=512)
    args = parser.parse_args()

    plain, plain_times = run(args.turns, args.size)
    mean_turn = sum(plain_times) / len(plain_times)
    print(f"turns: {len(plain.history)} at {args.size} px (built-in engine)")
    print(f"turn without autosave: mean {mean_turn * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore("bench", tmp)
        costs = []
        for turn in plain.history:  # exactly what autosave does after each turn
            t0 = time.perf_counter()
            store.save_turn(turn)
            store._history = plain.history
            store._save_session()
            costs.append(time.perf_counter() - t0)
        mean_save = sum(costs) / len(costs)
        print(
            f"autosave of a turn: mean {mean_save * 1000:.1f} ms, worst {max(costs) * 1000:.1f} ms "
            f"({mean_save / mean_turn:.0%} of a turn's own time); budget 50 ms worst: "
            f"{'OK' if max(costs) <= 0.05 else 'OVER'}"
        )
        files = list(store.folder.iterdir())
        print(f"session folder: {len(files)} files, {sum(f.stat().st_size for f in files):,} bytes")
        t0 = time.perf_counter()
        nb = plain.history.to_notebook(Path(tmp) / "session.ipynb")
        print(f"to_notebook: {nb.stat().st_size:,} bytes in {time.perf_counter() - t0:.2f} s")

    t0 = time.perf_counter()
    report = plain.replay()
    replay_s = time.perf_counter() - t0
    print(
        f"replay of {len(report)} turns: {replay_s:.2f} s, "
        f"identical: {report.identical} (differing: {report.differing})"
    )

    end = state_bytes(plain)
    messages = len(json.dumps(plain._messages))
    bound = (
        len(plain._esm.encode() if isinstance(plain._esm, str) else b"")
        + len(plain._css.encode() if isinstance(plain._css, str) else b"")
        + len(plain._image)
        + len(plain._mask)
        + messages
        + widget_history.MAX_STRIP_BYTES
        + widget_history.MAX_STRIP_TURNS * 200
        + 4096
    )
    print(
        f"widget state: {getattr(plain, 'state_at_10', 0):,} bytes after 10 turns, "
        f"{end:,} bytes after {len(plain.history)} turns; bound {bound:,} "
        f"({'OK' if end <= bound else 'OVER'})"
    )
    plain.close()


if __name__ == "__main__":
    main()
