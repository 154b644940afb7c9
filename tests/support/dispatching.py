"""The dispatcher as the dispatch tests drive it: an injected clock, no pacing, a recording Sender."""

from __future__ import annotations

from datetime import UTC, datetime

from scheduling.dispatch import Dispatcher
from storage import ledger
from storage.db import Database
from survey_flows.survey import SurveyFlow
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender

W48 = "2026-W48"  # Monday 23 November 2026


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def dispatcher(db: Database, clock: Clock, sender: FakeSender, **kwargs: object) -> Dispatcher:
    """One send at a time unless `workers` says otherwise, so members are sent to in a known order."""
    kwargs.setdefault("workers", 1)
    return Dispatcher(db, clock, sender, SurveyFlow(db, clock), pace=lambda: None, **kwargs)  # type: ignore[arg-type]


def run_all(d: Dispatcher) -> None:
    """What the scheduler's jobs do for every team and zone."""
    for plan in d.plan():
        for tz in plan.pulse_zones:
            d.run_daily(plan.team.id, tz)


def ledger_row(db: Database, kind: str, target: str, period: str):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return ledger.get(s, "T1", kind, target, period)
