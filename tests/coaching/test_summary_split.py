"""The split warning: both tails of an axis hold at least 30 % of its people and two people each. The rule
(`is_split`) is applied where the tails are counted; a week carries only the yes/no per axis, and the
summary shows it only for an axis it shows."""

import pytest

from coaching.summary import is_split, summarize
from tests.coaching.summary_weeks import SAFETY, STANDARD, sample, week


def test_split_warning_on_a_half_high_half_low_team():
    current = week("2026-W11", safety=sample(8, 3.2, 1.4), split={SAFETY: True})
    assert summarize(current, [], min_respondents=5).split is True


def test_no_split_warning_on_a_uniform_team():
    current = week("2026-W11", safety=sample(8, 3.2, 0.1), split={SAFETY: False, STANDARD: False})
    assert summarize(current, [], min_respondents=5).split is False


def test_split_on_the_standard_axis_alone():
    current = week("2026-W11", standard=sample(8, 3.0, 1.4), split={STANDARD: True})
    assert summarize(current, [], min_respondents=5).split is True


def test_no_split_on_an_axis_that_is_not_shown():
    current = week("2026-W11", safety=sample(4, 3.0, 1.4), split={SAFETY: True})
    assert summarize(current, [], min_respondents=3).split is True
    assert summarize(current, [], min_respondents=5).split is False
    assert summarize(current.held_to(5), [], min_respondents=3).split is False  # kept under 5: gone


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
