"""The weekly team summary: what one team-week's aggregated answers let a team be shown.

The SQL layer aggregates a team's pulse answers per ISO week into per-respondent means and hands over
only aggregates (``WeekFigures``, in week_figures.py); ``summarize`` turns them, together with the team's earlier published
weeks, into a ``TeamSummary``: zone, axis means with change and rolling mean, traits, split warning
and the chart's path.

Anonymity rests on one rule: every figure is computed from whole *cells* — one team, one ISO week,
one measure (an axis or a trait) — and a cell is only used when it holds at least the minimum *of its
own week* (and its week was not suppressed). A week's minimum is the stricter of the one passed in and
the one the week carries (``WeekFigures.min_respondents``: the strictest ever in force for it, at least
the one it was published under), so lowering a team's minimum later never lets an earlier week's hidden
cell into a change, a rolling mean or the chart. A week's figure is its own cell, a change is two whole
cells and a rolling mean pools whole cells; so any two shown figures of a measure differ by whole cells
of at least the minimum, never by one person. (Figures of *different* measures of one week are not
independent: the axes and the traits group the same answers; docs/PRIVACY.md, "Differencing", says
what that leaves open.) This holds only if a published week is never recomputed: callers
must pass the figures frozen at publish time, and answers arriving after publication must never enter
any figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from coaching.comfort import Slide, comfort_slide
from coaching.instrument import Axis, Trait
from coaching.pulse import week_index
from coaching.stats import Sample, mean_difference_margin, paired_margin, paired_noise, pooled
from coaching.week_figures import SPLIT_AXES, Measure, WeekFigures
from coaching.zones import DEFAULT_CUTOFF, Lever, Zone, lever_for, place

MIN_RESPONDENTS_FLOOR: Final[int] = 3
DEFAULT_MIN_RESPONDENTS: Final[int] = 5

HIGH_ANSWER: Final[float] = 4.0  # a respondent whose own axis mean is >= this is in the high tail
LOW_ANSWER: Final[float] = 2.5  # ... and <= this in the low tail
SPLIT_SHARE_PERCENT: Final[int] = 30  # each tail must hold at least this share of the axis' respondents
SPLIT_MIN_PEOPLE: Final[int] = 2  # ... and at least this many people: one outlier is not a split
ROLLING_WEEKS: Final[int] = 4  # this ISO week and the three before it
HISTORY_WEEKS: Final[int] = 8

__all__ = [
    "DEFAULT_MIN_RESPONDENTS",
    "HISTORY_WEEKS",
    "MIN_RESPONDENTS_FLOOR",
    "SPLIT_AXES",
    "AxisTrend",
    "Measure",
    "TeamSummary",
    "Trend",
    "WeekFigures",
    "is_split",
    "shown_figures",
    "summarize",
]


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


@dataclass(frozen=True)
class TeamSummary:
    """What a team may be shown for one week. When ``suppressed`` every figure is None or empty.

    The figures are the three axes only: each item belongs to exactly one axis, so no weighted sum of
    them can cancel everyone but one person. The five traits are a second grouping of the same answers
    (every item also has a trait), and which items a seller gets in a week follows the public pulse
    rotation: shown next to the axes, trait figures let a reader solve for one seller's answer (e.g.
    6 x administration - 5 x systematic follow-up). So no trait figure leaves this summary: only
    ``measured_traits`` (whose cells reached the minimum) and ``weakest_trait`` (the lowest of those, a
    name, never a value). ``history`` is (period, safety mean, standard mean) for the chart's path,
    oldest first.
    """

    period: str
    respondents: int
    eligible: int
    min_respondents: int
    suppressed: bool
    zone: Zone | None
    borderline: bool
    safety: AxisTrend | None
    standard: AxisTrend | None
    administration: float | None
    measured_traits: frozenset[Trait]
    weakest_trait: Trait | None
    split: bool
    lever: Lever | None
    history: tuple[tuple[str, float, float], ...]
    slide: Slide | None = None  # toward the comfort zone, the most dangerous (coaching/comfort.py)


def _check_min(min_respondents: object) -> int:
    if isinstance(min_respondents, bool) or not isinstance(min_respondents, int):
        raise ValueError(f"min_respondents must be a whole number, got {min_respondents!r}")
    if min_respondents < MIN_RESPONDENTS_FLOOR:
        raise ValueError(
            f"min_respondents must be at least {MIN_RESPONDENTS_FLOOR}, got {min_respondents}: "
            "smaller groups cannot be shown anonymously"
        )
    return min_respondents


def _minimum_of(week: WeekFigures, min_respondents: int) -> int:
    """The minimum a week is judged by: the stricter of the caller's and the week's own."""
    return max(min_respondents, week.min_respondents)


def _shown(week: WeekFigures | None, measure: Measure, min_respondents: int) -> Sample | None:
    """The week's sample for a measure if that cell may be shown (or enter a figure), else None."""
    if week is None:
        return None
    minimum = _minimum_of(week, min_respondents)
    if week.respondents < minimum:
        return None
    sample = week.sample(measure)
    return sample if sample is not None and sample.n >= minimum else None


