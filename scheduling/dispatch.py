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
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

from sqlmodel import Session

from scheduling import fan_out, leadership
from scheduling.dispatch_resume import ResumeUnfinished
from scheduling.dispatch_types import Recipient, Report, SummaryPublisher, TeamPlan
from scheduling.pacing import DEFAULT_RATE_PER_MINUTE, Budget, as_budget, budget, prepaid, workers_for
from scheduling.ports import STALE_CLAIM, Claim, Sender, SendResult
from storage import ledger, recipients, runs, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Team
from survey_flows import calendar
from survey_flows.survey import STALE_CLAIM as IN_FLIGHT
from survey_flows.survey import Clock, SurveyFlow, items_for
from survey_flows.views import Kind, RunView, TeamView

__all__ = ["Dispatcher", "Recipient", "Report", "SummaryPublisher", "TeamPlan"]

log = logging.getLogger(__name__)

FIRST_PULSE_WINDOW = timedelta(days=7)
"""A team's "send this week's pulse now" matters only within its own ISO week."""
LAST_LAP_FROM = 20
LAST_LAP_SHARE = 0.05
"""A fan-out of at least LAST_LAP_FROM deliveries tries the few that failed (a database busy beyond its
timeout, Slack failing one post beyond its retries) once more at its end, instead of leaving them to the
resume job 5-10 minutes later: a whole pulse ends when its last seller has it. Only when at most this share
failed: more means Slack or the database is down, and the resume job's slower pace is the right one."""


