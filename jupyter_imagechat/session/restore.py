"""Sessions read back from notebooks written by :meth:`.history.History.to_notebook`."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..images import as_image
from .fields import KEPT_MODES
from .masktext import mask_from_text
from .notebook import NOTEBOOK_KEY
from .turn import Turn

__all__ = ["NotebookSession", "read_notebook"]


@dataclass
class NotebookSession:
    """The turns read from a notebook written by :meth:`History.to_notebook`."""

    turns: list[Turn]
    head: str | None
    engine: str
    model: str | None


def read_notebook(path: str | os.PathLike[str]) -> NotebookSession:
    """Read the turn records, pictures and masks of a notebook written by ``to_notebook``.

    Raises
    ------
    InputError
        If the file is not such a notebook.
    """
    nb_path = Path(path)
    try:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no notebook at {str(nb_path)!r}") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {str(nb_path)!r} as a notebook: {exc}") from None
    meta = (nb.get("metadata") or {}).get(NOTEBOOK_KEY) if isinstance(nb, dict) else None
    if not isinstance(meta, dict):
        raise InputError(f"{str(nb_path)!r} was not written by History.to_notebook")
    turns: list[Turn] = []
    for cell in nb.get("cells", []):
        data = (cell.get("metadata") or {}).get(NOTEBOOK_KEY)
        if not isinstance(data, dict) or "record" not in data:
            continue
        record = data["record"]
        png = _cell_png(cell)
        if png is None:
            raise InputError(f"the cell of turn {record.get('id')} has no picture output")
        mask = mask_from_text(data["mask"]) if data.get("mask") else None
        image = as_image(base64.b64decode(png), min_size=1, max_size=1 << 16)
        turns.append(Turn.from_record(record, image, mask))
    engines = [t for t in turns if t.mode not in KEPT_MODES]
    return NotebookSession(
        turns=turns,
        head=meta.get("head"),
        engine=str(meta.get("engine") or (engines[0].engine if engines else "builtin")),
        model=meta.get("model") if meta.get("model") else None,
    )


def _cell_png(cell: dict[str, Any]) -> str | None:
    for output in cell.get("outputs", []):
        png = (output.get("data") or {}).get("image/png")
        if png:
            return "".join(png) if isinstance(png, list) else str(png)
    return None
