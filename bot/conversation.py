"""Carries out what the survey flow decides: the Slack calls for starting, resuming and answering.

The flow has already committed its decision to the database when these calls are made, so a Slack
failure here loses no answer; the seller resumes with `/balanse survey` and the open question is
posted again.
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.messages import survey as msg
from bot.profiles import Profiles
from bot.recovery import find_intro, find_question, question_marker, run_marker
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.survey import AnswerOutcome, AnswerStatus, StartOutcome, StartStatus, SurveyFlow
from survey_flows.views import QuestionView, ResultView, RunView


class SurveyConversation:
    def __init__(self, flow: SurveyFlow, profiles: Profiles) -> None:
        self.flow = flow
        self.profiles = profiles

    def deliver_start(
        self, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale: Locale
    ) -> str | None:
        """Post what a start or resume needs. Returns an ephemeral note for the caller, if any."""
        run = outcome.run
        if outcome.status is StartStatus.STARTED and run is not None:
            channel = self.profiles.dm_channel(client, workspace_id, user_id)
            # A retaken start may have reached Slack already (a timeout, a crash): look before posting.
            parent_ts = find_intro(client, channel, run.run_id, run.period) if outcome.retaken else None
            if parent_ts is None:
                parent_ts = client.chat_postMessage(
                    channel=channel,
                    metadata=run_marker(run.run_id, run.period),
                    **msg.intro(locale, run).as_kwargs(),
                )["ts"]
            self.flow.thread_started(workspace_id, run.run_id, channel, parent_ts)
            if outcome.question is not None:
                self.post_question(client, workspace_id, channel, parent_ts, outcome.question, locale)
            return t(locale, "command.sent_to_dm", kind=msg.kind_name(locale, run.kind))
        if outcome.status is StartStatus.RESUMED and run is not None and run.channel_id and run.thread_ts:
            client.chat_postMessage(
                channel=run.channel_id,
                thread_ts=run.thread_ts,
                reply_broadcast=True,
                **msg.resumed(locale, run).as_kwargs(),
            )
            if outcome.question is not None:
                self.post_question(
                    client, workspace_id, run.channel_id, run.thread_ts, outcome.question, locale
                )
            return t(locale, "command.resumed_in_dm", kind=msg.kind_name(locale, run.kind))
        if outcome.status is StartStatus.ALREADY_DONE and outcome.result is not None:
            return None  # the caller shows the result privately
        return t(locale, "command.in_progress")

    def deliver_answer(
        self, client: WebClient, workspace_id: str, outcome: AnswerOutcome, locale: Locale
    ) -> None:
        run = outcome.run
        if run is None or run.channel_id is None or run.thread_ts is None:
            return
        answered = outcome.answered
        if (
            answered is not None
            and answered.message_ts
            and outcome.status in (AnswerStatus.RECORDED, AnswerStatus.CHANGED)
        ):
            client.chat_update(
                channel=run.channel_id, ts=answered.message_ts, **msg.question(locale, answered).as_kwargs()
            )
        if outcome.next_question is not None:
            self.post_question(
                client, workspace_id, run.channel_id, run.thread_ts, outcome.next_question, locale
            )
        if outcome.result is not None:
            self._post_result(client, run, run.channel_id, run.thread_ts, outcome.result, locale)

    def post_question(
        self,
        client: WebClient,
        workspace_id: str,
        channel: str,
        thread_ts: str,
        q: QuestionView,
        locale: Locale,
    ) -> None:
        """Post a claimed question in the run's thread and record its ts; a reclaimed one that Slack
        already shows is only recorded."""
        ts = find_question(client, channel, thread_ts, q.run_id, q.position) if q.reclaimed else None
        if ts is None:
            ts = client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                metadata=question_marker(q.run_id, q.position),
                **msg.question(locale, q).as_kwargs(),
            )["ts"]
        self.flow.question_posted(workspace_id, q.run_id, q.position, ts)

    def _post_result(
        self,
        client: WebClient,
        run: RunView,
        channel: str,
        thread_ts: str,
        result: ResultView,
        locale: Locale,
    ) -> None:
        """The result in the thread (also shown in the DM itself), and the parent marked done."""
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            reply_broadcast=True,
            **msg.result(locale, result).as_kwargs(),
        )
        client.chat_update(channel=channel, ts=thread_ts, **msg.intro_done(locale, run).as_kwargs())
