"""The team notices over Slack: the `NoticeSender` that scheduling/notices.py drives.

Each notice carries Slack message metadata naming it; a notice whose earlier attempt may have reached
Slack (`retaken`) is looked for in the DM first, so a timeout or a crash after the post never shows it twice
(bot/posting.py).
"""

from __future__ import annotations

from slack_sdk.models.metadata import Metadata

from bot.clients import WorkspaceClients
from bot.messages.notices import notice
from bot.posting import post_once
from bot.profiles import Profiles
from bot.senders.outcomes import attempt
from scheduling.notices import NoticeView
from scheduling.ports import SendResult

NOTICE_EVENT = "balansebrett_notice"


def notice_marker(notice_id: int) -> Metadata:
    return Metadata(event_type=NOTICE_EVENT, event_payload={"notice_id": notice_id})


class SlackNoticeSender:
    def __init__(self, clients: WorkspaceClients, profiles: Profiles) -> None:
        self.clients = clients
        self.profiles = profiles

    def send_notice(self, view: NoticeView) -> SendResult:
        def post() -> None:
            client = self.clients.for_workspace(view.workspace_id)
            locale = self.profiles.for_sending(client, view.workspace_id, view.recipient)
            channel = self.profiles.dm_channel(client, view.workspace_id, view.recipient)
            post_once(
                client,
                channel=channel,
                marker=notice_marker(view.notice_id),
                look_first=view.retaken,
                **notice(locale, view).as_kwargs(),
            )

        return attempt("team notice", post)
