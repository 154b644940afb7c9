"""A tap on a seller offered when a DM's name was asked back: the coaching dialogue about that seller.

The button names the seller and carries the manager's text; the coaching flow checks, as for every way in,
that the tapper manages a team the seller is in (a forged value gets the same refusal as the command).
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import PickRef
from bot.listeners.advice_trouble import said_in_coaching_words
from bot.listeners.events.coach_mentions import start_coaching
from bot.messages.direct_messages import picked
from bot.requester import requester
from bot.services import Services
from survey_flows.advice_views import StartStatus

_TAKEN = (StartStatus.STARTED, StartStatus.RESUMED, StartStatus.IN_PROGRESS, StartStatus.DUPLICATE_EVENT)
"""A dialogue about the chosen seller exists: the asked-back message shows the choice instead of buttons."""


def handler(services: Services) -> Callable[..., None]:
    def on_pick(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        who = requester(context)
        workspace_id, user_id = who.workspace_id, who.user_id
        channel = (body.get("channel") or {}).get("id")
        message_ts = (body.get("message") or {}).get("ts")
        ref = PickRef.decode(str(action.get("value") or ""))
        if ref is None or not isinstance(channel, str):
            return  # garbled, or not from a message: nothing to answer in
        locale = who.locale
        where = (workspace_id, user_id, channel)
        status = start_coaching(services, client, body, where, ref.user_id, ref.text, locale)
        if status in _TAKEN and isinstance(message_ts, str):  # the choice replaces the buttons
            with said_in_coaching_words(client, body, locale):
                client.chat_update(channel=channel, ts=message_ts, **picked(locale, ref.user_id).as_kwargs())

    return on_pick
