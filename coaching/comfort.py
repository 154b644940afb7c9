"""The comfort zone is the most dangerous one, so a team sliding toward it is urgent.

The seed: "Den farligste sonen er ikke stressonen – den er åpenbart destruktiv. Den farligste er
komfortsonen. Den føles god. Folk trives. Ingen klager. Men avdelingen stagnerer, og de beste selgerne –
de som har ambisjoner – søker seg vekk." Nobody complains, so nobody raises the alarm: the manager's
summary DM has to.

A team *slides toward comfort* in one of two ways, judged only on figures the summary may show:

- INTO_COMFORT: this week's zone is comfort and the zone of the team's previous shown week (the chart's
  point before this one) was not.
- TOWARD_COMFORT: otherwise, the perceived standard fell beyond the noise (the summary's trend DOWN against
  the previous ISO week) while perceived safety held (its trend STABLE or UP) on the safe side of the board
  (safety at or above the cutoff). That is a move down toward comfort from the performance zone, or deeper
  into comfort. With safety below the cutoff a falling standard heads for apathy instead, which is not a
  slide toward comfort.
"""

from __future__ import annotations

from enum import StrEnum

from coaching.zones import DEFAULT_CUTOFF, Zone, classify


class Slide(StrEnum):
    INTO_COMFORT = "into_comfort"
    TOWARD_COMFORT = "toward_comfort"


def comfort_slide(
    zone: Zone | None,
    previous_point: tuple[float, float] | None,
    safety: float | None,
    *,
    standard_fell: bool,
    safety_held: bool,
    cutoff: float = DEFAULT_CUTOFF,
) -> Slide | None:
    """Whether (and how) the team slid toward comfort this week; None when it did not.

    ``previous_point`` is (safety, standard) of the team's previous shown week, ``safety`` this week's safety
    mean; ``standard_fell`` and ``safety_held`` are the summary's trends against the previous ISO week.
    """
    if zone is None:
        return None
    if (
        zone is Zone.COMFORT
        and previous_point is not None
        and classify(*previous_point, cutoff) is not Zone.COMFORT
    ):
        return Slide.INTO_COMFORT
    if standard_fell and safety_held and safety is not None and safety >= cutoff:
        return Slide.TOWARD_COMFORT
    return None
