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
    INSERT INTO rate_budget (workspace_id, name, tokens, stamp)
    VALUES (:workspace_id, :name, CAST(:capacity AS double precision) - CAST(:cost AS double precision),
            CAST(extract(epoch FROM clock_timestamp()) AS double precision))
    ON CONFLICT (workspace_id, name) DO UPDATE SET
        tokens = LEAST(
            CAST(:capacity AS double precision),
            rate_budget.tokens
            + GREATEST(0, EXCLUDED.stamp - rate_budget.stamp) * CAST(:rate AS double precision)
        ) - CAST(:cost AS double precision),
        stamp = GREATEST(EXCLUDED.stamp, rate_budget.stamp)
    RETURNING tokens
    """
)


def take(
    session: Session, workspace_id: str, name: str, rate_per_second: float, capacity: float, cost: float = 1.0
) -> float:
    """Take `cost` tokens of the bucket (workspace, name) at once; the seconds to wait until they are due
    (0 when they were there). PostgreSQL only: the statement uses its clock."""
    tokens = session.execute(
        _TAKE,
        {
            "workspace_id": workspace_id,
            "name": name,
            "capacity": capacity,
            "cost": cost,
            "rate": rate_per_second,
        },
    ).scalar_one()
    return max(0.0, -float(tokens) / rate_per_second)
