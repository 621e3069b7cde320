"""Autosave and restore: every finished turn on disk as it happens.

A session lives in one folder, by default ``.imagechat/<session>/`` in the
kernel's working directory (the notebook's folder in JupyterLab; set
``JUPYTER_IMAGECHAT_DIR`` to put sessions elsewhere)::

    .imagechat/20261122-231500-ab12/
        session.json      engine, model, seed, size, head
        t1.png            the picture, with provenance text chunks
        t1.json           the turn's record (prompt, plans, settings, seed, verdict...)
        t3.mask.png       the mask of an inpainting turn (1 bit per pixel)

Every file is written to a temporary file in the same folder and moved into
place with ``os.replace``, so a reader sees a whole file or none. A turn's
pictures are written before its record, and a record exists only for a
finished turn: a crash (even SIGKILL) loses at most the turn being drawn.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import secrets
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .files import atomic_write
from .history import History
from .turn import Turn

__all__ = [
    "ENV_DIR",
    "SessionStore",
    "atomic_write",
    "default_root",
    "list_sessions",
    "new_session_name",
]

log = logging.getLogger(__name__)

ENV_DIR = "JUPYTER_IMAGECHAT_DIR"
"""Environment variable naming the folder that holds sessions (default ``./.imagechat``)."""

_OPEN: weakref.WeakValueDictionary[str, History] = weakref.WeakValueDictionary()
"""Session folders attached in this process (one history each)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_TURN_FILE = re.compile(r"^t(\d+)\.json$")


def default_root() -> Path:
    """Return the folder that holds sessions: ``$JUPYTER_IMAGECHAT_DIR`` or ``./.imagechat``."""
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path.cwd() / ".imagechat"


def new_session_name() -> str:
    """Return a fresh session name: the local time plus four random hex digits."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def list_sessions(root: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the names of the saved sessions under ``root``, most recently changed first."""
    folder = Path(root) if root is not None else default_root()
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and (p / "session.json").is_file()]
    found.sort(key=lambda p: (p / "session.json").stat().st_mtime_ns, reverse=True)
    return [p.name for p in found]


class SessionStore:
    """One session's folder: saves turns as they finish and reads them back.

    Parameters
    ----------
    session : str
        The session's name (letters, digits, ``_.-``; at most 100 characters).
    root : str or path, optional
        The folder that holds sessions (default :func:`default_root`).

    Raises
    ------
    InputError
        For a session name that is not a plain folder name.
    """

    def __init__(self, session: str, root: str | os.PathLike[str] | None = None) -> None:
        if not isinstance(session, str) or not _NAME.match(session):
            raise InputError(
                f"a session name is 1 to 100 letters, digits or '_.-' (not starting with "
                f"'.', '_' or '-'), got {session!r}"
            )
        self.session = session
        self.root = Path(root) if root is not None else default_root()
        self.folder = self.root / session
        self._info: dict[str, Any] = {}
        self._history: History | None = None
        self._on_error: Callable[[OSError], Any] | None = None

    @property
    def exists(self) -> bool:
        """True when this session has been saved before."""
        return (self.folder / "session.json").is_file()

    # -- saving --------------------------------------------------------------------------
    def attach(
        self,
        history: History,
        *,
        on_error: Callable[[OSError], Any] | None = None,
        **info: Any,
    ) -> None:
        """Save every turn of ``history`` now and every later one as it is recorded.

        ``info`` (engine, model, seed, size...) goes into ``session.json``. A
        failed save (disk full, folder gone) is logged and passed to
        ``on_error``; the turn stays in the history.
        """
        key = str(self.folder.resolve())
        other = _OPEN.get(key)
        if other is not None and other is not history:
            raise InputError(
                f"session {self.session!r} is already open in this kernel; two chats writing "
                "one session would overwrite each other's turns. Use another session name, or "
                "close the other chat first"
            )
        _OPEN[key] = history
        self._on_error = on_error
        self._info = {k: v for k, v in info.items() if v is None or isinstance(v, (str, int))}
        self._history = history
        for turn in history:
            if not (self.folder / f"{turn.id}.json").is_file():
                self.save_turn(turn)
        self._save_session()
        history.on_change(self._on_change)

    def detach(self) -> None:
        """Stop saving the attached history (the session may then be opened again)."""
        if self._history is not None:
            self._history.on_change(self._on_change, remove=True)
            if _OPEN.get(str(self.folder.resolve())) is self._history:
                del _OPEN[str(self.folder.resolve())]
            self._history = None

    def save_turn(self, turn: Turn) -> None:
        """Write ``turn``'s picture, mask and record (the record last)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.folder / f"{turn.id}.png", turn.to_png())
        if turn.mask is not None:
            atomic_write(self.folder / f"{turn.id}.mask.png", _mask_png(turn.mask))
        record = json.dumps(turn.to_record(), ensure_ascii=False, default=str)
        atomic_write(self.folder / f"{turn.id}.json", record.encode("utf-8"))

    def _on_change(self, event: str, turn: Turn) -> None:
        try:
            if event == "append":
                self.save_turn(turn)
            self._save_session()
        except OSError as exc:
            log.error("could not autosave turn %s to %s: %s", turn.id, self.folder, exc)
            if self._on_error is not None:
                self._on_error(exc)

    def _save_session(self) -> None:
        head = self._history.head if self._history is not None else None
        data = {
            "version": 1,
            "session": self.session,
            "head": head.id if head is not None else None,
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **self._info,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.folder / "session.json", json.dumps(data, indent=1).encode("utf-8"))

    # -- restoring -----------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """Return ``session.json`` (engine, model, seed, size, head), or ``{}``."""
        try:
            data = json.loads((self.folder / "session.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load_turns(self) -> list[Turn]:
        """Return the saved turns, oldest first (a record without its picture is skipped)."""
        from PIL import Image

        if not self.folder.is_dir():
            raise InputError(f"no saved session {self.session!r} in {str(self.root)!r}")
        found = sorted(
            (int(m.group(1)), p)
            for p in self.folder.iterdir()
            if (m := _TURN_FILE.match(p.name)) is not None
        )
        turns: list[Turn] = []
        known: set[str] = set()
        for _, path in found:
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                with Image.open(self.folder / f"{path.stem}.png") as picture:
                    image = picture.convert("RGB")
                mask_path = self.folder / f"{path.stem}.mask.png"
                mask = None
                if record.get("has_mask") and mask_path.is_file():
                    with Image.open(mask_path) as mask_image:
                        mask = np.asarray(mask_image.convert("1"), dtype=bool).copy()
                if record.get("parent") is not None and record["parent"] not in known:
                    log.warning("skipping saved turn %s: its parent is missing", path.stem)
                    continue
                turns.append(Turn.from_record(record, image, mask))
                known.add(record["id"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("skipping unreadable saved turn %s: %s", path.name, exc)
        return turns


def _mask_png(mask: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.asarray(mask, dtype=bool)).save(buf, format="PNG")
    return buf.getvalue()

