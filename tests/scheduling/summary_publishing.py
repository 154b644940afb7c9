"""Helpers for the summary publishing tests: a recording sender and hand-built teams and weeks."""

from __future__ import annotations

import threading

from coaching.summary import TeamSummary
from scheduling.ports import SendResult
from storage import ledger
from storage.db import Database
from storage.models import Member, Role, Team
from survey_flows.views import TeamView
from tests.support.summary_weeks import PERIOD, WS, add_member, answer_pulse, make_team, uniform


class FakeSender:
    """Records what would be posted; `results` maps "channel" or a user id to what the send returns."""

    def __init__(self, delay: float = 0.0) -> None:
        self.channel: list[tuple[int, TeamSummary]] = []
        self.managers: list[tuple[str, TeamSummary]] = []
        self.claims: list[object] = []
        """How each channel post came to be sent: Claim.NEW, or RETAKEN (the surface looks first)."""
        self.results: dict[str, SendResult] = {}
        self.delay = delay
        self.lock = threading.Lock()

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:  # pragma: no cover - not used
        raise AssertionError("no pulses here")

    def send_reminder(
        self, workspace_id: str, user_id: str, run: object, claim: object = None
    ) -> SendResult:  # pragma: no cover
        raise AssertionError("no reminders here")

    def post_channel_summary(self, team: TeamView, summary: TeamSummary, claim: object = None) -> SendResult:
        if self.delay:
            threading.Event().wait(self.delay)
        with self.lock:
            self.channel.append((team.id, summary))
            self.claims.append(claim)
        return self.results.get("channel", SendResult.SENT)

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: object = None
    ) -> SendResult:
        with self.lock:
            self.managers.append((user_id, summary))
        return self.results.get(user_id, SendResult.SENT)


def build_team(
    db: Database, sellers: int = 8, managers: tuple[str, ...] = ("M1",), **settings: object
) -> tuple[TeamView, list[Member]]:
    with db.session() as s:
        team = make_team(s, **settings)  # type: ignore[arg-type]
        people = [add_member(s, team, f"S{index}") for index in range(1, sellers + 1)]
        for user_id in managers:
            add_member(s, team, user_id, role=Role.MANAGER)
        return TeamView.of(team), people


def answer_week(
    db: Database, team: TeamView, people: list[Member], values: list[tuple[int, int]], period: str = PERIOD
) -> None:
    """People answer in order: (safety, standard) each, administration 3."""
    with db.session() as s:
        for member, (safety, standard) in zip(people, values, strict=False):
            answer_pulse(s, team.id, member, uniform(safety, standard, 3), period=period)


def ledger_row(db: Database, kind: str, target: str, period: str = PERIOD):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return ledger.get(s, WS, kind, target, period)


def set_days(db: Database, team: TeamView, **settings: object) -> TeamView:
    with db.session() as s:
        row = s.get(Team, team.id)
        assert row is not None
        for name, value in settings.items():
            setattr(row, name, value)
        s.add(row)
        s.flush()
        return TeamView.of(row)
