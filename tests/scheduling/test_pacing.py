"""The fan-out budget: a token bucket on a fake clock, and how many messages a dispatch charges."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scheduling.dispatch import Dispatcher
from scheduling.pacing import TokenBucket
from storage.db import Database
from survey_flows.survey import SurveyFlow
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender, make_team


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_burst_passes_then_the_rate_holds() -> None:
    fake = FakeTime()
    bucket = TokenBucket(300, burst=10, monotonic=fake.monotonic, sleep=fake.sleep)
    for _ in range(10):
        bucket.take()
    assert fake.slept == []
    for _ in range(300):
        bucket.take()
    # 300 more at 5 per second take a minute; never faster than the budget.
    assert fake.now == pytest.approx(60.0)
    assert max(fake.slept) == pytest.approx(0.2)


def test_idle_time_refills_only_up_to_the_burst() -> None:
    fake = FakeTime()
    bucket = TokenBucket(60, burst=3, monotonic=fake.monotonic, sleep=fake.sleep)
    fake.now = 3600.0
    for _ in range(4):
        bucket.take()
    assert fake.slept == [pytest.approx(1.0)]


def test_the_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        TokenBucket(0)


def test_a_pulse_is_charged_one_message_and_a_reminder_one(
    db: Database, clock: Clock, flow: SurveyFlow
) -> None:
    clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U2", "Europe/Oslo")])
    charged: list[int] = []
    d = Dispatcher(db, clock, FakeSender(flow), flow, pace=lambda: charged.append(1))
    d.run_daily(team_id, "Europe/Oslo")
    assert len(charged) == 2  # the intro, carrying the first question, per member
    clock.now = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    d.run_daily(team_id, "Europe/Oslo")
    assert len(charged) == 4
