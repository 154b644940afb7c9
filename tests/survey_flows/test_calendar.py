"""When pulses, reminders and summaries are due: local times across DST and zones, working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey_flows import calendar

NINE = 9 * 60
MONDAY, TUESDAY, WEDNESDAY, FRIDAY = 0, 1, 2, 4


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- local send instants ---------------------------------------------------------------------------------


def test_oslo_0900_is_0800_utc_in_winter_and_0700_in_summer() -> None:
    assert calendar.local_instant(date(2026, 11, 23), NINE, "Europe/Oslo") == utc(2026, 11, 23, 8)
    assert calendar.local_instant(date(2026, 6, 1), NINE, "Europe/Oslo") == utc(2026, 6, 1, 7)


def test_oslo_across_the_spring_change_keeps_0900_local() -> None:
    # DST starts Sunday 29 March 2026: Friday before is +01:00, Monday after is +02:00.
    assert calendar.local_instant(date(2026, 3, 27), NINE, "Europe/Oslo") == utc(2026, 3, 27, 8)
    assert calendar.local_instant(date(2026, 3, 30), NINE, "Europe/Oslo") == utc(2026, 3, 30, 7)


def test_oslo_across_the_autumn_change_keeps_0900_local() -> None:
    # DST ends Sunday 25 October 2026.
    assert calendar.local_instant(date(2026, 10, 23), NINE, "Europe/Oslo") == utc(2026, 10, 23, 7)
    assert calendar.local_instant(date(2026, 10, 26), NINE, "Europe/Oslo") == utc(2026, 10, 26, 8)


def test_a_time_in_the_spring_gap_moves_forward_to_the_end_of_the_gap() -> None:
    # 02:30 does not exist in Oslo on 29 March 2026; the first valid instant after it is 03:00 CEST.
    assert calendar.local_instant(date(2026, 3, 29), 2 * 60 + 30, "Europe/Oslo") == utc(2026, 3, 29, 1)
    # New York springs forward on 8 March 2026 at 02:00 -> 03:00 EDT (07:00 UTC).
    assert calendar.local_instant(date(2026, 3, 8), 2 * 60 + 30, "America/New_York") == utc(2026, 3, 8, 7)


def test_an_ambiguous_autumn_time_takes_its_first_occurrence() -> None:
    # 02:30 happens twice in Oslo on 25 October 2026: first at +02:00 (00:30 UTC), then at +01:00.
    assert calendar.local_instant(date(2026, 10, 25), 2 * 60 + 30, "Europe/Oslo") == utc(2026, 10, 25, 0, 30)
    # New York falls back on 1 November 2026: 01:30 EDT is 05:30 UTC.
    assert calendar.local_instant(date(2026, 11, 1), 90, "America/New_York") == utc(2026, 11, 1, 5, 30)


def test_new_york_and_kolkata_local_nine() -> None:
    assert calendar.local_instant(date(2026, 11, 23), NINE, "America/New_York") == utc(2026, 11, 23, 14)
    assert calendar.local_instant(date(2026, 7, 6), NINE, "America/New_York") == utc(2026, 7, 6, 13)
    # India has no DST and a half-hour offset: 09:00 IST is 03:30 UTC all year.
    assert calendar.local_instant(date(2026, 11, 23), NINE, "Asia/Kolkata") == utc(2026, 11, 23, 3, 30)
    assert calendar.local_instant(date(2026, 6, 1), NINE, "Asia/Kolkata") == utc(2026, 6, 1, 3, 30)


def test_local_date_depends_on_the_zone() -> None:
    # Monday 00:30 UTC is still Sunday evening in New York, already Monday morning in Kolkata.
    now = utc(2026, 11, 23, 0, 30)
    assert calendar.local_date(now, "America/New_York") == date(2026, 11, 22)
    assert calendar.local_date(now, "Asia/Kolkata") == date(2026, 11, 23)


def test_unknown_or_missing_zones_fall_back() -> None:
    assert calendar.effective_tz("America/New_York", "Europe/Oslo") == "America/New_York"
    assert calendar.effective_tz(None, "Europe/Oslo") == "Europe/Oslo"
    assert calendar.effective_tz("Mars/Olympus", "Europe/Oslo") == "Europe/Oslo"
    assert calendar.effective_tz(None, None) == "UTC"
    assert calendar.local_instant(date(2026, 11, 23), NINE, "Nowhere/Land") == utc(2026, 11, 23, 9)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 31)),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    tz=st.sampled_from(["Europe/Oslo", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]),
)
def test_the_instant_reads_back_as_the_wall_time_or_the_end_of_a_gap(day: date, minute: int, tz: str) -> None:
    instant = calendar.local_instant(day, minute, tz)
    wall = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)
    local = instant.astimezone(calendar.zone(tz)).replace(tzinfo=None)
    assert local >= wall
    assert local - wall <= timedelta(hours=1)  # only a gap moves it, and gaps are at most an hour here
    # Nothing earlier reads as the wall time or later: this is the first such instant.
    before = (instant - timedelta(seconds=1)).astimezone(calendar.zone(tz)).replace(tzinfo=None)
    assert before < wall


# -- working days and the week's dates -------------------------------------------------------------------


def test_weekends_are_never_working_days() -> None:
    assert calendar.is_working_day(date(2026, 11, 27))  # Friday
    assert not calendar.is_working_day(date(2026, 11, 28))  # Saturday
    assert not calendar.is_working_day(date(2026, 11, 29))  # Sunday
    assert not calendar.is_working_day(date(2026, 12, 25), ["2026-12-25"])


def test_pulse_date_is_the_configured_weekday_of_the_iso_week() -> None:
    for day in (date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 29)):  # Monday, Wednesday, Sunday
        assert calendar.pulse_date(day, MONDAY) == date(2026, 11, 23)
        assert calendar.pulse_date(day, WEDNESDAY) == date(2026, 11, 25)


def test_a_no_send_date_moves_the_pulse_to_the_next_working_day_of_the_week() -> None:
    assert calendar.pulse_date(date(2026, 12, 21), MONDAY, ["2026-12-21"]) == date(2026, 12, 22)
    assert calendar.pulse_date(date(2026, 12, 21), MONDAY, ["2026-12-21", "2026-12-22"]) == date(2026, 12, 23)
    # Friday blocked: no working day left in that week, so no pulse that week.
    assert calendar.pulse_date(date(2026, 12, 21), FRIDAY, ["2026-12-25"]) is None


def test_a_weekend_weekday_never_gives_a_pulse() -> None:
    assert calendar.pulse_date(date(2026, 11, 23), 5) is None


def test_reminder_is_the_next_working_day_after_the_pulse() -> None:
    assert calendar.reminder_date(date(2026, 11, 23)) == date(2026, 11, 24)  # Monday -> Tuesday
    assert calendar.reminder_date(date(2026, 11, 27)) == date(2026, 11, 30)  # Friday -> Monday
    assert calendar.reminder_date(date(2026, 11, 23), ["2026-11-24"]) == date(2026, 11, 25)


def test_latest_reminder_is_due_on_the_reminder_date_and_overdue_after() -> None:
    assert calendar.latest_reminder(date(2026, 11, 23), MONDAY) == (date(2026, 11, 16), date(2026, 11, 17))
    assert calendar.latest_reminder(date(2026, 11, 24), MONDAY) == (date(2026, 11, 23), date(2026, 11, 24))
    assert calendar.latest_reminder(date(2026, 11, 26), MONDAY) == (date(2026, 11, 23), date(2026, 11, 24))
    # A Friday pulse is reminded on the Monday of the next week.
    assert calendar.latest_reminder(date(2026, 11, 30), FRIDAY) == (date(2026, 11, 27), date(2026, 11, 30))
    # While the latest pulse's reminder is still ahead, nothing is due (not even an older one).
    assert calendar.latest_reminder(date(2026, 11, 24), MONDAY, ["2026-11-24"]) is None


def test_summary_date_follows_the_same_rule() -> None:
    assert calendar.summary_date(date(2026, 11, 23), FRIDAY) == date(2026, 11, 27)
    assert calendar.summary_date(date(2026, 11, 23), WEDNESDAY, ["2026-11-25"]) == date(2026, 11, 26)


def test_a_summary_reports_on_the_latest_pulse_sent_before_it() -> None:
    fourteen = 14 * 60
    # The default: pulse Monday 09:00, summary Friday 14:00 -> this week's pulse.
    assert calendar.reported_pulse_date(date(2026, 11, 27), MONDAY, NINE, FRIDAY, fourteen) == date(
        2026, 11, 23
    )
    # Pulse Friday, summary Monday: this week's pulse is not out yet -> last week's.
    assert calendar.reported_pulse_date(date(2026, 11, 30), FRIDAY, NINE, MONDAY, fourteen) == date(
        2026, 11, 27
    )
    # The same day, the summary before the pulse -> last week's; after it -> this week's.
    assert calendar.reported_pulse_date(date(2026, 11, 23), MONDAY, NINE, MONDAY, 8 * 60) == date(
        2026, 11, 16
    )
    assert calendar.reported_pulse_date(date(2026, 11, 23), MONDAY, NINE, MONDAY, fourteen) == date(
        2026, 11, 23
    )
    # A pulse moved by a no-send date is still reported on; one whose whole week was blocked is not.
    assert calendar.reported_pulse_date(
        date(2026, 11, 27), MONDAY, NINE, FRIDAY, fourteen, ["2026-11-23"]
    ) == date(2026, 11, 24)
    blocked = [f"2026-11-{day}" for day in range(23, 28)]
    assert calendar.reported_pulse_date(date(2026, 11, 27), MONDAY, NINE, FRIDAY, fourteen, blocked) is None
    assert calendar.reported_pulse_date(date(2026, 11, 30), FRIDAY, NINE, MONDAY, fourteen, blocked) is None


@pytest.mark.parametrize(
    ("day", "period"),
    [(date(2026, 11, 23), "2026-W48"), (date(2027, 1, 1), "2026-W53"), (date(2024, 12, 30), "2025-W01")],
)
def test_week_period_is_the_iso_week(day: date, period: str) -> None:
    assert calendar.week_period(day) == period
