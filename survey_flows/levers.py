"""A lever plan in words: the first lever, then ("Deretter: …") the zone's own lever when the first is the
administration foundation. The seller's result and the managers' summary DM say it the same way."""

from __future__ import annotations

from typing import Literal

from coaching.i18n import t
from coaching.locale import Locale
from coaching.zones import Lever, Zone, lever_plan

Audience = Literal["manager", "seller"]


def lever_text(locale: Locale, first: Lever, zone: Zone, audience: Audience) -> str:
    """The advice for `first` and what follows it in `zone`, e.g. the foundation first, then more system."""
    first_lever, *rest = lever_plan(first, zone)
    parts = [_advice(locale, first_lever, audience)]
    parts += [t(locale, "lever.then", advice=_advice(locale, lever, audience)) for lever in rest]
    return " ".join(parts)


def _advice(locale: Locale, lever: Lever, audience: Audience) -> str:
    if audience == "manager":
        return t(locale, f"lever.{lever}.manager")
    return t(locale, f"lever.{lever}.seller")
