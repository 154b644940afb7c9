"""The coaching flow and the seed (issue 10, part 1) without Slack: the team's first lever comes from its
published summary, the foundation included."""

from __future__ import annotations

from coaching.zones import Lever, Zone
from survey_flows.coaching import CoachingFlow
from tests.support.coaching import Teams
from tests.support.coaching_flow import Shown, Summaries, answer_all, coach, started, summaries, team_ids

__all__ = ["coach", "summaries", "team_ids"]  # fixtures


def test_the_teams_failing_foundation_comes_first_in_the_advice(
    coach: CoachingFlow, summaries: Summaries, team_ids: Teams
) -> None:
    summaries.by_team[team_ids.nord] = Shown("2026-W47", False, Zone.COMFORT, Lever.FOUNDATION_FIRST)

    done = answer_all(coach, started(coach, "Ola kan, men gidder ikke"), {})

    assert done.advice is not None
    advice = done.advice.advice
    assert advice.lever is Lever.FOUNDATION_FIRST
    text = advice.team_lever("nb")
    assert text is not None and text.startswith("Administrasjonsansvaret svikter i teamet")
    assert "Teamet er i komfortsonen" in text
