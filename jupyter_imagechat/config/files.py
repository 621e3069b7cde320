"""Finding and reading ``jupyter_imagechat_config.json`` in the folders ``jupyter --paths``
lists.

The settings file is JSON and only JSON. Jupyter's own ``*_config.py`` files are Python
that the server executes; a settings file that a kernel executed would run any code put in
any of those folders (some of which, such as ``~/.jupyter`` or a conda prefix on many hubs,
every student can write) inside every student's kernel. A ``jupyter_imagechat_config.py``
found beside them is therefore not run: the settings say so in their notes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .fields import read_names

__all__ = ["CONFIG_NAME", "ConfigFile", "config_folders", "read_config_files"]

CONFIG_NAME = "jupyter_imagechat_config.json"
"""The settings file's name, looked for in every folder ``jupyter --paths`` lists."""

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
        path = folder / CONFIG_NAME
        python = path.with_suffix(".py")
        if python.is_file():
            notes.append(
                f"{python} is not read: settings are read from {CONFIG_NAME} only "
                "(a Python settings file would run whatever code is put in it)"
            )
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
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the settings file must hold one JSON object {{...}}")
    locked = data.pop("locked", [])
    try:
        names = read_names(locked)
    except ValueError as exc:
        raise InputError(f"{path}: 'locked' {exc}") from None
    return ConfigFile(path, data, names)
