"""The weekly summary, its suggestions and the reminder are read on whatever day a team chose (a Friday
summary, a Monday one reporting the week before, a Friday pulse reminded on Monday): their texts must not
presume the day or call the reported week "this week"."""

from __future__ import annotations

import re

import pytest

from coaching.i18n import CATALOGS

DAY_BOUND = {
    "nb": r"denne uken|ukens puls|forrige uke|mandag|fredag",
    "sv": r"den här veckan|veckans puls|förra veckan|måndag|fredag",
    "en": r"this week|last week|monday|friday",
}


def day_free_keys(catalog: dict[str, str]) -> list[str]:
    return [
        key
        for key in catalog
        if key.startswith("summary.") or key.endswith(".suggestion") or key.startswith("reminder.pulse")
    ]


@pytest.mark.parametrize("locale", sorted(DAY_BOUND))
def test_summary_suggestion_and_reminder_texts_fit_any_day(locale: str) -> None:
    catalog = CATALOGS[locale]
    keys = day_free_keys(catalog)  # type: ignore[arg-type]
    assert "trait.clear_expectations.suggestion" in keys and "summary.response" in keys
    bound = {key: catalog[key] for key in keys if re.search(DAY_BOUND[locale], catalog[key], re.IGNORECASE)}
    assert bound == {}
