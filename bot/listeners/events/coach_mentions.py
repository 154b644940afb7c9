"""A top-level message in the bot's DM that mentions someone ("hvordan håndterer jeg @Kari?", "hur hanterar
jag @Lisa?", "how should I handle @Ola?") starts the coaching dialogue about that person.

A retried delivery of the same message starts nothing twice (the message's key is stored with the new
dialogue). Someone the caller does not lead gets the same polite refusal as the command, in the DM.
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.listeners.advice_trouble import said_in_coaching_words
from bot.messages.survey import notice
from bot.requester import requester
from bot.services import Services
from bot.slack_text import first_mention, plain_text, without_user
from coaching.locale import Locale
from survey_flows.advice_views import StartStatus

_SAID_HERE = (StartStatus.REFUSED, StartStatus.IN_PROGRESS, StartStatus.TOO_LONG)
"""Outcomes answered right below the message; a started or resumed dialogue speaks in its thread."""


def without_bot(text: str, bot_user_id: str | None) -> str:
    """The text with mentions of the bot itself left out ("@Balansebrett hei" is a greeting)."""
    return without_user(text, bot_user_id)


def person_in(text: str, bot_user_id: str | None) -> str | None:
    """The first user mentioned who is not the bot itself."""
    return first_mention(without_bot(text, bot_user_id))


def start_from_message(services: Services, client: WebClient, body: dict, event: dict, context: dict) -> bool:
    """True when the message mentions someone (and the coaching dialogue was asked for)."""
    text = event.get("text") or ""
    subject = person_in(text, context.get("bot_user_id"))
    if subject is None:
        return False
    who = requester(context)
    workspace_id, user_id, channel, locale = who.workspace_id, who.user_id, event["channel"], who.locale
    event_key = f"coach:{channel}:{event['ts']}"
    start_coaching(services, client, body, (workspace_id, user_id, channel), subject, text, locale, event_key)
    return True


def start_coaching(
    services: Services,
    client: WebClient,
    body: dict,
    where: tuple[str, str, str],
    subject: str,
    text: str,
    locale: Locale,
    event_key: str | None = None,
) -> StartStatus:
    """Start (or resume) the dialogue about `subject` for the manager writing in their DM (`where`: the
    workspace, the manager and the DM channel); a refusal or a note is said right below. `text` is what
    Slack sent; the flow gets it as plain text."""
    workspace_id, user_id, channel = where
    outcome = services.advice.start(
        workspace_id, user_id, subject, plain_text(text), locale_hint=locale, event_key=event_key
    )
    with said_in_coaching_words(client, body, locale):
        note = services.advice_conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
        if note and outcome.status in _SAID_HERE:  # else: the thread says it
            client.chat_postMessage(channel=channel, **notice(note).as_kwargs())
    return outcome.status
