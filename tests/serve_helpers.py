"""Engines for the served application's tests: the built-in engine, slowed down.

``SlowEngine`` waits before drawing (checking Stop) so tests can fill a model's queue and
stop the server while a request is in flight. Ray pickles it by value
(``register_pickle_by_value``), so its replicas need not import this module.
"""

from __future__ import annotations

import time
from typing import Any

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.errors import Cancelled


class SlowEngine:
    """The built-in engine after ``seconds`` of waiting."""

    name = "slow"
    model = None

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._builtin = BuiltinEngine()

    def draw(self, scene: Any, *, should_stop: Any = None, **rest: Any) -> Any:
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            if should_stop is not None and should_stop():
                raise Cancelled("stopped")
            time.sleep(0.02)
        return self._builtin.draw(scene, should_stop=should_stop, **rest)


def make_slow_engine() -> SlowEngine:
    return SlowEngine(1.0)
