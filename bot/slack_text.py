"""Slack's text formats read at the edge: what Slack sends in a message, a slash command or a modal becomes
plain text plus the user ids it mentioned, before anything reaches survey_flows/ or coaching/.

Slack writes a mention as `<@U123>` (or `<@U123|kari>` with the manifest's `should_escape`), a channel as
`<#C123|general>`, a link as `<https://…|label>`, and escapes `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`;
`*bold*`, `_italic_`, `~strike~` and backticks are formatting a person may have typed.
"""

from __future__ import annotations

import re
from typing import Final

_MENTION: Final = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_SLACK_MARKUP: Final = re.compile(r"<[^<>]*>")
_FORMATTING: Final = re.compile(r"[*_~`]")


def mentioned_users(text: str) -> tuple[str, ...]:
    """The users mentioned in Slack text, in order ("<@U1> og <@U2|ola>" -> ("U1", "U2"))."""
    return tuple(match.group(1) for match in _MENTION.finditer(text))


def first_mention(text: str) -> str | None:
    """The first user mentioned in Slack text, or None."""
    users = mentioned_users(text)
    return users[0] if users else None


def without_user(text: str, user_id: str | None) -> str:
    """Slack text with the mentions of `user_id` (the bot itself: "@Balansebrett hei") left out."""
    if not user_id:
        return text
    return _MENTION.sub(lambda m: "" if m.group(1) == user_id else m.group(0), text).strip()


def plain_text(text: str) -> str:
    """What a person wrote, without Slack's markup: mentions, channels and links left out, formatting
    characters as spaces, Slack's escapes undone ("<@U1> er *ny* &amp; usikker" -> "er  ny  & usikker")."""
    text = _SLACK_MARKUP.sub("", text)
    text = _FORMATTING.sub(" ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()
