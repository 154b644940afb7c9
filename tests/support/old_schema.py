"""Rows written as the code before a migration wrote them, for the migration tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, text
from sqlmodel import Session

from storage import members
from storage.types import UTCDateTime


def member_before_0011(s: Session, workspace_id: str, user_id: str, now: datetime) -> int:
    """A member row from before 0011_member_user_id, when the person's id was in slack_user_id."""
    members.ensure_workspace(s, workspace_id, now)
    s.execute(
        text(
            "INSERT INTO member (workspace_id, slack_user_id, role, is_bot, deactivated, created_at) "
            "VALUES (:ws, :user_id, 'seller', false, false, :at)"
        ).bindparams(bindparam("at", type_=UTCDateTime())),
        {"ws": workspace_id, "user_id": user_id, "at": now},
    )
    found = s.scalar(
        text("SELECT id FROM member WHERE workspace_id = :ws AND slack_user_id = :user_id"),
        {"ws": workspace_id, "user_id": user_id},
    )
    assert isinstance(found, int)
    return found
