"""Redo recorded turns: pixel-exact replays, masks as text, sessions from notebooks.

Two ways to redo a history:

- :func:`replay` (``replan=False``, the default) draws each turn's recorded
  plan again with its seed, settings, mask and its parent's (redrawn) picture.
  It does not depend on the planner, so a session replays the same even after
  the planner changed.
- ``replan=True`` sends every prompt through a fresh
  :class:`~jupyter_imagechat.conversation.Conversation` again (planner, layout,
  engine, checker), reopening parents with ``checkout`` where the session
  branched, just as the script from :meth:`History.to_code` does.

On the built-in engine both give the recorded pictures, pixel for pixel.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    from PIL import Image

    from .engines.base import Engine
    from .history import History, Turn
    from .planner import Planner

__all__ = [
    "NotebookSession",
    "ReplayReport",
    "ReplayedTurn",
    "mask_from_text",
    "mask_to_text",
    "read_notebook",
    "redraw",
    "replay",
    "restore_turns",
]

NOTEBOOK_KEY = "jupyter_imagechat"
"""Key of this project's data in notebook and cell metadata."""

FORMAT_VERSION = 1


# -- masks as text --------------------------------------------------------------------
def mask_to_text(mask: np.ndarray) -> str:
    """Return a bool mask as short text: ``"WxH:"`` + base64 of the zlib'd packed bits."""
    arr = np.asarray(mask, dtype=bool)
    if arr.ndim != 2:
        raise InputError(f"a mask must be 2-D, got shape {arr.shape}")
    packed = zlib.compress(np.packbits(arr, axis=None).tobytes(), 9)
    return f"{arr.shape[1]}x{arr.shape[0]}:{base64.b64encode(packed).decode('ascii')}"


def mask_from_text(text: str) -> np.ndarray:
    """Return the bool mask that :func:`mask_to_text` wrote.

    Raises
    ------
    InputError
        If ``text`` is not such a mask.
    """
    try:
        size, data = str(text).split(":", 1)
        width, height = (int(v) for v in size.split("x"))
        bits = np.frombuffer(zlib.decompress(base64.b64decode(data, validate=True)), np.uint8)
        flat = np.unpackbits(bits)[: width * height]
        if width <= 0 or height <= 0 or flat.size != width * height:
            raise ValueError("size")
    except (ValueError, zlib.error, TypeError):
        raise InputError(f"not a mask written by mask_to_text: {str(text)[:40]!r}") from None
    return flat.reshape(height, width).astype(bool)


# -- replaying ------------------------------------------------------------------------
@dataclass
class ReplayedTurn:
    """One turn drawn again: the new picture and how it compares with the recorded one.

    ``redrawn`` is False for turns whose picture is taken as recorded: loaded
    pictures and drafts (the picture so far of a cancelled turn).
    """

    id: str
    image: Image.Image
    identical: bool
    max_difference: int
    redrawn: bool = True


@dataclass
class ReplayReport:
    """The outcome of :func:`replay`: one :class:`ReplayedTurn` per turn, oldest first."""

    turns: list[ReplayedTurn] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        """True when every picture came out exactly as recorded."""
        return all(t.identical for t in self.turns)

    @property
    def differing(self) -> list[str]:
        """Ids of the turns whose pictures differ."""
        return [t.id for t in self.turns if not t.identical]

    def __getitem__(self, key: int | str) -> ReplayedTurn:
        if isinstance(key, str):
            for t in self.turns:
                if t.id == key:
                    return t
            raise KeyError(key)
        return self.turns[key]

    def __len__(self) -> int:
        return len(self.turns)

    def __repr__(self) -> str:
        if self.identical:
            return f"<ReplayReport: all {len(self.turns)} picture(s) identical>"
        return (
            f"<ReplayReport: {len(self.differing)} of {len(self.turns)} differ: {self.differing}>"
        )


KEPT_MODES = frozenset({"load", "draft"})
"""Modes whose pictures are taken as recorded, not redrawn."""


