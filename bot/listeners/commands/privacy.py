"""`/balanse forget-me` (asks first; the buttons are in bot/listeners/actions/privacy.py) and
`/balanse export` (the user's own data as a JSON file in their DM with the bot)."""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.messages import privacy as msg
from bot.messages.survey import notice
from bot.requester import Requester
from bot.services import Services
from coaching.i18n import t


def ask_forget(services: Services, respond: Respond, who: Requester) -> None:
    """Nothing is deleted yet: an ephemeral message says what would be, with a confirm and a cancel. To
    someone the bot keeps nothing about it says so instead (and stores nothing)."""
    locale = who.locale
    if not services.privacy.knows(who.workspace_id, who.user_id):
        respond(response_type="ephemeral", **notice(t(locale, "privacy.nothing_stored")).as_kwargs())
        return
    respond(response_type="ephemeral", **msg.forget_confirmation(locale).as_kwargs())


def send_export(services: Services, client: WebClient, respond: Respond, who: Requester) -> None:
    """Upload the export to the user's DM with the bot (never to the channel the command was typed in)."""
    workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
    document = services.privacy.export(workspace_id, user_id, locale)
    if document is None:
        respond(response_type="ephemeral", **notice(t(locale, "privacy.nothing_stored")).as_kwargs())
        return
    channel = services.profiles.dm_channel(client, workspace_id, user_id)
    client.files_upload_v2(
        channel=channel,
        content=services.privacy.encode(document),
        filename=services.privacy.filename(),
        title=t(locale, "privacy.export.title"),
        initial_comment=t(locale, "privacy.export.comment"),
    )
    respond(response_type="ephemeral", **notice(t(locale, "privacy.export.sent")).as_kwargs())
