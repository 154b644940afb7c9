"""workspace lifecycle: when the app was uninstalled from a workspace

Revision ID: 0013_workspace_lifecycle
Revises: 0012_installations
Create Date: 2026-12-03 07:00:00.000000

Issue 14: `app_uninstalled` (or the bot token revoked) marks the workspace; the clock sends it nothing from
then on, a reinstall inside the grace period clears the mark and keeps the data, and the daily retention
job deletes everything of a workspace marked longer ago than UNINSTALL_GRACE_DAYS (docs/PRIVACY.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0013_workspace_lifecycle"
down_revision: str | None = "0012_installations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("uninstalled_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # Never by copying the table (SQLite's batch mode would): every table refers to `workspace`.
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("uninstalled_at")
