"""The psychometric figures of the weekly picture, measured on simulated teams (bench/respondents.py).

Every figure goes through the product's own code: ``coaching.scoring.score`` for a seller's result,
``coaching.summary.summarize`` for a team's week (zone, trend, weakest trait, split) and
``coaching.self_view.compare`` for the leader's gaps. Only the SQL aggregation is stood in for
(``week_of``: per-person means over the answered items, as storage/week_figures.py computes them).
Each function takes a ``random.Random``: a fixed seed gives the same figures everywhere.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from bench.respondents import (
    Model,
    Person,
    Sitting,
    Team,
    answer,
    full_survey,
    item_params,
    make_team,
    pulse_week,
    shift_for,
    team_truth,
    true_scores,
    true_trait_scores,
)
from coaching.instrument import ITEMS, Axis, Trait
from coaching.pulse import axis_weights
from coaching.scoring import reverse_value, score
from coaching.self_view import compare
from coaching.stats import Sample
from coaching.summary import (
    DEFAULT_MIN_RESPONDENTS,
    ROLLING_WEEKS,
    SPLIT_AXES,
    ZONE_WEEKS,
    TeamSummary,
    Trend,
    is_split,
    summarize,
)
from coaching.week_figures import BASELINE_WEEKS, PAIRED_AXES, WeekFigures
from coaching.zones import Zone, classify
from storage.paired_figures import SPLIT_DISTANCE

PERIODS = tuple(f"2026-W{week:02d}" for week in range(10, 30))
TREND_WEEKS_BEFORE = 6  # a team that has run for a while: a full baseline and noise window
ZONE_AXES = (Axis.SAFETY, Axis.STANDARD)


# -- the stand-in for the SQL aggregation -----------------------------------------------------------------


WEIGHTS = axis_weights()


def _scored(sitting: Sitting, weighted: bool) -> Iterable[tuple[Axis, Trait, int, int]]:
    for item in sitting.items:
        raw = sitting.answers.get(item.id)
        if raw is not None:
            weight = WEIGHTS[item.id] if sitting.pulse and weighted else 1
            yield item.axis, item.trait, reverse_value(raw) if item.reverse else raw, weight


def person_means(sitting: Sitting, *, weighted: bool = True) -> tuple[dict[Axis, float], dict[Trait, float]]:
    """A seller's own mean per axis (a pulse's weighted, unless not ``weighted``: the paired cells') and
    per trait over the items they answered, as storage/week_figures.py computes them."""
    axes: dict[Axis, list[int]] = {}
    weights: dict[Axis, int] = {}
    traits: dict[Trait, list[int]] = {}
    for axis, trait, value, weight in _scored(sitting, weighted):
        axes.setdefault(axis, []).append(weight * value)
        weights[axis] = weights.get(axis, 0) + weight
        traits.setdefault(trait, []).append(value)
    return (
        {axis: sum(v) / weights[axis] for axis, v in axes.items()},
        {trait: sum(v) / len(v) for trait, v in traits.items()},
    )


AxisMeans = Mapping[str, Mapping[Axis, float]]  # per seller: their own axis means of one week


def axis_means(sittings: Sequence[Sitting]) -> AxisMeans:
    """Per seller their own unweighted axis means, as the paired cells take them."""
    return {s.key: person_means(s, weighted=False)[0] for s in sittings}


def week_of(
    period: str,
    sittings: Sequence[Sitting],
    before: Sequence[AxisMeans] = (),
    weighted_before: Sequence[AxisMeans] = (),
) -> WeekFigures:
    """The week as SQL aggregates it: a sample of per-person means per axis and trait; the paired cells
    against each person's own unweighted mean over the weeks ``before`` (the last BASELINE_WEEKS;
    storage/paired_figures.py); the split flags from each person's weighted mean over this week and the
    ROLLING_WEEKS - 1 of ``weighted_before`` before it, against the team's mean of those means."""
    means = [person_means(s) for s in sittings]
    answered = [(s.key, a, t) for s, (a, t) in zip(sittings, means, strict=True) if a]
    samples = {axis: Sample.from_values(a[axis] for _, a, _ in answered if axis in a) for axis in Axis}
    window = [
        *weighted_before[max(0, len(weighted_before) - ROLLING_WEEKS + 1) :],
        {k: a for k, a, _ in answered},
    ]
    split = {}
    for axis in SPLIT_AXES:
        own: dict[str, list[float]] = {}
        for week in window:
            for key, found in week.items():
                if axis in found:
                    own.setdefault(key, []).append(found[axis])
        values = [math.fsum(v) / len(v) for v in own.values()]
        centre = math.fsum(values) / len(values) if values else 0.0
        high = sum(1 for v in values if v >= centre + SPLIT_DISTANCE)
        low = sum(1 for v in values if v <= centre - SPLIT_DISTANCE)
        split[axis] = samples[axis] is not None and is_split(high, low, len(values))
    earlier: dict[tuple[str, Axis], list[float]] = {}
    for week in before[-BASELINE_WEEKS:]:
        for key, own in week.items():
            for axis, value in own.items():
                earlier.setdefault((key, axis), []).append(value)
    now = axis_means(sittings)
    paired = {
        axis: Sample.from_values(
            now[key][axis] - math.fsum(base) / len(base)
            for key, a, _ in answered
            if axis in a and (base := earlier.get((key, axis)))
        )
        for axis in PAIRED_AXES
    }
    return WeekFigures(
        period=period,
        respondents=len(answered),
        eligible=len(sittings),
        safety=samples[Axis.SAFETY],
        standard=samples[Axis.STANDARD],
        administration=samples[Axis.ADMINISTRATION],
        traits={trait: Sample.from_values(t[trait] for _, _, t in answered if trait in t) for trait in Trait},
        split=split,
        paired=paired,
    )


