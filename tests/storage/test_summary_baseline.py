"""The bound of benchmark 3 (bench/summary_baseline.py) gives exactly the product's weekly figures, on
SQLite and PostgreSQL, at a small size: every way of writing it, team by team and figure by figure. So
the bound cannot be fast by computing less (the old one grouped by team and item, and computed none of
the per-person means)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from types import MappingProxyType

import pytest
from sqlalchemy import text

from bench.seed import WS, pulse_history, seed_org
from bench.summaries import BASELINES
from bench.summary_baseline import figures_differ
from storage import summaries
from storage.db import Database
from survey_flows.summary_weeks import ITEM_META

TEAMS = 6
LAST_WEEK = date(2026, 11, 16)


@pytest.fixture
def week(db: Database) -> str:
    """Six teams of 8 sellers, two weeks of pulses ("don't know" included) for every team but the last,
    whose eligible sellers then come from the memberships, one of them deactivated; one seller who
    answered has left team 1 since (its eligible count falls below its respondents)."""
    sellers = seed_org(db.engine, TEAMS, 48, datetime(2026, 11, 1, tzinfo=UTC))
    answering = [s for s in sellers if s.team_id != TEAMS]
    period, _ = pulse_history(db.engine, answering, LAST_WEEK, 2, dont_know=0.3)
    with db.engine.begin() as conn:
        left = next(s.member_id for s in sellers if s.team_id == 1)
        silent = next(s.member_id for s in sellers if s.team_id == TEAMS)
        conn.execute(text("UPDATE team_membership SET active = false WHERE member_id = :m"), {"m": left})
        conn.execute(text("UPDATE member SET deactivated = true WHERE id = :m"), {"m": silent})
    return period


def test_every_bound_gives_the_products_figures(db: Database, week: str) -> None:
    with db.session() as s:
        product = summaries.week_figures_all(s, WS, week, ITEM_META)
    assert set(product) == set(range(1, TEAMS + 1))
    assert product[TEAMS].respondents == 0 and product[TEAMS].eligible == 7
    # team 1: the ledger's 7 pulses sent to active sellers, raised to the 8 who answered
    assert product[1].eligible == product[1].respondents == 8
    assert all(product[t].axes and product[t].traits for t in range(1, TEAMS))
    for name, make in BASELINES.items():
        assert figures_differ(product, make(db.engine, WS, week, ITEM_META)()) == [], name


def test_a_bound_that_computes_less_is_caught(db: Database, week: str) -> None:
    with db.session() as s:
        product = summaries.week_figures_all(s, WS, week, ITEM_META)
    first = product[1]
    axis, moments = next(iter(first.axes.items()))
    fewer = {**first.axes, axis: moments._replace(n=moments.n - 1)}
    changed = {**product, 1: replace(first, axes=MappingProxyType(fewer))}
    assert figures_differ(product, changed) != []
    assert figures_differ(product, {t: w for t, w in product.items() if t != 1}) != []
    shifted = {**first.traits}
    name, trait = next(iter(shifted.items()))
    shifted[name] = trait._replace(total=trait.total + 1e-6)
    assert figures_differ(product, {**product, 1: replace(first, traits=MappingProxyType(shifted))}) != []
