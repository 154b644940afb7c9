"""scrub snapshots: no cell below the week's minimum, the split warning as a yes/no

Revision ID: 0003_scrub_snapshots
Revises: 0002_summary_indexes
Create Date: 2026-11-24 00:00:00.000000

Published weekly snapshots (`summary_snapshot.figures`) kept every cell of a shown week, including cells
of one or two people with their mean and sd (two people's mean and sd give both their values), and the
split warning's tail sizes (groups as small as two). They are kept after forget-me and retention, so
(issue 9) a snapshot may keep no cell below the minimum in force for its week. Each row is rewritten:

- its minimum becomes the stricter of the one stored and the team's current one: the strictest known to
  have been in force for the week (a raise that was lowered again before this migration left no trace);
- its week (JSON version 1 -> 2): every cell below that minimum, or with nobody in it, becomes
  "suppressed"; the tails of safety and standard become whether the axis is split (False where the axis
  is suppressed); a week with fewer respondents than the minimum, or posted as suppressed, keeps none.

The split rule is copied from `coaching.summary.is_split` as it stands today, on purpose: a migration is a
record of one change to the data and must not change meaning when the code moves on. Downgrade writes
version 1 again for the code before it; what was scrubbed stays gone (a split axis comes back as tails
that read as split).
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003_scrub_snapshots"
down_revision: str | None = "0002_summary_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FLOOR = 3  # coaching.summary.MIN_RESPONDENTS_FLOOR
SUPPRESSED = "suppressed"
AXES = ("safety", "standard", "administration")
SPLIT_AXES = ("safety", "standard")
BATCH = 500

_snapshot = sa.table(
    "summary_snapshot",
    sa.column("id", sa.Integer),
    sa.column("team_id", sa.Integer),
    sa.column("respondents", sa.Integer),
    sa.column("suppressed", sa.Boolean),
    sa.column("figures", sa.JSON),
)
_team = sa.table("team", sa.column("id", sa.Integer), sa.column("min_respondents", sa.Integer))


def _is_split(high: int, low: int, n: int) -> bool:
    """coaching.summary.is_split on 2026-11-24: both tails >= 30 % of n and >= 2 people."""
    return all(tail >= 2 and 100 * tail >= 30 * n for tail in (high, low))


def _rows() -> Iterator[sa.Row[int, int, bool, dict[str, Any], int]]:
    """Every snapshot with its team's minimum, in batches by id (bounded memory for any number)."""
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(
                _snapshot.c.id,
                _snapshot.c.respondents,
                _snapshot.c.suppressed,
                _snapshot.c.figures,
                _team.c.min_respondents,
            )
            .select_from(_snapshot.join(_team, _team.c.id == _snapshot.c.team_id))
            .where(_snapshot.c.id > last)
            .order_by(_snapshot.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _rewrite(snapshot_id: int, figures: Mapping[str, Any], new: dict[str, Any]) -> None:
    if new != figures:
        op.get_bind().execute(sa.update(_snapshot).where(_snapshot.c.id == snapshot_id).values(figures=new))


def _kept(cell: Any, minimum: int) -> Any:
    return cell if isinstance(cell, Mapping) and int(cell.get("n", 0)) >= minimum else SUPPRESSED


def _scrubbed_week(week: Mapping[str, Any], minimum: int) -> dict[str, Any]:
    scrubbed = dict(week)
    for axis in AXES:
        scrubbed[axis] = _kept(week.get(axis), minimum)
    scrubbed["traits"] = {trait: _kept(cell, minimum) for trait, cell in (week.get("traits") or {}).items()}
    split = {}
    for axis in SPLIT_AXES:
        cell, tails = scrubbed[axis], (week.get("split") or {}).get(axis)
        if cell == SUPPRESSED:
            split[axis] = False
        elif isinstance(tails, bool):
            split[axis] = tails
        else:
            high, low = tails or (0, 0)
            split[axis] = _is_split(int(high), int(low), int(cell["n"]))
    scrubbed["split"] = split
    scrubbed["version"] = 2
    return scrubbed


def upgrade() -> None:
    for row in _rows():
        figures = dict(row.figures or {})
        minimum = max(int(figures.get("min_respondents", FLOOR)), int(row.min_respondents), FLOOR)
        new = {**figures, "min_respondents": minimum}
        week = new.pop("week", None)
        if week is not None and not row.suppressed and row.respondents >= minimum:
            new["week"] = _scrubbed_week(week, minimum)
        _rewrite(row.id, figures, new)


def _version_1(week: Mapping[str, Any]) -> dict[str, Any]:
    old = dict(week)

    def cell(value: Any) -> Any:
        return None if value == SUPPRESSED else value

    for axis in AXES:
        old[axis] = cell(week.get(axis))
    old["traits"] = {trait: cell(value) for trait, value in (week.get("traits") or {}).items()}
    split = {}
    for axis in SPLIT_AXES:
        n = int(old[axis]["n"]) if isinstance(old[axis], Mapping) else 0
        split[axis] = [n - n // 2, n // 2] if (week.get("split") or {}).get(axis) is True else [0, 0]
    old["split"] = split
    old["version"] = 1
    return old


def downgrade() -> None:
    for row in _rows():
        figures = dict(row.figures or {})
        week = figures.get("week")
        if isinstance(week, Mapping) and week.get("version") == 2:
            _rewrite(row.id, figures, {**figures, "week": _version_1(week)})
