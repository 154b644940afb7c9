"""A team's first week: when its first pulse goes out and when its first summary with a pulse to report
on comes. Pure date rules over the team's settings (survey_flows/calendar.py), in the team's zone; the
setup confirmation and a manager's `/balanse oppsummering` before the first summary say them.

Each seller gets the pulse in their own zone, so for a team spread over zones the day shown here is the
team's; the summary is in the team's zone for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coaching.pulse import period_of
from survey_flows import calendar
from survey_flows.views import TeamView

_LOOK_AHEAD_DAYS = 28
"""How far ahead the first summary is looked for (a team blocking four weeks gets no date)."""


@dataclass(frozen=True, slots=True)
class FirstWeek:
    pulse_now: bool
    """The first pulse went out (or goes out) on the day the team was saved, as asked."""
    pulse_at: datetime | None
    """When the first pulse goes out (UTC); None when none is due within the look-ahead."""
    summary_at: datetime | None
    """When the first summary that has a pulse to report on comes (UTC); None beyond the look-ahead."""


def first_pulse_at(team: TeamView, since: datetime) -> datetime | None:
    """The team's first pulse: the "send now" one, else the first pulse time at or after `since`."""
    now_day = calendar.first_pulse_day(team.first_pulse_at, team.tz, team.no_send_dates)
    if now_day is not None and team.first_pulse_at is not None:
        return calendar.pulse_instant(now_day, team.pulse_minute, team.tz, team.first_pulse_at)
    start = calendar.local_date(since, team.tz)
    for weeks in range(_LOOK_AHEAD_DAYS // 7 + 1):
        day = calendar.pulse_date(start + timedelta(weeks=weeks), team.pulse_weekday, team.no_send_dates)
        if day is None:
            continue
        moment = calendar.local_instant(day, team.pulse_minute, team.tz)
        if moment >= since:
            return moment
    return None


def next_summary_at(team: TeamView, now: datetime, first_pulse: datetime | None) -> datetime | None:
    """The next summary after `now` that reports on a week with a pulse (the week of `first_pulse` or a
    later one): a summary before the first pulse's week is skipped, never posted as "0 of N"."""
    if first_pulse is None:
        return None
    first_week = period_of(calendar.local_date(first_pulse, team.tz))
    today = calendar.local_date(now, team.tz)
    for offset in range(_LOOK_AHEAD_DAYS):
        day = today + timedelta(days=offset)
        if calendar.summary_date(day, team.summary_weekday, team.no_send_dates) != day:
            continue
        moment = calendar.local_instant(day, team.summary_minute, team.tz)
        reported = _reported(team, day)
        if moment > now and reported is not None and period_of(reported) >= first_week:
            return moment
    return None


def first_week(team: TeamView, now: datetime) -> FirstWeek:
    """The first pulse and the first summary of `team`, as seen at `now` (e.g. just after the save)."""
    pulse = first_pulse_at(team, team.created_at or now)
    pulse_now = team.first_pulse_at is not None and pulse == team.first_pulse_at
    return FirstWeek(pulse_now, pulse, next_summary_at(team, now, pulse))


def _reported(team: TeamView, summary_day: date) -> date | None:
    return calendar.reported_pulse_date(
        summary_day,
        team.pulse_weekday,
        team.pulse_minute,
        team.summary_weekday,
        team.summary_minute,
        team.no_send_dates,
    )
