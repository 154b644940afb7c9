from __future__ import annotations

from slack_bolt import App

from bot.listeners.events import home, messages
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.event("app_home_opened")(home.handler(services))
    app.event("message")(messages.handler(services))
