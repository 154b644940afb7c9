"""No shown figure can single anyone out: checked from the outside on random teams.

Each figure's dependencies are found by perturbation: nudge one person's value for one measure in one
week, re-run the whole publication sequence, and see which shown numbers move. A *cell* is one
team-week-measure: every person with a value for that measure that week. The design promises that

1. every shown figure is a union of whole cells, each with at least ``min_respondents`` people, so
   no figure is computed from fewer than the minimum; and
2. any two shown figures (same or different weeks, means, changes, rolling means, the chart's path)
   differ by a union of whole cells each with at least the minimum, so subtracting one from the other
   never isolates a person (e.g. last week's figure and this week's with one person more).

The last two tests show that the checker catches leaks: a rolling mean that pools a suppressed week,
and a caller that lets an answer arriving after publication into a later figure.

The model treats each person's value for each measure as its own atom. Real axis and trait values share
item answers (each item has an axis and a trait), so combinations of different measures of one week are
outside what this checks; docs/PRIVACY.md ("Differencing") says what that leaves open.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coaching.instrument import Axis, Trait
from coaching.pulse import period_of
from coaching.stats import Sample, pooled
from coaching.summary import WeekFigures, is_split, shown_figures, summarize

Measure = Axis | Trait
MEASURES: tuple[Measure, ...] = (*Axis, *Trait)
Answers = list[dict[int, dict[Measure, float]]]  # per week: person -> measure -> own mean
Atom = tuple[int, int, Measure]  # (week position, person, measure)
Pipeline = Callable[[int, list[str], Answers], dict[str, float]]

GRID = tuple(x / 2 for x in range(2, 11))  # 1.0, 1.5, ..., 5.0
NUDGE = 0.25
FIRST_MONDAY = date(2026, 11, 30)  # sequences run through 2026-W53 into 2027


def week_figures(period: str, answers: dict[int, dict[Measure, float]], eligible: int) -> WeekFigures:
    """What SQL would hand over: samples built from the actual people's values."""

    def values(measure: Measure) -> list[float]:
        return [own[measure] for _, own in sorted(answers.items()) if measure in own]

    samples = {measure: Sample.from_values(values(measure)) for measure in MEASURES}
    split = {
        axis: is_split(
            sum(v >= 4.0 for v in values(axis)), sum(v <= 2.5 for v in values(axis)), len(values(axis))
        )
        for axis in (Axis.SAFETY, Axis.STANDARD)
    }
    return WeekFigures(
        period=period,
        respondents=sum(1 for own in answers.values() if own),
        eligible=eligible,
        safety=samples[Axis.SAFETY],
        standard=samples[Axis.STANDARD],
        administration=samples[Axis.ADMINISTRATION],
        traits={trait: samples[trait] for trait in Trait},
        split=split,
    )


def publish_every_week(minimum: int, periods: list[str], answers: Answers) -> dict[str, float]:
    """The honest pipeline: each week is summarized once, against the earlier weeks as published."""
    eligible = 1 + max((p for week in answers for p in week), default=0)
    figures = [week_figures(period, week, eligible) for period, week in zip(periods, answers, strict=True)]
    shown: dict[str, float] = {}
    for position, current in enumerate(figures):
        summary = summarize(current, figures[:position], min_respondents=minimum)
        shown.update({f"{current.period}|{name}": v for name, v in shown_figures(summary).items()})
    return shown


def dependencies(
    minimum: int, periods: list[str], answers: Answers, pipeline: Pipeline
) -> dict[str, set[Atom]]:
    base = pipeline(minimum, periods, answers)
    found: dict[str, set[Atom]] = {key: set() for key in base}
    for position, week in enumerate(answers):
        for person, own in week.items():
            for measure in own:
                nudged = [dict(w) for w in answers]
                nudged[position][person] = {**own, measure: own[measure] + NUDGE}
                shown = pipeline(minimum, periods, nudged)
                assert shown.keys() == base.keys(), "which figures are shown must not depend on values"
                for key, value in shown.items():
                    if value != base[key]:
                        found[key].add((position, person, measure))
    return found


def violations(minimum: int, answers: Answers, found: dict[str, set[Atom]]) -> list[str]:
    cells = {
        (position, measure): frozenset(p for p, own in week.items() if measure in own)
        for position, week in enumerate(answers)
        for measure in MEASURES
    }
    problems: list[str] = []

    def whole_cells(label: str, atoms: set[Atom] | frozenset[Atom]) -> None:
        used: dict[tuple[int, Measure], set[int]] = defaultdict(set)
        for position, person, measure in atoms:
            used[position, measure].add(person)
        for cell, people in sorted(used.items(), key=str):
            if people != cells[cell]:
                problems.append(f"{label}: part of cell {cell}: {sorted(people)} of {sorted(cells[cell])}")
            elif len(people) < minimum:
                problems.append(f"{label}: cell {cell} has {len(people)} people, fewer than {minimum}")

    for key, atoms in found.items():
        people = {person for _, person, _ in atoms}
        if len(people) < minimum:
            problems.append(f"{key}: computed from {len(people)} people, fewer than {minimum}")
        whole_cells(key, atoms)
    distinct = {frozenset(atoms): key for key, atoms in found.items()}
    for (first, a), (second, b) in combinations(distinct.items(), 2):
        whole_cells(f"{a} minus {b}", first ^ second)
    return problems


