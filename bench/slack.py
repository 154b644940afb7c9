"""The tests' fake Slack, extended for the benchmarks: Slack-shaped rate limits, random failures, and
a per-channel feed of posted messages (so a simulated seller waits for its next question without
polling the list of all calls).

The limits follow the shape Slack documents, with the numbers configurable:

- chat.postMessage: about 1 message per second per channel (short bursts allowed) plus a workspace
  budget per minute;
- conversations.open: Tier 3 (50+ per minute); users.info: Tier 4 (100+ per minute);
- beyond a limit: HTTP 429 with Retry-After (the seconds until a call would be accepted, at least 1);
- at random, a share of all calls answers 429 (Retry-After: 1), another share 500 without doing anything,
  another does the work and then answers 500 (a post that shows although the bot was told it failed), and
  another does the work and loses the answer (the connection closes before it).

A limit is a token bucket: `rate` calls per second sustained, `burst` at once. Only accepted calls
take a token, as with Slack (a refused call costs nothing).
"""

from __future__ import annotations

import json
import math
import queue
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tests.support.fake_slack import FakeSlack, Params, _Failure
from tests.support.fake_slack_types import LOST


@dataclass(frozen=True, slots=True)
class Limits:
    channel_per_second: float = 1.0
    channel_burst: int = 3
    workspace_per_minute: float = 300
    workspace_burst: int = 20
    tier3_per_minute: float = 50  # conversations.open
    tier4_per_minute: float = 100  # users.info
    tier_burst: int = 10
    random_429: float = 0.05
    random_500: float = 0.01
    random_applied_500: float = 0.005
    """Carried out, then answered 500."""
    random_lost: float = 0.005
    """Carried out, then the connection closes before the answer."""
    speed: float = 1
    """The per-minute limits above are multiplied by this (the workspace budget, Tier 3 and Tier 4 alike,
    so their ratios stay Slack's); the per-channel limit, Retry-After and the failure shares are not."""

    @property
    def budget(self) -> float:
        """chat.postMessage per minute for the workspace, as enforced."""
        return self.workspace_per_minute * self.speed

    @property
    def tier3(self) -> float:
        return self.tier3_per_minute * self.speed

    @property
    def tier4(self) -> float:
        return self.tier4_per_minute * self.speed

    def describe(self) -> str:
        times = f" (Slack's numbers ×{self.speed:g})" if self.speed != 1 else ""
        return (
            f"chat.postMessage {self.channel_per_second:g}/s per channel (burst {self.channel_burst}) and "
            f"{self.budget:g}/min per workspace (burst {self.workspace_burst}); "
            f"conversations.open {self.tier3:g}/min, users.info {self.tier4:g}/min "
            f"(burst {self.tier_burst}){times}; random {self.random_429:.0%} 429, {self.random_500:.0%} 500, "
            f"{self.random_applied_500:.1%} 500 after doing the work, {self.random_lost:.1%} answers lost"
        )


class Bucket:
    def __init__(self, per_second: float, burst: int) -> None:
        self.rate = per_second
        self.capacity = float(max(1, burst))
        self.tokens = self.capacity
        self.last = time.monotonic()

    def peek(self, now: float) -> float:
        """The seconds until a token is free (0: one is free now)."""
        tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def take(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate) - 1
        self.last = now


