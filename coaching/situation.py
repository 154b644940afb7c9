"""What a manager has observed about one person, what of it needs work, and what of it cannot all be true.

A `Situation` holds the seed's observations: new or experienced, the four assessment points ("Hvordan lese
situasjonen"), the comfort zone (the style table's "Erfaren + i komfortsone"), and one situation from each
of the seed's two lists, "Mer relasjonsledelse når..." (`relation_when`) and "Mer systemledelse når..."
(`system_when`), whose remaining items are `experience == "new"` and the comfort zone. None means unknown;
"none" on a list means none of its situations applies.

`concerns()` reads, from the seed's entries in coaching/seed.py, what needs work, in the order it is taken
on (ours; the seed does not rank them):

    structure   the administration foundation first: "uten det har du ingenting å balansere på"
    energy      pressure on someone exhausted or insecure is pressure without safety (stress zone)
    trust       demands without trust feel like criticism
    change      in unrest people need meaning and direction before new demands
    team        friction and low energy in the team
    skill       mastery feeds motivation; a skill problem treated as will is reinforced
    will        find the root cause and rebuild trust before pressing
    drop        below their level without a clear cause: find the cause before you choose a side
    expectations / follow_up / results / numbers   the system side's list
    comfort     challenge once nothing more basic is in the way

`reconcile()` sets aside observations that contradict each other instead of answering them silently: the
comfort zone is the seed's "Erfaren + i komfortsone" (it presumes someone experienced, who can, and who
thrives), so it cannot stand next to new, a skill gap or exhaustion; and "uten klar årsak" cannot stand
next to an observed cause. The advice names each contradiction back to the manager.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal, get_args

from coaching import seed

Experience = Literal["new", "experienced"]
Level = Literal["low", "high"]
StructureState = Literal["ok", "failing"]
RelationWhen = Literal["below_level", "team_strain", "trust_lost", "change_unrest", "none"]
SystemWhen = Literal[
    "below_expectations", "expectations_unclear", "follow_up_missing", "numbers_disagree", "none"
]

EXPERIENCES: Final[tuple[Experience, ...]] = get_args(Experience)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
STRUCTURE_STATES: Final[tuple[StructureState, ...]] = get_args(StructureState)
RELATION_WHENS: Final[tuple[RelationWhen, ...]] = get_args(RelationWhen)
SYSTEM_WHENS: Final[tuple[SystemWhen, ...]] = get_args(SystemWhen)

_ALLOWED: Final[Mapping[str, tuple[str | bool, ...]]] = MappingProxyType(
    {
        "experience": EXPERIENCES,
        "competence": LEVELS,
        "will": LEVELS,
        "confidence": LEVELS,
        "structure": STRUCTURE_STATES,
        "comfort_zone": (True, False),
        "relation_when": RELATION_WHENS,
        "system_when": SYSTEM_WHENS,
    }
)


class Concern(StrEnum):
    """Something observed that needs work, in the order it is taken on."""

    STRUCTURE = "structure"
    ENERGY = "energy"
    TRUST = "trust"
    CHANGE = "change"
    TEAM = "team"
    SKILL = "skill"
    WILL = "will"
    DROP = "drop"
    EXPECTATIONS = "expectations"
    FOLLOW_UP = "follow_up"
    RESULTS = "results"
    NUMBERS = "numbers"
    COMFORT = "comfort"


SIGNS: Final[Mapping[Concern, seed.Sign]] = MappingProxyType(
    {
        Concern.STRUCTURE: seed.STRUCTURE,
        Concern.ENERGY: seed.ENERGY,
        Concern.TRUST: seed.TRUST_LOST,
        Concern.CHANGE: seed.CHANGE_UNREST,
        Concern.TEAM: seed.TEAM_STRAIN,
        Concern.SKILL: seed.COMPETENCE,
        Concern.WILL: seed.WILL,
        Concern.DROP: seed.BELOW_LEVEL,
        Concern.EXPECTATIONS: seed.EXPECTATIONS_UNCLEAR,
        Concern.FOLLOW_UP: seed.FOLLOW_UP_MISSING,
        Concern.RESULTS: seed.BELOW_EXPECTATIONS,
        Concern.NUMBERS: seed.NUMBERS_DISAGREE,
        Concern.COMFORT: seed.DRIFT_TO_COMFORT,
    }
)
"""The seed's line behind each concern: the observation (field = value) that raises it."""

