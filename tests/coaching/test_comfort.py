"""The comfort zone is the most dangerous: a slide toward it (into it, or the standard falling while safety
holds on the safe side of the board) is flagged by the weekly summary; coaching/comfort.py defines it."""

from __future__ import annotations

import pytest

from coaching.comfort import Slide, comfort_slide
from coaching.i18n import t
from coaching.summary import summarize
from coaching.zones import Zone
from tests.coaching.summary_weeks import sample, week


def test_moving_into_comfort_is_a_slide():
    """The zone rests on the weeks of its window: the two weeks together (standard 3.3) are comfort,
    the week before on its own was performance."""
    before = week("2026-W10", safety=4.2, standard=3.9)  # performance
    now = week("2026-W11", safety=4.2, standard=2.7)  # comfort, and so are both weeks together
    summary = summarize(now, [before], min_respondents=5)
    assert summary.zone is Zone.COMFORT
    assert summary.slide is Slide.INTO_COMFORT


def test_one_weeks_dip_does_not_move_the_zone_but_is_still_a_slide_toward_comfort():
    before = week("2026-W10", safety=4.2, standard=3.9)  # performance
    now = week("2026-W11", safety=4.2, standard=3.2)  # comfort on its own, not with the week before
    summary = summarize(now, [before], min_respondents=5)
    assert summary.zone is Zone.PERFORMANCE
    assert summary.slide is Slide.TOWARD_COMFORT


def test_a_falling_standard_while_safety_holds_is_a_slide_before_the_zone_changes():
    before = week("2026-W10", safety=4.3, standard=4.6, respondents=10)
    now = week("2026-W11", safety=4.3, standard=3.8, respondents=10)  # still performance, standard down
    summary = summarize(now, [before], min_respondents=5)
    assert summary.zone is Zone.PERFORMANCE
    assert summary.standard is not None and summary.standard.trend.value == "down"
    assert summary.slide is Slide.TOWARD_COMFORT


def test_deeper_into_comfort_is_still_a_slide():
    before = week("2026-W10", safety=4.3, standard=3.3, respondents=10)
    now = week("2026-W11", safety=4.3, standard=2.5, respondents=10)
    assert summarize(now, [before], min_respondents=5).slide is Slide.TOWARD_COMFORT


@pytest.mark.parametrize(
    ("before", "now", "why"),
    [
        ((4.2, 3.2), (4.2, 3.2), "comfort for two weeks without a fall: shown as comfort, not as a slide"),
        ((2.8, 4.4), (2.8, 3.6), "standard falls on the unsafe side: toward apathy, not comfort"),
        ((4.3, 4.6), (3.5, 3.8), "safety fell too: not safety holding"),
        ((4.2, 4.1), (4.2, 4.0), "a fall within the noise"),
        ((3.2, 3.2), (4.2, 4.2), "into performance"),
    ],
)
def test_no_slide(before, now, why):
    previous = week("2026-W10", safety=before[0], standard=before[1], respondents=10)
    current = week("2026-W11", safety=now[0], standard=now[1], respondents=10)
    assert summarize(current, [previous], min_respondents=5).slide is None, why


def test_the_first_week_in_comfort_with_no_earlier_week_is_no_slide():
    assert summarize(week("2026-W11", safety=4.2, standard=3.0), [], min_respondents=5).slide is None


def test_a_suppressed_or_zoneless_week_never_slides():
    before = week("2026-W10", safety=4.2, standard=3.9)
    assert (
        summarize(
            week("2026-W11", respondents=3, safety=4.2, standard=3.2), [before], min_respondents=5
        ).slide
        is None
    )
    assert (
        summarize(week("2026-W11", safety=sample(4, 4.2), standard=3.2), [before], min_respondents=5).slide
        is None
    )


def test_the_zone_is_judged_by_the_teams_cutoff():
    assert comfort_slide(
        Zone.COMFORT, (3.8, 3.2), 3.8, standard_fell=False, safety_held=True, cutoff=3.0
    ) is (Slide.INTO_COMFORT)  # 3.2 was high against 3.0: performance before
    assert comfort_slide(Zone.COMFORT, (3.8, 3.2), 3.8, standard_fell=False, safety_held=True) is None


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_comfort_is_named_the_most_dangerous_wherever_it_is_shown(locale):
    words = {"nb": "farligste", "sv": "farligaste", "en": "most dangerous"}[locale]
    leave = {"nb": "søker seg vekk", "sv": "söker sig bort", "en": "leave"}[locale]
    assert words in t(locale, "zone.comfort.meaning") and leave in t(locale, "zone.comfort.meaning")
    assert words in t(locale, "summary.slide.why")
    for zone in ("performance", "stress", "apathy"):
        assert words not in t(locale, f"zone.{zone}.meaning")
