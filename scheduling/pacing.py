"""Slack's per-workspace budgets (posts, DM opens, profile look-ups) that keep what the bot sends under
Slack's limits instead of provoking 429s.

chat.postMessage allows about one message per second per channel and several hundred per minute per
workspace; every pulse goes to its own DM channel, so the workspace-wide budget is what matters. A budget
is a token bucket per workspace: in this process on SQLite (`LocalBudget`), in a `rate_budget` row that all
replicas take from on PostgreSQL (`SharedBudget`); `budget()` picks. Scheduled sends `take()` (wait), posts
on a person's path `spend()` (no wait; the waiters yield to them). `SharedTries`: Tier 1's one history
look-up a minute, shared too.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from storage import budgets
from storage.db import Database

DEFAULT_RATE_PER_MINUTE = 300
DEFAULT_LOOKUPS_PER_MINUTE = 90
"""users.info (Tier 4: 100+ a minute); the rest is left to the listeners' own look-ups."""
_EPSILON = 1e-9


@runtime_checkable
class Budget(Protocol):
    """One Slack limit per workspace, e.g. chat.postMessage's.

    `take(workspace_id)` blocks until a token of that workspace's budget is due; `busy()` says whether
    a caller of this process is waiting for one now (a send loop then claims no more work)."""

    def take(self, workspace_id: str) -> None: ...

    def spend(self, workspace_id: str) -> None:
        """Take a token without waiting for it: the bucket may go into debt, which the next `take()`
        callers wait out (a post on a person's path, a retry: Slack counts them all)."""

    def busy(self) -> bool: ...


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
        self._spent = 0
        """Tokens spent without waiting: each pushes every waiter back by one token's time."""
        self._lock = threading.Lock()
        self._waiters = _Waiters()

    def take(self, workspace_id: str = "") -> None:
        """(The workspace is not looked at: one bucket for all, as a Budget of one workspace.)"""
        with self._lock:
            now = self._monotonic()
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= 1
            wait = -self._tokens / self.rate if self._tokens < -_EPSILON else 0.0  # (no sleep for float dust)
            seen = self._spent
        while wait > 0:
            self._waiters.sleep(wait, self._sleep)
            with self._lock:  # a person's post meanwhile went before us: wait for it too
                wait, seen = (self._spent - seen) / self.rate, self._spent

    def spend(self, workspace_id: str = "") -> None:
        with self._lock:
            now = self._monotonic()
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate) - 1
            self._last = now
            self._spent += 1

    def busy(self) -> bool:
        return self._waiters.count > 0

    def __call__(self) -> None:
        self.take()


