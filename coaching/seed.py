"""The seed's tables and lists as data ("Ledelse i balanse", shared/seeds/ledelse-i-balanse.nb.txt).

Each entry carries the seed's own Norwegian words, so a test can hold them against the seed text, and the
observation it stands for: the `coaching.situation.Situation` field and value that raise it. The advice
engine reads its concerns from these entries (coaching/situation.py), the coaching dialogue asks about
them, and docs/MODEL.md lists where each one lives. What the seed does not say (the priority order, the
doses between its 70/30 and 30/70, the styles outside its four rows) is ours and marked as ours where it
is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Side(StrEnum):
    """Where an observation tells the manager to put the pressure."""

    RELATION = "relation"  # relasjonsledelse: se, inspirere, motivere, anerkjenne
    SYSTEM = "system"  # systemledelse: krav, analyse, struktur, oppfølging
    ADMINISTRATION = "administration"  # administrasjonsansvaret: the foundation under the board
    BALANCED = "balanced"


@dataclass(frozen=True, slots=True)
class Sign:
    """One line of the seed and the observation (Situation field = value) that stands for it."""

    seed: str  # the seed's own words
    side: Side  # where the seed says to adjust
    field: str
    value: str | bool


# -- The three sides of the board ("Ledelse i balanse") -----------------------------------------------------

RELATION_BULLETS: Final[tuple[str, ...]] = (
    "Bygge tillit og psykologisk trygghet",
    "Se hele mennesket – ikke bare selgeren",
    "Inspirere og skape mening og retning",
    "Forstå hva som motiverer den enkelte",
    "Feire innsats og utvikling, ikke bare resultat",
)
SYSTEM_BULLETS: Final[tuple[str, ...]] = (
    "Sette tydelige forventninger og standarder",
    "Analysere resultater og identifisere mønstre",
    "Gi konkret, faglig tilbakemelding",
    "Bygge rutiner som gir forutsigbarhet",
    "Holde krav som gjelder for alle – rettferdig",
)
ADMINISTRATION_BULLETS: Final[tuple[str, ...]] = (
    "Oversikt: Kjenne teamets status og nøkkeltall løpende",
    "Informasjonsflyt: Forventninger kommuniseres tydelig",
    "Oppfølging: Det som loves, skjer. Avtaler holdes.",
)

# -- "Hvordan lese situasjonen": four assessment points (Observasjon, Mulig årsak, Juster mot) -----------

COMPETENCE: Final = Sign("Kompetanse: Mangler ferdigheter eller kunnskap", Side.SYSTEM, "competence", "low")
WILL: Final = Sign("Vilje / ansvar: Lav motivasjon eller unngår ansvar", Side.RELATION, "will", "low")
STRUCTURE: Final = Sign(
    "Struktur: Systemer, rutiner eller oversikt svikter", Side.ADMINISTRATION, "structure", "failing"
)
ENERGY: Final = Sign(
    "Energi / trygghet: Utmattet, utrygg eller overveldet", Side.RELATION, "confidence", "low"
)
ASSESSMENT_POINTS: Final[tuple[Sign, ...]] = (COMPETENCE, WILL, STRUCTURE, ENERGY)

# -- "Mer relasjonsledelse når..." ------------------------------------------------------------------------

BELOW_LEVEL: Final = Sign(
    "En selger presterer under sitt nivå uten klar årsak", Side.RELATION, "relation_when", "below_level"
)
TEAM_STRAIN: Final = Sign(
    "Teamet har lav energi eller intern friksjon", Side.RELATION, "relation_when", "team_strain"
)
TRUST_LOST: Final = Sign(
    "Du har mistet tillit – eller aldri bygget den", Side.RELATION, "relation_when", "trust_lost"
)
CHANGE_UNREST: Final = Sign(
    "Endringer skaper uro og usikkerhet", Side.RELATION, "relation_when", "change_unrest"
)
NEW_SEEN: Final = Sign("Noen er ny og trenger å bli sett og inkludert", Side.RELATION, "experience", "new")
MORE_RELATION_WHEN: Final[tuple[Sign, ...]] = (BELOW_LEVEL, TEAM_STRAIN, TRUST_LOST, CHANGE_UNREST, NEW_SEEN)

# -- "Mer systemledelse når..." ---------------------------------------------------------------------------

BELOW_EXPECTATIONS: Final = Sign(
    "Resultater over tid ikke møter forventningene", Side.SYSTEM, "system_when", "below_expectations"
)
EXPECTATIONS_UNCLEAR: Final = Sign(
    "Selgerne er usikre på hva som faktisk forventes", Side.SYSTEM, "system_when", "expectations_unclear"
)
FOLLOW_UP_MISSING: Final = Sign(
    "Det mangler struktur rundt oppfølging og feedback", Side.SYSTEM, "system_when", "follow_up_missing"
)
NUMBERS_DISAGREE: Final = Sign(
    "Noen tror «det går bra» uten at tallene støtter det", Side.SYSTEM, "system_when", "numbers_disagree"
)
DRIFT_TO_COMFORT: Final = Sign("Kulturen har glidd mot trivsel uten krav", Side.SYSTEM, "comfort_zone", True)
MORE_SYSTEM_WHEN: Final[tuple[Sign, ...]] = (
    BELOW_EXPECTATIONS,
    EXPECTATIONS_UNCLEAR,
    FOLLOW_UP_MISSING,
    NUMBERS_DISAGREE,
    DRIFT_TO_COMFORT,
)

RELATION_WHEN_VALUES: Final[tuple[str, ...]] = tuple(
    str(sign.value) for sign in MORE_RELATION_WHEN if sign.field == "relation_when"
)
SYSTEM_WHEN_VALUES: Final[tuple[str, ...]] = tuple(
    str(sign.value) for sign in MORE_SYSTEM_WHEN if sign.field == "system_when"
)
NONE_OF_THESE: Final = "none"
"""The answer to a "when" question that none of the list's situations applies."""