def is_split(high: int, low: int, n: int) -> bool:
    """Whether an axis' answers are split: the high tail (own axis mean >= 4.0) and the low tail
    (<= 2.5) each hold >= 30% of the axis' n people and >= 2 people — e.g. 3 of 8 high and 3 of 8 low
    is split, 2 of 8 is not."""
    return all(tail >= SPLIT_MIN_PEOPLE and 100 * tail >= SPLIT_SHARE_PERCENT * n for tail in (high, low))


def _pairs(week: WeekFigures | None, axis: Axis, min_respondents: int) -> Sample | None:
    """The week's paired cell for an axis if it may enter a figure: the axis cell may be shown, the
    pairs reach the week's minimum, and the people of the week who are *not* paired are none or at
    least the minimum too. (Otherwise this week's mean, the paired mean and the earlier weeks' means
    together could narrow down the answers of one or two newcomers.)"""
    now = _shown(week, axis, min_respondents)
    if week is None or now is None:
        return None
    minimum = _minimum_of(week, min_respondents)
    pairs = week.paired.get(axis)
    if pairs is None or pairs.n < minimum:
        return None
    newcomers = now.n - pairs.n
    return pairs if newcomers == 0 or newcomers >= minimum else None


def _direction(difference: float, margin: float) -> Trend:
    return Trend.UP if difference > margin else Trend.DOWN if difference < -margin else Trend.STABLE


def _axis_trend(
    current: WeekFigures, by_index: Mapping[int, WeekFigures], axis: Axis, min_respondents: int
) -> AxisTrend | None:
    now = _shown(current, axis, min_respondents)
    if now is None:
        return None
    index = week_index(current.period)
    before = _shown(by_index.get(index - 1), axis, min_respondents)
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
    window = [now]
    for earlier in range(index - ROLLING_WEEKS + 1, index):
        sample = _shown(by_index.get(earlier), axis, min_respondents)
        if sample is not None:
            window.append(sample)
    rolling = pooled(window) if len(window) >= 2 else None
    return AxisTrend(
        mean=now.mean,
        change=change,
        trend=trend,
        rolling=rolling.mean if rolling is not None else None,
        paired=pairs is not None and noise is not None,
    )


def _weakest(traits: Mapping[Trait, float | None]) -> Trait | None:
    shown = [
        (value, position, trait)
        for position, trait in enumerate(Trait)
        if (value := traits[trait]) is not None
    ]
    return min(shown)[2] if shown else None


def _ordered(current: WeekFigures, previous: Sequence[WeekFigures]) -> dict[int, WeekFigures]:
    by_index: dict[int, WeekFigures] = {}
    last: int | None = None
    for week in previous:
        index = week_index(week.period)
        if last is not None and index <= last:
            raise ValueError(
                f"previous weeks must be distinct and oldest first; {week.period} is out of order"
            )
        by_index[index] = week
        last = index
    if last is not None and last >= week_index(current.period):
        raise ValueError(
            f"previous weeks must all come before {current.period}; a published week is never summarized again"
        )
    return by_index


