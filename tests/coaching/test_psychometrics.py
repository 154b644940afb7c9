"""The respondent simulator (bench/respondents.py) and what it shows about the weekly figures.

The simulator knows each team's true scores; these tests hold the product's weekly figures to the
targets of docs/PSYCHOMETRICS.md on a fixed seed, with enough teams for the rates to be stable (the
full table is `make bench`)."""

from __future__ import annotations

import random

from bench.psychometrics import Sim, team_agreement, trend_rates
from bench.respondents import Model, pulse_week


def test_the_same_seed_gives_the_same_answers() -> None:
    first, second = (Sim(Model(), random.Random(3)) for _ in range(2))
    team_a, team_b = first.team(8), second.team(8)
    answers_a = pulse_week(first.model, first.by_id, first.rng, team_a, "2026-W10")
    answers_b = pulse_week(second.model, second.by_id, second.rng, team_b, "2026-W10")
    assert [s.answers for s in answers_a] == [s.answers for s in answers_b]


def test_the_full_survey_finds_the_teams_true_scores() -> None:
    """The truth the other tests measure against: a team's full survey is centred on it."""
    sim = Sim(Model(), random.Random(11))
    full, _ = team_agreement(sim, 12, 300, weeks=1)
    assert abs(full.bias) <= 0.02
    assert full.agree >= 0.85


def test_an_unchanged_team_is_called_up_or_down_in_four_to_six_percent_of_weeks() -> None:
    """The paired test's false alarms over 600 teams of 10 and both axes (1,200 weeks: the rate is
    within about 0.6 points of its true value)."""
    rates = trend_rates(Sim(Model(), random.Random(21)), 10, 600, 0.0)
    pooled = sum(rates.values()) / len(rates)
    assert 0.04 <= pooled <= 0.06


def test_a_true_rise_of_half_a_step_is_called_up_in_most_teams_of_ten() -> None:
    rates = trend_rates(Sim(Model(), random.Random(22)), 10, 300, 0.5)
    assert min(rates.values()) >= 0.60
