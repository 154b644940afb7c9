"""One team-week's answers as the SQL layer aggregates them: counts and per-respondent-mean samples
only (``WeekFigures``), held to an anonymity minimum (``held_to``), and their JSON form, frozen in the
published snapshot.

What a snapshot keeps can never name a person: it is a week held to the strictest minimum in force for
it, so every *cell* (one measure: an axis or a trait) is either a sample of at least that many people or
the word "suppressed", never a smaller sample (n = 2 would give both people's values through the mean
and sd). The split warning is kept as one yes/no per axis, not as the sizes of its high and low tails,
which are groups as small as two.

A week also keeps, for safety and standard, its *paired* cell: over the people who answered this week
and at least one of the BASELINE_WEEKS weeks before it (in the same team), the sample of each person's
difference between this week's own mean and their own mean over those weeks. It is computed in SQL like
every cell, held to the same minimum, and never shown: it only decides whether a change is called
(``coaching.summary``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Final

from coaching.instrument import Axis, Trait
from coaching.pulse import week_monday
from coaching.stats import Sample

SPLIT_AXES: Final[tuple[Axis, ...]] = (Axis.SAFETY, Axis.STANDARD)
PAIRED_AXES: Final[tuple[Axis, ...]] = SPLIT_AXES  # the zone's axes: the ones with a trend
BASELINE_WEEKS: Final[int] = 4
"""The weeks before this one that make a person's own baseline for the paired cell."""
SUPPRESSED: Final[str] = "suppressed"
"""What the JSON form holds for a cell that is not kept: below the minimum, or nobody had a value."""
_JSON_VERSION: Final[int] = 2

Measure = Axis | Trait


def _check_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return value


def _empty_traits() -> Mapping[Trait, Sample | None]:
    return MappingProxyType(dict.fromkeys(Trait))


def _empty_paired() -> Mapping[Axis, Sample | None]:
    return MappingProxyType(dict.fromkeys(PAIRED_AXES))


def _empty_split() -> Mapping[Axis, bool]:
    return MappingProxyType(dict.fromkeys(SPLIT_AXES, False))


