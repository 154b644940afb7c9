import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import Axis
from coaching.zones import (
    BORDERLINE_MARGIN,
    DEFAULT_CUTOFF,
    Lever,
    Placement,
    Zone,
    classify,
    foundation_failing,
    lever_for,
    lever_plan,
    levers,
    place,
)

scale = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)


def test_defaults_are_the_documented_ones():
    assert DEFAULT_CUTOFF == 3.5
    assert BORDERLINE_MARGIN == 0.25


def test_enum_values_are_stable():
    assert [z.value for z in Zone] == ["performance", "comfort", "stress", "apathy"]
    assert [lv.value for lv in Lever] == [
        "more_system",
        "more_relation",
        "administration_first",
        "press_both",
        "foundation_first",
    ]


@pytest.mark.parametrize(
    ("safety", "standard", "zone"),
    [
        (4.5, 4.2, Zone.PERFORMANCE),  # high safety, high standard
        (4.5, 2.0, Zone.COMFORT),  # high safety, low standard
        (2.0, 4.5, Zone.STRESS),  # low safety, high standard
        (1.8, 2.2, Zone.APATHY),  # low on both
        (5.0, 5.0, Zone.PERFORMANCE),
        (1.0, 1.0, Zone.APATHY),
    ],
)
def test_each_quadrant(safety, standard, zone):
    assert classify(safety, standard) is zone


@pytest.mark.parametrize(
    ("safety", "standard", "zone"),
    [
        (3.5, 3.5, Zone.PERFORMANCE),  # exactly at the cutoff counts as high on both
        (3.5, 3.49, Zone.COMFORT),
        (3.49, 3.5, Zone.STRESS),
        (3.49, 3.49, Zone.APATHY),
    ],
)
def test_exactly_at_cutoff_is_high(safety, standard, zone):
    assert classify(safety, standard) is zone


def test_custom_cutoff():
    # 3.2 is low against the default 3.5 but high against 3.0.
    assert classify(3.2, 3.2) is Zone.APATHY
    assert classify(3.2, 3.2, cutoff=3.0) is Zone.PERFORMANCE
    assert classify(3.2, 2.9, cutoff=3.0) is Zone.COMFORT
    assert classify(4.0, 4.0, cutoff=4.5) is Zone.APATHY
    assert place(3.2, 2.9, cutoff=3.0).zone is Zone.COMFORT


def test_place_far_from_cutoff_is_not_borderline():
    assert place(4.5, 1.5) == Placement(zone=Zone.COMFORT, borderline=False, near=())


@pytest.mark.parametrize(
    ("value", "near"),
    [
        (3.25, True),  # cutoff - margin: inclusive edge
        (3.75, True),  # cutoff + margin: inclusive edge
        (3.5, True),
        (3.24, False),
        (3.76, False),
    ],
)
def test_borderline_edges_on_each_axis(value, near):
    far = 1.5
    on_safety = place(value, far)
    on_standard = place(far, value)
    assert on_safety.borderline is near
    assert on_standard.borderline is near
    assert on_safety.near == ((Axis.SAFETY,) if near else ())
    assert on_standard.near == ((Axis.STANDARD,) if near else ())


def test_near_lists_both_axes_in_axis_order():
    placement = place(3.3, 3.6)
    assert placement == Placement(zone=Zone.STRESS, borderline=True, near=(Axis.SAFETY, Axis.STANDARD))


def test_custom_margin_and_cutoff():
    assert place(3.05, 1.0, cutoff=3.0, margin=0.1).near == (Axis.SAFETY,)
    assert place(3.2, 1.0, cutoff=3.0, margin=0.1).near == ()
    assert place(3.5, 1.0, margin=0.0).near == (Axis.SAFETY,)
    assert place(3.51, 1.0, margin=0.0).near == ()


def test_negative_margin_is_rejected():
    with pytest.raises(ValueError, match="margin"):
        place(3.5, 3.5, margin=-0.1)


@pytest.mark.parametrize(
    ("zone", "lever"),
    [
        (Zone.COMFORT, Lever.MORE_SYSTEM),
        (Zone.STRESS, Lever.MORE_RELATION),
        (Zone.APATHY, Lever.ADMINISTRATION_FIRST),
        (Zone.PERFORMANCE, Lever.PRESS_BOTH),
    ],
)
def test_lever_per_zone(zone, lever):
    assert lever_for(zone) is lever


@given(scale, scale)
def test_place_agrees_with_classify(safety, standard):
    placement = place(safety, standard)
    assert placement.zone is classify(safety, standard)
    assert placement.borderline == bool(placement.near)
    assert (Axis.SAFETY in placement.near) == (abs(safety - 3.5) <= 0.25)
    assert (Axis.STANDARD in placement.near) == (abs(standard - 3.5) <= 0.25)


# -- the administration foundation comes first, in every zone -------------------------------------------


@pytest.mark.parametrize(
    ("zone", "own"),
    [
        (Zone.COMFORT, Lever.MORE_SYSTEM),
        (Zone.STRESS, Lever.MORE_RELATION),
        (Zone.PERFORMANCE, Lever.PRESS_BOTH),
    ],
)
def test_a_failing_foundation_comes_first_in_every_zone(zone, own):
    assert levers(zone, administration=3.4) == (Lever.FOUNDATION_FIRST, own)
    assert lever_for(zone, administration=3.4) is Lever.FOUNDATION_FIRST
    assert levers(zone, administration=3.5) == (own,)  # at the cutoff the foundation counts as in place
    assert levers(zone, administration=None) == (own,)  # unknown is not failing
    assert lever_plan(Lever.FOUNDATION_FIRST, zone) == (Lever.FOUNDATION_FIRST, own)
    assert lever_plan(own, zone) == (own,)


def test_apathy_starts_with_the_foundation_anyway():
    assert levers(Zone.APATHY, administration=2.0) == (Lever.ADMINISTRATION_FIRST,)
    assert levers(Zone.APATHY, administration=4.5) == (Lever.ADMINISTRATION_FIRST,)
    assert lever_plan(Lever.ADMINISTRATION_FIRST, Zone.APATHY) == (Lever.ADMINISTRATION_FIRST,)


def test_failing_follows_the_cutoff():
    assert foundation_failing(3.49) and not foundation_failing(3.5)
    assert not foundation_failing(3.2, cutoff=3.0) and foundation_failing(2.99, cutoff=3.0)
    assert not foundation_failing(None)
    assert lever_for(Zone.COMFORT, administration=3.2, cutoff=3.0) is Lever.MORE_SYSTEM


@given(st.sampled_from(list(Zone)), st.none() | scale)
def test_the_plan_from_the_first_lever_is_the_whole_plan(zone, administration):
    plan = levers(zone, administration)
    assert lever_plan(plan[0], zone) == plan
    assert plan[-1] is lever_for(zone)  # the zone's own lever always ends the plan