CAUSES: Final[frozenset[Concern]] = frozenset(Concern) - {Concern.DROP, Concern.RESULTS, Concern.NUMBERS}
"""Concerns that explain a drop below someone's level; results and numbers only describe it."""


@dataclass(frozen=True, slots=True)
class Situation:
    """What the manager has observed about one person; None means unknown."""

    experience: Experience | None = None  # new or experienced
    competence: Level | None = None  # can the person do it
    will: Level | None = None  # motivation and ownership
    confidence: Level | None = None  # energy and safety: unsure, exhausted, overwhelmed = low
    structure: StructureState | None = None  # routines and overview
    comfort_zone: bool | None = None  # delivers OK but below potential: well-being without demands
    relation_when: RelationWhen | None = None  # the situation of "Mer relasjonsledelse når..." that fits best
    system_when: SystemWhen | None = None  # the situation of "Mer systemledelse når..." that fits best

    def __post_init__(self) -> None:
        for name, allowed in _ALLOWED.items():
            value = getattr(self, name)
            if value is None:
                continue
            valid = isinstance(value, bool) if name == "comfort_zone" else isinstance(value, str)
            if not valid or value not in allowed:
                raise ValueError(f"{name} must be one of {allowed} or None, got {value!r}")

    @property
    def is_unknown(self) -> bool:
        return all(getattr(self, field.name) is None for field in fields(self))

    def merged(self, other: Situation) -> Situation:
        """This situation with every field `other` knows taken from `other` (confirmed answers win)."""
        known = {field.name: getattr(other, field.name) for field in fields(other)}
        return replace(self, **{name: value for name, value in known.items() if value is not None})

    def shows(self, sign: seed.Sign) -> bool:
        """Whether this observation of the seed's is made here."""
        value = getattr(self, sign.field)
        return value is sign.value if isinstance(sign.value, bool) else value == sign.value

    def concerns(self) -> tuple[Concern, ...]:
        """What needs work, in priority order."""
        return tuple(concern for concern in Concern if self.shows(SIGNS[concern]))


class Contradiction(StrEnum):
    """Observations that cannot all be true; the second one named is set aside."""

    NEW_IN_COMFORT = "new_in_comfort"  # the comfort row is "Erfaren + i komfortsone"
    SKILL_GAP_IN_COMFORT = "skill_gap_in_comfort"  # "jeg vet du kan mer" presumes the person can
    EXHAUSTED_IN_COMFORT = "exhausted_in_comfort"  # comfort is "trivsel": it feels good
    CAUSE_OF_DROP = "cause_of_drop"  # "uten klar årsak", next to an observed cause


# (contradiction, the observation that stands, the observation set aside)
_CLASHES: Final[tuple[tuple[Contradiction, tuple[str, str | bool], tuple[str, str | bool]], ...]] = (
    (Contradiction.NEW_IN_COMFORT, ("experience", "new"), ("comfort_zone", True)),
    (Contradiction.SKILL_GAP_IN_COMFORT, ("competence", "low"), ("comfort_zone", True)),
    (Contradiction.EXHAUSTED_IN_COMFORT, ("confidence", "low"), ("comfort_zone", True)),
)


def _has(situation: Situation, observation: tuple[str, str | bool]) -> bool:
    name, value = observation
    found = getattr(situation, name)
    return found is value if isinstance(value, bool) else found == value


def reconcile(situation: Situation) -> tuple[Situation, tuple[Contradiction, ...]]:
    """The situation with contradicted observations set aside (unknown), and the contradictions found."""
    found: list[Contradiction] = []
    set_aside: set[str] = set()
    for contradiction, stands, aside in _CLASHES:
        if _has(situation, stands) and _has(situation, aside):
            found.append(contradiction)
            set_aside.add(aside[0])
    kept = replace(situation, **dict.fromkeys(set_aside))
    if kept.shows(seed.BELOW_LEVEL) and CAUSES & set(kept.concerns()):
        found.append(Contradiction.CAUSE_OF_DROP)
        kept = replace(kept, relation_when=None)
    return kept, tuple(found)
