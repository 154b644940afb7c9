"""summary indexes: a week's pulse runs by team, a week's deliveries by kind

Revision ID: 0002_summary_indexes
Revises: 0001
Create Date: 2026-11-23 00:40:00.000000

The weekly figures of every team are one statement over the week's pulse runs (issue 5, benchmark 3):
`ix_run_week` finds them, in team order, without reading the other weeks' runs; `ix_delivery_week`
finds the week's pulse deliveries, counted per team as the pulses sent.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_summary_indexes"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_run_week", "survey_run", ["workspace_id", "kind", "period", "team_id"], unique=False)
    op.create_index("ix_delivery_week", "delivery", ["workspace_id", "kind", "period"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_delivery_week", table_name="delivery")
    op.drop_index("ix_run_week", table_name="survey_run")
