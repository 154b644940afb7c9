"""What a manager sees of their teams on App Home: when the next pulse and the next summary go out, and how
many of the team have answered this week's pulse so far, as a count only and only from the team's minimum on
("2 of 4"; "fewer than 5" before): the same rule as `/balanse oppsummering` (summary_on_demand.progress_of).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coaching.pulse import period_of, week_monday
from storage import members, teams
from storage.db import Database
from survey_flows import calendar
from survey_flows.first_week import first_pulse_at, next_summary_at
from survey_flows.summary_on_demand import Progress, progress_of
from survey_flows.views import TeamView

Clock = Callable[[], datetime]
_WEEKS_AHEAD = 4
"""How far ahead the next pulse is looked for (no-send dates may block a week or two)."""


@dataclass(frozen=True, slots=True)
class TeamGlance:
    team: TeamView
    next_pulse: datetime | None
    """When the next pulse goes out (the team's pulse time on its zone's clock; each seller gets it at that
    time in their own zone). None when no pulse is due within the next weeks."""
    next_summary: datetime | None
    """The next summary with a pulse to report on (survey_flows/first_week.py)."""
    progress: Progress
    """This week's pulse so far (team-local ISO week)."""


def next_pulse_at(team: TeamView, now: datetime) -> datetime | None:
    """The first pulse instant after `now` by the team's settings, in UTC."""
    today = calendar.local_date(now, team.tz)
    for weeks in range(_WEEKS_AHEAD):
        day = calendar.pulse_date(today + timedelta(weeks=weeks), team.pulse_weekday, team.no_send_dates)
        if day is None:
            continue
        moment = calendar.local_instant(day, team.pulse_minute, team.tz)
        if moment > now:
            return moment
    return None


def next_period_start(period: str) -> date:
    """The first day of the period after `period`: the next month ("2026-12" -> 2027-01-01) or the next
    ISO week's Monday ("2026-W49" -> the Monday of 2026-W50)."""
    if "-W" in period:
        return week_monday(period) + timedelta(weeks=1)
    year, month = (int(part) for part in period.split("-"))
    return date(year + month // 12, month % 12 + 1, 1)


class TeamGlances:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def of_manager(self, workspace_id: str, user_id: str) -> list[TeamGlance]:
        """The teams this person actively manages, in the order they were set up."""
        now = self.clock()
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return []
            glances = []
            for row in teams.managed_teams(s, workspace_id, member.id):  # type: ignore[arg-type]
                team = TeamView.of(row)
                week = period_of(calendar.local_date(now, team.tz))
                first = first_pulse_at(team, team.created_at or now)
                glances.append(
                    TeamGlance(
                        team=team,
                        next_pulse=next_pulse_at(team, now),
                        next_summary=next_summary_at(team, now, first),
                        progress=progress_of(s, team, week),
                    )
                )
            return glances
