"""Token buckets kept in the database, one `rate_budget` row per workspace and budget name, so that all
replicas together keep one Slack limit (scheduling/pacing.py builds them; SQLite keeps them in memory).

One statement takes a token: an upsert that refills the bucket by the time passed on the database's own
clock (one clock for every replica), subtracts the cost and returns what is left. PostgreSQL locks the row
for the update, so concurrent takers are served one after another, and none sees a token another got.
A negative balance is a debt: the taker waits `-tokens / rate` seconds, which is when its token is due.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

_TAKE = text(
    """
    INSERT INTO rate_budget (workspace_id, name, tokens, stamp, spent)
    VALUES (:workspace_id, :name, CAST(:capacity AS double precision) - CAST(:cost AS double precision),
            CAST(extract(epoch FROM clock_timestamp()) AS double precision), :spent)
    ON CONFLICT (workspace_id, name) DO UPDATE SET
        tokens = LEAST(
            CAST(:capacity AS double precision),
            rate_budget.tokens
            + GREATEST(0, EXCLUDED.stamp - rate_budget.stamp) * CAST(:rate AS double precision)
        ) - CAST(:cost AS double precision),
        stamp = GREATEST(EXCLUDED.stamp, rate_budget.stamp),
        spent = rate_budget.spent + EXCLUDED.spent
    RETURNING tokens, spent
    """
)


_GIVE_BACK = text(
    "UPDATE rate_budget SET tokens = tokens + 1 WHERE workspace_id = :workspace_id AND name = :name"
)


def try_take(session: Session, key: str, name: str, rate_per_second: float, capacity: float) -> bool:
    """Take a token of the bucket (key, name) only if it is there now: a refused try leaves no debt (the
    token goes back in the same transaction, whose row lock keeps other replicas out meanwhile)."""
    wait, _spent = take(session, key, name, rate_per_second, capacity)
    if wait > 0:
        session.execute(_GIVE_BACK, {"workspace_id": key, "name": name})
        return False
    return True


_SPENT = text("SELECT spent FROM rate_budget WHERE workspace_id = :workspace_id AND name = :name")


def take(
    session: Session,
    workspace_id: str,
    name: str,
    rate_per_second: float,
    capacity: float,
    *,
    spend: bool = False,
) -> tuple[float, int]:
    """Take a token of the bucket (workspace, name) at once: the seconds to wait until it is due (0 when
    it was there), and how many tokens were ever spent without waiting (`spend`: this one is). A waiter
    that finds more spent when it wakes waits for those too (`spent_since`): a person's post goes before
    every scheduled send already in the queue. PostgreSQL only: the statement uses its clock."""
    tokens, spent = session.execute(
        _TAKE,
        {
            "workspace_id": workspace_id,
            "name": name,
            "capacity": capacity,
            "cost": 1.0,
            "rate": rate_per_second,
            "spent": 1 if spend else 0,
        },
    ).one()
    return max(0.0, -float(tokens) / rate_per_second), int(spent)


def spent(session: Session, workspace_id: str, name: str) -> int:
    found = session.execute(_SPENT, {"workspace_id": workspace_id, "name": name}).scalar()
    return int(found or 0)
