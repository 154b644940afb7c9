"""The demo's people: four sales teams whose true culture drifts over the weeks, and how each seller answers.

Each team has a course on the two axes of the board (perceived safety, perceived standard) and a level of
administration; each seller sits a little off the team's course (a fixed offset) and answers every item
with some noise, now and then "don't know", and now and then not at all. The four teams end the weeks in
the four zones: one slides from performance into comfort, one recovers from stress into performance, one
stays stressed and one stays in apathy (with a holiday week too few answer in, so the anonymity minimum
shows). Everything random comes from the `random.Random` passed in, so a seed gives the same demo again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from coaching.instrument import Axis, Item, Trait

WORKSPACE_ID: Final[str] = "TDEMO"
WORKSPACE_NAME: Final[str] = "Balansebrett demo"


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Course:
    """A team's true position on one axis week by week: `start` until `turn_from`, then a smooth move
    to `end` reached at `turn_to` (fractions of the demo's weeks), `end` after it."""

    start: float
    end: float
    turn_from: float = 0.25
    turn_to: float = 0.6

    def at(self, week: int, weeks: int) -> float:
        x = week / max(weeks - 1, 1)
        if x <= self.turn_from:
            return self.start
        if x >= self.turn_to:
            return self.end
        u = (x - self.turn_from) / (self.turn_to - self.turn_from)
        return self.start + (self.end - self.start) * u * u * (3 - 2 * u)  # smoothstep


@dataclass(frozen=True, slots=True)
class DemoTeam:
    name: str
    channel_id: str
    locale: str
    tz: str
    manager: Person
    sellers: tuple[Person, ...]
    safety: Course
    standard: Course
    administration: float
    traits: tuple[tuple[Trait, float], ...] = ()
    """How much a trait's items sit above or below the team's axis (its weakest trait, say)."""
    holiday_week: int | None = None
    """A week (0-based) most of the team is away: fewer answer than the minimum."""
    story: str = ""
    """What the team shows in the demo (for the reader of this file and the tests)."""

    def position(self, week: int, weeks: int) -> dict[Axis, float]:
        return {
            Axis.SAFETY: self.safety.at(week, weeks),
            Axis.STANDARD: self.standard.at(week, weeks),
            Axis.ADMINISTRATION: self.administration,
        }


def _people(prefix: str, names: tuple[str, ...]) -> tuple[Person, ...]:
    return tuple(Person(f"UDEMO{prefix}{n:02d}", name) for n, name in enumerate(names, start=1))


TEAMS: Final[tuple[DemoTeam, ...]] = (
    DemoTeam(
        name="Salg Nord",
        channel_id="CDEMONORD",
        locale="nb",
        tz="Europe/Oslo",
        manager=Person("UDEMOM01", "Ingrid Berg"),
        sellers=_people(
            "N",
            (
                "Kari Nilsen",
                "Ola Hansen",
                "Nora Johansen",
                "Jonas Larsen",
                "Emma Olsen",
                "Lars Moen",
                "Sofie Berntsen",
            ),
        ),
        safety=Course(4.3, 4.4),
        standard=Course(4.2, 2.5, turn_from=0.3, turn_to=0.65),
        administration=4.0,
        traits=((Trait.SYSTEMATIC_FOLLOW_UP, -0.5),),
        story="slides from performance into comfort: as safe as ever, the standard falls",
    ),
    DemoTeam(
        name="Salg Sør",
        channel_id="CDEMOSOR",
        locale="nb",
        tz="Europe/Oslo",
        manager=Person("UDEMOM02", "Henrik Dahl"),
        sellers=_people(
            "S",
            (
                "Sara Lie",
                "Mats Eriksen",
                "Ida Haugen",
                "Sander Bakke",
                "Thea Solberg",
                "Emil Strand",
                "Jakob Lunde",
            ),
        ),
        safety=Course(2.6, 4.3, turn_from=0.2, turn_to=0.55),
        standard=Course(4.2, 4.3),
        administration=3.9,
        traits=((Trait.CONTINUOUS_FEEDBACK, -0.5),),
        story="recovers from stress into performance: the standard holds, safety grows",
    ),
    DemoTeam(
        name="Försäljning Stockholm",
        channel_id="CDEMOSTHLM",
        locale="sv",
        tz="Europe/Stockholm",
        manager=Person("UDEMOM03", "Anna Lindqvist"),
        sellers=_people(
            "K",
            (
                "Elin Svensson",
                "Oskar Karlsson",
                "Maja Nilsson",
                "Viktor Persson",
                "Linnea Berg",
                "Axel Holm",
                "Wilma Ek",
            ),
        ),
        safety=Course(2.6, 2.5),
        standard=Course(4.3, 4.3),
        administration=3.8,
        traits=((Trait.CLEAR_EXPECTATIONS, -0.5),),
        story="stays in stress: high demands, little safety",
    ),
    DemoTeam(
        name="Key Accounts",
        channel_id="CDEMOKEY",
        locale="en",
        tz="Europe/London",
        manager=Person("UDEMOM04", "James Carter"),
        sellers=_people(
            "A",
            (
                "Olivia Smith",
                "Liam Brown",
                "Amelia Jones",
                "Noah Taylor",
                "Isla Wilson",
                "Jack Evans",
                "Grace Hughes",
            ),
        ),
        safety=Course(2.7, 2.6),
        standard=Course(2.6, 2.5),
        administration=2.7,
        traits=((Trait.PERSONAL_OWNERSHIP, -0.5),),
        holiday_week=5,
        story="stays in apathy, with a failing foundation and a holiday week below the minimum",
    ),
)

NOISE_SD: Final[float] = 0.55
"""The spread of one answer around the seller's true position."""
PERSON_SD: Final[float] = 0.25
"""How far a seller sits off the team's course (fixed for the demo)."""
DONT_KNOW: Final[float] = 0.04
ABSENT: Final[float] = 0.04
"""The chance a seller does not answer a week's pulse (a holiday week: most do not)."""
HOLIDAY_PRESENT: Final[int] = 3


def offsets(rng: random.Random, team: DemoTeam) -> dict[str, dict[Axis, float]]:
    """Each seller's fixed place off the team's course, per axis."""
    return {person.user_id: {axis: rng.gauss(0, PERSON_SD) for axis in Axis} for person in team.sellers}


def answering(rng: random.Random, team: DemoTeam, week: int) -> list[Person]:
    """Who answers the week's pulse: nearly all, or a few in the team's holiday week."""
    if week == team.holiday_week:
        return sorted(rng.sample(team.sellers, HOLIDAY_PRESENT), key=lambda p: p.user_id)
    return [person for person in team.sellers if rng.random() >= ABSENT]


def answer(rng: random.Random, item: Item, true_value: float, team: DemoTeam) -> int | None:
    """One seller's answer to one item: 1..5 around their true value (reversed for a reverse-keyed item),
    or None ("don't know")."""
    if rng.random() < DONT_KNOW:
        return None
    shift = dict(team.traits).get(item.trait, 0.0) if item.axis is not Axis.ADMINISTRATION else 0.0
    value = min(5, max(1, round(rng.gauss(true_value + shift, NOISE_SD))))
    return 6 - value if item.reverse else value
