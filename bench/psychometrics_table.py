"""`make bench`'s psychometrics rows: the simulator's figures (bench/psychometrics.py) against issue 10's
targets. Pure Python and no database: it runs once, not per backend, and takes well under a minute at
the default sizes (`--psy-teams` simulated teams per cell)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.common import Section
from bench.psychometrics import (
    Sim,
    alphas,
    individual_agreement,
    self_gap_rate,
    split_rates,
    team_agreement,
    trend_rates,
    weakest_stability,
)
from bench.respondents import Model
from coaching.instrument import Axis, Trait

BENCH = "5 psychometrics"
TEAM_SIZES = (5, 8, 12, 20)


@dataclass(frozen=True, slots=True)
class PsychometricsConfig:
    teams: int = 1000
    people: int = 3000
    seed: int = 10

    def describe(self) -> str:
        model = Model()
        return (
            f"5. simulated: {self.teams} teams per cell, {self.people} sellers for alpha and individual zones, "
            f"seed {self.seed}; loadings {model.loadings[0]:g}-{model.loadings[1]:g}, axis correlation "
            f"{model.axis_corr:g}, {model.dont_know:.0%} don't know, weekly state sd {model.state_sd:g}, "
            f"anchors' ease {model.anchor_ease:g} (docs/PSYCHOMETRICS.md)"
        )


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def run(config: PsychometricsConfig, section: Section) -> None:
    sim = Sim(Model(), random.Random(config.seed))
    add = section.add
    for group, alpha in alphas(sim, config.people).items():
        kind = "axis" if isinstance(group, Axis) else "trait"
        target = "≥ .70 (a trait shown as a figure)" if isinstance(group, Trait) else ""
        add(BENCH, "-", f"alpha, {kind} {group}", f"{alpha:.3f}", target=target)
    full, pulse = individual_agreement(sim, config.people)
    add(BENCH, "-", "individual zone = true zone, full survey", _pct(full.agree))
    add(BENCH, "-", "individual zone = true zone, one pulse", _pct(pulse.agree))
    for size in TEAM_SIZES:
        full, pulse = team_agreement(sim, size, config.teams)
        add(BENCH, "-", f"team zone = true zone, n = {size}, full survey", _pct(full.agree))
        met = pulse.agree >= 0.85 and abs(pulse.bias) <= 0.03 if size == 8 else None
        add(
            BENCH,
            "-",
            f"team zone = true zone, n = {size}, pulse (the summary's zone)",
            _pct(pulse.agree),
            ratio=f"mean error {pulse.bias:+.3f}, mean |error| {pulse.abs_error:.3f}",
            target="≥ 85 %, |mean error| ≤ 0.03" if size == 8 else "",
            met=met,
        )
    for weeks in (1, 8):
        _, alone = team_agreement(sim, 8, config.teams, weeks)
        _, helped = team_agreement(sim, 8, config.teams, weeks, survey=True)
        add(
            BENCH,
            "-",
            f"team zone = true zone, n = 8, after {weeks} pulse week(s): alone / with the team's full survey",
            f"{_pct(alone.agree)} / {_pct(helped.agree)}",
            ratio=f"mean error {alone.bias:+.3f} / {helped.bias:+.3f}",
        )
    alarms = trend_rates(sim, 10, config.teams, 0.0)
    detected = trend_rates(sim, 10, config.teams, 0.5)
    for axis in (Axis.SAFETY, Axis.STANDARD):
        add(
            BENCH,
            "-",
            f"trend false alarm, {axis}, n = 10",
            _pct(alarms[axis]),
            target="4-6 %",
            met=0.04 <= alarms[axis] <= 0.06,
        )
        add(
            BENCH,
            "-",
            f"trend detects +0.5, {axis}, n = 10",
            _pct(detected[axis]),
            target="≥ 60 %",
            met=detected[axis] >= 0.60,
        )
    weakest = weakest_stability(sim, 8, config.teams)
    add(
        BENCH,
        "-",
        "weakest trait, n = 8: named / the same in two unchanged weeks / the true weakest",
        f"{_pct(weakest.named)} / {_pct(weakest.same)} / {_pct(weakest.true)}",
        target="named only when reliably the weakest",
        met=weakest.same >= 0.9 and weakest.true >= 0.9,
    )
    gap = self_gap_rate(sim, 8, config.teams)
    add(
        BENCH,
        "-",
        "self-view: a largest gap shown to a leader who is exactly right, n = 8 (per week)",
        _pct(gap),
        target="only gaps beyond the noise (≤ 5 %)",
        met=gap <= 0.05,
    )
    found = self_gap_rate(sim, 8, config.teams, off=0.75)
    add(BENCH, "-", "self-view: the safety gap shown to a leader 0.75 off on safety, n = 8", _pct(found))
    false, true = split_rates(sim, 10, config.teams)
    add(BENCH, "-", "split warning, unimodal teams of 10", _pct(false), target="≤ 5 %", met=false <= 0.05)
    add(BENCH, "-", "split warning, bimodal teams of 10", _pct(true), target="≥ 60 %", met=true >= 0.60)
