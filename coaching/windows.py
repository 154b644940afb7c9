"""A measure over several weeks: the shown cells, the trend word, the zone's window, the weakest trait.

``coaching.summary`` builds a week's summary from these. Every figure here is computed from whole
*cells* that may be shown (``shown``: one team, one ISO week, one measure, at least the minimum of its
own week), so what ``coaching.summary`` says about anonymity holds for each of them:

- the trend word: a paired test of the same people against their own previous weeks when the week's
  paired cell may be used (``_pairs``), else the two weeks' cells as independent samples;
- the rolling mean (ROLLING_WEEKS) and the zone's level (ZONE_WEEKS, one full rotation of the pulse):
  whole cells pooled;
- the weakest trait: the trait cells pooled over the zone's window, named only when one lies below
  every other beyond the noise.

docs/PSYCHOMETRICS.md gives the reasons and the figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from coaching.instrument import Axis, Trait
from coaching.pulse import ROTATION_WEEKS, week_index
from coaching.stats import (
    FALLBACK_SD,
    Sample,
    mean_difference_margin,
    paired_margin,
    paired_noise,
    pooled,
)
from coaching.week_figures import Measure, WeekFigures

ROLLING_WEEKS: Final[int] = 4  # this ISO week and the three before it
ZONE_WEEKS: Final[int] = ROTATION_WEEKS  # the zone's window: one full rotation of the pulse


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    STABLE = "stable"
    NONE = "none"  # no comparable previous week


@dataclass(frozen=True)
class AxisTrend:
    mean: float
    change: float | None  # this week minus the immediately previous ISO week; None when not comparable
    trend: Trend
    rolling: float | None  # pooled over ROLLING_WEEKS ISO weeks of shown cells; None with fewer than 2
    paired: bool = False
    """The trend word comes from the paired test: the same people against their own previous weeks."""

    level: float | None = None
    """The axis pooled over the ZONE_WEEKS ISO weeks up to this one (shown cells only); None unless at
    least two weeks take part. One full rotation: by then every seller has answered every item once, a
    full survey spread over eight weeks (docs/PSYCHOMETRICS.md)."""

    level_se: float | None = None
    """The standard error of ``shown_level`` as a figure of this team: the spread between its people
    (pooled over the window) over the root of this week's people. Repeated people make it err on the
    wide side. For telling a gap from noise (coaching.self_view); never shown."""

    zone_level: float | None = None
    """``level`` with the team's full-survey cell of the window's months pooled in: what the zone is
    placed by. Never shown as a number: the month's survey gains answers from week to week (and loses
    them to forget-me), so two weeks' figures with it could differ by one person's answers."""

    @property
    def shown_level(self) -> float:
        """The team's figure over the window that a surface may show (the self-view's team side):
        ``level``, or this week's mean when it stands alone."""
        return self.level if self.level is not None else self.mean

    @property
    def zone_value(self) -> float:
        """What the zone is placed by: ``zone_level``, else ``shown_level``."""
        return self.zone_level if self.zone_level is not None else self.shown_level


def minimum_of(week: WeekFigures, min_respondents: int) -> int:
    """The minimum a week is judged by: the stricter of the caller's and the week's own."""
    return max(min_respondents, week.min_respondents)


def shown(week: WeekFigures | None, measure: Measure, min_respondents: int) -> Sample | None:
    """The week's sample for a measure if that cell may be shown (or enter a figure), else None."""
    if week is None:
        return None
    minimum = minimum_of(week, min_respondents)
    if week.respondents < minimum:
        return None
    sample = week.sample(measure)
    return sample if sample is not None and sample.n >= minimum else None


def _pairs(week: WeekFigures | None, axis: Axis, min_respondents: int) -> Sample | None:
    """The week's paired cell for an axis if it may enter a figure: the axis cell may be shown, the
    pairs reach the week's minimum, and the people of the week who are *not* paired are none or at
    least the minimum too. (Otherwise this week's mean, the paired mean and the earlier weeks' means
    together could narrow down the answers of one or two newcomers.)"""
    now = shown(week, axis, min_respondents)
    if week is None or now is None:
        return None
    minimum = minimum_of(week, min_respondents)
    pairs = week.paired.get(axis)
    if pairs is None or pairs.n < minimum:
        return None
    newcomers = now.n - pairs.n
    return pairs if newcomers == 0 or newcomers >= minimum else None


def _direction(difference: float, margin: float) -> Trend:
    return Trend.UP if difference > margin else Trend.DOWN if difference < -margin else Trend.STABLE