# -- the simulation context -------------------------------------------------------------------------------


@dataclass
class Sim:
    model: Model
    rng: random.Random

    def __post_init__(self) -> None:
        self.params = item_params(self.model)
        self.by_id = {p.item.id: p for p in self.params}
        self._count = 0

    def team(self, size: int, *, split: Axis | None = None) -> Team:
        self._count += 1
        return make_team(self.model, self.rng, size, f"t{self._count}", split=split)

    def pulses(self, team: Team, first: str, weeks: int) -> list[WeekFigures]:
        """``weeks`` weeks of pulses of an unchanged team, from ``first``."""
        return self.weekly([team] * weeks, first)

    def weekly(self, teams: Sequence[Team], first: str) -> list[WeekFigures]:
        """One week per entry of ``teams`` (the same people, e.g. shifted by a real change), from ``first``."""
        start = PERIODS.index(first)
        history: list[AxisMeans] = []
        weighted: list[AxisMeans] = []
        weeks = []
        for period, team in zip(PERIODS[start:], teams, strict=False):
            sittings = pulse_week(self.model, self.by_id, self.rng, team, period)
            weeks.append(week_of(period, sittings, history, weighted))
            history.append(axis_means(sittings))
            weighted.append({s.key: person_means(s)[0] for s in sittings})
        return weeks

    def survey(self, team: Team) -> list[Sitting]:
        return full_survey(self.model, self.by_id, self.rng, team)

    def truth(self, team: Team) -> dict[Axis, float]:
        return team_truth(self.model, self.params, team)


def summaries(weeks: Sequence[WeekFigures]) -> list[TeamSummary]:
    """Each week summarised as the product does, with the weeks before it as its published history."""
    return [
        summarize(week, weeks[:index], min_respondents=DEFAULT_MIN_RESPONDENTS)
        for index, week in enumerate(weeks)
    ]


def true_zone(truth: dict[Axis, float]) -> Zone:
    return classify(truth[Axis.SAFETY], truth[Axis.STANDARD])


def rate(hits: int, total: int) -> float:
    return hits / total if total else float("nan")


# -- the measures -----------------------------------------------------------------------------------------


