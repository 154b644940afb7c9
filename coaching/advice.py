"""How to handle one person: the seed's situational model as a pure function.

The manager's observations (a `Situation`, coaching/situation.py) give a case: the balance between relation
leadership and system leadership, the communication style, an example sentence and a handful of actions.
The seed's tables (coaching/seed.py) are the specification; what they leave open is ours, and every case
records which of its parts are the seed's (`Profile.seed`), so the advice can say so:

    case          from                                   balance  style         seed's parts
    new_unsure    Ny + usikker (style row, 70/30)         70/30   instructing   side, dose, style, example
    will          Kompetent + umotivert (style row)       65/35   direct        side, style, example
    self_driven   Kompetent + selvgående (style row)      50/50   delegating    side, style, example
    comfort       Erfaren + i komfortsone (row, 30/70)    30/70   challenging   side, dose, style, example
    energy        Energi / trygghet -> relasjonsledelse   70/30   supportive    side
    structure     Struktur -> administrasjon              50/50   structuring   side
    skill         Kompetanse -> systemledelse             40/60   guiding       side
    trust         Mer relasjon: mistet tillit             65/35   supportive    side
    change        Mer relasjon: endringer skaper uro      60/40   inspiring     side
    team          Mer relasjon: lav energi, friksjon      60/40   supportive    side
    drop          Mer relasjon: under sitt nivå           60/40   exploring     side
    new           Mer relasjon: noen er ny                60/40   instructing   side, style
    expectations  Mer system: usikre på forventninger     40/60   clarifying    side
    follow_up     Mer system: mangler oppfølging          40/60   structuring   side
    results       Mer system: resultater over tid         40/60   clarifying    side
    numbers       Mer system: «det går bra» uten tall     40/60   clarifying    side
    unknown       too little observed                     50/50   exploring     -

The seed fixes 70/30, 30/70 and "balansert"; the other doses are ours: clearly on the seed's side, lighter
than its two examples. The seed's four styles are used only on their own rows (and "instruerende" for
someone new, the row's situation without the unsureness); a case the seed has no style for gets one of
ours, never a seed style that would contradict it (an exhausted, competent seller is not "instruerende").

The first concern (coaching/situation.py, in priority order) decides the case, except the administration
foundation: when structure is failing it comes first as the first action, and the balance comes from what
else is observed ("brettet står bare stødig dersom fundamentet ... alltid er på plass"). When observations
conflict the advice names the order of work, why the first goes first, and that a wrong diagnosis
reinforces the problem ("Feil diagnose = feil balanse = forsterket problem"). Contradictory observations are
set aside and named. The standard never moves; only the pressure on each side does. A team zone does not
change the person's balance: it adds the team's levers and a caution when the balance leans against the
zone. The manager's own leader profile (their self-view) adds their blind spot when the advice leans
against their natural strength.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from coaching import advice_texts as texts
from coaching.advice_cases import CASES
from coaching.seed import STYLE_TABLE, Side
from coaching.self_view import LeaderProfile
from coaching.situation import (
    EXPERIENCES,
    LEVELS,
    STRUCTURE_STATES,
    Concern,
    Contradiction,
    Situation,
    reconcile,
)
from coaching.zones import Lever, Zone, lever_for, lever_plan

__all__ = [
    "EXPERIENCES",
    "LEVELS",
    "PROFILES",
    "STRUCTURE_STATES",
    "Advice",
    "Case",
    "Concern",
    "Contradiction",
    "Diagnosis",
    "Focus",
    "Part",
    "Profile",
    "Situation",
    "Style",
    "advise",
]

Focus = Side
"""Which side the advice adjusts toward: relation, system, administration, or balanced."""

_SEED_STYLES: Final[frozenset[str]] = frozenset(row.style for row in STYLE_TABLE)


class Style(StrEnum):
    INSTRUCTING = "instructing"
    DIRECT = "direct"
    DELEGATING = "delegating"
    CHALLENGING = "challenging"
    # Ours: for cases the seed's style table has no row for.
    SUPPORTIVE = "supportive"
    EXPLORING = "exploring"
    INSPIRING = "inspiring"
    CLARIFYING = "clarifying"
    GUIDING = "guiding"
    STRUCTURING = "structuring"

    @property
    def from_seed(self) -> bool:
        """One of the four styles of the seed's "Kommunikasjonsstil" table."""
        return self.value in _SEED_STYLES


class Diagnosis(StrEnum):
    SKILL = "skill"
    WILL = "will"
    STRUCTURE = "structure"
    ENERGY = "energy"
    NONE = "none"


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
    TRUST = "trust"
    CHANGE = "change"
    TEAM = "team"
    DROP = "drop"
    EXPECTATIONS = "expectations"
    FOLLOW_UP = "follow_up"
    RESULTS = "results"
    NUMBERS = "numbers"


