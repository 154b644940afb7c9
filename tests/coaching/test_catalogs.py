"""The nb, sv and en catalogs: same keys and placeholders, real translations, the glossary's terms and
t(). Every key the code asks for: test_catalog_usage.py."""

from __future__ import annotations

import re
import string

import pytest

from coaching.i18n import CATALOGS, en, nb, sv, t
from survey_flows.commands import Command, parse_command
from survey_flows.typed_answers import parse_typed_answer
from survey_flows.views import DONT_KNOW

TRANSLATED = {"nb": nb.MESSAGES, "sv": sv.MESSAGES}
ALL = {"en": en.MESSAGES, **TRANSLATED}

# Entries that may read the same in every language.
SAME_AS_EN = frozenset({"home.title", "question.progress", "period.month", "period.date"})

SCALE = ("1", "2", "3", "4", "5")

GLOSSARY = {
    "nb": {
        "zone.performance.name": "prestasjonssonen",
        "zone.comfort.name": "komfortsonen",
        "zone.stress.name": "stressonen",
        "zone.apathy.name": "apatisonen",
        "trait.clear_expectations": "tydelige forventninger",
        "trait.continuous_feedback": "kontinuerlig feedback",
        "trait.personal_ownership": "personlig ansvar",
        "trait.safety_standard": "trygghet + standard",
        "trait.systematic_follow_up": "systematisk oppfølging",
        "axis.safety": "Opplevd trygghet",
        "axis.standard": "Opplevd standard",
        "kind.full": "undersøkelse",
        "kind.pulse": "puls",
        "scale.1": "1 Helt uenig",
        "scale.5": "5 Helt enig",
        "scale.dont_know": "Vet ikke",
    },
    "sv": {
        "zone.performance.name": "prestationszonen",
        "zone.comfort.name": "komfortzonen",
        "zone.stress.name": "stresszonen",
        "zone.apathy.name": "apatizonen",
        "trait.clear_expectations": "tydliga förväntningar",
        "trait.continuous_feedback": "kontinuerlig återkoppling",
        "trait.personal_ownership": "personligt ansvar",
        "trait.safety_standard": "trygghet + standard",
        "trait.systematic_follow_up": "systematisk uppföljning",
        "axis.safety": "Upplevd trygghet",
        "axis.standard": "Upplevd standard",
        "kind.full": "undersökning",
        "kind.pulse": "puls",
        "scale.1": "1 Instämmer inte alls",
        "scale.5": "5 Instämmer helt",
        "scale.dont_know": "Vet inte",
    },
}

# Terms that must appear (case-insensitively) in the entry named.
GLOSSARY_IN_TEXT = {
    "nb": {
        "axis.administration": "administrasjonsansvaret",
        "lever.more_system.seller": "systemledelse",
        "lever.more_relation.seller": "relasjonsledelse",
        "lever.administration_first.seller": "administrasjonsansvaret",
        "home.welcome": "relasjonsledelse og systemledelse",
        "answer.typed_hint": "helt uenig",
        "result.no_zone": "vet ikke",
    },
    "sv": {
        "axis.administration": "det administrativa ansvaret",
        "lever.more_system.seller": "systemledarskap",
        "lever.more_relation.seller": "relationsledarskap",
        "lever.administration_first.seller": "det administrativa ansvaret",
        "home.welcome": "relationsledarskap och systemledarskap",
        "answer.typed_hint": "instämmer inte alls",
        "result.no_zone": "vet inte",
    },
}

# Common words of the other language that a careless copy would leave behind.
FOREIGN_WORDS = {
    "nb": ("inte", "jag", "också", "hur", "vad", "ni"),
    "sv": ("ikke", "jeg", "også", "hvordan", "hva", "dere"),
}

