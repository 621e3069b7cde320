"""Per-client rate limits: a token bucket for each client, kept in memory.

A client is the token it presents plus the ``user`` it names (the remote engines send a
pseudonym per student), never an IP address: a whole school may share one. The buckets
live in the gateway replica; with several gateway replicas each keeps its own, so the
limit a client sees is per replica (one gateway replica is the default).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Token buckets: ``per_minute`` requests a minute on average, ``burst`` at once.

    Parameters
    ----------
    per_minute : float
        The refill rate.
    burst : int
        The bucket's size.
    max_clients : int
        Buckets kept; the least recently seen client is forgotten first (it comes back
        with a full bucket).
    clock : callable
        Seconds, monotonic (tests pass their own).
    """

    def __init__(
        self,
        per_minute: float,
        burst: int,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, int(burst))
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """Take one request from ``client``'s bucket; return 0 when allowed, else the
        seconds until it may send again."""
        now = self._clock()
        level, then = self._buckets.pop(client, (float(self.burst), now))
        level = min(float(self.burst), level + (now - then) * self.rate)
        if level >= 1.0:
            self._buckets[client] = (level - 1.0, now)
            wait = 0.0
        else:
            self._buckets[client] = (level, now)
            wait = math.inf if self.rate <= 0 else (1.0 - level) / self.rate
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait
