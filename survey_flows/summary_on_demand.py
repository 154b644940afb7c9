"""A manager's own look at their team's summary (`/balanse oppsummering`), independent of any UI.

Only an active manager of the team gets anything; a manager of several teams chooses one. What is shown
is the team's latest *published* summary, from the frozen snapshots (`latest_summary`), never a figure
computed for the asker. Before the first summary, the manager learns when it comes (`first_week`) and
how far the week it will report on has come, as a count only and under the same rule as every figure: the
number of respondents is said only once it reaches the team's minimum ("fewer than 5" until then). A
count below the minimum, asked for again and again, would tell the manager the moment one person
answered, and so who; the channel's summary shows a small count once, frozen, for the whole week.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from coaching.summary import TeamSummary
from storage import members, summaries, teams
from storage.db import Database
from survey_flows.first_week import FirstWeek, first_week
from survey_flows.summary_weeks import ITEM_META, latest_summary, reported_period
from survey_flows.survey import Clock
from survey_flows.views import TeamView


class SummaryAsk(StrEnum):
    NOT_MANAGER = "not_manager"
    """The asker manages no team (or not the one asked for): nothing about any team is said."""
    CHOOSE = "choose"
    """The asker manages several teams: `teams` lists them."""
    PUBLISHED = "published"
    """`summary` is the team's latest published summary."""
    NOT_YET = "not_yet"
    """No summary of the team has been published yet: `first` and `progress` say what comes."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the week the first summary reports on has come, as counts a manager may see."""

    pulse_sent: bool
    """Whether that week's pulse has gone out to anyone yet."""
    answered: int | None
    """How many answered; None while fewer than `minimum` have (then only "fewer than" is said)."""
    eligible: int
    minimum: int


@dataclass(frozen=True, slots=True)
class SummaryAnswer:
    status: SummaryAsk
    team: TeamView | None = None
    teams: tuple[TeamView, ...] = ()
    summary: TeamSummary | None = None
    first: FirstWeek | None = None
    progress: Progress | None = None
    sellers: int = 0
    """The team's active sellers (a team with fewer than its minimum never shows a figure)."""


class SummaryOnDemand:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def ask(self, workspace_id: str, user_id: str, team_id: int | None = None) -> SummaryAnswer:
        """What `user_id` may see of the summary of `team_id`, or of their one team when None."""
        now = self.clock()
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            managed = teams.managed_teams(s, workspace_id, member.id) if member else ()  # type: ignore[arg-type]
            chosen = [t for t in managed if team_id is None or t.id == team_id]
            if not chosen:
                return SummaryAnswer(SummaryAsk.NOT_MANAGER)
            if len(chosen) > 1:
                return SummaryAnswer(SummaryAsk.CHOOSE, teams=tuple(TeamView.of(t) for t in chosen))
            team = TeamView.of(chosen[0])
            sellers = len(teams.active_sellers(s, team.id))
            summary = latest_summary(s, team.id)
            if summary is not None:
                return SummaryAnswer(SummaryAsk.PUBLISHED, team, summary=summary, sellers=sellers)
            first = first_week(team, now)
            progress = None
            if first.summary_at is not None:
                period = reported_period(team, first.summary_at)
                if period is not None:
                    progress = progress_of(s, team, period)
            return SummaryAnswer(SummaryAsk.NOT_YET, team, first=first, progress=progress, sellers=sellers)


def progress_of(s: Session, team: TeamView, period: str) -> Progress:
    """How many of the team answered the pulse of `period`, as a manager may see it (the rule above: a
    count only from the team's minimum on). Also App Home's teams at a glance (survey_flows/team_glance.py)."""
    if not summaries.has_pulse_runs(s, team.id, period):
        return Progress(False, None, 0, team.min_respondents)
    week = summaries.week_figures(s, team.workspace_id, team.id, period, ITEM_META)
    shown = week.respondents if week.respondents >= team.min_respondents else None
    return Progress(True, shown, week.eligible, team.min_respondents)
