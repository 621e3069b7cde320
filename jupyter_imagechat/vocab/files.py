"""Read the package's data files: word lists and tables shipped as JSON beside the code.

Each folder that owns tables keeps them in a ``data/`` subfolder (``vocab/data/``,
``planner/data/``, ``engines/builtin/data/``); its modules read them once, at import, with
:func:`read_json`, and expose them as plain Python values. ``docs/coverage.md`` ("Where the
data lives") lists the files; ``tests/test_vocab_data.py`` validates them.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any


def data_path(anchor: str, name: str) -> str:
    """Return the path of data file ``name`` in the ``data/`` folder beside ``anchor``
    (a module's ``__file__``)."""
    return os.path.join(os.path.dirname(os.path.abspath(anchor)), "data", name)


@cache
def _read(path: str) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_json(anchor: str, name: str) -> Any:
    """Return the parsed JSON data file ``name`` beside ``anchor`` (see :func:`data_path`).

    Each file is read and parsed once per process; later calls return the same object,
    so callers copy what they change. A path next to ``__file__`` (rather than
    ``importlib.resources``) keeps ``import jupyter_imagechat.planner`` light; the wheel
    ships the package folder as it is, data files included.
    """
    return _read(data_path(anchor, name))
