"""The central error handler: log without secrets or answers, and tell the user privately."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.messages.survey import notice
from coaching.i18n import t
from coaching.locale import Locale
from storage.db import StorageUnavailable

log = logging.getLogger("balansebrett.errors")


def error_key(error: BaseException) -> str:
    if isinstance(error, StorageUnavailable):
        return "error.storage"
    if isinstance(error, SlackApiError | SlackClientError):
        return "error.slack"
    return "error.generic"


def make_error_handler(default_locale: Locale):  # type: ignore[no-untyped-def]
    def handle_error(
        error: Exception, body: dict[str, Any], context: dict, client: WebClient
    ) -> BoltResponse | None:
        kind = body.get("type") or body.get("command") or "request"
        if isinstance(error, StorageUnavailable):
            log.warning("database unavailable while handling %s: %s", kind, type(error.__cause__).__name__)
        else:
            log.exception("error while handling %s", kind)
        locale = context.get("locale") or default_locale
        text = t(locale, error_key(error))
        try:
            _tell_user(body, client, text)
        except SlackClientError:
            log.warning("could not tell the user about the error either")
        return None

    return handle_error


def _tell_user(body: dict[str, Any], client: WebClient, text: str) -> None:
    """An ephemeral note where the user acted: response_url for commands and buttons, else the channel."""
    response_url = body.get("response_url")
    if response_url:
        from slack_sdk.webhook import WebhookClient

        WebhookClient(response_url).send(text=text, response_type="ephemeral", replace_original=False)
        return
    event = body.get("event") or {}
    user = event.get("user") or (body.get("user") or {}).get("id")
    channel = event.get("channel") or (body.get("channel") or {}).get("id")
    if user and channel:
        thread_ts = event.get("thread_ts") or (body.get("message") or {}).get("thread_ts")
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **notice(text).as_kwargs())
