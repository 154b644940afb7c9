"""Supported languages and how a Slack locale maps onto them."""

from __future__ import annotations

from typing import Final, Literal, get_args

Locale = Literal["nb", "sv", "en"]
LOCALES: Final[tuple[Locale, ...]] = get_args(Locale)
DEFAULT_LOCALE: Final[Locale] = "nb"

# Slack sends BCP-47-ish tags such as "nb-NO", "sv-SE", "en-US". Nynorsk and the
# generic "no" read bokmål well enough to be served in it.
_ALIASES: Final[dict[str, Locale]] = {"nb": "nb", "nn": "nb", "no": "nb", "sv": "sv", "en": "en"}


def match_locale(tag: str | None) -> Locale | None:
    """The supported locale for a Slack locale tag such as "sv-SE", or None when it is not supported."""
    if not tag:
        return None
    language = tag.replace("_", "-").split("-", 1)[0].strip().lower()
    return _ALIASES.get(language)


def resolve_locale(tag: str | None, fallback: Locale = DEFAULT_LOCALE) -> Locale:
    """The supported locale for a Slack locale tag, or `fallback` when it is unknown or missing."""
    return match_locale(tag) or fallback


def is_locale(value: str) -> bool:
    return value in LOCALES
