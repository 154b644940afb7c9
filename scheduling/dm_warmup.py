"""Open team members' DM channels ahead of their first scheduled message ("cache what you need").

A pulse goes to the member's DM channel, whose id Slack gives only through conversations.open (Tier 3:
about 50 calls a minute). Opened at send time, the first pulse of a new team of 5,000 would crawl at
Tier 3's pace, a third of the chat.postMessage budget. So the channels are opened in the background,
paced under Tier 3, when members join a team (team setup or edit) and by a periodic top-up, and cached
on the member row (`member.dm_channel_id`); by the first pulse they are known. A member not yet cached
when the pulse comes is still opened by the sender at send time, under the same pace.

The database is the truth: who still needs a channel is read from it at every step, so a run that is
interrupted (a restart, a lost lease) simply continues with whoever is left, and running twice is
harmless. Members already cached, deactivated, bots, or marked unreachable are skipped; one Slack says
cannot get a DM from us is marked exactly as the pulse sender marks them (`recipients.mark_dm_unavailable`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from scheduling.pacing import Budget, TokenBucket, as_budget
from storage import dm_warmup, recipients
from storage.db import Database
from storage.dm_warmup import DmTarget
from survey_flows.survey import Clock

log = logging.getLogger(__name__)

DEFAULT_OPENS_PER_MINUTE = 45
"""conversations.open is Tier 3 (50+ a minute); the rest is left for people starting a survey by hand."""
BATCH = 50
WORKERS = 2
"""conversations.open calls in flight: one waiting out a Retry-After (1-2 s) must not leave the budget idle."""
MAX_FAILURES_IN_A_ROW = 3
"""Passing failures in a row (after the WebClient's own retries) that end a run: a workspace-wide problem
(a missing scope, Slack down) must not spend the Tier 3 budget on every member; the next run tries again."""


class OpenResult(StrEnum):
    OPENED = "opened"
    UNREACHABLE = "unreachable"
    """Slack says this person cannot get a DM from us (deactivated, not found, …): mark, never retry."""
    FAILED = "failed"


class DmOpener(Protocol):
    def open_dm(self, workspace_id: str, user_id: str) -> tuple[OpenResult, str | None]:
        """Open (or find) the bot's DM with the user: the result and, when opened, the channel id."""
        ...


@dataclass(slots=True)
class WarmupReport:
    opened: int = 0
    unreachable: int = 0
    failed: int = 0
    stopped: bool = False
    """Ended early: too many failures in a row, or this process is no longer the leader."""


def dm_open_pace(rate_per_minute: float = DEFAULT_OPENS_PER_MINUTE) -> TokenBucket:
    """The conversations.open budget the warm-up and the pulse sender's fallback share."""
    return TokenBucket(rate_per_minute, burst=5)


class DmWarmup:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        opener: DmOpener,
        *,
        pace: Budget | Callable[[], None] | None = None,
        batch: int = BATCH,
        workers: int = WORKERS,
    ) -> None:
        self.db = db
        self.clock = clock
        self.opener = opener
        self.pace = as_budget(pace) if pace is not None else dm_open_pace()
        """The workspace's conversations.open budget, a token before every call (shared with the sender's
        fallback, and on PostgreSQL with every replica)."""
        self.batch = batch
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def run(self, keep_going: Callable[[], bool] = lambda: True) -> WarmupReport:
        """Open the DM channel of every member who needs one, oldest first, until none is left or
        `keep_going()` says stop (the scheduler passes "still the leader"). A run asked for while one is
        going makes that one look again before it ends, so members added meanwhile are not left out."""
        with self._lock:
            if self._running:
                self._again = True
                return WarmupReport()
            self._running = True
        report = WarmupReport()
        try:
            while True:
                with self._lock:
                    self._again = False
                self._drain(keep_going, report)
                with self._lock:
                    if report.stopped or not self._again:
                        self._running = False
                        break
        except BaseException:
            with self._lock:
                self._running = False
            raise
        if report.opened or report.unreachable or report.failed:
            log.info(
                "DM warm-up: %d opened, %d unreachable, %d failed%s",
                report.opened,
                report.unreachable,
                report.failed,
                " (stopped early)" if report.stopped else "",
            )
        return report

    def _drain(self, keep_going: Callable[[], bool], report: WarmupReport) -> None:
        failed: set[int] = set()  # tried in this run; the next run tries them again
        in_a_row = 0
        stop = threading.Event()

        def one(target: DmTarget) -> OpenResult | None:
            if stop.is_set() or not keep_going():
                stop.set()
                return None
            return self._open(target)

        while keep_going():
            with self.db.session() as s:
                found = dm_warmup.members_without_dm(s, limit=self.batch + len(failed))
            todo = [target for target in found if target.member_id not in failed][: self.batch]
            if not todo:
                return
            with ThreadPoolExecutor(min(self.workers, len(todo)), thread_name_prefix="dm-warmup") as pool:
                # one worker: in this thread, one member after the other (a stop takes effect at once)
                results = pool.map(one, todo) if self.workers > 1 else map(one, todo)
                for target, result in zip(todo, results, strict=True):
                    if result is None:
                        continue  # cached meanwhile, or stopping
                    if result is OpenResult.FAILED:
                        failed.add(target.member_id)
                        report.failed += 1
                        in_a_row += 1
                        if in_a_row >= MAX_FAILURES_IN_A_ROW and not stop.is_set():
                            log.warning(
                                "DM warm-up: %d failures in a row; stopped until the next run", in_a_row
                            )
                            stop.set()
                        continue
                    in_a_row = 0
                    if result is OpenResult.OPENED:
                        report.opened += 1
                    else:
                        report.unreachable += 1
            if stop.is_set():
                report.stopped = True
                return
        report.stopped = True

    def _open(self, target: DmTarget) -> OpenResult | None:
        """One member: None when someone else cached (or marked) them meanwhile."""
        if not self._still_needed(target):
            return None
        self.pace.take(target.workspace_id)
        if not self._still_needed(target):  # (the wait for a token may have been long)
            return None
        try:
            result, channel_id = self.opener.open_dm(target.workspace_id, target.user_id)
        except Exception:
            log.exception("DM warm-up: opening a member's DM failed")
            return OpenResult.FAILED
        if result is OpenResult.OPENED and channel_id:
            with self.db.session() as s:
                dm_warmup.save_dm_channel(s, target.member_id, channel_id)
        elif result is OpenResult.UNREACHABLE:
            with self.db.session() as s:
                recipients.mark_dm_unavailable(s, target.member_id, self.clock())
            log.info("member %s cannot be sent a DM; marked until their profile changes", target.member_id)
        elif result is OpenResult.OPENED:
            return OpenResult.FAILED  # (an answer without a channel)
        return result

    def _still_needed(self, target: DmTarget) -> bool:
        with self.db.session() as s:
            return dm_warmup.still_needs_dm(s, target.member_id)
