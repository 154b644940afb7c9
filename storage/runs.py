"""Survey runs, their answers and the question messages posted for them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Exists, Table, and_, bindparam, exists, func, insert, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.models import Answer, Member, Prompt, SurveyRun
from storage.sql import upsert_insert

# The answer path's statements, built once: plain SQL on the tables (no ORM loading), each with its cache
# key computed once. A tap runs about six statements; built per call, they cost more CPU than running.
_RUNS: Table = SurveyRun.__table__  # type: ignore[attr-defined]
_ANSWERS: Table = Answer.__table__  # type: ignore[attr-defined]
_PROMPTS: Table = Prompt.__table__  # type: ignore[attr-defined]
_MEMBERS: Table = Member.__table__  # type: ignore[attr-defined]
_RUN_WITH_OWNER = (
    select(_RUNS, _MEMBERS.c.user_id.label("owner_user_id"))
    .join(_MEMBERS, _MEMBERS.c.id == _RUNS.c.member_id)
    .where(_RUNS.c.id == bindparam("run_id"), _RUNS.c.workspace_id == bindparam("workspace_id"))
)
_ANSWERS_OF_RUN = select(_ANSWERS.c.item_id, _ANSWERS.c.value).where(_ANSWERS.c.run_id == bindparam("run_id"))
_PROMPT_MESSAGES = select(_PROMPTS.c.position, _PROMPTS.c.message_ts).where(
    _PROMPTS.c.run_id == bindparam("run_id")
)
_CHANGE_ANSWER = (
    update(_ANSWERS)
    .where(
        _ANSWERS.c.run_id == bindparam("of_run"),
        _ANSWERS.c.item_id == bindparam("of_item"),
        _ANSWERS.c.value.is_distinct_from(bindparam("new_value")),
    )
    .values(value=bindparam("new_value"), answered_at=bindparam("now"))
    .returning(_ANSWERS.c.id)
)
_SET_PROMPT_TS = (
    update(_PROMPTS)
    .where(_PROMPTS.c.run_id == bindparam("of_run"), _PROMPTS.c.position == bindparam("at_position"))
    .values(message_ts=bindparam("ts"))
    .returning(_PROMPTS.c.id)
)
_SET_PROMPT_TS_IN = _SET_PROMPT_TS.where(_PROMPTS.c.workspace_id == bindparam("in_workspace"))
_INSERTS: dict[tuple[str, str], Any] = {}


def _insert_new(session: Session, table: Table, conflict: list[str]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id for `table`, built once per dialect; the values are the
    parameters it is executed with."""
    key = (session.get_bind().dialect.name, table.name)
    stmt = _INSERTS.get(key)
    if stmt is None:
        stmt = (
            upsert_insert(session, table)
            .on_conflict_do_nothing(index_elements=conflict)
            .returning(table.c.id)
        )
        _INSERTS[key] = stmt
    return stmt


def run_with_owner(session: Session, workspace_id: str, run_id: int) -> tuple[SurveyRun, str] | None:
    """The run (detached from the session: read it, never change it through the ORM) and its member's
    user id, in one statement; None when the workspace has no such run."""
    row = session.execute(_RUN_WITH_OWNER, {"run_id": run_id, "workspace_id": workspace_id}).first()
    if row is None:
        return None
    fields = row._asdict()
    owner = fields.pop("owner_user_id")
    return SurveyRun(**fields), owner


def find_run(session: Session, workspace_id: str, run_id: int) -> SurveyRun | None:
    run = session.get(SurveyRun, run_id)
    return run if run is not None and run.workspace_id == workspace_id else None


def find_run_for_period(
    session: Session, workspace_id: str, member_id: int, kind: str, period: str
) -> SurveyRun | None:
    return session.scalars(
        select(SurveyRun).where(
            col(SurveyRun.workspace_id) == workspace_id,
            col(SurveyRun.member_id) == member_id,
            col(SurveyRun.kind) == kind,
            col(SurveyRun.period) == period,
        )
    ).first()


def find_run_by_thread(
    session: Session, workspace_id: str, channel_id: str, thread_ts: str
) -> SurveyRun | None:
    return session.scalars(
        select(SurveyRun).where(
            col(SurveyRun.workspace_id) == workspace_id,
            col(SurveyRun.channel_id) == channel_id,
            col(SurveyRun.thread_ts) == thread_ts,
        )
    ).first()


