"""A leader lease: which process runs the scheduler (APScheduler job stores must never be shared)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlmodel import Session, col

from storage.models import SchedulerLease
from storage.sql import upsert_insert


def acquire_or_renew(session: Session, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take the lease `name` for `holder` until `now + ttl`, or extend it; True when `holder` holds it.

    One statement, atomic on SQLite and PostgreSQL: the row is inserted when there is none, and
    otherwise updated only when the current lease has expired or already belongs to `holder`. Two
    processes racing for a free or expired lease therefore never both get it.
    """
    expires_at = now + ttl
    stmt = upsert_insert(session, SchedulerLease).values(name=name, holder=holder, expires_at=expires_at)
    stmt = stmt.on_conflict_do_update(
        index_elements=["name"],
        set_={"holder": holder, "expires_at": expires_at},
        where=or_(col(SchedulerLease.expires_at) < now, col(SchedulerLease.holder) == holder),
    ).returning(col(SchedulerLease.holder))
    return session.execute(stmt).first() is not None


def take_from(session: Session, name: str, ended: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take the lease `name` from `ended`, a holder known to be gone, before its time runs out; True when
    `holder` got it (False when someone else was quicker, or `ended` no longer holds it)."""
    result = session.execute(
        update(SchedulerLease)
        .where(col(SchedulerLease.name) == name, col(SchedulerLease.holder) == ended)
        .values(holder=holder, expires_at=now + ttl)
        .returning(col(SchedulerLease.name))
    )
    return result.first() is not None


def holder_of(session: Session, name: str) -> str | None:
    """Who last took the lease, expired or not."""
    return session.scalars(select(col(SchedulerLease.holder)).where(col(SchedulerLease.name) == name)).first()


def release(session: Session, name: str, holder: str) -> bool:
    """Give the lease up (at shutdown) so another process can take over at once; only its holder can."""
    result = session.execute(
        delete(SchedulerLease)
        .where(col(SchedulerLease.name) == name, col(SchedulerLease.holder) == holder)
        .returning(col(SchedulerLease.name))
    )
    return result.first() is not None


def current_holder(session: Session, name: str, now: datetime) -> str | None:
    """Who holds the lease now; None when nobody does (never taken, released or expired)."""
    lease = session.scalars(select(SchedulerLease).where(col(SchedulerLease.name) == name)).first()
    if lease is None or lease.expires_at <= now:
        return None
    return lease.holder
