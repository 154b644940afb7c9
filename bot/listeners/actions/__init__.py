from __future__ import annotations

from slack_bolt import App

from bot.ids import ANSWER_ACTION, ActionId
from bot.listeners.actions import answer, home_buttons
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.action(ANSWER_ACTION)(answer.handler(services))
    app.action(ActionId.CONTINUE_RUN)(home_buttons.continue_handler(services))
    app.action(ActionId.START_SURVEY)(home_buttons.start_handler(services))
    app.action(ActionId.START_PULSE)(home_buttons.start_handler(services))
