"""Teams whose summaries are due together are computed together: ONE statement reads the week's answers
for all of them, and each team still gets exactly its own week (see scheduling/summary_batch.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.summaries import SummaryService
from storage.db import Database
from storage.models import Role, Team
from survey_flows.views import TeamView
from tests.scheduling.summary_publishing import FakeSender, set_days
from tests.support.harness import Clock
from tests.support.statements import statements
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, make_team, uniform


@pytest.fixture
def service(db: Database) -> SummaryService:
    return SummaryService(db, Clock(SUMMARY_TIME), FakeSender())


def team_with_answers(
    db: Database, channel: str, values: list[tuple[int, int]], sellers: int = 8
) -> TeamView:
    """A team of `sellers` sellers (user ids prefixed by the channel) of whom the first answer."""
    with db.session() as s:
        team = make_team(s, channel=channel)
        people = [add_member(s, team, f"{channel}_S{n}") for n in range(sellers)]
        add_member(s, team, f"{channel}_M", role=Role.MANAGER)
        for member, (safety, standard) in zip(people, values, strict=False):
            answer_pulse(s, team, member, uniform(safety, standard, 3))
        return TeamView.of(team)


def one_more_answer(db: Database, team: TeamView, user_id: str, safety: int) -> None:
    with db.session() as s:
        row = s.get(Team, team.id)
        assert row is not None
        answer_pulse(s, team.id, add_member(s, row, user_id), uniform(safety, 3, 3))


def week_reads(db: Database):  # type: ignore[no-untyped-def]
    """The statements that read a week's answers (the weekly figures' statement)."""
    return statements(db, containing="per_person")


def test_teams_due_together_are_computed_in_one_statement_each_with_its_own_week(
    db: Database, service: SummaryService
) -> None:
    teams = {
        "C_HIGH": team_with_answers(db, "C_HIGH", [(5, 5)] * 6),
        "C_LOW": team_with_answers(db, "C_LOW", [(1, 2)] * 7),
        "C_MIXED": team_with_answers(db, "C_MIXED", [(4, 2), (2, 4)] * 3),
        "C_FEW": team_with_answers(db, "C_FEW", [(3, 3)] * 2),
    }

    with week_reads(db) as reads:
        published = {channel: service.publish(team, SUMMARY_TIME).summary for channel, team in teams.items()}

    assert len(reads) == 1
    shown = {
        channel: (s.respondents, s.safety.mean if s.safety else None, s.standard.mean if s.standard else None)
        for channel, s in published.items()
        if s is not None
    }
    assert shown == {
        "C_HIGH": (6, 5.0, 5.0),
        "C_LOW": (7, 1.0, 2.0),
        "C_MIXED": (6, 3.0, 3.0),
        "C_FEW": (2, None, None),  # below the minimum of 5: suppressed as always
    }


def test_a_team_due_later_gets_the_answers_given_until_its_own_summary_time(
    db: Database, service: SummaryService
) -> None:
    early = team_with_answers(db, "C_EARLY", [(4, 4)] * 6)
    late = set_days(db, team_with_answers(db, "C_LATE", [(4, 4)] * 6), summary_minute=16 * 60)

    with week_reads(db) as reads:
        service.publish(early, SUMMARY_TIME)  # 14:00 in Oslo: the late team is not due yet
        one_more_answer(db, late, "C_LATE_NEW", safety=1)  # at 15:00
        summary = service.publish(late, SUMMARY_TIME + timedelta(hours=2)).summary

    assert len(reads) == 2
    assert summary is not None and summary.respondents == 7
    assert summary.safety is not None and summary.safety.mean == pytest.approx(25 / 7)


def test_figures_are_taken_at_or_after_the_summary_time_and_never_kept_long(
    db: Database, service: SummaryService
) -> None:
    first = team_with_answers(db, "C_FIRST", [(4, 4)] * 6)
    second = team_with_answers(db, "C_SECOND", [(4, 4)] * 6)
    third = team_with_answers(db, "C_THIRD", [(4, 4)] * 6)

    service.publish(first, SUMMARY_TIME)  # all three were due at 14:00: one wave
    one_more_answer(db, second, "C_SECOND_NEW", safety=1)  # after 14:00, before its turn
    one_more_answer(db, third, "C_THIRD_NEW", safety=1)
    in_the_wave = service.publish(second, SUMMARY_TIME + timedelta(minutes=5)).summary
    long_after = service.publish(third, SUMMARY_TIME + timedelta(minutes=45)).summary

    assert in_the_wave is not None and in_the_wave.respondents == 6  # the week as of 14:00
    assert long_after is not None and long_after.respondents == 7  # the wave expired: computed anew
