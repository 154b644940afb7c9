"""The survey and pulse conversations as a resumable, idempotent state machine.

A run is a sequence of questions. Posting is two-phase so no surface is needed here: a step *claims*
the next question in the database and returns it; the surface posts it and reports the message ts
back with `question_posted`. Claims are unique per (run, position), so a retried delivery or a
double tap never yields a second next-question message, and a restart resumes from the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlmodel import Session

from coaching.instrument import CURRENT_VERSION, Item, items_of_version
from coaching.locale import Locale
from coaching.pulse import period_of, pulse_items
from coaching.scoring import score
from coaching.zones import lever_for
from storage import members, runs, teams
from storage.db import Database
from storage.models import Member, SurveyRun
from survey_flows import calendar
from survey_flows.first_contact import Enrolment, enrolment_to_tell
from survey_flows.self_view import question_text, self_result
from survey_flows.survey_outcomes import AnswerOutcome, AnswerStatus, StartOutcome, StartStatus
from survey_flows.typed_answers import parse_typed_answer
from survey_flows.views import DONT_KNOW, Kind, QuestionView, ResultView, RunView

Clock = Callable[[], datetime]

STALE_CLAIM = timedelta(seconds=15)
"""A question claimed this long ago but never posted (Slack failed, the process died) is posted again."""


_STATUS_OF_WRITE = {
    runs.AnswerWrite.INSERTED: AnswerStatus.RECORDED,
    runs.AnswerWrite.CHANGED: AnswerStatus.CHANGED,
    runs.AnswerWrite.UNCHANGED: AnswerStatus.UNCHANGED,
}


def items_for(kind: Kind, member_key: str, period: str, version: int) -> Sequence[Item]:
    """What a run on instrument `version` asks: all 40 items for the survey and the self-view, the
    member's rotation of the week for a pulse (the rotation over that version's items)."""
    items = items_of_version(version)
    return pulse_items(member_key, period, items=items) if kind is Kind.PULSE else items


def period_for(kind: Kind, now: datetime, tz: str | None) -> str:
    """The run's period in the member's own time zone: ISO week for pulses, month for the survey and
    the self-view."""
    local = now.astimezone(calendar.zone(tz))
    return period_of(local.date()) if kind is Kind.PULSE else f"{local:%Y-%m}"


def _zone_of(s: Session, workspace_id: str, member: Member) -> str:
    """The zone a member's periods follow, the same as the scheduler's: their own Slack zone, else their
    team's (the cached zone may be missing when users.info failed), else UTC."""
    if calendar.is_valid_tz(member.tz):
        return member.tz  # type: ignore[return-value]
    team = teams.seller_team(s, workspace_id, member.id)  # type: ignore[arg-type]
    return calendar.effective_tz(member.tz, team.tz if team else None)


def _question_at(
    run: SurveyRun,
    order: Sequence[Item],
    position: int,
    chosen: int | None,
    prompts: dict[int, str | None],
    locale: Locale,
) -> QuestionView:
    """The question at `position` (1-based) of the run's `order`, with the choice made (None: not yet)."""
    item = order[position - 1]
    text = question_text(Kind(run.kind), item, locale)
    return QuestionView(run.id, position, len(order), item.id, text, chosen, prompts.get(position))  # type: ignore[arg-type]


