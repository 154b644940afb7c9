"""What one survey item is: its axis, its trait, its keying and its wording in nb, sv and en.

The item tables are ``coaching.items_current`` (the items asked today) and ``coaching.items_retired``
(wordings no longer asked, kept so that every stored answer still scores and exports); the versions of
the instrument and the look-ups are ``coaching.instrument``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from coaching.locale import Locale


class Axis(StrEnum):
    SAFETY = "safety"
    STANDARD = "standard"
    ADMINISTRATION = "administration"


class Trait(StrEnum):
    """The five traits of a performance culture, in the seed's order."""

    CLEAR_EXPECTATIONS = "clear_expectations"
    CONTINUOUS_FEEDBACK = "continuous_feedback"
    PERSONAL_OWNERSHIP = "personal_ownership"
    SAFETY_STANDARD = "safety_standard"
    SYSTEMATIC_FOLLOW_UP = "systematic_follow_up"


@dataclass(frozen=True, slots=True)
class Item:
    """One statement the seller rates 1..5 (or "vet ikke").

    An id belongs to one wording for ever: answers are stored against it. A changed wording is a new
    item with a new id; ``replaces`` names the retired item whose place (axis, trait and position in the
    run) it takes, so figures stay comparable by axis and trait across versions.
    """

    id: str
    trait: Trait
    axis: Axis
    reverse: bool
    anchor: bool
    texts: Mapping[str, str]
    replaces: str | None = None

    def text(self, locale: Locale | str) -> str:
        return self.texts[locale]


def make_item(
    id: str,
    trait: Trait,
    axis: Axis,
    nb: str,
    sv: str,
    en: str,
    *,
    reverse: bool = False,
    anchor: bool = False,
    replaces: str | None = None,
) -> Item:
    texts = MappingProxyType({"nb": nb, "sv": sv, "en": en})
    return Item(id, trait, axis, reverse, anchor, texts, replaces)
