"""Small-sample statistics for team figures: means of per-respondent means and the noise around them.

Every figure a team sees is a mean of per-respondent means (one value per seller per week), so a
``Sample`` is the summary of such values: how many people, their mean and their sample standard
deviation. The SQL layer hands over count, sum and sum of squares; ``Sample.from_moments`` turns those
into a Sample, guarding the tiny negative variances that float cancellation can produce.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

DEFAULT_Z: Final[float] = 1.96  # two-sided 95% under the normal approximation
FALLBACK_SD: Final[float] = 1.0  # the sd assumed for a side with fewer than two people
_VARIANCE_TOLERANCE: Final[float] = 1e-9  # relative to the mean square; below that a negative is float noise


@dataclass(frozen=True, slots=True)
class Sample:
    """The summary of one value per person: ``n`` people, their ``mean`` and sample ``sd``.

    ``sd`` is the sample standard deviation (divisor n - 1), and 0.0 when ``n`` is 1.
    """

    n: int
    mean: float
    sd: float

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"a sample needs a whole number of people n >= 1, got {self.n!r}")
        if not math.isfinite(self.mean):
            raise ValueError(f"a sample mean must be finite, got {self.mean!r}")
        if not math.isfinite(self.sd) or self.sd < 0:
            raise ValueError(f"a sample sd must be finite and >= 0, got {self.sd!r}")
        if self.n == 1 and self.sd != 0:
            raise ValueError(f"the sd of a single value is 0.0, got {self.sd!r}")

    @classmethod
    def from_values(cls, values: Iterable[float]) -> Sample | None:
        """The sample of the given per-person values, or None when there are none (two-pass, exact-ish)."""
        collected = [float(value) for value in values]
        n = len(collected)
        if n == 0:
            return None
        mean = math.fsum(collected) / n
        if n < 2:
            return cls(n=1, mean=mean, sd=0.0)
        variance = math.fsum((value - mean) ** 2 for value in collected) / (n - 1)
        return cls(n=n, mean=mean, sd=math.sqrt(variance))

    @classmethod
    def from_moments(cls, n: int, total: float, total_sq: float) -> Sample | None:
        """The sample from a count, a sum and a sum of squares (what SQL aggregates give).

        None when ``n`` is 0. A negative variance that is float noise (within 1e-9 of the mean square)
        becomes 0.0; a clearly negative one means the moments are inconsistent and raises ValueError.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"n must be a whole number >= 0, got {n!r}")
        if n == 0:
            return None
        total, total_sq = float(total), float(total_sq)
        mean = total / n
        if n < 2:
            return cls(n=1, mean=mean, sd=0.0)
        variance = (total_sq - total * mean) / (n - 1)
        if variance < 0:
            if -variance > _VARIANCE_TOLERANCE * max(1.0, abs(total_sq) / n):
                raise ValueError(
                    f"inconsistent moments: n={n}, total={total!r}, total_sq={total_sq!r} "
                    "give a negative variance"
                )
            variance = 0.0
        return cls(n=n, mean=mean, sd=math.sqrt(variance))


def _variance_per_person(sample: Sample) -> float:
    sd = sample.sd if sample.n >= 2 else FALLBACK_SD
    return sd * sd / sample.n


def mean_difference_margin(a: Sample, b: Sample, z: float = DEFAULT_Z) -> float:
    """Half-width of the interval for the difference of two independent means (Welch, normal z).

    ``z * sqrt(sd_a**2 / n_a + sd_b**2 / n_b)``; a side with fewer than two people cannot show its own
    noise, so it is given the conservative sd FALLBACK_SD (1.0 on the 1..5 scale). A difference is
    only called a change when its absolute value exceeds this margin.
    """
    if not math.isfinite(z) or z < 0:
        raise ValueError(f"z must be finite and >= 0, got {z!r}")
    return z * math.sqrt(_variance_per_person(a) + _variance_per_person(b))


def pooled(samples: Iterable[Sample]) -> Sample | None:
    """The sample of all the people behind ``samples`` taken together, or None when there are none.

    Exact: the mean is weighted by n and the sd combines the within-sample and between-sample sums of
    squares, so it equals ``Sample.from_values`` over the concatenated values (up to float rounding).
    Used for the rolling mean over whole weeks.
    """
    collected = list(samples)
    if not collected:
        return None
    n = sum(sample.n for sample in collected)
    mean = math.fsum(sample.n * sample.mean for sample in collected) / n
    if n < 2:
        return Sample(n=n, mean=mean, sd=0.0)
    within = math.fsum((sample.n - 1) * sample.sd * sample.sd for sample in collected)
    between = math.fsum(sample.n * (sample.mean - mean) ** 2 for sample in collected)
    return Sample(n=n, mean=mean, sd=math.sqrt((within + between) / (n - 1)))


_T_SMALL: Final[tuple[float, ...]] = (12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836)
"""t's two-sided 95 % quantile for 1 to 5 degrees of freedom, where the expansion below is poor."""


def t_quantile(df: int) -> float:
    """The two-sided 95 % quantile of Student's t with ``df`` degrees of freedom (df >= 1).

    Exact from a table for df <= 5; above, the Cornish-Fisher expansion around the normal quantile
    (Abramowitz & Stegun 26.7.5), within 0.0015 of the exact value from df = 6 on.
    """
    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        raise ValueError(f"degrees of freedom must be a whole number >= 1, got {df!r}")
    if df <= len(_T_SMALL):
        return _T_SMALL[df - 1]
    z = DEFAULT_Z
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass(frozen=True, slots=True)
class PairedNoise:
    """How much the same people's answers move from week to week, pooled over weeks: the within-week
    variance of the paired differences and its degrees of freedom."""

    variance: float
    df: int


def paired_noise(samples: Iterable[Sample]) -> PairedNoise | None:
    """The pooled variance of several weeks' paired-difference samples: ``sum((n - 1) * sd**2) /
    sum(n - 1)``. Each week's own mean is left out (a real change moves the mean, not the spread), so
    weeks with a change still tell how noisy one person's difference is. None without a degree of
    freedom (no sample of two or more)."""
    collected = [sample for sample in samples if sample.n >= 2]
    df = sum(sample.n - 1 for sample in collected)
    if df == 0:
        return None
    variance = math.fsum((sample.n - 1) * sample.sd * sample.sd for sample in collected) / df
    return PairedNoise(variance=variance, df=df)


def paired_margin(pairs: Sample, noise: PairedNoise) -> float:
    """Half-width of the 95 % interval of the mean paired difference: ``t(df) * sqrt(variance / n)``.

    A paired test: the same people measured twice, so what each person has in common with themself
    cancels and only how their answers move is noise. A mean difference is a change only beyond it.
    """
    return t_quantile(noise.df) * math.sqrt(noise.variance / pairs.n)
