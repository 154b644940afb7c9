"""3. Summaries at scale: teams × sellers × weeks of answered pulses (and the ledger's pulse rows),
bulk-loaded, then the figures of every team for the last week as the summary publisher computes them
when every team is due at once (`storage.summaries.week_figures_all`: ONE statement, one row per team)
against the same figures computed by hand-written SQL through the bare driver (bench/summary_baseline.py:
per person, then per team, n, sum and sum of squares per axis and trait, respondents and eligible). Three
ways to write that SQL are timed in the same run, alternated with the product, median of `repeats` after a
warm-up; the bound is the fastest of the three, and each is first checked to give the product's figures.
The ratio is the median of each round's own (the product and the bound run side by side).

For context, not against the target: the publisher's whole wave (`WeekBatches`: which teams are due,
the same statement and its three others over the weeks before, each team's week handed out by its own
publish call) and then every team's
summary (`summarize` in Python, against no earlier weeks) on top of the figures.

Memory: the figures are aggregated in SQL, so the Python heap while computing them must not grow with
the number of answers; tracemalloc's peak is reported (in a separate, untimed pass).
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bench import summary_baseline
from bench.common import Backend, Section, ms
from bench.seed import WS, pulse_history, seed_org
from coaching.summary import summarize
from scheduling.summary_batch import WeekBatches
from storage import summaries
from storage.db import Database
from storage.teams import list_teams
from survey_flows.summary_weeks import ITEM_META, reported_period, week_figures_of
from survey_flows.views import TeamView

TARGET_RATIO = 1.3
Step = Callable[[], object]
LAST_WEEK = date(2026, 11, 16)  # a Monday
SUMMARY_TIME = datetime(2026, 11, 20, 22, 59, 30, tzinfo=UTC)  # Friday 23:59 in Oslo: all teams due

BASELINES = {  # the packed one first: it is the fastest, and so runs next to the product
    "packed sums (the product's SQL text)": summary_baseline.packed_figures,
    "plain, per person then per team": summary_baseline.long_figures,
    "plain, one row per person": summary_baseline.wide_figures,
}


@dataclass(frozen=True, slots=True)
class ScaleConfig:
    teams: int = 1_000
    sellers: int = 10_000
    weeks: int = 52
    repeats: int = 15


def _figures(db: Database, period: str) -> dict[int, summaries.WeekMoments]:
    with db.session() as s:
        return summaries.week_figures_all(s, WS, period, ITEM_META)


def _wave(db: Database, period: str, teams: list[TeamView]) -> int:
    batches = WeekBatches(ITEM_META)
    with db.session() as s:
        return sum(batches.week(s, t, period, SUMMARY_TIME, reported_period).respondents for t in teams)


def _summaries(db: Database, period: str) -> int:
    with db.session() as s:
        found = summaries.week_figures_all(s, WS, period, ITEM_META)
    done = [summarize(week_figures_of(week), [], min_respondents=5) for week in found.values()]
    return sum(not summary.suppressed for summary in done)


def _time(steps: dict[str, Step], repeats: int) -> dict[str, list[float]]:
    """Seconds per step and round; the steps alternate (in reverse order every other round, so no step
    always follows the same one), and a passing load on the machine hits them all. What the benchmark
    itself keeps alive (the seed's sellers, ORM rows) is frozen out of the garbage collector first:
    otherwise a step that makes many objects (the plain bounds' rows) pays for collections that walk
    the benchmark's own heap."""
    gc.collect()
    gc.freeze()
    for step in steps.values():
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(repeats):
        for name, step in steps.items() if round_ % 2 == 0 else reversed(steps.items()):
            started = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - started)
    gc.unfreeze()
    return times


def _baselines(db: Database, period: str, product: dict[int, summaries.WeekMoments]) -> dict[str, Step]:
    """Each way of writing the bound, once it gives the product's figures (else the benchmark fails:
    a bound that computes something else bounds nothing)."""
    found: dict[str, Step] = {}
    for name, make in BASELINES.items():
        step = make(db.engine, WS, period, ITEM_META)
        differ = summary_baseline.figures_differ(product, step())
        if differ:
            raise AssertionError(f"the bound {name!r} differs from the product: {differ[:3]}")
        found[name] = step
    return found


def run(backend: Backend, cfg: ScaleConfig, section: Section) -> None:
    url = backend.fresh()
    db = Database.from_url(url)
    now = datetime.now(UTC)
    started = time.perf_counter()
    sellers = seed_org(db.engine, cfg.teams, cfg.sellers, now)  # summaries due Friday 23:59
    period, answers = pulse_history(db.engine, sellers, LAST_WEEK, cfg.weeks)
    load_s = time.perf_counter() - started
    with db.session() as s:
        teams = [TeamView.of(t) for t in list_teams(s)]
    product = _figures(db, period)
    bounds = _baselines(db, period, product)

    times = _time(
        {
            "figures": lambda: _figures(db, period),
            **bounds,
            "wave": lambda: _wave(db, period, teams),
            "summaries": lambda: _summaries(db, period),
        },
        cfg.repeats,
    )
    respondents = sum(week.respondents for week in product.values())
    tracemalloc.start()
    _figures(db, period)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    db.dispose()

    median = {name: statistics.median(found) for name, found in times.items()}
    fastest = min(bounds, key=lambda name: median[name])
    ours, bound = median["figures"], median[fastest]
    # the rounds' own ratios: the two ran side by side, so a load that comes and goes hits both
    ratio = statistics.median(a / b for a, b in zip(times["figures"], times[fastest], strict=True))
    name, dbname = "3 summaries at scale", backend.name
    section.add(
        name,
        dbname,
        "every team's week (one statement)",
        f"{ms(ours)} ({ms(ours / cfg.teams)}/team)",
        f"{ratio:.2f}× bound",
        f"the same figures by plain SQL through the bare driver, fastest of {len(bounds)}: {fastest} "
        f"{ms(bound)} ("
        + "; ".join(f"{other} {ms(median[other])}" for other in bounds if other != fastest)
        + f"); the ratio is the median of the {cfg.repeats} rounds' own",
        f"≤ {TARGET_RATIO}× bound",
        ratio <= TARGET_RATIO,
    )
    section.add(
        name,
        dbname,
        "publisher's wave; figures + summaries",
        f"{ms(median['wave'])}; {ms(median['summaries'])}",
        f"{median['wave'] / bound:.2f}×; {median['summaries'] / bound:.2f}× bound",
        f"{cfg.teams} teams due at once, each handed its week; figures then `summarize` per team",
    )
    section.add(
        name,
        dbname,
        "Python heap peak while computing",
        f"{peak / 1024:.0f} KB",
        f"{peak / max(answers, 1):.2f} B per stored answer",
        f"{answers:,} answers in {cfg.weeks} weeks; {respondents:,} respondents in the week",
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
