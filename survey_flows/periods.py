"""Dates and periods as people say them, in the reader's language: "fredag 4. desember kl. 14:00",
"desember 2026", "uke 49" (never "2026-W49" or "2026-12" in a text a person reads)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from coaching.i18n import t
from coaching.locale import Locale
from survey_flows import calendar

WEEKDAY_KEYS: Final = (
    "setup.weekday.0",
    "setup.weekday.1",
    "setup.weekday.2",
    "setup.weekday.3",
    "setup.weekday.4",
)
"""Monday .. Friday, lower case where the language writes them so in running text."""
MONTH_KEYS: Final = (
    "period.month.1",
    "period.month.2",
    "period.month.3",
    "period.month.4",
    "period.month.5",
    "period.month.6",
    "period.month.7",
    "period.month.8",
    "period.month.9",
    "period.month.10",
    "period.month.11",
    "period.month.12",
)
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")
_WEEK: Final = re.compile(r"\d{4}-W(\d{2})")


def weekday_name(locale: Locale, weekday: int) -> str:
    return t(locale, WEEKDAY_KEYS[weekday])


def spoken_date(locale: Locale, day: date) -> str:
    """ "fredag 4. desember", "fredag 4 december", "Friday 4 December" (working days only)."""
    return t(
        locale,
        "period.date",
        weekday=weekday_name(locale, day.weekday()),
        day=day.day,
        month=t(locale, MONTH_KEYS[day.month - 1]),
    )


def spoken_moment(locale: Locale, moment: datetime, tz: str) -> str:
    """ "fredag 4. desember kl. 14:00" in zone `tz`."""
    local = moment.astimezone(ZoneInfo(tz))
    return t(locale, "period.at", date=spoken_date(locale, local.date()), time=f"{local:%H:%M}")


def spoken_period(locale: Locale, period: str) -> str:
    """A run's period as people say it: "desember 2026" for a month, "uke 49" for an ISO week."""
    if week := _WEEK.fullmatch(period):
        return t(locale, "period.week", week=int(week.group(1)))
    if month := _MONTH.fullmatch(period):
        name = t(locale, MONTH_KEYS[int(month.group(2)) - 1])
        return t(locale, "period.month", month=name, year=month.group(1))
    return period


def when(locale: Locale, moment: datetime, tz: str | None) -> str:
    """A reminder's time in the manager's zone: "mandag 7.12.2026 kl. 09.00"."""
    local = moment.astimezone(calendar.zone(tz))
    pad = locale == "en"  # 2026-12-07 in English, 7.12.2026 and 7/12 2026 in nb and sv
    text = t(
        locale,
        "coach.when",
        weekday=weekday_name(locale, local.weekday()) if local.weekday() < 5 else "",
        day=f"{local.day:02d}" if pad else local.day,
        month=f"{local.month:02d}" if pad else local.month,
        year=local.year,
        hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}",
    )
    return text.strip(" ,")
