"""The weekly team summary: claim it, freeze the week's figures, post it once, DM the managers.

Publishing is "claim, freeze, then send". In ONE transaction the publisher claims the ledger row
(kind "summary", target the team id, the team-local ISO week), aggregates the week in SQL and freezes
the result as the week's snapshot. The teams due at the same time are aggregated together, in one
statement, by the first of them (`summary_batch.WeekBatches`). Only the process whose claim took
effect goes on to call Slack, so a second dispatcher, a retried job or a restart never posts the
summary twice. Every surface (channel, manager DM, App Home via `latest`) renders the frozen snapshots
only, so a late answer never changes a figure once shown and two shown figures never differ by one
person.

What is frozen: the counts, the settings the week was judged by (minimum, cutoff) and, unless the week
was suppressed, the week's aggregated samples held to that minimum (no cell below it is kept, see
`frozen_weeks`). A suppressed week keeps no figures at all, so it can never enter a later trend, rolling
mean or chart. The minimum is read from the team row in the freeze's own transaction, so a setup that
raises it at the same moment can never leave this week under the old one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from types import MappingProxyType

from sqlmodel import Session

from coaching.pulse import period_of
from coaching.summary import TeamSummary, summarize
from scheduling import leadership
from scheduling.ports import STALE_CLAIM, Claim, Sender, SendResult
from scheduling.summary_batch import WeekBatches
from storage import ledger, recipients, summaries, teams, workspaces
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import stored_id
from survey_flows import calendar
from survey_flows.frozen_weeks import frozen_figures, frozen_week, summary_of
from survey_flows.summary_weeks import (
    ITEM_META,
    PREVIOUS_WEEKS,
    PublishedSummaries,
    reported_period,
    week_figures_of,
)
from survey_flows.views import TeamView

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class PublishStatus(StrEnum):
    PUBLISHED = "published"
    """This call claimed the week and handed the summary to the sender (see `channel` for how it went)."""
    ALREADY_CLAIMED = "already_claimed"
    """Another call (or process) has already published, or is publishing, this week: nothing was sent."""
    NO_PULSE = "no_pulse"
    """No pulse went out for this summary to report on (its week was blocked): skipped and logged."""
    UNINSTALLED = "uninstalled"
    """The app is uninstalled from the team's workspace: nothing was claimed, frozen or sent."""


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    status: PublishStatus
    period: str
    summary: TeamSummary | None = None
    channel: SendResult | None = None
    managers: Mapping[str, SendResult] = field(default_factory=dict)
    """Slack user id -> result, for the manager DMs this call claimed."""


def _unreported_week(team: TeamView, now: datetime) -> str:
    """The week `reported_period` would have reported on, for the ledger's record of the skip."""
    day = calendar.local_date(now, team.tz)
    if (team.pulse_weekday, team.pulse_minute) >= (team.summary_weekday, team.summary_minute):
        day -= timedelta(weeks=1)
    return period_of(day)


def manager_target(team_id: int, member_id: int) -> str:
    """The ledger target of one manager's summary DM: "team:manager" (member ids)."""
    return f"{team_id}:{member_id}"


