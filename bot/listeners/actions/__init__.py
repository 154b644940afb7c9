from __future__ import annotations

from slack_bolt import App

from bot.bolt_workarounds import ack_at_once
from bot.ids import ANSWER_ACTION, COACH_ANSWER_ACTION, COACH_FOLLOW_UP_ACTION, DM_PICK_ACTION, ActionId
from bot.listeners.actions import advice, answer, dm_pick, home_buttons, privacy
from bot.listeners.commands import report, summary
from bot.listeners.commands.summary import TEAM_BUTTON
from bot.services import Services


def register(app: App, services: Services) -> None:
    """Every button's ack is a plain 200, so each is acked in the request's own thread (`ack_at_once`):
    a tap never waits for a free listener thread."""
    listeners = [
        (ANSWER_ACTION, answer.handler(services)),
        (ActionId.CONTINUE_RUN, home_buttons.continue_handler(services)),
        (ActionId.START_SURVEY, home_buttons.start_handler(services)),
        (ActionId.START_PULSE, home_buttons.start_handler(services)),
        (ActionId.START_SELF, home_buttons.start_handler(services)),
        (COACH_ANSWER_ACTION, advice.answer_handler(services)),
        (COACH_FOLLOW_UP_ACTION, advice.follow_up_handler(services)),
        (ActionId.COACH_ANOTHER, advice.another_handler(services)),
        (ActionId.COACH_MORE, advice.more_handler(services)),
        (ActionId.COACH_AGAIN, advice.again_handler(services)),
        (ActionId.COACH_DELETE, advice.delete_handler(services)),
        (DM_PICK_ACTION, dm_pick.handler(services)),
        (ActionId.FORGET_ME_CONFIRM, privacy.confirm_handler(services)),
        (ActionId.FORGET_ME_CANCEL, privacy.cancel_handler(services)),
        (TEAM_BUTTON, summary.team_button_handler(services)),
        (report.REPORT_BUTTON, summary.team_button_handler(services, report.show_report)),
    ]
    for constraints, listener in listeners:
        app.action(constraints, middleware=[ack_at_once])(listener)
