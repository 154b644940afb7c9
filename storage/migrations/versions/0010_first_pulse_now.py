"""first pulse now: a new team's "send this week's pulse now"

Revision ID: 0010_first_pulse_now
Revises: 0009_instrument_version
Create Date: 2026-12-02 08:00:00.000000

Issue 11 ("value on day one"): a team saved after its pulse time got nothing until the next week. The
manager who sets it up may send this week's pulse at once; the moment is kept on the team, and the
dispatcher treats it as that week's pulse date (docs/SCHEDULING.md, "The first week").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0010_first_pulse_now"
down_revision: str | None = "0009_instrument_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_pulse_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # Never by copying the table (SQLite's batch mode would): dropping `team` cascades to its memberships,
    # runs and published weeks. ALTER TABLE ... DROP COLUMN exists on both (SQLite since 3.35).
    with op.batch_alter_table("team", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("first_pulse_at")
