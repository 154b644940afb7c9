"""Question claims whose post was given up: what the scheduler's repair (scheduling/prompt_repair.py)
posts later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, select
from sqlmodel import Session, col

from storage import recipients
from storage.models import Answer, Member, Prompt, SurveyRun
from storage.runs import PULSE, newer_pulse


@dataclass(frozen=True, slots=True)
class UnpostedPrompt:
    workspace_id: str
    run_id: int
    position: int
    item_id: str
    kind: str
    period: str
    channel_id: str
    thread_ts: str
    member_id: int
    user_id: str
    locale: str | None
    instrument_version: int


def unposted_prompts(session: Session, claimed_before: datetime, limit: int) -> list[UnpostedPrompt]:
    """Up to `limit` claims without a message ts made before `claimed_before` (oldest first), in every
    workspace, whose question is still the open one of an open run with a thread: the run is unfinished,
    not a pulse closed by a later one, the item unanswered (a late copy that was answered is done), and
    its member reachable (not deactivated, a bot, or marked unreachable since their last profile
    refresh), so a seller whose DM is gone is not tried again and again."""
    answered = exists().where(
        col(Answer.run_id) == col(Prompt.run_id), col(Answer.item_id) == col(Prompt.item_id)
    )
    rows = session.execute(
        select(
            col(Prompt.workspace_id),
            col(Prompt.run_id),
            col(Prompt.position),
            col(Prompt.item_id),
            col(SurveyRun.kind),
            col(SurveyRun.period),
            col(SurveyRun.channel_id),
            col(SurveyRun.thread_ts),
            col(Member.id),
            col(Member.user_id),
            col(Member.locale),
            col(SurveyRun.instrument_version),
        )
        .join(
            SurveyRun,
            and_(
                col(SurveyRun.id) == col(Prompt.run_id),
                col(SurveyRun.workspace_id) == col(Prompt.workspace_id),
            ),
        )
        .join(
            Member,
            and_(
                col(Member.id) == col(SurveyRun.member_id),
                col(Member.workspace_id) == col(SurveyRun.workspace_id),
            ),
        )
        .where(
            col(Prompt.message_ts).is_(None),
            col(Prompt.claimed_at) < claimed_before,
            col(SurveyRun.finished_at).is_(None),
            col(SurveyRun.channel_id).is_not(None),
            col(SurveyRun.thread_ts).is_not(None),
            ~and_(col(SurveyRun.kind) == PULSE, newer_pulse()),
            ~answered,
            recipients.reachable(),
        )
        .order_by(col(Prompt.claimed_at), col(Prompt.id))
        .limit(limit)
    ).all()
    return [UnpostedPrompt(*row) for row in rows]