class Dispatcher:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        sender: Sender,
        flow: SurveyFlow,
        *,
        rate_per_minute: float = DEFAULT_RATE_PER_MINUTE,
        pace: Budget | Callable[[], None] | None = None,
        summary_publisher: SummaryPublisher | None = None,
        stale_after: timedelta = STALE_CLAIM,
        workers: int | None = None,
        claimer: str | None = None,
        ended: Callable[[str], bool] = leadership.ended,
    ) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.flow = flow
        self.pace = as_budget(pace) if pace is not None else budget(db, "posts", rate_per_minute)
        """The workspace's chat.postMessage budget: one token per message about to be posted (a pulse
        posts one: the intro carries question 1)."""
        self.summary_publisher = summary_publisher
        self.stale_after = stale_after
        self.claimer = claimer
        """This process, as its claims name it (the scheduler's lease holder id)."""
        self.ended = ended
        """Whether a claimer is a process known to be gone: its claims are resumed at once."""
        self.sleep: Callable[[float], None] = time.sleep
        self.workers = workers if workers is not None else workers_for(rate_per_minute)

    @property
    def workers(self) -> int:
        """How many sends this process keeps in flight at most: its own runs and its send loop
        (scheduling/send_loop.py) together draw on `slots`, so every replica sends an even share."""
        return self._workers

    @workers.setter
    def workers(self, count: int) -> None:
        self._workers = max(1, count)
        self.slots = threading.BoundedSemaphore(self._workers)

    def resume_unfinished(self) -> Report:
        """Take over claims that were never finished and send them again (scheduling/dispatch_resume.py)."""
        return ResumeUnfinished(self)()

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
        row = self._ledger_rows(members)
        due: list[tuple[Recipient, str]] = []
        for r in members if team else ():
            today = calendar.local_date(now, r.tz)
            first = calendar.first_pulse_day(team.first_pulse_at, r.tz, team.no_send_dates)  # type: ignore[union-attr]
            pulse_day = calendar.pulse_date(today, team.pulse_weekday, team.no_send_dates, first)  # type: ignore[union-attr]
            if pulse_day is None or pulse_day > today:
                continue
            period = calendar.week_period(pulse_day)
            if row(r, DeliveryKind.PULSE, period) not in (None, DeliveryStatus.DUE):
                continue  # sent, skipped or being sent: nothing to do (a restart's catch-up skips them fast)
            if pulse_day < today:
                self._skip_missed(r, DeliveryKind.PULSE, period, now, f"pulse day {pulse_day} passed", report)
            elif now >= calendar.pulse_instant(today, team.pulse_minute, r.tz, team.first_pulse_at):  # type: ignore[union-attr]
                due.append((r, period))
        return report.merge(self._deliver_all(DeliveryKind.PULSE, due, now))

    def send_reminders(self, team_id: int, tz: str) -> Report:
        """One reminder, on the working day after the pulse, to those who were sent the pulse and have not
        finished it. It goes to them alone, so nobody else learns who has not answered."""
        now, report = self.clock(), Report()
        team, members = self._recipients(team_id, tz)
        row = self._ledger_rows(members)
        due: list[tuple[Recipient, str]] = []
        for r in members if team else ():
            today = calendar.local_date(now, r.tz)
            first = calendar.first_pulse_day(team.first_pulse_at, r.tz, team.no_send_dates)  # type: ignore[union-attr]
            dates = calendar.latest_reminder(today, team.pulse_weekday, team.no_send_dates, first)  # type: ignore[union-attr]
            if dates is None:
                continue
            pulse_day, reminder_day = dates
            period = calendar.week_period(pulse_day)
            if row(r, DeliveryKind.PULSE, period) != DeliveryStatus.SENT:
                continue  # (checked again below with the run; this spares a query per member)
            if row(r, DeliveryKind.REMINDER, period) not in (None, DeliveryStatus.DUE):
                continue
            if self.open_pulse(r, period) is None:
                continue
            if reminder_day < today:
                self._skip_missed(
                    r, DeliveryKind.REMINDER, period, now, f"reminder day {reminder_day} passed", report
                )
            elif now >= calendar.local_instant(today, team.pulse_minute, r.tz):  # type: ignore[union-attr]
                due.append((r, period))
        return report.merge(self._deliver_all(DeliveryKind.REMINDER, due, now))

    def send_first_pulses(self) -> Report:
        """The pulses new teams asked to get at once ("send this week's pulse now" at setup): right after
        the save, and every minute on the leader for a save made on another replica. The same claims as
        the scheduled pulse, so it is sent once, and the scheduled run that week finds it sent."""
        report = Report()
        since = self.clock() - FIRST_PULSE_WINDOW
        with self.db.session() as s:
            found = [(team.id, self._zones(s, team)) for team in teams.teams_pulsed_at_setup(s, since)]
        for team_id, zones in found:
            for tz in zones:
                report.merge(self.send_pulses(team_id, tz))  # type: ignore[arg-type]
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

        def one_team(plan: TeamPlan) -> Report:
            team_report = Report()
            for tz in plan.pulse_zones:
                team_report.merge(self.run_daily(plan.team.id, tz))
            self.publish_summaries(plan.team.id)
            return team_report

        report, plans = Report(), self.plan()
        if self.workers == 1 or len(plans) <= 1:
            for plan in plans:
                report.merge(one_team(plan))
            return report
        # Several teams at once (the sends share the workers): a team's last send waiting out a
        # Retry-After must not hold up the next team's pulses.
        with ThreadPoolExecutor(min(self.workers, len(plans)), thread_name_prefix="catch-up") as pool:
            for part in pool.map(one_team, plans):
                report.merge(part)
        return report

    # -- internals ---------------------------------------------------------------------------------------

    def _recipients(self, team_id: int, tz: str) -> tuple[TeamView | None, list[Recipient]]:
        with self.db.session() as s:
            team = teams.get_team(s, team_id)
            if team is None:
                return None, []
            found = [Recipient.of(m, team) for m in teams.active_sellers(s, team_id)]
            return TeamView.of(team), [r for r in found if r.tz == tz]

    def _ledger_rows(self, members: list[Recipient]) -> Callable[[Recipient, str, str], str | None]:
        """The ledger status of a member's delivery of a kind and period, read for all `members` at once
        (one query per kind and period) the first time it is asked for."""
        read: dict[tuple[str, str], dict[str, str]] = {}

        def row(r: Recipient, kind: str, period: str) -> str | None:
            if (kind, period) not in read:
                targets = [str(m.member_id) for m in members]
                with self.db.session() as s:
                    read[kind, period] = ledger.statuses(s, r.workspace_id, kind, period, targets)
            return read[kind, period].get(str(r.member_id))

        return row

    def open_pulse(self, r: Recipient, period: str) -> RunView | None:
        """The member's pulse of `period` if it was sent by us and is still not finished."""
        with self.db.session() as s:
            sent = ledger.get(s, r.workspace_id, DeliveryKind.PULSE, str(r.member_id), period)
            if sent is None or sent.status != DeliveryStatus.SENT:
                return None
            run = runs.find_run_for_period(s, r.workspace_id, r.member_id, Kind.PULSE, period)
            if run is None or run.finished_at is not None:
                return None
            member_key = f"{r.workspace_id}:{r.user_id}"
            total = len(items_for(Kind.PULSE, member_key, period, run.instrument_version))
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

    def _deliver_all(self, kind: DeliveryKind, due: list[tuple[Recipient, str]], now: datetime) -> Report:
        """Deliver to each (recipient, period), up to `workers` at once over all of this dispatcher's
        jobs, so one send stalled by Slack's Retry-After does not hold up the others."""
        report, last_failure = Report(), 0.0
        failed: list[tuple[tuple[Recipient, str], Report]] = []
        fan_out.plan(self.db, kind, due, now)  # every replica's send loop shares what this run plans

        def one(item: tuple[Recipient, str]) -> Report:
            nonlocal last_failure
            with self.slots:
                part = self._deliver(item[0], kind, item[1], now)
            if part.failed:
                last_failure = time.monotonic()
            return part

        def again(item: tuple[Recipient, str]) -> Report:
            with self.slots:
                return self.send_claimed(item[0], kind, item[1], Claim.RETAKEN)

        for item, part in zip(due, self._each(one, due), strict=True):
            if part.failed:
                failed.append((item, part))
            else:
                report.merge(part)
        if failed and len(due) >= LAST_LAP_FROM and len(failed) <= LAST_LAP_SHARE * len(due):
            # A run whose intro was being posted is held by the survey flow for IN_FLIGHT: wait that out.
            self.sleep(max(0.0, last_failure + IN_FLIGHT.total_seconds() + 1 - time.monotonic()))
            log.info("trying %d failed %s deliveries once more", len(failed), kind)
            for part in self._each(again, [item for item, _ in failed]):
                report.merge(part)
        else:
            for _, part in failed:
                report.merge(part)  # the claims stay: resume_unfinished retries them later the same day
        return report

    def _each(
        self, work: Callable[[tuple[Recipient, str]], Report], items: list[tuple[Recipient, str]]
    ) -> list[Report]:
        """`work` on every item, up to `workers` at once, results in the items' order."""
        if self.workers == 1 or len(items) <= 1:
            return [work(item) for item in items]
        with ThreadPoolExecutor(min(self.workers, len(items)), thread_name_prefix="dispatch") as pool:
            return list(pool.map(work, items))

    def _deliver(self, r: Recipient, kind: DeliveryKind, period: str, now: datetime) -> Report:
        target = str(r.member_id)
        if r.unreachable:
            with self.db.session() as s:
                if ledger.record_skip(s, r.workspace_id, kind, target, period, now, "dm unavailable"):
                    return Report(skipped=[f"{kind}:{target}:{period}"])
            return Report()
        with self.db.session() as s:  # claimed now, not when the run began: the age tells a stale claim
            if not ledger.claim_planned(s, r.workspace_id, kind, target, period, self.clock(), self.claimer):
                return Report()  # sent, skipped, or claimed by another replica's send loop
        return self.send_claimed(r, kind, period)

    def send_claimed(self, r: Recipient, kind: str, period: str, claim: Claim = Claim.NEW) -> Report:
        """Send a delivery this process holds the claim for, then finish the ledger row."""
        target, key = str(r.member_id), f"{kind}:{r.member_id}:{period}"
        try:
            if kind == DeliveryKind.PULSE:
                self.pace.take(r.workspace_id)  # one post: the intro carries the first question
                with prepaid(r.workspace_id):
                    result = self.sender.send_pulse(r.workspace_id, r.user_id)
            else:
                run = self.open_pulse(r, period)
                self.pace.take(r.workspace_id)
                with prepaid(r.workspace_id):
                    result = self.sender.send_reminder(r.workspace_id, r.user_id, run, claim)
        except Exception:
            log.exception("scheduled %s for member %s (%s) failed; will be retried", kind, target, period)
            result = SendResult.FAILED
        if result is SendResult.SENT:
            self.finish(r.workspace_id, kind, target, period, DeliveryStatus.SENT)
            return Report(sent=[key])
        if result is SendResult.UNREACHABLE:
            with self.db.session() as s:
                recipients.mark_dm_unavailable(s, r.member_id, self.clock())
            self.finish(r.workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "dm unavailable")
            log.info("member %s cannot be sent a DM; marked and skipped until their profile changes", target)
            return Report(skipped=[key])
        return Report(failed=[key])  # the claim stays: resume_unfinished retries it later the same day

    def finish(
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
