"""A token bucket that keeps the fan-out of scheduled messages under a per-minute budget.

chat.postMessage allows about one message per second per channel and several hundred per minute per
workspace; every pulse goes to its own DM channel, so the workspace-wide budget is what matters. The
WebClient's retry handlers still wait out any 429 Slack answers; this keeps us from provoking them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

DEFAULT_RATE_PER_MINUTE = 300
_EPSILON = 1e-9


class TokenBucket:
    """`take()` blocks until a token is free. Thread-safe: jobs of several teams share one bucket."""

    def __init__(
        self,
        rate_per_minute: float = DEFAULT_RATE_PER_MINUTE,
        burst: int = 10,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        self.rate = rate_per_minute / 60.0
        self.capacity = float(max(1, burst))
        self._monotonic = monotonic
        self._sleep = sleep
        self._tokens = self.capacity
        self._last = monotonic()
        self._lock = threading.Lock()

    def take(self) -> None:
        with self._lock:  # one waiter at a time keeps the order fair and the budget exact
            while True:
                now = self._monotonic()
                self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= 1 - _EPSILON:  # (float dust must not make a waiter spin)
                    self._tokens = max(0.0, self._tokens - 1)
                    return
                self._sleep((1 - self._tokens) / self.rate)

    __call__ = take