class Part(StrEnum):
    """A part of the advice that can be the seed's own (the actions are always ours)."""

    SIDE = "side"
    DOSE = "dose"
    STYLE = "style"
    EXAMPLE = "example"


@dataclass(frozen=True, slots=True)
class Profile:
    relation_pct: int
    style: Style
    focus: Focus
    diagnosis: Diagnosis
    seed: frozenset[Part]  # the parts the seed gives; the rest of the row is ours


def _seed(*parts: Part) -> frozenset[Part]:
    return frozenset(parts)


_ALL_PARTS: Final = _seed(*Part)
_SIDE: Final = _seed(Part.SIDE)

PROFILES: Final[Mapping[Case, Profile]] = MappingProxyType(
    {
        Case.NEW_UNSURE: Profile(70, Style.INSTRUCTING, Focus.RELATION, Diagnosis.ENERGY, _ALL_PARTS),
        Case.WILL: Profile(
            65, Style.DIRECT, Focus.RELATION, Diagnosis.WILL, _SIDE | {Part.STYLE, Part.EXAMPLE}
        ),
        Case.SELF_DRIVEN: Profile(
            50, Style.DELEGATING, Focus.BALANCED, Diagnosis.NONE, _SIDE | {Part.STYLE, Part.EXAMPLE}
        ),
        Case.COMFORT: Profile(30, Style.CHALLENGING, Focus.SYSTEM, Diagnosis.NONE, _ALL_PARTS),
        Case.ENERGY: Profile(70, Style.SUPPORTIVE, Focus.RELATION, Diagnosis.ENERGY, _SIDE),
        Case.STRUCTURE: Profile(50, Style.STRUCTURING, Focus.ADMINISTRATION, Diagnosis.STRUCTURE, _SIDE),
        Case.SKILL: Profile(40, Style.GUIDING, Focus.SYSTEM, Diagnosis.SKILL, _SIDE),
        Case.TRUST: Profile(65, Style.SUPPORTIVE, Focus.RELATION, Diagnosis.NONE, _SIDE),
        Case.CHANGE: Profile(60, Style.INSPIRING, Focus.RELATION, Diagnosis.NONE, _SIDE),
        Case.TEAM: Profile(60, Style.SUPPORTIVE, Focus.RELATION, Diagnosis.NONE, _SIDE),
        Case.DROP: Profile(60, Style.EXPLORING, Focus.RELATION, Diagnosis.NONE, _SIDE),
        Case.NEW: Profile(60, Style.INSTRUCTING, Focus.RELATION, Diagnosis.NONE, _SIDE | {Part.STYLE}),
        Case.EXPECTATIONS: Profile(40, Style.CLARIFYING, Focus.SYSTEM, Diagnosis.NONE, _SIDE),
        Case.FOLLOW_UP: Profile(40, Style.STRUCTURING, Focus.SYSTEM, Diagnosis.NONE, _SIDE),
        Case.RESULTS: Profile(40, Style.CLARIFYING, Focus.SYSTEM, Diagnosis.NONE, _SIDE),
        Case.NUMBERS: Profile(40, Style.CLARIFYING, Focus.SYSTEM, Diagnosis.NONE, _SIDE),
        Case.UNKNOWN: Profile(50, Style.EXPLORING, Focus.BALANCED, Diagnosis.NONE, frozenset()),
    }
)

CASE_FOR_CONCERN: Final[Mapping[Concern, Case]] = MappingProxyType(
    {concern: Case(concern.value) for concern in Concern}
)
"""Each concern has a case of the same name: the case it decides when it is taken on first."""


