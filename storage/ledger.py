"""The delivery ledger: at most one pulse, reminder or summary per target and period."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, or_, select, update
from sqlmodel import Session, col

from storage.members import ensure_workspace
from storage.models import Delivery
from storage.sql import upsert_insert


class DeliveryKind(StrEnum):
    PULSE = "pulse"
    REMINDER = "reminder"
    SUMMARY = "summary"
    SUMMARY_DM = "summary_dm"


class DeliveryStatus(StrEnum):
    DUE = "due"
    """Planned by the leader, to be claimed by any replica's send loop (its claimed_at: when planned)."""
    CLAIMED = "claimed"
    """Being sent; a claim left over from a crash is resumed at the next start."""
    SENT = "sent"
    SKIPPED = "skipped"
    """Deliberately not sent (missed while down, DM unavailable, below the anonymity minimum)."""
    FAILED = "failed"


def claim(
    session: Session,
    workspace_id: str,
    kind: str,
    target: str,
    period: str,
    now: datetime,
    by: str | None = None,
) -> bool:
    """Reserve a delivery for the process `by`; False when it was already claimed, sent or skipped by
    anyone."""
    ensure_workspace(session, workspace_id, now)
    stmt = upsert_insert(session, Delivery).values(
        workspace_id=workspace_id,
        kind=kind,
        target=target,
        period=period,
        status=DeliveryStatus.CLAIMED,
        claimed_at=now,
        claimed_by=by,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "kind", "target", "period"])
    return session.execute(stmt.returning(col(Delivery.id))).first() is not None


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
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.kind) == kind,
            col(Delivery.target) == target,
            col(Delivery.period) == period,
        )
        .values(status=status, finished_at=now, detail=detail[:255] if detail else None)
    )


def record_skip(
    session: Session, workspace_id: str, kind: str, target: str, period: str, now: datetime, detail: str
) -> bool:
    """Log a delivery that will never be sent (e.g. missed while the bot was down); False if it already
    exists, unless it was only planned (`due`)."""
    if not claim(session, workspace_id, kind, target, period, now) and not claim_planned(
        session, workspace_id, kind, target, period, now, None
    ):
        return False
    finish(session, workspace_id, kind, target, period, DeliveryStatus.SKIPPED, now, detail)
    return True


