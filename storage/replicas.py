"""The replicas that send (scheduling/send_loop.py): each beats its row every few seconds; one whose beat
is older than the TTL is gone, and its claims on the delivery ledger are taken over."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlmodel import Session, col

from storage.models import Delivery, Replica
from storage.sql import upsert_insert

GONE = datetime(1970, 1, 1, tzinfo=UTC)
"""The beat of a replica that stopped on purpose: its claims are taken over at once."""


def beat(session: Session, replica_id: str, now: datetime) -> None:
    stmt = upsert_insert(session, Replica).values(id=replica_id, beat_at=now)
    session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_={"beat_at": now}))


def stop(session: Session, replica_id: str) -> None:
    """A replica that stops says so: nobody waits out its TTL."""
    session.execute(update(Replica).where(col(Replica.id) == replica_id).values(beat_at=GONE))


def gone(session: Session, beat_before: datetime) -> list[str]:
    """The replicas whose last beat is older than `beat_before`."""
    return [
        str(r) for r in session.scalars(select(col(Replica.id)).where(col(Replica.beat_at) < beat_before))
    ]


def forget(session: Session, beat_before: datetime) -> int:
    """Delete the rows of replicas gone since before `beat_before` that hold no open claim (every start of a
    process adds one); how many."""
    claimers = select(col(Delivery.claimed_by)).where(
        col(Delivery.status) == "claimed", col(Delivery.claimed_by).is_not(None)
    )
    result = session.execute(
        delete(Replica).where(col(Replica.beat_at) < beat_before, col(Replica.id).not_in(claimers))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