class BenchSlack(FakeSlack):
    def __init__(self, limits: Limits | None = None, *, seed: int = 5) -> None:
        super().__init__()
        self.bench_limits = limits
        """(Not `limits`: that is FakeSlack's own per-token limits, which the benchmarks leave unset.)"""
        self.refused: Counter[str] = Counter()
        """"429 random", "429 limit <method>", "500 random": how many calls were refused, and why."""
        self._rng = random.Random(seed)
        self._limit_lock = threading.Lock()
        self._buckets: dict[str, Bucket] = {}
        self._feeds: dict[str, queue.SimpleQueue] = {}
        self.dm_tally: dict[str, list[int]] = {}
        """channel -> [top-level messages (a pulse's intro), question messages] that Slack made (shown)."""
        self.made: list[float] = []
        """When chat.postMessage made each message (also those whose answer then failed or was lost)."""
        self.complete = 0
        self.completed_at = 0.0
        """When the latest DM got both its intro and its first question."""
        """Channels with at least one intro and one question (a pulse that arrived)."""
        self.refusals: list[tuple[float, str, str]] = []
        """(time, method, "429 limit <method>" / "429 random" / "500 random") of every refused call."""

    # -- the feed ----------------------------------------------------------------------------------------

    def feed(self, channel: str) -> queue.SimpleQueue:
        """Every message chat.postMessage made in `channel` from now on, as (params, response, when: the
        wall clock as Slack made it, comparable across the machine's processes)."""
        with self._limit_lock:
            return self._feeds.setdefault(channel, queue.SimpleQueue())

    def _carry_out(
        self, method: str, params: Params, token: str | None, basic_auth: bool
    ) -> tuple[int, dict[str, str], bytes]:
        """Every message Slack made is counted and fed, also one whose answer then failed or was lost:
        that is what the seller sees."""
        status, headers, body = super()._carry_out(method, params, token, basic_auth)
        if method == "chat.postMessage" and status == 200:
            answer = json.loads(body)
            if answer.get("ok"):
                self.made.append(time.time())
                channel = str(answer.get("channel"))
                with self._limit_lock:
                    tally = self.dm_tally.setdefault(channel, [0, 0])
                    was_complete = tally[0] > 0 and tally[1] > 0
                    if not params.get("thread_ts"):
                        tally[0] += 1  # an intro
                    if answer_buttons(params) and _position(params) == 1:
                        tally[1] += (
                            1  # the first question, carried by the intro (later ones come as sellers answer)
                        )
                    if not was_complete and tally[0] > 0 and tally[1] > 0:
                        self.complete += 1
                        self.completed_at = time.time()
                    feed = self._feeds.get(channel)
                if feed is not None:
                    feed.put((params, answer, time.time()))
        return status, headers, body

    # -- the limits --------------------------------------------------------------------------------------

    def _answer(
        self, method: str, params: Params, token: str | None, basic_auth: bool, failure: _Failure | None
    ) -> tuple[int, dict[str, str], bytes]:
        if failure is None and self.bench_limits is not None:
            failure = self._refusal(method, params, self.bench_limits)
        return super()._answer(method, params, token, basic_auth, failure)

    def _refusal(self, method: str, params: Params, limits: Limits) -> _Failure | None:
        with self._limit_lock:
            draw = self._rng.random()
            if draw < limits.random_429:
                self._refuse(method, "429 random")
                return _Failure(429, 1, None)
            if draw < limits.random_429 + limits.random_500:
                self._refuse(method, "500 random")
                return _Failure(500, 0, None)
            now = time.monotonic()
            needed = self._buckets_for(method, params, limits)
            wait = max((bucket.peek(now) for bucket in needed), default=0.0)
            if wait > 0:
                self._refuse(method, f"429 limit {method}")
                return _Failure(429, max(1, math.ceil(wait)), None)
            for bucket in needed:
                bucket.take(now)
            # Admitted: Slack does the work, and now and then fails to say so.
            draw -= limits.random_429 + limits.random_500
            if draw < limits.random_applied_500:
                self._refuse(method, "500 after the work")
                return _Failure(500, 0, None, applied=True)
            if draw < limits.random_applied_500 + limits.random_lost:
                self._refuse(method, "answer lost")
                return _Failure(LOST, 0, None, applied=True)
            return None

    def _refuse(self, method: str, reason: str) -> None:
        self.refused[reason] += 1
        self.refusals.append((time.time(), method, reason))

    def _buckets_for(self, method: str, params: Params, limits: Limits) -> list[Bucket]:
        if method == "chat.postMessage":
            channel = f"channel:{params.get('channel', '')}"
            return [
                self._bucket(channel, limits.channel_per_second, limits.channel_burst),
                self._bucket("workspace", limits.budget / 60, limits.workspace_burst),
            ]
        if method == "conversations.open":
            return [self._bucket(method, limits.tier3 / 60, limits.tier_burst)]
        if method == "users.info":
            return [self._bucket(method, limits.tier4 / 60, limits.tier_burst)]
        return []

    def _bucket(self, key: str, per_second: float, burst: int) -> Bucket:
        found = self._buckets.get(key)
        if found is None:
            found = self._buckets[key] = Bucket(per_second, burst)
        return found

    # -- reading what happened ---------------------------------------------------------------------------

    def accepted(self, method: str) -> list[float]:
        """When each accepted call to `method` was answered."""
        return [c.at for c in self.calls if c.method == method and c.status == 200 and c.response.get("ok")]

    def posts(self) -> list[tuple[float, Params, dict[str, Any]]]:
        """Accepted chat.postMessage calls: (time, params, response)."""
        return [
            (c.at, c.params, c.response)
            for c in self.calls
            if c.method == "chat.postMessage" and c.status == 200 and c.response.get("ok")
        ]


def _position(params: Params) -> int | None:
    """The position a question message names in its metadata (bot/recovery.py's markers: a question's
    own, or an intro's that carries the first question)."""
    metadata = params.get("metadata")
    payload = metadata.get("event_payload") if isinstance(metadata, dict) else None
    return payload.get("position", payload.get("first")) if isinstance(payload, dict) else None


def answer_buttons(params: Params) -> list[dict[str, Any]]:
    """The answer buttons of a posted question (none for any other message)."""
    for block in params.get("blocks") or []:
        if isinstance(block, dict) and block.get("block_id") == "answer_buttons":
            return list(block.get("elements") or [])
    return []
