"""Teams and who is in them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import ColumnElement, Select, select, update
from sqlmodel import Session, col

from storage.models import Member, Role, Team, TeamMembership, stored_id
from storage.sql import upsert_insert
from storage.workspaces import installed


def list_teams(session: Session) -> Sequence[Team]:
    """Every team of every workspace the app is installed in (the scheduler derives its jobs from these)."""
    return session.scalars(select(Team).where(installed(col(Team.workspace_id))).order_by(col(Team.id))).all()


def get_team(session: Session, team_id: int) -> Team | None:
    return session.get(Team, team_id)


def team_for_channel(session: Session, workspace_id: str, channel_id: str) -> Team | None:
    return session.scalars(
        select(Team).where(col(Team.workspace_id) == workspace_id, col(Team.channel_id) == channel_id)
    ).first()


def _holding(role: Role) -> tuple[ColumnElement[bool], ...]:
    """A member holds `role` in a team (joined on TeamMembership): active in it, not deactivated, not a
    bot, in a workspace the app is installed in. The one rule for who gets pulses and who is a manager."""
    return (
        col(TeamMembership.role) == role,
        col(TeamMembership.active).is_(True),
        col(Member.deactivated).is_(False),
        col(Member.is_bot).is_(False),
        installed(col(Member.workspace_id)),
    )


def _with_role(team_id: int, role: Role) -> Select[Member]:
    return (
        select(Member)
        .join(TeamMembership, col(TeamMembership.member_id) == col(Member.id))
        .where(col(TeamMembership.team_id) == team_id, *_holding(role))
    )


def _members_with_role(session: Session, team_id: int, role: Role) -> Sequence[Member]:
    return session.scalars(_with_role(team_id, role).order_by(col(Member.id))).all()


def _has_role(session: Session, team_id: int, member_id: int, role: Role) -> bool:
    """Whether this member is one of the team's `_members_with_role` (one indexed look-up, not the list)."""
    found = session.scalars(_with_role(team_id, role).where(col(Member.id) == member_id).limit(1))
    return found.first() is not None


