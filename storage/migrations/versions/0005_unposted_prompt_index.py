"""unposted prompt index: the claims whose question post was never confirmed

Revision ID: 0005_unposted_prompt_index
Revises: 0004_team_notices
Create Date: 2026-11-24 00:30:00.000000

The scheduler's repair of given-up posts (scheduling/prompt_repair.py) looks every minute for question
claims without a message ts. A partial index holds only those rows (a few), so the look-up never reads
the prompts of every question ever posted. Partial indexes work the same on SQLite and PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_unposted_prompt_index"
down_revision: str | None = "0004_team_notices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPOSTED = sa.text("message_ts IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_prompt_unposted",
        "prompt",
        ["claimed_at"],
        unique=False,
        sqlite_where=UNPOSTED,
        postgresql_where=UNPOSTED,
    )


def downgrade() -> None:
    op.drop_index("ix_prompt_unposted", table_name="prompt")
