"""Messages in the bot's DM. In a survey thread, a number 1-5, the button's words or "vet ikke"
(survey_flows/typed_answers.py) answer the open question; every top-level DM gets an answer
(direct_messages.py)."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient

from bot.listeners.events.direct_messages import answer_top_level
from bot.messages.survey import notice
from bot.requester import requester
from bot.services import Services
from coaching.i18n import t
from survey_flows.survey import AnswerStatus

_EXPLAIN = {
    AnswerStatus.HINT: "answer.typed_hint",
    AnswerStatus.RUN_FINISHED: "answer.run_finished",
    AnswerStatus.PULSE_CLOSED: "answer.pulse_closed",
}


def in_a_dm(event: dict) -> bool:
    """A message in a DM with the bot: an `im` in a DM channel (its id begins with D). Every answer here is
    posted to the event's channel, so a channel that is not a DM must never get one, whatever the payload's
    other fields say."""
    channel = event.get("channel")
    return event.get("channel_type") == "im" and isinstance(channel, str) and channel.startswith("D")


def handler(services: Services) -> Callable[..., None]:
    def on_message(event: dict, body: dict, client: WebClient, context: dict) -> None:
        if not in_a_dm(event) or event.get("subtype") or event.get("bot_id"):
            return  # edits, joins and other subtypes, and bots (the bot itself included), get no answer
        thread_ts, user_id = event.get("thread_ts"), event.get("user")
        if not user_id or user_id == context.get("bot_user_id"):
            return
        if not thread_ts:  # a top-level message: every one gets an answer (direct_messages.py)
            answer_top_level(services, client, body, event, context)
            return
        who = requester(context)
        workspace_id, locale = who.workspace_id, who.locale
        outcome = services.flow.answer_typed(
            workspace_id,
            user_id,
            event["channel"],
            thread_ts,
            event.get("text") or "",
            locale,
            event_key=f"msg:{event['channel']}:{event['ts']}",
        )
        if outcome.status in (AnswerStatus.NOT_FOUND, AnswerStatus.FOREIGN, AnswerStatus.DUPLICATE_EVENT):
            return
        if outcome.status in _EXPLAIN:
            key = _EXPLAIN[outcome.status]
            client.chat_postEphemeral(
                channel=event["channel"],
                user=user_id,
                thread_ts=thread_ts,
                **notice(t(locale, key)).as_kwargs(),
            )
            return
        services.conversation.deliver_answer(client, workspace_id, outcome, locale)

    return on_message
