"""The coaching dialogue's pure steps: reading free text, the next question, a reminder's time, and the
view of a stored request. `AdviceFlow` (coaching.py) does the transactions around them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlmodel import Session

from coaching.observations import prefill
from storage import members, teams
from storage.advice_requests import Step
from storage.models import CoachingRequest
from survey_flows import calendar
from survey_flows.advice_views import (
    CHOICES,
    CONFIRM,
    DONT_KNOW,
    FIELDS,
    MAX_REQUEST_ID,
    OBSERVATION_MAX,
    QuestionView,
    RequestView,
)

FOLLOW_UP_MINUTE: Final = 9 * 60
"""Reminders arrive at 09:00 in the manager's own time zone, on a weekday."""


def observation_too_long(text: str) -> bool:
    """More than OBSERVATION_MAX characters of observation (plain text: the front end has taken out the
    mention of the person and its other markup)."""
    return len(text.strip()) > OBSERVATION_MAX


def valid_request_id(request_id: int) -> bool:
    """An id a request can have; anything else (from a forged button) finds nothing without a query."""
    return 0 < request_id <= MAX_REQUEST_ID


def observations_of_text(text: str, locale_hint: str | None = None) -> dict[str, Any]:
    """The fields plain free text settles ("Kari er ny og usikker" -> experience new, confidence low)."""
    if not text.strip():
        return {}
    situation = prefill(text, locale_hint)
    return {name: getattr(situation, name) for name in FIELDS if getattr(situation, name) is not None}


def next_question(request: RequestView) -> QuestionView | None:
    """What to ask next: the confirmation of pre-filled observations, else the first field not yet answered
    ("don't know" counts as answered); None when everything is answered."""
    if request.answered:
        return None
    if request.step == Step.CONFIRMING:
        prefilled = {name: request.observations[name] for name in FIELDS if name in request.observations}
        return QuestionView(
            request.request_id, request.subject_user_id, CONFIRM, CHOICES[CONFIRM], prefilled=prefilled
        )
    for name in FIELDS:
        if name not in request.observations:
            return QuestionView(
                request.request_id, request.subject_user_id, name, (*CHOICES[name], DONT_KNOW)
            )
    return None


def chosen(question: QuestionView, choice: str) -> QuestionView:
    """The question as answered: the same buttons, `choice` highlighted."""
    return QuestionView(
        question.request_id,
        question.subject_user_id,
        question.field,
        question.choices,
        chosen=choice,
        prefilled=question.prefilled,
    )


def follow_up_due(now: datetime, tz: str | None, weeks: int) -> datetime:
    """09:00 manager-local, `weeks` weeks after today (moved to Monday when that is a weekend)."""
    day = calendar.local_date(now, tz) + timedelta(weeks=weeks)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return calendar.local_instant(day, FOLLOW_UP_MINUTE, tz)


def request_view(s: Session, request: CoachingRequest) -> RequestView:
    team = teams.get_team(s, request.team_id) if request.team_id is not None else None
    return RequestView(
        request_id=request.id,  # type: ignore[arg-type]
        workspace_id=request.workspace_id,
        manager_user_id=members.user_id_of(s, request.manager_member_id) or "",
        subject_user_id=members.user_id_of(s, request.subject_member_id) or "",
        team_id=request.team_id,
        team_name=team.name if team is not None else None,
        observations=dict(request.observations),
        step=request.step,
        channel_id=request.channel_id,
        thread_ts=request.thread_ts,
        created_at=request.created_at,
        answered_at=request.answered_at,
        question_field=request.question_field,
        question_ts=request.question_ts,
    )
