"""The central error handler: log without secrets or answers, and tell the user privately."""

from __future__ import annotations

import logging
from typing import Any
from urllib.error import URLError

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.signature import SignatureVerifier

from bot.ids import ActionId
from bot.messages.survey import notice
from coaching.i18n import t
from coaching.locale import Locale
from storage.db import StorageUnavailable
from survey_flows.commands import Command, parse_command

log = logging.getLogger("balansebrett.errors")


SURVEY_BUTTONS = (ActionId.CONTINUE_RUN, ActionId.START_SURVEY, ActionId.START_PULSE)


def error_key(error: BaseException, body: dict[str, Any] | None = None) -> str:
    """The catalog key of the note: a survey's own wording (answers kept, how to continue) for survey
    requests, neutral words for everything else (a team form, a self-view, App Home)."""
    if isinstance(error, StorageUnavailable):
        return "error.storage"
    if isinstance(error, SlackApiError | SlackClientError | TimeoutError | URLError):
        key = "error.slack"  # also a Web API call that timed out or could not connect (not retried)
    else:
        key = "error.generic"
    return f"{key}.survey" if body is not None and _about_a_survey(body) else key


def _about_a_survey(body: dict[str, Any]) -> bool:
    """An answer button, a survey's App Home button, a typed answer, `/balanse survey` or `pulse`."""
    actions = body.get("actions")
    if isinstance(actions, list) and actions:
        action_id = str(_dict(actions[0]).get("action_id") or "")
        return action_id.startswith(ActionId.ANSWER_PREFIX) or action_id in SURVEY_BUTTONS
    if isinstance(body.get("command"), str):
        text = body.get("text")
        return parse_command(text if isinstance(text, str) else None).command in (
            Command.SURVEY,
            Command.PULSE,
        )
    return _dict(body.get("event")).get("type") == "message"


def make_error_handler(default_locale: Locale, signing_secret: str | None = None):  # type: ignore[no-untyped-def]
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    def handle_error(
        error: Exception,
        body: dict[str, Any],
        context: dict,
        client: WebClient,
        request: BoltRequest,
        response: BoltResponse | None,
    ) -> BoltResponse | None:
        if verifier is not None and not _trusted(verifier, request, context):
            # Failed before or inside Bolt's signature check (e.g. a timestamp that is not a number): the
            # body is the sender's invention, so never post to its response_url, channel or user.
            log.warning("rejected a request that is not correctly signed (%s)", type(error).__name__)
            return BoltResponse(status=401, body="")
        kind = str(body.get("type") or body.get("command") or "request")[:40]
        if isinstance(error, StorageUnavailable):
            log.warning("database unavailable while handling %s: %s", kind, type(error.__cause__).__name__)
        else:
            log.exception("error while handling %s", kind)
        locale = context.get("locale") or default_locale
        text = t(locale, error_key(error, body))
        try:
            _tell_user(body, client, text)
        except Exception as exc:  # never fail here: a timeout, a refused post, a malformed response_url
            log.warning("could not tell the user about the error either (%s)", type(exc).__name__)
        if response is not None and not _acked(context):  # Slack is still waiting: the answer is ours
            return _unacked_answer(body, text)
        return None

    return handle_error


def _trusted(verifier: SignatureVerifier, request: BoltRequest, context: dict) -> bool:
    """Came over Socket Mode, got past Bolt's authorization (which runs after its signature check), or
    carries a valid signature."""
    if request.mode == "socket_mode" or context.get("authorize_result") is not None:
        return True

    def header(name: str) -> str | None:
        values = request.headers.get(name) or [None]
        return values[0]

    try:
        return verifier.is_valid(
            body=request.raw_body,
            timestamp=header("x-slack-request-timestamp"),  # type: ignore[arg-type]
            signature=header("x-slack-signature"),  # type: ignore[arg-type]
        )
    except (TypeError, ValueError):
        return False


def _acked(context: dict) -> bool:
    ack = context.get("ack")
    return getattr(ack, "response", None) is not None


def _unacked_answer(body: dict[str, Any], text: str) -> BoltResponse:
    """A failure before the ack (in Bolt's middleware, or a modal's listener): a modal shows the message
    under its first input and stays open; anything else gets a 400, never a 500."""
    blocks = _dict(body.get("view")).get("blocks")
    if body.get("type") == "view_submission" and isinstance(blocks, list):
        for block in blocks:
            if (
                isinstance(block, dict)
                and block.get("type") == "input"
                and isinstance(block.get("block_id"), str)
            ):
                return BoltResponse(
                    status=200, body={"response_action": "errors", "errors": {block["block_id"]: text}}
                )
    return BoltResponse(status=400, body="")


def _tell_user(body: dict[str, Any], client: WebClient, text: str) -> None:
    """An ephemeral note where the user acted: response_url for commands and buttons, else the channel."""
    response_url = body.get("response_url")
    if isinstance(response_url, str) and response_url.startswith("http"):
        from slack_sdk.webhook import WebhookClient

        WebhookClient(response_url).send(text=text, response_type="ephemeral", replace_original=False)
        return
    event = _dict(body.get("event"))
    user = event.get("user") or _dict(body.get("user")).get("id")
    channel = event.get("channel") or _dict(body.get("channel")).get("id")
    if isinstance(user, str) and isinstance(channel, str) and user and channel:
        thread_ts = event.get("thread_ts") or _dict(body.get("message")).get("thread_ts")
        thread_ts = thread_ts if isinstance(thread_ts, str) else None
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **notice(text).as_kwargs())


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