SUBCOMMANDS = {
    "nb": {
        "undersøkelse",
        "puls",
        "hjelp",
        "oppsett",
        "selv",
        "eksport",
        "glem-meg",
        "forlat",
        "oppsummering",
        "rapport",
    },
    "sv": {
        "undersökning",
        "puls",
        "hjälp",
        "inställningar",
        "själv",
        "exportera",
        "glöm-mig",
        "lämna",
        "sammanfattning",
        "rapport",
    },
    "en": {"survey", "pulse", "help", "setup", "self", "export", "forget-me", "leave", "summary", "report"},
}


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _dummy_params(template: str) -> dict[str, object]:
    return {name: f"<{name}>" for name in _placeholders(template)}


# -- keys and placeholders ---------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_same_keys_as_en(locale: str) -> None:
    catalog = TRANSLATED[locale]
    assert sorted(set(en.MESSAGES) - set(catalog)) == [], f"missing in {locale}"
    assert sorted(set(catalog) - set(en.MESSAGES)) == [], f"only in {locale}"


def test_registry_holds_the_three_catalogs() -> None:
    assert set(CATALOGS) == {"nb", "sv", "en"}
    assert CATALOGS["nb"] is nb.MESSAGES
    assert CATALOGS["sv"] is sv.MESSAGES
    assert CATALOGS["en"] is en.MESSAGES


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_same_placeholders_as_en(locale: str) -> None:
    catalog = TRANSLATED[locale]
    wrong = {
        key: (_placeholders(catalog[key]), _placeholders(text))
        for key, text in en.MESSAGES.items()
        if key in catalog and _placeholders(catalog[key]) != _placeholders(text)
    }
    assert wrong == {}


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_no_empty_entries(locale: str) -> None:
    empty = [key for key, text in ALL[locale].items() if not isinstance(text, str) or not text.strip()]
    assert empty == []


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_entries_are_translated(locale: str) -> None:
    catalog = TRANSLATED[locale]
    untranslated = sorted(
        key for key, text in en.MESSAGES.items() if key not in SAME_AS_EN and catalog.get(key) == text
    )
    assert untranslated == []


def test_same_as_en_allow_list_is_current() -> None:
    assert set(en.MESSAGES) >= SAME_AS_EN


def test_sv_is_not_nb() -> None:
    same = sorted(
        key for key in nb.MESSAGES if key not in SAME_AS_EN and sv.MESSAGES.get(key) == nb.MESSAGES[key]
    )
    # Words the two languages share (puls, trygghet + standard) are the only expected matches.
    shared_weekdays = {"setup.weekday.2", "setup.weekday.3", "setup.weekday.4"}  # onsdag, torsdag, fredag
    shared_months = {f"period.month.{m}" for m in (3, 4, 6, 7, 9, 10, 11)}  # mars, april, juni, juli, ...
    shared_dates = {"period.at"}  # "{date} kl. {time}"
    shared_words = {"report.title"}  # "Teamrapport: {team}"
    assert (
        set(same)
        <= {"kind.pulse", "trait.safety_standard", "home.start_pulse", "result.axis"}
        | shared_weekdays
        | shared_months
        | shared_words
        | shared_dates
    ), same


# -- Slack mrkdwn and slash commands -------------------------------------------------------------------


_EMOJI = re.compile(r":[a-z0-9_+-]+:")


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_markup_is_kept(locale: str) -> None:
    catalog = TRANSLATED[locale]
    wrong = []
    for key, text in en.MESSAGES.items():
        other = catalog.get(key, "")
        for mark in ("*", "`", "_", "\n"):
            if text.count(mark) != other.count(mark):
                wrong.append((key, mark))
        if set(_EMOJI.findall(text)) != set(_EMOJI.findall(other)):
            wrong.append((key, "emoji"))
    assert wrong == []


_SLASH = re.compile(r"`/balanse ([^`\s]+)`")


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_slash_commands_use_the_locale_aliases(locale: str) -> None:
    catalog = ALL[locale]
    for key, text in en.MESSAGES.items():
        assert len(_SLASH.findall(catalog[key])) == len(_SLASH.findall(text)), key
    words = {word for text in catalog.values() for word in _SLASH.findall(text)}
    assert words == SUBCOMMANDS[locale]
    for word in words:
        assert parse_command(word).command is not Command.UNKNOWN, word


