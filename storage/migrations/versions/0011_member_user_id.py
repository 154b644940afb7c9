"""member.user_id: a person's id on the front end, no longer named after Slack

Revision ID: 0011_member_user_id
Revises: 0010_first_pulse_now
Create Date: 2026-12-02 13:00:00.000000

Issue 12 (the house split): the inner layers know a person by an opaque id that the front end gives
(a Slack user id from Slack, a persona's id from the console), so the column says user_id. A rename in
place (ALTER TABLE ... RENAME COLUMN, SQLite since 3.25): the unique constraint follows the column, and
no table is copied.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011_member_user_id"
down_revision: str | None = "0010_first_pulse_now"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE member RENAME COLUMN slack_user_id TO user_id")


def downgrade() -> None:
    op.execute("ALTER TABLE member RENAME COLUMN user_id TO slack_user_id")
