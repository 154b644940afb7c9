"""Teams: set up in a channel by its managers, edited by them only, independent of any UI.

A team belongs to the Slack channel it was set up in (one per channel). Its managers change it and get the
summary by DM; its sellers get the weekly pulse. Someone chosen as both counts as manager only. A seller
moved to another team leaves the old one; their past runs keep the team they were given in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from sqlmodel import Session

from coaching.locale import DEFAULT_LOCALE, LOCALES
from storage import members, teams
from storage.db import Database
from storage.models import Team
from survey_flows.delivery import TeamView
from survey_flows.frozen_weeks import hold_to_minimum
from survey_flows.survey import Clock

NAME_MAX = 80
MIN_RESPONDENTS_FLOOR = 3
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


class SaveStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    FORBIDDEN = "forbidden"
    """The channel's team has managers and the caller is not one of them: nothing changed."""
    INVALID = "invalid"
    """See `errors`: nothing changed."""


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    status: SaveStatus
    team: TeamView | None = None
    managers: tuple[str, ...] = ()
    sellers: tuple[str, ...] = ()
    errors: Mapping[str, str] = field(default_factory=dict)


def may_change(team: TeamView | None, managers: Sequence[str], user_id: str) -> bool:
    """Who may set up the channel's team: anyone when there is none yet (or it has no active manager
    left, e.g. all of them left the channel), otherwise its managers only."""
    return team is None or not managers or user_id in managers


class TeamService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def for_channel(
        self, workspace_id: str, channel_id: str
    ) -> tuple[TeamView | None, tuple[str, ...], tuple[str, ...]]:
        """The channel's team with its active managers and sellers (Slack user ids), or (None, (), ())."""
        with self.db.session() as s:
            team = teams.team_for_channel(s, workspace_id, channel_id)
            if team is None:
                return None, (), ()
            return TeamView.of(team), *self._people(s, team)

    def bots_among(self, workspace_id: str, user_ids: Iterable[str]) -> frozenset[str]:
        """The users known to be bots (cached from users.info; unknown users are not bots here)."""
        with self.db.session() as s:
            return frozenset(members.bots_among(s, workspace_id, list(user_ids)))

    def save(
        self,
        workspace_id: str,
        channel_id: str,
        caller_id: str,
        settings: TeamSettings,
        caller_tz: str | None = None,
    ) -> SaveOutcome:
        """Create the channel's team or change it; only its current managers may change an existing team.
        One transaction: on any failure nothing is saved."""
        now = self.clock()
        with self.db.session() as s:
            team = teams.team_for_channel(s, workspace_id, channel_id)
            if team is not None and not self._may_change(s, team, caller_id):
                return SaveOutcome(SaveStatus.FORBIDDEN)
            if team is None and not settings.manager_ids:
                settings = replace(settings, manager_ids=(caller_id,))
            errors = settings.validate()
            if errors:
                return SaveOutcome(SaveStatus.INVALID, errors=errors)
            members.ensure_member(s, workspace_id, caller_id, now)
            columns = settings.columns()
            status = SaveStatus.UPDATED
            if team is None:
                columns["tz"] = caller_tz or "UTC"
                team = teams.create_team(s, workspace_id, channel_id, columns, now)
                status = SaveStatus.CREATED
                if team is None:  # created by a concurrent request a moment ago: edit that one
                    team = teams.team_for_channel(s, workspace_id, channel_id)
                    if team is None or not self._may_change(s, team, caller_id):
                        return SaveOutcome(SaveStatus.FORBIDDEN)
                    status = SaveStatus.UPDATED
            if status is SaveStatus.UPDATED:
                columns["tz"] = caller_tz or team.tz
                teams.update_team(s, team, columns, now)
            # A raised anonymity minimum holds the published weeks to it too; a lowered one changes nothing.
            hold_to_minimum(s, team.id, settings.min_respondents)  # type: ignore[arg-type]
            manager_rows = [members.ensure_member(s, workspace_id, u, now) for u in settings.manager_ids]
            seller_rows = [members.ensure_member(s, workspace_id, u, now) for u in settings.seller_ids]
            teams.set_memberships(
                s,
                team,
                [m.id for m in manager_rows],  # type: ignore[misc]
                [m.id for m in seller_rows if not m.is_bot],  # type: ignore[misc]
                now,
            )
            s.flush()
            return SaveOutcome(status, TeamView.of(team), *self._people(s, team))

    def member_left_channel(self, workspace_id: str, channel_id: str, user_id: str) -> bool:
        """Someone left a team's channel: they leave the team (no more pulses). True when they were in it."""
        with self.db.session() as s:
            team = teams.team_for_channel(s, workspace_id, channel_id)
            member = members.find_member(s, workspace_id, user_id)
            if team is None or member is None:
                return False
            return teams.leave_team(s, team.id, member.id, self.clock())  # type: ignore[arg-type]

    def member_deactivated(self, workspace_id: str, user_id: str, deleted: bool) -> bool:
        """A Slack account was deactivated (or reactivated). True when a known member changed."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None or member.deactivated == deleted:
                return False
            members.update_profile(s, member, locale=None, tz=None, now=None, deactivated=deleted)
            return True

    def teams(self) -> list[TeamView]:
        """Every team of every workspace (the scheduler derives its jobs from these)."""
        with self.db.session() as s:
            return [TeamView.of(team) for team in teams.list_teams(s)]

    # -- helpers -----------------------------------------------------------------------------------------

    @staticmethod
    def _people(s: Session, team: Team) -> tuple[tuple[str, ...], tuple[str, ...]]:
        managers = tuple(m.slack_user_id for m in teams.managers(s, team.id))  # type: ignore[arg-type]
        sellers = tuple(m.slack_user_id for m in teams.active_sellers(s, team.id))  # type: ignore[arg-type]
        return managers, sellers

    def _may_change(self, s: Session, team: Team, caller_id: str) -> bool:
        managers, _ = self._people(s, team)
        return may_change(TeamView.of(team), managers, caller_id)