def redraw(turn: Turn, parent_image: Image.Image | None, engine: Engine) -> Image.Image:
    """Draw ``turn`` again from its recorded plan, seed, settings, mask and parent picture.

    Loaded pictures and drafts come back as recorded.
    """
    if turn.mode in KEPT_MODES or turn.scene is None:
        return turn.image
    image_in: Image.Image | None
    if turn.mode == "text2img":
        image_in = None
    elif parent_image is None:
        raise InputError(f"turn {turn.id} edits a picture, but its parent has none")
    elif turn.mode == "outpaint":
        from .outpainting import extend_canvas

        canvas, mask = extend_canvas(parent_image, **turn.settings["outpaint"])
        settings = {k: v for k, v in turn.settings.items() if k != "outpaint"}
        if engine.name == "builtin":
            settings.pop("strength", None)
        return engine.draw(
            turn.scene, image=canvas, mask=mask, seed=turn.seed, settings=settings
        ).image
    else:
        image_in = parent_image
    result = engine.draw(
        turn.scene,
        image=image_in,
        mask=turn.mask if turn.mode == "inpaint" else None,
        seed=turn.seed,
        settings=dict(turn.settings),
    )
    return result.image


def replay(
    turns: History | list[Turn],
    engine: Engine | str = "builtin",
    *,
    replan: bool = False,
    planner: Planner | str = "rules",
) -> ReplayReport:
    """Draw every turn again and compare each picture with the recorded one.

    Parameters
    ----------
    turns : History or list of Turn
        The turns, parents before children (a history's own order).
    engine : Engine or str
        The engine to draw with (normally the one that drew the session).
    replan : bool
        False: draw the recorded plans. True: send the prompts through a new
        conversation (planner and layout included).
    planner : Planner or str
        The planner for ``replan=True``.
    """
    from .engines import create_engine

    draw_with = create_engine(engine) if isinstance(engine, str) else engine
    items = list(turns)
    images = _replan(items, draw_with, planner) if replan else _redraw_all(items, draw_with)
    report = ReplayReport()
    for turn in items:
        new = images[turn.id]
        diff = _max_difference(turn.image, new)
        redrawn = turn.mode not in KEPT_MODES and turn.scene is not None
        report.turns.append(ReplayedTurn(turn.id, new, diff == 0, diff, redrawn))
    return report


def _redraw_all(turns: list[Turn], engine: Engine) -> dict[str, Image.Image]:
    images: dict[str, Image.Image] = {}
    for turn in turns:
        parent = images.get(turn.parent) if turn.parent is not None else None
        images[turn.id] = redraw(turn, parent, engine)
    return images


def _replan(turns: list[Turn], engine: Engine, planner: Planner | str) -> dict[str, Image.Image]:
    from .conversation import Conversation

    conv = Conversation(engine, planner=planner)
    ids: dict[str, str] = {}  # recorded id -> id in the new conversation
    images: dict[str, Image.Image] = {}
    for turn in turns:
        head = conv.history.head
        if turn.parent is not None and (head is None or ids.get(turn.parent) != head.id):
            conv.checkout(ids[turn.parent])
        if turn.mode in KEPT_MODES:
            new = conv.load(turn.to_png())
        elif turn.mode == "outpaint":
            margins = turn.settings["outpaint"]
            rest = {k: v for k, v in turn.settings.items() if k != "outpaint"}
            new = conv.outpaint(
                **margins, prompt=turn.prompt or None, seed=turn.seed, settings=rest
            )
        else:
            new = conv.send(turn.prompt, mask=turn.mask, seed=turn.seed, settings=turn.settings)
        ids[turn.id] = new.id
        images[turn.id] = new.image
    return images


def _max_difference(a: Image.Image, b: Image.Image) -> int:
    if a.size != b.size:
        return 255
    x = np.asarray(a.convert("RGB"), dtype=np.int16)
    y = np.asarray(b.convert("RGB"), dtype=np.int16)
    return int(np.abs(x - y).max()) if x.size else 0


# -- sessions from notebooks ---------------------------------------------------------------
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
    from .history import Turn
    from .images import as_image

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


def restore_turns(history: History, turns: list[Turn], head: str | None = None) -> None:
    """Append recorded ``turns`` (parents first) to an empty ``history`` and reopen ``head``."""
    if len(history):
        raise InputError("can only restore into an empty history")
    for turn in turns:
        history.append(turn)
    current = history.head
    if head is not None and head in history and current is not None and current.id != head:
        history.checkout(head)


def _cell_png(cell: dict[str, Any]) -> str | None:
    for output in cell.get("outputs", []):
        png = (output.get("data") or {}).get("image/png")
        if png:
            return "".join(png) if isinstance(png, list) else str(png)
    return None
