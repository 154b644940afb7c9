"""A typed answer in a survey thread: a number 1-5, the buttons' own labels and their common forms in nb, sv
and en ("4 enig", "helt enig", "fire", "stemmer helt", "agree", "idk", "vet ej"), or nothing.

Never a guess: "3,5", "3-4", two numbers, or a number whose words say something else ("4 helt enig") are
no answer, and the seller gets the hint that lists what works (`answer.typed_hint`).
"""

from __future__ import annotations

import re
from typing import Final

from survey_flows.views import DONT_KNOW

_DONT_KNOW_FORMS = (
    "vet ikke",
    "vet ikkje",
    "veit ikke",
    "veit ikkje",
    "vet ikke helt",
    "vet inte",
    "vet ej",
    "vet ej riktigt",
    "don't know",
    "dont know",
    "do not know",
    "i don't know",
    "i dont know",
    "idk",
    "dk",
    "vi",
    "?",
    "x",
)

_FORMS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        "en",
        "én",
        "ett",
        "one",
        "helt uenig",
        "sterkt uenig",
        "svært uenig",
        "stemmer ikke i det hele tatt",
        "stemmer slett ikke",
        "instämmer inte alls",
        "stämmer inte alls",
        "helt oenig",
        "strongly disagree",
        "totally disagree",
        "completely disagree",
    ),
    2: (
        "to",
        "två",
        "two",
        "uenig",
        "delvis uenig",
        "stemmer ikke",
        "stemmer dårlig",
        "instämmer inte",
        "stämmer inte",
        "oenig",
        "disagree",
        "somewhat disagree",
    ),
    3: (
        "tre",
        "three",
        "verken enig eller uenig",
        "verken eller",
        "nøytral",
        "varken eller",
        "varken instämmer eller inte",
        "neutral",
        "neither",
        "neither agree nor disagree",
    ),
    4: (
        "fire",
        "fyra",
        "four",
        "enig",
        "delvis enig",
        "ganske enig",
        "stemmer",
        "stemmer delvis",
        "instämmer",
        "stämmer",
        "stämmer delvis",
        "agree",
        "somewhat agree",
    ),
    5: (
        "fem",
        "five",
        "helt enig",
        "svært enig",
        "sterkt enig",
        "stemmer helt",
        "stemmer helt og holdent",
        "instämmer helt",
        "stämmer helt",
        "helt överens",
        "strongly agree",
        "totally agree",
        "completely agree",
    ),
    DONT_KNOW: _DONT_KNOW_FORMS,
}

PHRASES: Final[dict[str, int]] = {form: value for value, forms in _FORMS.items() for form in forms}
"""Every accepted form (normalised: lower case, single spaces), with the value it means."""

_DECIMAL = re.compile(r"\d\s*[.,/]\s*\d")
_NOISE = re.compile(r"[^\w?'\s]")
"""Punctuation around the words ("4 - enig", "«enig»", "5!") goes; "?" (don't know) and "'" (don't) stay."""


def _words(text: str) -> list[str]:
    cleaned = text.lower().replace("\u2019", "'").replace("\u2018", "'")  # iOS/macOS smart quotes
    return _NOISE.sub(" ", cleaned).split()


def parse_typed_answer(text: str) -> int | None:
    """1..5 or DONT_KNOW for a typed answer, None when the text is not (unambiguously) an answer."""
    if _DECIMAL.search(text):
        return None  # "3,5", "3.5", "3/4": never rounded to either side
    words = _words(text)
    digits = [word for word in words if word.isdigit()]
    rest = " ".join(word for word in words if not word.isdigit())
    by_words = PHRASES.get(rest) if rest else None
    if not digits:
        return by_words
    if len(digits) > 1 or digits[0] not in {"1", "2", "3", "4", "5"}:
        return None
    value = int(digits[0])
    if rest and by_words != value:
        return None  # "4 helt enig", "3 vet ikke": the words say something else
    return value
