"""delivery.claimed_by: which process claimed a delivery

Revision ID: 0008_delivery_claimed_by
Revises: 0007_one_team_per_seller
Create Date: 2026-12-02 08:10:00.000000

A process that is killed mid-send leaves its claims unfinished; another process took them over only once
they were five minutes old, since a younger claim may still be in flight. Knowing who claimed a delivery
lets a process that is restarted on the same machine resume the claims of the one that is gone at once.
Existing claims have no claimer and keep the five minutes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_delivery_claimed_by"
down_revision: str | None = "0007_one_team_per_seller"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        batch.drop_column("claimed_by")
