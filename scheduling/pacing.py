"""A token bucket that keeps the fan-out of scheduled messages under a per-minute budget.

chat.postMessage allows about one message per second per channel and several hundred per minute per
workspace; every pulse goes to its own DM channel, so the workspace-wide budget is what matters. The
WebClient's retry handlers still wait out any 429 Slack answers; this keeps us from provoking them.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

DEFAULT_RATE_PER_MINUTE = 300
_EPSILON = 1e-9


class TokenBucket:
    """`take()` blocks until a token is free. Thread-safe: jobs of several teams share one bucket.

    Each caller reserves its token under the lock (the bucket may go into debt) and then sleeps outside it
    until the token is due, so callers are served in the order they came, none can be overtaken for long
    (the dispatcher's claims must not age while they wait), and waiting holds no lock."""

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
        with self._lock:
            now = self._monotonic()
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= 1
            wait = -self._tokens / self.rate if self._tokens < -_EPSILON else 0.0  # (no sleep for float dust)
        if wait > 0:
            self._sleep(wait)

    __call__ = take


SEND_WORKERS = 8
SEND_SECONDS = 0.4
"""Deliveries in flight at once, over all jobs of one dispatcher: at least SEND_WORKERS, and enough for the
budget when a send takes SEND_SECONDS on average (the database's writes, Slack's answer, and 1-2 s of
Retry-After for the 6 % of calls the benchmark refuses). One is not enough at scale: a send waiting out
Slack holds its worker while the budget's tokens go unused. At 300 messages a minute eight leave room for
stalls; at 3,000 (the benchmark's ×10) a pulse of one post per seller needs 20. The token bucket still
sets the pace."""


def workers_for(rate_per_minute: float) -> int:
    return max(SEND_WORKERS, math.ceil(rate_per_minute / 60 * SEND_SECONDS))
