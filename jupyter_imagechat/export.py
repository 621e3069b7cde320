"""A history as code and as a notebook (see :meth:`History.to_code`, :meth:`History.to_notebook`).

The code for a turn is an ``ImageChat.send`` with its prompt, seed, settings
and mask (masks as short text, :func:`~jupyter_imagechat.replay.mask_to_text`);
a branch becomes ``checkout`` of the turn it starts from; a loaded picture
becomes ``load`` of a PNG saved next to the notebook.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .replay import FORMAT_VERSION, KEPT_MODES, NOTEBOOK_KEY, mask_to_text
from .store import atomic_write

if TYPE_CHECKING:
    from .history import History, Turn

__all__ = ["history_to_code", "turn_cells", "write_notebook"]

_HEADER = "from jupyter_imagechat import ImageChat\n"
PLANNED_SOURCES = frozenset({"plan", "fix"})
"""Turn sources whose plan did not come from the prompt alone (see ``Conversation._render``)."""
_MASK_IMPORT = "from jupyter_imagechat.replay import mask_from_text\n"


def turn_cells(turns: list[Turn], *, name: str = "chat", image_dir: str = ".") -> list[str]:
    """Return one code snippet per turn; together they redo ``turns`` in order.

    The first snippet imports and creates the chat. ``turns`` must list parents
    before children (a history's order, or one branch).
    """
    if not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, got {name!r}")
    cells: list[str] = []
    ids: dict[str, str] = {}  # recorded id -> id when the code runs
    head: str | None = None
    drawn = [t for t in turns if t.mode not in KEPT_MODES]
    for position, turn in enumerate(turns):
        lines: list[str] = []
        if position == 0:
            lines.append(_HEADER.rstrip("\n"))
            if any(t.metadata.get("source") in PLANNED_SOURCES for t in turns):
                lines.append("from jupyter_imagechat import SceneGraph")
            if any(t.mask is not None for t in turns):
                lines.append(_MASK_IMPORT.rstrip("\n"))
            lines.append("")
            lines.append(f"{name} = ImageChat({_engine_args(drawn[0] if drawn else turn)})")
        if turn.parent is not None and turn.parent in ids and ids[turn.parent] != head:
            lines.append(f"{name}.checkout({ids[turn.parent]!r})  # branch from this turn")
        if turn.mode in KEPT_MODES:
            png = f"{image_dir.rstrip('/')}/{turn.id}.png" if image_dir != "." else f"{turn.id}.png"
            what = "loaded" if turn.mode == "load" else "kept from a stopped turn"
            lines.append(f"{name}.load({png!r})  # the picture {what} at turn {turn.id}")
        elif turn.mode == "outpaint":
            margins = turn.settings.get("outpaint", {})
            args = [f"{k}={int(v)}" for k, v in margins.items() if v]
            if turn.prompt:
                args.append(f"prompt={turn.prompt!r}")
            args.append(f"seed={turn.seed}")
            rest = {k: v for k, v in turn.settings.items() if k != "outpaint"}
            if rest:
                args.append(f"settings={rest!r}")
            lines.append(f"{name}.outpaint({', '.join(args)})")
        elif turn.metadata.get("source") in PLANNED_SOURCES and turn.scene is not None:
            # drawn from an edited or fixed plan: redraw that plan, not the prompt's
            if turn.mask is not None:
                lines.append(f"{name}.mask = mask_from_text({mask_to_text(turn.mask)!r})")
            plan = json.dumps(turn.scene.to_dict(), separators=(",", ":"))
            args = [f"SceneGraph.from_json({plan!r})", f"seed={turn.seed}"]
            if turn.settings:
                args.append(f"settings={turn.settings!r}")
            args.append(f"edit={turn.mode != 'text2img'}")
            lines.append(f"{name}.generate({', '.join(args)})  # {turn.prompt[:60]!r}")
        else:
            args = [repr(turn.prompt), f"seed={turn.seed}"]
            if turn.settings:
                args.append(f"settings={turn.settings!r}")
            if turn.mask is not None:
                args.append(f"mask=mask_from_text({mask_to_text(turn.mask)!r})")
            lines.append(f"{name}.send({', '.join(args)})")
        cells.append("\n".join(lines))
        head = ids[turn.id] = f"t{position + 1}"
    return cells


def history_to_code(turns: list[Turn], *, name: str = "chat", image_dir: str = ".") -> str:
    """Return a script that redoes ``turns`` (see :meth:`History.to_code`)."""
    if not turns:
        return f"{_HEADER}\n{name} = ImageChat()\n"
    cells = turn_cells(turns, name=name, image_dir=image_dir)
    parts = [f"# {t.id}: {t.mode}\n{cell}" for t, cell in zip(turns, cells, strict=True)]
    return "\n\n".join(parts) + f"\n{name}.image\n"


def write_notebook(history: History, path: str | os.PathLike[str], *, name: str = "chat") -> Path:
    """Write ``history`` as an .ipynb: one cell per turn (see :meth:`History.to_notebook`).

    The file is nbformat 4.5 JSON, built directly (importing nbformat takes seconds).
    """
    target = Path(path)
    if target.suffix != ".ipynb":
        target = target.with_suffix(".ipynb")
    turns = list(history)
    image_dir = f"{target.stem}_files"
    if any(t.mode in KEPT_MODES for t in turns):
        folder = target.parent / image_dir
        folder.mkdir(parents=True, exist_ok=True)
        for turn in turns:
            if turn.mode in KEPT_MODES:
                atomic_write(folder / f"{turn.id}.png", turn.to_png())
    head = history.head
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
        cells.append(
            {
                "cell_type": "code",
                "id": f"turn-{turn.id}",
                "execution_count": count,
                "metadata": {NOTEBOOK_KEY: meta},
                "outputs": [output],
                "source": _lines(f"# {turn.id}: {turn.mode}\n{code}\n{name}.image"),
            }
        )
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            NOTEBOOK_KEY: {
                "version": FORMAT_VERSION,
                "head": head.id if head else None,
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


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _engine_args(turn: Turn) -> str:
    if turn.engine in ("builtin", "load"):
        return ""
    args = [f"engine={turn.engine!r}"]
    model = turn.metadata.get("model") or turn.model  # the turn's model may be a revision
    if model:
        args.append(f"model={model!r}")
    return ", ".join(args)