def test_dont_know_hints_are_understood_when_typed() -> None:
    assert parse_typed_answer("vet ikke") == DONT_KNOW
    assert parse_typed_answer("vet inte") == DONT_KNOW
    assert parse_typed_answer("don't know") == DONT_KNOW
    assert "«vet ikke»" in nb.MESSAGES["answer.typed_hint"]
    assert "”vet inte”" in sv.MESSAGES["answer.typed_hint"]


@pytest.mark.parametrize("key", [key for key in en.MESSAGES if key.startswith("config.")])
@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_config_messages_keep_names_and_the_readme_heading(locale: str, key: str) -> None:
    text = TRANSLATED[locale][key]
    for token in re.findall(r"[A-Z][A-Z_]{2,}|\.env(?:\.example)?|README\.md|xoxb-|xapp-", en.MESSAGES[key]):
        assert token in text, (key, token)
    if '"Create the Slack app"' in en.MESSAGES[key]:
        assert '"Create the Slack app"' in text


# -- the glossary and the languages ---------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_glossary_terms(locale: str) -> None:
    catalog = TRANSLATED[locale]
    wrong = {
        key: (catalog.get(key), term) for key, term in GLOSSARY[locale].items() if catalog.get(key) != term
    }
    assert wrong == {}
    missing = {
        key: term
        for key, term in GLOSSARY_IN_TEXT[locale].items()
        if term.casefold() not in catalog.get(key, "").casefold()
    }
    assert missing == {}


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_scale_labels(locale: str) -> None:
    catalog = ALL[locale]
    for value in SCALE:
        label = catalog[f"scale.{value}"]
        assert label.startswith(f"{value} "), label
        assert len(label) <= 30, label
    assert len(catalog["scale.dont_know"]) <= 30


def test_nb_zone_meanings_use_the_seed() -> None:
    assert "Vekst · Mestring · Ekstraordinære resultater" in nb.MESSAGES["zone.performance.meaning"]
    assert "Trivsel uten vekst · Stagnerer" in nb.MESSAGES["zone.comfort.meaning"]
    assert "Utbrenthet · Angst · Høy turnover" in nb.MESSAGES["zone.stress.meaning"]
    assert "Likegyldighet · Ingen bryr seg" in nb.MESSAGES["zone.apathy.meaning"]
    assert "Standarden ligger fast – det som endrer seg, er trykket" in nb.MESSAGES["result.private"]
    assert "Det som loves, skjer" in nb.MESSAGES["lever.administration_first.seller"]


@pytest.mark.parametrize("locale", ["nb", "sv"])
def test_no_words_of_the_other_language(locale: str) -> None:
    found = []
    for key, text in TRANSLATED[locale].items():
        for word in FOREIGN_WORDS[locale]:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
                found.append((key, word))
    assert found == []


# -- t() ----------------------------------------------------------------------------------------------


def test_t_formats_in_each_locale() -> None:
    assert t("nb", "result.axis", axis="Opplevd trygghet", value="3,8") == "Opplevd trygghet: **3,8** av 5"
    assert t("sv", "result.axis", axis="Upplevd trygghet", value="3,8") == "Upplevd trygghet: **3,8** av 5"
    assert t("en", "result.axis", axis="Perceived safety", value="3.8") == "Perceived safety: **3.8** of 5"
    assert t("nb", "question.progress", position=3, total=7) == "3/7"
    assert t("sv", "kind.full") == "undersökning"


def test_t_falls_back_to_nb_for_an_unknown_locale() -> None:
    assert t("de", "home.welcome") == nb.MESSAGES["home.welcome"]
    assert t("xx", "help.unknown", word="foo") == nb.MESSAGES["help.unknown"].format(word="foo")


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_t_formats_every_entry(locale: str) -> None:
    for key, template in ALL[locale].items():
        params = _dummy_params(template)
        text = t(locale, key, **params)
        for value in params.values():
            assert str(value) in text, (key, value)
        if params:
            assert "{" not in text, key
            assert "}" not in text, key
