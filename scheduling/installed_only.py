"""The last check before a scheduled send: is the app still installed in the recipient's workspace?

The clock's queries leave an uninstalled workspace out (storage/workspaces.py), but a fan-out reads its
recipients once and may post for minutes; a summary is frozen before it is posted. The senders here wrap
the surface's senders and ask again just before each send, so a send already planned is dropped once
`app_uninstalled` has marked the workspace (a dropped send answers FAILED: the ledger claim stays, and
the resume finds nobody to send it to while the workspace is marked, or sends it after a reinstall the
same day).

The answer is kept at most 5 s per workspace (`InstalledCheck`, survey_flows/workspace_lifecycle.py): one
read per workspace and pause, not one per message.
"""

from __future__ import annotations

import logging

from coaching.summary import TeamSummary
from scheduling.follow_ups import FollowUpSender
from scheduling.notices import NoticeSender, NoticeView
from scheduling.ports import Claim, Sender, SendResult
from survey_flows.advice_views import FollowUpReminder
from survey_flows.views import RunView, TeamView
from survey_flows.workspace_lifecycle import InstalledCheck

log = logging.getLogger(__name__)


def _dropped(what: str, workspace_id: str) -> SendResult:
    log.info("%s for workspace %s dropped: the app is uninstalled there", what, workspace_id)
    return SendResult.FAILED


class InstalledOnlySender:
    """A `Sender` (pulses, reminders, summaries) that sends only while the app is installed."""

    def __init__(self, sender: Sender, check: InstalledCheck) -> None:
        self.sender = sender
        self.check = check

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        if not self.check(workspace_id):
            return _dropped("a pulse", workspace_id)
        return self.sender.send_pulse(workspace_id, user_id)

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: Claim = Claim.NEW
    ) -> SendResult:
        if not self.check(workspace_id):
            return _dropped("a reminder", workspace_id)
        return self.sender.send_reminder(workspace_id, user_id, run, claim)

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        if not self.check(team.workspace_id):
            return _dropped("a weekly summary", team.workspace_id)
        return self.sender.post_channel_summary(team, summary, claim)

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: Claim = Claim.NEW
    ) -> SendResult:
        if not self.check(team.workspace_id):
            return _dropped("a manager's summary", team.workspace_id)
        return self.sender.send_manager_summary(team, summary, user_id, claim)


class InstalledOnlyNotices:
    """A `NoticeSender` that sends only while the app is installed."""

    def __init__(self, sender: NoticeSender, check: InstalledCheck) -> None:
        self.sender = sender
        self.check = check

    def send_notice(self, notice: NoticeView) -> SendResult:
        if not self.check(notice.workspace_id):
            return _dropped("a team notice", notice.workspace_id)
        return self.sender.send_notice(notice)


class InstalledOnlyFollowUps:
    """A `FollowUpSender` that sends only while the app is installed."""

    def __init__(self, sender: FollowUpSender, check: InstalledCheck) -> None:
        self.sender = sender
        self.check = check

    def send_follow_up(self, reminder: FollowUpReminder) -> SendResult:
        if not self.check(reminder.workspace_id):
            return _dropped("a coaching follow-up", reminder.workspace_id)
        return self.sender.send_follow_up(reminder)
