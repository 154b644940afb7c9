"""Catalog texts as a Slack user is shown them: what the bot sends is rendered to Slack mrkdwn on the way
out (bot/messages/mrkdwn.py), so a test that reads the fake Slack compares with the rendered text.

`t()` here is `coaching.i18n.t` rendered; parameters may be written as Slack writes them (`<@U1>`,
`<#C1>`), as the tests' payloads show them."""

from __future__ import annotations

import re

from bot.messages.mrkdwn import to_mrkdwn, to_plain_text
from coaching import i18n
from coaching.locale import Locale

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)>")


def neutral(value: object) -> object:
    """A parameter as the bot puts it into a text: Slack's mentions and channels as the markup's tokens."""
    if not isinstance(value, str):
        return value
    return _CHANNEL.sub(r"#[\1]", _MENTION.sub(r"@[\1]", value))


def t(locale: Locale | str, key: str, /, **params: object) -> str:
    """The catalog text as Slack mrkdwn, the way the bot sends it."""
    return to_mrkdwn(i18n.t(locale, key, **{name: neutral(value) for name, value in params.items()}))


def t_plain(locale: Locale | str, key: str, /, **params: object) -> str:
    """The catalog text as a `plain_text` object or an error under a modal's input shows it."""
    return to_plain_text(i18n.t(locale, key, **{name: neutral(value) for name, value in params.items()}))
