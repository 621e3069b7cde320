"""The widget's front end: the bundle esbuild writes to ``jupyter_imagechat/static/``.

The widget sends the bundle's text to the browser. Only while developing with
``ANYWIDGET_HMR=1`` does it hand anywidget the files' paths, so that the page reloads when
they change; anywidget then keeps every widget alive to update it, so that is never the
default (a closed chat must be freed).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CSS_FILE", "ESM_FILE", "css", "esm", "require"]

STATIC = Path(__file__).parent.parent / "static"
ESM_FILE = STATIC / "widget.js"
CSS_FILE = STATIC / "widget.css"


def _hot_reload() -> bool:
    return os.environ.get("ANYWIDGET_HMR") == "1"


def esm() -> str | Path:
    """The widget's JavaScript module (``""`` when not built yet)."""
    if _hot_reload() and ESM_FILE.is_file():
        return ESM_FILE
    return ESM_FILE.read_text(encoding="utf-8") if ESM_FILE.is_file() else ""


def css() -> str | Path:
    """The widget's style sheet (``""`` when not built yet)."""
    if _hot_reload() and CSS_FILE.is_file():
        return CSS_FILE
    return CSS_FILE.read_text(encoding="utf-8") if CSS_FILE.is_file() else ""


def require() -> None:
    """Raise a RuntimeError that says how to build the front end when it is missing."""
    if not ESM_FILE.is_file():
        raise RuntimeError(
            f"the widget's front end is not built ({ESM_FILE} is missing): run "
            "`npm install && npm run build` in the source checkout, or install the "
            "package with `pip install .`"
        )
