"""When Slack fails in the middle of the coaching dialogue, the manager is told so in coaching words.

The flow has committed what the manager said before any Slack call, so nothing is lost: the note says that
what they have told so far is kept and how to go on (`/balanse råd @navn` posts the open question again).
The central error handler would speak of the survey instead; these listeners catch Slack's failures
themselves and tell the manager privately: through the response_url of a command or a button, else as
an ephemeral message in the DM. If even that fails, it is logged and nothing more happens.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from bot.messages.survey import notice
from coaching.i18n import t
from coaching.locale import Locale

log = logging.getLogger(__name__)

SLACK_TROUBLE = (SlackApiError, SlackClientError, TimeoutError, URLError)


@contextmanager
def said_in_coaching_words(client: WebClient, body: dict[str, Any], locale: Locale) -> Iterator[None]:
    """Run Slack calls of the coaching dialogue; a Slack failure becomes a private coaching note."""
    try:
        yield
    except SLACK_TROUBLE as exc:
        error = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("coaching: Slack failed (%s); the manager is told privately", error)
        _tell(client, body, t(locale, "coach.error.slack"))


def _tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    try:
        response_url = body.get("response_url")
        if isinstance(response_url, str) and response_url.startswith("http"):
            WebhookClient(response_url).send(
                text=text,
                blocks=notice(text).as_kwargs()["blocks"],
                response_type="ephemeral",
                replace_original=False,
            )
            return
        event = body.get("event") or {}
        user = event.get("user") or (body.get("user") or {}).get("id")
        channel = event.get("channel") or (body.get("channel") or {}).get("id")
        if user and channel:
            client.chat_postEphemeral(channel=channel, user=user, **notice(text).as_kwargs())
    except Exception as exc:  # Slack is down: the log is all that is left
        log.warning("coaching: could not tell the manager either (%s)", type(exc).__name__)
