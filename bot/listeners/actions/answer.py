"""A tap on one of a question's answer buttons."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import AnswerRef, BlockId
from bot.messages.survey import notice
from bot.requester import requester
from bot.services import Services
from coaching.i18n import t
from survey_flows.survey import AnswerStatus

_EXPLAIN = {
    AnswerStatus.RUN_FINISHED: "answer.run_finished",
    AnswerStatus.PULSE_CLOSED: "answer.pulse_closed",
    AnswerStatus.FOREIGN: "answer.foreign",
    AnswerStatus.NOT_FOUND: "answer.not_found",
    AnswerStatus.HINT: "answer.not_found",
}


def _tapped(body: dict) -> tuple[str | None, str | None]:
    """The (channel, ts) of the message whose button was tapped: that copy is edited to show the choice."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    ts = (body.get("message") or {}).get("ts") or container.get("message_ts")
    return (channel if isinstance(channel, str) else None, ts if isinstance(ts, str) else None)


def _in_the_dm(body: dict) -> bool:
    """Whether the tapped message stands in the DM itself, not in a thread: an intro carrying question 1
    (the run's own, or a copy posted again when the DM could not be searched for the first). Slack gives
    a thread's parent a thread_ts equal to its own ts."""
    message = body.get("message") or {}
    thread_ts = message.get("thread_ts") or (body.get("container") or {}).get("thread_ts")
    return bool(message) and thread_ts in (None, message.get("ts"))


def _shows_choice(body: dict, action: dict) -> bool:
    """Whether the tapped message already marks this very button as the choice (Slack sends the message as
    it is shown). An older copy of a question (posted before resumes linked instead, or a late copy of a
    timed-out post) does not, although the answer is stored: its tap must mark it."""
    for block in (body.get("message") or {}).get("blocks") or []:
        if isinstance(block, dict) and block.get("block_id") == BlockId.ANSWER_BUTTONS:
            return any(
                isinstance(element, dict)
                and element.get("action_id") == action.get("action_id")
                and element.get("style") == "primary"
                for element in block.get("elements") or []
            )
    return False


def handler(services: Services) -> Callable[..., None]:
    def on_answer(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
        ref = AnswerRef.decode(action.get("value", ""))
        if ref is None:
            outcome_key = "answer.not_found"
        else:
            outcome = services.flow.answer(workspace_id, user_id, ref.run_id, ref.item_id, ref.value, locale)
            if outcome.status not in _EXPLAIN:
                services.conversation.deliver_answer(
                    client,
                    workspace_id,
                    outcome,
                    locale,
                    _tapped(body),
                    shown=_shows_choice(body, action),
                    in_the_dm=_in_the_dm(body),
                )
                return
            outcome_key = _EXPLAIN[outcome.status]
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        message = body.get("message") or {}
        client.chat_postEphemeral(
            channel=channel,
            user=user_id,
            thread_ts=message.get("thread_ts"),
            **notice(t(locale, outcome_key)).as_kwargs(),
        )

    return on_answer
