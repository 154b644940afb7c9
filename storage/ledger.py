"""The delivery ledger: at most one pulse, reminder or summary per target and period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlmodel import Session

from storage.members import ensure_workspace
from storage.models import Delivery
from storage.sql import upsert_insert


class DeliveryKind(StrEnum):
    PULSE = "pulse"
    REMINDER = "reminder"
    SUMMARY = "summary"
    SUMMARY_DM = "summary_dm"


class DeliveryStatus(StrEnum):
    CLAIMED = "claimed"
    """Being sent; a claim left over from a crash is resumed at the next start."""
    SENT = "sent"
    SKIPPED = "skipped"
    """Deliberately not sent (missed while down, DM unavailable, below the anonymity minimum)."""
    FAILED = "failed"


def claim(session: Session, workspace_id: str, kind: str, target: str, period: str, now: datetime) -> bool:
    """Reserve a delivery; False when it was already claimed, sent or skipped by anyone."""
    ensure_workspace(session, workspace_id, now)
    stmt = upsert_insert(session, Delivery).values(
        workspace_id=workspace_id,
        kind=kind,
        target=target,
        period=period,
        status=DeliveryStatus.CLAIMED,
        claimed_at=now,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "kind", "target", "period"])
    return session.execute(stmt.returning(Delivery.id)).first() is not None


def finish(
    session: Session,
    workspace_id: str,
    kind: str,
    target: str,
    period: str,
    status: DeliveryStatus,
    now: datetime,
    detail: str | None = None,
) -> None:
    session.execute(
        update(Delivery)
        .where(
            Delivery.workspace_id == workspace_id,
            Delivery.kind == kind,
            Delivery.target == target,
            Delivery.period == period,
        )
        .values(status=status, finished_at=now, detail=detail[:255] if detail else None)
    )


def record_skip(
    session: Session, workspace_id: str, kind: str, target: str, period: str, now: datetime, detail: str
) -> bool:
    """Log a delivery that will never be sent (e.g. missed while the bot was down); False if it already exists."""
    if not claim(session, workspace_id, kind, target, period, now):
        return False
    finish(session, workspace_id, kind, target, period, DeliveryStatus.SKIPPED, now, detail)
    return True


def get(session: Session, workspace_id: str, kind: str, target: str, period: str) -> Delivery | None:
    return session.scalars(
        select(Delivery).where(
            Delivery.workspace_id == workspace_id,
            Delivery.kind == kind,
            Delivery.target == target,
            Delivery.period == period,
        )
    ).first()


def unfinished_claims(session: Session, claimed_before: datetime) -> Sequence[Delivery]:
    """Claims never marked sent (the process died mid-send), oldest first."""
    return session.scalars(
        select(Delivery)
        .where(Delivery.status == DeliveryStatus.CLAIMED, Delivery.claimed_at < claimed_before)  # type: ignore[operator]
        .order_by(Delivery.claimed_at)
    ).all()


def take_over_claim(session: Session, delivery_id: int, claimed_before: datetime, now: datetime) -> bool:
    """Atomically take over a stale claim so exactly one process resumes it."""
    result = session.execute(
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == DeliveryStatus.CLAIMED,
            Delivery.claimed_at < claimed_before,  # type: ignore[operator]
        )
        .values(claimed_at=now)
        .returning(Delivery.id)
    )
    return result.first() is not None


def statuses(
    session: Session, workspace_id: str, kind: str, period: str, targets: Sequence[str]
) -> dict[str, str]:
    """The ledger rows of these targets for one kind and period, as target -> status (one query for a team,
    instead of one per member)."""
    if not targets:
        return {}
    rows = session.execute(
        select(Delivery.target, Delivery.status).where(
            Delivery.workspace_id == workspace_id,
            Delivery.kind == kind,
            Delivery.period == period,
            Delivery.target.in_(list(targets)),  # type: ignore[attr-defined]
        )
    ).all()
    return {str(target): str(status) for target, status in rows}
