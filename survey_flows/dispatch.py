"""Who gets a scheduled pulse or reminder, and when; the delivery ledger makes each happen at most once.

The scheduler calls `run_daily(team_id, tz)` on every working day at the team's pulse time in each
zone its sellers live in; the dispatcher decides per member (in the member's own zone) whether today
is the pulse date, the reminder date, or neither.

Every delivery is "claim, send, finish": the ledger row (kind, member, ISO week) is inserted before the
Slack call with ON CONFLICT DO NOTHING, so of two dispatchers racing, only one sends; it is marked
sent afterwards. A claim left behind by a crash is taken over by `resume_unfinished` at the next
start. The one window that cannot be closed: the process dies after Slack accepted the message but
before the ledger says "sent". Then the delivery is made again (at least once, never silently lost).
The Slack sender narrows that window with the survey flow's own records: a pulse whose intro and
first question are already in the DM is not posted again, so a resumed pulse repeats at most the one
message that was in flight.

A delivery missed while the bot was down is made late on the same local day; a later day records it
as skipped (with a log line) instead, and it is never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from storage import ledger, recipients, runs, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Member, Team
from survey_flows import calendar
from survey_flows.delivery import Sender, SendResult, TeamView
from survey_flows.pacing import DEFAULT_RATE_PER_MINUTE, TokenBucket
from survey_flows.survey import Clock, SurveyFlow, items_for
from survey_flows.views import Kind, RunView

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=5)
"""A claim this old that is still not finished belongs to a process that died (or a failed send)."""

SummaryPublisher = Callable[[TeamView, datetime], object]


@dataclass(frozen=True, slots=True)
class Recipient:
    member_id: int
    workspace_id: str
    user_id: str
    tz: str
    unreachable: bool


@dataclass(frozen=True, slots=True)
class TeamPlan:
    """What the scheduler needs for one team: its settings and the zones its sellers live in."""

    team: TeamView
    pulse_zones: tuple[str, ...]


@dataclass(slots=True)
class Report:
    """What a dispatch run did, for logs and tests."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def merge(self, other: Report) -> Report:
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed += other.failed
        return self


