"""Reading an autosave folder back (see :mod:`.autosave` for what it holds).

Everything in the folder is untrusted: a file may be damaged, cut short by a full disk, or
changed by hand. :func:`read_turns` brings back every turn whose record, picture and mask
are whole, checked field by field (:mod:`.records`), and says why it left out each of the
others. Pictures are not decoded here: each turn remembers its file and the file's SHA-256
and decodes it when it is first shown (:mod:`.pictures`), so reopening a long session is
quick and takes little memory.
"""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..images import MAX_DECODE_PIXELS, MAX_IMAGE_BYTES
from .files import read_limited
from .pictures import digest
from .turn import Turn

__all__ = ["MAX_RECORD_BYTES", "mask_png", "read_turns", "restored_head"]

log = logging.getLogger(__name__)

MAX_RECORD_BYTES = 4 * 1024 * 1024
"""Largest turn record (``t3.json``) read back."""

TURN_FILE = re.compile(r"^t([1-9][0-9]{0,8})\.json$")
"""The name of a turn's record in a session folder."""


def read_turns(folder: Path) -> tuple[list[Turn], dict[str, str]]:
    """Return the whole saved turns in ``folder`` (oldest first) and, for every turn
    record left out, its file name and why."""
    found = sorted(
        (int(m.group(1)), p) for p in folder.iterdir() if (m := TURN_FILE.match(p.name))
    )
    turns: list[Turn] = []
    skipped: dict[str, str] = {}
    for _, path in found:
        try:
            turns.append(_read_turn(path))
        except (InputError, OSError, ValueError, RecursionError) as exc:  # nested too deep
            reason = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            skipped[path.name] = reason
            log.warning("left out saved turn %s: %s", path.name, reason)
    ids = {t.id for t in turns}
    for turn in turns:
        if turn.parent is not None and turn.parent not in ids:
            turn.notes.append(f"its parent {turn.parent} was not saved; it starts a branch here")
    return turns, skipped


def restored_head(folder: Path, info: dict[str, Any], turns: list[Turn]) -> str | None:
    """The turn to reopen: the saved head, unless a turn was saved after ``session.json``
    last was (a crash between the two): then the newest turn, which was current."""
    if not turns:
        return None
    newest = max(turns, key=lambda t: int(t.id[1:])).id
    head, noted = info.get("head"), info.get("newest")
    if not isinstance(head, str) or head not in {t.id for t in turns}:
        return newest
    if isinstance(noted, str) and re.fullmatch(r"t[1-9][0-9]{0,8}", noted):
        return newest if int(newest[1:]) > int(noted[1:]) else head
    try:  # a folder of an earlier version: compare the files' times
        saved = (folder / "session.json").stat().st_mtime_ns
        if (folder / f"{newest}.json").stat().st_mtime_ns > saved:
            return newest
    except OSError:
        return newest
    return head


def mask_png(mask: np.ndarray) -> bytes:
    """A bool mask as a 1-bit PNG."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.asarray(mask, dtype=bool)).save(buf, format="PNG")
    return buf.getvalue()


def _read_turn(path: Path) -> Turn:
    """One saved turn: its record checked, its picture's file verified (not decoded)."""
    record = json.loads(read_limited(path, MAX_RECORD_BYTES).decode("utf-8"))
    if not isinstance(record, dict):
        raise InputError(f"{path.name} is not a turn record (a JSON object)")
    if record.get("id") != path.stem:
        raise InputError(
            f"{path.name} holds the record of another turn ({str(record.get('id'))[:40]!r})"
        )
    picture = path.with_suffix(".png")
    if not picture.exists():  # said plainly, not as a FileNotFoundError with its errno
        raise InputError(f"its picture {picture.name} is missing")
    png = read_limited(picture, MAX_IMAGE_BYTES)
    size = _png_size(png, picture.name)
    if record.get("size") is not None and list(size) != record.get("size"):
        raise InputError(f"{picture.name} is {size[0]}x{size[1]}, not the size its record says")
    mask = None
    if record.get("has_mask"):
        mask = _read_mask(path.with_name(f"{path.stem}.mask.png"), size)
    return Turn.from_record(record, None, mask, png_file=(picture, digest(png)))


def _png_size(data: bytes, name: str) -> tuple[int, int]:
    """The size of a PNG, checked without decoding its pixels (chunks and CRCs only)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.format != "PNG":
                raise InputError(f"{name} is not a PNG")
            size = picture.size
            picture.verify()
    except UnidentifiedImageError:  # its message names a BytesIO object, not the file
        raise InputError(f"{name} is damaged (not an image PIL can read)") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(f"{name} is damaged ({exc})") from None
    if size[0] * size[1] > MAX_DECODE_PIXELS:
        raise InputError(f"{name} is {size[0]}x{size[1]} pixels, more than is read")
    return size


def _read_mask(path: Path, size: tuple[int, int]) -> np.ndarray:
    from PIL import Image

    if not path.is_file():
        raise InputError(f"the mask {path.name} of an inpainting turn is missing")
    data = read_limited(path, MAX_IMAGE_BYTES)
    if _png_size(data, path.name) != size:
        raise InputError(f"the mask {path.name} is not the size of its picture")
    with Image.open(io.BytesIO(data)) as picture:
        return np.asarray(picture.convert("1"), dtype=bool).copy()
