"""The published weekly summary: anonymous below the minimum, frozen once shown, and what it says
(trend beyond the noise, split, zone, traits and lever)."""

from __future__ import annotations

import pytest

from coaching.instrument import Trait
from coaching.summary import TeamSummary, Trend, shown_figures
from coaching.zones import Lever, Zone, lever_plan
from scheduling.summaries import SummaryService
from storage import summaries
from storage.db import Database
from storage.models import Member
from survey_flows.views import TeamView
from tests.scheduling.summary_publishing import FakeSender, answer_week, build_team
from tests.support.harness import Clock
from tests.support.summary_weeks import PERIOD, SUMMARY_TIME, week_of


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def service(db: Database, sender: FakeSender) -> SummaryService:
    return SummaryService(db, Clock(SUMMARY_TIME), sender)


# -- anonymity ------------------------------------------------------------------------------------------------


def test_below_the_minimum_nothing_but_the_count_is_shown(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 5), (1, 1), (3, 3)])

    outcome = service.publish(team, SUMMARY_TIME)

    summary = outcome.summary
    assert summary is not None and summary.suppressed
    assert (summary.respondents, summary.eligible, summary.min_respondents) == (3, 8, 5)
    assert shown_figures(summary) == {}
    assert summary.zone is None and summary.lever is None and summary.history == ()
    with db.session() as s:
        snapshot = summaries.get_snapshot(s, team.id, PERIOD)
    assert snapshot is not None and snapshot.suppressed
    assert "week" not in snapshot.figures  # nothing of a suppressed week is kept to leak later


def test_a_late_answer_never_changes_a_published_week(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 5)
    published = service.publish(team, SUMMARY_TIME).summary
    assert published is not None and published.respondents == 5

    answer_week(db, team, people[5:], [(1, 1)])  # a sixth seller answers after the post
    later = service.latest(team.id)

    assert later == published
    assert shown_figures(later) == shown_figures(published)
    answer_week(db, team, people, [(4, 4)] * 5, period="2026-W49")
    next_week = service.publish(team, week_of("2026-W49")).summary
    assert next_week is not None
    assert next_week.history[0] == ("2026-W48", 4.0, 4.0)  # last week as frozen, without the late answer


def test_a_suppressed_week_never_enters_a_later_figure(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(1, 1)] * 4, period="2026-W47")
    service.publish(team, week_of("2026-W47"))
    answer_week(db, team, people, [(4, 4)] * 6)

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and not summary.suppressed
    assert summary.safety is not None and summary.safety.change is None and summary.safety.rolling is None
    assert [period for period, _, _ in summary.history] == [PERIOD]


def test_latest_reads_only_frozen_weeks(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    assert service.latest(team.id) is None
    answer_week(db, team, people, [(4, 4)] * 6)
    assert service.latest(team.id) is None  # answers alone are never shown

    published = service.publish(team, SUMMARY_TIME).summary
    assert service.latest(team.id) == published


# -- what the summary says --------------------------------------------------------------------------------


def publish_weeks(
    db: Database, service: SummaryService, team: TeamView, people: list[Member], weeks: dict[str, list]
) -> dict[str, TeamSummary]:
    published = {}
    for period, values in weeks.items():
        answer_week(db, team, people, values, period=period)
        outcome = service.publish(team, week_of(period))
        assert outcome.summary is not None
        published[period] = outcome.summary
    return published


def test_a_change_is_up_or_down_only_beyond_the_noise(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    spread = [(2, 2), (3, 3), (4, 4), (5, 5), (3, 3), (4, 4)]  # safety mean 3.5, sd ~1.05
    a_bit_higher = [(3, 2), (3, 3), (4, 4), (5, 5), (3, 3), (4, 4)]  # +0.17: noise for 6 people
    much_higher = [(5, 2), (5, 3), (5, 4), (5, 5), (5, 3), (5, 4)]  # +1.33 on safety, standard unchanged
    weeks = publish_weeks(
        db,
        service,
        team,
        people,
        {"2026-W46": spread, "2026-W47": a_bit_higher, "2026-W48": much_higher},
    )

    first, second, third = weeks.values()
    assert first.safety is not None and first.safety.trend is Trend.NONE and first.safety.change is None
    assert second.safety is not None and second.safety.trend is Trend.STABLE
    assert second.safety.change == pytest.approx(1 / 6)
    assert third.safety is not None and third.safety.trend is Trend.UP
    assert third.safety.change == pytest.approx(5 - 22 / 6)
    assert third.standard is not None and third.standard.trend is Trend.STABLE
    assert third.safety.rolling == pytest.approx((21 + 22 + 30) / 18)  # pooled over the three weeks
    assert [period for period, _, _ in third.history] == ["2026-W46", "2026-W47", "2026-W48"]


def test_a_split_team_is_flagged(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 4), (5, 4), (5, 4), (5, 4), (1, 4), (1, 4), (1, 4), (2, 4)])
    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and summary.split
    assert summary.safety is not None and summary.safety.mean == pytest.approx(25 / 8)


def test_the_zone_traits_and_lever(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 2)] * 6)  # high safety, low standard

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None
    # administration 3.0 is below the cutoff: the foundation first, then the comfort zone's more system
    assert (summary.zone, summary.lever) == (Zone.COMFORT, Lever.FOUNDATION_FIRST)
    assert lever_plan(summary.lever, summary.zone) == (Lever.FOUNDATION_FIRST, Lever.MORE_SYSTEM)
    assert not summary.split
    assert summary.administration == 3.0
    # clear expectations is measured by the standard item q01 only (2.0): the weakest, named, never a figure
    assert summary.weakest_trait is Trait.CLEAR_EXPECTATIONS
    assert Trait.SAFETY_STANDARD in summary.measured_traits  # q04 (5) and q09 (2): 3.5, not shown
    assert not any(name.startswith("trait.") for name in shown_figures(summary))
