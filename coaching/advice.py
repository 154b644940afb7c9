"""How to handle one person: the seed's situational model as a pure function.

The manager's observations (a Situation) give a diagnosis, the balance between relation leadership and
system leadership, the communication style and a handful of actions. The seed's tables are the
specification, row by row:

    case          observation                        balance  style        focus           diagnosis
    new_unsure    new + unsure                        70/30   instructing  relation        energy
    energy        exhausted, insecure, overwhelmed    70/30   instructing  relation        energy
    structure     routines or overview failing        50/50   instructing  administration  structure
    skill         lacks skills or knowledge           40/60   instructing  system          skill
    will          can, but low motivation/ownership   65/35   direct       relation        will
    comfort       delivers OK, below potential        30/70   challenging  system          none
    self_driven   competent + self-driven             50/50   delegating   balanced        none
    new           new, nothing else observed          60/40   instructing  relation        none
    unknown       too little observed                 50/50   direct       balanced        none

The seed fixes 70/30, 30/70 and 50/50; the others are chosen here. A will problem is "Mer relasjon" in
the style table, so 65/35: clearly relation-heavy but lighter than for someone unsure, because the person
can do the job and the expectation must stay visible. A skill problem is system leadership with "tett
støtte", so 40/60 rather than the comfort zone's 30/70. Failing structure is not a matter of tilting the
board: administration is the foundation under it, so the balance stays even while that is fixed. Someone
new with nothing else observed "trenger å bli sett og inkludert" (more relation), but is not unsure: 60/40.

When observations conflict, the first concern in this order decides the balance and the style:

    1. energy     pressure on someone exhausted or insecure pushes toward the stress zone (krav uten
                  relasjon = stressonen); nothing else lands until safety is back.
    2. structure  administration is the foundation: without it there is nothing to balance on, and
                  unclear expectations are a leader's mistake, not a seller's.
    3. skill      mastery feeds motivation, and a skill problem treated as a will problem is reinforced.
    4. will       demands without trust feel like criticism (profile B); rebuild trust before pressing.
    5. comfort    challenge once nothing more basic is in the way.

The advice then names the order of work, why the first goes first, and that a wrong diagnosis reinforces
the problem ("Feil diagnose = feil balanse = forsterket problem"). The standard never moves; only the
pressure on each side does. A team zone does not change the person's balance: it adds the team's lever
(coaching.zones.lever_for) and a caution when the person's balance leans against the team's zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType
from typing import Final, Literal, get_args

from coaching import advice_texts as texts
from coaching.advice_cases import CASES
from coaching.zones import Lever, Zone, lever_for, lever_plan

Experience = Literal["new", "experienced"]
Level = Literal["low", "high"]
StructureState = Literal["ok", "failing"]

EXPERIENCES: Final[tuple[Experience, ...]] = get_args(Experience)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
STRUCTURE_STATES: Final[tuple[StructureState, ...]] = get_args(StructureState)

_ALLOWED: Final[Mapping[str, tuple[str | bool, ...]]] = MappingProxyType(
    {
        "experience": EXPERIENCES,
        "competence": LEVELS,
        "will": LEVELS,
        "confidence": LEVELS,
        "structure": STRUCTURE_STATES,
        "comfort_zone": (True, False),
    }
)


class Style(StrEnum):
    INSTRUCTING = "instructing"
    DIRECT = "direct"
    DELEGATING = "delegating"
    CHALLENGING = "challenging"


class Focus(StrEnum):
    RELATION = "relation"
    SYSTEM = "system"
    ADMINISTRATION = "administration"
    BALANCED = "balanced"


class Diagnosis(StrEnum):
    SKILL = "skill"
    WILL = "will"
    STRUCTURE = "structure"
    ENERGY = "energy"
    NONE = "none"


class Concern(StrEnum):
    """Something observed that needs work, in the order it is taken on."""

    ENERGY = "energy"
    STRUCTURE = "structure"
    SKILL = "skill"
    WILL = "will"
    COMFORT = "comfort"


class Case(StrEnum):
    """Which row of the model the advice comes from."""

    NEW_UNSURE = "new_unsure"
    ENERGY = "energy"
    STRUCTURE = "structure"
    SKILL = "skill"
    WILL = "will"
    COMFORT = "comfort"
    SELF_DRIVEN = "self_driven"
    NEW = "new"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Situation:
    """What the manager has observed about one person; None means unknown."""

    experience: Experience | None = None  # new or experienced
    competence: Level | None = None  # can the person do it
    will: Level | None = None  # motivation and ownership
    confidence: Level | None = None  # energy and safety: unsure, exhausted, overwhelmed = low
    structure: StructureState | None = None  # routines and overview
    comfort_zone: bool | None = None  # delivers OK but below potential

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
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        values.update(
            {
                field.name: getattr(other, field.name)
                for field in fields(other)
                if getattr(other, field.name) is not None
            }
        )
        return Situation(**values)

    def concerns(self) -> tuple[Concern, ...]:
        """What needs work, in priority order."""
        present = {
            Concern.ENERGY: self.confidence == "low",
            Concern.STRUCTURE: self.structure == "failing",
            Concern.SKILL: self.competence == "low",
            Concern.WILL: self.will == "low",
            Concern.COMFORT: self.comfort_zone is True,
        }
        return tuple(concern for concern in Concern if present[concern])


@dataclass(frozen=True, slots=True)
class Profile:
    relation_pct: int
    style: Style
    focus: Focus
    diagnosis: Diagnosis


PROFILES: Final[Mapping[Case, Profile]] = MappingProxyType(
    {
        Case.NEW_UNSURE: Profile(70, Style.INSTRUCTING, Focus.RELATION, Diagnosis.ENERGY),
        Case.ENERGY: Profile(70, Style.INSTRUCTING, Focus.RELATION, Diagnosis.ENERGY),
        Case.STRUCTURE: Profile(50, Style.INSTRUCTING, Focus.ADMINISTRATION, Diagnosis.STRUCTURE),
        Case.SKILL: Profile(40, Style.INSTRUCTING, Focus.SYSTEM, Diagnosis.SKILL),
        Case.WILL: Profile(65, Style.DIRECT, Focus.RELATION, Diagnosis.WILL),
        Case.COMFORT: Profile(30, Style.CHALLENGING, Focus.SYSTEM, Diagnosis.NONE),
        Case.SELF_DRIVEN: Profile(50, Style.DELEGATING, Focus.BALANCED, Diagnosis.NONE),
        Case.NEW: Profile(60, Style.INSTRUCTING, Focus.RELATION, Diagnosis.NONE),
        Case.UNKNOWN: Profile(50, Style.DIRECT, Focus.BALANCED, Diagnosis.NONE),
    }
)

_CASE_FOR_CONCERN: Final[Mapping[Concern, Case]] = MappingProxyType(
    {
        Concern.ENERGY: Case.ENERGY,
        Concern.STRUCTURE: Case.STRUCTURE,
        Concern.SKILL: Case.SKILL,
        Concern.WILL: Case.WILL,
        Concern.COMFORT: Case.COMFORT,
    }
)

_DIAGNOSIS_FOR_CONCERN: Final[Mapping[Concern, Diagnosis]] = MappingProxyType(
    {
        Concern.ENERGY: Diagnosis.ENERGY,
        Concern.STRUCTURE: Diagnosis.STRUCTURE,
        Concern.SKILL: Diagnosis.SKILL,
        Concern.WILL: Diagnosis.WILL,
        Concern.COMFORT: Diagnosis.NONE,
    }
)


@dataclass(frozen=True, slots=True)
class Advice:
    case: Case
    relation_pct: int
    system_pct: int
    style: Style
    focus: Focus
    diagnosis: Diagnosis
    concerns: tuple[Concern, ...] = ()  # everything observed that needs work, in priority order
    first_focus: Diagnosis | None = None  # set when observations conflict: what to take on first
    team_zone: Zone | None = None
    team_first_lever: Lever | None = None  # the team summary's first lever (the foundation when failing)

    def __post_init__(self) -> None:
        if self.relation_pct + self.system_pct != 100 or not 0 <= self.relation_pct <= 100:
            raise ValueError(f"the balance must add up to 100, got {self.relation_pct}/{self.system_pct}")

    @property
    def conflicting(self) -> bool:
        return len(self.concerns) > 1

    @property
    def lever(self) -> Lever | None:
        """The team's first lever: the summary's own choice, else the zone's lever."""
        if self.team_zone is None:
            return None
        return self.team_first_lever or lever_for(self.team_zone)

    def reasoning(self, locale: str) -> str:
        return CASES[self.case].reasoning.get(locale)

    def example(self, locale: str) -> str:
        return CASES[self.case].example.get(locale)

    def style_label(self, locale: str) -> str:
        return texts.STYLES[self.style].get(locale)

    def focus_label(self, locale: str) -> str:
        return texts.FOCUSES[self.focus].get(locale)

    def balance(self, locale: str) -> str:
        return texts.BALANCE.get(locale).format(relation=self.relation_pct, system=self.system_pct)

    def standard_reminder(self, locale: str) -> str:
        return texts.STANDARD.get(locale)

    def actions(self, locale: str) -> tuple[str, ...]:
        """The case's three actions, plus the next concern's when observations conflict."""
        own = tuple(action.get(locale) for action in CASES[self.case].actions)
        if self.conflicting:
            return (*own, texts.NEXT_ACTIONS[self.concerns[1]].get(locale))
        return own

    def warnings(self, locale: str) -> tuple[str, ...]:
        """What to watch out for: the order of work when observations conflict, and why; a reminder to
        check skill against will; a caution when the balance leans against the team's zone."""
        found: list[str] = []
        if self.conflicting:
            found.append(self._order_of_work(texts.ORDER, locale))
            found.append(texts.WHY_FIRST[self.concerns[0]].get(locale))
            found.append(texts.WRONG_DIAGNOSIS.get(locale))
        elif self.diagnosis in (Diagnosis.SKILL, Diagnosis.WILL):
            found.append(texts.CHECK_DIAGNOSIS.get(locale))
        leans_system = self.system_pct > self.relation_pct
        leans_relation = self.relation_pct > self.system_pct
        if (self.team_zone is Zone.STRESS and leans_system) or (
            self.team_zone is Zone.COMFORT and leans_relation
        ):
            found.append(texts.TEAM_CAUTIONS[self.team_zone].get(locale))
        return tuple(found)

    def _order_of_work(self, template: texts.Text, locale: str) -> str:
        """A template filled with the first concern and the ones after it ("A, B og C")."""
        names = [texts.CONCERNS[concern].get(locale) for concern in self.concerns]
        rest = names[1:]
        joined = ", ".join(rest[:-1]) + texts.AND.get(locale) + rest[-1] if len(rest) > 1 else "".join(rest)
        return template.get(locale).format(first=names[0], rest=joined)

    def team_lever(self, locale: str) -> str | None:
        """The team's levers in words: the foundation first when it is failing, then the zone's lever."""
        lever = self.lever
        if lever is None or self.team_zone is None:
            return None
        return " ".join(texts.TEAM_LEVERS[step].get(locale) for step in lever_plan(lever, self.team_zone))

    def follow_up_plan(self, locale: str) -> tuple[str, ...]:
        """Two or three checkpoints to be reminded of: det som loves, skjer."""
        plan = [CASES[self.case].follow_up.get(locale)]
        if self.conflicting:
            plan.append(self._order_of_work(texts.FOLLOW_UP_NEXT, locale))
        plan.append(texts.FOLLOW_UP_REVIEW.get(locale))
        return tuple(plan)