class _Waiters:
    """How many callers of one budget are sleeping for a token now (its `busy()`)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def sleep(self, seconds: float, sleep: Callable[[float], None]) -> None:
        with self._lock:
            self.count += 1
        try:
            sleep(seconds)
        finally:
            with self._lock:
                self.count -= 1


class LocalBudget:
    """A budget per workspace kept in this process: one TokenBucket each (SQLite: one process sends)."""

    def __init__(self, rate_per_minute: float, burst: int = 10) -> None:
        self.rate_per_minute = rate_per_minute
        self.burst = burst
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def take(self, workspace_id: str) -> None:
        self._bucket(workspace_id).take()

    def spend(self, workspace_id: str) -> None:
        self._bucket(workspace_id).spend()

    def _bucket(self, workspace_id: str) -> TokenBucket:
        with self._lock:
            bucket = self._buckets.get(workspace_id)
            if bucket is None:
                bucket = self._buckets[workspace_id] = TokenBucket(self.rate_per_minute, self.burst)
            return bucket

    def busy(self) -> bool:
        with self._lock:
            buckets = list(self._buckets.values())
        return any(b.busy() for b in buckets)


class SharedBudget:
    """A budget per workspace kept by all replicas together, in its `rate_budget` row (PostgreSQL):
    each take is one atomic statement (storage/budgets.py), then the wait for the token outside any
    transaction. Every replica must be started with the same rate, or the row follows whichever took
    last. When the database cannot be reached the send cannot happen either: the error is raised."""

    def __init__(
        self,
        db: Database,
        name: str,
        rate_per_minute: float,
        burst: int = 10,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        self.db = db
        self.name = name
        self.rate = rate_per_minute / 60.0
        self.capacity = float(max(1, burst))
        self._sleep = sleep
        self._waiters = _Waiters()

    def take(self, workspace_id: str) -> None:
        with self.db.session() as s:
            wait, seen = budgets.take(s, workspace_id, self.name, self.rate, self.capacity)
        while wait > _EPSILON:
            self._waiters.sleep(wait, self._sleep)
            with self.db.session() as s:  # people's posts meanwhile, on any replica, went before us
                now_spent = budgets.spent(s, workspace_id, self.name)
            wait, seen = (now_spent - seen) / self.rate, now_spent

    def spend(self, workspace_id: str) -> None:
        with self.db.session() as s:
            budgets.take(s, workspace_id, self.name, self.rate, self.capacity, spend=True)

    def busy(self) -> bool:
        return self._waiters.count > 0


def budget(db: Database, name: str, rate_per_minute: float, burst: int = 10) -> Budget:
    """The budget `name` of every workspace: shared by the replicas on PostgreSQL, in memory on SQLite
    (where one process sends; a second one is refused)."""
    if db.is_sqlite:
        return LocalBudget(rate_per_minute, burst)
    return SharedBudget(db, name, rate_per_minute, burst)


class SharedTries:
    """One try per `interval` seconds per key and Slack method, kept by every replica together (PostgreSQL,
    a `rate_budget` row each): the pace of the look-ups Slack allows once a minute under Tier 1
    (bot/recovery.py). A try that finds no token is refused at once and leaves no debt."""

    def __init__(self, db: Database, interval: float = 60.0) -> None:
        self.db = db
        self.rate = 1.0 / interval

    def __call__(self, key: str, method: str) -> bool:
        name = "look:" + method.rsplit(".", 1)[-1]  # look:history, look:replies (the column holds 16)
        with self.db.session() as s:
            return budgets.try_take(s, key, name[:16], self.rate, 1.0)


class Unkeyed:
    """A plain callable (a test's pace) as a Budget: called once per token, whatever the workspace."""

    def __init__(self, pace: Callable[[], None]) -> None:
        self.pace = pace

    def take(self, workspace_id: str) -> None:
        self.pace()

    def spend(self, workspace_id: str) -> None:
        """(A test's pace counts what waits; nothing to spend.)"""

    def busy(self) -> bool:
        return False


def as_budget(pace: Budget | Callable[[], None]) -> Budget:
    return pace if isinstance(pace, Budget) else Unkeyed(pace)


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


@dataclass(slots=True)
class _Prepaid:
    workspace_id: str
    credits: int


_PREPAID: ContextVar[_Prepaid | None] = ContextVar("balansebrett_prepaid_posts", default=None)


@contextmanager
def prepaid(workspace_id: str, posts: int = 1) -> Iterator[None]:
    """A scheduled send that has taken its token (`take()`, waiting): its first `posts` chat.postMessage
    calls in this context are not charged again; any further one (a retry after a 429, a second post) is."""
    reset = _PREPAID.set(_Prepaid(workspace_id, posts))
    try:
        yield
    finally:
        _PREPAID.reset(reset)


def charge_post(posts: Budget, workspace_id: str | None) -> None:
    """Count one chat.postMessage attempt against its workspace's posts budget (the WebClient's hook,
    bot/post_meter.py): free when prepaid, else spent without waiting, so a person's next question never
    waits behind the scheduled fan-out; the scheduled sends yield to it instead. An attempt whose workspace
    is not known (a job's post outside a prepaid send) is not counted."""
    paid = _PREPAID.get()
    if paid is not None and paid.credits > 0:
        paid.credits -= 1
        return
    workspace = workspace_id or (paid.workspace_id if paid is not None else None)
    if workspace:
        posts.spend(workspace)
