"""The trend word from the paired test: the same people this week against their own previous weeks
(``WeekFigures.paired``), with the noise pooled over the last four weeks; and the anonymity rules that
decide when a paired cell may be used at all."""

from dataclasses import replace

import pytest

from coaching.stats import PairedNoise, Sample, paired_margin, paired_noise, t_quantile
from coaching.summary import Trend, shown_figures, summarize
from coaching.week_figures import WeekFigures
from tests.coaching.summary_weeks import SAFETY, STANDARD, sample, week


@pytest.mark.parametrize(
    ("df", "exact"), [(1, 12.7062), (4, 2.7764), (6, 2.4469), (9, 2.2622), (20, 2.0860), (120, 1.9799)]
)
def test_t_quantile_is_students_two_sided_95_percent(df, exact):
    assert t_quantile(df) == pytest.approx(exact, abs=0.0015)


def test_paired_noise_pools_the_spread_of_every_week_and_ignores_their_means():
    noise = paired_noise([Sample(9, 0.8, 0.6), Sample(9, -0.1, 0.4), Sample(1, 2.0, 0.0)])
    assert noise == PairedNoise(variance=pytest.approx((0.36 + 0.16) / 2), df=16)
    assert paired_noise([Sample(1, 0.5, 0.0)]) is None
    # 10 pairs, pooled sd 0.5 over 36 degrees of freedom: 2.028 * 0.5 / sqrt(10)
    assert paired_margin(Sample(10, 0.3, 0.5), PairedNoise(0.25, 36)) == pytest.approx(0.3206, abs=0.001)


def _weeks(changes, *, sd=0.45, n=10, pairs=None, respondents=None):
    """Weeks W10.. with safety's paired cells of the given means (the axis means follow them)."""
    weeks = []
    for index, change in enumerate(changes):
        people = respondents or n
        weeks.append(
            week(
                f"2026-W{10 + index:02d}",
                respondents=people,
                safety=sample(people, 3.5 + change),
                standard=sample(people, 3.5),
                paired={SAFETY: sample(pairs or n, change, sd)},
            )
        )
    return weeks


def test_a_rise_of_the_same_people_beyond_the_noise_is_up_even_when_two_samples_would_call_it_stable():
    *before, now = _weeks([0.0, 0.05, -0.05, 0.0, 0.4])
    summary = summarize(now, before, min_respondents=5)
    assert summary.safety is not None
    # two independent weeks: margin 1.96 * sqrt(2 * 0.25 / 10) = 0.44 > 0.4
    assert summary.safety.change == pytest.approx(0.4)
    assert summary.safety.paired is True
    assert summary.safety.trend is Trend.UP  # paired: t(36) * 0.45 / sqrt(10) = 0.29 < 0.4


def test_the_same_move_within_the_paired_noise_is_stable():
    *before, now = _weeks([0.0, 0.05, -0.05, 0.0, 0.25])
    summary = summarize(now, before, min_respondents=5)
    assert summary.safety is not None and summary.safety.paired
    assert summary.safety.trend is Trend.STABLE


def test_a_fall_is_down_and_standard_without_pairs_keeps_the_two_sample_test():
    *before, now = _weeks([0.0, 0.0, 0.0, 0.0, -0.5])
    summary = summarize(now, before, min_respondents=5)
    assert summary.safety is not None and summary.standard is not None
    assert summary.safety.trend is Trend.DOWN
    assert summary.standard.paired is False
    assert summary.standard.trend is Trend.STABLE


def test_pairs_below_the_minimum_are_never_used():
    *before, now = _weeks([0.0, 0.0, 0.0, 0.0, 0.4], pairs=4)
    summary = summarize(now, before, min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.paired is False
    assert summary.safety.trend is Trend.STABLE  # the two-sample test: 0.4 < 0.44


@pytest.mark.parametrize(("pairs", "used"), [(9, False), (6, False), (5, True), (10, True)])
def test_the_people_left_unpaired_are_none_or_at_least_the_minimum(pairs, used):
    """One newcomer next to nine pairs: this week's mean, the pairs and the weeks before could
    narrow down the newcomer's answers, so the paired cell is not used (10 respondents, minimum 5)."""
    *before, now = _weeks([0.0, 0.0, 0.0, 0.0, 0.4], pairs=pairs)
    summary = summarize(now, before, min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.paired is used


def test_a_paired_cell_adds_no_figure_and_is_held_to_the_minimum():
    *before, now = _weeks([0.0, 0.0, 0.0, 0.0, 0.4], pairs=5)
    summary = summarize(now, before, min_respondents=5)
    unpaired = [replace(w, paired={}) for w in (*before, now)]
    assert summary.safety is not None and summary.safety.paired
    assert shown_figures(summary) == shown_figures(summarize(unpaired[-1], unpaired[:-1], min_respondents=5))
    held = now.held_to(6)
    assert held.paired[SAFETY] is None and held.safety is not None
    assert WeekFigures.from_json(now.to_json()) == now
    old = {key: value for key, value in now.to_json().items() if key != "paired"}  # frozen before pairs
    assert WeekFigures.from_json(old).paired == {SAFETY: None, STANDARD: None}


def test_a_paired_cell_cannot_count_more_people_than_its_axis():
    with pytest.raises(ValueError, match="paired"):
        week("2026-W10", respondents=6, safety=sample(6, 3.0), paired={SAFETY: sample(7, 0.1)})


def test_the_full_surveys_cell_joins_the_zones_level_but_not_the_rolling_mean():
    """One pulse week (safety 3.2, 8 people) and the team's full survey in the window (safety 3.8, 8
    people): the zone is placed by both, 3.5, performance; no number shown changes (the month's survey
    gains answers from week to week, so a figure with it could differ by one person)."""
    alone = week("2026-W10", safety=3.2, standard=3.8)
    with_survey = replace(alone, survey={SAFETY: sample(8, 3.8), STANDARD: sample(8, 3.8)})
    assert summarize(alone, [], min_respondents=5).zone.value == "stress"
    summary = summarize(with_survey, [], min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.zone_level == pytest.approx(3.5)
    assert summary.safety.level is None and summary.safety.rolling is None  # no shown figure has it
    assert "safety.level" not in shown_figures(summary)
    assert summary.zone.value == "performance"
    assert summary.safety.mean == pytest.approx(3.2)


def test_a_survey_cell_below_the_minimum_never_joins_and_is_not_kept():
    small = replace(week("2026-W10", safety=3.2, standard=3.8), survey={SAFETY: sample(4, 4.5)})
    summary = summarize(small, [], min_respondents=5)
    assert summary.safety is not None and summary.safety.zone_level is None
    assert small.held_to(5).survey[SAFETY] is None
    assert WeekFigures.from_json(small.to_json()) == small