def summarize(
    current: WeekFigures,
    previous: Sequence[WeekFigures],
    *,
    min_respondents: int,
    cutoff: float = DEFAULT_CUTOFF,
) -> TeamSummary:
    """The summary of ``current`` given the team's earlier published weeks (``previous``, oldest first).

    - Suppressed when fewer than ``min_respondents`` answered: no zone, no figures, no history.
    - A measure (axis or trait) is shown only when its own n reaches the minimum; the zone needs both
      safety and standard shown.
    - Change: against the immediately previous ISO week only, and only if that week's cell for the
      axis may be shown; no comparable week gives change None.
    - Trend: when the week's paired cell may be used (``_pairs``: the same people against their own
      previous BASELINE_WEEKS weeks, at least the minimum of them, and the unpaired none or at least
      the minimum), a paired test: "up"/"down" when the mean paired difference exceeds its 95% margin
      (``paired_margin``, the noise pooled over the paired cells of the last ROLLING_WEEKS weeks),
      else "stable", and ``paired`` is True. Without one, the two weeks' cells as independent samples
      (``mean_difference_margin``), or NONE without a comparable week.
    - Rolling mean: pooled over this ISO week and the ROLLING_WEEKS - 1 ISO weeks before it, using only
      weeks whose cell for the axis may be shown; None unless at least two weeks take part.
    - Split: when the week's ``split`` flag is set on safety or standard and that axis is shown. The
      flag is ``is_split`` on the axis' tails, decided where they are counted (the tails themselves are
      groups as small as two and are never kept).
    - History: up to HISTORY_WEEKS weeks where both axes may be shown, oldest first, this one included.
    - Lever: the zone's, with the administration foundation first when its shown mean is below the cutoff
      (``coaching.zones.lever_for``); slide: a move toward the comfort zone (``coaching.comfort``).

    Every week, this one and each earlier one, is judged by its own minimum: the stricter of
    ``min_respondents`` and the week's ``min_respondents`` (the strictest ever in force for it), so a
    cell that was too small under any minimum in force since its week was published never enters a
    figure. ValueError when ``min_respondents`` is below MIN_RESPONDENTS_FLOOR or ``previous`` is out
    of order or reaches ``current``.
    """
    minimum = _minimum_of(current, _check_min(min_respondents))
    by_index = _ordered(current, previous)
    if current.respondents < minimum:
        return TeamSummary(
            period=current.period,
            respondents=current.respondents,
            eligible=current.eligible,
            min_respondents=minimum,
            suppressed=True,
            zone=None,
            borderline=False,
            safety=None,
            standard=None,
            administration=None,
            measured_traits=frozenset(),
            weakest_trait=None,
            split=False,
            lever=None,
            history=(),
        )

    safety = _axis_trend(current, by_index, Axis.SAFETY, minimum)
    standard = _axis_trend(current, by_index, Axis.STANDARD, minimum)
    placement = place(safety.mean, standard.mean, cutoff) if safety and standard else None
    administration = _shown(current, Axis.ADMINISTRATION, minimum)
    traits: dict[Trait, float | None] = {}
    for trait in Trait:
        sample = _shown(current, trait, minimum)
        traits[trait] = sample.mean if sample is not None else None
    split = any(current.split[axis] and _shown(current, axis, minimum) is not None for axis in SPLIT_AXES)

    history: list[tuple[str, float, float]] = []
    for week in (*by_index.values(), current):
        safe, std = _shown(week, Axis.SAFETY, minimum), _shown(week, Axis.STANDARD, minimum)
        if safe is not None and std is not None:
            history.append((week.period, safe.mean, std.mean))

    return TeamSummary(
        period=current.period,
        respondents=current.respondents,
        eligible=current.eligible,
        min_respondents=minimum,
        suppressed=False,
        zone=placement.zone if placement else None,
        borderline=placement.borderline if placement else False,
        safety=safety,
        standard=standard,
        administration=administration.mean if administration is not None else None,
        measured_traits=frozenset(t for t, value in traits.items() if value is not None),
        weakest_trait=_weakest(traits),
        split=split,
        lever=lever_for(placement.zone, administration.mean if administration else None, cutoff)
        if placement
        else None,
        history=tuple(history[-HISTORY_WEEKS:]),
        slide=comfort_slide(
            placement.zone if placement else None,
            (history[-2][1], history[-2][2]) if len(history) >= 2 else None,
            safety.mean if safety else None,
            standard_fell=standard is not None and standard.trend is Trend.DOWN,
            safety_held=safety is not None and safety.trend in (Trend.STABLE, Trend.UP),
            cutoff=cutoff,
        ),
    )


def shown_figures(summary: TeamSummary) -> dict[str, float]:
    """Every number computed from answers that a surface may show, flattened by name.

    Keys: "safety.mean", "safety.change", "safety.rolling" (and the same for "standard"),
    "administration.mean", "history.<period>.safety" / ".standard". Only figures that are not None
    appear, so a suppressed summary gives {}. Counts (respondents of eligible) are not answer figures and
    are left out; there is no trait figure (see TeamSummary).
    """
    figures: dict[str, float] = {}
    for name, trend in (("safety", summary.safety), ("standard", summary.standard)):
        if trend is None:
            continue
        figures[f"{name}.mean"] = trend.mean
        if trend.change is not None:
            figures[f"{name}.change"] = trend.change
        if trend.rolling is not None:
            figures[f"{name}.rolling"] = trend.rolling
    if summary.administration is not None:
        figures["administration.mean"] = summary.administration
    for period, safety, standard in summary.history:
        figures[f"history.{period}.safety"] = safety
        figures[f"history.{period}.standard"] = standard
    return figures