@dataclass(frozen=True)
class WeekFigures:
    """One team-week's answers as aggregated by SQL: only counts and per-respondent-mean samples.

    ``respondents`` are the distinct sellers with at least one real answer, ``eligible`` the sellers
    who were sent the pulse. Each sample summarises per-respondent means; its n can be below
    ``respondents`` (a trait's items rotate, "don't know" leaves an axis without a mean) but never
    above. ``split[axis]`` says whether safety's or standard's answers are split (``summary.is_split``
    on its tails); it can only be True for an axis with a sample. ``traits`` and ``split`` are
    normalised to hold every Trait / both axes.

    ``min_respondents`` is the strictest anonymity minimum known to be in force for the week (0 when
    none is recorded, as for a week fresh from SQL): ``summary.summarize`` judges the week by the
    stricter of this and its own ``min_respondents``, so a week published under a stricter minimum
    never gives up a cell when the team's minimum is lowered later.
    """

    period: str
    respondents: int
    eligible: int
    safety: Sample | None = None
    standard: Sample | None = None
    administration: Sample | None = None
    traits: Mapping[Trait, Sample | None] = field(default_factory=_empty_traits)
    split: Mapping[Axis, bool] = field(default_factory=_empty_split)
    min_respondents: int = 0
    paired: Mapping[Axis, Sample | None] = field(default_factory=_empty_paired)
    survey: Mapping[Axis, Sample | None] = field(default_factory=_empty_paired)
    """For safety and standard: the full survey's cell (its people's own means) of the months the zone's
    window touches, when the team took it; it joins the zone's level (coaching.windows)."""

    def __post_init__(self) -> None:
        if not isinstance(self.period, str):
            raise ValueError(f"period must be an ISO week string, got {self.period!r}")
        week_monday(self.period)  # ValueError unless an ISO week like "2026-W47"
        _check_count(self.respondents, "respondents")
        _check_count(self.eligible, "eligible")
        _check_count(self.min_respondents, "min_respondents")
        given = {Trait(key): value for key, value in self.traits.items()}  # ValueError on a non-trait
        traits = {trait: given.get(trait) for trait in Trait}
        axes = ((axis, self.sample(axis)) for axis in Axis)
        for measure, sample in (*axes, *traits.items()):
            if sample is None:
                continue
            if not isinstance(sample, Sample):
                raise ValueError(f"{measure} must be a Sample or None, got {sample!r}")
            if sample.n > self.respondents:
                raise ValueError(f"{measure} has n={sample.n}, more than the {self.respondents} respondents")
        given_split = {Axis(key): value for key, value in self.split.items()}
        if extra := [str(key) for key in given_split if key not in SPLIT_AXES]:
            raise ValueError(f"split is only kept for safety and standard, got keys {extra!r}")
        split: dict[Axis, bool] = {}
        for axis in SPLIT_AXES:
            split[axis] = given_split.get(axis, False)
            if not isinstance(split[axis], bool):
                raise ValueError(f"split[{axis}] is True or False, got {split[axis]!r}")
            if split[axis] and self.sample(axis) is None:
                raise ValueError(f"split[{axis}] is True, but nobody has an {axis} mean")
        object.__setattr__(self, "traits", MappingProxyType(traits))
        object.__setattr__(self, "split", MappingProxyType(split))
        given_paired = {Axis(key): value for key, value in self.paired.items()}
        if extra := [str(key) for key in given_paired if key not in PAIRED_AXES]:
            raise ValueError(f"paired cells are only kept for safety and standard, got keys {extra!r}")
        paired = {axis: given_paired.get(axis) for axis in PAIRED_AXES}
        for axis, pairs in paired.items():
            if pairs is None:
                continue
            if not isinstance(pairs, Sample):
                raise ValueError(f"paired[{axis}] must be a Sample or None, got {pairs!r}")
            own = self.sample(axis)
            if own is None or pairs.n > own.n:
                raise ValueError(f"paired[{axis}] has n={pairs.n}, more than the people with an {axis} mean")
        object.__setattr__(self, "paired", MappingProxyType(paired))
        given_survey = {Axis(key): value for key, value in self.survey.items()}
        if extra := [str(key) for key in given_survey if key not in PAIRED_AXES]:
            raise ValueError(f"survey cells are only kept for safety and standard, got keys {extra!r}")
        survey = {axis: given_survey.get(axis) for axis in PAIRED_AXES}
        for axis, cell in survey.items():
            if cell is not None and not isinstance(cell, Sample):
                raise ValueError(f"survey[{axis}] must be a Sample or None, got {cell!r}")
        object.__setattr__(self, "survey", MappingProxyType(survey))

    def sample(self, measure: Measure) -> Sample | None:
        """The sample behind one measure: an axis or a trait."""
        if isinstance(measure, Trait):
            return self.traits.get(measure)
        if measure == Axis.SAFETY:
            return self.safety
        if measure == Axis.STANDARD:
            return self.standard
        if measure == Axis.ADMINISTRATION:
            return self.administration
        raise ValueError(f"{measure!r} is neither an Axis nor a Trait")

    def held_to(self, minimum: int) -> WeekFigures:
        """The week as it may be kept under ``minimum``: ``min_respondents`` becomes the stricter of the
        two (never lower), every cell below it is dropped (paired cells too), and so are the split and
        the paired cell of a dropped axis. When
        fewer people answered than that, every cell goes."""
        strictest = max(self.min_respondents, _check_count(minimum, "minimum"))

        def kept(sample: Sample | None) -> Sample | None:
            return sample if sample is not None and sample.n >= strictest else None

        safety, standard = kept(self.safety), kept(self.standard)
        axes = {Axis.SAFETY: safety, Axis.STANDARD: standard}
        return replace(
            self,
            safety=safety,
            standard=standard,
            administration=kept(self.administration),
            traits={trait: kept(sample) for trait, sample in self.traits.items()},
            split={axis: self.split[axis] and axes[axis] is not None for axis in SPLIT_AXES},
            paired={
                axis: kept(self.paired[axis]) if axes[axis] is not None else None for axis in PAIRED_AXES
            },
            survey={axis: kept(self.survey[axis]) for axis in PAIRED_AXES},
            min_respondents=strictest,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict that ``from_json`` reads back equal: every trait and both split axes present,
        a missing cell written as "suppressed". It writes the cells it holds: a caller freezing a week
        holds it to its minimum first (``held_to``). ``min_respondents`` is not part of it: the snapshot
        keeps the minimum beside the week (it also applies to a suppressed week, which has no figures)."""
        return {
            "version": _JSON_VERSION,
            "period": self.period,
            "respondents": self.respondents,
            "eligible": self.eligible,
            "safety": _sample_to_json(self.safety),
            "standard": _sample_to_json(self.standard),
            "administration": _sample_to_json(self.administration),
            "traits": {trait.value: _sample_to_json(self.traits[trait]) for trait in Trait},
            "split": {axis.value: self.split[axis] for axis in SPLIT_AXES},
            "paired": {axis.value: _sample_to_json(self.paired[axis]) for axis in PAIRED_AXES},
            "survey": {axis.value: _sample_to_json(self.survey[axis]) for axis in PAIRED_AXES},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WeekFigures:
        """The figures ``to_json`` wrote (``min_respondents`` 0: the caller holds it to the stored
        minimum); ValueError on an unknown version, trait or axis."""
        version = data.get("version")
        if version != _JSON_VERSION:
            raise ValueError(f"unknown WeekFigures JSON version {version!r}")
        try:
            traits = {Trait(key): _sample_from_json(value) for key, value in data.get("traits", {}).items()}
            split = {Axis(key): value for key, value in data.get("split", {}).items()}
            # a week frozen before paired cells existed has none: its trend falls back to two samples
            paired = {Axis(key): _sample_from_json(value) for key, value in data.get("paired", {}).items()}
            survey = {Axis(key): _sample_from_json(value) for key, value in data.get("survey", {}).items()}
        except ValueError as error:
            raise ValueError(f"bad WeekFigures JSON: {error}") from None
        return cls(
            period=data["period"],
            respondents=data["respondents"],
            eligible=data["eligible"],
            safety=_sample_from_json(data.get("safety")),
            standard=_sample_from_json(data.get("standard")),
            administration=_sample_from_json(data.get("administration")),
            traits=traits,
            split=split,
            paired=paired,
            survey=survey,
        )


def _sample_to_json(sample: Sample | None) -> dict[str, Any] | str:
    return SUPPRESSED if sample is None else {"n": sample.n, "mean": sample.mean, "sd": sample.sd}


def _sample_from_json(data: Mapping[str, Any] | str | None) -> Sample | None:
    if data is None or data == SUPPRESSED:
        return None
    if not isinstance(data, Mapping):
        raise ValueError(f"a cell is a sample or {SUPPRESSED!r}, got {data!r}")
    mean, sd = data["mean"], data["sd"]
    for value in (mean, sd):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"a sample's mean and sd must be numbers, got {value!r}")
    return Sample(n=data["n"], mean=float(mean), sd=float(sd))
