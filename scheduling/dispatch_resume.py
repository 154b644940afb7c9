"""The dispatcher's recovery after a crash: claims that were never finished are taken over and sent again
on the same local day, or recorded as skipped (scheduling/dispatch.py has the rules)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from sqlmodel import Session

from scheduling import fan_out
from scheduling.dispatch_types import Recipient, Report
from scheduling.fan_out import recipient_for_resume
from scheduling.ports import Claim
from storage import ledger, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Delivery, stored_id
from survey_flows import calendar
from survey_flows.survey import STALE_CLAIM as IN_FLIGHT
from survey_flows.survey import Clock
from survey_flows.views import RunView

log = logging.getLogger("scheduling.dispatch")


class Desk(Protocol):
    """What resuming needs of the dispatcher: its settings and the deliveries it sends and records."""

    db: Database
    clock: Clock
    stale_after: timedelta
    claimer: str | None
    ended: Callable[[str], bool]
    sleep: Callable[[float], None]

    def publish_summaries(self, team_id: int) -> bool: ...

    def finish(
        self,
        workspace_id: str,
        kind: str,
        target: str,
        period: str,
        status: DeliveryStatus,
        detail: str | None = None,
    ) -> None: ...

    def open_pulse(self, r: Recipient, period: str) -> RunView | None: ...

    def send_claimed(self, r: Recipient, kind: str, period: str, claim: Claim = Claim.NEW) -> Report: ...


class ResumeUnfinished:
    """`Dispatcher.resume_unfinished`: one pass over the claims left unfinished, through the dispatcher."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def __call__(self) -> Report:
        """Take over claims that were never finished (a crash mid-send, or Slack failing) and send them
        again, on the same local day only; otherwise they are recorded as skipped.

        Summary claims belong to the summary publisher, which takes over its own stale claims when called
        again; it is called again here for their teams (it only acts on the summary date, after its time).
        """
        now, report = self.desk.clock(), Report()
        cutoff = now - self.desk.stale_after
        with self.desk.db.session() as s:
            ended = [
                c for c in ledger.claimers(s) if self.desk.ended(c)
            ]  # killed processes: nothing in flight
            unfinished = ledger.unfinished_claims(s, cutoff, ended)
            claims = [
                (d.id, d.workspace_id, d.kind, d.target, d.period, d.claimed_at, d.claimed_by)
                for d in unfinished
                if d.kind in (DeliveryKind.PULSE, DeliveryKind.REMINDER)
            ]
            summary_teams = self._summary_claims_of_today(
                s,
                [d for d in unfinished if d.kind in (DeliveryKind.SUMMARY, DeliveryKind.SUMMARY_DM)],
                now,
            )
        for team_id in sorted(summary_teams):
            self.desk.publish_summaries(team_id)
        again: list[tuple[Recipient, str, str]] = []
        for delivery_id, workspace_id, kind, target, period, claimed_at, claimed_by in claims:
            with self.desk.db.session() as s:
                if not ledger.take_over_claim(s, delivery_id, cutoff, now, by=self.desk.claimer, ended=ended):  # type: ignore[arg-type]
                    continue  # another process is resuming it
            log.info("resuming an interrupted %s for member %s (%s)", kind, target, period)
            done = fan_out.settle(self.desk, workspace_id, kind, target, period, claimed_at, Claim.RETAKEN)
            if done.failed and claimed_by in ended:
                with self.desk.db.session() as s:
                    recipient = recipient_for_resume(s, workspace_id, target)
                if recipient is not None:
                    again.append((recipient, kind, period))
                    continue
            report.merge(done)
        if again:
            # A killed process also leaves the run's own claims (its intro, its first question), and the
            # survey flow holds those for IN_FLIGHT in case a post is on its way. Nothing of a killed
            # process is: once that window has passed, try once more (not in a loop).
            self.desk.sleep(IN_FLIGHT.total_seconds() + 1)
            for recipient, kind, period in again:
                report.merge(self.desk.send_claimed(recipient, kind, period, Claim.RETAKEN))
        return report

    # -- internals -----------------------------------------------------------------------------------------

    @staticmethod
    def _summary_claims_of_today(s: Session, claims: list[Delivery], now: datetime) -> set[int]:
        """The teams whose interrupted summary claims the publisher may still take over today (team
        time); a claim from an earlier day is recorded skipped with a warning, never posted late."""
        today_teams: set[int] = set()
        for claim in claims:
            team_part = claim.target.split(":")[0]
            team = teams.get_team(s, int(team_part)) if team_part.isdigit() else None
            if team is None:
                continue
            if calendar.local_date(claim.claimed_at, team.tz) == calendar.local_date(now, team.tz):
                today_teams.add(stored_id(team))
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
