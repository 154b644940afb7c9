"""What the fake Slack checks in every text it is sent: the neutral markup (coaching/markup.py) must have
been rendered to Slack mrkdwn by the bot (bot/messages/mrkdwn.py) on its way out. A `**`, an `@[U…]` or a
`#[C…]` that reaches Slack would show as such to a user."""

from __future__ import annotations

import json
import re
from typing import Any, Final

_TEXT_KEYS: Final = frozenset({"text", "initial_comment", "alt_text", "fallback", "pretext"})
_NEUTRAL: Final = re.compile(r"(?<!\u200b)\*\*|@\[[UW][A-Z0-9]|#\[[CG][A-Z0-9]")


def texts_in(value: Any, key: str = "") -> list[str]:
    """Every text a payload would show, however it was encoded (blocks may come as a JSON string)."""
    if isinstance(value, dict):
        return [text for name, item in value.items() for text in texts_in(item, name)]
    if isinstance(value, list):
        return [text for item in value for text in texts_in(item, key)]
    if isinstance(value, str) and value[:1] in "[{" and key in ("blocks", "view", "attachments"):
        try:
            return texts_in(json.loads(value), key)
        except ValueError:
            return []
    if isinstance(value, str) and key in _TEXT_KEYS:
        return [value]
    return []


def unrendered(method: str, params: dict[str, Any]) -> list[str]:
    """`method: text` for each text of the call that still holds neutral markup."""
    return [f"{method}: {text!r}" for text in texts_in(params) if _NEUTRAL.search(text)]


def unrendered_ack(body: str) -> list[str]:
    """The same check for what an ack answers (errors under a modal's inputs, a view to show)."""
    try:
        answer = json.loads(body) if body.startswith("{") else None
    except ValueError:
        return []
    if not isinstance(answer, dict):
        return []
    errors = answer.get("errors")
    texts = list(errors.values()) if isinstance(errors, dict) else []
    found = [text for text in texts if isinstance(text, str) and _NEUTRAL.search(text)]
    return [f"ack: {text!r}" for text in found] + unrendered("ack", {"view": answer.get("view")})
