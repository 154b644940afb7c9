"""The advice engine against the seed's tables: every row of them in nb, sv and en, with the seed's own
words, and the public names the issue fixes. Conflicts and team levers: test_advice_conflicts.py; every
combination and the texts themselves: test_advice_texts.py."""

from __future__ import annotations

import pytest

from coaching.advice import (
    Case,
    Diagnosis,
    Focus,
    Situation,
    Style,
    advise,
)
from tests.support.advice_terms import LOCALES

RELATION = {"nb": "relasjon", "sv": "relation", "en": "relation"}
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
    # ours, for what the seed's style table has no row for
    Style.SUPPORTIVE: ("støttende", "stödjande", "supportive"),
    Style.EXPLORING: ("utforskende", "utforskande", "exploring"),
    Style.INSPIRING: ("inspirerende", "inspirerande", "inspiring"),
    Style.CLARIFYING: ("tydeliggjørende", "förtydligande", "clarifying"),
    Style.GUIDING: ("veiledende", "handledande", "guiding"),
    Style.STRUCTURING: ("strukturerende", "strukturerande", "structuring"),
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
        Style.GUIDING,
        Focus.SYSTEM,
        Diagnosis.SKILL,
        None,
    ),
    ("will_problem", Situation(will="low"), 65, Style.DIRECT, Focus.RELATION, Diagnosis.WILL, None),
    (
        "structure_failing",
        Situation(structure="failing"),
        50,
        Style.STRUCTURING,
        Focus.ADMINISTRATION,
        Diagnosis.STRUCTURE,
        None,
    ),
    (
        "energy_low",
        Situation(confidence="low"),
        70,
        Style.SUPPORTIVE,
        Focus.RELATION,
        Diagnosis.ENERGY,
        None,
    ),
]
SEED_IDS = [row[0] for row in SEED_ROWS]

# -- the seed's rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("name", "situation", "relation", "style", "focus", "diagnosis", "example"), SEED_ROWS, ids=SEED_IDS
)
def test_seed_rows(name, situation, relation, style, focus, diagnosis, example, locale):
    advice = advise(situation)
    assert (advice.relation_pct, advice.system_pct) == (relation, 100 - relation)
    percent = "%" if locale == "en" else "\u00a0%"  # nb and sv write "70 %"
    assert (
        advice.balance(locale) == f"{relation}{percent} {RELATION[locale]} · {100 - relation}{percent} system"
    )
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
    assert (
        advise(Situation(experience="new", confidence="low")).balance("nb")
        == "70\u00a0% relasjon · 30\u00a0% system"
    )
    comfort = advise(Situation(experience="experienced", comfort_zone=True))
    assert comfort.balance("nb") == "30\u00a0% relasjon · 70\u00a0% system"
    assert comfort.balance("sv") == "30\u00a0% relation · 70\u00a0% system"
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


# -- the seed's own words, row by row, in each language ---------------------------------------------------

