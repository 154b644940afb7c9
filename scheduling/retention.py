"""Retention: answers (and what only they justified) are not kept for ever.

Run once a day by the leader's scheduler (`scheduling/scheduler.py`, job `retention`). With a retention of N
months (`RETENTION_MONTHS`, default 24) it deletes, in every workspace:

- answers given more than N months ago, then runs started more than N months ago that have no answer
  left, with their question claims;
- delivery ledger rows finished (sent, skipped, failed) more than N months ago; open claims are kept;
- coaching requests made more than N months ago whose follow-up (if any) was also due by then;
- keys of handled Slack deliveries (`inbound_event`) older than a few days: Slack retries within the
  hour, so a week is plenty;
- everything of a workspace the app was uninstalled from at least `UNINSTALL_GRACE_DAYS` days ago (default
  30) and not installed again since: every row of every table with a `workspace_id`, children before
  parents, then the workspace row (storage/workspace_purge.py).

Each batch is its own short transaction (bounded memory and lock time); a failure leaves the batches
already done deleted and the next day's run continues. Published summary snapshots are kept (anonymous
team aggregates; see docs/PRIVACY.md).
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table
from sqlmodel import Session

from storage import privacy as store
from storage import workspace_purge as purge
from storage.db import Database
from survey_flows.survey import Clock

log = logging.getLogger(__name__)

DEFAULT_MONTHS = 24
DEFAULT_GRACE_DAYS = 30
INBOUND_EVENT_DAYS = 7
BATCH = 500


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall time `months` calendar months earlier (the 31st becomes the month's last day)."""
    index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True, slots=True)
class RetentionReport:
    cutoff: datetime
    answers: int = 0
    runs: int = 0
    deliveries: int = 0
    coaching_requests: int = 0
    inbound_events: int = 0
    notices: int = 0
    workspaces: int = 0
    """Workspaces deleted whole, their uninstall's grace period over."""


class Retention:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        months: int = DEFAULT_MONTHS,
        *,
        inbound_event_days: int = INBOUND_EVENT_DAYS,
        batch: int = BATCH,
        grace_days: int = DEFAULT_GRACE_DAYS,
    ) -> None:
        if months < 1:
            raise ValueError("retention must be at least one month")
        if grace_days < 0:
            raise ValueError("the grace period after an uninstall cannot be negative")
        self.grace_days = grace_days
        self.db = db
        self.clock = clock
        self.months = months
        self.inbound_event_days = inbound_event_days
        self.batch = batch

    def cutoff(self, now: datetime | None = None) -> datetime:
        return months_before(now or self.clock(), self.months)

    def run(self) -> RetentionReport:
        now = self.clock()
        cutoff = self.cutoff(now)
        report = RetentionReport(
            cutoff=cutoff,
            answers=self._drain(store.delete_answers_before, cutoff),
            runs=self._drain(store.delete_empty_runs_before, cutoff),
            deliveries=self._drain(store.delete_finished_deliveries_before, cutoff),
            coaching_requests=self._drain(store.delete_coaching_requests_before, cutoff),
            notices=self._drain(store.delete_finished_notices_before, cutoff),
            inbound_events=self._drain(
                store.delete_inbound_events_before, now - timedelta(days=self.inbound_event_days)
            ),
            workspaces=self.purge_uninstalled(now),
        )
        log.info(
            "retention: deleted %s answers, %s runs, %s deliveries, %s coaching requests, %s notices, "
            "%s event keys, %s uninstalled workspaces",
            report.answers,
            report.runs,
            report.deliveries,
            report.coaching_requests,
            report.notices,
            report.inbound_events,
            report.workspaces,
        )
        return report

    def purge_uninstalled(self, now: datetime) -> int:
        """Delete every workspace uninstalled at least `grace_days` ago, all of it; how many went."""
        uninstalled_by = now - timedelta(days=self.grace_days)
        with self.db.session() as s:
            due = purge.due(s, uninstalled_by)
            tables = purge.workspace_tables(s) if due else []
            unscoped = purge.unscoped_tables(s) if due else []
        if unscoped:
            log.error("tables without workspace_id keep rows of deleted workspaces: %s", ", ".join(unscoped))
        deleted = 0
        for workspace_id in due:
            for table in tables:

                def batch(
                    s: Session, by: datetime, limit: int, table: Table = table, ws: str = workspace_id
                ) -> int:
                    return purge.delete_batch(s, table, ws, by, limit)

                self._drain(batch, uninstalled_by)
            with self.db.session() as s:
                gone = purge.delete_workspace_row(s, workspace_id, uninstalled_by)
            if gone:
                deleted += 1
                log.info(
                    "workspace %s deleted: uninstalled more than %s days ago", workspace_id, self.grace_days
                )
        return deleted

    def _drain(self, delete_batch: Callable[[Session, datetime, int], int], before: datetime) -> int:
        """Delete in batches of `self.batch`, one transaction each, until a batch comes back short."""
        total = 0
        while True:
            with self.db.session() as s:
                deleted = delete_batch(s, before, self.batch)
            total += deleted
            if deleted < self.batch:
                return total
