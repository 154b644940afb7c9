"""Slack's Tier 1 for conversations.history and conversations.replies (an app distributed commercially
outside the Marketplace, Slack's 2025 terms): one request a minute per workspace and method, at most 15
messages per request. A second request inside the minute answers 429 with Retry-After 60, as Slack does;
a larger `limit` gets 15."""

from __future__ import annotations

import threading
import time
from typing import Any

HISTORY_METHODS = frozenset({"conversations.history", "conversations.replies"})
LIMIT = 15
RETRY_AFTER = 60


class HistoryTier1:
    def __init__(self) -> None:
        self.enabled = False
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], float] = {}
        self.refused = 0
        """Look-ups answered 429 so far."""

    def reset(self) -> None:
        with self._lock:
            self.enabled, self.refused = False, 0
            self._last.clear()

    def minute_passes(self) -> None:
        """Every workspace may look once more (the minute is over)."""
        with self._lock:
            self._last.clear()

    def refuses(self, workspace: str, method: str) -> bool:
        """Whether this call is over the workspace's request of the minute (counted when it is not)."""
        if not self.enabled or method not in HISTORY_METHODS:
            return False
        with self._lock:
            now, last = time.monotonic(), self._last.get((workspace, method))
            if last is not None and now - last < RETRY_AFTER:
                self.refused += 1
                return True
            self._last[(workspace, method)] = now
            return False

    def capped(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if not self.enabled or method not in HISTORY_METHODS:
            return params
        asked = int(params.get("limit") or LIMIT)
        return {**params, "limit": min(asked, LIMIT)}
