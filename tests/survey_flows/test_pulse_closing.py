"""A pulse stays open until the next one: then last week's takes no more answers and is no longer offered."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coaching.pulse import pulse_items
from scheduling.dispatch import Dispatcher
from storage import runs
from storage.db import Database
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow
from survey_flows.views import Kind
from tests.support.harness import Clock
from tests.support.scheduling import WS, FakeSender, make_team, member_id

W48, W49 = "2026-W48", "2026-W49"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def two_pulses(db: Database, clock: Clock, flow: SurveyFlow) -> Dispatcher:
    """U1 got the W48 pulse on Monday 23 November at 09:00 Oslo and answered nothing."""
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    d = Dispatcher(db, clock, FakeSender(flow), flow, pace=lambda: None)
    d.run_daily(d.plan()[0].team.id, "Europe/Oslo")
    return d


def run_of(db: Database, period: str) -> int:
    member = member_id(db, "U1")
    with db.session() as s:
        run = runs.find_run_for_period(s, WS, member, Kind.PULSE, period)
        assert run is not None
        return run.id  # type: ignore[return-value]


def item(period: str, index: int = 0) -> str:
    return pulse_items(f"{WS}:U1", period)[index].id


def answers(db: Database, period: str) -> dict[str, int | None]:
    run_id = run_of(db, period)
    with db.session() as s:
        return runs.answers_for_run(s, run_id)


def test_last_weeks_pulse_takes_answers_until_the_next_one_arrives(
    db: Database, clock: Clock, flow: SurveyFlow, two_pulses: Dispatcher
) -> None:
    clock.now = at(2026, 11, 30, 7, 0)  # Monday of W49, 08:00 in Oslo: the new pulse is not out yet
    outcome = flow.answer(WS, "U1", run_of(db, W48), item(W48), 4, "nb")
    assert outcome.status is AnswerStatus.RECORDED
    assert flow.open_run(WS, "U1").period == W48  # type: ignore[union-attr]


def test_once_the_next_pulse_is_out_last_weeks_buttons_and_thread_answer_nothing(
    db: Database, clock: Clock, flow: SurveyFlow, two_pulses: Dispatcher
) -> None:
    clock.now = at(2026, 11, 30, 8, 0)  # Monday 09:00 Oslo: the W49 pulse goes out
    two_pulses.run_daily(two_pulses.plan()[0].team.id, "Europe/Oslo")
    old = run_of(db, W48)
    flow.thread_started(WS, run_of(db, W49), "DU1", "1700000099.U1")  # its own thread in the DM

    tapped = flow.answer(WS, "U1", old, item(W48), 4, "nb")
    typed = flow.answer_typed(WS, "U1", "DU1", "1700000000.U1", "4", "nb", event_key="msg:DU1:1")

    assert tapped.status is AnswerStatus.PULSE_CLOSED
    assert tapped.next_question is None and tapped.result is None
    assert typed.status is AnswerStatus.PULSE_CLOSED
    assert answers(db, W48) == {}
    assert flow.answer(WS, "U1", run_of(db, W49), item(W49), 4, "nb").status is AnswerStatus.RECORDED


def test_app_home_offers_the_current_pulse_and_never_a_closed_one(
    db: Database, clock: Clock, flow: SurveyFlow, two_pulses: Dispatcher
) -> None:
    clock.now = at(2026, 11, 30, 8, 0)
    two_pulses.run_daily(two_pulses.plan()[0].team.id, "Europe/Oslo")
    assert flow.open_run(WS, "U1").period == W49  # type: ignore[union-attr]
    run_id = run_of(db, W49)
    with db.session() as s:
        runs.finish_run(s, run_id, clock.now)  # the seller answers this week's pulse
    assert flow.open_run(WS, "U1") is None  # last week's, never finished, is not "open" any more

    # A Continue button still showing last week's run continues this week's instead.
    outcome = flow.resume_run(WS, "U1", run_of(db, W48), "nb")
    assert outcome.status is StartStatus.ALREADY_DONE
    assert outcome.run is not None and outcome.run.period == W49
