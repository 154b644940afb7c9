"""Notices: the direct messages the bot owes people about their team, written with the change they tell of.

Sending is "claim, then send", like the delivery ledger: a notice is claimed with a conditional UPDATE, so
two senders never both take it; a claim older than the stale window (a sender that died) is taken over,
and the taker is told the message may already be in Slack, so it looks before it posts again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, or_, select, update
from sqlmodel import Session, col

from storage.models import Notice
from storage.workspaces import installed


class NoticeKind(StrEnum):
    ADDED_TO_TEAM = "added_to_team"
    """To a seller: you were put into this team (by `actor`), who sees its figures, how to leave."""
    SELLER_MOVED = "seller_moved"
    """To a manager of `team`: `subject` is now a seller of `other_team` (and nothing else)."""
    TEAM_CHANGED = "team_changed"
    """To a seller of `team`: who sees its figures, or from how few answers, changed (by `actor`)."""


@dataclass(frozen=True, slots=True)
class Claimed:
    notice: Notice
    retaken: bool
    """An earlier attempt did not end as sent (a crash, a timeout, a 5xx): the message may already be in
    Slack, so the sender looks for it before it posts."""


def add(
    session: Session,
    workspace_id: str,
    kind: NoticeKind,
    recipient_member_id: int,
    team_id: int,
    now: datetime,
    *,
    subject_member_id: int | None = None,
    other_team_id: int | None = None,
    actor_member_id: int | None = None,
) -> None:
    session.add(
        Notice(
            workspace_id=workspace_id,
            kind=kind,
            recipient_member_id=recipient_member_id,
            team_id=team_id,
            subject_member_id=subject_member_id,
            other_team_id=other_team_id,
            actor_member_id=actor_member_id,
            created_at=now,
        )
    )


def _open(stale_before: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        col(Notice.sent_at).is_(None),
        col(Notice.given_up_at).is_(None),
        or_(col(Notice.claimed_at).is_(None), col(Notice.claimed_at) < stale_before),
    )


def claim_pending(session: Session, now: datetime, stale_before: datetime, limit: int) -> list[Claimed]:
    """Claim up to `limit` notices that are neither sent, given up, nor claimed by a live sender, in
    workspaces the app is installed in (an uninstalled workspace's notices wait for a reinstall)."""
    candidates: Sequence[Notice] = session.scalars(
        select(Notice)
        .where(*_open(stale_before), installed(col(Notice.workspace_id)))
        .order_by(col(Notice.id))
        .limit(limit)
    ).all()
    claimed: list[Claimed] = []
    for notice in candidates:
        retaken = notice.attempts > 0
        took = session.execute(
            update(Notice)
            .where(col(Notice.id) == notice.id, *_open(stale_before))
            .values(claimed_at=now, attempts=col(Notice.attempts) + 1)
            .returning(col(Notice.id))
        ).first()
        if took is not None:
            session.refresh(notice)
            claimed.append(Claimed(notice, retaken))
    return claimed


def mark_sent(session: Session, notice_id: int, now: datetime) -> None:
    session.execute(update(Notice).where(col(Notice.id) == notice_id).values(sent_at=now))


def give_up(session: Session, notice_id: int, now: datetime) -> None:
    """The recipient cannot be reached, or it failed too often: never tried again."""
    session.execute(update(Notice).where(col(Notice.id) == notice_id).values(given_up_at=now))


def for_recipient(session: Session, workspace_id: str, member_id: int) -> Sequence[Notice]:
    return session.scalars(
        select(Notice)
        .where(col(Notice.workspace_id) == workspace_id, col(Notice.recipient_member_id) == member_id)
        .order_by(col(Notice.id))
    ).all()
