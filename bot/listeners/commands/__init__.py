from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands import balanse
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.command("/balanse")(balanse.handler(services))
