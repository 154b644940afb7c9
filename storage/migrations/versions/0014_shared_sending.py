"""Shared sending: replicas with heartbeats, rate budgets shared by them, and an index of open deliveries

Revision ID: 0014_shared_sending
Revises: 0013_workspace_lifecycle
Create Date: 2026-12-03 06:30:00.000000

Issue 14: every replica sends. The leader plans a fan-out as `due` ledger rows; each replica's send loop
claims them (FOR UPDATE SKIP LOCKED on PostgreSQL) and takes over the claims of a replica whose heartbeat
(`replica`) has stopped. Slack's per-workspace limits are kept by all replicas together in `rate_budget`
rows. `ix_delivery_open` holds only the due and claimed rows, so claiming never reads the sent ones.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0014_shared_sending"
down_revision: str | None = "0013_workspace_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("status IN ('due', 'claimed')")


def upgrade() -> None:
    op.create_table(
        "replica",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("beat_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "rate_budget",
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("stamp", sa.Float(), nullable=False),
        sa.Column("spent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "name"),
    )
    op.create_index(
        "ix_delivery_open", "delivery", ["status", "id"], sqlite_where=OPEN, postgresql_where=OPEN
    )


def downgrade() -> None:
    op.drop_index("ix_delivery_open", table_name="delivery")
    op.drop_table("rate_budget")
    op.drop_table("replica")
