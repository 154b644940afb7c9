"""Carries out what the coaching flow decides: the Slack calls of the dialogue in the manager's DM.

The flow has committed its decision before any of these calls, so a Slack failure loses no answer: the
manager runs `/balanse coach @person` again and is pointed to the open question in the same thread, which
is posted again only when it never arrived or is gone.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.messages import advice as msg
from bot.messages import link_target
from bot.posting import post_once
from bot.profiles import Profiles
from bot.recovery import permalink, post_marker
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.advice import AdviceFlow
from survey_flows.advice_views import (
    OBSERVATION_MAX,
    AdviceView,
    AnswerOutcome,
    AnswerStatus,
    FollowUpOutcome,
    FollowUpStatus,
    QuestionView,
    RequestView,
    StartOutcome,
    StartStatus,
)

log = logging.getLogger(__name__)


class AdviceConversation:
    def __init__(self, flow: AdviceFlow, profiles: Profiles) -> None:
        self.flow = flow
        self.profiles = profiles

    def deliver_start(
        self,
        client: WebClient,
        workspace_id: str,
        manager_user_id: str,
        outcome: StartOutcome,
        locale: Locale,
    ) -> str | None:
        """Post what a start needs; returns a private note for the caller (None: nothing to say)."""
        request = outcome.request
        if outcome.status is StartStatus.REFUSED:
            return t(locale, "coach.refused")
        if outcome.status is StartStatus.IN_PROGRESS:
            return t(locale, "coach.in_progress")
        if outcome.status is StartStatus.TOO_LONG:
            return t(locale, "coach.text_too_long", max=OBSERVATION_MAX)
        if request is None:  # DUPLICATE_EVENT
            return None
        person = msg.mention(request.subject_user_id)
        if outcome.status is StartStatus.RESUMED and request.channel_id and request.thread_ts:
            return self._point_to_question(client, request, outcome.question, locale)
        try:
            channel = self.profiles.dm_channel(client, workspace_id, manager_user_id)
            parent = post_once(
                client,
                channel=channel,
                marker=post_marker("coaching", request_id=request.request_id),
                **msg.parent(locale, request.subject_user_id, request.team_name).as_kwargs(),
            )
        except Exception:
            self.flow.start_failed(workspace_id, request.request_id)  # asking again starts afresh
            raise
        self.flow.thread_started(workspace_id, request.request_id, parent.channel, parent.ts)
        self._post_question(client, request, parent.channel, parent.ts, outcome.question, locale)
        return t(locale, "coach.started", person=person)

    def deliver_answer(
        self,
        client: WebClient,
        outcome: AnswerOutcome,
        locale: Locale,
        channel: str | None,
        message_ts: str | None,
        *,
        shown: bool = True,
    ) -> None:
        """Edit the tapped question to show the choice (and the copy a resume points to, if that is
        another message), then post the next question or the advice. `shown`: whether the tapped message
        already marks the choice; an older copy tapped after the answer was given on another does not."""
        request = outcome.request
        if request is None:
            return
        channel = request.channel_id or channel
        answered = outcome.answered
        if answered is not None and channel and message_ts:
            message = msg.question(locale, answered).as_kwargs()
            stored_ts = request.question_ts if request.question_field == answered.field else None
            if outcome.status in (AnswerStatus.RECORDED, AnswerStatus.CHANGED):
                client.chat_update(channel=channel, ts=message_ts, **message)
                if stored_ts not in (None, message_ts):
                    self._mark_copy(client, channel, str(stored_ts), message)
            elif outcome.status is AnswerStatus.UNCHANGED and not shown and message_ts != stored_ts:
                client.chat_update(channel=channel, ts=message_ts, **message)
        if channel is None or request.thread_ts is None:
            return
        self._post_question(client, request, channel, request.thread_ts, outcome.next_question, locale)
        if outcome.advice is not None:
            self._post_advice(client, channel, request.thread_ts, outcome.advice, locale)

    def deliver_follow_up(
        self, client: WebClient, outcome: FollowUpOutcome, locale: Locale, tz: str | None
    ) -> str | None:
        """Confirm a new or moved reminder in the thread; a private note when it could not be set."""
        request = outcome.request
        if outcome.status is FollowUpStatus.NOT_FOUND or request is None:
            return t(locale, "coach.not_found")
        if outcome.status is FollowUpStatus.NOT_ANSWERED:
            return t(locale, "coach.follow_up.not_answered")
        if outcome.status is FollowUpStatus.UNCHANGED or outcome.due_at is None:
            return None
        if request.channel_id and request.thread_ts:
            message = msg.follow_up_scheduled(locale, request.subject_user_id, outcome.due_at, tz)
            post_once(
                client,
                channel=request.channel_id,
                thread_ts=request.thread_ts,
                marker=post_marker(
                    "follow_up_set", request_id=request.request_id, due=outcome.due_at.isoformat()
                ),
                **message.as_kwargs(),
            )
        return None

    def _point_to_question(
        self, client: WebClient, request: RequestView, question: QuestionView | None, locale: Locale
    ) -> str:
        """Where the open question of a resumed dialogue waits. There is one answerable copy: it is posted
        again only when it was never posted (its post failed) or Slack says it is gone."""
        person = msg.mention(request.subject_user_id)
        channel, thread_ts = request.channel_id, request.thread_ts
        if question is None or channel is None or thread_ts is None:
            return t(locale, "coach.resumed", person=person)
        found = None
        if request.question_field == question.field and request.question_ts is not None:
            found = permalink(client, channel, request.question_ts)
        if found is None or found.gone:
            ts = self._post_question(client, request, channel, thread_ts, question, locale)
            found = permalink(client, channel, ts) if ts is not None else None
        url = link_target(found.url) if found is not None else None
        if url is None:
            return t(locale, "coach.resumed", person=person)
        return t(locale, "coach.resumed_link", person=person, url=url)

    def _post_question(
        self,
        client: WebClient,
        request: RequestView,
        channel: str,
        thread_ts: str,
        question: QuestionView | None,
        locale: Locale,
    ) -> str | None:
        """Post a question in the dialogue's thread and remember it as the copy to point to."""
        if question is None:
            return None
        ts = post_once(
            client,
            channel=channel,
            thread_ts=thread_ts,
            marker=post_marker("coaching_question", request_id=request.request_id, field=question.field),
            **msg.question(locale, question).as_kwargs(),
        ).ts
        self.flow.question_posted(request.workspace_id, request.request_id, question.field, ts)
        return ts

    @staticmethod
    def _mark_copy(client: WebClient, channel: str, ts: str, message: dict) -> None:
        """The other copy of a question: marked if Slack still has it; a failure is no news to the user."""
        try:
            client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as exc:
            log.info("could not mark the other copy of a coaching question (%s)", exc.response.get("error"))

    def _post_advice(
        self, client: WebClient, channel: str, thread_ts: str, advice: AdviceView, locale: Locale
    ) -> None:
        """The advice in the thread, and the parent turned into a one-line summary of it."""
        post_once(
            client,
            channel=channel,
            thread_ts=thread_ts,
            marker=post_marker("advice", request_id=advice.request.request_id),
            **msg.advice_message(locale, advice).as_kwargs(),
        )
        done = msg.parent_done(locale, advice.request.subject_user_id, advice.advice)
        client.chat_update(channel=channel, ts=thread_ts, **done.as_kwargs())
