import pytest

from coaching.summary import (
    DEFAULT_MIN_RESPONDENTS,
    MIN_RESPONDENTS_FLOOR,
    AxisTrend,
    Trend,
    shown_figures,
    summarize,
)
from coaching.zones import Lever, Zone
from tests.coaching.summary_weeks import CE, CF, PO, SAFETY, SS, sample, week


def test_constants():
    assert MIN_RESPONDENTS_FLOOR == 3
    assert DEFAULT_MIN_RESPONDENTS == 5
    assert [t.value for t in Trend] == ["up", "down", "stable", "none"]


# --- zone -----------------------------------------------------------------------------------------


def test_zone_lever_and_not_borderline():
    summary = summarize(week("2026-W11", safety=4.2, standard=2.8), [], min_respondents=5)
    assert summary.zone is Zone.COMFORT
    assert summary.borderline is False  # 4.2 and 2.8 are both more than 0.25 from 3.5
    assert summary.lever is Lever.MORE_SYSTEM
    assert summary.suppressed is False


def test_zone_borderline_near_the_cutoff():
    summary = summarize(week("2026-W11", safety=3.6, standard=4.4), [], min_respondents=5)
    assert summary.zone is Zone.PERFORMANCE
    assert summary.borderline is True  # safety 3.6 is within 0.25 of 3.5
    assert summary.lever is Lever.PRESS_BOTH


def test_zone_uses_the_team_cutoff():
    current = week("2026-W11", safety=3.2, standard=3.2)
    assert summarize(current, [], min_respondents=5).zone is Zone.APATHY
    assert summarize(current, [], min_respondents=5, cutoff=3.0).zone is Zone.PERFORMANCE


def test_no_zone_when_one_axis_is_below_the_minimum():
    # 8 answered but only 4 have a safety mean ("don't know" on the safety items)
    current = week("2026-W11", safety=sample(4, 2.0), standard=2.0)
    summary = summarize(current, [], min_respondents=5)
    assert summary.suppressed is False
    assert summary.safety is None
    assert summary.standard is not None
    assert summary.zone is None
    assert summary.lever is None
    assert summary.borderline is False
    assert "safety.mean" not in shown_figures(summary)


# --- trend ----------------------------------------------------------------------------------------


