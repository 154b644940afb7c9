"""The administration foundation comes first everywhere: a team summary whose administration figure is
failing gets the foundation as its first lever in every zone (the seed: "brettet står bare stødig dersom
fundamentet under, administrasjonsansvaret, alltid er på plass"). The seller's result and the coaching
advice use the same rule: tests/bot/test_foundation_first.py."""

from __future__ import annotations

import pytest

from coaching.advice import Situation, advise
from coaching.summary import summarize
from coaching.zones import Lever, Zone
from tests.coaching.summary_weeks import sample, week

ZONES = [
    (4.2, 2.8, Zone.COMFORT, Lever.MORE_SYSTEM),
    (2.8, 4.2, Zone.STRESS, Lever.MORE_RELATION),
    (4.2, 4.2, Zone.PERFORMANCE, Lever.PRESS_BOTH),
]


@pytest.mark.parametrize(("safety", "standard", "zone", "own"), ZONES)
def test_a_failing_administration_figure_puts_the_foundation_first(safety, standard, zone, own):
    failing = week("2026-W11", safety=safety, standard=standard, administration=sample(8, 3.1))
    holding = week("2026-W11", safety=safety, standard=standard, administration=sample(8, 3.9))
    assert summarize(failing, [], min_respondents=5).lever is Lever.FOUNDATION_FIRST
    assert summarize(holding, [], min_respondents=5).lever is own
    assert summarize(failing, [], min_respondents=5).zone is zone


def test_failing_is_judged_against_the_teams_cutoff():
    current = week("2026-W11", safety=4.2, standard=2.8, administration=sample(8, 3.1))
    assert summarize(current, [], min_respondents=5, cutoff=3.0).lever is Lever.MORE_SYSTEM


def test_a_hidden_administration_cell_decides_nothing():
    current = week("2026-W11", safety=4.2, standard=2.8, administration=sample(4, 1.5))  # 4 < minimum 5
    summary = summarize(current, [], min_respondents=5)
    assert summary.administration is None
    assert summary.lever is Lever.MORE_SYSTEM


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_the_coaching_context_names_the_foundation_before_the_zones_lever(locale):
    advice = advise(Situation(will="low"), Zone.COMFORT, Lever.FOUNDATION_FIRST)
    text = advice.team_lever(locale)
    assert text is not None
    foundation = {
        "nb": "administrasjonsansvaret",
        "sv": "det administrativa ansvaret",
        "en": "administration",
    }
    system = {"nb": "systemledelse", "sv": "systemledarskap", "en": "system leadership"}
    assert text.casefold().index(foundation[locale].casefold()) < text.index(system[locale])
    assert (
        advise(Situation(will="low"), Zone.COMFORT)
        .team_lever(locale)
        .casefold()
        .startswith(
            {
                "nb": "teamet er i komfortsonen",
                "sv": "teamet är i komfortzonen",
                "en": "the team is in the comfort zone",
            }[locale]
        )
    )
