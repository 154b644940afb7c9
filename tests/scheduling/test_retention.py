"""Retention with an injected clock: old answers (then the runs and question claims left empty), old
finished ledger rows, old coaching requests, old finished team notices and week-old Slack delivery keys go; recent ones stay, and
open ledger claims and published snapshots are never touched."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from coaching.instrument import CURRENT_VERSION
from scheduling.retention import Retention, RetentionReport, months_before
from storage import ledger, members, runs
from storage.db import Database
from storage.ledger import DeliveryStatus
from storage.models import (
    Answer,
    CoachingRequest,
    Delivery,
    FollowUp,
    InboundEvent,
    Notice,
    Prompt,
    SummarySnapshot,
    SurveyRun,
)
from storage.notices import NoticeKind
from tests.support.harness import Clock
from tests.support.summary_weeks import WS, add_member, answer_pulse, make_team

NOW = datetime(2028, 11, 23, 9, 0, tzinfo=UTC)
OLD = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # 24 months and 3 days before NOW
RECENT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # just inside 24 months


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def deleted(report: RetentionReport) -> tuple[int, ...]:
    """answers, runs, deliveries, coaching requests, inbound event keys, notices (whole workspaces deleted
    after an uninstall: tests/scheduling/test_workspace_purge.py)"""
    return dataclasses.astuple(report)[1:7]


def build(db: Database) -> dict[str, int]:
    """Old and recent rows of every kind retention looks at; returns a few ids."""
    with db.session() as s:
        team = make_team(s)
        kari, ola = add_member(s, team, "U4"), add_member(s, team, "U5")
        old_run = answer_pulse(s, team, kari, {"q01": 4, "q04": None}, period="2026-W47", at=OLD)
        runs.claim_prompt(s, WS, old_run, 1, "q01", OLD)
        mixed = answer_pulse(s, team, ola, {"q01": 2}, period="2026-W47", at=OLD)
        runs.upsert_answer(s, WS, mixed, "q09", 3, RECENT)  # the same run, answered later
        recent_run = answer_pulse(s, team, kari, {"q01": 5}, period="2026-W48", at=RECENT)
        empty_old = runs.create_run(
            s, WS, ola.id, "full", "2026-10", OLD, team.id, instrument_version=CURRENT_VERSION
        )  # type: ignore[arg-type]
        assert empty_old is not None
        for period, at in (("2026-W47", OLD), ("2026-W48", RECENT)):
            ledger.claim(s, WS, "pulse", str(kari.id), period, at)
            ledger.finish(s, WS, "pulse", str(kari.id), period, DeliveryStatus.SENT, at)
        ledger.claim(s, WS, "pulse", str(ola.id), "2026-W46", OLD)  # an open claim: never touched
        s.add(
            SummarySnapshot(
                workspace_id=WS,
                team_id=team.id,
                period="2026-W47",
                published_at=OLD,
                respondents=5,
                eligible=6,
                suppressed=False,
                figures={"zone": "comfort"},
            )
        )
        for created, due in ((OLD - timedelta(days=30), OLD), (OLD, NOW + timedelta(days=7)), (RECENT, None)):
            request = CoachingRequest(
                workspace_id=WS,
                manager_member_id=ola.id,  # type: ignore[arg-type]
                subject_member_id=kari.id,  # type: ignore[arg-type]
                team_id=team.id,
                observations={"will": "low"},
                created_at=created,
            )
            s.add(request)
            s.flush()
            if due is not None:
                s.add(FollowUp(workspace_id=WS, request_id=request.id, due_at=due, created_at=created))  # type: ignore[arg-type]
        for sent, given_up in ((OLD, None), (None, OLD), (RECENT, None), (None, None)):  # the last: pending
            s.add(
                Notice(
                    workspace_id=WS,
                    kind=NoticeKind.ADDED_TO_TEAM,
                    recipient_member_id=kari.id,  # type: ignore[arg-type]
                    team_id=team.id,  # type: ignore[arg-type]
                    created_at=OLD - timedelta(days=1),
                    sent_at=sent,
                    given_up_at=given_up,
                )
            )
        members.remember_event(s, WS, "msg:DU4:1", NOW - timedelta(days=8))
        members.remember_event(s, WS, "msg:DU4:2", NOW - timedelta(days=6))
        return {"old_run": old_run, "mixed": mixed, "recent_run": recent_run, "empty_old": empty_old.id}  # type: ignore[dict-item]


@pytest.fixture
def db(db_url: str):
    database = Database.from_url(db_url)
    yield database
    database.dispose()


def test_months_before_keeps_the_wall_time_and_clamps_the_day() -> None:
    assert months_before(NOW, 24) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 31, 12, tzinfo=UTC), 1) == datetime(2026, 2, 28, 12, tzinfo=UTC)
    assert months_before(datetime(2028, 2, 29, tzinfo=UTC), 12) == datetime(2027, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)


def test_retention_deletes_old_answers_only_and_what_they_leave_empty(db: Database) -> None:
    ids = build(db)
    clock = Clock(NOW)

    report = Retention(db, clock, 24, batch=2).run()  # small batches: several rounds each

    assert report.cutoff == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with db.session() as s:
        left = {(a.run_id, a.item_id) for a in s.scalars(select(Answer)).all()}
        assert left == {(ids["mixed"], "q09"), (ids["recent_run"], "q01")}
        kept_runs = set(s.scalars(select(SurveyRun.id)).all())
        assert kept_runs == {ids["mixed"], ids["recent_run"]}  # the old run had nothing left
        assert s.scalars(select(Prompt)).all() == []
        deliveries = {(d.period, d.status) for d in s.scalars(select(Delivery)).all()}
        assert deliveries == {("2026-W48", "sent"), ("2026-W46", "claimed")}
        requests = s.scalars(select(CoachingRequest.created_at).order_by(CoachingRequest.id)).all()
        assert requests == [OLD, RECENT]  # the old one whose follow-up is still to come stays
        assert [f.due_at for f in s.scalars(select(FollowUp)).all()] == [NOW + timedelta(days=7)]
        assert s.scalars(select(InboundEvent.event_key)).all() == ["msg:DU4:2"]
        notices = s.scalars(select(Notice).order_by(Notice.id)).all()  # type: ignore[arg-type]
        assert [(n.sent_at, n.given_up_at) for n in notices] == [(RECENT, None), (None, None)]
    assert count(db, SummarySnapshot) == 1
    assert deleted(report) == (3, 2, 1, 1, 1, 2)


def test_a_second_run_deletes_nothing_more(db: Database) -> None:
    build(db)
    retention = Retention(db, Clock(NOW), 24)
    retention.run()

    again = retention.run()

    assert deleted(again) == (0, 0, 0, 0, 0, 0)


def test_a_shorter_retention_reaches_further(db: Database) -> None:
    build(db)

    Retention(db, Clock(NOW), 1).run()

    assert count(db, Answer) == 0
    assert count(db, SurveyRun) == 0


def test_retention_needs_at_least_a_month(db: Database) -> None:
    with pytest.raises(ValueError, match="at least one month"):
        Retention(db, Clock(NOW), 0)
