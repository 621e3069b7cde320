"""A session as a notebook: one code cell per turn (see :meth:`.history.History.to_notebook`).

Each cell holds the code that redoes its turn (:mod:`.code`), the picture as its output and
the turn's record (plan, settings, seed, mask...) in its metadata under
:data:`NOTEBOOK_KEY`; :mod:`.restore` reads them back. The file is nbformat 4.5 JSON,
built directly (importing nbformat takes seconds).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .code import turn_cells
from .fields import KEPT_MODES, TurnFields
from .files import atomic_write
from .masktext import mask_to_text

__all__ = ["FORMAT_VERSION", "NOTEBOOK_KEY", "write_notebook"]

NOTEBOOK_KEY = "jupyter_imagechat"
"""Key of this project's data in notebook and cell metadata."""

FORMAT_VERSION = 1
"""Version of the notebook metadata this module writes."""


def write_notebook(
    turns: Sequence[TurnFields],
    path: str | os.PathLike[str],
    *,
    head: str | None = None,
    name: str = "chat",
) -> Path:
    """Write ``turns`` (parents first) as an .ipynb and return its path.

    ``head`` is the id of the current turn, reopened when the notebook is restored.
    Pictures that cannot be redrawn (loaded ones, drafts) are also written as PNG files
    into ``<notebook name>_files/`` beside it, for the ``load`` cells to read.
    """
    target = Path(path)
    if target.suffix != ".ipynb":
        target = target.with_suffix(".ipynb")
    image_dir = f"{target.stem}_files"
    for turn in turns:
        if turn.mode in KEPT_MODES:
            atomic_write(target.parent / image_dir / f"{turn.id}.png", turn.to_png())
    drawn = [t for t in turns if t.mode not in KEPT_MODES]
    intro = (
        "# Image chat session\n\nWritten by jupyter-imagechat: each code cell below redoes "
        "one turn and shows its picture; the turn's plan, seed, settings and mask are in the "
        f"cell's metadata. `ImageChat.from_notebook({target.name!r})` restores the session."
    )
    cells: list[dict[str, Any]] = [
        {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": _lines(intro)}
    ]
    codes = turn_cells(turns, name=name, image_dir=image_dir)
    for count, (turn, code) in enumerate(zip(turns, codes, strict=True), start=1):
        cells.append(_turn_cell(turn, code, count, name))
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            NOTEBOOK_KEY: {
                "version": FORMAT_VERSION,
                "head": head,
                "engine": drawn[0].engine if drawn else "builtin",
                "model": drawn[0].model if drawn else None,
                "name": name,
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(nb, indent=1, ensure_ascii=False, default=str) + "\n"
    atomic_write(target, text.encode("utf-8"))
    return target


def _turn_cell(turn: TurnFields, code: str, count: int, name: str) -> dict[str, Any]:
    size = f"{turn.image.width}x{turn.image.height}"
    output = {
        "output_type": "execute_result",
        "execution_count": count,
        "metadata": {},
        "data": {
            "image/png": base64.b64encode(turn.to_png()).decode("ascii"),
            "text/plain": [f"<PIL.Image.Image image mode=RGB size={size}>"],
        },
    }
    meta = {
        "record": turn.to_record(),
        "mask": mask_to_text(turn.mask) if turn.mask is not None else None,
    }
    return {
        "cell_type": "code",
        "id": f"turn-{turn.id}",
        "execution_count": count,
        "metadata": {NOTEBOOK_KEY: meta},
        "outputs": [output],
        "source": _lines(f"# {turn.id}: {turn.mode}\n{code}\n{name}.image"),
    }


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)
