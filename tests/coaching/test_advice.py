"""The advice engine against the seed's tables: every row in nb, sv and en, conflicts, team levers, and
properties over every combination of observations."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import fields

import pytest

from coaching import advice_cases, advice_texts
from coaching.advice import (
    PROFILES,
    Advice,
    Case,
    Concern,
    Diagnosis,
    Focus,
    Situation,
    Style,
    advise,
)
from coaching.advice_texts import Text
from coaching.zones import Lever, Zone, lever_for

LOCALES = ("nb", "sv", "en")
RELATION = {"nb": "relasjon", "sv": "relation", "en": "relation"}
WRONG_DIAGNOSIS = {
    "nb": "Feil diagnose = feil balanse = forsterket problem.",
    "sv": "Fel diagnos = fel balans = förstärkt problem.",
    "en": "Wrong diagnosis = wrong balance = a reinforced problem.",
}
FOCUS_TERMS = {
    Focus.RELATION: {"nb": "relasjonsledelse", "sv": "relationsledarskap", "en": "relation leadership"},
    Focus.SYSTEM: {"nb": "systemledelse", "sv": "systemledarskap", "en": "system leadership"},
    Focus.ADMINISTRATION: {
        "nb": "administrasjonsansvaret",
        "sv": "det administrativa ansvaret",
        "en": "administration",
    },
    Focus.BALANCED: {"nb": "balanse", "sv": "balans", "en": "balance"},
}
STYLE_TERMS = {
    Style.INSTRUCTING: ("instruerende", "instruerande", "instructing"),
    Style.DIRECT: ("direkte", "direkt", "direct"),
    Style.DELEGATING: ("delegerende", "delegerande", "delegating"),
    Style.CHALLENGING: ("utfordrende", "utmanande", "challenging"),
}

# (id, situation, relation %, style, focus, diagnosis, the seed's example sentence where it has one)
SEED_ROWS = [
    (
        "new_and_unsure",
        Situation(experience="new", confidence="low"),
        70,
        Style.INSTRUCTING,
        Focus.RELATION,
        Diagnosis.ENERGY,
        "La meg vise deg dette. Vi følger opp ukentlig.",
    ),
    (
        "competent_and_unmotivated",
        Situation(competence="high", will="low"),
        65,
        Style.DIRECT,
        Focus.RELATION,
        Diagnosis.WILL,
        "Du kan dette. Hva stopper deg?",
    ),
    (
        "competent_and_self_driven",
        Situation(competence="high", will="high"),
        50,
        Style.DELEGATING,
        Focus.BALANCED,
        Diagnosis.NONE,
        "Du har dette. Kom med forslag – vi justerer.",
    ),
    (
        "experienced_in_the_comfort_zone",
        Situation(experience="experienced", comfort_zone=True),
        30,
        Style.CHALLENGING,
        Focus.SYSTEM,
        Diagnosis.NONE,
        "Du leverer OK – men jeg vet du kan mer.",
    ),
    (
        "skill_problem",
        Situation(competence="low"),
        40,
        Style.INSTRUCTING,
        Focus.SYSTEM,
        Diagnosis.SKILL,
        None,
    ),
    ("will_problem", Situation(will="low"), 65, Style.DIRECT, Focus.RELATION, Diagnosis.WILL, None),
    (
        "structure_failing",
        Situation(structure="failing"),
        50,
        Style.INSTRUCTING,
        Focus.ADMINISTRATION,
        Diagnosis.STRUCTURE,
        None,
    ),
    (
        "energy_low",
        Situation(confidence="low"),
        70,
        Style.INSTRUCTING,
        Focus.RELATION,
        Diagnosis.ENERGY,
        None,
    ),
]
SEED_IDS = [row[0] for row in SEED_ROWS]

ALL_SITUATIONS = [
    Situation(*values)
    for values in itertools.product(
        (None, "new", "experienced"),
        (None, "low", "high"),
        (None, "low", "high"),
        (None, "low", "high"),
        (None, "ok", "failing"),
        (None, True, False),
    )
]


def _texts(advice: Advice, locale: str) -> list[str]:
    found = [
        advice.reasoning(locale),
        advice.example(locale),
        advice.balance(locale),
        advice.standard_reminder(locale),
        advice.style_label(locale),
        advice.focus_label(locale),
        *advice.actions(locale),
        *advice.warnings(locale),
        *advice.follow_up_plan(locale),
    ]
    lever = advice.team_lever(locale)
    return [*found, lever] if lever is not None else found


# -- the seed's rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("name", "situation", "relation", "style", "focus", "diagnosis", "example"), SEED_ROWS, ids=SEED_IDS
)
def test_seed_rows(name, situation, relation, style, focus, diagnosis, example, locale):
    advice = advise(situation)
    assert (advice.relation_pct, advice.system_pct) == (relation, 100 - relation)
    assert advice.balance(locale) == f"{relation}% {RELATION[locale]} · {100 - relation}% system"
    assert (advice.style, advice.focus, advice.diagnosis) == (style, focus, diagnosis)
    assert advice.first_focus is None
    if example is not None and locale == "nb":
        assert advice.example("nb") == example
    if locale != "nb":
        assert advice.example(locale).strip()
        assert advice.example(locale) != advice.example("nb")
        assert advice.reasoning(locale) != advice.reasoning("nb")
    assert advice.style_label(locale) == STYLE_TERMS[style][LOCALES.index(locale)]
    assert advice.focus_label(locale) == FOCUS_TERMS[focus][locale]
    assert 3 <= len(advice.actions(locale)) <= 5


def test_the_seed_writes_the_balance_like_this():
    assert advise(Situation(experience="new", confidence="low")).balance("nb") == "70% relasjon · 30% system"
    comfort = advise(Situation(experience="experienced", comfort_zone=True))
    assert comfort.balance("nb") == "30% relasjon · 70% system"
    assert comfort.balance("sv") == "30% relation · 70% system"
    assert comfort.balance("en") == "30% relation · 70% system"


def test_skill_leans_system_and_will_leans_relation():
    skill, will = advise(Situation(competence="low")), advise(Situation(will="low"))
    assert skill.system_pct > skill.relation_pct
    assert will.relation_pct > will.system_pct


LEANING_ROWS = [row for row in SEED_ROWS if row[4] is not Focus.BALANCED]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("name", "situation", "relation", "style", "focus", "diagnosis", "example"),
    LEANING_ROWS,
    ids=[row[0] for row in LEANING_ROWS],
)
def test_reasoning_names_the_side_to_lean_on(
    name, situation, relation, style, focus, diagnosis, example, locale
):
    assert FOCUS_TERMS[focus][locale].casefold() in advise(situation).reasoning(locale).casefold()


@pytest.mark.parametrize(
    ("situation", "term"),
    [
        (Situation(competence="low"), ("ferdighetsproblem", "färdighetsproblem", "skill problem")),
        (Situation(will="low"), ("viljeproblem", "viljeproblem", "will problem")),
    ],
)
def test_skill_and_will_are_named_with_the_glossary_terms(situation, term):
    advice = advise(situation)
    for locale, word in zip(LOCALES, term, strict=True):
        assert word in advice.reasoning(locale).casefold()


def test_all_unknown_is_balanced_and_asks_for_the_four_assessment_points():
    advice = advise(Situation())
    assert Situation().is_unknown
    assert (advice.case, advice.relation_pct, advice.system_pct) == (Case.UNKNOWN, 50, 50)
    assert (advice.focus, advice.diagnosis, advice.first_focus) == (Focus.BALANCED, Diagnosis.NONE, None)
    assert "fire vurderingspunktene" in advice.reasoning("nb")
    assert "fyra bedömningspunkterna" in advice.reasoning("sv")
    assert "four assessment points" in advice.reasoning("en")
    assert advice.warnings("en") == ()


def test_new_with_nothing_else_observed_leans_relation():
    advice = advise(Situation(experience="new"))
    assert (advice.case, advice.relation_pct, advice.style) == (Case.NEW, 60, Style.INSTRUCTING)
    assert advice.diagnosis is Diagnosis.NONE


def test_comfort_zone_without_known_experience_is_the_same_row():
    assert advise(Situation(comfort_zone=True)).example("nb") == "Du leverer OK – men jeg vet du kan mer."


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


# -- every combination ---------------------------------------------------------------------------------------


def test_every_combination_is_covered():
    assert len(ALL_SITUATIONS) == 3**5 * 3
    assert {advise(situation).case for situation in ALL_SITUATIONS} == set(Case)


@pytest.mark.parametrize("zone", [None, *Zone])
def test_every_combination_adds_up_and_fits_on_a_phone(zone):
    for situation in ALL_SITUATIONS:
        advice = advise(situation, zone)
        assert advice.relation_pct + advice.system_pct == 100
        assert 0 <= advice.relation_pct <= 100
        assert (advice.first_focus is not None) == (len(advice.concerns) > 1)
        for locale in LOCALES:
            assert 3 <= len(advice.actions(locale)) <= 5
            assert 2 <= len(advice.follow_up_plan(locale)) <= 3
            assert advice.standard_reminder(locale) == advice_texts.STANDARD.get(locale)
            if advice.first_focus is not None:
                assert WRONG_DIAGNOSIS[locale] in advice.warnings(locale)
            for text in _texts(advice, locale):
                assert text.strip(), (situation, locale)
                assert len(text) <= 300, (situation, locale, text)
                assert "{" not in text


def test_the_profiles_match_the_cases():
    assert set(PROFILES) == set(Case)
    assert set(advice_cases.CASES) == {case.value for case in Case}
    assert set(advice_texts.STYLES) == {style.value for style in Style}
    assert set(advice_texts.FOCUSES) == {focus.value for focus in Focus}
    assert set(advice_texts.CONCERNS) == {concern.value for concern in Concern}
    assert set(advice_texts.TEAM_LEVERS) == {lever.value for lever in Lever}
    assert set(advice_texts.NEXT_ACTIONS) == {concern.value for concern in Concern} - {"energy"}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_standard_stays_the_same(locale):
    reminder = advise(Situation(will="low")).standard_reminder(locale)
    expected = {
        "nb": ("Standardene er stabile", "Det som endrer seg, er trykket"),
        "sv": ("Standarden ligger fast", "Det som ändras är trycket"),
        "en": ("The standards are stable", "What changes is the pressure"),
    }[locale]
    assert all(part in reminder for part in expected)


def test_follow_up_plan_keeps_what_is_promised():
    plan = advise(Situation(competence="high", will="low")).follow_up_plan("nb")
    assert any("Det som loves, skjer" in step for step in plan)
    assert plan[0].startswith("Om 1 uke")


# -- the texts themselves ------------------------------------------------------------------------------------


def _all_texts() -> list[Text]:
    found: list[Text] = []
    for value in [*vars(advice_texts).values(), *vars(advice_cases).values()]:
        if isinstance(value, Text):
            found.append(value)
        elif isinstance(value, advice_texts.CaseTexts):
            found.extend((value.reasoning, value.example, *value.actions, value.follow_up))
        elif isinstance(value, Mapping):
            for item in value.values():
                if isinstance(item, Text):
                    found.append(item)
                elif isinstance(item, advice_texts.CaseTexts):
                    found.extend((item.reasoning, item.example, *item.actions, item.follow_up))
    return found


# Words of the other language that a careless copy would leave behind.
FOREIGN = {
    "nb": ("inte", "jag", "och", "hur", "vad", "ni"),
    "sv": ("ikke", "jeg", "og", "hva", "hvordan", "dere"),
}
SAME_IN_NB_AND_SV = {"strukturen", "viljeproblemet"}


def test_every_text_is_translated():
    texts = _all_texts()
    assert len(texts) > 80
    for text in texts:
        for locale in LOCALES:
            assert text.get(locale).strip()
            assert len(text.get(locale)) <= 300
        assert text.sv != text.nb or text.sv in SAME_IN_NB_AND_SV, text
        assert text.en != text.nb, text
        for locale, words in FOREIGN.items():
            for word in words:
                assert not re.search(rf"(?<!\w){word}(?!\w)", text.get(locale), re.IGNORECASE), (
                    locale,
                    word,
                    text,
                )


def test_unknown_locales_read_bokmal():
    advice = advise(Situation(will="low"))
    assert advice.example("de") == advice.example("nb")


# -- the situation itself ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"experience": "old"},
        {"will": "medium"},
        {"structure": "low"},
        {"comfort_zone": "yes"},
        {"comfort_zone": 1},
    ],
)
def test_situation_rejects_unknown_values(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        Situation(**bad)


def test_merged_takes_what_the_other_knows():
    guessed = Situation(experience="new", confidence="low", will="high")
    confirmed = Situation(confidence="high", comfort_zone=False)
    merged = guessed.merged(confirmed)
    assert merged == Situation(experience="new", confidence="high", will="high", comfort_zone=False)
    assert [f.name for f in fields(Situation)] == [
        "experience",
        "competence",
        "will",
        "confidence",
        "structure",
        "comfort_zone",
    ]


def test_advice_rejects_a_balance_that_does_not_add_up():
    with pytest.raises(ValueError, match="100"):
        Advice(Case.UNKNOWN, 60, 50, Style.DIRECT, Focus.BALANCED, Diagnosis.NONE)
