"""One team-week's answers as the SQL layer aggregates them: counts and per-respondent-mean samples
only (``WeekFigures``), and their JSON form, frozen in the published snapshot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from coaching.instrument import Axis, Trait
from coaching.pulse import week_monday
from coaching.stats import Sample

SPLIT_AXES: Final[tuple[Axis, ...]] = (Axis.SAFETY, Axis.STANDARD)
_JSON_VERSION: Final[int] = 1

Measure = Axis | Trait


def _check_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return value


def _empty_traits() -> Mapping[Trait, Sample | None]:
    return MappingProxyType(dict.fromkeys(Trait))


def _empty_split() -> Mapping[Axis, tuple[int, int]]:
    return MappingProxyType(dict.fromkeys(SPLIT_AXES, (0, 0)))


@dataclass(frozen=True)
class WeekFigures:
    """One team-week's answers as aggregated by SQL: only counts and per-respondent-mean samples.

    ``respondents`` are the distinct sellers with at least one real answer, ``eligible`` the sellers
    who were sent the pulse. Each sample summarises per-respondent means; its n can be below
    ``respondents`` (a trait's items rotate, "don't know" leaves an axis without a mean) but never
    above. ``split[axis]`` is (people whose own axis mean >= 4.0, people whose own mean <= 2.5) for
    safety and standard. ``traits`` and ``split`` are normalised to hold every Trait / both axes.
    """

    period: str
    respondents: int
    eligible: int
    safety: Sample | None = None
    standard: Sample | None = None
    administration: Sample | None = None
    traits: Mapping[Trait, Sample | None] = field(default_factory=_empty_traits)
    split: Mapping[Axis, tuple[int, int]] = field(default_factory=_empty_split)

    def __post_init__(self) -> None:
        if not isinstance(self.period, str):
            raise ValueError(f"period must be an ISO week string, got {self.period!r}")
        week_monday(self.period)  # ValueError unless an ISO week like "2026-W47"
        _check_count(self.respondents, "respondents")
        _check_count(self.eligible, "eligible")
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
        split: dict[Axis, tuple[int, int]] = {}
        for axis in SPLIT_AXES:
            high, low = given_split.get(axis, (0, 0))
            _check_count(high, f"split[{axis}] high")
            _check_count(low, f"split[{axis}] low")
            sample = self.sample(axis)
            if high + low > (sample.n if sample else 0):
                raise ValueError(
                    f"split[{axis}] = ({high}, {low}) counts more people than have an {axis} mean"
                )
            split[axis] = (high, low)
        object.__setattr__(self, "traits", MappingProxyType(traits))
        object.__setattr__(self, "split", MappingProxyType(split))

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

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (every trait and both split axes present) that ``from_json`` reads back equal."""
        return {
            "version": _JSON_VERSION,
            "period": self.period,
            "respondents": self.respondents,
            "eligible": self.eligible,
            "safety": _sample_to_json(self.safety),
            "standard": _sample_to_json(self.standard),
            "administration": _sample_to_json(self.administration),
            "traits": {trait.value: _sample_to_json(self.traits[trait]) for trait in Trait},
            "split": {axis.value: list(self.split[axis]) for axis in SPLIT_AXES},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WeekFigures:
        """The figures ``to_json`` wrote; ValueError on an unknown version, trait or axis."""
        version = data.get("version", _JSON_VERSION)
        if version != _JSON_VERSION:
            raise ValueError(f"unknown WeekFigures JSON version {version!r}")
        try:
            traits = {Trait(key): _sample_from_json(value) for key, value in data.get("traits", {}).items()}
            split = {Axis(key): _pair(value) for key, value in data.get("split", {}).items()}
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
        )


def _sample_to_json(sample: Sample | None) -> dict[str, Any] | None:
    return None if sample is None else {"n": sample.n, "mean": sample.mean, "sd": sample.sd}


def _sample_from_json(data: Mapping[str, Any] | None) -> Sample | None:
    if data is None:
        return None
    mean, sd = data["mean"], data["sd"]
    for value in (mean, sd):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"a sample's mean and sd must be numbers, got {value!r}")
    return Sample(n=data["n"], mean=float(mean), sd=float(sd))


def _pair(value: Sequence[int]) -> tuple[int, int]:
    if len(value) != 2:
        raise ValueError(f"a split entry is [high, low], got {value!r}")
    return (value[0], value[1])
