"""Workspaces and members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Table, bindparam, select
from sqlmodel import Session, col

from storage.models import InboundEvent, Member, Workspace
from storage.sql import upsert_insert


def ensure_workspace(session: Session, workspace_id: str, now: datetime) -> None:
    stmt = upsert_insert(session, Workspace).values(id=workspace_id, created_at=now)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["id"]))


def ensure_member(session: Session, workspace_id: str, user_id: str, now: datetime) -> Member:
    """The member row for a Slack user, created (with its workspace) when the bot starts keeping data about
    them (a run, a team membership); never call it just to cache what Slack says about someone.
    A member the bot knows is one read (every pulse starts here); only a new one is written."""
    member = find_member(session, workspace_id, user_id)
    if member is not None:
        return member  # its workspace row exists too: the member's row refers to it
    ensure_workspace(session, workspace_id, now)
    stmt = upsert_insert(session, Member).values(workspace_id=workspace_id, user_id=user_id, created_at=now)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["workspace_id", "user_id"]))
    member = find_member(session, workspace_id, user_id)
    if member is None:  # pragma: no cover - the insert above guarantees the row
        raise LookupError(f"member {user_id} missing after insert")
    return member


_MEMBERS: Table = Member.__table__  # type: ignore[attr-defined]
_PROFILE = select(
    _MEMBERS.c.locale, _MEMBERS.c.tz, _MEMBERS.c.dm_channel_id, _MEMBERS.c.profile_refreshed_at
).where(_MEMBERS.c.workspace_id == bindparam("workspace_id"), _MEMBERS.c.user_id == bindparam("user_id"))
"""Built once: every request asks for its user's language."""


ProfileRow = tuple[str | None, str | None, str | None, datetime | None]


def cached_profile(session: Session | Connection, workspace_id: str, user_id: str) -> ProfileRow | None:
    """(locale, tz, dm_channel_id, profile_refreshed_at) of a member, None for someone the bot does not know."""
    row = session.execute(_PROFILE, {"workspace_id": workspace_id, "user_id": user_id}).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def find_member(session: Session, workspace_id: str, user_id: str) -> Member | None:
    return session.scalars(
        select(Member).where(col(Member.workspace_id) == workspace_id, col(Member.user_id) == user_id)
    ).first()


def update_profile(
    session: Session,
    member: Member,
    *,
    locale: str | None,
    tz: str | None,
    now: datetime | None,
    is_bot: bool | None = None,
    deactivated: bool | None = None,
) -> Member:
    """Cache what Slack told us; None keeps what was known (and `now=None` keeps the refresh time)."""
    member.locale = locale or member.locale
    member.tz = tz or member.tz
    if is_bot is not None:
        member.is_bot = is_bot
    if deactivated is not None:
        member.deactivated = deactivated
    if now is not None:
        member.profile_refreshed_at = now
    session.add(member)
    return member


def bots_among(session: Session, workspace_id: str, user_ids: list[str]) -> set[str]:
    """The users of this list known (from users.info) to be bots."""
    if not user_ids:
        return set()
    rows = session.scalars(
        select(col(Member.user_id)).where(
            col(Member.workspace_id) == workspace_id,
            col(Member.user_id).in_(user_ids),
            col(Member.is_bot).is_(True),
        )
    ).all()
    return set(rows)


def set_dm_channel(session: Session, member: Member, channel_id: str) -> None:
    member.dm_channel_id = channel_id
    session.add(member)


def remember_event(session: Session, workspace_id: str, event_key: str, now: datetime) -> bool:
    """Record a Slack delivery key; False when it was seen before (a retry or a double delivery)."""
    ensure_workspace(session, workspace_id, now)
    stmt = upsert_insert(session, InboundEvent).values(
        workspace_id=workspace_id, event_key=event_key, received_at=now
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "event_key"]).returning(
        col(InboundEvent.id)
    )
    return session.execute(stmt).first() is not None


def user_id_of(session: Session, member_id: int) -> str | None:
    member = session.get(Member, member_id)
    return member.user_id if member else None