@st.composite
def teams(draw: st.DrawFn) -> tuple[int, list[str], Answers]:
    minimum = draw(st.integers(3, 5))
    size = draw(st.integers(2, 9))
    steps = draw(st.lists(st.sampled_from((1, 1, 1, 2)), min_size=1, max_size=6))  # 2 = a gap week
    offsets = [sum(steps[: i + 1]) for i in range(len(steps))]
    periods = [period_of(FIRST_MONDAY + timedelta(weeks=offset)) for offset in offsets]
    axis_value = st.sampled_from((*GRID, None))  # "don't know" on an axis now and then
    admin_value = st.sampled_from((*GRID, None, None, None))
    trait_value = st.sampled_from((*GRID, *(None,) * len(GRID)))  # traits rotate: about half missing
    answers: Answers = []
    for _ in periods:
        week: dict[int, dict[Measure, float]] = {}
        for person in sorted(draw(st.sets(st.integers(0, size - 1), min_size=size // 2))):
            own = {
                Axis.SAFETY: draw(axis_value),
                Axis.STANDARD: draw(axis_value),
                Axis.ADMINISTRATION: draw(admin_value),
                **{trait: draw(trait_value) for trait in Trait},
            }
            kept = {measure: value for measure, value in own.items() if value is not None}
            if kept:
                week[person] = kept
        answers.append(week)
    return minimum, periods, answers


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams())
def test_every_figure_is_whole_cells_of_at_least_the_minimum(team):
    minimum, periods, answers = team
    found = dependencies(minimum, periods, answers, publish_every_week)
    for key, atoms in found.items():
        assert atoms, f"{key} is shown but moves with nobody's answer"
    assert violations(minimum, answers, found) == []


def test_a_typical_sequence_shows_rolling_means_changes_and_history():
    # the property above is only worth something if the figures it checks do show up
    people = {
        p: {Axis.SAFETY: 3.0 + p / 4, Axis.STANDARD: 4.0 - p / 4, Trait.SAFETY_STANDARD: 3.0}
        for p in range(6)
    }
    answers: Answers = [dict(people), {p: people[p] for p in range(2)}, dict(people), dict(people)]
    periods = ["2026-W10", "2026-W11", "2026-W12", "2026-W13"]  # W11: 2 of 6 answered
    found = dependencies(5, periods, answers, publish_every_week)
    assert {
        "2026-W13|safety.change",
        "2026-W13|safety.rolling",
        "2026-W13|history.2026-W10.safety",
    } <= found.keys()
    assert not any(key.startswith("2026-W11|") for key in found)
    rolling = found["2026-W13|safety.rolling"]
    assert {(position, measure) for position, _, measure in rolling} == {
        (0, Axis.SAFETY),
        (2, Axis.SAFETY),
        (3, Axis.SAFETY),
    }
    assert violations(5, answers, found) == []


def test_the_checker_catches_a_rolling_mean_that_pools_a_suppressed_week():
    def leaky(minimum: int, periods: list[str], answers: Answers) -> dict[str, float]:
        figures = [week_figures(period, week, 8) for period, week in zip(periods, answers, strict=True)]
        shown: dict[str, float] = {}
        for position, current in enumerate(figures):
            summary = summarize(current, figures[:position], min_respondents=minimum)
            window = [w.safety for w in figures[: position + 1] if w.safety is not None]
            if summary.safety is not None and len(window) > 1:
                everything = pooled(window)
                assert everything is not None
                summary = dataclasses.replace(
                    summary, safety=dataclasses.replace(summary.safety, rolling=everything.mean)
                )
            shown.update({f"{current.period}|{name}": v for name, v in shown_figures(summary).items()})
        return shown

    answers: Answers = [{p: {Axis.SAFETY: 2.0} for p in range(3)}, {p: {Axis.SAFETY: 4.0} for p in range(5)}]
    periods = ["2026-W10", "2026-W11"]
    found = dependencies(5, periods, answers, leaky)
    problems = violations(5, answers, found)
    assert any("cell (0, <Axis.SAFETY: 'safety'>) has 3 people" in problem for problem in problems)
    assert violations(5, answers, dependencies(5, periods, answers, publish_every_week)) == []


def test_the_checker_catches_a_late_answer_let_into_a_later_figure():
    # Person 5 answers week W10 after its summary was posted. If a caller then passes the live W10
    # (6 people) instead of the frozen one (5 people) as a previous week, W11's rolling mean minus the
    # posted W10 mean gives away person 5. summarize() cannot see this: callers must pass frozen weeks.
    def live_previous(minimum: int, periods: list[str], answers: Answers) -> dict[str, float]:
        on_time = {p: own for p, own in answers[0].items() if p != 5}
        posted = week_figures(periods[0], on_time, 6)
        live = week_figures(periods[0], answers[0], 6)
        current = week_figures(periods[1], answers[1], 6)
        shown = {
            f"{periods[0]}|{k}": v
            for k, v in shown_figures(summarize(posted, [], min_respondents=minimum)).items()
        }
        later = summarize(current, [live], min_respondents=minimum)
        shown.update({f"{periods[1]}|{k}": v for k, v in shown_figures(later).items()})
        return shown

    answers: Answers = [
        {p: {Axis.SAFETY: 1.0 + p / 2, Axis.STANDARD: 3.0} for p in range(6)},
        {p: {Axis.SAFETY: 3.0, Axis.STANDARD: 3.0} for p in range(5)},
    ]
    problems = violations(5, answers, dependencies(5, ["2026-W10", "2026-W11"], answers, live_previous))
    assert any(
        "part of cell (0, <Axis.SAFETY: 'safety'>): [0, 1, 2, 3, 4] of [0, 1, 2, 3, 4, 5]" in p
        for p in problems
    )
