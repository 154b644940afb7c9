"""Who still needs a DM channel opened ahead of their first scheduled message (scheduling/dm_warmup.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, select, update
from sqlmodel import Session, col

from storage import recipients
from storage.models import Member, Role, TeamMembership


@dataclass(frozen=True, slots=True)
class DmTarget:
    member_id: int
    workspace_id: str
    user_id: str


def _needs_dm() -> ColumnElement[bool]:
    """No cached DM channel, and someone we may write to (`recipients.reachable`)."""
    return and_(col(Member.dm_channel_id).is_(None), recipients.reachable())


def members_without_dm(session: Session, limit: int) -> list[DmTarget]:
    """Up to `limit` active team members (sellers before managers, then oldest first) whose DM channel is
    not cached yet."""
    seller_first = func.min(case((col(TeamMembership.role) == Role.SELLER, 0), else_=1))
    rows = session.execute(
        select(col(Member.id), col(Member.workspace_id), col(Member.user_id))
        .join(TeamMembership, col(TeamMembership.member_id) == col(Member.id))
        .where(col(TeamMembership.active).is_(True), _needs_dm())
        .group_by(col(Member.id), col(Member.workspace_id), col(Member.user_id))
        .order_by(seller_first, col(Member.id))
        .limit(limit)
    ).all()
    return [DmTarget(member_id, workspace_id, user_id) for member_id, workspace_id, user_id in rows]


def still_needs_dm(session: Session, member_id: int) -> bool:
    """The member still has no DM channel cached (another sender may have opened it meanwhile)."""
    found = session.execute(select(col(Member.id)).where(col(Member.id) == member_id, _needs_dm())).first()
    return found is not None


def save_dm_channel(session: Session, member_id: int, channel_id: str) -> None:
    session.execute(update(Member).where(col(Member.id) == member_id).values(dm_channel_id=channel_id))
