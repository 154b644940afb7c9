"""Teams: set up in a channel by the people allowed to, edited by its managers only, independent of any UI.

A team belongs to the Slack channel it was set up in (one per channel). Its managers change it and get the
summary by DM; its sellers get the weekly pulse. Someone chosen as both counts as manager only.

Who may put a seller into a team is the heart of the anonymity promise, so the rules are here, in one
transaction with the change:
- a new team (or one whose managers have all gone) may be set up only by someone the workspace allows
  (`SetupFacts.may_create`: its owners and admins, and those listed; the surface asks Slack);
- an existing team is changed only by its active managers, who may also add managers;
- only people in the team's channel can be its sellers (the summary is posted there);
- a seller who is an active seller of another team is moved only by a manager of that team;
- every seller added is told, and the managers of a team that loses a seller are told which team took
  them (`storage.notices`, written in the same transaction, sent by `scheduling.notices`).
A seller moved to another team leaves the old one; their past runs keep the team they were given in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage import members, notices, teams
from storage.db import Database
from storage.models import Member, Team, stored_id
from storage.notices import NoticeKind
from storage.teams import MembershipChanges
from survey_flows.frozen_weeks import hold_to_minimum
from survey_flows.survey import Clock
from survey_flows.team_settings import TeamSettings
from survey_flows.views import TeamView


class SetupRight(StrEnum):
    """What a person may do with a channel's team."""

    EDIT = "edit"
    """An active manager of the channel's team."""
    CREATE = "create"
    """No team here yet (or none of its managers is left), and the workspace allows this person to set
    one up."""
    FORBIDDEN = "forbidden"
    """The team has managers and this person is not one of them."""
    NOT_ALLOWED = "not_allowed"
    """No team (or no manager) here, and the workspace does not allow this person to set one up."""


def setup_right(
    team: TeamView | None, managers: Sequence[str], user_id: str, *, may_create: bool
) -> SetupRight:
    if team is not None and managers:
        return SetupRight.EDIT if user_id in managers else SetupRight.FORBIDDEN
    return SetupRight.CREATE if may_create else SetupRight.NOT_ALLOWED


@dataclass(frozen=True, slots=True)
class SetupFacts:
    """What only the surface can know when a team is saved: Slack's answers, asked just before."""

    channel_members: frozenset[str]
    """Who is in the team's channel now: only they can be its sellers."""
    may_create: bool = False
    """The workspace allows the caller to set up a team (see `SetupRight.CREATE`)."""


class SaveStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    FORBIDDEN = "forbidden"
    """The channel's team has managers and the caller is not one of them: nothing changed."""
    NOT_ALLOWED = "not_allowed"
    """The caller may not set up a team in this workspace: nothing changed."""
    INVALID = "invalid"
    """See `errors`, `conflicts` and `outsiders`: nothing changed."""