def create_run(
    session: Session,
    workspace_id: str,
    member_id: int,
    kind: str,
    period: str,
    now: datetime,
    team_id: int | None = None,
    *,
    instrument_version: int,
) -> SurveyRun | None:
    """Insert a run that asks `instrument_version` of the survey; None when one already exists for that
    member, kind and period (a race lost)."""
    stmt = upsert_insert(session, SurveyRun).values(
        workspace_id=workspace_id,
        member_id=member_id,
        kind=kind,
        period=period,
        started_at=now,
        team_id=team_id,
        instrument_version=instrument_version,
    )
    # RETURNING, not rowcount: drivers disagree on rowcount for ON CONFLICT DO NOTHING.
    stmt = stmt.on_conflict_do_nothing(index_elements=["workspace_id", "member_id", "kind", "period"])
    if session.execute(stmt.returning(col(SurveyRun.id))).first() is None:
        return None
    return find_run_for_period(session, workspace_id, member_id, kind, period)


PULSE = "pulse"


def newer_pulse() -> Exists:
    """EXISTS a pulse run of the same member for a later ISO week ("2026-W05" sorts as a string)."""
    newer = aliased(SurveyRun)
    return exists().where(
        col(newer.workspace_id) == col(SurveyRun.workspace_id),
        col(newer.member_id) == col(SurveyRun.member_id),
        col(newer.kind) == PULSE,
        col(newer.period) > col(SurveyRun.period),
    )


def superseded(session: Session, run: SurveyRun) -> bool:
    """A pulse stays open until the next one: True for a pulse run once the member has a later week's."""
    if run.kind != PULSE:
        return False
    later = session.scalar(
        select(func.count())
        .select_from(SurveyRun)
        .where(
            col(SurveyRun.workspace_id) == run.workspace_id,
            col(SurveyRun.member_id) == run.member_id,
            col(SurveyRun.kind) == PULSE,
            col(SurveyRun.period) > run.period,
        )
    )
    return bool(later)


def open_runs(session: Session, workspace_id: str, member_id: int) -> Sequence[SurveyRun]:
    """The member's unfinished runs, newest first; a pulse closed by a later week's pulse is not open."""
    return session.scalars(
        select(SurveyRun)
        .where(
            col(SurveyRun.workspace_id) == workspace_id,
            col(SurveyRun.member_id) == member_id,
            col(SurveyRun.finished_at).is_(None),
            ~and_(col(SurveyRun.kind) == PULSE, newer_pulse()),
        )
        .order_by(col(SurveyRun.started_at).desc())
    ).all()


def last_finished_run(session: Session, workspace_id: str, member_id: int) -> SurveyRun | None:
    return session.scalars(
        select(SurveyRun)
        .where(
            col(SurveyRun.workspace_id) == workspace_id,
            col(SurveyRun.member_id) == member_id,
            col(SurveyRun.finished_at).is_not(None),
        )
        .order_by(col(SurveyRun.finished_at).desc())
    ).first()


def attach_thread(session: Session, run: SurveyRun, channel_id: str, thread_ts: str) -> None:
    run.channel_id = channel_id
    run.thread_ts = thread_ts
    session.add(run)


def finish_run(session: Session, run_id: int, now: datetime) -> bool:
    """Mark a run finished; True only for the call that actually finished it."""
    result = session.execute(
        update(SurveyRun)
        .where(col(SurveyRun.id) == run_id, col(SurveyRun.finished_at).is_(None))
        .values(finished_at=now)
        .returning(col(SurveyRun.id))
    )
    return result.first() is not None


def answers_for_run(session: Session, run_id: int) -> dict[str, int | None]:
    rows = session.execute(_ANSWERS_OF_RUN, {"run_id": run_id}).all()
    return {item_id: value for item_id, value in rows}  # noqa: C416


def count_answers(session: Session, run_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Answer).where(col(Answer.run_id) == run_id)) or 0


class AnswerWrite(StrEnum):
    """What `upsert_answer` did to the stored answer."""

    INSERTED = "inserted"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    """The same value was stored already: nothing was written."""


def upsert_answer(
    session: Session, workspace_id: str, run_id: int, item_id: str, value: int | None, now: datetime
) -> AnswerWrite:
    """Store an answer: one row per run and item, a changed tap updates it, the same value again writes
    nothing. What happened is what the database did, not what an earlier read saw, so of two identical
    concurrent taps exactly one is INSERTED (or CHANGED) and the other UNCHANGED: on PostgreSQL the second
    INSERT waits for the first transaction and its UPDATE then sees the committed value; SQLite runs the
    two one after the other. RETURNING, not rowcount: drivers disagree on rowcount for ON CONFLICT."""
    new = _insert_new(session, _ANSWERS, ["run_id", "item_id"])
    row = {
        "workspace_id": workspace_id,
        "run_id": run_id,
        "item_id": item_id,
        "value": value,
        "answered_at": now,
    }
    if session.execute(new, row).first() is not None:
        return AnswerWrite.INSERTED
    changed = session.execute(
        _CHANGE_ANSWER, {"of_run": run_id, "of_item": item_id, "new_value": value, "now": now}
    ).first()
    return AnswerWrite.CHANGED if changed is not None else AnswerWrite.UNCHANGED


