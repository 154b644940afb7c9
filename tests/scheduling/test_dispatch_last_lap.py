"""A big fan-out tries its few failed deliveries once more at its end, so the whole pulse ends when its last
seller has it; many failures (Slack or the database down) are left to the resume job's slower pace."""

from __future__ import annotations

import pytest

from scheduling.dispatch import LAST_LAP_FROM
from scheduling.ports import SendResult
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.survey import SurveyFlow
from tests.support.dispatching import W48, at, dispatcher
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender, make_team, status

SELLERS = [f"U{n:02d}" for n in range(LAST_LAP_FROM + 4)]


class FailingOnce(FakeSender):
    """The first send to each of `flaky` fails (a database busy beyond its timeout); the next one works."""

    def __init__(self, flow: SurveyFlow, flaky: set[str]) -> None:
        super().__init__(flow)
        self.flaky = set(flaky)

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        if user_id in self.flaky:
            self.flaky.discard(user_id)
            with self._lock:
                self.pulses.append(user_id)
            return SendResult.FAILED
        return super().send_pulse(workspace_id, user_id)


@pytest.mark.parametrize("workers", [1, 4])
def test_a_few_failed_pulses_are_sent_at_the_end_of_the_same_fan_out(
    db: Database, clock: Clock, flow: SurveyFlow, workers: int
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in SELLERS])
    sender = FailingOnce(flow, {"U03"})
    d = dispatcher(db, clock, sender, workers=workers)
    waits: list[float] = []
    d.sleep = waits.append

    report = d.run_daily(team_id, "Europe/Oslo")

    assert len(report.sent) == len(SELLERS) and report.failed == []
    assert all(status(db, DeliveryKind.PULSE, u, W48) == DeliveryStatus.SENT for u in SELLERS)
    assert sender.pulses.count("U03") == 2  # once more, not in a loop
    assert len(waits) == 1 and 0 < waits[0] <= 16  # a start left mid-post is held for 15 s: waited out


def test_when_many_fail_the_fan_out_leaves_them_to_the_resume_job(
    db: Database, clock: Clock, flow: SurveyFlow
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in SELLERS])
    sender = FailingOnce(flow, set(SELLERS[:5]))  # a fifth: Slack or the database is down
    d = dispatcher(db, clock, sender)
    d.sleep = lambda seconds: pytest.fail("no second lap while Slack or the database is down")

    report = d.run_daily(team_id, "Europe/Oslo")

    assert len(report.failed) == 5 and len(report.sent) == len(SELLERS) - 5
    assert all(status(db, DeliveryKind.PULSE, u, W48) == DeliveryStatus.CLAIMED for u in SELLERS[:5])
    assert len(sender.pulses) == len(SELLERS)  # each tried once
