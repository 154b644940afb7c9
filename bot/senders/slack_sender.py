"""Scheduled deliveries over Slack: the `Sender` the dispatcher drives (the weekly summary itself is
built in bot/senders/summaries.py).

Each call performs one delivery and says how it went; the dispatcher keeps the ledger. Errors that
mean "this person cannot get a DM from us" (deactivated, not found, a bot, DMs not allowed) are
UNREACHABLE: the member is marked and skipped until their profile changes, never retried forever.
Any other Slack failure (after the WebClient's own retries of 429s, and bot/posting.py's look-ups and
re-posts after a 5xx or a lost answer) is FAILED: the ledger keeps the claim and the dispatcher retries it
later the same day, looking for the earlier attempt first (`Claim.RETAKEN`).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.clients import WorkspaceClients
from bot.messages.reminder import pulse_reminder
from bot.posting import post_once
from bot.recovery import post_marker
from bot.senders.outcomes import attempt, failed
from bot.senders.summaries import SummarySlackSender
from bot.services import Services
from coaching.locale import Locale
from coaching.summary import TeamSummary
from scheduling.ports import Claim, SendResult
from storage.db import StorageUnavailable
from survey_flows.survey import StartOutcome, StartStatus
from survey_flows.views import Kind, RunView, TeamView

log = logging.getLogger(__name__)


class SlackSender:
    def __init__(self, clients: WorkspaceClients, services: Services) -> None:
        self.clients = clients
        self.services = services

    # -- pulses and reminders ----------------------------------------------------------------------------

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        """Start this week's pulse in the member's DM: the intro message and the first question."""
        try:
            client = self.clients.for_workspace(workspace_id)
            locale = self._locale(client, workspace_id, user_id)
            outcome = self.services.flow.start(workspace_id, user_id, Kind.PULSE, locale)
            if outcome.status is StartStatus.STARTED:
                self.services.conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
            elif outcome.status is StartStatus.RESUMED:
                # Already in the DM (started by hand, or by us before a crash): post nothing again
                # except a first question that never made it.
                if not self._post_unposted_question(client, workspace_id, outcome, locale):
                    return SendResult.FAILED  # its post may be on its way: not delivered yet, look later
            elif outcome.status is StartStatus.IN_PROGRESS:
                return SendResult.FAILED  # someone is posting it right now; look again later
            return SendResult.SENT  # ALREADY_DONE: answered by hand this week, nothing to send
        except SlackApiError as exc:
            return failed(exc, "pulse")
        except (SlackClientError, StorageUnavailable, OSError) as exc:
            # OSError: a timeout or a dropped connection after the WebClient's own retries.
            log.warning("pulse not delivered (%s); will be retried", type(exc).__name__)
            return SendResult.FAILED

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: Claim = Claim.NEW
    ) -> SendResult:
        """A short reply in the pulse's thread, broadcast to the DM itself so it is seen."""
        if run is None or not run.channel_id or not run.thread_ts:
            return SendResult.FAILED

        def post() -> None:
            client = self.clients.for_workspace(workspace_id)
            locale = self._locale(client, workspace_id, user_id)
            post_once(
                client,
                channel=run.channel_id,
                thread_ts=run.thread_ts,
                marker=post_marker("reminder", run_id=run.run_id),
                look_first=claim is Claim.RETAKEN,
                oldest=run.thread_ts,  # a pulse's thread: its 7 questions, the reminder, the result
                reply_broadcast=True,
                **pulse_reminder(locale, run).as_kwargs(),
            )

        return attempt("reminder", post)

    # -- the weekly summary ------------------------------------------------------------------------------

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        try:
            summaries = self._summaries(team.workspace_id)
        except (SlackClientError, StorageUnavailable) as exc:
            log.warning("weekly summary for team %s not sent (%s)", team.id, type(exc).__name__)
            return SendResult.FAILED
        return summaries.post_channel_summary(team, summary, claim)

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: Claim = Claim.NEW
    ) -> SendResult:
        try:
            summaries = self._summaries(team.workspace_id)
        except (SlackClientError, StorageUnavailable) as exc:
            log.warning("weekly summary DM for team %s not sent (%s)", team.id, type(exc).__name__)
            return SendResult.FAILED
        return summaries.send_manager_summary(team, summary, user_id, claim)

    # -- internals ---------------------------------------------------------------------------------------

    def _summaries(self, workspace_id: str) -> SummarySlackSender:
        """The summary half, sending as the bot of the team's workspace."""
        client = self.clients.for_workspace(workspace_id)
        return SummarySlackSender(client, self.services.profiles, self.services.default_locale)

    def _locale(self, client: WebClient, workspace_id: str, user_id: str) -> Locale:
        return self.services.profiles.for_sending(client, workspace_id, user_id)

    def _post_unposted_question(
        self, client: WebClient, workspace_id: str, outcome: StartOutcome, locale: Locale
    ) -> bool:
        """Only a question this call claimed: one with a message, or being posted by another call, is
        left alone (the seller never gets a second answerable copy). False while the open question has
        no message yet and another call holds its claim: the pulse has not arrived."""
        run, question = outcome.run, outcome.question
        if run is None or question is None or not run.channel_id or not run.thread_ts:
            return True
        if not outcome.claimed:
            return question.message_ts is not None
        self.services.conversation.post_question(
            client, workspace_id, run.channel_id, run.thread_ts, question, locale
        )
        return True
