"""The self-view run (Kind.SELF) in SurveyFlow, without Slack: questions, periods and the team chosen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from coaching.instrument import CURRENT_VERSION, ITEMS, ITEMS_BY_ID, Axis
from coaching.mirror_items import mirror_text
from coaching.self_view import LeaderProfile
from storage import runs
from storage.db import Database
from storage.models import Role, SurveyRun
from survey_flows.commands import Command, parse_command
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow, items_for, period_for
from survey_flows.views import Kind, ResultView
from tests.support.self_views import TEAM_WEEK, leader, published_team, team_with_weeks
from tests.support.summary_weeks import add_member, make_team
from tests.survey_flows.conftest import CHANNEL, THREAD, WS, posted


def self_run(flow: SurveyFlow, user: str, choose: Callable[[str], int]) -> ResultView:
    """Start a self-view and tap every question; the result of the last tap."""
    outcome = flow.start(WS, user, Kind.SELF, "nb")
    assert outcome.status is StartStatus.STARTED and outcome.run is not None
    flow.thread_started(WS, outcome.run.run_id, CHANNEL, THREAD)
    posted(flow, outcome.question)
    result = None
    for item in ITEMS:
        answered = flow.answer(WS, user, outcome.run.run_id, item.id, choose(item.id), "nb")
        assert answered.status is AnswerStatus.RECORDED
        if answered.next_question is not None:
            posted(flow, answered.next_question)
        result = answered.result
    assert result is not None
    return result


@pytest.mark.parametrize("word", ["self", "selv", "själv", "sjalv", "SELV", "Själv"])
def test_the_self_view_aliases(word: str) -> None:
    assert parse_command(word).command is Command.SELF


def test_a_self_view_asks_all_forty_items_once_a_month() -> None:
    assert items_for(Kind.SELF, "T1:U1", "2026-11", CURRENT_VERSION) == ITEMS
    now = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # already December in Oslo
    assert period_for(Kind.SELF, now, "Europe/Oslo") == "2026-12"
    assert period_for(Kind.SELF, now, "America/New_York") == "2026-11"


def test_the_questions_are_the_mirror_wording(flow: SurveyFlow) -> None:
    outcome = flow.start(WS, "U1", Kind.SELF, "sv")

    assert outcome.run is not None
    assert (outcome.run.kind, outcome.run.period, outcome.run.total) == (Kind.SELF, "2026-11", 40)
    question = outcome.question
    assert question is not None
    assert question.text == mirror_text("q01", "sv")
    assert question.text != ITEMS_BY_ID["q01"].text("sv")
    flow.thread_started(WS, outcome.run.run_id, CHANNEL, THREAD)
    posted(flow, question)
    answered = flow.answer_typed(WS, "U1", CHANNEL, THREAD, "4", "sv", "msg:1")
    assert answered.answered is not None and answered.answered.text == mirror_text("q01", "sv")
    assert answered.next_question is not None
    assert answered.next_question.text == mirror_text("q02", "sv")


def test_a_self_view_and_the_survey_are_separate_runs_of_the_month(flow: SurveyFlow) -> None:
    mine = flow.start(WS, "U1", Kind.SELF, "nb")
    survey = flow.start(WS, "U1", Kind.FULL, "nb")

    assert mine.run is not None and survey.run is not None
    assert mine.run.run_id != survey.run.run_id
    assert survey.question is not None
    assert survey.question.text == ITEMS_BY_ID["q01"].text("nb")


def test_a_self_view_never_belongs_to_a_team(flow: SurveyFlow, db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        add_member(s, team, "U1")  # a seller of the team takes the self-view all the same

    outcome = flow.start(WS, "U1", Kind.SELF, "nb")

    assert outcome.run is not None
    with db.session() as s:
        run = s.get(SurveyRun, outcome.run.run_id)
        assert run is not None and run.team_id is None


def test_without_a_team_the_result_has_the_profile_and_no_team(flow: SurveyFlow) -> None:
    result = self_run(flow, "U1", leader(5, 2, 4))

    assert result.kind is Kind.SELF and result.period == "2026-11"
    assert result.lever is None
    assert (result.team, result.manages_team) == (None, False)
    comparison = result.comparison
    assert comparison is not None
    assert comparison.profile is LeaderProfile.RELATION_LEADER
    assert comparison.team_hidden and comparison.largest_gap is None
    assert (result.scores.safety, result.scores.standard, result.scores.administration) == (5.0, 2.0, 4.0)
    # the administration items; four safety items at 5 and the why (q42, standard) at 2: 22 / 5
    assert comparison.managing_vs_leading == (4.0, 4.4)


def test_the_result_is_shown_again_on_a_second_start(flow: SurveyFlow) -> None:
    self_run(flow, "U1", leader(2, 5, 3))

    again = flow.start(WS, "U1", Kind.SELF, "nb")

    assert again.status is StartStatus.ALREADY_DONE
    assert again.result is not None and again.result.comparison is not None
    assert again.result.comparison.profile is LeaderProfile.SYSTEM_LEADER
    assert flow.last_result(WS, "U1") == again.result


def test_the_gaps_come_from_the_published_week(flow: SurveyFlow, db: Database) -> None:
    published_team(db, "U1")

    result = self_run(flow, "U1", leader(4, 4, 4))

    comparison = result.comparison
    assert comparison is not None and not comparison.team_hidden
    assert result.team is not None and (result.team.name, result.team.period) == ("Salg Øst", "2026-W48")
    assert result.manages_team
    gaps = {axis: round(gap.difference, 6) for axis, gap in comparison.axis_gaps.items() if gap}
    assert gaps == {Axis.SAFETY: -0.8, Axis.STANDARD: 0.6, Axis.ADMINISTRATION: -1.6}
    assert not hasattr(comparison, "trait_gaps")  # a team's trait figure is never shown (TeamSummary)
    assert comparison.largest_gap is not None and comparison.largest_gap[0] == "axis.administration"


def test_with_several_teams_the_most_recent_shown_week_is_used(flow: SurveyFlow, db: Database) -> None:
    team_with_weeks(db, "U1", [("2026-W47", TEAM_WEEK)], channel="C_A", name="Team A")
    team_with_weeks(db, "U1", [("2026-W48", TEAM_WEEK)], channel="C_B", name="Team B")
    team_with_weeks(db, "U1", [("2026-W48", TEAM_WEEK)], channel="C_C", name="Team C")  # a tie: B was first
    team_with_weeks(db, "U1", [("2026-W49", TEAM_WEEK[:4])], channel="C_D", name="Team D")  # suppressed

    result = self_run(flow, "U1", leader(4, 4, 4))

    assert result.team is not None and (result.team.name, result.team.period) == ("Team B", "2026-W48")


def test_a_suppressed_latest_week_hides_the_team_even_after_a_shown_one(
    flow: SurveyFlow, db: Database
) -> None:
    team_with_weeks(db, "U1", [("2026-W47", TEAM_WEEK), ("2026-W48", TEAM_WEEK[:4])])

    result = self_run(flow, "U1", leader(4, 4, 4))

    comparison = result.comparison
    assert comparison is not None and comparison.team_hidden
    assert (result.team, result.manages_team) == (None, True)
    assert all(gap is None for gap in comparison.axis_gaps.values())


def test_another_teams_manager_gets_no_figures_of_it(flow: SurveyFlow, db: Database) -> None:
    published_team(db, "U2")

    result = self_run(flow, "U1", leader(4, 4, 4))

    assert result.comparison is not None and result.comparison.team_hidden
    assert (result.team, result.manages_team) == (None, False)


def test_the_profile_uses_the_teams_cutoff(flow: SurveyFlow, db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        team.cutoff = 4.5
        s.add(team)
        add_member(s, team, "U1", role=Role.MANAGER)

    result = self_run(flow, "U1", leader(4, 4, 4))

    assert result.comparison is not None
    # 4.0 on both is not hard pressure against a cutoff of 4.5 (it would be BEST against 3.5): a level board
    assert result.comparison.profile is LeaderProfile.BALANCED
    with db.session() as s:
        assert runs.count_answers(s, result.run_id) == 40
