"""A manager asks how to handle one person: a short, resumable dialogue that ends in the seed's advice.

`AdviceFlow` is UI-agnostic like `SurveyFlow`: every call is one transaction that returns an outcome with
plain views, and the surface (bot/advice_conversation.py) posts what it says. Everything needed to go on
is in the `coaching_request` row, so a dialogue continues in a new process; `/balanse coach @person` again
re-posts the open question.

- Authorization: only an active manager of a team in which the person is an active seller may ask. Anything
  else (not a manager, another team, yourself, someone the bot never met) is REFUSED with one and the same
  outcome, and nothing is stored.
- The advice rests on the manager's observations and, as context, the team's latest *published* summary
  (`SummaryService.latest`: frozen, anonymous, suppressed below the anonymity minimum) and the manager's own
  leader profile from their own latest self-view (`storage.advice_requests.own_self_view`: their data about
  themself, for their blind spot). The person's own survey or pulse answers are never read here.
- Taps are idempotent: the request row is locked for each answer, the same tap twice is UNCHANGED, and only
  the tap that answers the current question gets the next one (or the advice) to post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final, Protocol

from sqlmodel import Session

from coaching.advice import advise
from coaching.instrument import items_of_version
from coaching.scoring import score
from coaching.self_view import LeaderProfile, profile_of
from coaching.summary import TeamSummary
from coaching.zones import DEFAULT_CUTOFF
from storage import advice_requests, members, teams
from storage.advice_requests import Step
from storage.db import Database
from storage.models import CoachingRequest, Member
from survey_flows.advice_dialogue import (
    chosen,
    follow_up_due,
    next_question,
    observation_too_long,
    observations_of_text,
    request_view,
    valid_request_id,
)
from survey_flows.advice_views import (
    CHOICES,
    CONFIRM,
    CONFIRM_CHANGE,
    DONT_KNOW,
    FOLLOW_UP_WEEKS,
    AdviceView,
    AnswerOutcome,
    AnswerStatus,
    FollowUpOutcome,
    FollowUpStatus,
    HistoryEntry,
    QuestionView,
    RequestView,
    StartOutcome,
    StartStatus,
    request_token,
    situation_of,
    to_stored,
    valid_choice,
)
from survey_flows.summary_weeks import PublishedSummaries

__all__ = ["AdviceFlow", "LatestSummaries", "follow_up_due", "next_question", "request_view"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

STALE_START: Final = timedelta(seconds=15)
"""A dialogue created this long ago whose parent message never made it to Slack is posted again."""
HISTORY_LIMIT: Final = 15


class LatestSummaries(Protocol):
    """What the flow needs of the published summaries (`survey_flows.summary_weeks.PublishedSummaries`)."""

    def latest(self, team_id: int) -> TeamSummary | None: ...


class AdviceFlow:
    def __init__(self, db: Database, clock: Clock, summaries: LatestSummaries | None = None) -> None:
        self.db = db
        self.clock = clock
        self.summaries = summaries if summaries is not None else PublishedSummaries(db)

    # -- starting -----------------------------------------------------------------------------------------

    def start(
        self,
        workspace_id: str,
        manager_user_id: str,
        subject_user_id: str,
        text: str = "",
        *,
        locale_hint: str | None = None,
        event_key: str | None = None,
    ) -> StartOutcome:
        """Start (or resume) a dialogue about `subject_user_id`, pre-filled from `text`.

        An unfinished dialogue about the same person is resumed when `text` says nothing new; with new
        observations it is replaced. `event_key` (a Slack message) makes a retried delivery a no-op. A text
        over OBSERVATION_MAX is TOO_LONG before anything else is looked at (it says nothing about the person).
        """
        if observation_too_long(text):
            return StartOutcome(StartStatus.TOO_LONG)
        now = self.clock()
        prefilled = observations_of_text(text, locale_hint)
        with self.db.session() as s:
            advice_requests.lock_member(s, workspace_id, manager_user_id)
            manager = members.find_member(s, workspace_id, manager_user_id)
            subject = members.find_member(s, workspace_id, subject_user_id) if subject_user_id else None
            if manager is None or subject is None or manager.id == subject.id:
                return StartOutcome(StartStatus.REFUSED)
            team = advice_requests.shared_team(s, workspace_id, manager.id, subject.id)  # type: ignore[arg-type]
            if team is None:
                return StartOutcome(StartStatus.REFUSED)
            if event_key is not None and not members.remember_event(s, workspace_id, event_key, now):
                return StartOutcome(StartStatus.DUPLICATE_EVENT)
            existing = advice_requests.open_request(s, workspace_id, manager.id, subject.id)  # type: ignore[arg-type]
            if existing is not None and not prefilled:
                view = self._view(s, existing)
                if existing.thread_ts is not None:
                    return StartOutcome(StartStatus.RESUMED, view, next_question(view))
                if now - existing.created_at < STALE_START:
                    return StartOutcome(StartStatus.IN_PROGRESS, view)
                return StartOutcome(StartStatus.STARTED, view, next_question(view))
            if existing is not None:  # new observations: this dialogue replaces the unfinished one
                advice_requests.delete_request(s, workspace_id, manager.id, existing.id)  # type: ignore[arg-type]
            request = advice_requests.create_request(
                s,
                workspace_id,
                manager.id,  # type: ignore[arg-type]
                subject.id,  # type: ignore[arg-type]
                team.id,
                prefilled,
                Step.CONFIRMING if prefilled else Step.OBSERVING,
                now,
            )
            view = self._view(s, request)
            return StartOutcome(StartStatus.STARTED, view, next_question(view))

    def thread_started(self, workspace_id: str, request_id: int, channel_id: str, thread_ts: str) -> None:
        """The surface posted the dialogue's parent message: the thread every question goes to."""
        with self.db.session() as s:
            if advice_requests.get_request(s, workspace_id, request_id) is not None:
                advice_requests.attach_thread(s, request_id, channel_id, thread_ts)

    def question_posted(self, workspace_id: str, request_id: int, field: str, message_ts: str) -> None:
        """The surface posted the question of `field` in the dialogue's thread: the copy to point to."""
        with self.db.session() as s:
            if advice_requests.get_request(s, workspace_id, request_id) is not None:
                advice_requests.set_question(s, request_id, field, message_ts)

    def start_failed(self, workspace_id: str, request_id: int) -> None:
        """Slack did not take the dialogue's parent message: forget the dialogue (only while it has no
        thread), so asking again starts it at once instead of waiting for another delivery to post it."""
        with self.db.session() as s:
            advice_requests.delete_threadless(s, workspace_id, request_id)

    # -- answering ----------------------------------------------------------------------------------------

    def answer(
        self,
        workspace_id: str,
        manager_user_id: str,
        request_id: int,
        field: str,
        choice: str,
        *,
        thread_ts: str | None = None,
    ) -> AnswerOutcome:
        """One tap. Someone else's, unknown or malformed requests are NOT_FOUND, finished ones
        ALREADY_ANSWERED; in both cases nothing changes. `thread_ts`, the thread of the tapped message, must
        be the dialogue's own (a deleted dialogue's buttons never act on a newer one)."""
        if not valid_choice(field, choice) or not valid_request_id(request_id):
            return AnswerOutcome(AnswerStatus.NOT_FOUND)
        now = self.clock()
        with self.db.session() as s:
            request = self._own(s, workspace_id, manager_user_id, request_id, thread_ts)
            if request is None:
                return AnswerOutcome(AnswerStatus.NOT_FOUND)
            if request.step == Step.ANSWERED:
                return AnswerOutcome(AnswerStatus.ALREADY_ANSWERED, self._view(s, request))
            if (
                advice_requests.shared_team(
                    s, workspace_id, request.manager_member_id, request.subject_member_id
                )
                is None
            ):
                return AnswerOutcome(AnswerStatus.NOT_YOURS)  # moved to another team, or left it, meanwhile
            if field == CONFIRM:
                outcome = self._confirm(s, request, choice)
            else:
                outcome = self._record(s, request, field, choice)
            if outcome.status is not AnswerStatus.RECORDED:
                return outcome
            view = self._view(s, request)
            question = next_question(view)
            if question is not None:
                return AnswerOutcome(AnswerStatus.RECORDED, view, outcome.answered, question)
            if not advice_requests.mark_answered(s, request, now):  # pragma: no cover - the row is locked
                return AnswerOutcome(AnswerStatus.UNCHANGED, view)
            s.refresh(request)
            view = self._view(s, request)
            team_id = self._team_for_zone(s, request)
            leader = self._leader(s, request)
        return AnswerOutcome(
            AnswerStatus.RECORDED, view, outcome.answered, advice=self._advice(view, team_id, leader)
        )

    def _confirm(self, s: Session, request: CoachingRequest, choice: str) -> AnswerOutcome:
        view = self._view(s, request)
        if request.step != Step.CONFIRMING:
            return AnswerOutcome(AnswerStatus.UNCHANGED, view)  # confirmed (or changed) before
        question = next_question(view)
        assert question is not None  # noqa: S101 - a confirming request always has its confirmation
        # "Change" forgets what was read from the text; each of those fields is then asked.
        observations = {} if choice == CONFIRM_CHANGE else dict(request.observations)
        advice_requests.set_observations(s, request, observations, Step.OBSERVING)
        return AnswerOutcome(AnswerStatus.RECORDED, view, chosen(question, choice))

    def _record(self, s: Session, request: CoachingRequest, field: str, choice: str) -> AnswerOutcome:
        view = self._view(s, request)
        current = next_question(view)
        stored = to_stored(field, choice)
        observations = dict(request.observations)
        if request.step == Step.CONFIRMING:
            return AnswerOutcome(AnswerStatus.UNCHANGED, view)
        if field in observations:
            question = QuestionView(
                request.id,  # type: ignore[arg-type]
                view.subject_user_id,
                field,
                (*CHOICES[field], DONT_KNOW),
                chosen=choice,
            )
            if observations[field] == stored:  # the answer, so the surface can mark an older copy
                return AnswerOutcome(AnswerStatus.UNCHANGED, view, question)
            observations[field] = stored
            advice_requests.set_observations(s, request, observations)
            return AnswerOutcome(AnswerStatus.CHANGED, self._view(s, request), question)
        if current is None or current.field != field:
            return AnswerOutcome(AnswerStatus.UNCHANGED, view)  # a button of a question not asked yet
        observations[field] = stored
        advice_requests.set_observations(s, request, observations, Step.OBSERVING)
        return AnswerOutcome(AnswerStatus.RECORDED, view, chosen(current, choice))

    # -- the advice ---------------------------------------------------------------------------------------

    def _team_for_zone(self, s: Session, request: CoachingRequest) -> int | None:
        """The team whose zone may be shown: the request's team, while the manager still manages it."""
        team_id = request.team_id
        if team_id is None or not teams.is_manager(s, team_id, request.manager_member_id):
            return None
        return team_id

    def _leader(self, s: Session, request: CoachingRequest) -> LeaderProfile | None:
        """The manager's own leader profile, from their own latest self-view (never a seller's answers),
        read against the request's team cutoff as the self-view itself reads it."""
        own = advice_requests.own_self_view(s, request.workspace_id, request.manager_member_id)
        if own is None:
            return None
        team = teams.get_team(s, request.team_id) if request.team_id is not None else None
        scores = score(own.answers, items=items_of_version(own.instrument_version))
        return profile_of(scores, team.cutoff if team is not None else DEFAULT_CUTOFF)

    def _advice(self, view: RequestView, team_id: int | None, leader: LeaderProfile | None) -> AdviceView:
        """advise() on the observations and the manager's own profile, with the zone of the team's latest
        published summary only when that summary may be shown (not suppressed below the anonymity minimum)."""
        summary = self.summaries.latest(team_id) if team_id is not None else None
        if summary is None or summary.suppressed or summary.zone is None:
            return AdviceView(view, advise(view.situation, leader=leader))
        advice = advise(view.situation, summary.zone, summary.lever, leader=leader)
        return AdviceView(view, advice, summary.period)

    def advice_again(
        self, workspace_id: str, manager_user_id: str, request_id: int, *, thread_ts: str | None = None
    ) -> AdviceView | None:
        """The advice of one of the manager's own answered requests, worked out again from what is stored
        (the "more" button carries only the request id, so it works after a restart); None otherwise."""
        if not valid_request_id(request_id):
            return None
        with self.db.session() as s:
            request = self._own(s, workspace_id, manager_user_id, request_id, thread_ts)
            if request is None or request.step != Step.ANSWERED:
                return None
            view = self._view(s, request)
            team_id = self._team_for_zone(s, request)
            leader = self._leader(s, request)
        return self._advice(view, team_id, leader)

    # -- follow-ups ---------------------------------------------------------------------------------------

    def schedule_follow_up(
        self,
        workspace_id: str,
        manager_user_id: str,
        request_id: int,
        weeks: int,
        *,
        thread_ts: str | None = None,
    ) -> FollowUpOutcome:
        """Remind the manager in 1, 2 or 4 weeks; a later tap moves the one reminder of this request."""
        if weeks not in FOLLOW_UP_WEEKS:
            raise ValueError(f"weeks must be one of {FOLLOW_UP_WEEKS}, got {weeks!r}")
        if not valid_request_id(request_id):
            return FollowUpOutcome(FollowUpStatus.NOT_FOUND)
        now = self.clock()
        with self.db.session() as s:
            request = self._own(s, workspace_id, manager_user_id, request_id, thread_ts)
            if request is None:
                return FollowUpOutcome(FollowUpStatus.NOT_FOUND)
            view = self._view(s, request)
            if request.step != Step.ANSWERED:
                return FollowUpOutcome(FollowUpStatus.NOT_ANSWERED, view)
            manager = s.get(Member, request.manager_member_id)
            due = follow_up_due(now, manager.tz if manager else None, weeks)
            done = advice_requests.schedule_follow_up(s, workspace_id, request_id, due, now)
        status = {
            advice_requests.Scheduled.CREATED: FollowUpStatus.SCHEDULED,
            advice_requests.Scheduled.MOVED: FollowUpStatus.MOVED,
            advice_requests.Scheduled.UNCHANGED: FollowUpStatus.UNCHANGED,
        }[done]
        return FollowUpOutcome(status, view, due)

    # -- the manager's own list ---------------------------------------------------------------------------

    def is_manager(self, workspace_id: str, user_id: str) -> bool:
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            return member is not None and advice_requests.manages_a_team(s, workspace_id, member.id)  # type: ignore[arg-type]

    def history(
        self, workspace_id: str, manager_user_id: str, limit: int = HISTORY_LIMIT
    ) -> list[HistoryEntry]:
        """The manager's requests, newest first, with the balance of answered ones and open follow-ups."""
        with self.db.session() as s:
            manager = members.find_member(s, workspace_id, manager_user_id)
            if manager is None:
                return []
            rows = advice_requests.manager_requests(s, workspace_id, manager.id, limit)  # type: ignore[arg-type]
        entries = []
        for row in rows:
            answered = row.request.step == Step.ANSWERED
            follow_up = row.follow_up
            entries.append(
                HistoryEntry(
                    request_id=row.request.id,  # type: ignore[arg-type]
                    subject_user_id=row.subject_user_id,
                    created_at=row.request.created_at,
                    answered=answered,
                    advice=advise(situation_of(row.request.observations)) if answered else None,
                    follow_up_due=follow_up.due_at if follow_up and follow_up.sent_at is None else None,
                )
            )
        return entries

    def delete(
        self, workspace_id: str, manager_user_id: str, request_id: int, token: str | None = None
    ) -> RequestView | None:
        """Delete one of the manager's own requests and its follow-up; the deleted request, or None.
        `token` (RequestView.token, from the button) must match when given: a stale list deletes nothing."""
        if not valid_request_id(request_id):
            return None
        with self.db.session() as s:
            manager = members.find_member(s, workspace_id, manager_user_id)
            request = advice_requests.get_request(s, workspace_id, request_id)
            if manager is None or request is None or request.manager_member_id != manager.id:
                return None
            if token is not None and token != request_token(request.created_at):
                return None
            view = self._view(s, request)
            deleted = advice_requests.delete_request(s, workspace_id, manager.id, request_id)
            return view if deleted else None

    # -- internals ----------------------------------------------------------------------------------------

    def _own(
        self, s: Session, workspace_id: str, manager_user_id: str, request_id: int, thread_ts: str | None
    ) -> CoachingRequest | None:
        """The manager's own request, locked; None for anyone else's, or for a button from another thread."""
        request = advice_requests.lock_request(s, workspace_id, request_id)
        if request is None or members.user_id_of(s, request.manager_member_id) != manager_user_id:
            return None
        if thread_ts is not None and request.thread_ts is not None and thread_ts != request.thread_ts:
            return None
        return request

    def _view(self, s: Session, request: CoachingRequest) -> RequestView:
        return request_view(s, request)
