"""The Slack side of the repair of given-up question posts (survey_flows/prompt_repair.py)."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.conversation import SurveyConversation
from bot.delivery import send_result_of
from coaching.locale import Locale
from storage.db import StorageUnavailable
from survey_flows.delivery import SendResult
from survey_flows.views import QuestionView

log = logging.getLogger(__name__)


class SlackQuestionPoster:
    def __init__(self, client: WebClient, conversation: SurveyConversation) -> None:
        self.client = client
        self.conversation = conversation

    def post_question(
        self, workspace_id: str, channel_id: str, thread_ts: str, question: QuestionView, locale: Locale
    ) -> SendResult:
        """Look for the question in the thread (it may have reached Slack after all), else post it; the
        ts is recorded either way. A failure leaves the claim for the next run."""
        try:
            self.conversation.post_question(
                self.client, workspace_id, channel_id, thread_ts, question, locale
            )
        except SlackApiError as exc:
            return send_result_of(exc, "unposted question")
        except (SlackClientError, StorageUnavailable, OSError) as exc:
            log.warning("unposted question not delivered (%s); will be retried", type(exc).__name__)
            return SendResult.FAILED
        return SendResult.SENT
