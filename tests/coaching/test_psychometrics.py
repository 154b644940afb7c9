"""The respondent simulator (bench/respondents.py) and what it shows about the weekly figures.

The simulator knows each team's true scores; these tests hold the product's weekly figures to the
targets of docs/PSYCHOMETRICS.md on a fixed seed, with enough teams for the rates to be stable (the
full table is `make bench`)."""

from __future__ import annotations

import random

from bench.psychometrics import (
    Sim,
    self_gap_rate,
    split_rates,
    team_agreement,
    trend_rates,
    weakest_stability,
)
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


def test_the_summarys_zone_over_its_window_agrees_with_the_true_zone_like_the_full_survey() -> None:
    """Teams of 8 after eight weekly pulses: the summary's zone (placed by the eight-week means, the
    anchors weighted as one item of their axis) against each team's true zone, over 500 teams (its
    true rate is about 90 %, four times the sampling error above the target)."""
    full, pulse = team_agreement(Sim(Model(), random.Random(23)), 8, 500)
    assert pulse.agree >= 0.85
    assert abs(pulse.bias) <= 0.03
    assert pulse.agree >= full.agree - 0.03  # as good as one sitting of all 40 items, within the noise


def test_the_split_warning_finds_bimodal_teams_and_spares_unimodal_ones() -> None:
    """Teams of 10 after four weeks: half of each bimodal team 2.4 latent units from the other half on
    safety or standard; 400 teams of each kind."""
    false, true = split_rates(Sim(Model(), random.Random(24)), 10, 400)
    assert false <= 0.05
    assert true >= 0.60


def test_a_weakest_trait_is_named_only_when_it_is_reliably_the_weakest() -> None:
    """Teams of 8 in two unchanged weeks after a full rotation: a named trait is the same both weeks
    and the team's true weakest trait (before: named every week, the same one in a third of them)."""
    found = weakest_stability(Sim(Model(), random.Random(25)), 8, 250)
    assert found.named > 0  # some teams do have a clearly weakest trait
    assert found.same >= 0.90
    assert found.true >= 0.90


def test_a_leader_who_is_exactly_right_is_rarely_shown_a_gap() -> None:
    """Per week, over 100 teams of 8 and their first eight weeks (before: a gap of 0.5 or more in 63 %)."""
    assert self_gap_rate(Sim(Model(), random.Random(26)), 8, 100) <= 0.10


def test_the_full_survey_in_the_window_helps_a_young_window() -> None:
    """After one pulse week, teams of 8 that also took the full survey are placed far better."""
    _, alone = team_agreement(Sim(Model(), random.Random(27)), 8, 300, 1)
    _, helped = team_agreement(Sim(Model(), random.Random(28)), 8, 300, 1, survey=True)
    assert helped.agree >= alone.agree + 0.05
    assert abs(helped.bias) <= 0.03
