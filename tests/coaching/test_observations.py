"""Keyword pre-fill from plain free text in nb, sv and en: what is recognised, negations, and that nothing is
guessed (Slack's mentions and markup are read at the edge: tests/bot/test_slack_text.py)."""

from __future__ import annotations

import pytest

from coaching.advice import Case, Situation, Style, advise
from coaching.observations import prefill

# (text, locale hint, the fields it fills in; every other field must stay unknown)
PREFILL = [
    # nb
    ("Kari er ny og usikker", "nb", {"experience": "new", "confidence": "low"}),
    ("Ola kan, men gidder ikke", "nb", {"competence": "high", "will": "low"}),
    ("Per er erfaren, men bekvem", "nb", {"experience": "experienced", "comfort_zone": True}),
    ("Hun er utmattet og overveldet", "nb", {"confidence": "low"}),
    ("Han mangler ferdigheter", "nb", {"competence": "low"}),
    ("Ingen rutiner, og han har ikke oversikt", "nb", {"structure": "failing"}),
    ("Hun er motivert og selvgående", "nb", {"will": "high"}),
    ("Han er ikke motivert", "nb", {"will": "low"}),
    ("Han er lite motivert", "nb", {"will": "low"}),
    ("Hun er ikke usikker", "nb", {"confidence": "high"}),
    ("Han kan ikke dette og bryr seg ikke", "nb", {"competence": "low", "will": "low"}),
    ("Hun er kompetent, men umotivert", "nb", {"competence": "high", "will": "low"}),
    ("Hun leverer OK, men kan mer", "nb", {"comfort_zone": True}),
    ("Kari er ikke ny lenger, men sliten", "nb", {"experience": "experienced", "confidence": "low"}),
    ("Strukturert og trygg", "nb", {"structure": "ok", "confidence": "high"}),
    # sv
    ("Lisa är erfaren men bekväm", "sv", {"experience": "experienced", "comfort_zone": True}),
    ("Erik är ny och osäker", "sv", {"experience": "new", "confidence": "low"}),
    ("Anna kan, men bryr sig inte", "sv", {"competence": "high", "will": "low"}),
    ("Han är inte motiverad", "sv", {"will": "low"}),
    ("Hon är överväldigad och utbränd", "sv", {"confidence": "low"}),
    ("Inga rutiner och ingen överblick", "sv", {"structure": "failing"}),
    ("Han saknar kunskap om produkten", "sv", {"competence": "low"}),
    ("Hon är motiverad och självgående", "sv", {"will": "high"}),
    ("Han är rutinerad men i komfortzonen", "sv", {"experience": "experienced", "comfort_zone": True}),
    # en
    ("Sam is new and unsure", "en", {"experience": "new", "confidence": "low"}),
    ("Jo can do it but doesn't bother", "en", {"competence": "high", "will": "low"}),
    ("Alex is experienced but comfortable", "en", {"experience": "experienced", "comfort_zone": True}),
    ("She is overwhelmed", "en", {"confidence": "low"}),
    ("No routines at all", "en", {"structure": "failing"}),
    ("He lacks skills", "en", {"competence": "low"}),
    ("Motivated and self-driven", "en", {"will": "high"}),
    ("He is not motivated", "en", {"will": "low"}),
    ("She's not very motivated", "en", {"will": "low"}),
    ("He isn't new, he's exhausted", "en", {"experience": "experienced", "confidence": "low"}),
    ("Competent, but can't be bothered", "en", {"competence": "high", "will": "low"}),
    ("Ola can, but won't", "en", {"competence": "high", "will": "low"}),
    ("Ola can do it but won't.", "en", {"competence": "high", "will": "low"}),
    ("Ola can but will not", "en", {"competence": "high", "will": "low"}),
    ("Ola kan men gidder ikke", "nb", {"competence": "high", "will": "low"}),
    ("Ola kan, men vil ikke", "nb", {"competence": "high", "will": "low"}),
    ("Ola kan, men orker ikke", "nb", {"competence": "high"}),  # energy or will? not plain: unknown
    ("Ola kan men vill inte", "sv", {"competence": "high", "will": "low"}),
    ("Kari er nyansatt og usikker", "nb", {"experience": "new", "confidence": "low"}),
    ("Erik är nyanställd och osäker", "sv", {"experience": "new", "confidence": "low"}),
    ("Lisa är erfaren men har blivit bekväm", "sv", {"experience": "experienced", "comfort_zone": True}),
    ("Lisa is a veteran who is coasting", "en", {"experience": "experienced", "comfort_zone": True}),
    ("She's organized and confident", "en", {"structure": "ok", "confidence": "high"}),
    ("Disorganized and coasting", "en", {"structure": "failing", "comfort_zone": True}),
    # no hint: the rules of all three languages apply
    ("Kari er ny og usikker", None, {"experience": "new", "confidence": "low"}),
    ("Lisa är erfaren men bekväm", None, {"experience": "experienced", "comfort_zone": True}),
]


@pytest.mark.parametrize(("text", "hint", "expected"), PREFILL, ids=[row[0] for row in PREFILL])
def test_prefill(text, hint, expected):
    assert prefill(text, hint) == Situation(**expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hvordan håndterer jeg Kari?",
        "How should I handle Sam?",
        "Hur ska jag hantera Lisa?",
        "Hun har en ny kunde",  # "ny" about something else is not about the person
        "Hun er motivert, men også umotivert",  # contradictory: stays unknown
        "How can I help Sam?",  # "can" asks here, it says nothing about Sam
    ],
)
def test_nothing_is_guessed(text):
    assert prefill(text).is_unknown


def test_lite_is_a_negation_in_norwegian_but_ambiguous_in_swedish():
    assert prefill("Per är lite motiverad", "sv").will is None
    assert prefill("Per er lite motivert", "nb").will == "low"


def test_the_prefill_leads_to_the_seeds_rows():
    assert advise(prefill("Kari er ny og usikker")).balance("nb") == "70\u00a0% relasjon · 30\u00a0% system"
    assert advise(prefill("Ola kan, men gidder ikke")).style is Style.DIRECT
    assert (
        advise(prefill("Lisa är erfaren men bekväm")).balance("sv") == "30\u00a0% relation · 70\u00a0% system"
    )
    assert advise(prefill("competent and self-driven")).case is Case.SELF_DRIVEN


def test_the_manager_confirms_and_corrects():
    guessed = prefill("Kari er ny og usikker")
    confirmed = guessed.merged(Situation(confidence="high", competence="high", will="high"))
    assert advise(confirmed).case is Case.SELF_DRIVEN
