"""Who scheduled deliveries go to, and marking a member whose DM cannot be opened."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col

from storage.models import Member
from storage.workspaces import installed


def get_member(session: Session, member_id: int) -> Member | None:
    return session.get(Member, member_id)


def mark_dm_unavailable(session: Session, member_id: int, now: datetime) -> None:
    """The member's DM could not be opened (deactivated, app not allowed): skip them until their profile
    is refreshed after `now`. The cached DM channel is forgotten so the next attempt opens it anew."""
    session.execute(
        update(Member).where(col(Member.id) == member_id).values(dm_unavailable_at=now, dm_channel_id=None)
    )


def clear_dm_unavailable(session: Session, member_id: int) -> None:
    """Slack told us the profile changed (e.g. a reactivated account): try the DM again at the next send;
    if it still cannot be opened, the member is marked again."""
    session.execute(
        update(Member)
        .where(col(Member.id) == member_id, col(Member.dm_unavailable_at).is_not(None))
        .values(dm_unavailable_at=None)
    )


def reachable() -> ColumnElement[bool]:
    """SQL: someone we may write to: in a workspace the app is installed in, not deactivated, not a bot,
    and not marked unreachable since their last profile refresh (`dm_unavailable` in SQL)."""
    return and_(
        installed(col(Member.workspace_id)),
        col(Member.deactivated).is_(False),
        col(Member.is_bot).is_(False),
        or_(
            col(Member.dm_unavailable_at).is_(None),
            col(Member.profile_refreshed_at) > col(Member.dm_unavailable_at),
        ),
    )


def dm_unavailable(member: Member) -> bool:
    """Marked unreachable, and no profile refresh since (a refresh may mean they are back)."""
    if member.dm_unavailable_at is None:
        return False
    refreshed = member.profile_refreshed_at
    return refreshed is None or refreshed <= member.dm_unavailable_at