class SurveyFlow:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- starting and resuming ---------------------------------------------------------------------------

    def start(
        self, workspace_id: str, user_id: str, kind: Kind, locale: Locale, tz: str | None = None
    ) -> StartOutcome:
        """`tz`: the user's Slack zone as the surface heard it; a member seen for the first time (the run
        makes their row) gets it now, so their first period is counted in their own zone."""
        now = self.clock()
        with self.db.session() as s:
            member = members.ensure_member(s, workspace_id, user_id, now)
            if tz and not member.tz:
                members.update_profile(s, member, locale=None, tz=tz, now=None)
            period = period_for(kind, now, _zone_of(s, workspace_id, member))
            run = runs.find_run_for_period(s, workspace_id, member.id, kind, period)  # type: ignore[arg-type]
            if run is None:
                # A self-view is about the manager, not a team's answer: it never joins a team's figures.
                team = None if kind is Kind.SELF else teams.seller_team(s, workspace_id, member.id)  # type: ignore[arg-type]
                team_id = team.id if team else None
                run = runs.create_run(
                    s,
                    workspace_id,
                    member.id,  # type: ignore[arg-type]
                    kind,
                    period,
                    now,
                    team_id,
                    instrument_version=CURRENT_VERSION,
                )
                if run is None:
                    return StartOutcome(StartStatus.IN_PROGRESS, None)
                question, claimed = self._first_open(s, run, user_id, locale, now, claim=True)
                question = question if claimed else None  # a new run's first question is never posted yet
                view = self._run_view(s, run, user_id)
                enrolment = (
                    enrolment_to_tell(s, workspace_id, member.id, run.id, team)  # type: ignore[arg-type]
                    if kind is Kind.PULSE
                    else None
                )
                return StartOutcome(
                    StartStatus.STARTED, view, question, claimed=question is not None, enrolment=enrolment
                )
            if run.finished_at is not None:
                return StartOutcome(
                    StartStatus.ALREADY_DONE,
                    self._run_view(s, run, user_id),
                    result=self._result(s, run, user_id),
                )
            if run.thread_ts is None:
                # Another delivery is posting the intro right now, or a post failed: take over a stale one.
                if not runs.restart_unthreaded_run(s, run.id, now - STALE_CLAIM, now):  # type: ignore[arg-type]
                    return StartOutcome(StartStatus.IN_PROGRESS, self._run_view(s, run, user_id))
                question, claimed = self._first_open(s, run, user_id, locale, now, claim=True)
                view = self._run_view(s, run, user_id)
                return StartOutcome(StartStatus.STARTED, view, question, retaken=True, claimed=claimed)
            return self._resumed(s, run, user_id, locale, now)

    def resume_run(self, workspace_id: str, user_id: str, run_id: int, locale: Locale) -> StartOutcome:
        """Continue a specific run (the App Home button); a pulse closed by a later one continues with
        the current pulse instead."""
        with self.db.session() as s:
            run = runs.find_run(s, workspace_id, run_id)
            closed = run is not None and self._owner(s, run) == user_id and runs.superseded(s, run)
        if closed:
            return self.start(workspace_id, user_id, Kind.PULSE, locale)
        now = self.clock()
        with self.db.session() as s:
            run = runs.find_run(s, workspace_id, run_id)
            if run is None or self._owner(s, run) != user_id:
                return StartOutcome(StartStatus.NOT_FOUND, None)
            if run.finished_at is not None:
                return StartOutcome(
                    StartStatus.ALREADY_DONE,
                    self._run_view(s, run, user_id),
                    result=self._result(s, run, user_id),
                )
            return self._resumed(s, run, user_id, locale, now)

    def claim_repost(
        self, workspace_id: str, user_id: str, run_id: int, gone_ts: str, locale: Locale
    ) -> QuestionView | None:
        """The open question's message `gone_ts` is gone from Slack (deleted, or past the workspace's
        retention): claim posting it again. The claim is a conditional update on the stored ts, so of two
        resumes that found it gone only one gets the question; None for the other, and when `gone_ts` is
        no longer the run's open question."""
        now = self.clock()
        with self.db.session() as s:
            run = runs.find_run(s, workspace_id, run_id)
            if run is None or self._owner(s, run) != user_id or run.finished_at is not None:
                return None
            if runs.superseded(s, run):
                return None
            question = self._current_question(s, run, user_id, locale, now, claim=False)
            if question is None or question.message_ts != gone_ts:
                return None
            if not runs.release_gone_prompt(s, run.id, question.position, gone_ts, now):  # type: ignore[arg-type]
                return None
            return dataclasses.replace(question, message_ts=None)

    def thread_started(
        self, workspace_id: str, run_id: int, channel_id: str, thread_ts: str, *, first: int | None = None
    ) -> None:
        """The intro is posted as the thread's parent; `first`: the position of the question it carries,
        recorded as posted in the same transaction (no moment where the thread exists and its question
        looks unposted)."""
        with self.db.session() as s:
            run = runs.find_run(s, workspace_id, run_id)
            if run is not None:
                runs.attach_thread(s, run, channel_id, thread_ts)
                if first is not None:
                    runs.set_prompt_ts(s, run_id, first, thread_ts, workspace_id=workspace_id)

    def enrolment_of(self, workspace_id: str, run_id: int) -> Enrolment | None:
        """What the intro of pulse `run_id` tells a seller about their team when it is the first thing the
        bot sends them (as `start` gave it): asked again to edit that intro, which carries the first
        question, without losing those lines."""
        with self.db.session() as s:
            run = runs.find_run(s, workspace_id, run_id)
            if run is None or run.kind != Kind.PULSE:
                return None
            return enrolment_to_tell(s, workspace_id, run.member_id, run_id)

    def question_posted(self, workspace_id: str, run_id: int, position: int, message_ts: str) -> None:
        with self.db.connection() as conn:  # one UPDATE: the claim's workspace stands in for the run's
            runs.set_prompt_ts(conn, run_id, position, message_ts, workspace_id=workspace_id)

    # -- answering ---------------------------------------------------------------------------------------

    def answer(
        self, workspace_id: str, user_id: str, run_id: int, item_id: str, value: int, locale: Locale
    ) -> AnswerOutcome:
        """A tap on a question's button. `value` is 1..5 or DONT_KNOW."""
        now = self.clock()
        with self.db.session() as s:
            found = runs.run_with_owner(s, workspace_id, run_id)
            if found is None:
                return AnswerOutcome(AnswerStatus.NOT_FOUND)
            run, owner = found
            if owner != user_id:
                return AnswerOutcome(AnswerStatus.FOREIGN)
            return self._record(s, run, user_id, item_id, value, locale, now)

    def answer_typed(
        self,
        workspace_id: str,
        user_id: str,
        channel_id: str,
        thread_ts: str,
        text: str,
        locale: Locale,
        event_key: str,
    ) -> AnswerOutcome:
        """A message typed in a run's thread answers the oldest question still open there."""
        now = self.clock()
        with self.db.session() as s:
            run = runs.find_run_by_thread(s, workspace_id, channel_id, thread_ts)
            if run is None:
                return AnswerOutcome(AnswerStatus.NOT_FOUND)
            if self._owner(s, run) != user_id:
                return AnswerOutcome(AnswerStatus.FOREIGN)
            if not members.remember_event(s, workspace_id, event_key, now):
                return AnswerOutcome(AnswerStatus.DUPLICATE_EVENT)
            view = self._run_view(s, run, user_id)
            if run.finished_at is not None:
                return AnswerOutcome(AnswerStatus.RUN_FINISHED, view)
            if runs.superseded(s, run):
                return AnswerOutcome(AnswerStatus.PULSE_CLOSED, view)
            value = parse_typed_answer(text)
            current = self._current_question(s, run, user_id, locale, now, claim=False)
            if value is None or current is None:
                return AnswerOutcome(AnswerStatus.HINT, view, answered=current)
            return self._record(s, run, user_id, current.item_id, value, locale, now)

    # -- reading -----------------------------------------------------------------------------------------

    def open_run(self, workspace_id: str, user_id: str) -> RunView | None:
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return None
            found = runs.open_runs(s, workspace_id, member.id)  # type: ignore[arg-type]
            return self._run_view(s, found[0], user_id) if found else None

    def last_result(self, workspace_id: str, user_id: str) -> ResultView | None:
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return None
            run = runs.last_finished_run(s, workspace_id, member.id)  # type: ignore[arg-type]
            return self._result(s, run, user_id) if run else None

    # -- internals ---------------------------------------------------------------------------------------

    def _record(
        self,
        s: Session,
        run: SurveyRun,
        user_id: str,
        item_id: str,
        value: int,
        locale: Locale,
        now: datetime,
    ) -> AnswerOutcome:
        order = self._items(run, user_id)
        positions = {item.id: index for index, item in enumerate(order, start=1)}
        if run.finished_at is not None and item_id in positions:
            # A double tap on the answer that finished the run is not news to the seller.
            stored = None if value == DONT_KNOW else value
            repeat = runs.answers_for_run(s, run.id).get(item_id, -1) == stored  # type: ignore[arg-type]
            status = AnswerStatus.UNCHANGED if repeat else AnswerStatus.RUN_FINISHED
            return AnswerOutcome(status, self._run_view(s, run, user_id))
        if run.finished_at is not None or item_id not in positions:
            return AnswerOutcome(AnswerStatus.RUN_FINISHED, self._run_view(s, run, user_id))
        if runs.superseded(s, run):
            return AnswerOutcome(AnswerStatus.PULSE_CLOSED, self._run_view(s, run, user_id))
        if value != DONT_KNOW and not 1 <= value <= 5:
            return AnswerOutcome(AnswerStatus.HINT, self._run_view(s, run, user_id))
        stored = None if value == DONT_KNOW else value
        # The write itself says whether the value changed, so of two identical taps at the same moment
        # only one edits the message (a read before the write would call both new).
        written = runs.upsert_answer(s, run.workspace_id, run.id, item_id, stored, now)  # type: ignore[arg-type]
        status = _STATUS_OF_WRITE[written]
        position = positions[item_id]
        # Read once, after the write: what is answered and which questions have a message.
        answers = runs.answers_for_run(s, run.id)  # type: ignore[arg-type]
        prompts = runs.prompt_messages(s, run.id)  # type: ignore[arg-type]
        answered = _question_at(run, order, position, value, prompts, locale)
        next_question, claimed = self._first_open(
            s, run, user_id, locale, now, claim=True, known=(answers, prompts)
        )
        result = first = None
        if all(item.id in answers for item in order) and runs.finish_run(s, run.id, now):  # type: ignore[arg-type]
            run.finished_at = now
            result = self._result(s, run, user_id, answers)
            stored = answers[order[0].id]
            first = _question_at(run, order, 1, DONT_KNOW if stored is None else stored, prompts, locale)
        view = self._run_view(s, run, user_id, answered=len(answers))
        return AnswerOutcome(status, view, answered, next_question if claimed else None, result, first)

    def _resumed(
        self, s: Session, run: SurveyRun, user_id: str, locale: Locale, now: datetime
    ) -> StartOutcome:
        """An open run's current question: claimed only when it has no message yet (never claimed, or a
        stale claim whose post failed or timed out); otherwise the surface points to it."""
        question, claimed = self._first_open(s, run, user_id, locale, now, claim=True)
        return StartOutcome(StartStatus.RESUMED, self._run_view(s, run, user_id), question, claimed=claimed)

    def _current_question(
        self, s: Session, run: SurveyRun, user_id: str, locale: Locale, now: datetime, *, claim: bool = True
    ) -> QuestionView | None:
        """The first unanswered question, claimed (unless `claim` is False) if it was never posted."""
        return self._first_open(s, run, user_id, locale, now, claim=claim)[0]

    def _first_open(
        self,
        s: Session,
        run: SurveyRun,
        user_id: str,
        locale: Locale,
        now: datetime,
        *,
        claim: bool,
        known: tuple[dict[str, int | None], dict[int, str | None]] | None = None,
    ) -> tuple[QuestionView | None, bool]:
        """`known`: the run's answers and prompt messages, when the caller has just read them."""
        order = self._items(run, user_id)
        if known is None:
            known = runs.answers_for_run(s, run.id), runs.prompt_messages(s, run.id)  # type: ignore[arg-type]
        answers, prompts = known
        for position, item in enumerate(order, start=1):
            if item.id in answers:
                continue
            claimed = reclaimed = False
            if claim and position not in prompts:
                claimed = runs.claim_prompt(s, run.workspace_id, run.id, position, item.id, now)  # type: ignore[arg-type]
            elif claim and position in prompts and prompts[position] is None:
                claimed = reclaimed = runs.reclaim_stale_prompt(s, run.id, position, now - STALE_CLAIM, now)  # type: ignore[arg-type]
            view = _question_at(run, order, position, None, prompts, locale)
            return dataclasses.replace(view, reclaimed=reclaimed, after_ts=prompts.get(position - 1)), claimed
        return None, False

    def _items(self, run: SurveyRun, user_id: str) -> Sequence[Item]:
        return items_for(Kind(run.kind), f"{run.workspace_id}:{user_id}", run.period, run.instrument_version)

    def _owner(self, s: Session, run: SurveyRun) -> str | None:
        return members.user_id_of(s, run.member_id)

    def _run_view(self, s: Session, run: SurveyRun, user_id: str, *, answered: int | None = None) -> RunView:
        """`answered`: how many answers the run has, when the caller knows."""
        return RunView(
            run.id,  # type: ignore[arg-type]
            Kind(run.kind),
            run.period,
            len(self._items(run, user_id)),
            runs.count_answers(s, run.id) if answered is None else answered,  # type: ignore[arg-type]
            run.channel_id,
            run.thread_ts,
            run.finished_at is not None,
        )

    def _result(
        self, s: Session, run: SurveyRun, user_id: str, answers: dict[str, int | None] | None = None
    ) -> ResultView:
        asked = self._items(run, user_id)
        if answers is None:
            answers = runs.answers_for_run(s, run.id)  # type: ignore[arg-type]
        if run.kind == Kind.SELF:
            return self_result(s, run, answers, asked)
        scores = score(answers, items=asked)
        lever = lever_for(scores.zone, scores.administration) if scores.zone else None
        return ResultView(run.id, Kind(run.kind), run.period, scores, lever)  # type: ignore[arg-type]
