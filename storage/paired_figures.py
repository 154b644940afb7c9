"""The paired cells of a week, aggregated in SQL: the same people against their own previous weeks.

For each respondent of the week (a pulse run of the team and period, as in `storage.week_figures`),
their own axis mean this week minus their own baseline: the mean of their weekly axis means over the
weeks of ``window`` (the weeks before, in the same team). Only people with both take part, and per
team and axis only three numbers leave the database: how many pairs, the sum of the differences and
the sum of their squares. No per-person value is ever returned; the anonymity minimum is applied to
these cells like to every other (`coaching.week_figures.WeekFigures.held_to`, `coaching.summary`).

One statement for every team of the week, like the weekly figures: the per-person means come from the
same packed sums (`week_figures._per_person`), read once for the week and once for the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, func, select
from sqlmodel import Session

from storage.week_figures import (
    ItemMeta,
    Moments,
    _per_person,
    _round,
    list_param,
)
from storage.week_packing import ItemKey, item_key, plan_of

PAIRED_AXES = ("safety", "standard")

__all__ = ["paired_figures_all", "paired_statement", "weeks_before"]


def weeks_before(period: str, count: int) -> list[str]:
    """The ``count`` ISO weeks before ``period`` ("2026-W47"), oldest first."""
    year, week = period.split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    found = []
    for back in range(count, 0, -1):
        iso = (monday - timedelta(weeks=back)).isocalendar()
        found.append(f"{iso.year:04d}-W{iso.week:02d}")
    return found


@lru_cache(maxsize=16)
def _statement(key: ItemKey, dialect: str, by_team: bool) -> tuple[tuple[str, ...], Any]:
    plan = plan_of(key)
    axes = [
        (f"m{i}", f.name) for i, f in enumerate(plan.fields) if f.kind == "axis" and f.name in PAIRED_AXES
    ]
    now = _per_person(plan, dialect, by_team, name="now_person")
    weeks = _per_person(plan, dialect, by_team, window=True, name="window_person")
    baseline = (
        select(
            weeks.c.team_id,
            weeks.c.member_id,
            *(func.avg(weeks.c[mean]).label(f"b_{name}") for mean, name in axes),
        )
        .group_by(weeks.c.team_id, weeks.c.member_id)
        .cte("baseline")
    )
    on = and_(now.c.team_id == baseline.c.team_id, now.c.member_id == baseline.c.member_id)
    pairs = (
        select(now.c.team_id, *((now.c[mean] - baseline.c[f"b_{name}"]).label(name) for mean, name in axes))
        .select_from(now.join(baseline, on))
        .cte("pairs")
    )
    columns = []
    for _, name in axes:
        d = pairs.c[name]
        columns += [func.count(d), func.sum(d), func.sum(d * d)]
    stmt = select(pairs.c.team_id, *columns).group_by(pairs.c.team_id)
    return tuple(name for _, name in axes), stmt


def paired_statement(item_meta: ItemMeta, dialect: str, *, by_team: bool = True) -> Any:
    """The one SELECT behind `paired_figures_all` (for tests and EXPLAIN); parameters ``workspace_id``,
    ``period``, ``window`` (`list_param` of ISO weeks) and, with `by_team`, ``team_ids``."""
    return _statement(item_key(item_meta), dialect, by_team)[1]


def paired_figures_all(
    session: Session,
    workspace_id: str,
    period: str,
    window: list[str],
    item_meta: ItemMeta,
    team_ids: Iterable[int] | None = None,
) -> dict[int, dict[str, Moments]]:
    """Per team (all of the workspace's, or those in `team_ids`) and paired axis: the moments of the
    differences between each person's own mean in `period` and their own baseline over `window`.
    A team or an axis nobody was paired on is left out."""
    if not window:
        return {}
    dialect = session.get_bind().dialect.name
    params: dict[str, Any] = {
        "workspace_id": workspace_id,
        "period": period,
        "window": list_param(window, dialect),
    }
    if team_ids is not None:
        wanted = sorted(set(team_ids))
        if not wanted:
            return {}
        params["team_ids"] = list_param([int(t) for t in wanted], dialect)
    names, stmt = _statement(item_key(item_meta), dialect, team_ids is not None)
    found: dict[int, dict[str, Moments]] = {}
    for row in session.connection().execute(stmt, params):
        cells = {}
        for index, name in enumerate(names):
            n, total, total_sq = row[1 + 3 * index : 4 + 3 * index]
            if n:
                cells[name] = Moments(n, _round(total), _round(total_sq))
        if cells:
            found[row[0]] = cells
    return found