@dataclass(frozen=True, slots=True)
class SellerConflict:
    """A chosen seller who is an active seller of another team the caller does not manage."""

    user_id: str
    team_name: str


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    status: SaveStatus
    team: TeamView | None = None
    managers: tuple[str, ...] = ()
    sellers: tuple[str, ...] = ()
    errors: Mapping[str, str] = field(default_factory=dict)
    """Field -> catalog key of what is wrong with it."""
    conflicts: tuple[SellerConflict, ...] = ()
    outsiders: tuple[str, ...] = ()
    """Chosen sellers who are not in the team's channel."""


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a seller's exposure depends on: who sees the team's figures, and from how few answers."""

    managers: frozenset[int]
    minimum: int

    @classmethod
    def of(cls, s: Session, team: Team) -> _Shape:
        return cls(frozenset(m.id for m in teams.managers(s, team.id)), team.min_respondents)  # type: ignore[arg-type,misc]

    def weakened_by(self, after: _Shape) -> bool:
        return after.managers != self.managers or after.minimum < self.minimum


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
        facts: SetupFacts,
        caller_tz: str | None = None,
    ) -> SaveOutcome:
        """Create the channel's team or change it, under the rules in the module docstring. One
        transaction: on any failure or refusal nothing is saved and nobody is told anything. A save that
        raced another one enrolling the same seller (the database's one-team-per-seller index refused it)
        is tried once more, and then sees the other team: the seller is moved only by its managers."""
        try:
            return self._save(workspace_id, channel_id, caller_id, settings, facts, caller_tz)
        except IntegrityError:
            return self._save(workspace_id, channel_id, caller_id, settings, facts, caller_tz)

    def _save(
        self,
        workspace_id: str,
        channel_id: str,
        caller_id: str,
        settings: TeamSettings,
        facts: SetupFacts,
        caller_tz: str | None,
    ) -> SaveOutcome:
        now = self.clock()
        with self.db.session() as s:
            team = teams.team_for_channel(s, workspace_id, channel_id)
            refused = self._refusal(s, team, caller_id, facts)
            if refused is not None:
                return SaveOutcome(refused)
            before = _Shape.of(s, team) if team is not None else None
            if team is None and not settings.manager_ids:
                settings = replace(settings, manager_ids=(caller_id,))
            errors = settings.validate()
            outsiders = tuple(u for u in settings.seller_ids if u not in facts.channel_members)
            # Only people in the channel are looked up: the form never says which team someone outside it is in.
            in_channel = [u for u in settings.seller_ids if u in facts.channel_members]
            conflicts = self._conflicts(s, workspace_id, team, caller_id, in_channel)
            if errors or outsiders or conflicts:
                return SaveOutcome(
                    SaveStatus.INVALID, errors=errors, conflicts=conflicts, outsiders=outsiders
                )
            caller = members.ensure_member(s, workspace_id, caller_id, now)
            columns = settings.columns()
            status = SaveStatus.UPDATED
            if team is None:
                columns["tz"] = caller_tz or "UTC"
                if settings.send_pulse_now:  # sent by the scheduler (Dispatcher.send_first_pulses)
                    columns["first_pulse_at"] = now
                team = teams.create_team(s, workspace_id, channel_id, columns, now)
                status = SaveStatus.CREATED
                if team is None:  # created by a concurrent request a moment ago: edit that one
                    team = teams.team_for_channel(s, workspace_id, channel_id)
                    if team is None or self._refusal(s, team, caller_id, facts) is not None:
                        return SaveOutcome(SaveStatus.FORBIDDEN)
                    status = SaveStatus.UPDATED
            if status is SaveStatus.UPDATED:
                columns["tz"] = caller_tz or team.tz
                teams.update_team(s, team, columns, now)
            # A raised anonymity minimum holds the published weeks to it too; a lowered one changes nothing.
            hold_to_minimum(s, team.id, settings.min_respondents)  # type: ignore[arg-type]
            manager_rows = [members.ensure_member(s, workspace_id, u, now) for u in settings.manager_ids]
            seller_rows = [members.ensure_member(s, workspace_id, u, now) for u in settings.seller_ids]
            changes = teams.set_memberships(
                s,
                team,
                [m.id for m in manager_rows],  # type: ignore[misc]
                [m.id for m in seller_rows if not m.is_bot],  # type: ignore[misc]
                now,
            )
            self._tell(s, team, caller, changes, now, before)
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

    def leave(self, workspace_id: str, user_id: str) -> TeamView | None:
        """A seller leaves their team themselves (`/balanse leave`): no more pulses from it. Their past
        answers stay in the weeks they were given in. The team they left, or None when they were in none
        (nothing is created for someone the bot does not know)."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return None
            team = teams.seller_team(s, workspace_id, member.id)  # type: ignore[arg-type]
            if team is None:
                return None
            teams.leave_team(s, team.id, member.id, self.clock())  # type: ignore[arg-type]
            return TeamView.of(team)

    def managed(self, workspace_id: str, user_id: str) -> list[TeamView]:
        """The teams this person is an active manager of."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return []
            return [TeamView.of(t) for t in teams.managed_teams(s, workspace_id, member.id)]  # type: ignore[arg-type]

    def member_deactivated(self, workspace_id: str, user_id: str, deleted: bool) -> bool:
        """A Slack account was deactivated (or reactivated). True when a known member changed."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None or member.deactivated == deleted:
                return False
            members.update_profile(s, member, locale=None, tz=None, now=None, deactivated=deleted)
            return True

    def teams(self) -> list[TeamView]:
        """Every team of every workspace the app is installed in (the scheduler derives its jobs from these)."""
        with self.db.session() as s:
            return [TeamView.of(team) for team in teams.list_teams(s)]

    # -- helpers -----------------------------------------------------------------------------------------

    @staticmethod
    def _people(s: Session, team: Team) -> tuple[tuple[str, ...], tuple[str, ...]]:
        managers = tuple(m.user_id for m in teams.managers(s, team.id))  # type: ignore[arg-type]
        sellers = tuple(m.user_id for m in teams.active_sellers(s, team.id))  # type: ignore[arg-type]
        return managers, sellers

    def _refusal(self, s: Session, team: Team | None, caller_id: str, facts: SetupFacts) -> SaveStatus | None:
        managers = self._people(s, team)[0] if team is not None else ()
        view = TeamView.of(team) if team is not None else None
        right = setup_right(view, managers, caller_id, may_create=facts.may_create)
        if right is SetupRight.FORBIDDEN:
            return SaveStatus.FORBIDDEN
        if right is SetupRight.NOT_ALLOWED:
            return SaveStatus.NOT_ALLOWED
        return None

    @staticmethod
    def _conflicts(
        s: Session, workspace_id: str, team: Team | None, caller_id: str, seller_ids: Sequence[str]
    ) -> tuple[SellerConflict, ...]:
        """Chosen sellers who are active sellers of another team that the caller does not manage."""
        found = {
            stored_id(m): m for u in seller_ids if (m := members.find_member(s, workspace_id, u)) is not None
        }
        caller = members.find_member(s, workspace_id, caller_id)
        managed = {t.id for t in teams.managed_teams(s, workspace_id, stored_id(caller))} if caller else set()
        current = teams.seller_teams(s, workspace_id, found)
        return tuple(
            SellerConflict(found[member_id].user_id, other.name)
            for member_id, other in current.items()
            if (team is None or other.id != team.id) and other.id not in managed
        )

    @staticmethod
    def _tell(
        s: Session,
        team: Team,
        caller: Member,
        changes: MembershipChanges,
        now: datetime,
        before: _Shape | None,
    ) -> None:
        """The notices this change owes: each seller added; the managers of each team that lost one (except
        the caller, who made the move); and every other seller of the team when who sees its figures, or
        from how few answers, changed (managers added, removed or taken over; the minimum lowered), since
        that changes what their answers are exposed to."""
        team_id = stored_id(team)
        if before is not None and before.weakened_by(_Shape.of(s, team)):
            for seller in teams.active_sellers(s, team_id):
                if seller.id not in changes.added_sellers:  # they get the welcome, which says it all
                    notices.add(
                        s,
                        team.workspace_id,
                        NoticeKind.TEAM_CHANGED,
                        stored_id(seller),
                        team_id,
                        now,
                        actor_member_id=caller.id,
                    )
        for seller_id in changes.added_sellers:
            notices.add(
                s,
                team.workspace_id,
                NoticeKind.ADDED_TO_TEAM,
                seller_id,
                team_id,
                now,
                actor_member_id=stored_id(caller),
            )
        for seller_id, old_team in changes.moved_from.items():
            for manager in teams.managers(s, old_team):
                if manager.id != caller.id:
                    notices.add(
                        s,
                        team.workspace_id,
                        NoticeKind.SELLER_MOVED,
                        stored_id(manager),
                        old_team,
                        now,
                        subject_member_id=seller_id,
                        other_team_id=team_id,
                    )
