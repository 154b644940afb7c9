"""The advice engine over every combination of observations, the texts in all three languages, and the
Situation itself."""

from __future__ import annotations

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
    Contradiction,
    Diagnosis,
    Focus,
    Part,
    Situation,
    Style,
    advise,
)
from coaching.advice_texts import Text
from coaching.zones import Lever, Zone
from tests.support.advice_terms import ALL_SITUATIONS, LOCALES, WRONG_DIAGNOSIS, all_texts

# -- every combination ---------------------------------------------------------------------------------------


def test_every_combination_is_covered():
    assert len(ALL_SITUATIONS) == 3**5 * 3 * 6 * 6
    assert {advise(situation).case for situation in ALL_SITUATIONS} == set(Case)


def test_every_combination_adds_up_and_fits_on_a_phone():
    distinct = {advise(situation) for situation in ALL_SITUATIONS}  # many observations give the same advice
    assert len(distinct) > 500
    for advice in distinct:
        assert advice.relation_pct + advice.system_pct == 100
        assert 0 <= advice.relation_pct <= 100
        assert (advice.first_focus is not None) == (len(advice.concerns) > 1)
        for locale in LOCALES:
            assert 3 <= len(advice.actions(locale)) <= 5
            assert 2 <= len(advice.follow_up_plan(locale)) <= 3
            assert advice.standard_reminder(locale) == advice_texts.STANDARD.get(locale)
            if advice.first_focus is not None:
                assert WRONG_DIAGNOSIS[locale] in advice.warnings(locale)
            for text in all_texts(advice, locale):
                assert text.strip(), (advice, locale)
                assert len(text) <= 300, (advice, locale, text)
                assert "{" not in text


@pytest.mark.parametrize("zone", list(Zone))
def test_a_team_zone_never_moves_the_persons_advice_and_adds_fixed_texts_only(zone):
    """The zone adds the team's levers and at most one caution (fixed texts, measured above)."""
    for situation in ALL_SITUATIONS[::7]:
        alone, with_team = advise(situation), advise(situation, zone)
        assert (with_team.case, with_team.relation_pct, with_team.style) == (
            alone.case,
            alone.relation_pct,
            alone.style,
        )
        extra = set(with_team.warnings("nb")) - set(alone.warnings("nb"))
        assert extra <= {advice_texts.TEAM_CAUTIONS[key].get("nb") for key in advice_texts.TEAM_CAUTIONS}
        assert with_team.team_lever("nb") == advice_texts.TEAM_LEVERS[with_team.lever].get("nb")


def test_the_profiles_match_the_cases():
    assert set(PROFILES) == set(Case)
    assert set(advice_cases.CASES) == {case.value for case in Case}
    assert set(advice_texts.STYLES) == {style.value for style in Style}
    assert set(advice_texts.FOCUSES) == {focus.value for focus in Focus}
    assert set(advice_texts.CONCERNS) == {concern.value for concern in Concern}
    assert set(advice_texts.TEAM_LEVERS) == {lever.value for lever in Lever}
    # The foundation comes first and energy first of the rest: neither is ever the next action.
    assert set(advice_texts.NEXT_ACTIONS) == {concern.value for concern in Concern} - {"structure", "energy"}
    # Comfort is always taken on last: it never has to say why it goes first.
    assert set(advice_texts.WHY_FIRST) == {concern.value for concern in Concern} - {"comfort"}
    assert set(advice_texts.CONTRADICTIONS) == {contradiction.value for contradiction in Contradiction}
    assert set(advice_texts.PARTS) == {part.value for part in Part}


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
SAME_IN_NB_AND_SV = {"strukturen", "viljeproblemet", "stilen"}


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
        "relation_when",
        "system_when",
    ]


def test_advice_rejects_a_balance_that_does_not_add_up():
    with pytest.raises(ValueError, match="100"):
        Advice(Case.UNKNOWN, 60, 50, Style.DIRECT, Focus.BALANCED, Diagnosis.NONE)