def cronbach_alpha(rows: Sequence[Sequence[int | None]]) -> float:
    """Cronbach's alpha from pairwise covariances ("don't know" leaves a pair out, never a whole row)."""
    k = len(rows[0])
    cov = [[0.0] * k for _ in range(k)]
    for i in range(k):
        for j in range(i, k):
            pairs = [(r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None]
            mi = math.fsum(float(a) for a, _ in pairs) / len(pairs)
            mj = math.fsum(float(b) for _, b in pairs) / len(pairs)
            c = math.fsum((a - mi) * (b - mj) for a, b in pairs) / (len(pairs) - 1)
            cov[i][j] = cov[j][i] = c
    total = math.fsum(math.fsum(row) for row in cov)
    return k / (k - 1) * (1.0 - math.fsum(cov[i][i] for i in range(k)) / total)


def alphas(sim: Sim, people: int) -> dict[Axis | Trait, float]:
    """Alpha of every axis and trait over ``people`` sellers' full surveys (teams of 10)."""
    sittings: list[Sitting] = []
    while len(sittings) < people:
        sittings += sim.survey(sim.team(10))
    result: dict[Axis | Trait, float] = {}
    for group in (*Axis, *Trait):
        items = [i for i in ITEMS if group in (i.axis, i.trait)]
        rows = [
            [
                None if (raw := s.answers.get(i.id)) is None else reverse_value(raw) if i.reverse else raw
                for i in items
            ]
            for s in sittings
        ]
        result[group] = cronbach_alpha(rows)
    return result


@dataclass(frozen=True)
class Agreement:
    agree: float
    bias: float  # the mean of (measured - true) over safety and standard
    abs_error: float


def _agreement(pairs: Sequence[tuple[dict[Axis, float] | None, dict[Axis, float]]]) -> Agreement:
    agree = errors = 0
    signed: list[float] = []
    for measured, truth in pairs:
        if measured is None:
            continue
        agree += classify(measured[Axis.SAFETY], measured[Axis.STANDARD]) is true_zone(truth)
        for axis in ZONE_AXES:
            signed.append(measured[axis] - truth[axis])
        errors += 1
    return Agreement(
        rate(agree, len(pairs)),
        math.fsum(signed) / len(signed),
        math.fsum(abs(v) for v in signed) / len(signed),
    )


def individual_agreement(sim: Sim, people: int) -> tuple[Agreement, Agreement]:
    """(full survey, one week's pulse): a seller's own zone against their true zone."""
    full: list[tuple[dict[Axis, float] | None, dict[Axis, float]]] = []
    pulse: list[tuple[dict[Axis, float] | None, dict[Axis, float]]] = []
    while len(full) < people:
        team = sim.team(10)
        sittings = sim.survey(team)
        weekly = pulse_week(sim.model, sim.by_id, sim.rng, team, PERIODS[0])
        for person, sitting, week in zip(team.people, sittings, weekly, strict=True):
            truth = true_scores(sim.model, sim.params, person.latent)
            for target, s in ((full, sitting), (pulse, week)):
                scored = score(s.answers, items=s.items)
                ok = scored.safety is not None and scored.standard is not None
                target.append(
                    ({Axis.SAFETY: scored.safety, Axis.STANDARD: scored.standard} if ok else None, truth)
                )  # type: ignore[dict-item]
    return _agreement(full), _agreement(pulse)


def _axes_of(summary: TeamSummary) -> dict[Axis, float] | None:
    """The figures the summary's zone is placed by."""
    if summary.safety is None or summary.standard is None:
        return None
    return {Axis.SAFETY: summary.safety.zone_value, Axis.STANDARD: summary.standard.zone_value}


def team_agreement(
    sim: Sim, size: int, teams: int, weeks: int = ZONE_WEEKS, *, survey: bool = False
) -> tuple[Agreement, Agreement]:
    """(full survey, the pulse's summary after ``weeks`` weeks) for teams of ``size`` against the truth.
    With ``survey`` the team also took the full survey within the window, and the summary uses it."""
    full: list[tuple[dict[Axis, float] | None, dict[Axis, float]]] = []
    pulse: list[tuple[dict[Axis, float] | None, dict[Axis, float]]] = []
    for _ in range(teams):
        team = sim.team(size)
        truth = sim.truth(team)
        sittings = sim.survey(team)
        taken = week_of(PERIODS[0], sittings)
        full.append(({axis: taken.sample(axis).mean for axis in ZONE_AXES}, truth))  # type: ignore[union-attr]
        history = sim.pulses(team, PERIODS[0], weeks)
        if survey:
            history[-1] = replace(history[-1], survey={axis: taken.sample(axis) for axis in PAIRED_AXES})
        last = summarize(history[-1], history[:-1], min_respondents=DEFAULT_MIN_RESPONDENTS)
        pulse.append((_axes_of(last), truth))
    return _agreement(full), _agreement(pulse)


def trend_rates(sim: Sim, size: int, teams: int, change: float) -> dict[Axis, float]:
    """Per axis: how often the week of a true ``change`` (0: none) is called a move (0: up or down;
    else in the change's direction). Each team has TREND_WEEKS_BEFORE weeks of pulses before it."""
    hits = dict.fromkeys(ZONE_AXES, 0)
    for _ in range(teams):
        team = sim.team(size)
        for axis in ZONE_AXES:
            moved = (
                team.shifted(axis, shift_for(sim.model, sim.params, team, axis, change)) if change else team
            )
            weeks = sim.weekly([team] * TREND_WEEKS_BEFORE + [moved], PERIODS[0])
            trend = summarize(weeks[-1], weeks[:-1], min_respondents=DEFAULT_MIN_RESPONDENTS)
            found = trend.safety if axis is Axis.SAFETY else trend.standard
            if found is None:
                continue
            wanted = (Trend.UP, Trend.DOWN) if not change else (Trend.UP if change > 0 else Trend.DOWN,)
            hits[axis] += found.trend in wanted
    return {axis: rate(hits[axis], teams) for axis in ZONE_AXES}


@dataclass(frozen=True)
class Weakest:
    named: float  # share of weeks that name a weakest trait
    same: float  # of two unchanged weeks that both name one, how often the same one
    true: float  # of the named ones, how often the team's true weakest trait


def weakest_stability(sim: Sim, size: int, teams: int, weeks: int = ZONE_WEEKS + 1) -> Weakest:
    """The weakest trait of the last two of ``weeks`` unchanged weeks, against each other and the truth."""
    named = same = pairs = true = 0
    for _ in range(teams):
        team = sim.team(size)
        people = [true_trait_scores(sim.model, sim.params, person.latent) for person in team.people]
        truth = min(Trait, key=lambda trait: math.fsum(p[trait] for p in people))
        history = sim.pulses(team, PERIODS[0], weeks)
        a, b = (
            summarize(w, history[:i], min_respondents=DEFAULT_MIN_RESPONDENTS).weakest_trait
            for i, w in ((weeks - 2, history[-2]), (weeks - 1, history[-1]))
        )
        named += (a is not None) + (b is not None)
        true += (a is truth) + (b is truth)
        if a is not None and b is not None:
            pairs += 1
            same += a is b
    return Weakest(rate(named, 2 * teams), rate(same, pairs), rate(true, named))


def leader_exactly_right(sim: Sim, team: Team, off: float = 0.0) -> Sitting:
    """The manager's self-view sitting for a leader whose true scores are the team's true scores (their
    safety ``off`` from it)."""
    truth = sim.truth(team)
    truth[Axis.SAFETY] += off
    centre = Team("leader", (Person("leader", dict.fromkeys(Axis, 0.0)),))
    latent = {}
    for axis in Axis:
        base = true_scores(sim.model, sim.params, centre.people[0].latent)[axis]
        latent[axis] = shift_for(sim.model, sim.params, centre, axis, truth[axis] - base)
    return answer(sim.model, sim.by_id, sim.rng, Person("leader", latent), ITEMS)


def self_gap_rate(sim: Sim, size: int, teams: int, off: float = 0.0, weeks: int = ZONE_WEEKS) -> float:
    """How often (per shown week) the self-view names a largest gap, for a leader whose own safety is
    ``off`` from the team's true safety (0: exactly right; their other axes are right)."""
    shown = total = 0
    for _ in range(teams):
        team = sim.team(size)
        sitting = leader_exactly_right(sim, team, off)
        self_scores = score(sitting.answers)
        for summary in summaries(sim.pulses(team, PERIODS[0], weeks)):
            total += 1
            found = compare(self_scores, summary, answers=sitting.answers).largest_gap
            shown += found is not None and (not off or found[0] == "axis.safety")
    return rate(shown, total)


def split_rates(sim: Sim, size: int, teams: int) -> tuple[float, float]:
    """(unimodal teams flagged split, bimodal teams flagged split) for one week's summary."""
    flagged = {False: 0, True: 0}
    for bimodal in (False, True):
        for index in range(teams):
            axis = SPLIT_AXES[index % 2] if bimodal else None
            team = sim.team(size, split=axis)
            flagged[bimodal] += summaries(sim.pulses(team, PERIODS[0], 4))[-1].split
    return rate(flagged[False], teams), rate(flagged[True], teams)
