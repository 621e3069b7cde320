"""The widget: the kernel side of the chat pane, canvas, plan editor and history strip.

:class:`ImageChat` (:mod:`.chat`) holds the synced traits and the Python API; it owns a
:class:`~.display.Display`, a :class:`~.runner.Runner`, a :class:`~.strip.HistoryStrip` and
:class:`~.requests.Requests` (the browser's messages, checked by :mod:`.protocol`).
Nothing but the entry points imports this package.
"""

from .chat import ImageChat

__all__ = ["ImageChat"]
