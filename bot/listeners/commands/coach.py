"""`/balanse coach @person [what you have observed]` (`råd`, `rad`): the coaching dialogue in the manager's DM.

The person comes from the escaped mention Slack sends (`<@U123|kari>`, the manifest's `should_escape`); the
rest of the text pre-fills the observations. Without a mention (or with escaping off, when Slack sends a plain
`@kari`), the "ask about a person" modal opens instead, within the trigger's 3 seconds.
"""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.listeners.advice_trouble import said_in_coaching_words
from bot.messages.advice_home import person_modal
from bot.messages.survey import notice
from bot.requester import Requester
from bot.services import Services
from bot.slack_text import first_mention, plain_text


def start_from_command(
    services: Services, client: WebClient, command: dict, respond: Respond, who: Requester, rest: str
) -> None:
    workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
    subject = first_mention(rest)
    with said_in_coaching_words(client, command, locale):
        if subject is None:
            client.views_open(trigger_id=command["trigger_id"], view=person_modal(locale).to_dict())
            return
        outcome = services.advice.start(workspace_id, user_id, subject, plain_text(rest), locale_hint=locale)
        note = services.advice_conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
        if note:
            respond(response_type="ephemeral", **notice(note).as_kwargs())