class SummaryService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: Sender,
        *,
        stale_after: timedelta = STALE_CLAIM,
        claimer: str | None = None,
        ended: Callable[[str], bool] = leadership.ended,
    ) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.stale_after = stale_after
        self.claimer = claimer
        """This process, as its claims name it; a claim of a process known to be gone (`ended`) is taken
        over at once."""
        self.ended = ended
        self.batches = WeekBatches(ITEM_META)
        """The week's figures of every team due at once (one statement per wave, see summary_batch)."""

    # -- publishing ---------------------------------------------------------------------------------------

    def publish(self, team: TeamView, now: datetime) -> PublishOutcome:
        """Post the team's summary of the pulse it reports on (`reported_period`: this week's, or last
        week's for a team whose summary comes before its pulse) at most once, then DM the managers.

        Safe to call again and from several dispatchers at once: only the caller whose ledger claim takes
        effect posts. A claim left unfinished (the process died mid-send, or Slack failed) is taken over
        by a call at least `stale_after` later on the same team-local day and sent from the frozen week.
        """
        period = reported_period(team, now)
        with self.db.session() as s:
            gone = not workspaces.is_installed(s, team.workspace_id)
        if gone:  # a reinstall the same day publishes it then; the job's next run after that does
            return PublishOutcome(PublishStatus.UNINSTALLED, period or _unreported_week(team, now))
        if period is None:
            return self._skip_without_pulse(team, now, _unreported_week(team, now))
        with self.db.session() as s:
            unsent = not summaries.has_pulse_runs(s, team.id, period)
        if unsent:  # e.g. the team was set up after this week's pulse day
            return self._skip_without_pulse(team, now, period)
        with self.db.session() as s:
            claimed = self._acquire(s, team, DeliveryKind.SUMMARY, str(team.id), period, now)
            summary = self._freeze(s, team, period, now) if claimed else self._frozen_summary(s, team, period)
        if summary is None:  # the week was skipped without a snapshot: nothing to show anyone
            return PublishOutcome(PublishStatus.ALREADY_CLAIMED, period)
        channel = None
        if claimed is not None:
            channel = self._send(lambda: self.sender.post_channel_summary(team, summary, claimed))
            self._finish(team, DeliveryKind.SUMMARY, str(team.id), period, channel)
        managers = self._send_managers(team, period, summary, now)
        status = PublishStatus.PUBLISHED if claimed else PublishStatus.ALREADY_CLAIMED
        return PublishOutcome(status, period, summary, channel, managers)

    def _skip_without_pulse(self, team: TeamView, now: datetime, week: str) -> PublishOutcome:
        """No pulse went out for `week`: recorded as skipped once (with a log line), never posted as
        "0 of N"."""
        with self.db.session() as s:
            recorded = ledger.record_skip(
                s, team.workspace_id, DeliveryKind.SUMMARY, str(team.id), week, now, "no pulse to report on"
            )
        if recorded:
            log.warning("no pulse went out for team %s in %s; its weekly summary is skipped", team.id, week)
        return PublishOutcome(PublishStatus.NO_PULSE, week)

    def _acquire(
        self, s: Session, team: TeamView, kind: str, target: str, period: str, now: datetime
    ) -> Claim | None:
        """Claim a delivery, or take over a stale claim of today; an older stale claim is recorded skipped."""
        if ledger.claim(s, team.workspace_id, kind, target, period, now, self.claimer):
            return Claim.NEW
        row = ledger.get(s, team.workspace_id, kind, target, period)
        stale_before = now - self.stale_after
        if row is None or row.status != DeliveryStatus.CLAIMED:
            return None
        ended = [row.claimed_by] if row.claimed_by and self.ended(row.claimed_by) else []
        if row.claimed_at >= stale_before and not ended:
            return None
        if calendar.local_date(row.claimed_at, team.tz) != calendar.local_date(now, team.tz):
            log.warning(
                "weekly summary %s %s for team %s was interrupted on an earlier day; skipped",
                kind,
                period,
                team.id,
            )
            ledger.finish(
                s,
                team.workspace_id,
                kind,
                target,
                period,
                DeliveryStatus.SKIPPED,
                now,
                "missed: interrupted on an earlier day",
            )
            return None
        if not ledger.take_over_claim(s, row.id, stale_before, now, by=self.claimer, ended=ended):  # type: ignore[arg-type]
            return None
        return Claim.RETAKEN

    def _freeze(self, s: Session, team: TeamView, period: str, now: datetime) -> TeamSummary:
        """Aggregate the week in SQL and freeze it, unless it is frozen already (never recomputed).
        The figures come from the wave of teams due with this one (`WeekBatches`)."""
        frozen = self._frozen_summary(s, team, period)
        if frozen is not None:
            return frozen
        minimum = max(team.min_respondents, summaries.team_minimum_for_update(s, team.id) or 0)
        moments = self.batches.week(s, team, period, now, reported_period)
        week = week_figures_of(moments)
        previous = summaries.snapshots(s, team.id, period, PREVIOUS_WEEKS)
        summary = summarize(
            week,
            [frozen_week(snapshot) for snapshot in previous],
            min_respondents=minimum,
            cutoff=team.cutoff,
        )
        figures = frozen_figures(week, minimum, team.cutoff, suppressed=summary.suppressed)
        summaries.save_snapshot(
            s,
            team.workspace_id,
            team.id,
            period,
            now,
            respondents=week.respondents,
            eligible=week.eligible,
            suppressed=summary.suppressed,
            figures=figures,
        )
        frozen = self._frozen_summary(s, team, period)
        assert frozen is not None  # noqa: S101 - written just above, in this transaction
        return frozen

    def _frozen_summary(self, s: Session, team: TeamView, period: str) -> TeamSummary | None:
        snapshot = summaries.get_snapshot(s, team.id, period)
        if snapshot is None:
            return None
        previous = summaries.snapshots(s, team.id, period, PREVIOUS_WEEKS)
        return summary_of(snapshot, previous, team.min_respondents)

    def _send_managers(
        self, team: TeamView, period: str, summary: TeamSummary, now: datetime
    ) -> Mapping[str, SendResult]:
        """One DM per active manager, each with its own ledger row ("team:manager")."""
        with self.db.session() as s:
            found = [
                (stored_id(m), m.user_id, recipients.dm_unavailable(m)) for m in teams.managers(s, team.id)
            ]
        sent: dict[str, SendResult] = {}
        for member_id, user_id, unreachable in found:
            target = manager_target(team.id, member_id)
            with self.db.session() as s:
                if unreachable:
                    ledger.record_skip(
                        s, team.workspace_id, DeliveryKind.SUMMARY_DM, target, period, now, "dm unavailable"
                    )
                    continue
                claim = self._acquire(s, team, DeliveryKind.SUMMARY_DM, target, period, now)
                if claim is None:
                    continue
            result = self._send(partial(self.sender.send_manager_summary, team, summary, user_id, claim))
            if result is SendResult.UNREACHABLE:
                with self.db.session() as s:
                    recipients.mark_dm_unavailable(s, member_id, self.clock())
            self._finish(team, DeliveryKind.SUMMARY_DM, target, period, result)
            sent[user_id] = result
        return MappingProxyType(sent)

    @staticmethod
    def _send(call: Callable[[], SendResult]) -> SendResult:
        try:
            return call()
        except Exception:  # a surface bug must not take the other deliveries down with it
            log.exception("sending a weekly summary failed")
            return SendResult.FAILED

    def _finish(self, team: TeamView, kind: str, target: str, period: str, result: SendResult) -> None:
        """Mark the ledger row; a FAILED send keeps its claim so a later call the same day retries it."""
        if result is SendResult.FAILED:
            log.warning(
                "weekly summary %s %s for team %s failed; the claim stays for a retry", kind, period, team.id
            )
            return
        detail = None if result is SendResult.SENT else "unreachable"
        status = DeliveryStatus.SENT if result is SendResult.SENT else DeliveryStatus.SKIPPED
        with self.db.session() as s:
            ledger.finish(s, team.workspace_id, kind, target, period, status, self.clock(), detail)

    # -- reading ------------------------------------------------------------------------------------------

    def latest(self, team_id: int) -> TeamSummary | None:
        """The team's most recent published summary, from frozen snapshots only."""
        return PublishedSummaries(self.db).latest(team_id)
