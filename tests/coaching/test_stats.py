import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.stats import FALLBACK_SD, Sample, mean_difference_margin, pooled

# Per-respondent means live on the 1..5 answer scale.
value = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)
values = st.lists(value, min_size=1, max_size=40)


def test_from_values_hand_computed():
    # mean 3; squared deviations 4 + 0 + 4 = 8; sample variance 8 / 2 = 4; sd 2
    assert Sample.from_values([1.0, 3.0, 5.0]) == Sample(n=3, mean=3.0, sd=2.0)


def test_from_values_single_and_empty():
    assert Sample.from_values([4.5]) == Sample(n=1, mean=4.5, sd=0.0)
    assert Sample.from_values([]) is None
    assert Sample.from_values(iter(())) is None


def test_from_moments_hand_computed():
    # the same three values: n 3, sum 9, sum of squares 1 + 9 + 25 = 35
    assert Sample.from_moments(3, 9.0, 35.0) == Sample(n=3, mean=3.0, sd=2.0)
    assert Sample.from_moments(1, 4.5, 20.25) == Sample(n=1, mean=4.5, sd=0.0)
    assert Sample.from_moments(0, 0.0, 0.0) is None


def test_from_moments_clamps_float_noise_but_rejects_nonsense():
    # four identical values of 0.1: sum of squares computed in floats sits a hair off n * mean**2
    noisy = Sample.from_moments(4, 0.1 * 4, 0.1 * 0.1 * 4 - 1e-17)
    assert noisy is not None
    assert noisy.sd == 0.0
    with pytest.raises(ValueError, match="inconsistent moments"):
        Sample.from_moments(3, 9.0, 20.0)  # sum of squares below sum**2 / n = 27
    with pytest.raises(ValueError, match="n must be"):
        Sample.from_moments(-1, 0.0, 0.0)


@given(values)
def test_from_values_and_from_moments_agree(xs):
    direct = Sample.from_values(xs)
    via_sql = Sample.from_moments(len(xs), math.fsum(xs), math.fsum(x * x for x in xs))
    assert direct is not None
    assert via_sql is not None
    assert via_sql.n == direct.n
    assert via_sql.mean == pytest.approx(direct.mean, rel=1e-12, abs=1e-12)
    assert via_sql.sd == pytest.approx(direct.sd, rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(
    ("n", "mean", "sd"),
    [(0, 3.0, 0.0), (-1, 3.0, 0.0), (2, math.nan, 0.0), (2, 3.0, -0.1), (1, 3.0, 0.5), (True, 3.0, 0.0)],
)
def test_sample_rejects_impossible_values(n, mean, sd):
    with pytest.raises(ValueError, match=r"sample|single value"):
        Sample(n=n, mean=mean, sd=sd)


def test_margin_hand_computed():
    a = Sample(n=4, mean=3.0, sd=0.8)  # 0.64 / 4 = 0.16
    b = Sample(n=9, mean=3.5, sd=0.6)  # 0.36 / 9 = 0.04
    # 1.96 * sqrt(0.16 + 0.04) = 1.96 * 0.4472136 = 0.8765386
    assert mean_difference_margin(a, b) == pytest.approx(0.8765386, abs=1e-6)
    assert mean_difference_margin(b, a) == pytest.approx(0.8765386, abs=1e-6)
    # z = 1: the plain standard error of the difference
    assert mean_difference_margin(a, b, z=1.0) == pytest.approx(math.sqrt(0.2))


def test_margin_for_eight_and_eight():
    # the summary's example: n 8 on both sides, sd 0.4 -> 1.96 * sqrt(0.02 + 0.02) = 0.392
    a, b = Sample(n=8, mean=3.0, sd=0.4), Sample(n=8, mean=3.8, sd=0.4)
    assert mean_difference_margin(a, b) == pytest.approx(0.392)
    # sd 1.5 -> 1.96 * sqrt(2.25 / 8 * 2) = 1.96 * 0.75 = 1.47
    c, d = Sample(n=8, mean=3.0, sd=1.5), Sample(n=8, mean=3.8, sd=1.5)
    assert mean_difference_margin(c, d) == pytest.approx(1.47)


def test_margin_uses_a_conservative_sd_for_a_single_person():
    assert FALLBACK_SD == 1.0
    one = Sample(n=1, mean=4.0, sd=0.0)
    many = Sample(n=4, mean=3.0, sd=0.0)
    # 1.96 * sqrt(1.0 / 1 + 0 / 4) = 1.96, not 0
    assert mean_difference_margin(one, many) == pytest.approx(1.96)
    assert mean_difference_margin(many, one) == pytest.approx(1.96)


def test_margin_rejects_a_negative_z():
    a = Sample(n=4, mean=3.0, sd=0.8)
    with pytest.raises(ValueError, match="z must be"):
        mean_difference_margin(a, a, z=-1.0)


def test_pooled_hand_computed():
    # [1, 3] and [5]: all three are 1, 3, 5 -> mean 3, sd 2
    left = Sample.from_values([1.0, 3.0])
    right = Sample.from_values([5.0])
    assert left is not None
    assert right is not None
    both = pooled([left, right])
    assert both is not None
    assert both.n == 3
    assert both.mean == pytest.approx(3.0)
    assert both.sd == pytest.approx(2.0)


def test_pooled_edge_cases():
    assert pooled([]) is None
    single = Sample(n=1, mean=2.0, sd=0.0)
    assert pooled([single]) == single
    assert pooled(iter([Sample(n=5, mean=3.2, sd=0.7)])) == Sample(n=5, mean=3.2, sd=0.7)


@given(st.lists(values, min_size=1, max_size=6))
def test_pooled_equals_from_values_over_the_concatenation(groups):
    samples = [Sample.from_values(group) for group in groups]
    assert all(sample is not None for sample in samples)
    combined = pooled(s for s in samples if s is not None)
    expected = Sample.from_values([x for group in groups for x in group])
    assert combined is not None
    assert expected is not None
    assert combined.n == expected.n
    assert combined.mean == pytest.approx(expected.mean, rel=1e-12, abs=1e-12)
    assert combined.sd == pytest.approx(expected.sd, rel=1e-9, abs=1e-9)
