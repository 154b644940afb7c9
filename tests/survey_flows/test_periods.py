"""Which run a start belongs to: the pulse is per ISO week and the survey per month, both counted in
the member's own time zone; a finished period says so, and the next period starts afresh."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coaching.instrument import ITEMS, Axis
from coaching.pulse import PULSE_SIZE, pulse_items
from storage import members, runs
from storage.db import Database
from survey_flows.profiles import ProfileStore
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow
from survey_flows.views import Kind
from tests.support.harness import Clock
from tests.survey_flows.conftest import CHANNEL, THREAD, WS, posted

SUNDAY_LATE = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday 00:30 in Oslo, Sunday 18:30 in New York
MONTH_END = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December 00:30 in Oslo


def with_tz(db: Database, clock: Clock, tz: str | None, user: str = "U1") -> None:
    """A member the bot knows, with this cached Slack zone."""
    with db.session() as s:
        members.ensure_member(s, WS, user, clock.now)
    assert ProfileStore(db, clock).save(WS, user, slack_locale="nb-NO", tz=tz)


def finish(flow: SurveyFlow, kind: Kind, value: int = 4, user: str = "U1"):
    """Start a run and answer every question it asks, in order; returns (start outcome, result)."""
    start = flow.start(WS, user, kind, "nb")
    assert start.status is StartStatus.STARTED
    assert start.run is not None
    flow.thread_started(WS, start.run.run_id, CHANNEL, THREAD)
    question, asked, result = posted(flow, start.question), [], None
    while question is not None:
        asked.append(question.item_id)
        outcome = flow.answer(WS, user, start.run.run_id, question.item_id, value, "nb")
        assert outcome.status is AnswerStatus.RECORDED
        assert (outcome.result is None) == (outcome.next_question is not None)
        result = outcome.result or result
        question = posted(flow, outcome.next_question) if outcome.next_question else None
    assert result is not None
    return start, asked, result


@pytest.mark.parametrize(
    ("tz", "period"),
    [("Europe/Oslo", "2026-W49"), (None, "2026-W48"), ("America/New_York", "2026-W48")],
)
def test_the_pulse_week_is_the_iso_week_where_the_member_lives(
    flow: SurveyFlow, db: Database, clock: Clock, tz: str | None, period: str
) -> None:
    clock.now = SUNDAY_LATE
    with_tz(db, clock, tz)

    outcome = flow.start(WS, "U1", Kind.PULSE, "nb")

    assert outcome.status is StartStatus.STARTED
    assert outcome.run is not None
    assert outcome.run.period == period


@pytest.mark.parametrize(("tz", "period"), [("Europe/Oslo", "2026-W49"), ("America/New_York", "2026-W48")])
def test_a_first_time_member_gets_the_week_of_the_zone_slack_gave_for_them(
    flow: SurveyFlow, db: Database, clock: Clock, tz: str, period: str
) -> None:
    # No row yet (looking someone up in Slack makes none): the start makes it, with the zone it was given.
    clock.now = SUNDAY_LATE

    outcome = flow.start(WS, "U1", Kind.PULSE, "nb", tz=tz)

    assert outcome.run is not None and outcome.run.period == period
    with db.session() as s:
        member = members.find_member(s, WS, "U1")
        assert member is not None and member.tz == tz
    with_tz(db, clock, "Asia/Tokyo")  # a zone already known wins over the one given
    flow.start(WS, "U1", Kind.FULL, "nb", tz=tz)
    with db.session() as s:
        assert members.find_member(s, WS, "U1").tz == "Asia/Tokyo"  # type: ignore[union-attr]


def test_a_pulse_asks_the_members_seven_items_in_order_and_then_shows_the_result(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    clock.now = SUNDAY_LATE
    with_tz(db, clock, "Europe/Oslo")

    start, asked, result = finish(flow, Kind.PULSE)

    expected = pulse_items(f"{WS}:U1", "2026-W49")
    assert len(expected) == PULSE_SIZE == 7
    assert start.run.total == 7
    assert start.question is not None
    assert (start.question.position, start.question.total) == (1, 7)
    assert asked == [item.id for item in expected]
    assert result.kind is Kind.PULSE
    assert result.period == "2026-W49"
    for axis, mean in ((Axis.SAFETY, result.scores.safety), (Axis.STANDARD, result.scores.standard)):
        values = [2 if item.reverse else 4 for item in expected if item.axis is axis]  # every tap was 4
        assert len(values) == 3  # the anchor and two rotating items
        assert mean == pytest.approx(sum(values) / 3)
    with db.session() as s:
        assert set(runs.answers_for_run(s, start.run.run_id)) == {item.id for item in expected}


def test_an_unknown_time_zone_falls_back_to_utc(flow: SurveyFlow, db: Database, clock: Clock) -> None:
    clock.now = SUNDAY_LATE
    with_tz(db, clock, "Mars/Olympus_Mons")

    outcome = flow.start(WS, "U1", Kind.PULSE, "nb")

    assert outcome.run is not None
    assert outcome.run.period == "2026-W48"


@pytest.mark.parametrize(
    ("tz", "now", "period"),
    [
        ("Europe/Oslo", MONTH_END, "2026-12"),
        (None, MONTH_END, "2026-11"),
        ("America/New_York", datetime(2026, 12, 1, 3, 0, tzinfo=UTC), "2026-11"),
    ],
)
def test_the_survey_period_is_the_month_where_the_member_lives(
    flow: SurveyFlow, db: Database, clock: Clock, tz: str | None, now: datetime, period: str
) -> None:
    clock.now = now
    with_tz(db, clock, tz)

    outcome = flow.start(WS, "U1", Kind.FULL, "nb")

    assert outcome.run is not None
    assert outcome.run.period == period
    assert outcome.run.total == len(ITEMS) == 40


def test_a_finished_pulse_is_already_done_that_week_and_a_new_one_starts_the_next(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    with_tz(db, clock, "Europe/Oslo")
    first, _, result = finish(flow, Kind.PULSE)

    clock.advance(days=3)
    again = flow.start(WS, "U1", Kind.PULSE, "nb")
    assert again.status is StartStatus.ALREADY_DONE
    assert again.question is None
    assert again.run is not None
    assert again.run.run_id == first.run.run_id
    assert again.run.finished
    assert again.result is not None
    assert again.result.scores == result.scores

    clock.advance(days=4)
    next_week = flow.start(WS, "U1", Kind.PULSE, "nb")
    assert next_week.status is StartStatus.STARTED
    assert next_week.run is not None
    assert next_week.run.run_id != first.run.run_id
    assert (first.run.period, next_week.run.period) == ("2026-W48", "2026-W49")
    assert next_week.run.answered == 0
    assert next_week.question is not None
    assert next_week.question.position == 1


def test_a_finished_survey_is_already_done_that_month_and_a_new_one_starts_the_next(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    first, _, result = finish(flow, Kind.FULL)

    clock.advance(days=7)  # 30 November
    again = flow.start(WS, "U1", Kind.FULL, "nb")
    assert again.status is StartStatus.ALREADY_DONE
    assert again.result is not None
    assert again.result.scores == result.scores

    clock.advance(days=1)  # 1 December
    next_month = flow.start(WS, "U1", Kind.FULL, "nb")
    assert next_month.status is StartStatus.STARTED
    assert next_month.run is not None
    assert (first.run.period, next_month.run.period) == ("2026-11", "2026-12")


def test_a_finished_pulse_does_not_count_as_this_months_survey(flow: SurveyFlow) -> None:
    finish(flow, Kind.PULSE)

    survey = flow.start(WS, "U1", Kind.FULL, "nb")

    assert survey.status is StartStatus.STARTED
    assert survey.run is not None
    assert survey.run.total == 40
