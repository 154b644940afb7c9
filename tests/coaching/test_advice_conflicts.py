"""The advice engine when observations conflict (which first, why, and the seed's warning) and with a team
zone (the lever, and a caution when the person's balance leans against it), in nb, sv and en."""

from __future__ import annotations

import pytest

from coaching import advice_texts
from coaching.advice import (
    Case,
    Concern,
    Diagnosis,
    Situation,
    Style,
    advise,
)
from coaching.zones import Lever, Zone, lever_for
from tests.support.advice_terms import LOCALES, WRONG_DIAGNOSIS

# -- conflicting observations -------------------------------------------------------------------------------

CONFLICTS = [
    ("cant_and_wont", Situation(competence="low", will="low"), Diagnosis.SKILL, Case.SKILL),
    ("exhausted_in_comfort_zone", Situation(confidence="low", comfort_zone=True), Diagnosis.ENERGY, Case.ENERGY),
    ("no_routines_and_wont", Situation(structure="failing", will="low"), Diagnosis.STRUCTURE, Case.STRUCTURE),
    ("cant_and_no_routines", Situation(competence="low", structure="failing"), Diagnosis.STRUCTURE, Case.STRUCTURE),
    ("wont_in_comfort_zone", Situation(will="low", comfort_zone=True), Diagnosis.WILL, Case.WILL),
    ("new_unsure_and_cant", Situation(experience="new", confidence="low", competence="low"), Diagnosis.ENERGY, Case.NEW_UNSURE),
    (
        "everything_at_once",
        Situation(confidence="low", structure="failing", competence="low", will="low", comfort_zone=True),
        Diagnosis.ENERGY,
        Case.ENERGY,
    ),
]  # fmt: skip
CONCERN_NAMES = {
    Concern.ENERGY: ("energi og trygghet", "energi och trygghet", "energy and safety"),
    Concern.STRUCTURE: ("strukturen", "strukturen", "the structure"),
    Concern.SKILL: ("ferdighetsproblemet", "färdighetsproblemet", "the skill problem"),
    Concern.WILL: ("viljeproblemet", "viljeproblemet", "the will problem"),
    Concern.COMFORT: ("komfortsonen", "komfortzonen", "the comfort zone"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("name", "situation", "first", "case"), CONFLICTS, ids=[c[0] for c in CONFLICTS])
def test_conflicts_say_what_to_address_first_and_why(name, situation, first, case, locale):
    advice = advise(situation)
    assert advice.first_focus is first
    assert advice.diagnosis is first
    assert advice.case is case
    assert advice.balance(locale) == advise(Situation(**_only_first(situation, case))).balance(locale)
    warnings = advice.warnings(locale)
    assert WRONG_DIAGNOSIS[locale] in warnings
    assert advice_texts.WHY_FIRST[first].get(locale) in warnings
    order = warnings[0]
    names = [CONCERN_NAMES[concern][LOCALES.index(locale)] for concern in advice.concerns]
    positions = [order.index(name) for name in names]
    assert positions == sorted(positions), order
    assert len(advice.actions(locale)) == 4
    assert advice.actions(locale)[-1] == advice_texts.NEXT_ACTIONS[advice.concerns[1]].get(locale)
    assert len(advice.follow_up_plan(locale)) == 3


def _only_first(situation: Situation, case: Case) -> dict[str, object]:
    """The situation with only the observation that decides the case (the balance must come from it)."""
    keep = {
        Case.SKILL: "competence",
        Case.ENERGY: "confidence",
        Case.STRUCTURE: "structure",
        Case.WILL: "will",
        Case.NEW_UNSURE: "confidence",
    }[case]
    values = {keep: getattr(situation, keep)}
    if case is Case.NEW_UNSURE:
        values["experience"] = "new"
    return values


def test_new_and_unsure_keeps_the_seed_example_when_it_also_cannot():
    advice = advise(Situation(experience="new", confidence="low", competence="low"))
    assert advice.example("nb") == "La meg vise deg dette. Vi følger opp ukentlig."
    assert (advice.relation_pct, advice.style) == (70, Style.INSTRUCTING)


def test_the_priority_order_is_energy_structure_skill_will_comfort():
    assert list(Concern) == [Concern.ENERGY, Concern.STRUCTURE, Concern.SKILL, Concern.WILL, Concern.COMFORT]
    assert (
        advise(Situation(competence="low", will="low"))
        .warnings("nb")[1]
        .startswith("Mestring gir motivasjon")
    )


@pytest.mark.parametrize("situation", [Situation(competence="low"), Situation(will="low")])
@pytest.mark.parametrize("locale", LOCALES)
def test_a_single_skill_or_will_diagnosis_is_checked(situation, locale):
    warnings = advise(situation).warnings(locale)
    assert len(warnings) == 1
    assert WRONG_DIAGNOSIS[locale].removesuffix(".").casefold() in warnings[0].casefold()


# -- the team's zone ---------------------------------------------------------------------------------------

TEAM_LEVERS = {
    Zone.COMFORT: (("komfortsonen", "systemledelse"), ("komfortzonen", "systemledarskap"), ("comfort zone", "system leadership")),
    Zone.STRESS: (("stressonen", "relasjonsledelse"), ("stresszonen", "relationsledarskap"), ("stress zone", "relation leadership")),
    Zone.APATHY: (
        ("apatisonen", "administrasjonsansvaret", "relasjonsledelse og systemledelse"),
        ("apatizonen", "det administrativa ansvaret", "relationsledarskap och systemledarskap"),
        ("apathy zone", "administration", "relation leadership and system leadership"),
    ),
    Zone.PERFORMANCE: (("prestasjonssonen", "begge sider"), ("prestationszonen", "båda sidor"), ("performance zone", "both sides")),
}  # fmt: skip


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("zone", list(Zone))
def test_team_levers(zone, locale):
    advice = advise(Situation(competence="high", will="high"), team_zone=zone)
    assert advice.team_zone is zone
    assert advice.lever is lever_for(zone)
    text = advice.team_lever(locale)
    assert text is not None
    for term in TEAM_LEVERS[zone][LOCALES.index(locale)]:
        assert term in text, (term, text)


def test_levers_follow_the_zone_model():
    assert advise(Situation(), Zone.COMFORT).lever is Lever.MORE_SYSTEM
    assert advise(Situation(), Zone.STRESS).lever is Lever.MORE_RELATION
    assert advise(Situation(), Zone.APATHY).lever is Lever.ADMINISTRATION_FIRST
    assert advise(Situation(), Zone.PERFORMANCE).lever is Lever.PRESS_BOTH


def test_no_team_zone_no_lever():
    advice = advise(Situation(will="low"))
    assert advice.lever is None
    assert advice.team_lever("nb") is None


def test_the_team_zone_does_not_move_the_persons_balance():
    situation = Situation(experience="experienced", comfort_zone=True)
    assert {advise(situation, zone).balance("nb") for zone in Zone} == {advise(situation).balance("nb")}


@pytest.mark.parametrize(
    ("situation", "zone"),
    [(Situation(comfort_zone=True), Zone.STRESS), (Situation(will="low"), Zone.COMFORT)],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_a_balance_against_the_teams_zone_gets_a_caution(situation, zone, locale):
    assert advice_texts.TEAM_CAUTIONS[zone].get(locale) in advise(situation, zone).warnings(locale)
    assert advice_texts.TEAM_CAUTIONS[zone].get(locale) not in advise(situation).warnings(locale)
