"""Autosave and restore: every finished turn on disk as it happens.

A session lives in one folder, by default ``.imagechat/<session>/`` in the
kernel's working directory (the notebook's folder in JupyterLab; set
``JUPYTER_IMAGECHAT_DIR`` to put sessions elsewhere)::

    .imagechat/20261122-231500-ab12/
        session.json      engine, model, seed, size, head, newest
        t1.png            the picture, with provenance text chunks
        t1.json           the turn's record (prompt, plans, settings, seed, verdict...)
        t3.mask.png       the mask of an inpainting turn (1 bit per pixel)
        .lock             held by the kernel that saves here (the process id)

Every file is written to a temporary file in the same folder and moved into
place with ``os.replace``, so a reader sees a whole file or none. A turn's
pictures are written before its record, and a record exists only for a
finished turn: a crash (even SIGKILL) loses at most the turn being drawn.

A turn that cannot be saved (a full disk, a folder gone) stays in memory and is saved
again with the next turn, and when the chat closes (:attr:`SessionStore.unsaved` lists
them). Reading a folder back (:mod:`.saved`) brings back every turn whose files are whole
and lists the others with the reason.

One session has one writer: a chat of this kernel that opens a session another chat of
this kernel has open takes it over (the other stops saving), and a session open in another
kernel (another process: the same notebook opened twice, a copy of it) is not written to
(:class:`SessionBusy`): the two would write ``t3.json`` over each other's. The other
process holds ``.lock`` in the folder (``flock``, released when it stops, even by SIGKILL).
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from .files import atomic_write, hold_lock, read_limited
from .history import History
from .pictures import digest
from .saved import TURN_FILE, mask_png, read_turns, restored_head
from .turn import Turn

__all__ = [
    "ENV_DIR",
    "SessionBusy",
    "SessionStore",
    "atomic_write",
    "default_root",
    "list_sessions",
    "new_session_name",
]

log = logging.getLogger(__name__)

ENV_DIR = "JUPYTER_IMAGECHAT_DIR"
"""Environment variable naming the folder that holds sessions (default ``./.imagechat``)."""

_OPEN: weakref.WeakValueDictionary[str, SessionStore] = weakref.WeakValueDictionary()
"""Session folders attached in this process (one store each)."""
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")

LOCK_NAME = ".lock"
"""The file a process holds (``flock``) while it saves to a session folder."""


class SessionBusy(InputError):
    """The session is open in another process (another kernel), which saves to it."""


Failed = Callable[[OSError, list[str]], Any]
"""``on_error(error, unsaved)``: a save failed; ``unsaved`` lists the turns not on disk."""


def default_root() -> Path:
    """Return the folder that holds sessions: ``$JUPYTER_IMAGECHAT_DIR`` or ``./.imagechat``."""
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path.cwd() / ".imagechat"


def new_session_name() -> str:
    """Return a fresh session name: the local time plus four random hex digits."""
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def list_sessions(root: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the names of the saved sessions under ``root``, most recently changed first.

    A folder that cannot be read holds none.
    """
    folder = Path(root) if root is not None else default_root()
    try:
        found = [
            (p.name, (p / "session.json").stat().st_mtime_ns)
            for p in folder.iterdir()
            if _NAME.match(p.name) and (p / "session.json").is_file()
        ]
    except OSError:
        return []
    return [name for name, _ in sorted(found, key=lambda item: item[1], reverse=True)]


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
        try:
            os.fsencode(self.folder)
        except UnicodeEncodeError:  # half an emoji: no file system can name it
            folder = str(self.root)
            raise InputError(f"the autosave folder {folder!r} is not a valid path") from None
        self.skipped: dict[str, str] = {}
        """Saved turns :meth:`load_turns` could not read: file name -> why."""
        self._info: dict[str, Any] = {}
        self._history: History | None = None
        self._saved: set[str] = set()
        self._failed: set[str] = set()  # turns whose save failed at least once
        self._on_error: Failed | None = None
        self._on_saved: Callable[[list[str]], Any] | None = None
        self._on_taken: Callable[[], Any] | None = None
        self._lock = threading.RLock()
        self._release: Callable[[], None] = lambda: None

    @property
    def exists(self) -> bool:
        """True when this session has been saved before (its ``session.json`` or a turn's
        record is there: turns on disk come back even when ``session.json`` was lost)."""
        try:
            if (self.folder / "session.json").is_file():
                return True
            return any(TURN_FILE.match(p.name) for p in self.folder.glob("t*.json"))
        except OSError:
            return False

    @property
    def unsaved(self) -> list[str]:
        """The ids of the attached history's turns that are not on disk yet, oldest first."""
        history = self._history
        return [] if history is None else [t.id for t in history if t.id not in self._saved]

    # -- saving --------------------------------------------------------------------------
    def attach(
        self,
        history: History,
        *,
        on_error: Failed | None = None,
        on_saved: Callable[[list[str]], Any] | None = None,
        on_taken: Callable[[], Any] | None = None,
        take_over: bool = False,
        **info: Any,
    ) -> None:
        """Save every turn of ``history`` now and every later one as it is recorded.

        ``info`` (engine, model, seed, size...) goes into ``session.json``. A failed
        save (disk full, folder gone) is logged and passed to ``on_error``; the turn stays
        in the history and is saved again with the next turn and by :meth:`detach`.
        ``on_saved(ids)`` hears of turns saved on such a later try.

        ``take_over``: another chat of this kernel that has the session open stops saving
        to it (its ``on_taken`` is called); otherwise that is an error.

        Raises
        ------
        InputError
            When another chat of this kernel has the session open (and not ``take_over``).
        OSError
            When the folder cannot be written at all (read-only, missing permission).
        """
        key = str(self.folder.resolve())
        other = _OPEN.get(key)
        if other is not None and other is not self and other._history is not history:
            if not take_over:
                raise InputError(
                    f"session {self.session!r} is already open in this kernel; two chats "
                    "writing one session would overwrite each other's turns. Use another "
                    "session name, or close the other chat first"
                )
            other._taken()
        self._info = {k: v for k, v in info.items() if v is None or isinstance(v, (str, int))}
        self.folder.mkdir(parents=True, exist_ok=True)
        held = hold_lock(self.folder / LOCK_NAME)  # OSError for a folder that is read-only
        if held is None:
            raise SessionBusy(
                f"session {self.session!r} is open in another kernel "
                f"({_holder(self.folder / LOCK_NAME)}), which saves to it"
            )
        self._release = held
        weakref.finalize(self, held)  # a chat dropped unclosed does not keep the session
        self._history = history
        try:
            self._save_session()  # raises for a folder that cannot be written
        except BaseException:
            self._stop()
            raise
        _OPEN[key] = self
        self._on_error, self._on_saved, self._on_taken = on_error, on_saved, on_taken
        self._saved = {t.id for t in history if (self.folder / f"{t.id}.json").is_file()}
        self.flush()
        history.on_change(self._on_change)

    def detach(self) -> list[str]:
        """Save what is not saved yet, then stop saving the attached history (the session
        may then be opened again). Return the ids of turns that still could not be saved."""
        with self._lock:
            if self._history is None:
                return []
            unsaved = self.flush()
            self._stop()
            return unsaved

    def flush(self) -> list[str]:
        """Save every turn of the attached history that is not on disk yet (oldest first),
        and ``session.json``; return the ids still unsaved. A failure goes to ``on_error``;
        turns saved now after failing before go to ``on_saved``."""
        with self._lock:
            history = self._history
            if history is None:
                return []
            done: list[str] = []
            try:
                for turn in history:
                    if turn.id not in self._saved:
                        self.save_turn(turn)
                        self._saved.add(turn.id)
                        done.append(turn.id)
                self._save_session()
                error = None
            except OSError as exc:
                error = exc
            late = [tid for tid in done if tid in self._failed]
            self._failed.difference_update(late)
            if late and self._on_saved is not None:
                self._on_saved(late)
            if error is None:
                return []
            unsaved = self.unsaved
            self._failed.update(unsaved)
            log.error("could not autosave turn(s) %s to %s: %s", unsaved, self.folder, error)
            if self._on_error is not None:
                self._on_error(error, unsaved)
            return unsaved

    def save_turn(self, turn: Turn) -> None:
        """Write ``turn``'s picture, mask and record (the record last), inside the folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        png = turn.to_png()
        path = self._path(f"{turn.id}.png")
        atomic_write(path, png)
        turn._saved_to(path, digest(png))
        mask = turn.mask
        if mask is not None:
            atomic_write(self._path(f"{turn.id}.mask.png"), mask_png(mask))
        record = json.dumps(turn.to_record(), ensure_ascii=False, default=str)
        atomic_write(self._path(f"{turn.id}.json"), record.encode("utf-8"))

    def _path(self, name: str) -> Path:
        """``folder / name`` for a plain file name (never a path out of the folder)."""
        if Path(name).name != name or name.startswith(".") or "/" in name or "\\" in name:
            raise InputError(f"refusing to write {name!r}: not a plain file name")
        return self.folder / name

    def _on_change(self, event: str, turn: Turn) -> None:
        self.flush()

    def _save_session(self) -> None:
        history = self._history
        head = history.head if history is not None else None
        data = {
            "version": 1,
            "session": self.session,
            "head": head.id if head is not None else None,
            "newest": _newest(history),
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            **self._info,
        }
        atomic_write(self._path("session.json"), json.dumps(data, indent=1).encode("utf-8"))

    def _taken(self) -> None:
        """Another chat took this session over: stop saving, and say so."""
        with self._lock:
            self._stop()
        if self._on_taken is not None:
            self._on_taken()

    def _stop(self) -> None:
        self._release()  # another kernel may open the session now
        if self._history is not None:
            self._history.on_change(self._on_change, remove=True)
        key = str(self.folder.resolve())
        if _OPEN.get(key) is self:
            del _OPEN[key]
        self._history = None

    # -- restoring -----------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """Return ``session.json`` (engine, model, seed, size, head), or ``{}``."""
        try:
            data = json.loads(read_limited(self.folder / "session.json", 1 << 20))
        except (OSError, ValueError, RecursionError):  # InputError: too big, not a file
            return {}
        return data if isinstance(data, dict) else {}

    def load_turns(self) -> list[Turn]:
        """Return every saved turn that is whole, oldest first.

        The turns that cannot be read (a damaged or changed file) are listed in
        :attr:`skipped`, with the reason. A turn whose parent was never saved comes back
        with its parent missing (and a note).

        Raises
        ------
        InputError
            When there is no such session.
        """
        if not self.folder.is_dir():
            raise InputError(f"no saved session {self.session!r} in {str(self.root)!r}")
        turns, self.skipped = read_turns(self.folder)
        return turns

    def head(self, turns: list[Turn]) -> str | None:
        """The turn to reopen after restoring ``turns``: the saved head, unless a newer turn
        was saved after it (a crash between saving a turn and ``session.json``)."""
        return restored_head(self.folder, self.info(), turns)


def _holder(lock: Path) -> str:
    """Who holds ``lock``: the process id it wrote, as far as it can be read."""
    try:
        pid = read_limited(lock, 64).decode("ascii", "replace").strip()
    except (OSError, InputError):
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


def _newest(history: History | None) -> str | None:
    """The id of the turn made last (the highest number)."""
    if history is None or not len(history):
        return None
    return max((t.id for t in history), key=lambda tid: int(tid[1:]))
