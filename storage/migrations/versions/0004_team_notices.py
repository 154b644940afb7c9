"""team notices: the DMs a team change owes (a seller added, a seller moved away)

Revision ID: 0004_team_notices
Revises: 0003_scrub_snapshots
Create Date: 2026-12-02 10:00:00.000000

Issue 9: nobody is put into a team without being told. A team change writes its notices in its own
transaction; the scheduler sends them (scheduling/notices.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.types

revision: str = "0004_team_notices"
down_revision: str | None = "0003_scrub_snapshots"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("recipient_member_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("subject_member_id", sa.Integer(), nullable=True),
        sa.Column("other_team_id", sa.Integer(), nullable=True),
        sa.Column("actor_member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("given_up_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.ForeignKeyConstraint(["recipient_member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subject_member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_team_id"], ["team.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_member_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index("ix_notice_pending", ["sent_at", "given_up_at", "claimed_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notice_recipient_member_id"), ["recipient_member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notice_subject_member_id"), ["subject_member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_subject_member_id"))
        batch_op.drop_index(batch_op.f("ix_notice_recipient_member_id"))
        batch_op.drop_index("ix_notice_pending")
    op.drop_table("notice")
