"""Question claims whose post was given up: what the scheduler's repair (scheduling/prompt_repair.py)
posts later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, select
from sqlmodel import Session

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
    answered = exists().where(Answer.run_id == Prompt.run_id, Answer.item_id == Prompt.item_id)
    rows = session.execute(
        select(
            Prompt.workspace_id,
            Prompt.run_id,
            Prompt.position,
            Prompt.item_id,
            SurveyRun.kind,
            SurveyRun.period,
            SurveyRun.channel_id,
            SurveyRun.thread_ts,
            Member.id,
            Member.user_id,
            Member.locale,
            SurveyRun.instrument_version,
        )
        .join(SurveyRun, and_(SurveyRun.id == Prompt.run_id, SurveyRun.workspace_id == Prompt.workspace_id))
        .join(Member, and_(Member.id == SurveyRun.member_id, Member.workspace_id == SurveyRun.workspace_id))
        .where(
            Prompt.message_ts.is_(None),  # type: ignore[union-attr]
            Prompt.claimed_at < claimed_before,  # type: ignore[operator]
            SurveyRun.finished_at.is_(None),  # type: ignore[union-attr]
            SurveyRun.channel_id.is_not(None),  # type: ignore[union-attr]
            SurveyRun.thread_ts.is_not(None),  # type: ignore[union-attr]
            ~and_(SurveyRun.kind == PULSE, newer_pulse()),  # type: ignore[arg-type]
            ~answered,
            recipients.reachable(),
        )
        .order_by(Prompt.claimed_at, Prompt.id)
        .limit(limit)
    ).all()
    return [UnpostedPrompt(*row) for row in rows]
