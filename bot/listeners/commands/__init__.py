from __future__ import annotations

from slack_bolt import App

from bot.bolt_workarounds import ack_at_once
from bot.listeners.commands import balanse
from bot.services import Services


def register(app: App, services: Services) -> None:
    # acked in the request's thread: 50 sellers typing /balanse at once must not queue for listener threads
    app.command("/balanse", middleware=[ack_at_once])(balanse.handler(services))