def test_trend_up_when_the_change_exceeds_the_noise():
    # margin 1.96 * sqrt(0.4**2 / 8 * 2) = 0.392 < 0.8
    previous = week("2026-W10", safety=sample(8, 3.0, 0.4), standard=sample(8, 3.8, 0.4))
    current = week("2026-W11", safety=sample(8, 3.8, 0.4), standard=sample(8, 3.0, 0.4))
    summary = summarize(current, [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.standard is not None
    assert summary.safety.trend is Trend.UP
    assert summary.safety.change == pytest.approx(0.8)
    assert summary.standard.trend is Trend.DOWN
    assert summary.standard.change == pytest.approx(-0.8)


def test_trend_stable_when_the_same_change_is_within_the_noise():
    # margin 1.96 * sqrt(1.5**2 / 8 * 2) = 1.47 > 0.8
    previous = week("2026-W10", safety=sample(8, 3.0, 1.5), standard=sample(8, 3.8, 1.5))
    current = week("2026-W11", safety=sample(8, 3.8, 1.5), standard=sample(8, 3.0, 1.5))
    summary = summarize(current, [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.standard is not None
    assert summary.safety.trend is Trend.STABLE
    assert summary.safety.change == pytest.approx(0.8)
    assert summary.standard.trend is Trend.STABLE


@pytest.mark.parametrize(("new_mean", "trend"), [(3.39, Trend.STABLE), (3.40, Trend.UP), (2.60, Trend.DOWN)])
def test_trend_just_either_side_of_the_margin(new_mean, trend):
    # margin 0.392: a change of 0.39 is stable, 0.40 is up
    previous = week("2026-W10", safety=sample(8, 3.0, 0.4))
    current = week("2026-W11", safety=sample(8, new_mean, 0.4))
    summary = summarize(current, [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.trend is trend


def test_no_comparison_when_last_week_was_suppressed():
    # last week 4 answered with min 5: its figures must not be used even though SQL kept them
    previous = week("2026-W10", respondents=4, safety=1.0, standard=1.0)
    current = week("2026-W11", safety=4.0, standard=4.0)
    summary = summarize(current, [previous], min_respondents=5)
    no_comparison = AxisTrend(mean=4.0, change=None, trend=Trend.NONE, rolling=None, level_se=0.5 / 8**0.5)
    assert summary.safety == no_comparison
    assert summary.standard == no_comparison


def test_no_comparison_across_a_gap_week():
    # W10 was never published: W11 is not compared with W09
    previous = week("2026-W09", safety=2.0, standard=2.0)
    summary = summarize(week("2026-W11", safety=4.0, standard=4.0), [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.change is None
    assert summary.safety.trend is Trend.NONE
    assert summary.safety.rolling == pytest.approx(3.0)  # W09 is still inside the 4-week window


def test_comparison_across_a_year_end():
    previous = week("2026-W53", safety=sample(8, 3.0, 0.4))
    current = week("2027-W01", safety=sample(8, 3.8, 0.4))
    summary = summarize(current, [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.trend is Trend.UP


def test_no_comparison_on_an_axis_that_was_too_thin_last_week():
    previous = week("2026-W10", safety=sample(4, 3.0), standard=sample(8, 3.0, 0.4))
    current = week("2026-W11", safety=sample(8, 3.8, 0.4), standard=sample(8, 3.8, 0.4))
    summary = summarize(current, [previous], min_respondents=5)
    assert summary.safety is not None
    assert summary.standard is not None
    assert (summary.safety.change, summary.safety.trend) == (None, Trend.NONE)
    assert summary.standard.trend is Trend.UP


# --- rolling mean ---------------------------------------------------------------------------------


def test_rolling_mean_pools_only_weeks_that_met_the_minimum():
    weeks = [
        week("2026-W08", respondents=5, safety=2.0),
        week("2026-W09", respondents=4, safety=5.0),  # suppressed: must not enter
        week("2026-W10", respondents=6, safety=3.0),
    ]
    current = week("2026-W11", respondents=5, safety=4.0)
    summary = summarize(current, weeks, min_respondents=5)
    assert summary.safety is not None
    # (5 * 2.0 + 6 * 3.0 + 5 * 4.0) / 16 = 48 / 16 = 3.0; with W09 it would be 68 / 20 = 3.4
    assert summary.safety.rolling == pytest.approx(3.0)


def test_rolling_mean_skips_a_week_whose_axis_cell_was_too_thin():
    weeks = [week("2026-W10", respondents=8, safety=sample(4, 1.0), standard=2.0)]
    current = week("2026-W11", respondents=6, safety=4.0, standard=4.0)
    summary = summarize(current, weeks, min_respondents=5)
    assert summary.safety is not None
    assert summary.standard is not None
    assert summary.safety.rolling is None  # only this week is usable
    # (8 * 2.0 + 6 * 4.0) / 14 = 40 / 14
    assert summary.standard.rolling == pytest.approx(40 / 14)


def test_rolling_mean_covers_four_iso_weeks():
    weeks = [
        week("2026-W07", respondents=5, safety=1.0),  # five weeks back from W11: outside the window
        week("2026-W08", respondents=5, safety=2.0),
        week("2026-W10", respondents=5, safety=3.0),
    ]
    summary = summarize(week("2026-W11", respondents=5, safety=4.0), weeks, min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.rolling == pytest.approx(3.0)  # (2 + 3 + 4) / 3 with equal n


def test_rolling_mean_needs_two_weeks():
    summary = summarize(week("2026-W11", safety=4.0), [], min_respondents=5)
    assert summary.safety is not None
    assert summary.safety.rolling is None
    assert "safety.rolling" not in shown_figures(summary)


# --- traits ---------------------------------------------------------------------------------------


def test_weakest_trait_ignores_traits_below_the_minimum():
    traits = {CE: sample(3, 1.5), CF: sample(5, 3.5), PO: sample(6, 2.0), SS: sample(5, 3.1)}
    summary = summarize(week("2026-W11", traits=traits), [], min_respondents=5)
    assert summary.measured_traits == {CF, PO, SS}
    # CE (1.5) is below the minimum; PO (2.0) lies below SS (3.1) by more than the margin (0.59)
    assert summary.weakest_trait is PO


@pytest.mark.parametrize(
    ("ownership", "named"), [(3.1, False), (2.7, False), (2.4, True)], ids=["tie", "within", "beyond"]
)
def test_a_weakest_trait_is_named_only_beyond_the_noise(ownership, named):
    """Against the next lowest (3.1, 5 people, sd 0.5) the margin is 1.96 * sqrt(0.25/6 + 0.25/5) = 0.59."""
    traits = {CF: sample(5, 3.5), PO: sample(6, ownership), SS: sample(5, 3.1)}
    summary = summarize(week("2026-W11", traits=traits), [], min_respondents=5)
    assert summary.weakest_trait is (PO if named else None)


def test_the_weakest_trait_is_read_over_the_weeks_of_the_window():
    """One week alone cannot tell 2.7 from 3.1; four weeks of the same picture can."""
    weeks = [
        week(f"2026-W{10 + i}", traits={CF: sample(5, 3.5), PO: sample(6, 2.7), SS: sample(5, 3.1)})
        for i in range(4)
    ]
    assert summarize(weeks[0], [], min_respondents=5).weakest_trait is None
    assert summarize(weeks[-1], weeks[:-1], min_respondents=5).weakest_trait is PO


def test_no_weakest_trait_when_none_is_shown():
    summary = summarize(week("2026-W11", traits={CE: sample(4, 2.0)}), [], min_respondents=5)
    assert summary.weakest_trait is None
    assert summary.measured_traits == frozenset()


def test_administration_shown_only_from_enough_people():
    shown = summarize(week("2026-W11", administration=sample(5, 2.5)), [], min_respondents=5)
    hidden = summarize(week("2026-W11", administration=sample(4, 2.5)), [], min_respondents=5)
    assert shown.administration == 2.5
    assert hidden.administration is None


# --- suppression ----------------------------------------------------------------------------------


def test_suppressed_below_the_minimum_shows_no_numbers():
    previous = [week("2026-W09"), week("2026-W10")]
    current = week(
        "2026-W11",
        respondents=3,
        eligible=8,
        administration=sample(3, 2.0),
        traits={CE: sample(3, 2.0)},
        split={SAFETY: True},
    )
    summary = summarize(current, previous, min_respondents=5)
    assert summary.suppressed is True
    assert (summary.respondents, summary.eligible, summary.min_respondents) == (3, 8, 5)
    assert shown_figures(summary) == {}
    assert summary.zone is None
    assert summary.borderline is False
    assert summary.lever is None
    assert summary.safety is None
    assert summary.standard is None
    assert summary.administration is None
    assert summary.measured_traits == frozenset()
    assert summary.weakest_trait is None
    assert summary.split is False
    assert summary.history == ()


def test_exactly_the_minimum_is_shown():
    summary = summarize(week("2026-W11", respondents=5), [], min_respondents=5)
    assert summary.suppressed is False
    assert summary.zone is Zone.PERFORMANCE


def test_nobody_answered():
    summary = summarize(week("2026-W11", respondents=0, safety=None, standard=None), [], min_respondents=5)
    assert summary.suppressed is True
    assert shown_figures(summary) == {}


@pytest.mark.parametrize("minimum", [2, 1, 0, -5])
def test_min_below_three_is_refused(minimum):
    with pytest.raises(ValueError, match="at least 3"):
        summarize(week("2026-W11"), [], min_respondents=minimum)


def test_min_must_be_a_whole_number():
    with pytest.raises(ValueError, match="whole number"):
        summarize(week("2026-W11"), [], min_respondents=True)  # type: ignore[arg-type]
    assert summarize(week("2026-W11", respondents=3), [], min_respondents=3).suppressed is False


# --- previous weeks and history -------------------------------------------------------------------


@pytest.mark.parametrize(
    "periods",
    [
        ["2026-W10", "2026-W09"],  # newest first
        ["2026-W10", "2026-W10"],  # twice
        ["2026-W11"],  # the current week again: a published week is never recomputed
        ["2026-W12"],  # a later week
    ],
)
def test_previous_must_be_earlier_and_oldest_first(periods):
    with pytest.raises(ValueError, match="previous weeks must"):
        summarize(week("2026-W11"), [week(p) for p in periods], min_respondents=5)


def test_history_keeps_the_last_eight_shown_weeks_including_this_one():
    previous = [week(f"2026-W{i:02d}", safety=float(i) / 4) for i in range(1, 11)]
    previous[8] = week("2026-W09", respondents=2)  # suppressed: not on the path
    summary = summarize(week("2026-W11", safety=4.5, standard=2.0), previous, min_respondents=5)
    assert [period for period, _, _ in summary.history] == [
        "2026-W03",
        "2026-W04",
        "2026-W05",
        "2026-W06",
        "2026-W07",
        "2026-W08",
        "2026-W10",
        "2026-W11",
    ]
    assert summary.history[0] == ("2026-W03", 0.75, 4.0)
    assert summary.history[-1] == ("2026-W11", 4.5, 2.0)


def test_history_leaves_out_this_week_when_an_axis_is_hidden():
    previous = [week("2026-W10", safety=3.0, standard=3.0)]
    current = week("2026-W11", safety=sample(4, 4.0), standard=4.0)
    assert summarize(current, previous, min_respondents=5).history == (("2026-W10", 3.0, 3.0),)


def test_shown_figures_names_every_number():
    previous = week("2026-W10", respondents=6, safety=3.0, standard=4.0)
    current = week(
        "2026-W11",
        respondents=6,
        safety=4.0,
        standard=4.0,
        administration=sample(5, 3.5),
        traits={CE: sample(6, 2.5), PO: sample(2, 1.0)},
    )
    figures = shown_figures(summarize(current, [previous], min_respondents=5))
    assert figures == pytest.approx(
        {
            "safety.mean": 4.0,
            "safety.change": 1.0,
            "safety.rolling": 3.5,
            "safety.level": 3.5,  # the zone's window: eight weeks, here the same two
            "standard.mean": 4.0,
            "standard.change": 0.0,
            "standard.rolling": 4.0,
            "standard.level": 4.0,
            "administration.mean": 3.5,
            "history.2026-W10.safety": 3.0,
            "history.2026-W10.standard": 4.0,
            "history.2026-W11.safety": 4.0,
            "history.2026-W11.standard": 4.0,
        }
    )
