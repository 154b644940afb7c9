"""When scheduled pulses, reminders and summaries are due: pure functions of dates, zones and settings.

Nothing here reads a clock; the caller passes the instant or the local date.

Local times are DST-safe:
- a local time that does not exist (the spring-forward gap, e.g. 02:30 in Oslo on the last Sunday of
  March) moves forward to the first instant that exists, the end of the gap (03:00 local);
- a local time that occurs twice (the autumn fall-back, e.g. 02:30 on the last Sunday of October) is
  taken at its first occurrence (still summer time), so nothing is sent an hour late.

Working days are Monday to Friday minus the team's own no-send dates (ISO `YYYY-MM-DD` strings).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coaching.pulse import period_of

WEEKEND = frozenset({5, 6})
_SEARCH_DAYS = 366
"""How far ahead `next_working_day` looks before giving up (a team that blocks a whole year)."""


def zone(tz: str | None) -> ZoneInfo:
    """The zone for an IANA name; UTC when the name is missing or unknown."""
    if tz:
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo("UTC")


def is_valid_tz(tz: str | None) -> bool:
    if not tz:
        return False
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def effective_tz(member_tz: str | None, team_tz: str | None) -> str:
    """The zone a member's pulse follows: their own Slack zone, else the team's, else UTC."""
    if is_valid_tz(member_tz):
        return member_tz  # type: ignore[return-value]
    if is_valid_tz(team_tz):
        return team_tz  # type: ignore[return-value]
    return "UTC"


def local_date(now: datetime, tz: str | None) -> date:
    """The calendar date at instant `now` in zone `tz`."""
    return now.astimezone(zone(tz)).date()


def local_instant(day: date, minute: int, tz: str | None) -> datetime:
    """The UTC instant of local wall time `minute` (minutes after midnight) on `day` in `tz`.

    In the spring gap the result is the end of the gap; for an ambiguous autumn time, the first
    occurrence (see the module docstring).
    """
    z = zone(tz)
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    first = wall.replace(tzinfo=z, fold=0).astimezone(UTC)
    if first.astimezone(z).replace(tzinfo=None) == wall:
        return first  # exists (and for an ambiguous time fold=0 is the first occurrence)
    # In a gap: fold=0 reads the wall time with the offset before the jump (too late), fold=1 with the
    # offset after it (too early). The jump lies between; find, to the second, the first instant whose
    # wall time is at or after the requested one.
    low = int(wall.replace(tzinfo=z, fold=1).timestamp())
    high = int(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, z).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def is_working_day(day: date, no_send_dates: Collection[str] = ()) -> bool:
    """Monday to Friday, and not one of the team's no-send dates."""
    return day.weekday() not in WEEKEND and day.isoformat() not in no_send_dates


def next_working_day(after: date, no_send_dates: Collection[str] = ()) -> date | None:
    """The first working day strictly after `after`."""
    day = after
    for _ in range(_SEARCH_DAYS):
        day += timedelta(days=1)
        if is_working_day(day, no_send_dates):
            return day
    return None


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_in_week(day: date, weekday: int, no_send_dates: Collection[str]) -> date | None:
    """The configured weekday of `day`'s ISO week; when that is not a working day, the next working day
    of the same week; None when the rest of the week is blocked (nothing is sent that week)."""
    monday = week_monday(day)
    for offset in range(max(0, weekday), 7):
        candidate = monday + timedelta(days=offset)
        if is_working_day(candidate, no_send_dates):
            return candidate
    return None


def pulse_date(
    day: date, weekday: int, no_send_dates: Collection[str] = (), first: date | None = None
) -> date | None:
    """The date of the pulse in the ISO week containing `day` (`weekday` 0 = Monday). In the week of a
    new team's "send this week's pulse now" (`first`, from `first_pulse_day`) that day instead."""
    if first is not None and week_monday(first) == week_monday(day):
        return first
    return _weekday_in_week(day, weekday, no_send_dates)


def first_pulse_day(
    first_pulse_at: datetime | None, tz: str | None, no_send_dates: Collection[str] = ()
) -> date | None:
    """The local day a new team's "send this week's pulse now" goes out: the day it was asked for, or,
    on a weekend or a no-send date, the next working day of the same ISO week, as a scheduled pulse
    moves; None without one, or when the rest of that week is blocked (the next pulse day applies)."""
    if first_pulse_at is None:
        return None
    asked = local_date(first_pulse_at, tz)
    return _weekday_in_week(asked, asked.weekday(), no_send_dates)


def pulse_instant(day: date, minute: int, tz: str | None, first_pulse_at: datetime | None = None) -> datetime:
    """When the pulse of `day` is due: the moment "send now" was asked for when that was on this very
    day, else the team's pulse time."""
    if first_pulse_at is not None and local_date(first_pulse_at, tz) == day:
        return first_pulse_at
    return local_instant(day, minute, tz)


def reminder_date(pulse_day: date, no_send_dates: Collection[str] = ()) -> date | None:
    """The one reminder goes out on the next working day after the pulse (possibly in the next week)."""
    return next_working_day(pulse_day, no_send_dates)


def summary_date(day: date, weekday: int, no_send_dates: Collection[str] = ()) -> date | None:
    """The date of the weekly summary in the ISO week containing `day`, by the same rule as the pulse."""
    return _weekday_in_week(day, weekday, no_send_dates)


def reported_pulse_date(
    summary_day: date,
    pulse_weekday: int,
    pulse_minute: int,
    summary_weekday: int,
    summary_minute: int,
    no_send_dates: Collection[str] = (),
) -> date | None:
    """The pulse a summary on `summary_day` reports on: the latest one sent before it.

    A team whose summary comes after its pulse in the week (the default: pulse Monday 09:00, summary
    Friday 14:00) gets this week's pulse. A team whose summary comes first (e.g. pulse Friday, summary
    Monday, or both on one day with the summary earlier) gets last week's: this week's has not gone out
    yet. None when that pulse did not happen (its week was blocked, or it was moved past the summary).
    """
    if (pulse_weekday, pulse_minute) < (summary_weekday, summary_minute):
        pulse = pulse_date(summary_day, pulse_weekday, no_send_dates)
        if pulse is None or (pulse, pulse_minute) >= (summary_day, summary_minute):
            return None
        return pulse
    return pulse_date(summary_day - timedelta(weeks=1), pulse_weekday, no_send_dates)


def latest_reminder(
    today: date, weekday: int, no_send_dates: Collection[str] = (), first: date | None = None
) -> tuple[date, date] | None:
    """The latest pulse before today, with its reminder date, when that reminder is due today or was due
    earlier: (pulse date, reminder date). None while the latest pulse's reminder is still ahead.

    Looks back over this and the two previous weeks (a Friday pulse is reminded on Monday). `first`:
    as for `pulse_date` (a pulse sent at setup is reminded the working day after it).
    """
    for weeks_back in (0, 1, 2):
        pulse = pulse_date(today - timedelta(weeks=weeks_back), weekday, no_send_dates, first)
        if pulse is None or pulse >= today:
            continue
        reminder = reminder_date(pulse, no_send_dates)
        return (pulse, reminder) if reminder is not None and reminder <= today else None
    return None


def week_period(local_day: date) -> str:
    """The pulse period of a member-local date: its ISO week, e.g. "2026-W48"."""
    return period_of(local_day)
