"""The README's first example runs as printed and does what its comments say."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

README = Path(__file__).resolve().parents[1] / "README.md"


def first_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## What it does") :]
    return re.search(r"```python\n(.+?)\n```", section, re.S).group(1)


def test_the_ten_line_example_runs_and_changes_only_the_bowl(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_IMAGECHAT_DIR", str(tmp_path))
    code = first_example()
    assert len([line for line in code.splitlines() if line.strip()]) <= 10
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # our own README
    chat = scope["chat"]
    turn = scope["turn"]
    assert turn.summary() == "3 x apple (red), 1 x bowl (blue); apple left of bowl"
    first, second = chat.history[0], chat.history[-1]
    assert second.summary() == "3 x apple (red), 1 x bowl (green); apple left of bowl"
    mask = np.asarray(second.mask, dtype=bool)
    bowl = next(o for o in first.objects if o.name == "bowl")
    x0, y0, x1, y1 = bowl.box
    assert mask.sum() > 0
    # the bowl and its soft shadow below it (selected with it)
    assert mask[y0:y1, x0:x1].sum() > 0.75 * mask.sum(), "select_at picked the bowl"
    changed = np.any(np.asarray(second.image) != np.asarray(first.image), axis=-1)
    assert changed.any()
    assert not (changed & ~mask).any(), "only the masked pixels change"
    chat.close()