def active_seller_and_team(session: Session, workspace_id: str, member_id: int) -> tuple[Member, Team] | None:
    """The member and the team they answer for (`seller_team`), when they are one of its `active_sellers`:
    one query, asked before each pulse the send loop claims."""
    row = session.execute(
        select(Member, Team)
        .join(TeamMembership, col(TeamMembership.member_id) == col(Member.id))
        .join(Team, col(Team.id) == col(TeamMembership.team_id))
        .where(
            col(Member.id) == member_id,
            col(Member.workspace_id) == workspace_id,
            col(Team.workspace_id) == workspace_id,
            *_holding(Role.SELLER),
        )
        .order_by(col(TeamMembership.changed_at).desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def active_sellers(session: Session, team_id: int) -> Sequence[Member]:
    """The members who get the team's pulse: active, not deactivated, not bots, in a workspace the app is
    installed in (so are `managers`: while it is uninstalled, a team has nobody to send to)."""
    return _members_with_role(session, team_id, Role.SELLER)


def managers(session: Session, team_id: int) -> Sequence[Member]:
    return _members_with_role(session, team_id, Role.MANAGER)


def is_manager(session: Session, team_id: int, member_id: int) -> bool:
    return _has_role(session, team_id, member_id, Role.MANAGER)


def managed_teams(session: Session, workspace_id: str, member_id: int) -> Sequence[Team]:
    """The teams of the workspace this member is an active manager of (a manager may manage several)."""
    return session.scalars(
        select(Team)
        .join(TeamMembership, col(TeamMembership.team_id) == col(Team.id))
        .where(
            col(Team.workspace_id) == workspace_id,
            col(TeamMembership.member_id) == member_id,
            col(TeamMembership.role) == Role.MANAGER,
            col(TeamMembership.active).is_(True),
        )
        .order_by(col(Team.id))
    ).all()


def seller_team(session: Session, workspace_id: str, member_id: int) -> Team | None:
    """The team a seller answers for now (a seller is in at most one team per workspace)."""
    return session.scalars(
        select(Team)
        .join(TeamMembership, col(TeamMembership.team_id) == col(Team.id))
        .where(
            col(Team.workspace_id) == workspace_id,
            col(TeamMembership.member_id) == member_id,
            col(TeamMembership.role) == Role.SELLER,
            col(TeamMembership.active).is_(True),
        )
        .order_by(col(TeamMembership.changed_at).desc())
    ).first()


@dataclass(frozen=True, slots=True)
class MembershipChanges:
    """What `set_memberships` did to the people of a team (member ids)."""

    added_sellers: tuple[int, ...] = ()
    """Active sellers now who were not before (new, back, or a manager who became a seller)."""
    moved_from: Mapping[int, int] = field(default_factory=dict)
    """Seller -> the other team of the workspace they were an active seller of, and left for this one."""


def seller_teams(session: Session, workspace_id: str, member_ids: Iterable[int]) -> dict[int, Team]:
    """Member -> the team they are an active seller of (a seller is in one team at a time)."""
    ids = list(member_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(col(TeamMembership.member_id), Team)
        .join(Team, col(Team.id) == col(TeamMembership.team_id))
        .where(
            col(TeamMembership.workspace_id) == workspace_id,
            col(TeamMembership.member_id).in_(ids),
            col(TeamMembership.role) == Role.SELLER,
            col(TeamMembership.active).is_(True),
        )
        .order_by(col(TeamMembership.changed_at))
    ).all()
    return {row.member_id: row.Team for row in rows}


def set_memberships(
    session: Session,
    team: Team,
    managers_ids: Iterable[int],
    seller_ids: Iterable[int],
    now: datetime,
) -> MembershipChanges:
    """Make the team's active members exactly these. A seller added here leaves any other team of the
    workspace (their past answers stay with the team they were given in); whether the caller may move
    them is the flow's decision, made before this is called."""
    wanted: dict[int, Role] = dict.fromkeys(seller_ids, Role.SELLER)
    wanted.update(dict.fromkeys(managers_ids, Role.MANAGER))
    sellers = [member_id for member_id, role in wanted.items() if role is Role.SELLER]
    moved_from = {
        member_id: stored_id(other)
        for member_id, other in seller_teams(session, team.workspace_id, sellers).items()
        if other.id != team.id
    }
    if moved_from:
        session.execute(
            update(TeamMembership)
            .where(
                col(TeamMembership.workspace_id) == team.workspace_id,
                col(TeamMembership.team_id) != team.id,
                col(TeamMembership.member_id).in_(list(moved_from)),
                col(TeamMembership.role) == Role.SELLER,
                col(TeamMembership.active).is_(True),
            )
            .values(active=False, changed_at=now)
        )
    existing = {
        row.member_id: row
        for row in session.scalars(select(TeamMembership).where(col(TeamMembership.team_id) == team.id)).all()
    }
    added: list[int] = []
    for member_id, row in existing.items():
        role = wanted.get(member_id)
        if role is None and row.active:
            row.active, row.changed_at = False, now
        elif role is not None and (not row.active or row.role != role):
            if role is Role.SELLER:
                added.append(member_id)
            row.active, row.role, row.changed_at = True, role, now
        session.add(row)
    for member_id, role in wanted.items():
        if member_id not in existing:
            if role is Role.SELLER:
                added.append(member_id)
            session.add(
                TeamMembership(
                    workspace_id=team.workspace_id,
                    team_id=stored_id(team),
                    member_id=member_id,
                    role=role,
                    changed_at=now,
                )
            )
    return MembershipChanges(tuple(added), MappingProxyType(moved_from))


def leave_team(session: Session, team_id: int, member_id: int, now: datetime) -> bool:
    """A seller leaves the team (left its channel, or `/balanse leave`): no more pulses. True when something
    changed. A manager's role is untouched: managers need not be in the channel, and a team must never lose
    its managers (and become open to a takeover) because one of them left it."""
    result = session.execute(
        update(TeamMembership)
        .where(
            col(TeamMembership.team_id) == team_id,
            col(TeamMembership.member_id) == member_id,
            col(TeamMembership.role) == Role.SELLER,
            col(TeamMembership.active).is_(True),
        )
        .values(active=False, changed_at=now)
        .returning(col(TeamMembership.id))
    )
    return result.first() is not None


def create_team(
    session: Session, workspace_id: str, channel_id: str, settings: dict[str, object], now: datetime
) -> Team | None:
    """The channel's new team, or None when another request created it first (one team per channel)."""
    stmt = upsert_insert(session, Team).values(
        workspace_id=workspace_id, channel_id=channel_id, created_at=now, updated_at=now, **settings
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "channel_id"]).returning(col(Team.id))
    row = session.execute(stmt).first()
    return session.get(Team, row[0]) if row is not None else None


def update_team(session: Session, team: Team, settings: dict[str, object], now: datetime) -> Team:
    for name, value in settings.items():
        setattr(team, name, value)
    team.updated_at = now
    session.add(team)
    return team


def teams_pulsed_at_setup(session: Session, since: datetime) -> list[Team]:
    """Teams created with "send this week's pulse now" at or after `since` (the dispatcher's first pulses)."""
    return list(
        session.scalars(
            select(Team).where(
                col(Team.first_pulse_at).is_not(None),
                col(Team.first_pulse_at) >= since,
                installed(col(Team.workspace_id)),
            )
        ).all()
    )
