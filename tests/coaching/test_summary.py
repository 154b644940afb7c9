import json
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import Axis, Trait
from coaching.stats import Sample
from coaching.summary import (
    DEFAULT_MIN_RESPONDENTS,
    MIN_RESPONDENTS_FLOOR,
    AxisTrend,
    Trend,
    WeekFigures,
    is_split,
    shown_figures,
    summarize,
)
from coaching.zones import Lever, Zone

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION
CE, CF, PO, SS, SFU = (
    Trait.CLEAR_EXPECTATIONS,
    Trait.CONTINUOUS_FEEDBACK,
    Trait.PERSONAL_OWNERSHIP,
    Trait.SAFETY_STANDARD,
    Trait.SYSTEMATIC_FOLLOW_UP,
)


def sample(n: int, mean: float, sd: float = 0.5) -> Sample:
    return Sample(n=n, mean=mean, sd=sd if n > 1 else 0.0)


def week(
    period: str,
    respondents: int = 8,
    *,
    safety: Sample | float | None = 4.0,
    standard: Sample | float | None = 4.0,
    eligible: int = 10,
    administration: Sample | None = None,
    traits: dict | None = None,
    split: dict | None = None,
) -> WeekFigures:
    """A week where a bare float means "every respondent has a mean on the axis, sd 0.5"."""
    if isinstance(safety, float):
        safety = sample(respondents, safety) if respondents else None
    if isinstance(standard, float):
        standard = sample(respondents, standard) if respondents else None
    return WeekFigures(
        period=period,
        respondents=respondents,
        eligible=eligible,
        safety=safety,
        standard=standard,
        administration=administration,
        traits=traits or {},
        split=split or {},
    )


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
    assert summary.safety == AxisTrend(mean=4.0, change=None, trend=Trend.NONE, rolling=None)
    assert summary.standard == AxisTrend(mean=4.0, change=None, trend=Trend.NONE, rolling=None)


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
    traits = {CE: sample(3, 1.5), CF: sample(5, 3.5), PO: sample(6, 3.1), SS: sample(5, 3.1)}
    summary = summarize(week("2026-W11", traits=traits), [], min_respondents=5)
    assert summary.traits == {CE: None, CF: 3.5, PO: 3.1, SS: 3.1, SFU: None}
    # CE (1.5) is hidden; PO and SS tie at 3.1 and PO comes first in Trait order
    assert summary.weakest_trait is PO


def test_no_weakest_trait_when_none_is_shown():
    summary = summarize(week("2026-W11", traits={CE: sample(4, 2.0)}), [], min_respondents=5)
    assert summary.weakest_trait is None
    assert set(summary.traits) == set(Trait)


def test_administration_shown_only_from_enough_people():
    shown = summarize(week("2026-W11", administration=sample(5, 2.5)), [], min_respondents=5)
    hidden = summarize(week("2026-W11", administration=sample(4, 2.5)), [], min_respondents=5)
    assert shown.administration == 2.5
    assert hidden.administration is None


# --- split ----------------------------------------------------------------------------------------


def test_split_warning_on_a_half_high_half_low_team():
    current = week("2026-W11", safety=sample(8, 3.2, 1.4), split={SAFETY: (4, 4)})
    assert summarize(current, [], min_respondents=5).split is True


def test_no_split_warning_on_a_uniform_team():
    current = week("2026-W11", safety=sample(8, 3.2, 0.1), split={SAFETY: (0, 0), STANDARD: (8, 0)})
    assert summarize(current, [], min_respondents=5).split is False


def test_split_on_the_standard_axis_alone():
    current = week("2026-W11", standard=sample(8, 3.0, 1.4), split={STANDARD: (3, 3)})
    assert summarize(current, [], min_respondents=5).split is True


def test_no_split_on_an_axis_that_is_not_shown():
    current = week("2026-W11", safety=sample(4, 3.0, 1.4), split={SAFETY: (2, 2)})
    assert summarize(current, [], min_respondents=3).split is True
    assert summarize(current, [], min_respondents=5).split is False


@pytest.mark.parametrize(
    ("high", "low", "n", "split"),
    [
        (3, 3, 8, True),  # 37.5% each
        (2, 3, 8, False),  # 25% high
        (3, 2, 10, False),
        (3, 3, 10, True),  # exactly 30% each
        (2, 2, 5, True),  # 40% each
        (1, 1, 3, False),  # a third each, but one person is not a split
        (2, 1, 3, False),
        (0, 0, 8, False),
    ],
)
def test_split_rule(high, low, n, split):
    assert is_split(high, low, n) is split


# --- suppression ----------------------------------------------------------------------------------


