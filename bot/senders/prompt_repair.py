"""The Slack side of the repair of given-up question posts (scheduling/prompt_repair.py)."""

from __future__ import annotations

import logging

from bot.clients import WorkspaceClients
from bot.conversation import SurveyConversation
from bot.senders.outcomes import attempt
from coaching.locale import Locale
from scheduling.ports import SendResult
from survey_flows.views import QuestionView

log = logging.getLogger(__name__)


class SlackQuestionPoster:
    def __init__(self, clients: WorkspaceClients, conversation: SurveyConversation) -> None:
        self.clients = clients
        self.conversation = conversation

    def post_question(
        self, workspace_id: str, channel_id: str, thread_ts: str, question: QuestionView, locale: Locale
    ) -> SendResult:
        """Look for the question in the thread (it may have reached Slack after all), else post it; the
        ts is recorded either way. A failure leaves the claim for the next run."""

        def post() -> None:
            client = self.clients.for_workspace(workspace_id)
            self.conversation.post_question(client, workspace_id, channel_id, thread_ts, question, locale)

        return attempt("unposted question", post)
