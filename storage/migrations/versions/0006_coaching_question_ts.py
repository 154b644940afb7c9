"""coaching question ts: the one posted copy of a dialogue's open question

Revision ID: 0006_coaching_question_ts
Revises: 0005_unposted_prompt_index
Create Date: 2026-12-02 16:00:00.000000

Issue 9 ("one tap, one post"): resuming a coaching dialogue pointed to nothing and posted its open
question again. The request now remembers which question it last posted and where, so a resume links to
that copy and posts it again only when it is gone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006_coaching_question_ts"
down_revision: str | None = "0005_unposted_prompt_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_request", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("question_field", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True)
        )
        batch_op.add_column(
            sa.Column("question_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_request", schema=None) as batch_op:
        batch_op.drop_column("question_ts")
        batch_op.drop_column("question_field")
