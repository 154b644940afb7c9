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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from coaching.comfort import Slide, comfort_slide
from coaching.instrument import Axis, Trait
from coaching.pulse import week_index
from coaching.stats import (
    DEFAULT_Z,
)
from coaching.week_figures import SPLIT_AXES, Measure, WeekFigures
from coaching.windows import (
    ROLLING_WEEKS,
    ZONE_WEEKS,
    AxisTrend,
    Trend,
    axis_trend,
    minimum_of,
    previous_zone_point,
    shown,
    weakest,
)
from coaching.zones import DEFAULT_CUTOFF, Lever, Zone, lever_for, place

MIN_RESPONDENTS_FLOOR: Final[int] = 3
DEFAULT_MIN_RESPONDENTS: Final[int] = 5

SPLIT_SHARE_PERCENT: Final[int] = 30  # each tail must hold at least this share of the axis' respondents
SPLIT_MIN_PEOPLE: Final[int] = 2  # ... and at least this many people: one outlier is not a split
HISTORY_WEEKS: Final[int] = 8

__all__ = [
    "DEFAULT_MIN_RESPONDENTS",
    "HISTORY_WEEKS",
    "MIN_RESPONDENTS_FLOOR",
    "ROLLING_WEEKS",
    "SPLIT_AXES",
    "ZONE_WEEKS",
    "AxisTrend",
    "Measure",
    "TeamSummary",
    "Trend",
    "WeekFigures",
    "is_split",
    "shown_figures",
    "summarize",
]


@dataclass(frozen=True)
class TeamSummary:
    """What a team may be shown for one week. When ``suppressed`` every figure is None or empty.

    The figures are the three axes only: each item belongs to exactly one axis, so no weighted sum of
    them can cancel everyone but one person. The five traits are a second grouping of the same answers
    (every item also has a trait), and which items a seller gets in a week follows the public pulse
    rotation: shown next to the axes, trait figures let a reader solve for one seller's answer (e.g.
    6 x administration - 5 x systematic follow-up). So no trait figure leaves this summary: only
    ``measured_traits`` (whose cells reached the minimum) and ``weakest_trait`` (the one that is
    reliably the lowest over the window, ``weakest``; a name, never a value; None when none is). ``history`` is (period, safety mean, standard mean) for the chart's path,
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
    history_margins: tuple[tuple[float, float], ...] = ()
    """Per point of ``history``: the 95% half-widths of its safety and standard means (z * sd / sqrt(n)
    of the week's cells), for drawing each week with its uncertainty. Not a figure of its own."""


def _check_min(min_respondents: object) -> int:
    if isinstance(min_respondents, bool) or not isinstance(min_respondents, int):
        raise ValueError(f"min_respondents must be a whole number, got {min_respondents!r}")
    if min_respondents < MIN_RESPONDENTS_FLOOR:
        raise ValueError(
            f"min_respondents must be at least {MIN_RESPONDENTS_FLOOR}, got {min_respondents}: "
            "smaller groups cannot be shown anonymously"
        )
    return min_respondents


def is_split(high: int, low: int, n: int) -> bool:
    """Whether an axis' answers are split: the high tail and the low tail each hold >= 30% of the axis'
    n people and >= 2 people — e.g. 3 of 8 high and 3 of 8 low is split, 2 of 8 is not. A person is in
    a tail when their own mean over the last ROLLING_WEEKS weeks lies at least 0.75 above or below the
    team's mean of those means (``storage.paired_figures.split_tails_all``, docs/PSYCHOMETRICS.md)."""
    return all(tail >= SPLIT_MIN_PEOPLE and 100 * tail >= SPLIT_SHARE_PERCENT * n for tail in (high, low))


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
    - Trend: when the week's paired cell may be used (``coaching.windows._pairs``: the same people against their own
      previous BASELINE_WEEKS weeks, at least the minimum of them, and the unpaired none or at least
      the minimum), a paired test: "up"/"down" when the mean paired difference exceeds its 95% margin
      (``paired_margin``, the noise pooled over the paired cells of the last ROLLING_WEEKS weeks),
      else "stable", and ``paired`` is True. Without one, the two weeks' cells as independent samples
      (``mean_difference_margin``), or NONE without a comparable week.
    - Rolling mean: pooled over this ISO week and the ROLLING_WEEKS - 1 ISO weeks before it, using only
      weeks whose cell for the axis may be shown; None unless at least two weeks take part.
    - Zone (and borderline): placed by each axis' ``level``, pooled over the ZONE_WEEKS ISO weeks up to
      this one (shown cells only) and the week's full-survey cell when it reaches the minimum.
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
    minimum = minimum_of(current, _check_min(min_respondents))
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

    safety = axis_trend(current, by_index, Axis.SAFETY, minimum)
    standard = axis_trend(current, by_index, Axis.STANDARD, minimum)
    placement = place(safety.zone_value, standard.zone_value, cutoff) if safety and standard else None
    administration = shown(current, Axis.ADMINISTRATION, minimum)
    traits: dict[Trait, float | None] = {}
    for trait in Trait:
        sample = shown(current, trait, minimum)
        traits[trait] = sample.mean if sample is not None else None
    split = any(current.split[axis] and shown(current, axis, minimum) is not None for axis in SPLIT_AXES)

    history: list[tuple[str, float, float]] = []
    margins: list[tuple[float, float]] = []
    for week in (*by_index.values(), current):
        safe, std = shown(week, Axis.SAFETY, minimum), shown(week, Axis.STANDARD, minimum)
        if safe is not None and std is not None:
            history.append((week.period, safe.mean, std.mean))
            margins.append((DEFAULT_Z * safe.sd / math.sqrt(safe.n), DEFAULT_Z * std.sd / math.sqrt(std.n)))

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
        weakest_trait=weakest(current, by_index, minimum),
        split=split,
        lever=lever_for(placement.zone, administration.mean if administration else None, cutoff)
        if placement
        else None,
        history=tuple(history[-HISTORY_WEEKS:]),
        history_margins=tuple(margins[-HISTORY_WEEKS:]),
        slide=comfort_slide(
            placement.zone if placement else None,
            previous_zone_point(history, by_index, minimum),
            safety.mean if safety else None,
            standard_fell=standard is not None and standard.trend is Trend.DOWN,
            safety_held=safety is not None and safety.trend in (Trend.STABLE, Trend.UP),
            cutoff=cutoff,
        ),
    )


def shown_figures(summary: TeamSummary) -> dict[str, float]:
    """Every number computed from answers that a surface may show, flattened by name.

    Keys: "safety.mean", "safety.change", "safety.rolling", "safety.level" (and the same for "standard"),
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
        if trend.level is not None:  # the zone's window: the self-view shows it as the team's figure
            figures[f"{name}.level"] = trend.level
    if summary.administration is not None:
        figures["administration.mean"] = summary.administration
    for period, safety, standard in summary.history:
        figures[f"history.{period}.safety"] = safety
        figures[f"history.{period}.standard"] = standard
    return figures