def _case(situation: Situation, concerns: tuple[Concern, ...]) -> Case:
    if concerns:
        first = concerns[0]
        if first is Concern.ENERGY and situation.experience == "new":
            return Case.NEW_UNSURE
        return _CASE_FOR_CONCERN[first]
    if situation.competence == "high" and situation.will == "high":
        return Case.SELF_DRIVEN
    if situation.experience == "new":
        return Case.NEW
    return Case.UNKNOWN


def advise(situation: Situation, team_zone: Zone | None = None, team_lever: Lever | None = None) -> Advice:
    """The advice for one person, given what the manager has observed and, optionally, the team's zone
    and the first lever its summary chose (``coaching.zones.lever_for`` with the team's administration)."""
    concerns = situation.concerns()
    case = _case(situation, concerns)
    profile = PROFILES[case]
    return Advice(
        case=case,
        relation_pct=profile.relation_pct,
        system_pct=100 - profile.relation_pct,
        style=profile.style,
        focus=profile.focus,
        diagnosis=profile.diagnosis,
        concerns=concerns,
        first_focus=_DIAGNOSIS_FOR_CONCERN[concerns[0]] if len(concerns) > 1 else None,
        team_zone=team_zone,
        team_first_lever=team_lever if team_zone is not None else None,
    )