def test_suppressed_below_the_minimum_shows_no_numbers():
    previous = [week("2026-W09"), week("2026-W10")]
    current = week(
        "2026-W11",
        respondents=3,
        eligible=8,
        administration=sample(3, 2.0),
        traits={CE: sample(3, 2.0)},
        split={SAFETY: (1, 1)},
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
    assert summary.traits == dict.fromkeys(Trait)
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
            "standard.mean": 4.0,
            "standard.change": 0.0,
            "standard.rolling": 4.0,
            "administration.mean": 3.5,
            "trait.clear_expectations": 2.5,
            "history.2026-W10.safety": 3.0,
            "history.2026-W10.standard": 4.0,
            "history.2026-W11.safety": 4.0,
            "history.2026-W11.standard": 4.0,
        }
    )


# --- WeekFigures ----------------------------------------------------------------------------------


def test_week_figures_are_normalised():
    figures = WeekFigures(period="2026-W11", respondents=6, eligible=8, traits={"clear_expectations": None})
    assert isinstance(figures.traits, MappingProxyType)
    assert set(figures.traits) == set(Trait)
    assert figures.split == {SAFETY: (0, 0), STANDARD: (0, 0)}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"period": "2026-11"}, "ISO week"),
        ({"period": "2026-W54"}, "not a week"),
        ({"period": 202611}, "ISO week string"),
        ({"respondents": -1}, "respondents"),
        ({"eligible": 1.5}, "eligible"),
        ({"safety": Sample(n=7, mean=3.0, sd=0.5)}, "more than the 6 respondents"),
        ({"traits": {"grit": None}}, "grit"),
        ({"traits": {CE: 3.0}}, "must be a Sample"),  # a bare number, not a Sample
        ({"split": {ADMIN: (1, 1)}}, "only kept for safety and standard"),
        ({"safety": Sample(n=6, mean=3.0, sd=0.5), "split": {SAFETY: (4, 3)}}, "counts more people"),
        ({"split": {STANDARD: (1, 0)}}, "counts more people"),  # nobody has a standard mean
    ],
)
def test_week_figures_reject_inconsistent_input(kwargs, match):
    base = {"period": "2026-W11", "respondents": 6, "eligible": 8}
    with pytest.raises(ValueError, match=match):
        WeekFigures(**{**base, **kwargs})


def full_week() -> WeekFigures:
    return WeekFigures(
        period="2026-W11",
        respondents=7,
        eligible=9,
        safety=Sample(n=7, mean=3.857142857142857, sd=0.6900655593423543),
        standard=Sample(n=6, mean=2.1, sd=0.1),
        administration=None,
        traits={CE: Sample(n=1, mean=5.0, sd=0.0), SS: Sample(n=7, mean=0.1 + 0.2, sd=1e-300)},
        split={SAFETY: (3, 1), STANDARD: (0, 6)},
    )


def test_json_round_trip():
    figures = full_week()
    stored = json.loads(json.dumps(figures.to_json()))
    assert WeekFigures.from_json(stored) == figures
    assert stored["traits"]["continuous_feedback"] is None
    assert stored["split"] == {"safety": [3, 1], "standard": [0, 6]}


def test_json_refuses_unknown_content():
    good = full_week().to_json()
    with pytest.raises(ValueError, match="version"):
        WeekFigures.from_json({**good, "version": 2})
    with pytest.raises(ValueError, match="grit"):
        WeekFigures.from_json({**good, "traits": {"grit": None}})
    with pytest.raises(ValueError, match="must be numbers"):
        WeekFigures.from_json({**good, "safety": {"n": 7, "mean": "3.8", "sd": 0.5}})


scale = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)


@st.composite
def week_figures(draw: st.DrawFn) -> WeekFigures:
    respondents = draw(st.integers(0, 12))

    def maybe_sample() -> Sample | None:
        if respondents == 0:
            return None
        return draw(st.none() | st.lists(scale, min_size=1, max_size=respondents).map(Sample.from_values))

    safety, standard = maybe_sample(), maybe_sample()
    split = {}
    for axis, axis_sample in ((SAFETY, safety), (STANDARD, standard)):
        n = axis_sample.n if axis_sample else 0
        high = draw(st.integers(0, n))
        split[axis] = (high, draw(st.integers(0, n - high)))
    week_number = draw(st.integers(1, 52))
    return WeekFigures(
        period=f"{draw(st.integers(2024, 2030))}-W{week_number:02d}",
        respondents=respondents,
        eligible=respondents + draw(st.integers(0, 5)),
        safety=safety,
        standard=standard,
        administration=maybe_sample(),
        traits={trait: maybe_sample() for trait in Trait},
        split=split,
    )


@given(week_figures())
def test_json_round_trip_property(figures):
    assert WeekFigures.from_json(json.loads(json.dumps(figures.to_json()))) == figures
