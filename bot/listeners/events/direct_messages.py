"""Every top-level message in the bot's DM gets a short answer in the writer's language.

- A mention ("hvordan håndterer jeg @Kari?") starts the coaching dialogue as before (coach_mentions.py).
- For a manager, a name of one of the sellers of their teams (display name, full name or first name) does
  the same; a name that fits several of them, or a coaching question naming none, is asked back with their
  own sellers as buttons. Nobody outside the manager's teams is ever looked up or offered.
- Anything else, and anything from someone who leads no team, gets the short help (the manager's commands
  only for a manager).

A retried delivery of the same message is answered once (its key is kept in `inbound_event`). The answer is
a message in the DM itself, as the coaching refusal is; the bot's own messages and message subtypes never
reach here (events/messages.py).
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.listeners.events.coach_mentions import person_in, start_coaching, start_from_message, without_bot
from bot.messages.direct_messages import ask_back, dm_help
from bot.requester import requester
from bot.services import Services
from bot.slack_text import plain_text
from survey_flows.direct_messages import ASK_BACK_MAX, Ask, Person, named, what_is_asked


def answer_top_level(services: Services, client: WebClient, body: dict, event: dict, context: dict) -> None:
    who = requester(context)
    workspace_id, user_id, channel = who.workspace_id, who.user_id, event["channel"]
    if not services.direct_messages.first_delivery(workspace_id, f"dm:{channel}:{event['ts']}"):
        return  # Slack retried a message we have answered
    slack_text = without_bot(event.get("text") or "", context.get("bot_user_id"))
    if person_in(slack_text, None) is not None:
        start_from_message(services, client, body, event, context)
        return
    text = plain_text(slack_text)
    locale = who.locale
    asked = what_is_asked(text)
    sellers = services.direct_messages.sellers_led_by(workspace_id, user_id)
    if sellers and asked is not Ask.HELP:
        names = services.profiles.names(client, workspace_id, sellers)
        found = named(text, [Person(seller, names[seller]) for seller in sellers if seller in names])
        if len(found) == 1:
            start_coaching(services, client, body, (workspace_id, user_id, channel), found[0], text, locale)
            return
        if found or asked is Ask.COACH:
            offered = found or sorted(names, key=lambda seller: names[seller][0].casefold())
            shown = {seller: names[seller][0] for seller in offered[:ASK_BACK_MAX]}
            message = ask_back(locale, shown, text, several=bool(found))
            client.chat_postMessage(channel=channel, **message.as_kwargs())
            return
    reply = dm_help(locale, manager=sellers is not None, understood=asked is Ask.HELP)
    client.chat_postMessage(channel=channel, **reply.as_kwargs())
