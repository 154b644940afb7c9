"""Shared by the advice engine's tests: the locales, the seed's warning in each, every combination of
observations, and every text one piece of advice says."""

from __future__ import annotations

import itertools

from coaching.advice import Advice, Situation
from coaching.situation import RELATION_WHENS, SYSTEM_WHENS

LOCALES = ("nb", "sv", "en")

WRONG_DIAGNOSIS = {
    "nb": "Feil diagnose = feil balanse = forsterket problem.",
    "sv": "Fel diagnos = fel balans = förstärkt problem.",
    "en": "Wrong diagnosis = wrong balance = a reinforced problem.",
}

ALL_SITUATIONS = [
    Situation(*values)
    for values in itertools.product(
        (None, "new", "experienced"),
        (None, "low", "high"),
        (None, "low", "high"),
        (None, "low", "high"),
        (None, "ok", "failing"),
        (None, True, False),
        (None, *RELATION_WHENS),
        (None, *SYSTEM_WHENS),
    )
]


def all_texts(advice: Advice, locale: str) -> list[str]:
    """Every text the advice gives in `locale`, the team lever included when there is one."""
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
        advice.provenance(locale),
    ]
    lever = advice.team_lever(locale)
    return [*found, lever] if lever is not None else found
