"""Every replica's share of the sending: claim planned deliveries, send them, take over a dead replica's.

The leader plans each fan-out as `due` ledger rows (scheduling/fan_out.py); every replica, the leader
included, runs this loop:

- **Heartbeat.** Its `replica` row is beaten every BEAT (5 s) on a thread of its own, so a busy send never
  delays it. A replica whose beat is older than TTL (15 s) is gone.
- **Claim.** Each of `workers` threads (the dispatcher's, by default) takes one of the dispatcher's send
  slots, claims one due row (`ledger.claim_due`: FOR UPDATE SKIP LOCKED on PostgreSQL, so replicas never
  wait for each other's claims; on SQLite the one process claims the same way without it), sends it
  through the dispatcher's own path (`Dispatcher.send_claimed`, under the workspace's posts budget),
  finishes the row and gives the slot back. The leader's own planning run draws on the same slots, so no
  replica has more sends in flight than any other: the fan-out is shared evenly, and a replica's database
  connections stay bounded. A thread whose budget is busy claims nothing more until it is not: claims
  wait in the ledger, where another replica with budget to spare can take them.
- **Take over.** Every TAKEOVER_CHECK (5 s) the claims of gone replicas are taken over, each with the
  resume's conditional update (`ledger.take_over_claim`), so one replica resends it, as `Claim.RETAKEN`:
  the survey flow and bot/recovery.py look for a message that reached Slack before they post it again.
  A replica killed mid-send is therefore taken over within TTL + TAKEOVER_CHECK (20 s), plus the
  survey flow's own IN_FLIGHT hold on the intro that was being posted (it is tried again after it).

Failed sends keep their claim, for the leader's resume job, as before.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

from scheduling import fan_out
from scheduling.dispatch_types import Report
from scheduling.ports import Claim
from storage import ledger, replicas
from survey_flows.survey import STALE_CLAIM as IN_FLIGHT

if TYPE_CHECKING:
    from scheduling.dispatch import Dispatcher

log = logging.getLogger(__name__)

BEAT = timedelta(seconds=5)
TTL = timedelta(seconds=15)
TAKEOVER_CHECK = timedelta(seconds=5)
POLL_SECONDS = 0.5
"""How often an idle replica looks for due rows: a fan-out planned on another replica starts here within it."""
IDLE_WAIT = 5.0
"""The longest an idle worker sleeps without being woken (a wake-up it missed costs at most this)."""
FORGET_AFTER = timedelta(days=1)
"""A gone replica's row is deleted this long after its last beat, once it holds no claim."""


