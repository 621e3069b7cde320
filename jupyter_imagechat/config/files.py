"""Finding and reading the settings files in the folders ``jupyter --paths`` lists.

Two forms, as Jupyter's own settings: ``jupyter_imagechat_config.json`` (data) and
``jupyter_imagechat_config.py`` (Python run with a traitlets ``c``, as
``jupyter_server_config.py`` is: ``c.ImageChat.engine = "remote"``). In one folder the JSON
file wins over the Python one. A Python file runs inside every student's kernel, so it is run
only when nobody but its owner (the administrator, root, or the student for their own
``~/.jupyter``) can change it or its folder, the rule ``ssh`` applies to its keys: a file
another user could have written is not run, and the settings say so in their notes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .fields import read_names

__all__ = ["CONFIG_NAME", "PY_CONFIG_NAME", "SECTION", "ConfigFile", "config_folders",
           "read_config_files"]  # fmt: skip

CONFIG_NAME = "jupyter_imagechat_config.json"
"""The settings file's name, looked for in every folder ``jupyter --paths`` lists."""
PY_CONFIG_NAME = "jupyter_imagechat_config.py"
"""The Python settings file's name (``c.ImageChat.<setting> = ...``)."""
SECTION = "ImageChat"
"""The traitlets section a Python settings file sets (``c.ImageChat``)."""

MAX_CONFIG_BYTES = 256 * 1024
"""A settings file larger than this is refused (it holds a dozen values)."""


@dataclass(frozen=True)
class ConfigFile:
    """One settings file read: its path, its values and the names it locks."""

    path: Path
    values: dict[str, Any]
    locked: tuple[str, ...]


def config_folders() -> list[Path]:
    """The folders ``jupyter --paths`` lists under ``config``, highest priority first
    (``JUPYTER_CONFIG_PATH``, the user's ``~/.jupyter``, the environment's
    ``<prefix>/etc/jupyter``, then ``/usr/local/etc/jupyter`` and ``/etc/jupyter``)."""
    from jupyter_core.paths import jupyter_config_path

    return [Path(p) for p in jupyter_config_path()]


def read_config_files(
    folders: Sequence[os.PathLike[str] | str],
) -> tuple[list[ConfigFile], list[str]]:
    """Read the settings files in ``folders``, lowest priority first (the reverse of
    ``folders``). Return them and notes (a ``.py`` settings file that was not run).

    Raises
    ------
    InputError
        For a file that is not a JSON object, is too large, or locks unknown names: the
        message names the file, so an administrator sees at once what to fix.
    """
    found: list[ConfigFile] = []
    notes: list[str] = []
    for folder in reversed([Path(f) for f in folders]):
        python = folder / PY_CONFIG_NAME
        if python.is_file():
            others = _writable_by_others(python)
            if others:
                notes.append(
                    f"{python} is not run: {others} can be changed by other users, and its "
                    "code would run in your kernel (make it writable by its owner only)"
                )
            else:
                found.append(_run(python))
        path = folder / CONFIG_NAME
        if path.is_file():
            found.append(_read(path))
    return found, notes


def _read(path: Path) -> ConfigFile:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise InputError(f"{path}: the settings file is over {MAX_CONFIG_BYTES // 1024} KiB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the settings file ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: not valid JSON (lists or objects nested too deep)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:  # a number of 5,000 digits: too long for int()
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the settings file must hold one JSON object {{...}}")
    return _config(path, data)


def _config(path: Path, data: dict[str, Any]) -> ConfigFile:
    locked = data.pop("locked", [])
    try:
        names = read_names(locked)
    except ValueError as exc:
        raise InputError(f"{path}: 'locked' {exc}") from None
    return ConfigFile(path, data, names)


def _run(path: Path) -> ConfigFile:
    """Run a Python settings file as Jupyter runs its own, and take ``c.ImageChat``."""
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise InputError(f"{path}: the settings file is over {MAX_CONFIG_BYTES // 1024} KiB")
        config = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    except InputError:
        raise
    except ConfigFileNotFound:
        return ConfigFile(path, {}, ())
    except Exception as exc:  # any error of the administrator's code, named with the file
        raise InputError(
            f"{path}: the settings file failed ({type(exc).__name__}: {exc})"
        ) from None
    section = config.get(SECTION, {})
    data = {str(k): _plain(v) for k, v in section.items()} if hasattr(section, "items") else {}
    return _config(path, data)


def _plain(value: Any) -> Any:
    """A value from a Python file as JSON would give it (tuples as lists)."""
    return list(value) if isinstance(value, tuple) else value


def _writable_by_others(path: Path) -> str | None:
    """What of ``path`` (the file, its folder) someone other than its owner, or an owner
    other than root and this user, could change; None when nothing (or not POSIX)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None
    for what, place in (("the file", path), ("its folder", path.parent)):
        try:
            info = place.stat()
        except OSError:
            return what
        if info.st_uid not in (0, getuid()) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return what
    return None
