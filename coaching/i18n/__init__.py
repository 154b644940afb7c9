"""Locale catalogs: every user-facing text, in nb (canonical), sv and en.

`t(locale, key, **params)` formats a catalog entry with `str.format`. All three catalogs hold the same
keys with the same placeholders (enforced by tests). Texts carry the neutral markup of coaching/markup.py
(`**bold**`, `@[U123]`, `[label](url)`), never Slack mrkdwn; each front end renders it. Parameters that come
from users must be escaped by the caller (`coaching.markup.escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from coaching.i18n import en, nb, sv
from coaching.locale import DEFAULT_LOCALE, Locale

CATALOGS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {"nb": nb.MESSAGES, "sv": sv.MESSAGES, "en": en.MESSAGES}
)


def t(locale: Locale | str, key: str, /, **params: object) -> str:
    """The text for `key` in `locale` (falling back to bokmål), with `params` filled in."""
    catalog = CATALOGS.get(locale, CATALOGS[DEFAULT_LOCALE])
    template = catalog.get(key)
    if template is None:
        template = CATALOGS[DEFAULT_LOCALE][key]
    return template.format(**params) if params else template
