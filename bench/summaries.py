"""3. Summaries at scale: teams × sellers × weeks of answered pulses, bulk-loaded, then every team's
figures for the last week through `storage.summaries.week_figures` (one statement per team, one
transaction per team, as the summary publisher does) against ONE hand-written GROUP BY over the same
answer rows (the week's answers of every team, summed per team and item) in the same run.

Memory: the figures are aggregated in SQL, so the Python heap while computing them must not grow with
the number of answers; tracemalloc's peak over the whole loop is reported (in a separate, untimed pass).
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import text

from bench.common import Backend, Section, ms
from bench.seed import WS, pulse_history, seed_org
from storage.db import Database
from storage.summaries import week_figures
from survey_flows.summaries import ITEM_META

TARGET_RATIO = 1.3
LAST_WEEK = date(2026, 11, 16)  # a Monday

RAW_GROUP_BY = text(
    """
    SELECT r.team_id, a.item_id, COUNT(a.value) AS n, SUM(a.value) AS total
    FROM survey_run r JOIN answer a ON a.run_id = r.id
    WHERE r.workspace_id = :ws AND r.kind = 'pulse' AND r.period = :period AND a.value IS NOT NULL
    GROUP BY r.team_id, a.item_id
    """
)


@dataclass(frozen=True, slots=True)
class ScaleConfig:
    teams: int = 100
    sellers: int = 1_000
    weeks: int = 52
    repeats: int = 3


def _all_teams(db: Database, teams: int, period: str) -> int:
    respondents = 0
    for team_id in range(1, teams + 1):
        with db.session() as s:
            respondents += week_figures(s, WS, team_id, period, ITEM_META).respondents
    return respondents


def _raw(db: Database, period: str) -> int:
    with db.session() as s:
        rows = s.execute(RAW_GROUP_BY, {"ws": WS, "period": period}).all()
    return sum(int(n) for _, _, n, _ in rows)


def run(backend: Backend, cfg: ScaleConfig, section: Section) -> None:
    url = backend.fresh()
    db = Database.from_url(url)
    now = datetime.now(UTC)
    started = time.perf_counter()
    sellers = seed_org(db.engine, cfg.teams, cfg.sellers, now)
    period, answers = pulse_history(db.engine, sellers, LAST_WEEK, cfg.weeks)
    load_s = time.perf_counter() - started

    _all_teams(db, cfg.teams, period)  # warm the caches (and SQLAlchemy's statement cache) for both
    _raw(db, period)
    ours, raw = [], []
    for _ in range(cfg.repeats):
        t0 = time.perf_counter()
        respondents = _all_teams(db, cfg.teams, period)
        t1 = time.perf_counter()
        counted = _raw(db, period)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        raw.append(t2 - t1)
    tracemalloc.start()
    _all_teams(db, cfg.teams, period)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    db.dispose()

    ours_s, raw_s = statistics.median(ours), statistics.median(raw)
    name, dbname = "3 summaries at scale", backend.name
    section.add(
        name,
        dbname,
        "all teams' week (week_figures)",
        f"{ms(ours_s)} ({ms(ours_s / cfg.teams)}/team)",
        f"{ours_s / raw_s:.2f}× raw",
        f"one GROUP BY over the same rows {ms(raw_s)}",
        f"≤ {TARGET_RATIO}× raw",
        ours_s / raw_s <= TARGET_RATIO,
    )
    section.add(
        name,
        dbname,
        "Python heap peak while computing",
        f"{peak / 1024:.0f} KB",
        f"{peak / max(answers, 1):.2f} B per stored answer",
        f"{answers:,} answers in {cfg.weeks} weeks; {counted:,} in the week",
        "bounded (no answers in Python)",
        peak < 8 * 1024 * 1024,
    )
    section.add(
        name,
        dbname,
        "bulk load",
        f"{load_s:.1f} s",
        f"{answers / load_s:,.0f} answers/s",
        f"{cfg.teams} teams, {cfg.sellers} sellers, {respondents} respondents in {period}",
    )
