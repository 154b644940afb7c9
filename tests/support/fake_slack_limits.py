"""Slack's per-workspace rate limits, for the fake: beyond `per_second` calls of a method in one second of
the workspace (the token's), the call is answered 429 with Retry-After and nothing is done, as Slack does."""

from __future__ import annotations

import threading
from collections import Counter


class PerSecondLimits:
    def __init__(self, limits: dict[str, int], retry_after: int = 1) -> None:
        self.limits = limits
        self.retry_after = retry_after
        self.accepted: Counter[tuple[str | None, str, int]] = Counter()
        """(token, method, second) -> calls let through: the per-workspace per-second counts."""
        self.refused = 0
        self._lock = threading.Lock()

    def refuses(self, method: str, token: str | None, now: float) -> bool:
        limit = self.limits.get(method)
        if limit is None:
            return False
        key = (token, method, int(now))
        with self._lock:
            if self.accepted[key] >= limit:
                self.refused += 1
                return True
            self.accepted[key] += 1
            return False

    def most_in_a_second(self, method: str) -> int:
        with self._lock:
            return max((n for (_, m, _s), n in self.accepted.items() if m == method), default=0)
