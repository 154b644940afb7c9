"""one team per seller: a unique index on the active seller memberships

Revision ID: 0007_one_team_per_seller
Revises: 0006_coaching_question_ts
Create Date: 2026-12-02 20:00:00.000000

A seller is an active seller of one team at a time. The setup's transaction keeps it so on SQLite (one
writer), but on PostgreSQL two saves by managers of different teams could both find a person in no team
and both enrol them. A partial unique index makes the database refuse the second; rows that already break
the rule keep only their latest membership active.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_one_team_per_seller"
down_revision: str | None = "0006_coaching_question_ts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE_SELLER = "role = 'seller' AND active"


def upgrade() -> None:
    # Keep the newest active seller membership of each member (the latest change, then the highest id).
    op.execute(
        sa.text(
            """
            UPDATE team_membership SET active = false
            WHERE role = 'seller' AND active AND EXISTS (
                SELECT 1 FROM team_membership AS newer
                WHERE newer.workspace_id = team_membership.workspace_id
                  AND newer.member_id = team_membership.member_id
                  AND newer.role = 'seller' AND newer.active
                  AND (newer.changed_at > team_membership.changed_at
                       OR (newer.changed_at = team_membership.changed_at AND newer.id > team_membership.id))
            )
            """
        )
    )
    op.create_index(
        "uq_active_seller",
        "team_membership",
        ["workspace_id", "member_id"],
        unique=True,
        sqlite_where=sa.text(ACTIVE_SELLER),
        postgresql_where=sa.text(ACTIVE_SELLER),
    )


def downgrade() -> None:
    op.drop_index("uq_active_seller", table_name="team_membership")
