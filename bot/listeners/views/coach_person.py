"""The "ask about a person" modal was submitted: start the dialogue in the manager's DM.

Who may be asked about is decided before the ack, so a refusal shows under the person field (the same
polite text whoever was chosen) and the modal stays open; nothing is stored then. Slack calls come after
the ack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import BlockId
from bot.messages.advice_home import read_person_modal
from bot.requester import workspace_of
from bot.services import Services
from bot.slack_text import plain_text
from coaching.i18n import t
from storage.db import StorageUnavailable
from survey_flows.advice_views import OBSERVATION_MAX, StartStatus

log = logging.getLogger(__name__)


def handler(services: Services) -> Callable[..., None]:
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient, context: dict) -> None:
        workspace_id = workspace_of(context) or ""
        user_id = body["user"]["id"]
        # No Slack call before the ack: the language cached when the modal was opened (or the default).
        cached = services.profiles.store.get(workspace_id, user_id)
        locale = context["locale"] = (cached.locale if cached else None) or services.default_locale
        subject, text = read_person_modal(view["state"]["values"])
        try:
            outcome = services.advice.start(
                workspace_id, user_id, subject or "", plain_text(text), locale_hint=locale
            )
        except StorageUnavailable:
            log.warning("database unavailable while starting a coaching dialogue")
            ack(response_action="errors", errors={BlockId.COACH_PERSON: t(locale, "error.storage")})
            return
        if outcome.status is StartStatus.TOO_LONG:  # Slack enforces the field's max_length; a forged view
            too_long = t(locale, "coach.text_too_long", max=OBSERVATION_MAX)
            ack(response_action="errors", errors={BlockId.COACH_TEXT: too_long})
            return
        if outcome.status is StartStatus.REFUSED:
            ack(response_action="errors", errors={BlockId.COACH_PERSON: t(locale, "coach.refused")})
            return
        ack()
        services.advice_conversation.deliver_start(client, workspace_id, user_id, outcome, locale)

    return on_submit
