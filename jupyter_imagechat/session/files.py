"""Writing files so that a reader never sees half of one, and reading files from folders
anyone can edit without letting one hold the kernel."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError

__all__ = ["atomic_write", "hold_lock", "read_limited"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new, never half.

    The bytes go to a temporary file in the same folder (created if needed), which is
    then moved into place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_limited(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file at ``path``, refusing one over ``limit`` bytes.

    At most ``limit + 1`` bytes are read whatever size the file claims, and only from a
    regular file: a name in a saved folder that leads to a device (``/dev/zero``, endless)
    or a pipe (a read that never returns) is refused, not read.

    Raises
    ------
    InputError
        When the file is not a regular file or is over ``limit`` bytes.
    OSError
        When it cannot be opened (missing, no permission).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe opens at once
    chunks: list[bytes] = []
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path.name} is not a regular file")
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(f"{path.name} is over {limit // 2**20} MiB")
    return data


def hold_lock(path: Path) -> Callable[[], None] | None:
    """Take ``path`` (created if needed) as this process's lock; return what releases it,
    or ``None`` when another process holds it. The lock is an ``flock``: the system drops it
    when its process ends however it ends, so a killed kernel leaves no stale lock. Where
    there is no ``flock`` (Windows, a file system without locks) every call gets it.

    Raises
    ------
    OSError
        When the file cannot be created (a read-only folder).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return lambda: None
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except OSError:  # a file system without locks (some NFS mounts): save as before, unguarded
        os.close(fd)
        return lambda: None
    except BaseException:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode("ascii"))
    closed = [False]

    def release() -> None:
        if not closed[0]:
            closed[0] = True
            os.close(fd)  # drops the lock

    return release
