"""The global shortcut "Advice about a seller": a small modal to choose the person (and, optionally, write
what you have observed). The dialogue itself then runs in the manager's DM (views/coach_person.py)."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.messages.advice_home import person_modal
from bot.requester import requester
from bot.services import Services


def handler(services: Services) -> Callable[..., None]:
    def on_shortcut(ack: Ack, shortcut: dict, client: WebClient, context: dict) -> None:
        ack()
        locale = requester(context).locale
        client.views_open(trigger_id=shortcut["trigger_id"], view=person_modal(locale).to_dict())

    return on_shortcut
