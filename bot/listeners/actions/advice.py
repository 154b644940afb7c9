"""The buttons of the coaching dialogue: an answer, a follow-up reminder, another person, assess again, and
deleting a request from App Home."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ids import ActionId, BlockId, CoachRef, parse_id
from bot.listeners.advice_trouble import said_in_coaching_words
from bot.listeners.events.home import publish_home
from bot.messages import advice as msg
from bot.messages.advice_home import person_modal
from bot.messages.survey import notice
from bot.requester import requester
from bot.services import Services
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.advice_views import FOLLOW_UP_WEEKS, AnswerOutcome, AnswerStatus, StartStatus

log = logging.getLogger(__name__)

_EXPLAIN = {
    AnswerStatus.NOT_FOUND: "coach.not_found",
    AnswerStatus.ALREADY_ANSWERED: "coach.already_answered",
    AnswerStatus.NOT_YOURS: "coach.not_yours",
}


def _where(body: dict) -> tuple[str | None, dict]:
    """The channel of the tapped message and the message itself."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    return channel, body.get("message") or {}


def _tell(client: WebClient, body: dict, user_id: str, text: str) -> None:
    """A private note next to the tapped button (nothing when the button was not in a message)."""
    channel, message = _where(body)
    if channel:
        client.chat_postEphemeral(
            channel=channel, user=user_id, thread_ts=message.get("thread_ts"), **notice(text).as_kwargs()
        )


def _who(services: Services, body: dict, client: WebClient, context: dict) -> tuple[str, str, Locale]:
    who = requester(context)
    return who.workspace_id, who.user_id, who.locale


def _shows_choice(message: dict, action: dict) -> bool:
    """Whether the tapped message already marks this very choice (Slack sends the message as shown)."""
    for block in message.get("blocks") or []:
        if isinstance(block, dict) and block.get("block_id") == BlockId.COACH_BUTTONS:
            return any(
                isinstance(element, dict)
                and element.get("value") == action.get("value")
                and element.get("style") == "primary"
                for element in block.get("elements") or []
            )
    return False


def answer_handler(services: Services) -> Callable[..., None]:
    def on_answer(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id, locale = _who(services, body, client, context)
        ref = CoachRef.decode(action.get("value", ""))
        channel, message = _where(body)
        if ref is None:
            outcome = AnswerOutcome(AnswerStatus.NOT_FOUND)
        else:
            outcome = services.advice.answer(
                workspace_id,
                user_id,
                ref.request_id,
                ref.field,
                ref.choice,
                thread_ts=message.get("thread_ts"),
            )
        with said_in_coaching_words(client, body, locale):
            if outcome.status in _EXPLAIN:
                _tell(client, body, user_id, t(locale, _EXPLAIN[outcome.status]))
                return
            conversation = services.advice_conversation
            shown = _shows_choice(message, action)
            conversation.deliver_answer(client, outcome, locale, channel, message.get("ts"), shown=shown)

    return on_answer


def follow_up_handler(services: Services) -> Callable[..., None]:
    def on_follow_up(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id, locale = _who(services, body, client, context)
        weeks = parse_id(action["action_id"].removeprefix(ActionId.COACH_FOLLOW_UP_PREFIX))
        request_id = parse_id(action.get("value", ""))
        if request_id is None or weeks not in FOLLOW_UP_WEEKS:
            _tell(client, body, user_id, t(locale, "coach.not_found"))
            return
        thread_ts = _where(body)[1].get("thread_ts")
        outcome = services.advice.schedule_follow_up(
            workspace_id, user_id, request_id, weeks, thread_ts=thread_ts
        )
        tz = services.profiles.tz(workspace_id, user_id)
        with said_in_coaching_words(client, body, locale):
            note = services.advice_conversation.deliver_follow_up(client, outcome, locale, tz)
            if note:
                _tell(client, body, user_id, note)

    return on_follow_up


def more_handler(services: Services) -> Callable[..., None]:
    """The advice's "more": the same message, edited to show the reasoning and the rest, worked out again
    from the stored request (nothing is kept in memory between the post and the tap)."""

    def on_more(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id, locale = _who(services, body, client, context)
        request_id = parse_id(action.get("value", ""))
        channel, message = _where(body)
        view = None
        if request_id is not None:
            view = services.advice.advice_again(
                workspace_id, user_id, request_id, thread_ts=message.get("thread_ts")
            )
        with said_in_coaching_words(client, body, locale):
            if view is None or not channel or not message.get("ts"):
                _tell(client, body, user_id, t(locale, "coach.not_found"))
                return
            full = msg.advice_message(locale, view, full=True)
            client.chat_update(channel=channel, ts=message["ts"], **full.as_kwargs())

    return on_more


def another_handler(services: Services) -> Callable[..., None]:
    """ "Another person" (after the advice) and "Ask about a person" (App Home): the modal."""

    def on_another(ack: Ack, body: dict, client: WebClient, context: dict) -> None:
        ack()
        _workspace_id, _user_id, locale = _who(services, body, client, context)
        with said_in_coaching_words(client, body, locale):
            client.views_open(trigger_id=body["trigger_id"], view=person_modal(locale).to_dict())

    return on_another


def again_handler(services: Services) -> Callable[..., None]:
    """ "Assess again" in a follow-up reminder: a new dialogue about the same person (authorised anew)."""

    def on_again(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id, locale = _who(services, body, client, context)
        outcome = services.advice.start(workspace_id, user_id, action.get("value", ""))
        with said_in_coaching_words(client, body, locale):
            conversation = services.advice_conversation
            note = conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
            if note and outcome.status in (StartStatus.REFUSED, StartStatus.IN_PROGRESS):
                _tell(client, body, user_id, note)

    return on_again


def delete_handler(services: Services) -> Callable[..., None]:
    """Delete one of the manager's requests (after Slack's confirm dialog) and refresh App Home."""

    def on_delete(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id, locale = _who(services, body, client, context)
        raw, _, token = action.get("value", "").partition(":")
        request_id = parse_id(raw)
        deleted = (
            services.advice.delete(workspace_id, user_id, request_id, token or None)
            if request_id is not None
            else None
        )
        if deleted is not None and deleted.channel_id and deleted.thread_ts:
            try:  # the parent in the DM says so; the thread's messages stay where they are
                parent = msg.parent_deleted(locale, deleted.subject_user_id)
                client.chat_update(channel=deleted.channel_id, ts=deleted.thread_ts, **parent.as_kwargs())
            except SlackApiError as exc:
                log.info("could not mark a deleted coaching thread: %s", exc.response.get("error"))
        with said_in_coaching_words(client, body, locale):
            publish_home(services, client, workspace_id, user_id, locale)

    return on_delete
