"""instrument version: each survey run remembers which version of the survey it asks

Revision ID: 0009_instrument_version
Revises: 0008_delivery_claimed_by
Create Date: 2026-12-03 08:00:00.000000

Issue 10 ("an instrument a psychometrician would sign") rewrote 15 of the 40 items. A rewritten item
has a new id, so stored answers keep theirs and still score on their axis and trait. What a run asks
was computed from the current item list, though: a run started before the rewrite would, after it,
ask new wordings at positions it had already answered and never finish the old ones. Every run now
records the version it started on; the runs that exist before this migration were all started on
version 1, which is what the column's default gives them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_instrument_version"
down_revision: str | None = "0008_delivery_claimed_by"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default, not batch mode: on SQLite batch mode would rebuild the
    # table (copy, drop, rename), and dropping survey_run with foreign keys on cascades to every answer.
    op.add_column(
        "survey_run", sa.Column("instrument_version", sa.Integer(), server_default="1", nullable=False)
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+) for the same reason. Runs started on a later version are then
    # read as the code before this migration reads every run: on the one item list it knows.
    op.drop_column("survey_run", "instrument_version")
