"""A figure hidden once stays hidden: a team's anonymity minimum changes between published weeks.

Every earlier week is judged by the strictest minimum ever in force for it since it was published (at
least the one at its publication): a week carries that minimum (``WeekFigures.min_respondents``) and
``summarize`` judges it by the stricter of its own and the one it is given. The checks here follow
test_anonymity.py (dependencies found by nudging one person's value and seeing which shown figures move),
with a schedule of minimum settings: the team's minimum when each week is published, lowered or raised.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coaching.instrument import Axis
from coaching.summary import WeekFigures, shown_figures, summarize
from tests.coaching.summary_weeks import sample, week
from tests.coaching.test_anonymity import Answers, Atom, dependencies, teams, week_figures


def publish_with(schedule: list[int]):  # type: ignore[no-untyped-def]
    """The honest pipeline: week j is published under schedule[j]; a raise holds every week already
    published to the new minimum (a lower one changes nothing kept); each week is frozen held to its
    minimum, and summarized against the weeks before it as they are kept."""

    def pipeline(_minimum: int, periods: list[str], answers: Answers) -> dict[str, float]:
        eligible = 1 + max((p for week in answers for p in week), default=0)
        kept: list[WeekFigures] = []
        shown: dict[str, float] = {}
        for position, (period, people) in enumerate(zip(periods, answers, strict=True)):
            minimum = schedule[position]
            kept = [earlier.held_to(minimum) for earlier in kept]  # held_to never lowers a minimum
            current = week_figures(period, people, eligible).held_to(minimum)
            summary = summarize(current, kept, min_respondents=minimum)
            shown.update({f"{period}|{name}": v for name, v in shown_figures(summary).items()})
            kept.append(current)
        return shown

    return pipeline


def too_small(
    schedule: list[int], periods: list[str], answers: Answers, found: dict[str, set[Atom]]
) -> list[str]:
    """Figures that use part of a cell, or a cell of a week with fewer people than the strictest minimum
    in force for that week between its publication and the figure's."""
    problems: list[str] = []
    position_of = {period: position for position, period in enumerate(periods)}
    for key, atoms in found.items():
        shown_at = position_of[key.split("|")[0]]
        used: dict[tuple[int, object], set[int]] = {}
        for position, person, measure in atoms:
            used.setdefault((position, measure), set()).add(person)
        for (position, measure), people in used.items():
            cell = {p for p, own in answers[position].items() if measure in own}
            strictest = max(schedule[position : shown_at + 1])
            if people != cell:
                problems.append(f"{key}: part of cell ({position}, {measure})")
            elif len(cell) < strictest:
                problems.append(
                    f"{key}: cell ({position}, {measure}) has {len(cell)} people, below {strictest}"
                )
    return problems


@st.composite
def teams_with_a_schedule(draw: st.DrawFn) -> tuple[list[int], list[str], Answers]:
    _minimum, periods, answers = draw(teams())
    schedule = draw(st.lists(st.integers(3, 6), min_size=len(periods), max_size=len(periods)))
    return schedule, periods, answers


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams_with_a_schedule())
def test_no_figure_uses_a_cell_below_the_strictest_minimum_of_its_week(team):
    schedule, periods, answers = team
    found = dependencies(min(schedule), periods, answers, publish_with(schedule))
    for key, atoms in found.items():
        assert atoms, f"{key} is shown but moves with nobody's answer"
    assert too_small(schedule, periods, answers, found) == []


# The issue's attack: minimum 5, week 47's standard has 3 answers (mean 2.0) and is hidden; the manager
# lowers the minimum to 3; week 48 shows 5.0 and must not show "+3.0" against week 47.
ATTACK_PERIODS = ["2026-W47", "2026-W48"]
ATTACK: Answers = [
    {p: {Axis.SAFETY: 4.0, **({Axis.STANDARD: 2.0} if p < 3 else {})} for p in range(5)},
    {p: {Axis.SAFETY: 4.0, Axis.STANDARD: 5.0} for p in range(5)},
]


def test_the_attack_is_caught_when_earlier_weeks_are_judged_by_todays_minimum():
    def todays_minimum_only(_minimum: int, periods: list[str], answers: Answers) -> dict[str, float]:
        # what the code did before: the earlier week kept whole and judged by today's minimum
        shown: dict[str, float] = {}
        figures = [week_figures(period, people, 5) for period, people in zip(periods, answers, strict=True)]
        for position, minimum in enumerate((5, 3)):
            summary = summarize(figures[position], figures[:position], min_respondents=minimum)
            shown.update({f"{periods[position]}|{k}": v for k, v in shown_figures(summary).items()})
        return shown

    leaky = dependencies(3, ATTACK_PERIODS, ATTACK, todays_minimum_only)
    assert leaky["2026-W48|standard.change"] == {(0, p, Axis.STANDARD) for p in range(3)} | {
        (1, p, Axis.STANDARD) for p in range(5)
    }
    assert any("below 5" in problem for problem in too_small([5, 3], ATTACK_PERIODS, ATTACK, leaky))

    honest = dependencies(3, ATTACK_PERIODS, ATTACK, publish_with([5, 3]))
    assert "2026-W48|standard.change" not in honest
    assert "2026-W48|safety.change" in honest  # week 47's safety had five people: it still counts
    assert too_small([5, 3], ATTACK_PERIODS, ATTACK, honest) == []


def test_an_earlier_week_is_judged_by_the_minimum_it_carries_even_if_its_cells_are_all_there():
    # summarize's own defence, whatever a caller kept: week 47 carries minimum 5 and a 3-person cell.
    w47 = WeekFigures("2026-W47", 5, 5, safety=sample(5, 4.0), standard=sample(3, 2.0), min_respondents=5)
    w48 = week("2026-W48", respondents=5, safety=4.0, standard=5.0)

    summary = summarize(w48, [w47], min_respondents=3)

    assert summary.standard is not None and summary.standard.mean == 5.0
    assert (summary.standard.change, summary.standard.rolling) == (None, None)
    assert summary.safety is not None and summary.safety.change == 0.0  # five people: shown
    assert [period for period, _, _ in summary.history] == ["2026-W48"]
    assert summary.min_respondents == 3


def test_the_current_week_is_judged_by_its_own_minimum_too():
    w48 = week("2026-W48", respondents=5, safety=4.0, standard=5.0)
    held = dataclasses.replace(w48, min_respondents=6)
    summary = summarize(held, [], min_respondents=3)
    assert summary.suppressed and summary.min_respondents == 6
