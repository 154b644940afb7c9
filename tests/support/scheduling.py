"""Teams set up directly in the database, and a Sender that records what it was asked to deliver."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from scheduling.ports import SendResult
from storage import ledger, members, runs, teams
from storage.db import Database
from storage.models import Member, Team
from survey_flows.survey import SurveyFlow
from survey_flows.views import Kind, RunView, TeamView

WS = "T1"


def make_team(
    db: Database,
    now: datetime,
    sellers: Iterable[tuple[str, str | None]],
    *,
    channel_id: str = "CTEAM",
    managers: Iterable[str] = ("UMGR",),
    tz: str = "Europe/Oslo",
    **settings: Any,
) -> int:
    """A team with `sellers` as (Slack user id, Slack tz or None) and its managers; returns the team id."""
    with db.session() as s:
        seller_ids = [_member(s, user_id, tz_name, now) for user_id, tz_name in sellers]
        manager_ids = [_member(s, user_id, tz, now) for user_id in managers]
        team = Team(
            workspace_id=WS,
            channel_id=channel_id,
            name="Team Nord",
            locale="nb",
            tz=tz,
            created_at=now,
            updated_at=now,
            **settings,
        )
        s.add(team)
        s.flush()
        teams.set_memberships(s, team, manager_ids, seller_ids, now)
        return team.id  # type: ignore[return-value]


def _member(s: Any, user_id: str, tz: str | None, now: datetime) -> int:
    member = members.ensure_member(s, WS, user_id, now)
    members.update_profile(s, member, locale="nb", tz=tz, now=now)
    return member.id  # type: ignore[return-value]


def member_id(db: Database, user_id: str) -> int:
    with db.session() as s:
        found = members.find_member(s, WS, user_id)
        assert found is not None
        return found.id  # type: ignore[return-value]


def member_row(db: Database, user_id: str) -> Member:
    with db.session() as s:
        found = members.find_member(s, WS, user_id)
        assert found is not None
        return found


def status(db: Database, kind: str, user_id: str, period: str) -> str | None:
    target = str(member_id(db, user_id))
    with db.session() as s:
        row = ledger.get(s, WS, kind, target, period)
        return row.status if row else None


def update(db: Database, user_id: str, **values: Any) -> None:
    with db.session() as s:
        member = members.find_member(s, WS, user_id)
        assert member is not None
        for name, value in values.items():
            setattr(member, name, value)
        s.add(member)


def leave(db: Database, team_id: int, user_id: str, now: datetime) -> None:
    member = member_id(db, user_id)
    with db.session() as s:
        teams.leave_team(s, team_id, member, now)


def finish_pulse(db: Database, user_id: str, period: str, now: datetime) -> None:
    """The member answered the whole pulse."""
    member = member_id(db, user_id)
    with db.session() as s:
        run = runs.find_run_for_period(s, WS, member, Kind.PULSE, period)
        assert run is not None
        runs.finish_run(s, run.id, now)  # type: ignore[arg-type]


class FakeSender:
    """Records deliveries. With a flow, a pulse really starts the run and attaches a DM thread, as the Slack
    sender does, so reminders find it. `results` overrides the outcome per user; `on_pulse` runs after the
    (pretend) Slack call, e.g. to simulate the process being killed right then."""

    def __init__(self, flow: SurveyFlow | None = None) -> None:
        self.flow = flow
        self.pulses: list[str] = []
        self.reminders: list[tuple[str, RunView | None]] = []
        self.results: dict[str, SendResult] = {}
        self.on_pulse: Callable[[str], None] | None = None
        self._lock = threading.Lock()

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        with self._lock:
            self.pulses.append(user_id)
        result = self.results.get(user_id, SendResult.SENT)
        if result is SendResult.SENT and self.flow is not None:
            outcome = self.flow.start(workspace_id, user_id, Kind.PULSE, "nb")
            if outcome.run is not None and outcome.run.thread_ts is None:
                self.flow.thread_started(
                    workspace_id, outcome.run.run_id, f"D{user_id}", f"1700000000.{user_id}"
                )
        if self.on_pulse is not None:
            self.on_pulse(user_id)
        return result

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: object = None
    ) -> SendResult:
        with self._lock:
            self.reminders.append((user_id, run))
        return self.results.get(user_id, SendResult.SENT)

    def post_channel_summary(self, team: TeamView, summary: Any, claim: object = None) -> SendResult:
        raise NotImplementedError

    def send_manager_summary(
        self, team: TeamView, summary: Any, user_id: str, claim: object = None
    ) -> SendResult:
        raise NotImplementedError

    @property
    def reminded(self) -> list[str]:
        return [user_id for user_id, _run in self.reminders]
