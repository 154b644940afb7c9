"""What a manager sees of their teams on App Home: when the next pulse and the next summary go out, and how
many of the team have answered this week's pulse so far, as a count only ("2 of 4"): no figure, no name.

Computed from the teams' settings and the same weekly count the summary uses (storage.week_figures:
respondents of the team's active sellers, out of those sent the pulse, or all of them before it is sent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from coaching.pulse import period_of, week_monday
from storage import members, summaries, teams
from storage.db import Database
from storage.models import Team
from survey_flows import calendar
from survey_flows.summaries import ITEM_META

Clock = Callable[[], datetime]
_WEEKS_AHEAD = 4
"""How far ahead the next pulse or summary is looked for (no-send dates may block a week or two)."""


@dataclass(frozen=True, slots=True)
class TeamGlance:
    name: str
    channel_id: str
    tz: str
    next_pulse: datetime | None
    """When the next pulse goes out (the team's pulse time on its zone's clock; each seller gets it at that
    time in their own zone). None when no pulse is due within the next weeks."""
    next_summary: datetime | None
    answered: int
    """How many of the team answered this week's pulse so far (at least one question)."""
    eligible: int


def next_at(
    now: datetime,
    tz: str,
    weekday: int,
    minute: int,
    no_send_dates: tuple[str, ...],
    *,
    summary: bool = False,
) -> datetime | None:
    """The first pulse (or summary) instant after `now` by the team's settings, in UTC."""
    today = calendar.local_date(now, tz)
    pick = calendar.summary_date if summary else calendar.pulse_date
    for weeks in range(_WEEKS_AHEAD):
        day = pick(today + timedelta(weeks=weeks), weekday, no_send_dates)
        if day is None:
            continue
        moment = calendar.local_instant(day, minute, tz)
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
            return [self._glance(s, team, now) for team in teams.managed_teams(s, workspace_id, member.id)]  # type: ignore[arg-type]

    @staticmethod
    def _glance(s: Session, team: Team, now: datetime) -> TeamGlance:
        dates = tuple(team.no_send_dates or ())
        week = period_of(calendar.local_date(now, team.tz))
        figures = summaries.week_figures(s, team.workspace_id, team.id, week, ITEM_META)  # type: ignore[arg-type]
        return TeamGlance(
            name=team.name,
            channel_id=team.channel_id,
            tz=team.tz,
            next_pulse=next_at(now, team.tz, team.pulse_weekday, team.pulse_minute, dates),
            next_summary=next_at(
                now, team.tz, team.summary_weekday, team.summary_minute, dates, summary=True
            ),
            answered=figures.respondents,
            eligible=figures.eligible,
        )