def axis_trend(
    current: WeekFigures, by_index: Mapping[int, WeekFigures], axis: Axis, min_respondents: int
) -> AxisTrend | None:
    now = shown(current, axis, min_respondents)
    if now is None:
        return None
    index = week_index(current.period)
    before = shown(by_index.get(index - 1), axis, min_respondents)
    change: float | None = None
    trend = Trend.NONE
    if before is not None:
        change = now.mean - before.mean
        trend = _direction(change, mean_difference_margin(now, before))
    pairs = _pairs(current, axis, min_respondents)
    noise = paired_noise(
        sample
        for earlier in range(index - ROLLING_WEEKS + 1, index + 1)
        if (sample := _pairs(current if earlier == index else by_index.get(earlier), axis, min_respondents))
        is not None
    )
    if pairs is not None and noise is not None:
        trend = _direction(pairs.mean, paired_margin(pairs, noise))
    rolling, weeks = _pooled_over(current, by_index, index, ROLLING_WEEKS, axis, min_respondents)
    level, zone_weeks = _pooled_over(current, by_index, index, ZONE_WEEKS, axis, min_respondents)
    placed, placed_cells = _pooled_over(
        current, by_index, index, ZONE_WEEKS, axis, min_respondents, with_survey=True
    )
    spread = level.sd if level is not None and level.n >= 2 else FALLBACK_SD
    return AxisTrend(
        mean=now.mean,
        change=change,
        trend=trend,
        rolling=rolling.mean if rolling is not None and weeks >= 2 else None,
        paired=pairs is not None and noise is not None,
        level=level.mean if level is not None and zone_weeks >= 2 else None,
        level_se=spread / math.sqrt(now.n),
        zone_level=placed.mean if placed is not None and placed_cells > zone_weeks else None,
    )


def _pooled_over(
    current: WeekFigures | None,
    by_index: Mapping[int, WeekFigures],
    index: int,
    weeks: int,
    axis: Axis,
    min_respondents: int,
    *,
    with_survey: bool = False,
) -> tuple[Sample | None, int]:
    """The axis pooled over the shown cells of the ``weeks`` ISO weeks up to ``index`` (``current`` is
    the week at ``index``) and how many cells took part; (None, 0) when the week at ``index`` has no
    shown cell. ``with_survey``: the full survey's cell that the week at ``index`` carries joins them,
    when it reaches that week's minimum (each of the survey's people counts as one more week's cell)."""
    window = []
    latest: WeekFigures | None = None
    for earlier in range(index - weeks + 1, index + 1):
        week = current if earlier == index and current is not None else by_index.get(earlier)
        sample = shown(week, axis, min_respondents)
        if sample is not None:
            window.append(sample)
        elif earlier == index:
            return None, 0
        latest = week
    if with_survey and latest is not None:
        survey = latest.survey.get(axis)
        if survey is not None and survey.n >= minimum_of(latest, min_respondents):
            window.append(survey)
    found = pooled(window)
    return found, len(window)


def previous_zone_point(
    history: Sequence[tuple[str, float, float]], by_index: Mapping[int, WeekFigures], minimum: int
) -> tuple[float, float] | None:
    """(safety, standard) the previous shown week's zone was placed by (its own window), or None."""
    if len(history) < 2:
        return None
    index = week_index(history[-2][0])
    safety, _ = _pooled_over(None, by_index, index, ZONE_WEEKS, Axis.SAFETY, minimum, with_survey=True)
    standard, _ = _pooled_over(None, by_index, index, ZONE_WEEKS, Axis.STANDARD, minimum, with_survey=True)
    return (safety.mean, standard.mean) if safety is not None and standard is not None else None


def _trait_window(
    current: WeekFigures, by_index: Mapping[int, WeekFigures], trait: Trait, minimum: int
) -> Sample | None:
    """The trait's shown cells pooled over the ZONE_WEEKS weeks up to this one; None when this week's
    cell is not shown (a trait that was not measured this week is not named)."""
    index = week_index(current.period)
    window = []
    for earlier in range(index - ZONE_WEEKS + 1, index + 1):
        sample = shown(current if earlier == index else by_index.get(earlier), trait, minimum)
        if sample is not None:
            window.append(sample)
        elif earlier == index:
            return None
    return pooled(window)


def weakest(current: WeekFigures, by_index: Mapping[int, WeekFigures], minimum: int) -> Trait | None:
    """The trait that is reliably the weakest, or None: the lowest of the traits pooled over the window
    (``_trait_window``), named only when it lies below every other measured trait by more than the 95%
    margin of their difference (``mean_difference_margin``; the same people answer both, and their
    traits go together, so treating the two as independent samples errs on the side of naming none)."""
    found = [
        (sample.mean, position, trait, sample)
        for position, trait in enumerate(Trait)
        if (sample := _trait_window(current, by_index, trait, minimum)) is not None
    ]
    if len(found) < 2:
        return None
    found.sort(key=lambda entry: (entry[0], entry[1]))
    lowest = found[0]
    for other in found[1:]:
        if other[0] - lowest[0] <= mean_difference_margin(lowest[3], other[3]):
            return None
    return lowest[2]