# For each row: the example sentence (the seed's "Kommunikasjonsstil" table where it has one) and the words
# of the seed's tables the reasoning must carry ("Mulig årsak" of "Hvordan lese situasjonen", the
# "Løsning" of "Ferdighetsproblem eller viljeproblem?", the descriptions of "Balanse betyr ikke 50/50").
SEED_WORDS: dict[str, dict[str, tuple[str | None, tuple[str, ...]]]] = {
    "new_and_unsure": {
        "nb": ("La meg vise deg dette. Vi følger opp ukentlig.", ("Ny og usikker", "Mye støtte, tett dialog", "gradvis innføring av krav")),
        "sv": ("Låt mig visa dig det här. Vi följer upp varje vecka.", ("Ny och osäker", "Mycket stöd, tät dialog", "krav som införs gradvis")),
        "en": ("Let me show you this. We'll follow up weekly.", ("New and unsure", "Lots of support, close dialogue", "demands introduced gradually")),
    },
    "competent_and_unmotivated": {
        "nb": ("Du kan dette. Hva stopper deg?", ("har evnen, men mangler motivasjon eller tillit", "finn rotårsaken", "gjenoppbygg tillit", "tydeliggjør forventningen")),
        "sv": ("Du kan det här. Vad hindrar dig?", ("har förmågan men saknar motivation eller tillit", "hitta grundorsaken", "återuppbygg förtroendet", "förtydliga förväntan")),
        "en": ("You can do this. What's stopping you?", ("has the ability but lacks motivation or trust", "find the root cause", "rebuild trust", "clarify the expectation")),
    },
    "competent_and_self_driven": {
        "nb": ("Du har dette. Kom med forslag – vi justerer.", ("Kompetent og selvgående", "deleger")),
        "sv": ("Du har koll på det här. Kom med förslag – vi justerar.", ("Kompetent och självgående", "delegera")),
        "en": ("You've got this. Come up with a proposal – we'll adjust.", ("Competent and self-driven", "delegate")),
    },
    "experienced_in_the_comfort_zone": {
        "nb": ("Du leverer OK – men jeg vet du kan mer.", ("Komfortsonen", "tydelige forventninger, konkret tilbakemelding og ansvarliggjøring")),
        "sv": ("Du levererar OK – men jag vet att du kan mer.", ("Komfortzonen", "tydliga förväntningar, konkret återkoppling och ansvarsutkrävande")),
        "en": ("You're delivering OK – but I know you can do more.", ("Comfort zone", "clear expectations, concrete feedback and accountability")),
    },
    "skill_problem": {
        "nb": (None, ("mangler ferdigheter eller kunnskap", "tydelig opplæring, konkret tilbakemelding og tett støtte på faglig utvikling")),
        "sv": (None, ("saknar färdigheter eller kunskap", "tydlig upplärning, konkret återkoppling och tätt stöd")),
        "en": (None, ("lacks skills or knowledge", "clear training, concrete feedback and close support on professional development")),
    },
    "will_problem": {
        "nb": (None, ("mangler motivasjon eller tillit", "finn rotårsaken")),
        "sv": (None, ("saknar motivation eller tillit", "hitta grundorsaken")),
        "en": (None, ("lacks motivation or trust", "find the root cause")),
    },
    "structure_failing": {
        "nb": (None, ("rutiner, systemer eller oversikt", "Administrasjonsansvaret", "ingenting å balansere på")),
        "sv": (None, ("rutiner, system eller överblick", "Det administrativa ansvaret", "inget att balansera på")),
        "en": (None, ("routines, systems or the overview", "Administration", "nothing to balance on")),
    },
    "energy_low": {
        "nb": (None, ("utmattet, utrygg eller overveldet", "stressonen")),
        "sv": (None, ("utmattad, otrygg eller överväldigad", "stresszonen")),
        "en": (None, ("exhausted, insecure or overwhelmed", "stress zone")),
    },
}  # fmt: skip


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("name", "situation", "relation", "style", "focus", "diagnosis", "example"), SEED_ROWS, ids=SEED_IDS
)
def test_seed_rows_in_the_seeds_words(name, situation, relation, style, focus, diagnosis, example, locale):
    advice = advise(situation)
    expected_example, words = SEED_WORDS[name][locale]
    if expected_example is not None:
        assert advice.example(locale) == expected_example
    for word in words:
        assert word in advice.reasoning(locale), (word, advice.reasoning(locale))
    assert advice.reasoning(locale).count(". ") >= 1  # the diagnosis sentence, then why


def test_every_seed_row_has_its_words_in_every_language():
    assert set(SEED_WORDS) == set(SEED_IDS)
    assert all(set(by_locale) == set(LOCALES) for by_locale in SEED_WORDS.values())


def test_the_public_names_the_issue_fixes():
    assert [style.value for style in Style if style.from_seed] == [
        "instructing",
        "direct",
        "delegating",
        "challenging",
    ]
    assert [focus.value for focus in Focus] == ["relation", "system", "administration", "balanced"]
    assert [d.value for d in Diagnosis] == ["skill", "will", "structure", "energy", "none"]
    advice = advise(Situation(experience="new", confidence="low"), team_zone=None)
    assert (advice.relation_pct, advice.system_pct) == (70, 30)
    assert isinstance(advice.style, Style) and isinstance(advice.focus, Focus)