class SendLoop:
    def __init__(
        self,
        dispatcher: Dispatcher,
        replica_id: str,
        *,
        workers: int | None = None,
        poll_seconds: float = POLL_SECONDS,
        beat: timedelta = BEAT,
        ttl: timedelta = TTL,
        takeover_check: timedelta = TAKEOVER_CHECK,
    ) -> None:
        self.dispatcher = dispatcher
        self.replica_id = replica_id
        self.workers = max(1, workers if workers is not None else dispatcher.workers)
        self.poll_seconds = poll_seconds
        self.beat_every = beat
        self.ttl = ttl
        self.takeover_check = takeover_check
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._looking = threading.Lock()
        """Held by the one idle worker that looks for due rows; the other idle workers sleep until woken."""
        self._wake = threading.Condition()
        self._wakes = 0

    # -- one step each (the threads repeat them; tests call them directly) ---------------------------------

    def beat(self) -> None:
        with self.dispatcher.db.session() as s:
            replicas.beat(s, self.replica_id, self.dispatcher.clock())

    def send_one(self) -> Report | None:
        """Claim one due delivery and send it; None when there was none."""
        d = self.dispatcher
        with d.db.session() as s:
            claimed = ledger.claim_due(s, d.clock(), self.replica_id, fan_out.KINDS, limit=1)
        if not claimed:
            return None
        report = Report()
        for workspace_id, kind, target, period, planned in claimed:
            report.merge(fan_out.settle(d, workspace_id, kind, target, period, planned, Claim.NEW))
        return report

    def drain(self) -> Report:
        """Send due deliveries until none is left (one thread)."""
        report = Report()
        while (part := self.send_one()) is not None:
            report.merge(part)
        return report

    def take_over(self) -> Report:
        """Take over the open claims of replicas whose heartbeat is gone, and send them (Claim.RETAKEN)."""
        d, report = self.dispatcher, Report()
        now = d.clock()
        with d.db.session() as s:
            replicas.forget(s, now - FORGET_AFTER)
            gone = [r for r in replicas.gone(s, now - self.ttl) if r != self.replica_id]
            found = ledger.claims_of(s, gone, fan_out.KINDS)
        again: list[tuple[str, str, str, str]] = []
        for delivery_id, workspace_id, kind, target, period, claimed_at in found:
            with d.db.session() as s:
                if not ledger.take_over_claim(
                    s, delivery_id, now - d.stale_after, d.clock(), by=self.replica_id, ended=gone
                ):
                    continue  # another replica took it over
            log.info("taking over %s for member %s (%s) from a replica that is gone", kind, target, period)
            done = fan_out.settle(d, workspace_id, kind, target, period, claimed_at, Claim.RETAKEN)
            if done.failed:
                again.append((workspace_id, kind, target, period))
            else:
                report.merge(done)
        if again and not self._stop.is_set():
            # The dead replica's intro claims are held by the survey flow for IN_FLIGHT in case a post is on
            # its way; nothing of a dead replica is: once that has passed, once more (then the resume job's).
            self._stop.wait(IN_FLIGHT.total_seconds() + 1)
            for workspace_id, kind, target, period in again:
                report.merge(fan_out.settle(d, workspace_id, kind, target, period, d.clock(), Claim.RETAKEN))
        return report

    # -- the threads -------------------------------------------------------------------------------------

    def start(self) -> None:
        self._stop.clear()
        self._spawn("replica-beat", self._beating)
        self._spawn("send-takeover", self._taking_over)
        for n in range(self.workers):
            self._spawn(f"send-loop-{n}", self._sending)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming, let the sends in flight finish (bounded), and say this replica is gone, so its
        claims left (if any) are taken over at once instead of after the TTL."""
        self._stop.set()
        self._wake_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        try:
            with self.dispatcher.db.session() as s:
                replicas.stop(s, self.replica_id)
        except Exception:
            log.exception(
                "could not mark replica %s as stopped; it is taken for gone after %s",
                self.replica_id,
                self.ttl,
            )

    def _spawn(self, name: str, target: object) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def _repeat(self, what: str, step: object, every: float) -> None:
        while not self._stop.is_set():
            try:
                step()  # type: ignore[operator]
            except Exception:
                log.exception("send loop: %s failed; trying again", what)
            self._stop.wait(every)

    def _beating(self) -> None:
        self._repeat("heartbeat", self.beat, self.beat_every.total_seconds())

    def _taking_over(self) -> None:
        self._repeat("take-over", self.take_over, self.takeover_check.total_seconds())

    def _idle(self) -> None:
        """Nothing due: one idle worker looks again every poll_seconds, the others sleep until it (or any
        worker) finds work. Every worker polling would cost the database a query per worker and poll
        (with 20 workers on each of 4 replicas, 160 a second doing nothing while people answer)."""
        if self._looking.acquire(blocking=False):
            try:
                self._stop.wait(self.poll_seconds)
            finally:
                self._looking.release()
            return
        with self._wake:
            seen = self._wakes
            self._wake.wait_for(lambda: self._wakes != seen or self._stop.is_set(), timeout=IDLE_WAIT)

    def _wake_all(self) -> None:
        with self._wake:
            self._wakes += 1
            self._wake.notify_all()

    def _sending(self) -> None:
        while not self._stop.is_set():
            try:
                slots = self.dispatcher.slots
                if self.dispatcher.pace.busy():
                    self._stop.wait(self.poll_seconds / 5)  # no claims to hold while waiting for budget
                    continue
                if not slots.acquire(timeout=self.poll_seconds):
                    continue  # this replica's sends are all in flight (its own run's, perhaps)
                try:
                    sent = self.send_one()
                finally:
                    slots.release()
                if sent is None:
                    self._idle()
                else:
                    self._wake_all()  # there was work, so there may be more: every worker to it
            except Exception:
                log.exception("send loop: a send failed; its claim stays for the resume job")
                self._stop.wait(self.poll_seconds)
