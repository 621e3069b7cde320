"""Sessions read back from notebooks written by :meth:`.history.History.to_notebook`."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..images import MAX_IMAGE_BYTES, as_image
from ..scene.text import clean_text
from .fields import KEPT_MODES
from .files import read_limited
from .masktext import mask_from_text
from .notebook import NOTEBOOK_KEY
from .records import turn_fields
from .turn import Turn

__all__ = ["MAX_NOTEBOOK_BYTES", "NotebookSession", "read_notebook"]

MAX_NOTEBOOK_BYTES = 512 * 1024 * 1024
"""Largest notebook read back."""


@dataclass
class NotebookSession:
    """The turns read from a notebook written by :meth:`History.to_notebook`."""

    turns: list[Turn]
    head: str | None
    engine: str
    model: str | None


def read_notebook(path: str | os.PathLike[str]) -> NotebookSession:
    """Read the turn records, pictures and masks of a notebook written by ``to_notebook``.

    A notebook may have been edited by anyone: every cell's record is checked field by
    field (:mod:`.records`), pictures and masks against their limits and each other's size.

    Raises
    ------
    InputError
        If the file is not such a notebook, or a turn's cell is damaged (the message names
        the turn and the field).
    """
    nb_path = Path(path)
    try:
        if nb_path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise InputError(f"{str(nb_path)!r} is over {MAX_NOTEBOOK_BYTES // 2**20} MiB")
        nb = json.loads(read_limited(nb_path, MAX_NOTEBOOK_BYTES))
    except FileNotFoundError:
        raise InputError(f"no notebook at {str(nb_path)!r}") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise InputError(f"cannot read {str(nb_path)!r} as a notebook: {exc}") from None
    meta = _get(_get(nb, "metadata"), NOTEBOOK_KEY)
    if not meta:
        raise InputError(f"{str(nb_path)!r} was not written by History.to_notebook")
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise InputError(f"{str(nb_path)!r} has no list of cells")
    turns: list[Turn] = []
    for number, cell in enumerate(cells, start=1):
        data = _turn_data(cell, f"cell {number}")
        if data is not None:
            turns.append(_cell_turn(cell, data, f"cell {number}"))
    ids = [t.id for t in turns]
    if len(set(ids)) != len(ids):
        raise InputError(f"{str(nb_path)!r} lists a turn twice: {', '.join(ids)}")
    engines = [t for t in turns if t.mode not in KEPT_MODES]
    head, engine, model = meta.get("head"), meta.get("engine"), meta.get("model")
    return NotebookSession(
        turns=turns,
        head=head if isinstance(head, str) and head in ids else None,
        engine=_name(engine) or (engines[0].engine if engines else "builtin"),
        model=_name(model),
    )


def _cell_turn(cell: dict[str, Any], data: dict[str, Any], where: str) -> Turn:
    """The turn of one cell: its record checked, its picture and mask read within limits."""
    record = data["record"]
    tid = record.get("id") if isinstance(record, dict) else None
    where = f"{where} (turn {tid!r})" if isinstance(tid, str) and len(tid) < 20 else where
    png = _cell_png(cell)
    if png is None:
        raise InputError(f"{where} has no picture output")
    if len(png) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise InputError(f"{where}: the picture is over {MAX_IMAGE_BYTES // 2**20} MiB")
    try:
        raw = base64.b64decode(png, validate=True)
    except ValueError:
        raise InputError(f"{where}: the picture output is not base64") from None
    try:
        image = as_image(raw, min_size=1, max_size=1 << 16)
        mask_text = data.get("mask")
        mask = None if mask_text in (None, "") else mask_from_text(mask_text)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    if mask is not None and mask.shape != (image.height, image.width):
        raise InputError(f"{where}: the mask is not the size of the picture")
    fields = turn_fields(record, where)
    size = record.get("size")
    if size is not None and size != [image.width, image.height]:
        raise InputError(f"{where}: 'size' says {size!r} but the picture is {image.size}")
    return Turn(**fields, mask=mask, image=image)


def _turn_data(cell: Any, where: str) -> dict[str, Any] | None:
    """A cell's turn data (its record and mask), or ``None`` for a cell that is no turn's
    (a markdown or code cell added by hand). A turn's cell that lost its data is refused,
    so a turn is never dropped without a word."""
    if not isinstance(cell, dict):
        raise InputError(f"{where} must be a JSON object, got {type(cell).__name__}")
    meta = cell.get("metadata")
    if meta is not None and not isinstance(meta, dict):
        raise InputError(f"{where}: 'metadata' must be an object, got {type(meta).__name__}")
    data = (meta or {}).get(NOTEBOOK_KEY)
    cell_id = cell.get("id")
    if data is None and isinstance(cell_id, str) and cell_id.startswith("turn-t"):
        data = {}  # written for a turn: its metadata was stripped
    if data is None:
        return None
    if not isinstance(data, dict) or "record" not in data:
        raise InputError(
            f"{where}: the turn's record is missing from the cell's metadata "
            f"({NOTEBOOK_KEY!r}); the turn cannot be read back without it"
        )
    return data


def _get(value: Any, key: str) -> dict[str, Any]:
    """``value[key]`` when both are JSON objects, else ``{}``."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def _name(value: Any) -> str | None:
    """An engine or model name from the notebook's metadata (``None`` if it is not one)."""
    return clean_text(value) if isinstance(value, str) and 0 < len(value) <= 1000 else None


def _cell_png(cell: dict[str, Any]) -> str | None:
    outputs = cell.get("outputs")
    for output in outputs if isinstance(outputs, list) else []:
        png = _get(output, "data").get("image/png")
        if isinstance(png, list) and all(isinstance(p, str) for p in png):
            png = "".join(png)
        if isinstance(png, str) and png:
            return png
    return None
