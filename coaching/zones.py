"""The performance-zone model: where a team sits on perceived safety (trygghet) x perceived standard (krav).

The seed reads the zones as consequences of the leader's repeated behaviour, measured as the team's
collective experience of two things: perceived safety and perceived standard. Both are means on the
1..5 answer scale; an axis is "high" when its mean is at or above the cutoff.

    high standard | STRESS      | PERFORMANCE
    low standard  | APATHY      | COMFORT
                    low safety    high safety
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from coaching.instrument import Axis

DEFAULT_CUTOFF: Final[float] = 3.5
BORDERLINE_MARGIN: Final[float] = 0.25


class Zone(StrEnum):
    PERFORMANCE = "performance"  # high safety, high standard: growth, mastery
    COMFORT = "comfort"  # high safety, low standard: well-being without growth
    STRESS = "stress"  # low safety, high standard: pressure without safety
    APATHY = "apathy"  # low safety, low standard: nobody cares


class Lever(StrEnum):
    """What to push on next, given the zone."""

    MORE_SYSTEM = "more_system"  # comfort: clear expectations, concrete feedback, accountability
    MORE_RELATION = "more_relation"  # stress: rebuild trust and safety
    ADMINISTRATION_FIRST = "administration_first"  # apathy: lay the administrative foundation, then both
    PRESS_BOTH = "press_both"  # performance: keep pressing hard on both sides


_LEVERS: Final[Mapping[Zone, Lever]] = MappingProxyType(
    {
        Zone.PERFORMANCE: Lever.PRESS_BOTH,
        Zone.COMFORT: Lever.MORE_SYSTEM,
        Zone.STRESS: Lever.MORE_RELATION,
        Zone.APATHY: Lever.ADMINISTRATION_FIRST,
    }
)


@dataclass(frozen=True, slots=True)
class Placement:
    zone: Zone
    borderline: bool
    near: tuple[Axis, ...]  # axes within the margin of the cutoff, in Axis order (safety before standard)


def classify(safety: float, standard: float, cutoff: float = DEFAULT_CUTOFF) -> Zone:
    """The zone for an axis pair; a value exactly at the cutoff counts as high."""
    high_safety = safety >= cutoff
    high_standard = standard >= cutoff
    if high_safety and high_standard:
        return Zone.PERFORMANCE
    if high_safety:
        return Zone.COMFORT
    if high_standard:
        return Zone.STRESS
    return Zone.APATHY


def place(
    safety: float, standard: float, cutoff: float = DEFAULT_CUTOFF, margin: float = BORDERLINE_MARGIN
) -> Placement:
    """The zone plus which axes are close enough to the cutoff that the zone could tip.

    An axis is near when ``abs(value - cutoff) <= margin``: the edge itself is inclusive, so with the
    defaults both 3.25 and 3.75 are near, 3.24 and 3.76 are not.
    """
    if margin < 0:
        raise ValueError(f"margin must be zero or positive, got {margin}")
    near = tuple(
        axis
        for axis, value in ((Axis.SAFETY, safety), (Axis.STANDARD, standard))
        if abs(value - cutoff) <= margin
    )
    return Placement(zone=classify(safety, standard, cutoff), borderline=bool(near), near=near)


def lever_for(zone: Zone) -> Lever:
    return _LEVERS[zone]
