"""WeekFigures: one team-week's aggregates as the SQL layer hands them over, normalised and checked, held to
an anonymity minimum, and their JSON form (frozen in the published snapshot) that reads back equal and
holds no cell below the minimum it was held to."""

import json
import re
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import Axis, Trait
from coaching.stats import Sample
from coaching.week_figures import WeekFigures

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION
CE, SS = Trait.CLEAR_EXPECTATIONS, Trait.SAFETY_STANDARD


def test_week_figures_are_normalised():
    figures = WeekFigures(period="2026-W11", respondents=6, eligible=8, traits={"clear_expectations": None})
    assert isinstance(figures.traits, MappingProxyType)
    assert set(figures.traits) == set(Trait)
    assert figures.split == {SAFETY: False, STANDARD: False}
    assert figures.min_respondents == 0


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
        ({"split": {ADMIN: True}}, "only kept for safety and standard"),
        ({"split": {SAFETY: (4, 3)}}, "True or False"),  # the tails' sizes are never kept
        ({"split": {STANDARD: True}}, "nobody has an standard mean"),
        ({"min_respondents": -1}, "min_respondents"),
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
        split={SAFETY: True, STANDARD: False},
    )


def test_json_round_trip():
    figures = full_week()
    stored = json.loads(json.dumps(figures.to_json()))
    assert WeekFigures.from_json(stored) == figures
    assert stored["traits"]["continuous_feedback"] == "suppressed"
    assert stored["split"] == {"safety": True, "standard": False}


def test_held_to_a_minimum_keeps_no_cell_below_it_and_never_lowers_it():
    held = full_week().held_to(5)
    assert held.min_respondents == 5
    assert (held.safety, held.standard) == (full_week().safety, full_week().standard)  # 7 and 6 people
    assert held.traits[CE] is None  # one person: their own value
    assert held.traits[SS] == full_week().traits[SS]
    stored = held.to_json()
    assert stored["traits"]["clear_expectations"] == "suppressed"
    assert "n" not in json.dumps(stored["traits"]["clear_expectations"])

    stricter = held.held_to(7)
    assert stricter.min_respondents == 7
    assert stricter.standard is None and stricter.split[STANDARD] is False
    assert stricter.safety is not None and stricter.split[SAFETY] is True
    assert stricter.held_to(3) == stricter  # a lower minimum later gives nothing back
    assert full_week().held_to(8) == WeekFigures("2026-W11", 7, 9, min_respondents=8)  # 7 answered


def test_json_refuses_unknown_content():
    good = full_week().to_json()
    with pytest.raises(ValueError, match="version"):
        WeekFigures.from_json({**good, "version": 1})  # the old form, with tail sizes: migrated away
    with pytest.raises(ValueError, match="version"):
        WeekFigures.from_json({key: value for key, value in good.items() if key != "version"})
    with pytest.raises(ValueError, match="a sample or"):
        WeekFigures.from_json({**good, "safety": "hidden"})
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
    split = {
        axis: found is not None and draw(st.booleans())
        for axis, found in ((SAFETY, safety), (STANDARD, standard))
    }
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


@given(week_figures(), st.integers(0, 13))
def test_a_held_week_in_json_has_no_cell_below_its_minimum(figures, minimum):
    held = figures.held_to(minimum)
    stored = json.dumps(held.to_json())
    counts = [int(n) for n in re.findall(r'"n": (\d+)', stored)]
    assert all(n >= minimum for n in counts)
    assert "[" not in stored  # no tail sizes, no lists of anything
    assert WeekFigures.from_json(json.loads(stored)).held_to(minimum) == held