@dataclass(frozen=True, slots=True)
class Advice:
    case: Case
    relation_pct: int
    system_pct: int
    style: Style
    focus: Focus
    diagnosis: Diagnosis
    concerns: tuple[Concern, ...] = ()  # everything observed that needs work, in priority order
    first_focus: Concern | None = None  # set when observations conflict: what to take on first
    team_zone: Zone | None = None
    team_first_lever: Lever | None = None  # the team summary's first lever (the foundation when failing)
    contradictions: tuple[Contradiction, ...] = ()  # observations set aside because they cannot all be true
    leader: LeaderProfile | None = None  # the manager's own profile, from their latest self-view
    new: bool = False  # the person is new: "trenger å bli sett og inkludert"

    def __post_init__(self) -> None:
        if self.relation_pct + self.system_pct != 100 or not 0 <= self.relation_pct <= 100:
            raise ValueError(f"the balance must add up to 100, got {self.relation_pct}/{self.system_pct}")

    @property
    def conflicting(self) -> bool:
        return len(self.concerns) > 1

    @property
    def seed_parts(self) -> frozenset[Part]:
        return PROFILES[self.case].seed

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

    def provenance(self, locale: str) -> str:
        """Which parts of this advice are the seed's and which are ours, in one line."""
        seed = [texts.PARTS[part].get(locale) for part in Part if part in self.seed_parts]
        if not seed:
            return texts.PROVENANCE_OURS.get(locale)
        ours = [texts.PARTS[part].get(locale) for part in Part if part not in self.seed_parts]
        ours.append(texts.ACTIONS_PART.get(locale))
        return texts.PROVENANCE.get(locale).format(seed=_joined(seed, locale), ours=_joined(ours, locale))

    def _deciding(self) -> tuple[Concern, ...]:
        """The concerns after the foundation: the first of them decides the case."""
        return tuple(concern for concern in self.concerns if concern is not Concern.STRUCTURE)

    def actions(self, locale: str) -> tuple[str, ...]:
        """The foundation first when it is failing, the case's three actions, and the next concern's."""
        deciding = self._deciding()
        foundation_first = self.case is not Case.STRUCTURE and Concern.STRUCTURE in self.concerns
        first = (texts.FOUNDATION_ACTION.get(locale),) if foundation_first else ()
        then = (texts.NEXT_ACTIONS[deciding[1]].get(locale),) if len(deciding) > 1 else ()
        return (*first, *(action.get(locale) for action in CASES[self.case].actions), *then)

    def warnings(self, locale: str) -> tuple[str, ...]:
        """What to watch out for: contradictions set aside, the manager's own blind spot, the order of work
        when observations conflict and why, a check of skill against will, someone new, and a caution when
        the balance leans against the team's zone."""
        found = [texts.CONTRADICTIONS[contradiction].get(locale) for contradiction in self.contradictions]
        leans_system, leans_relation = (
            self.system_pct > self.relation_pct,
            self.relation_pct > self.system_pct,
        )
        if self.leader is LeaderProfile.RELATION_LEADER and leans_system:
            found.append(texts.BLIND_SPOTS[self.leader].get(locale))
        if self.leader is LeaderProfile.SYSTEM_LEADER and leans_relation:
            found.append(texts.BLIND_SPOTS[self.leader].get(locale))
        if self.conflicting:
            found.append(self._order_of_work(texts.ORDER, locale))
            found.append(texts.WHY_FIRST[self.concerns[0]].get(locale))
            found.append(texts.WRONG_DIAGNOSIS.get(locale))
        elif self.diagnosis in (Diagnosis.SKILL, Diagnosis.WILL):
            found.append(texts.CHECK_DIAGNOSIS.get(locale))
        if self.new and leans_system:
            found.append(texts.NEW_CAUTION.get(locale))
        if (self.team_zone is Zone.STRESS and leans_system) or (
            self.team_zone is Zone.COMFORT and leans_relation
        ):
            found.append(texts.TEAM_CAUTIONS[self.team_zone].get(locale))
        return tuple(found)

    def _order_of_work(self, template: texts.Text, locale: str) -> str:
        """A template filled with the first concern and the ones after it ("A, B og C")."""
        names = [texts.CONCERNS[concern].get(locale) for concern in self.concerns]
        return template.get(locale).format(first=names[0], rest=_joined(names[1:], locale))

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


def _joined(names: list[str], locale: str) -> str:
    """ "A", "A og B", "A, B og C" in the locale."""
    if len(names) > 1:
        return ", ".join(names[:-1]) + texts.AND.get(locale) + names[-1]
    return "".join(names)


def _case(situation: Situation, concerns: tuple[Concern, ...]) -> Case:
    deciding = [concern for concern in concerns if concern is not Concern.STRUCTURE]
    if deciding:
        first = deciding[0]
        if first is Concern.ENERGY and situation.experience == "new":
            return Case.NEW_UNSURE
        return CASE_FOR_CONCERN[first]
    if Concern.STRUCTURE in concerns:  # not self-driven: the routines or the overview are failing
        return Case.NEW if situation.experience == "new" else Case.STRUCTURE
    if situation.competence == "high" and situation.will == "high":
        return Case.SELF_DRIVEN
    if situation.experience == "new":
        return Case.NEW
    return Case.UNKNOWN


def advise(
    situation: Situation,
    team_zone: Zone | None = None,
    team_lever: Lever | None = None,
    *,
    leader: LeaderProfile | None = None,
) -> Advice:
    """The advice for one person, given what the manager has observed and, optionally, the team's zone, the
    first lever its summary chose (``coaching.zones.lever_for`` with the team's administration) and the
    manager's own leader profile (``coaching.self_view.profile_of`` of their latest self-view)."""
    observed, contradictions = reconcile(situation)
    concerns = observed.concerns()
    case = _case(observed, concerns)
    profile = PROFILES[case]
    return Advice(
        case=case,
        relation_pct=profile.relation_pct,
        system_pct=100 - profile.relation_pct,
        style=profile.style,
        focus=profile.focus,
        diagnosis=profile.diagnosis,
        concerns=concerns,
        first_focus=concerns[0] if len(concerns) > 1 else None,
        team_zone=team_zone,
        team_first_lever=team_lever if team_zone is not None else None,
        contradictions=contradictions,
        leader=leader,
        new=observed.experience == "new",
    )
