"""The advice engine when observations conflict (which first, why, and the seed's warning) and with a team
zone (the lever, and a caution when the person's balance leans against it), in nb, sv and en."""

from __future__ import annotations

import pytest

from coaching import advice_texts
from coaching.advice import (
    Case,
    Concern,
    Focus,
    Situation,
    Style,
    advise,
)
from coaching.zones import Lever, Zone, lever_for
from tests.support.advice_terms import LOCALES, WRONG_DIAGNOSIS

# -- conflicting observations -------------------------------------------------------------------------------

# (id, situation, the concern taken on first, the case that decides the balance, the observation it comes from)
CONFLICTS = [
    ("cant_and_wont", Situation(competence="low", will="low"), Concern.SKILL, Case.SKILL, {"competence": "low"}),
    ("no_routines_and_wont", Situation(structure="failing", will="low"), Concern.STRUCTURE, Case.WILL, {"will": "low"}),
    ("cant_and_no_routines", Situation(competence="low", structure="failing"), Concern.STRUCTURE, Case.SKILL, {"competence": "low"}),
    ("wont_in_comfort_zone", Situation(will="low", comfort_zone=True), Concern.WILL, Case.WILL, {"will": "low"}),
    ("new_unsure_and_cant", Situation(experience="new", confidence="low", competence="low"), Concern.ENERGY, Case.NEW_UNSURE, {"experience": "new", "confidence": "low"}),
    ("no_trust_and_results", Situation(relation_when="trust_lost", system_when="below_expectations"), Concern.TRUST, Case.TRUST, {"relation_when": "trust_lost"}),
    ("after_the_reorg_and_wont", Situation(will="low", relation_when="change_unrest"), Concern.CHANGE, Case.CHANGE, {"relation_when": "change_unrest"}),
    ("unclear_and_comfortable", Situation(system_when="expectations_unclear", comfort_zone=True), Concern.EXPECTATIONS, Case.EXPECTATIONS, {"system_when": "expectations_unclear"}),
    (
        "everything_at_once",
        Situation(confidence="low", structure="failing", competence="low", will="low", comfort_zone=True),
        Concern.STRUCTURE,
        Case.ENERGY,
        {"confidence": "low"},
    ),
]  # fmt: skip
CONCERN_NAMES = {
    Concern.STRUCTURE: ("strukturen", "strukturen", "the structure"),
    Concern.ENERGY: ("energi og trygghet", "energi och trygghet", "energy and safety"),
    Concern.TRUST: ("tilliten", "förtroendet", "trust"),
    Concern.CHANGE: ("uroen etter endringene", "oron efter förändringarna", "the unrest after the changes"),
    Concern.SKILL: ("ferdighetsproblemet", "färdighetsproblemet", "the skill problem"),
    Concern.WILL: ("viljeproblemet", "viljeproblemet", "the will problem"),
    Concern.EXPECTATIONS: ("forventningene", "förväntningarna", "the expectations"),
    Concern.RESULTS: ("resultatene over tid", "resultaten över tid", "results over time"),
    Concern.COMFORT: ("komfortsonen", "komfortzonen", "the comfort zone"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("name", "situation", "first", "case", "deciding"), CONFLICTS, ids=[c[0] for c in CONFLICTS]
)
def test_conflicts_say_what_to_address_first_and_why(name, situation, first, case, deciding, locale):
    advice = advise(situation)
    assert advice.first_focus is first
    assert advice.case is case
    assert advice.balance(locale) == advise(Situation(**deciding)).balance(
        locale
    )  # the deciding observation's
    warnings = advice.warnings(locale)
    assert WRONG_DIAGNOSIS[locale] in warnings
    assert advice_texts.WHY_FIRST[first].get(locale) in warnings
    order = next(warning for warning in warnings if CONCERN_NAMES[first][LOCALES.index(locale)] in warning)
    positions = [order.index(CONCERN_NAMES[concern][LOCALES.index(locale)]) for concern in advice.concerns]
    assert positions == sorted(positions), order
    actions = advice.actions(locale)
    rest = [concern for concern in advice.concerns if concern is not Concern.STRUCTURE]
    if Concern.STRUCTURE in advice.concerns:
        assert actions[0] == advice_texts.FOUNDATION_ACTION.get(locale)  # the foundation always first
    if len(rest) > 1:
        assert actions[-1] == advice_texts.NEXT_ACTIONS[rest[1]].get(locale)
    assert 4 <= len(actions) <= 5
    assert len(advice.follow_up_plan(locale)) == 3


def test_new_and_unsure_keeps_the_seed_example_when_it_also_cannot():
    advice = advise(Situation(experience="new", confidence="low", competence="low"))
    assert advice.example("nb") == "La meg vise deg dette. Vi følger opp ukentlig."
    assert (advice.relation_pct, advice.style) == (70, Style.INSTRUCTING)


def test_the_priority_order_puts_the_foundation_first_and_comfort_last():
    order = list(Concern)
    assert order[0] is Concern.STRUCTURE and order[-1] is Concern.COMFORT
    assert (
        list(Concern).index(Concern.ENERGY)
        < list(Concern).index(Concern.SKILL)
        < list(Concern).index(Concern.WILL)
    )
    # every relation-side situation of the seed's lists comes before every system-side one
    relation = [Concern.TRUST, Concern.CHANGE, Concern.TEAM, Concern.DROP]
    system = [Concern.EXPECTATIONS, Concern.FOLLOW_UP, Concern.RESULTS, Concern.NUMBERS]
    assert max(map(list(Concern).index, relation)) < min(map(list(Concern).index, system))
    assert (
        advise(Situation(competence="low", will="low"))
        .warnings("nb")[1]
        .startswith("Mestring gir motivasjon")
    )


def test_a_failing_foundation_comes_first_but_does_not_flatten_the_balance():
    advice = advise(Situation(structure="failing", confidence="low"))
    assert (advice.case, advice.relation_pct, advice.style) == (Case.ENERGY, 70, Style.SUPPORTIVE)
    assert advice.actions("nb")[0].startswith("Først: få fundamentet på plass")
    alone = advise(Situation(structure="failing"))
    assert (alone.case, alone.relation_pct, alone.focus) == (Case.STRUCTURE, 50, Focus.ADMINISTRATION)
    assert not alone.actions("nb")[0].startswith("Først")


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
