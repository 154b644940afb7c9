from __future__ import annotations

from slack_bolt import App

from bot.ids import ANSWER_ACTION, COACH_ANSWER_ACTION, COACH_FOLLOW_UP_ACTION, ActionId
from bot.listeners.actions import answer, coaching, home_buttons, privacy
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.action(ANSWER_ACTION)(answer.handler(services))
    app.action(ActionId.CONTINUE_RUN)(home_buttons.continue_handler(services))
    app.action(ActionId.START_SURVEY)(home_buttons.start_handler(services))
    app.action(ActionId.START_PULSE)(home_buttons.start_handler(services))
    app.action(COACH_ANSWER_ACTION)(coaching.answer_handler(services))
    app.action(COACH_FOLLOW_UP_ACTION)(coaching.follow_up_handler(services))
    app.action(ActionId.COACH_ANOTHER)(coaching.another_handler(services))
    app.action(ActionId.COACH_AGAIN)(coaching.again_handler(services))
    app.action(ActionId.COACH_DELETE)(coaching.delete_handler(services))
    app.action(ActionId.FORGET_ME_CONFIRM)(privacy.confirm_handler(services))
    app.action(ActionId.FORGET_ME_CANCEL)(privacy.cancel_handler(services))
