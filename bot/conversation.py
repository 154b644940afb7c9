"""Carries out what the survey flow decides: the Slack calls for starting, resuming and answering.

The flow has already committed its decision to the database when these calls are made, so a Slack
failure here loses no answer: a question whose post failed keeps its claim, and the seller's
`/balanse survey` or the scheduler's repair (scheduling/prompt_repair.py) posts it later. A resume never
posts a second answerable copy of a question that is on screen; it links to it.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.messages import link_target
from bot.messages import survey as msg
from bot.posting import post_once
from bot.profiles import Profiles
from bot.recovery import permalink, post_marker, question_marker, run_marker
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.survey import AnswerOutcome, AnswerStatus, StartOutcome, StartStatus, SurveyFlow
from survey_flows.views import QuestionView, ResultView, RunView
from survey_flows.wording import kind_name

log = logging.getLogger(__name__)


class SurveyConversation:
    def __init__(self, flow: SurveyFlow, profiles: Profiles) -> None:
        self.flow = flow
        self.profiles = profiles

    def deliver_start(
        self, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale: Locale
    ) -> str | None:
        """Post what a start needs; a resume posts nothing unless no copy of the open question exists.
        Returns a note for the caller (ephemeral, or App Home's notice), if any."""
        run = outcome.run
        if outcome.status is StartStatus.STARTED and run is not None:
            channel = self.profiles.dm_channel(client, workspace_id, user_id)
            # The intro carries the first question: one post per start, not two. A retaken start may have
            # reached Slack already (a timeout, a crash): look before posting.
            first = outcome.question if outcome.claimed else None
            position = first.position if first is not None else None
            parent_ts = post_once(
                client,
                channel=channel,
                marker=run_marker(run.run_id, run.period, first=position),
                look_first=outcome.retaken,
                **msg.intro(locale, run, outcome.enrolment, first).as_kwargs(),
            ).ts
            self.flow.thread_started(workspace_id, run.run_id, channel, parent_ts, first=position)
            return t(locale, "command.sent_to_dm", kind=kind_name(locale, run.kind))
        if outcome.status is StartStatus.RESUMED:
            return self.point_to_question(client, workspace_id, user_id, outcome, locale)
        if outcome.status is StartStatus.ALREADY_DONE and outcome.result is not None:
            return None  # the caller shows the result privately
        return t(locale, "command.in_progress")

    def point_to_question(
        self, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale: Locale
    ) -> str:
        """Where a resumed run's open question waits, as a note with a link to it. There is only ever one
        answerable copy: it is posted here only when none exists, i.e. the flow claimed it (never posted,
        or its post failed or timed out: then it is looked for in the thread first), or Slack says the
        posted copy is gone (the re-post is claimed on the stored ts, so two resumes post it once)."""
        run, question = outcome.run, outcome.question
        if run is None or question is None or not run.channel_id or not run.thread_ts:
            return t(locale, "command.in_progress")
        ts = question.message_ts
        if outcome.claimed:
            ts = self.post_question(client, workspace_id, run.channel_id, run.thread_ts, question, locale)
        elif ts is None:
            return t(locale, "command.in_progress")  # another request is posting it right now
        found = permalink(client, run.channel_id, ts)
        if found.gone:
            again = self.flow.claim_repost(workspace_id, user_id, run.run_id, ts, locale)
            if again is None:
                return t(locale, "command.in_progress")  # another resume is posting it again
            ts = self.post_question(client, workspace_id, run.channel_id, run.thread_ts, again, locale)
            found = permalink(client, run.channel_id, ts)
        where = {
            "kind": kind_name(locale, run.kind),
            "position": question.position,
            "total": question.total,
        }
        url = link_target(found.url)
        if url is None:
            return t(locale, "resume.waiting_unlinked", **where)
        return t(locale, "resume.waiting", url=url, **where)

    def deliver_answer(
        self,
        client: WebClient,
        workspace_id: str,
        outcome: AnswerOutcome,
        locale: Locale,
        tapped: tuple[str | None, str | None] = (None, None),
        *,
        shown: bool = True,
        in_the_dm: bool = False,
    ) -> None:
        """`tapped`: the (channel, ts) of the message whose button was tapped, if it was a tap; `shown`:
        whether that message already marks the choice; `in_the_dm`: whether it stands in the DM, not in
        a thread (an intro carrying the first question)."""
        run, answered = outcome.run, outcome.answered
        tapped_channel, tapped_ts = tapped
        if (
            run is not None
            and run.thread_ts is None
            and in_the_dm
            and tapped_channel is not None
            and tapped_ts is not None
            and answered is not None
            and answered.position == 1
        ):
            # The intro carrying question 1 was answered before its start had recorded the post (a quick
            # tap while that request is still finishing): the tapped intro is the thread. Its start
            # records the same values when it gets there.
            self.flow.thread_started(workspace_id, run.run_id, tapped_channel, tapped_ts, first=1)
            run = replace(run, channel_id=tapped_channel, thread_ts=tapped_ts)
            answered = replace(answered, message_ts=answered.message_ts or tapped_ts)
        if run is None or run.channel_id is None or run.thread_ts is None:
            return
        if answered is not None and outcome.status in (AnswerStatus.RECORDED, AnswerStatus.CHANGED):
            self._show_choice(client, workspace_id, run, answered, tapped, locale, in_the_dm)
        elif (
            answered is not None
            and outcome.status is AnswerStatus.UNCHANGED
            and not shown
            and tapped[1] != answered.message_ts  # the stored copy: marked by the tap that answered
        ):
            # The answer was given on another copy: this (older) copy still looked open. Mark it, so no
            # copy of an answered question looks unanswered; nothing else changes.
            unmarked = replace(answered, message_ts=None)
            self._show_choice(client, workspace_id, run, unmarked, tapped, locale, in_the_dm)
        if outcome.next_question is not None:
            self.post_question(
                client, workspace_id, run.channel_id, run.thread_ts, outcome.next_question, locale
            )
        if outcome.result is not None:
            # the intro keeps the first question, as answered, if it is the message that carried it
            first = outcome.first if outcome.first and outcome.first.message_ts == run.thread_ts else None
            self._post_result(client, run, run.channel_id, run.thread_ts, outcome.result, locale, first)

    def post_question(
        self,
        client: WebClient,
        workspace_id: str,
        channel: str,
        thread_ts: str,
        q: QuestionView,
        locale: Locale,
    ) -> str:
        """Post a claimed question in the run's thread and record its ts; a reclaimed one that Slack
        already shows is only recorded. Returns the ts."""
        ts = post_once(
            client,
            channel=channel,
            thread_ts=thread_ts,
            marker=question_marker(q.run_id, q.position),
            look_first=q.reclaimed,
            oldest=q.after_ts or thread_ts,
            **msg.question(locale, q).as_kwargs(),
        ).ts
        self.flow.question_posted(workspace_id, q.run_id, q.position, ts)
        return ts

    def _show_choice(
        self,
        client: WebClient,
        workspace_id: str,
        run: RunView,
        answered: QuestionView,
        tapped: tuple[str | None, str | None],
        locale: Locale,
        tapped_in_the_dm: bool = False,
    ) -> None:
        """Edit the tapped message to show the choice and, if the stored copy is another message (one
        posted twice before resumes stopped re-posting, or a late copy of a timed-out post), that one too,
        so no copy shows a stale answer. A typed answer edits the stored copy. A copy that is the thread's
        parent, or a tapped one that stands in the DM (an intro posted again when the DM could not be
        searched for the late first), is the intro carrying the first question: it is edited whole."""
        channel = run.channel_id
        tapped_channel, tapped_ts = tapped
        copies = [tapped_ts] if tapped_ts and tapped_channel == channel else []
        copies += [answered.message_ts] if answered.message_ts not in (None, *copies) else []
        intros = {run.thread_ts} | ({tapped_ts} if tapped_in_the_dm else set())
        as_intro = {}  # built once, however many intro copies there are
        if intros & set(copies):
            enrolment = self.flow.enrolment_of(workspace_id, run.run_id)
            as_intro = msg.intro(locale, run, enrolment, answered).as_kwargs()
        for n, ts in enumerate(copies):
            message = as_intro if ts in intros else msg.question(locale, answered).as_kwargs()
            try:
                client.chat_update(channel=channel, ts=ts, **message)
            except SlackApiError as exc:
                if n == 0:
                    raise  # the message the seller is looking at: the error handler tells them
                log.info("could not mark the other copy of a question (%s)", exc.response.get("error"))

    def _post_result(
        self,
        client: WebClient,
        run: RunView,
        channel: str,
        thread_ts: str,
        result: ResultView,
        locale: Locale,
        first: QuestionView | None = None,
    ) -> None:
        """The result in the thread (also shown in the DM itself), and the parent marked done (with
        `first`, the question it carried, as answered)."""
        post_once(
            client,
            channel=channel,
            thread_ts=thread_ts,
            marker=post_marker("result", run_id=run.run_id),
            reply_broadcast=True,
            **msg.result(locale, result).as_kwargs(),
        )
        client.chat_update(channel=channel, ts=thread_ts, **msg.intro_done(locale, run, first).as_kwargs())
