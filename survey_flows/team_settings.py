"""What a manager chooses for a team (the setup form's fields) and the rules those choices must meet."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coaching.locale import DEFAULT_LOCALE, LOCALES
from survey_flows.views import TeamView

NAME_MAX = 80
MIN_RESPONDENTS_FLOOR = 3
MIN_RESPONDENTS_CEILING = 50
"""A raised minimum holds every published week for good: a typo (50 for 5, or 10**12) must not hide a team's
history or overflow the column, so the form takes no more than this."""
"""Anonymity: never fewer answers than this behind a shown figure, whatever a team asks for."""
DEFAULT_MIN_RESPONDENTS = 5
DEFAULT_CUTOFF = 3.5
CUTOFF_RANGE = (1.0, 5.0)
WORKDAYS = range(5)
"""0 = Monday .. 4 = Friday; nothing is ever sent on a Saturday or a Sunday."""
MINUTES_PER_DAY = 24 * 60

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_SEPARATORS = re.compile(r"[\s,;]+")


def parse_dates(text: str | None) -> tuple[str, ...]:
    """The dates of a comma- or space-separated list as typed (validated by `TeamSettings.validate`)."""
    tokens = [token for token in _DATE_SEPARATORS.split(text or "") if token]
    return tuple(dict.fromkeys(tokens))


def is_iso_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class TeamSettings:
    """What a manager chooses for a team. Ids are Slack user ids."""

    name: str
    manager_ids: tuple[str, ...]
    member_ids: tuple[str, ...]
    pulse_weekday: int = 0
    pulse_minute: int = 9 * 60
    summary_weekday: int = 4
    summary_minute: int = 14 * 60
    locale: str = DEFAULT_LOCALE
    min_respondents: int = DEFAULT_MIN_RESPONDENTS
    cutoff: float = DEFAULT_CUTOFF
    no_send_dates: tuple[str, ...] = ()
    send_pulse_now: bool = False
    """Only when the team is created: this week's pulse goes out at once instead of waiting for the next
    pulse day (not a setting: it is never read back into the form)."""

    @property
    def seller_ids(self) -> tuple[str, ...]:
        """The members who are not also managers (a person in both lists counts as manager only)."""
        managers = set(self.manager_ids)
        return tuple(dict.fromkeys(m for m in self.member_ids if m not in managers))

    def validate(self) -> dict[str, str]:
        """Field name -> catalog key of what is wrong with it; empty when the settings can be saved."""
        errors: dict[str, str] = {}
        name = self.name.strip()
        if not name:
            errors["name"] = "setup.error.name_empty"
        elif len(name) > NAME_MAX:
            errors["name"] = "setup.error.name_long"
        if not self.manager_ids:
            errors["manager_ids"] = "setup.error.no_manager"
        if not self.seller_ids:
            errors["member_ids"] = "setup.error.no_sellers"
        for day in ("pulse_weekday", "summary_weekday"):
            if getattr(self, day) not in WORKDAYS:
                errors[day] = "setup.error.weekend"
        for minute in ("pulse_minute", "summary_minute"):
            if not 0 <= getattr(self, minute) < MINUTES_PER_DAY:
                errors[minute] = "setup.error.time"
        if self.locale not in LOCALES:
            errors["locale"] = "setup.error.locale"
        if self.min_respondents < MIN_RESPONDENTS_FLOOR:
            errors["min_respondents"] = "setup.error.min_respondents"
        elif self.min_respondents > MIN_RESPONDENTS_CEILING:
            errors["min_respondents"] = "setup.error.min_respondents_high"
        low, high = CUTOFF_RANGE
        if not (math.isfinite(self.cutoff) and low <= self.cutoff <= high):
            errors["cutoff"] = "setup.error.cutoff"
        if not all(is_iso_date(day) for day in self.no_send_dates):
            errors["no_send_dates"] = "setup.error.dates"
        return errors

    def columns(self) -> dict[str, object]:
        """The team table's values for these (validated) settings."""
        return {
            "name": self.name.strip(),
            "locale": self.locale,
            "pulse_weekday": self.pulse_weekday,
            "pulse_minute": self.pulse_minute,
            "summary_weekday": self.summary_weekday,
            "summary_minute": self.summary_minute,
            "min_respondents": self.min_respondents,
            "cutoff": float(self.cutoff),
            "no_send_dates": sorted(set(self.no_send_dates)),
        }

    @classmethod
    def of(cls, team: TeamView, managers: Sequence[str], sellers: Sequence[str]) -> TeamSettings:
        """A team's current settings (to pre-fill the form that edits it)."""
        return cls(
            name=team.name,
            manager_ids=tuple(managers),
            member_ids=tuple(sellers),
            pulse_weekday=team.pulse_weekday,
            pulse_minute=team.pulse_minute,
            summary_weekday=team.summary_weekday,
            summary_minute=team.summary_minute,
            locale=team.locale,
            min_respondents=team.min_respondents,
            cutoff=team.cutoff,
            no_send_dates=team.no_send_dates,
        )