def skip_open_claims(session: Session, workspace_id: str, now: datetime, detail: str) -> int:
    """Close every open claim of a workspace as skipped (the app was uninstalled): nothing resumes them."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.workspace_id) == workspace_id, col(Delivery.status) == DeliveryStatus.CLAIMED)
        .values(status=DeliveryStatus.SKIPPED, finished_at=now, detail=detail)
        .returning(col(Delivery.id))
    )
    return len(result.all())


def get(session: Session, workspace_id: str, kind: str, target: str, period: str) -> Delivery | None:
    return session.scalars(
        select(Delivery).where(
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.kind) == kind,
            col(Delivery.target) == target,
            col(Delivery.period) == period,
        )
    ).first()


def claimers(session: Session) -> list[str]:
    """The processes that hold unfinished claims."""
    found = session.scalars(
        select(col(Delivery.claimed_by))
        .where(col(Delivery.status) == DeliveryStatus.CLAIMED, col(Delivery.claimed_by).is_not(None))
        .distinct()
    ).all()
    return [str(c) for c in found]


def _stale(claimed_before: datetime, ended: Collection[str]) -> ColumnElement[bool]:
    """A claim nobody is sending any more: older than `claimed_before`, or made by a process that ended."""
    old = col(Delivery.claimed_at) < claimed_before
    return or_(old, col(Delivery.claimed_by).in_(list(ended))) if ended else old


def unfinished_claims(
    session: Session, claimed_before: datetime, ended: Collection[str] = ()
) -> Sequence[Delivery]:
    """Claims never marked sent that nobody is sending any more (the process died mid-send, or Slack
    failed): older than `claimed_before`, or made by one of the `ended` processes; oldest first."""
    return session.scalars(
        select(Delivery)
        .where(col(Delivery.status) == DeliveryStatus.CLAIMED, _stale(claimed_before, ended))
        .order_by(col(Delivery.claimed_at))
    ).all()


def take_over_claim(
    session: Session,
    delivery_id: int,
    claimed_before: datetime,
    now: datetime,
    *,
    by: str | None = None,
    ended: Collection[str] = (),
) -> bool:
    """Atomically take over a claim nobody is sending any more (see `unfinished_claims`) for the process
    `by`, so exactly one process resumes it."""
    result = session.execute(
        update(Delivery)
        .where(
            col(Delivery.id) == delivery_id,
            col(Delivery.status) == DeliveryStatus.CLAIMED,
            _stale(claimed_before, ended),
        )
        .values(claimed_at=now, claimed_by=by)
        .returning(col(Delivery.id))
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
        select(col(Delivery.target), col(Delivery.status)).where(
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.kind) == kind,
            col(Delivery.period) == period,
            col(Delivery.target).in_(list(targets)),
        )
    ).all()
    return {str(target): str(status) for target, status in rows}


def plan(
    session: Session, workspace_id: str, kind: str, items: Sequence[tuple[str, str]], now: datetime
) -> int:
    """Plan deliveries of `kind` to (target, period) `items` as `due` rows, for any replica to claim; an
    item that already has a row (planned, sent, skipped or being sent) is left alone. How many were new."""
    if not items:
        return 0
    ensure_workspace(session, workspace_id, now)
    values = [
        {
            "workspace_id": workspace_id,
            "kind": kind,
            "target": target,
            "period": period,
            "status": DeliveryStatus.DUE,
            "claimed_at": now,
        }
        for target, period in items
    ]
    stmt = upsert_insert(session, Delivery).values(values)
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "kind", "target", "period"])
    return len(session.execute(stmt.returning(col(Delivery.id))).all())


def claim_planned(
    session: Session, workspace_id: str, kind: str, target: str, period: str, now: datetime, by: str | None
) -> bool:
    """Claim one planned delivery for the process `by`; False when another replica claimed it first."""
    result = session.execute(
        update(Delivery)
        .where(
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.kind) == kind,
            col(Delivery.target) == target,
            col(Delivery.period) == period,
            col(Delivery.status) == DeliveryStatus.DUE,
        )
        .values(status=DeliveryStatus.CLAIMED, claimed_at=now, claimed_by=by)
        .returning(col(Delivery.id))
    )
    return result.first() is not None


_OPEN_ROW = (
    col(Delivery.id),
    col(Delivery.workspace_id),
    col(Delivery.kind),
    col(Delivery.target),
    col(Delivery.period),
    col(Delivery.claimed_at),
)
"""A due or claimed delivery as the send loop and the take-over read it."""


def claim_due(
    session: Session, now: datetime, by: str, kinds: Collection[str], limit: int = 1
) -> list[tuple[str, str, str, str, datetime]]:
    """Claim up to `limit` planned deliveries of `kinds` for the process `by`, oldest first, as
    (workspace, kind, target, period, planned at). On PostgreSQL the rows another replica is claiming at
    this moment are skipped (FOR UPDATE SKIP LOCKED), so replicas never queue behind each other; the
    update is conditional on the row still being due, so a row is claimed once on any database."""
    due = session.execute(
        select(*_OPEN_ROW)
        .where(col(Delivery.status) == DeliveryStatus.DUE, col(Delivery.kind).in_(list(kinds)))
        .order_by(col(Delivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not due:
        return []
    taken = set(
        session.scalars(
            update(Delivery)
            .where(
                col(Delivery.id).in_([row[0] for row in due]),
                col(Delivery.status) == DeliveryStatus.DUE,
            )
            .values(status=DeliveryStatus.CLAIMED, claimed_at=now, claimed_by=by)
            .returning(col(Delivery.id))
        ).all()
    )
    return [
        (ws, kind, target, period, planned) for id_, ws, kind, target, period, planned in due if id_ in taken
    ]


def claims_of(
    session: Session, claimers: Collection[str], kinds: Collection[str]
) -> list[tuple[int, str, str, str, str, datetime]]:
    """The open claims of `kinds` made by `claimers` (replicas that are gone), oldest first, as
    (id, workspace, kind, target, period, claimed at)."""
    if not claimers:
        return []
    rows = session.execute(
        select(*_OPEN_ROW)
        .where(
            col(Delivery.status) == DeliveryStatus.CLAIMED,
            col(Delivery.kind).in_(list(kinds)),
            col(Delivery.claimed_by).in_(list(claimers)),
        )
        .order_by(col(Delivery.claimed_at))
    ).all()
    return [(int(i), ws, kind, target, period, at) for i, ws, kind, target, period, at in rows]