def add_answers(
    session: Session, workspace_id: str, answers: Sequence[tuple[int, str, int | None]], now: datetime
) -> None:
    """Store many answers of new runs at once, (run id, item id, value) each: one statement, for a
    workspace written in bulk (the demo). An answer a run already has is an error here, never a change."""
    if answers:
        session.execute(
            insert(Answer),
            [
                {
                    "workspace_id": workspace_id,
                    "run_id": run_id,
                    "item_id": item_id,
                    "value": value,
                    "answered_at": now,
                }
                for run_id, item_id, value in answers
            ],
        )


def prompts_for_run(session: Session, run_id: int) -> dict[int, Prompt]:
    rows = session.scalars(select(Prompt).where(col(Prompt.run_id) == run_id)).all()
    return {prompt.position: prompt for prompt in rows}


def prompt_messages(session: Session, run_id: int) -> dict[int, str | None]:
    """Position -> the ts of its message (None while claimed but not confirmed posted), for every claimed
    question of the run."""
    return dict(session.execute(_PROMPT_MESSAGES, {"run_id": run_id}).all())


def claim_prompt(
    session: Session, workspace_id: str, run_id: int, position: int, item_id: str, now: datetime
) -> bool:
    """Reserve the right to post question `position`; False when another delivery already has it."""
    row = {
        "workspace_id": workspace_id,
        "run_id": run_id,
        "position": position,
        "item_id": item_id,
        "message_ts": None,
        "claimed_at": now,
    }
    return session.execute(_insert_new(session, _PROMPTS, ["run_id", "position"]), row).first() is not None


def set_prompt_ts(
    session: Session | Connection,
    run_id: int,
    position: int,
    message_ts: str,
    *,
    workspace_id: str | None = None,
) -> bool:
    """Record the ts of a posted question; with `workspace_id`, only in that workspace's run. True when a
    claim was there to record it on."""
    params: dict[str, object] = {"of_run": run_id, "at_position": position, "ts": message_ts}
    if workspace_id is None:
        return session.execute(_SET_PROMPT_TS, params).first() is not None
    params["in_workspace"] = workspace_id
    return session.execute(_SET_PROMPT_TS_IN, params).first() is not None


def reclaim_stale_prompt(
    session: Session, run_id: int, position: int, claimed_before: datetime, now: datetime
) -> bool:
    """Take over a claim whose message was never posted (Slack failed or the process died mid-post)."""
    result = session.execute(
        update(Prompt)
        .where(
            col(Prompt.run_id) == run_id,
            col(Prompt.position) == position,
            col(Prompt.message_ts).is_(None),
            col(Prompt.claimed_at) < claimed_before,
        )
        .values(claimed_at=now)
        .returning(col(Prompt.id))
    )
    return result.first() is not None


def release_gone_prompt(session: Session, run_id: int, position: int, gone_ts: str, now: datetime) -> bool:
    """Take over posting question `position` again because its message `gone_ts` no longer exists in Slack.
    Conditional on the stored ts, so of two callers that saw it gone only one succeeds."""
    result = session.execute(
        update(Prompt)
        .where(
            col(Prompt.run_id) == run_id, col(Prompt.position) == position, col(Prompt.message_ts) == gone_ts
        )
        .values(message_ts=None, claimed_at=now)
        .returning(col(Prompt.id))
    )
    return result.first() is not None


def restart_unthreaded_run(session: Session, run_id: int, started_before: datetime, now: datetime) -> bool:
    """Take over a run whose intro message was never posted (Slack failed or the process died)."""
    result = session.execute(
        update(SurveyRun)
        .where(
            col(SurveyRun.id) == run_id,
            col(SurveyRun.thread_ts).is_(None),
            col(SurveyRun.started_at) < started_before,
        )
        .values(started_at=now)
        .returning(col(SurveyRun.id))
    )
    return result.first() is not None


def has_other_run(session: Session, workspace_id: str, member_id: int, run_id: int) -> bool:
    """Whether the member has any run besides `run_id` (the bot has written to them before)."""
    return (
        session.scalar(
            select(col(SurveyRun.id))
            .where(
                col(SurveyRun.workspace_id) == workspace_id,
                col(SurveyRun.member_id) == member_id,
                col(SurveyRun.id) != run_id,
            )
            .limit(1)
        )
        is not None
    )
