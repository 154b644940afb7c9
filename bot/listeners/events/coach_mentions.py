"""A top-level message in the bot's DM that mentions someone ("hvordan håndterer jeg @Kari?", "hur hanterar
jag @Lisa?", "how should I handle @Ola?") starts the coaching dialogue about that person.

A retried delivery of the same message starts nothing twice (the message's key is stored with the new
dialogue). Someone the caller does not lead gets the same polite refusal as the command, in the DM.
"""

from __future__ import annotations

import re

from slack_sdk import WebClient

from bot.listeners.coaching_trouble import said_in_coaching_words
from bot.messages.survey import notice
from bot.services import Services
from coaching.observations import mentioned_user
from survey_flows.coaching_views import StartStatus

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_SAID_HERE = (StartStatus.REFUSED, StartStatus.IN_PROGRESS, StartStatus.TOO_LONG)
"""Outcomes answered right below the message; a started or resumed dialogue speaks in its thread."""


def person_in(text: str, bot_user_id: str | None) -> str | None:
    """The first user mentioned who is not the bot itself."""
    if bot_user_id:
        text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text)
    return mentioned_user(text)


def start_from_message(services: Services, client: WebClient, body: dict, event: dict, context: dict) -> None:
    text = event.get("text") or ""
    subject = person_in(text, context.get("bot_user_id"))
    if subject is None:
        return
    workspace_id, user_id, channel = body["team_id"], event["user"], event["channel"]
    locale = services.locale(client, context, workspace_id, user_id)
    outcome = services.coaching.start(
        workspace_id, user_id, subject, text, locale_hint=locale, event_key=f"coach:{channel}:{event['ts']}"
    )
    with said_in_coaching_words(client, body, locale):
        note = services.coaching_conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
        if note and outcome.status in _SAID_HERE:  # else: the thread says it
            client.chat_postMessage(channel=channel, **notice(note).as_kwargs())