# -- "Kommunikasjonsstil": four rows (Situasjon, Trykk, Kommunikasjonsstil, Eksempel) -------------------


@dataclass(frozen=True, slots=True)
class StyleRow:
    situation: str  # the seed's Situasjon
    pressure: str  # the seed's Trykk
    style: str  # coaching.advice.Style value of the seed's Kommunikasjonsstil
    example: str  # the seed's Eksempel
    observed: tuple[tuple[str, str | bool], ...]  # the Situation fields that make the row


STYLE_TABLE: Final[tuple[StyleRow, ...]] = (
    StyleRow(
        "Ny + usikker",
        "System + relasjon",
        "instructing",
        "La meg vise deg dette. Vi følger opp ukentlig.",
        (("experience", "new"), ("confidence", "low")),
    ),
    StyleRow(
        "Kompetent + umotivert",
        "Mer relasjon",
        "direct",
        "Du kan dette. Hva stopper deg?",
        (("competence", "high"), ("will", "low")),
    ),
    StyleRow(
        "Kompetent + selvgående",
        "Balansert",
        "delegating",
        "Du har dette. Kom med forslag – vi justerer.",
        (("competence", "high"), ("will", "high")),
    ),
    StyleRow(
        "Erfaren + i komfortsone",
        "Mer system",
        "challenging",
        "Du leverer OK – men jeg vet du kan mer.",
        (("experience", "experienced"), ("comfort_zone", True)),
    ),
)

# -- "Balanse betyr ikke 50/50": the two examples -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class BalanceExample:
    who: str
    relation_pct: int
    how: str
    observed: tuple[tuple[str, str | bool], ...]


BALANCE_EXAMPLES: Final[tuple[BalanceExample, ...]] = (
    BalanceExample(
        "Ny og usikker selger",
        70,
        "Mye støtte, tett dialog, gradvis innføring av krav.",
        (("experience", "new"), ("confidence", "low")),
    ),
    BalanceExample(
        "Erfaren i komfortsonen",
        30,
        "Tydelige forventninger, konkret tilbakemelding, ansvarliggjøring.",
        (("experience", "experienced"), ("comfort_zone", True)),
    ),
)

# -- "Ferdighetsproblem eller viljeproblem?" ----------------------------------------------------------

SKILL_PROBLEM: Final = (
    "Ferdighetsproblem → Systemledelse",
    "Personen mangler kompetanse. Løsning: tydelig opplæring, konkret tilbakemelding, tett støtte på faglig utvikling.",
)
WILL_PROBLEM: Final = (
    "Viljeproblem → Relasjonsledelse",
    "Personen har evnen, men mangler motivasjon eller tillit. Løsning: finn rotårsak, gjenoppbygg tillit, tydeliggjør forventning.",
)
WRONG_DIAGNOSIS: Final = "Feil diagnose = feil balanse = forsterket problem."