class Dispatcher:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: Sender,
        flow: SurveyFlow,
        *,
        rate_per_minute: float = DEFAULT_RATE_PER_MINUTE,
        pace: Callable[[], None] | None = None,
        summary_publisher: SummaryPublisher | None = None,
        stale_after: timedelta = STALE_CLAIM,
    ) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.flow = flow
        self.pace = pace or TokenBucket(rate_per_minute)
        """Called once per message about to be posted (a pulse posts two: intro and first question)."""
        self.summary_publisher = summary_publisher
        self.stale_after = stale_after

    # -- what the scheduler derives its jobs from --------------------------------------------------------

    def plan(self) -> list[TeamPlan]:
        with self.db.session() as s:
            return [TeamPlan(TeamView.of(team), self._zones(s, team)) for team in teams.list_teams(s)]

    @staticmethod
    def _zones(s: Session, team: Team) -> tuple[str, ...]:
        sellers = teams.active_sellers(s, team.id)  # type: ignore[arg-type]
        return tuple(sorted({calendar.effective_tz(m.tz, team.tz) for m in sellers}))

    # -- the scheduled runs ------------------------------------------------------------------------------

    def run_daily(self, team_id: int, tz: str) -> Report:
        """The team's daily job for the sellers in zone `tz`: the pulse on its date, else the reminder."""
        return self.send_pulses(team_id, tz).merge(self.send_reminders(team_id, tz))

    def send_pulses(self, team_id: int, tz: str) -> Report:
        now, report = self.clock(), Report()
        team, members = self._recipients(team_id, tz)
        for r in members if team else ():
            today = calendar.local_date(now, r.tz)
            pulse_day = calendar.pulse_date(today, team.pulse_weekday, team.no_send_dates)  # type: ignore[union-attr]
            if pulse_day is None or pulse_day > today:
                continue
            period = calendar.week_period(pulse_day)
            if pulse_day < today:
                self._skip_missed(r, DeliveryKind.PULSE, period, now, f"pulse day {pulse_day} passed", report)
            elif now >= calendar.local_instant(today, team.pulse_minute, r.tz):  # type: ignore[union-attr]
                self._deliver(r, DeliveryKind.PULSE, period, now, report)
        return report

    def send_reminders(self, team_id: int, tz: str) -> Report:
        """One reminder, on the working day after the pulse, to those who were sent the pulse and have not
        finished it. It goes to them alone, so nobody else learns who has not answered."""
        now, report = self.clock(), Report()
        team, members = self._recipients(team_id, tz)
        for r in members if team else ():
            today = calendar.local_date(now, r.tz)
            due = calendar.latest_reminder(today, team.pulse_weekday, team.no_send_dates)  # type: ignore[union-attr]
            if due is None:
                continue
            pulse_day, reminder_day = due
            period = calendar.week_period(pulse_day)
            if self._open_pulse(r, period) is None:
                continue
            if reminder_day < today:
                self._skip_missed(
                    r, DeliveryKind.REMINDER, period, now, f"reminder day {reminder_day} passed", report
                )
            elif now >= calendar.local_instant(today, team.pulse_minute, r.tz):  # type: ignore[union-attr]
                self._deliver(r, DeliveryKind.REMINDER, period, now, report)
        return report

    def publish_summaries(self, team_id: int) -> bool:
        """Hand the team to the summary publisher when today (team time) is its summary date and the time
        has come; the publisher keeps its own ledger rows, so a repeated call posts nothing twice."""
        if self.summary_publisher is None:
            return False
        now = self.clock()
        with self.db.session() as s:
            team = teams.get_team(s, team_id)
            view = TeamView.of(team) if team else None
        if view is None:
            return False
        today = calendar.local_date(now, view.tz)
        if calendar.summary_date(today, view.summary_weekday, view.no_send_dates) != today:
            self._skip_missed_summary(view, today, now)
            return False
        if now < calendar.local_instant(today, view.summary_minute, view.tz):
            return False
        self.summary_publisher(view, now)
        return True

    def _skip_missed_summary(self, team: TeamView, today: date, now: datetime) -> None:
        """The latest summary date before today passed without a summary (the bot was down, or no
        process held the lease): record it skipped, with a warning, so it is never posted late."""
        for weeks_back in (0, 1):
            day = calendar.summary_date(
                today - timedelta(weeks=weeks_back), team.summary_weekday, team.no_send_dates
            )
            if day is None or day >= today:
                continue
            pulse = calendar.reported_pulse_date(
                day,
                team.pulse_weekday,
                team.pulse_minute,
                team.summary_weekday,
                team.summary_minute,
                team.no_send_dates,
            )
            if pulse is None:
                return  # nothing would have been posted that day
            period = calendar.week_period(pulse)
            with self.db.session() as s:
                recorded = ledger.record_skip(
                    s,
                    team.workspace_id,
                    DeliveryKind.SUMMARY,
                    str(team.id),
                    period,
                    now,
                    f"missed: summary day {day} passed",
                )
            if recorded:
                log.warning("weekly summary of team %s (%s) was missed on %s; skipped", team.id, period, day)
            return

    # -- start-up ----------------------------------------------------------------------------------------

    def catch_up(self) -> Report:
        """At start-up (or on becoming the leader): make today's deliveries whose time has passed while
        the bot was down, and record earlier missed ones as skipped."""
        report = Report()
        for plan in self.plan():
            for tz in plan.pulse_zones:
                report.merge(self.run_daily(plan.team.id, tz))
            self.publish_summaries(plan.team.id)
        return report

    def resume_unfinished(self) -> Report:
        """Take over claims that were never finished (a crash mid-send, or Slack failing) and send them
        again, on the same local day only; otherwise they are recorded as skipped.

        Summary claims belong to the summary publisher, which takes over its own stale claims when called
        again; it is called again here for their teams (it only acts on the summary date, after its time).
        """
        now, report = self.clock(), Report()
        cutoff = now - self.stale_after
        with self.db.session() as s:
            unfinished = ledger.unfinished_claims(s, cutoff)
            claims = [
                (d.id, d.workspace_id, d.kind, d.target, d.period, d.claimed_at)
                for d in unfinished
                if d.kind in (DeliveryKind.PULSE, DeliveryKind.REMINDER)
            ]
            summary_teams = self._summary_claims_of_today(
                s,
                [d for d in unfinished if d.kind in (DeliveryKind.SUMMARY, DeliveryKind.SUMMARY_DM)],
                now,
            )
        for team_id in sorted(summary_teams):
            self.publish_summaries(team_id)
        for delivery_id, workspace_id, kind, target, period, claimed_at in claims:
            with self.db.session() as s:
                if not ledger.take_over_claim(s, delivery_id, cutoff, now):  # type: ignore[arg-type]
                    continue  # another process is resuming it
                recipient = self._recipient_for_resume(s, workspace_id, target)
            key = f"{kind}:{target}:{period}"
            if recipient is None:
                self._finish(
                    workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "no longer a recipient"
                )
                report.skipped.append(key)
            elif calendar.local_date(claimed_at, recipient.tz) != calendar.local_date(now, recipient.tz):
                log.warning(
                    "scheduled %s for member %s (%s) was interrupted on an earlier day; skipped",
                    kind,
                    target,
                    period,
                )
                self._finish(
                    workspace_id,
                    kind,
                    target,
                    period,
                    DeliveryStatus.SKIPPED,
                    "missed: interrupted on an earlier day",
                )
                report.skipped.append(key)
            elif kind == DeliveryKind.REMINDER and self._open_pulse(recipient, period) is None:
                self._finish(
                    workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "pulse answered meanwhile"
                )
                report.skipped.append(key)
            else:
                log.info("resuming an interrupted %s for member %s (%s)", kind, target, period)
                self._send_claimed(recipient, kind, period, report)
        return report

    # -- internals ---------------------------------------------------------------------------------------

    @staticmethod
    def _summary_claims_of_today(s: Session, claims: list, now: datetime) -> set[int]:
        """The teams whose interrupted summary claims the publisher may still take over today (team
        time); a claim from an earlier day is recorded skipped with a warning, never posted late."""
        today_teams: set[int] = set()
        for claim in claims:
            team_part = claim.target.split(":")[0]
            team = teams.get_team(s, int(team_part)) if team_part.isdigit() else None
            if team is None:
                continue
            if calendar.local_date(claim.claimed_at, team.tz) == calendar.local_date(now, team.tz):
                today_teams.add(team.id)  # type: ignore[arg-type]
                continue
            ledger.finish(
                s,
                claim.workspace_id,
                claim.kind,
                claim.target,
                claim.period,
                DeliveryStatus.SKIPPED,
                now,
                "missed: interrupted on an earlier day",
            )
            log.warning(
                "weekly summary %s %s of team %s was interrupted on an earlier day; skipped",
                claim.kind,
                claim.period,
                team.id,
            )
        return today_teams

    def _recipients(self, team_id: int, tz: str) -> tuple[TeamView | None, list[Recipient]]:
        with self.db.session() as s:
            team = teams.get_team(s, team_id)
            if team is None:
                return None, []
            found = [self._recipient(m, team) for m in teams.active_sellers(s, team_id)]
            return TeamView.of(team), [r for r in found if r.tz == tz]

    @staticmethod
    def _recipient(member: Member, team: Team | None) -> Recipient:
        return Recipient(
            member.id,  # type: ignore[arg-type]
            member.workspace_id,
            member.slack_user_id,
            calendar.effective_tz(member.tz, team.tz if team else None),
            recipients.dm_unavailable(member),
        )

    def _recipient_for_resume(self, s: Session, workspace_id: str, target: str) -> Recipient | None:
        """The claim's member if they still get pulses: an active seller of a team, not deactivated."""
        member = recipients.get_member(s, int(target)) if target.isdigit() else None
        if member is None or member.workspace_id != workspace_id:
            return None
        team = teams.seller_team(s, workspace_id, member.id)  # type: ignore[arg-type]
        if team is None or all(m.id != member.id for m in teams.active_sellers(s, team.id)):  # type: ignore[arg-type]
            return None
        recipient = self._recipient(member, team)
        return None if recipient.unreachable else recipient

    def _open_pulse(self, r: Recipient, period: str) -> RunView | None:
        """The member's pulse of `period` if it was sent by us and is still not finished."""
        with self.db.session() as s:
            sent = ledger.get(s, r.workspace_id, DeliveryKind.PULSE, str(r.member_id), period)
            if sent is None or sent.status != DeliveryStatus.SENT:
                return None
            run = runs.find_run_for_period(s, r.workspace_id, r.member_id, Kind.PULSE, period)
            if run is None or run.finished_at is not None:
                return None
            total = len(items_for(Kind.PULSE, f"{r.workspace_id}:{r.user_id}", period))
            answered = runs.count_answers(s, run.id)  # type: ignore[arg-type]
            return RunView(run.id, Kind.PULSE, period, total, answered, run.channel_id, run.thread_ts, False)  # type: ignore[arg-type]

    def _skip_missed(
        self, r: Recipient, kind: DeliveryKind, period: str, now: datetime, why: str, report: Report
    ) -> None:
        with self.db.session() as s:
            recorded = ledger.record_skip(
                s, r.workspace_id, kind, str(r.member_id), period, now, f"missed: {why}"
            )
        if recorded:
            log.warning(
                "scheduled %s for member %s (%s) was missed (%s); skipped", kind, r.member_id, period, why
            )
            report.skipped.append(f"{kind}:{r.member_id}:{period}")

    def _deliver(self, r: Recipient, kind: DeliveryKind, period: str, now: datetime, report: Report) -> None:
        target = str(r.member_id)
        if r.unreachable:
            with self.db.session() as s:
                if ledger.record_skip(s, r.workspace_id, kind, target, period, now, "dm unavailable"):
                    report.skipped.append(f"{kind}:{target}:{period}")
            return
        with self.db.session() as s:
            if not ledger.claim(s, r.workspace_id, kind, target, period, now):
                return  # sent, skipped, or being sent by someone else
        self._send_claimed(r, kind, period, report)

    def _send_claimed(self, r: Recipient, kind: str, period: str, report: Report) -> None:
        """Send a delivery this process holds the claim for, then finish the ledger row."""
        target, key = str(r.member_id), f"{kind}:{r.member_id}:{period}"
        try:
            if kind == DeliveryKind.PULSE:
                self.pace()
                self.pace()
                result = self.sender.send_pulse(r.workspace_id, r.user_id)
            else:
                run = self._open_pulse(r, period)
                self.pace()
                result = self.sender.send_reminder(r.workspace_id, r.user_id, run)
        except Exception:
            log.exception("scheduled %s for member %s (%s) failed; will be retried", kind, target, period)
            result = SendResult.FAILED
        if result is SendResult.SENT:
            self._finish(r.workspace_id, kind, target, period, DeliveryStatus.SENT)
            report.sent.append(key)
        elif result is SendResult.UNREACHABLE:
            with self.db.session() as s:
                recipients.mark_dm_unavailable(s, r.member_id, self.clock())
            self._finish(r.workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "dm unavailable")
            log.info("member %s cannot be sent a DM; marked and skipped until their profile changes", target)
            report.skipped.append(key)
        else:  # the claim stays: resume_unfinished retries it later the same day
            report.failed.append(key)

    def _finish(
        self,
        workspace_id: str,
        kind: str,
        target: str,
        period: str,
        status: DeliveryStatus,
        detail: str | None = None,
    ) -> None:
        with self.db.session() as s:
            ledger.finish(s, workspace_id, kind, target, period, status, self.clock(), detail)
