"""The weekly team figures and the frozen snapshots of what was published.

The figures are computed in `storage.week_figures` (re-exported here): ONE statement gives every team
of a week its handful of aggregates, whatever the number of answers, and `week_figures` for one team
runs the same statement for that team alone. The database does all the work, so memory stays bounded
for any number of teams and weeks; no answer is ever loaded into Python.

Snapshots are insert-if-absent and unique per team and period: the first publish freezes a week, and
every later view (channel, manager DM, App Home) shows the frozen figures, so a late answer can never make
two shown figures differ by one person. The one later change is `replace_figures`, which the team's raised
anonymity minimum uses to drop cells (survey_flows/frozen_weeks.py); no answer is ever read back in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from storage.models import SummarySnapshot, SurveyRun, Team
from storage.paired_figures import (
    months_of,
    paired_figures_all,
    split_tails_all,
    survey_cells_all,
    weeks_before,
)
from storage.sql import upsert_insert
from storage.week_figures import (
    PULSE,
    ItemMeta,
    Moments,
    WeekMoments,
    empty_week,
    week_figures,
    week_figures_all,
    week_figures_statement,
)

__all__ = [
    "ItemMeta",
    "Moments",
    "Snapshot",
    "WeekMoments",
    "empty_week",
    "get_snapshot",
    "has_pulse_runs",
    "latest_snapshot",
    "months_of",
    "paired_figures_all",
    "replace_figures",
    "save_snapshot",
    "snapshots",
    "split_tails_all",
    "survey_cells_all",
    "team_minimum_for_update",
    "team_snapshots",
    "week_figures",
    "week_figures_all",
    "week_figures_statement",
    "weeks_before",
]


@dataclass(frozen=True, slots=True)
class Snapshot:
    team_id: int
    period: str
    published_at: datetime
    respondents: int
    eligible: int
    suppressed: bool
    figures: Mapping[str, Any]


def has_pulse_runs(session: Session, team_id: int, period: str) -> bool:
    """Whether any pulse of the team's week went out (a run exists once a pulse is sent or taken by hand).
    Without one there is nothing to report: a team set up mid-week gets no "0 of 8" summary."""
    found = session.scalar(
        select(col(SurveyRun.id))
        .where(
            col(SurveyRun.team_id) == team_id, col(SurveyRun.kind) == PULSE, col(SurveyRun.period) == period
        )
        .limit(1)
    )
    return found is not None


# -- snapshots -------------------------------------------------------------------------------------------


def _snapshot(row: SummarySnapshot) -> Snapshot:
    return Snapshot(
        team_id=row.team_id,
        period=row.period,
        published_at=row.published_at,
        respondents=row.respondents,
        eligible=row.eligible,
        suppressed=row.suppressed,
        figures=MappingProxyType(dict(row.figures or {})),
    )


def save_snapshot(
    session: Session,
    workspace_id: str,
    team_id: int,
    period: str,
    published_at: datetime,
    respondents: int,
    eligible: int,
    suppressed: bool,
    figures: dict[str, Any],
) -> bool:
    """Freeze a published week; False when the week was already frozen (the first publish wins)."""
    stmt = upsert_insert(session, SummarySnapshot).values(
        workspace_id=workspace_id,
        team_id=team_id,
        period=period,
        published_at=published_at,
        respondents=respondents,
        eligible=eligible,
        suppressed=suppressed,
        figures=figures,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["team_id", "period"]).returning(
        col(SummarySnapshot.id)
    )
    return session.execute(stmt).first() is not None


def get_snapshot(session: Session, team_id: int, period: str) -> Snapshot | None:
    row = session.scalars(
        select(SummarySnapshot).where(
            col(SummarySnapshot.team_id) == team_id, col(SummarySnapshot.period) == period
        )
    ).first()
    return _snapshot(row) if row is not None else None


def snapshots(session: Session, team_id: int, before_period: str, limit: int) -> list[Snapshot]:
    """Up to `limit` weeks published before `before_period`, most recent last.

    Periods are ISO weeks ("2026-W47"), which sort as strings.
    """
    rows = session.scalars(
        select(SummarySnapshot)
        .where(col(SummarySnapshot.team_id) == team_id, col(SummarySnapshot.period) < before_period)
        .order_by(col(SummarySnapshot.period).desc())
        .limit(limit)
    ).all()
    return [_snapshot(row) for row in reversed(rows)]


def latest_snapshot(session: Session, team_id: int) -> Snapshot | None:
    row = session.scalars(
        select(SummarySnapshot)
        .where(col(SummarySnapshot.team_id) == team_id)
        .order_by(col(SummarySnapshot.period).desc())
        .limit(1)
    ).first()
    return _snapshot(row) if row is not None else None


def team_snapshots(session: Session, team_id: int) -> list[Snapshot]:
    """Every published week of the team, oldest first."""
    rows = session.scalars(
        select(SummarySnapshot)
        .where(col(SummarySnapshot.team_id) == team_id)
        .order_by(col(SummarySnapshot.period))
    ).all()
    return [_snapshot(row) for row in rows]


def replace_figures(session: Session, team_id: int, period: str, figures: dict[str, Any]) -> None:
    """Overwrite a published week's figures (only ever to keep less of it: a raised minimum)."""
    session.execute(
        update(SummarySnapshot)
        .where(col(SummarySnapshot.team_id) == team_id, col(SummarySnapshot.period) == period)
        .values(figures=figures)
    )


def team_minimum_for_update(session: Session, team_id: int) -> int | None:
    """The team's anonymity minimum as it is now, with the team row locked until the transaction ends.

    A week being frozen reads its minimum so; a setup that raises the minimum updates the same row
    before it holds the published weeks to it. On PostgreSQL the row lock puts one after the other; on
    SQLite the freeze already holds the one write lock. So a raise either comes first (the week is
    frozen under it) or sees the new week and holds it to it: no week slips through under the old one.
    """
    return session.scalar(select(col(Team.min_respondents)).where(col(Team.id) == team_id).with_for_update())
