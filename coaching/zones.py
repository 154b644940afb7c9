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
    """What to push on next, given the zone (and whether the administration foundation holds)."""

    MORE_SYSTEM = "more_system"  # comfort: clear expectations, concrete feedback, accountability
    MORE_RELATION = "more_relation"  # stress: rebuild trust and safety
    ADMINISTRATION_FIRST = "administration_first"  # apathy: lay the administrative foundation, then both
    PRESS_BOTH = "press_both"  # performance: keep pressing hard on both sides
    FOUNDATION_FIRST = (
        "foundation_first"  # any other zone with a failing foundation: fix it, then the zone's lever
    )


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


def foundation_failing(administration: float | None, cutoff: float = DEFAULT_CUTOFF) -> bool:
    """Whether the administration foundation is failing: its mean is known and below the cutoff.

    The seed: "brettet står bare stødig dersom fundamentet under, administrasjonsansvaret, alltid er på
    plass". A foundation the respondents do not experience as high (the same line that makes an axis
    high in the zone model, 3.5 by default, the team's own cutoff where there is one) is not in place.
    An unknown administration mean (too few answers, or a hidden cell) is not called failing.
    """
    return administration is not None and administration < cutoff


def levers(
    zone: Zone, administration: float | None = None, cutoff: float = DEFAULT_CUTOFF
) -> tuple[Lever, ...]:
    """The levers in the order they are pulled.

    The zone's own lever (comfort -> more system, stress -> more relation, performance -> press both,
    apathy -> the foundation first and then both sides). In every zone but apathy, whose lever already
    starts with the foundation, a failing foundation (``foundation_failing``) comes first:
    (FOUNDATION_FIRST, the zone's lever).
    """
    own = _LEVERS[zone]
    if own is not Lever.ADMINISTRATION_FIRST and foundation_failing(administration, cutoff):
        return (Lever.FOUNDATION_FIRST, own)
    return (own,)


def lever_for(zone: Zone, administration: float | None = None, cutoff: float = DEFAULT_CUTOFF) -> Lever:
    """The first lever to pull (``levers(...)[0]``); without an administration mean, the zone's own."""
    return levers(zone, administration, cutoff)[0]


def lever_plan(first: Lever, zone: Zone) -> tuple[Lever, ...]:
    """The whole plan from the first lever and the zone, e.g. from a TeamSummary's ``lever`` and ``zone``:
    FOUNDATION_FIRST is followed by the zone's own lever, every other lever stands alone."""
    return (first, _LEVERS[zone]) if first is Lever.FOUNDATION_FIRST else (first,)
