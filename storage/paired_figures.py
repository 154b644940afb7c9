"""What a week's figures need from the weeks around it, aggregated in SQL: the paired cells (the same
people against their own previous weeks), the split over the window, and the full survey's cells of the
months the zone's window touches.

For each respondent of the week (a pulse run of the team and period, as in `storage.week_figures`, but
with every item counting 1: see `_unweighted`), their own axis mean this week minus their own baseline: the mean of their weekly axis means over the
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

from sqlalchemy import and_, case, func, literal_column, select
from sqlalchemy.sql.elements import ColumnClause
from sqlmodel import Session

from storage.sql import execute_compiled
from storage.week_figures import (
    SURVEY,
    ItemMeta,
    Moments,
    _per_person,
    _round,
    list_param,
)
from storage.week_packing import ItemKey, item_key, plan_of

PAIRED_AXES = ("safety", "standard")

__all__ = [
    "SPLIT_DISTANCE",
    "months_of",
    "paired_figures_all",
    "paired_statement",
    "split_tails_all",
    "survey_cells_all",
    "weeks_before",
]


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
    return _statement(_unweighted(item_meta), dialect, by_team)[1]


def _unweighted(item_meta: ItemMeta) -> ItemKey:
    """The items with their axis weights left out. A difference of a person with themself needs no
    correction for the anchors: an anchor is in every pulse, so its difficulty cancels, and it is the
    item a person answers most alike from week to week."""
    return item_key({item: (meta[0], meta[1], meta[2]) for item, meta in item_meta.items()})


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
    params = {"workspace_id": workspace_id, "period": period, "window": list_param(window, dialect)}
    return _cells_by_team(session, _statement, item_meta, params, team_ids)


def _cells_by_team(
    session: Session,
    statement: Any,
    item_meta: ItemMeta,
    params: dict[str, Any],
    team_ids: Iterable[int] | None,
) -> dict[int, dict[str, Moments]]:
    """Run `statement` (one row per team: its id, then count, sum and sum of squares per cell) for the
    workspace's teams or those in `team_ids`; the cells nobody is in are left out."""
    dialect = session.get_bind().dialect.name
    if team_ids is not None:
        wanted = sorted(set(team_ids))
        if not wanted:
            return {}
        params["team_ids"] = list_param([int(t) for t in wanted], dialect)
    names, stmt = statement(_unweighted(item_meta), dialect, team_ids is not None)
    found: dict[int, dict[str, Moments]] = {}
    for row in execute_compiled(session, stmt, params):
        cells = {}
        for index, name in enumerate(names):
            n, total, total_sq = row[1 + 3 * index : 4 + 3 * index]
            if n:
                cells[name] = Moments(n, _round(total), _round(total_sq))
        if cells:
            found[row[0]] = cells
    return found


# -- the split over the window -------------------------------------------------------------------------------

SPLIT_DISTANCE = 0.75
"""A person is in a tail when their own mean over the window lies this far above or below the mean of
the team's people (bench/psychometrics.py chose it: docs/PSYCHOMETRICS.md)."""


@lru_cache(maxsize=16)
def _split_statement(key: ItemKey, dialect: str, by_team: bool) -> tuple[tuple[str, ...], Any]:
    plan = plan_of(key)
    axes = [
        (f"m{i}", f.name) for i, f in enumerate(plan.fields) if f.kind == "axis" and f.name in PAIRED_AXES
    ]
    weeks = _per_person(plan, dialect, by_team, window=True, name="split_weeks")
    people = (
        select(weeks.c.team_id, *(func.avg(weeks.c[mean]).label(name) for mean, name in axes))
        .group_by(weeks.c.team_id, weeks.c.member_id)
        .cte("split_people")
    )
    centre = (
        select(people.c.team_id, *(func.avg(people.c[name]).label(f"c_{name}") for _, name in axes))
        .group_by(people.c.team_id)
        .cte("split_centre")
    )
    columns = []
    for _, name in axes:
        own, mid = people.c[name], centre.c[f"c_{name}"]
        distance: ColumnClause[Any] = literal_column(repr(SPLIT_DISTANCE))
        columns += [
            func.count(own),
            func.count(case((own >= mid + distance, 1))),
            func.count(case((own <= mid - distance, 1))),
        ]
    stmt = (
        select(people.c.team_id, *columns)
        .select_from(people.join(centre, people.c.team_id == centre.c.team_id))
        .group_by(people.c.team_id)
    )
    return tuple(name for _, name in axes), stmt


def split_tails_all(
    session: Session,
    workspace_id: str,
    window: list[str],
    item_meta: ItemMeta,
    team_ids: Iterable[int] | None = None,
) -> dict[int, dict[str, tuple[int, int, int]]]:
    """Per team and axis over the weeks of `window` (this week among them): (people with a mean, people
    whose own mean is at least SPLIT_DISTANCE above the team's mean of those means, people at least that
    far below). Only the counts leave the database; the caller keeps only whether they make a split."""
    if not window:
        return {}
    dialect = session.get_bind().dialect.name
    params: dict[str, Any] = {"workspace_id": workspace_id, "window": list_param(window, dialect)}
    if team_ids is not None:
        wanted = sorted(set(team_ids))
        if not wanted:
            return {}
        params["team_ids"] = list_param([int(t) for t in wanted], dialect)
    names, stmt = _split_statement(item_key(item_meta), dialect, team_ids is not None)
    found: dict[int, dict[str, tuple[int, int, int]]] = {}
    for row in execute_compiled(session, stmt, params):
        cells = {
            name: (row[1 + 3 * i], row[2 + 3 * i], row[3 + 3 * i])
            for i, name in enumerate(names)
            if row[1 + 3 * i]
        }
        if cells:
            found[row[0]] = cells
    return found


# -- the full survey in the team picture -----------------------------------------------------------------------


@lru_cache(maxsize=16)
def _survey_statement(key: ItemKey, dialect: str, by_team: bool) -> tuple[tuple[str, ...], Any]:
    plan = plan_of(key)
    axes = [
        (f"m{i}", f.name) for i, f in enumerate(plan.fields) if f.kind == "axis" and f.name in PAIRED_AXES
    ]
    people = _per_person(plan, dialect, by_team, window=True, name="survey_people", kind=SURVEY)
    columns = []
    for mean, _ in axes:
        own = people.c[mean]
        columns += [func.count(own), func.sum(own), func.sum(own * own)]
    stmt = select(people.c.team_id, *columns).group_by(people.c.team_id)
    return tuple(name for _, name in axes), stmt


def survey_cells_all(
    session: Session,
    workspace_id: str,
    months: list[str],
    item_meta: ItemMeta,
    team_ids: Iterable[int] | None = None,
) -> dict[int, dict[str, Moments]]:
    """Per team and zone axis: the moments of its people's own means in the full survey of the given
    months ("2026-11"; the survey's runs of the team), every item counting 1 as in the survey itself.
    Only count, sum and sum of squares leave the database."""
    if not months:
        return {}
    dialect = session.get_bind().dialect.name
    params = {"workspace_id": workspace_id, "window": list_param(months, dialect)}
    return _cells_by_team(session, _survey_statement, item_meta, params, team_ids)


def months_of(weeks: list[str]) -> list[str]:
    """The months ("2026-11") the days of these ISO weeks fall in, in order."""
    found: list[str] = []
    for period in weeks:
        year, week = period.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        for day in (monday, monday + timedelta(days=6)):
            month = f"{day:%Y-%m}"
            if month not in found:
                found.append(month)
    return found
