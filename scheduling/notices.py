"""Sending the notices a team change owes (storage/notices.py): claimed, sent once, retried for a day.

A team change writes its notices in its own transaction (survey_flows/teams.py). This dispatcher sends
them: right after the change (the scheduler is asked to run it at once) and every minute on the leader
for whatever is left (a crash, Slack down). Each notice is claimed before it is sent; a failed send keeps
its claim, so it is tried again only after STALE_CLAIM (never in a loop while Slack is down), and a notice
whose earlier attempt did not end as sent is marked `retaken`, so the surface looks for it in the DM before it
posts again. A notice is rendered at send time from the database as it is then: a seller who has already
left the team again is not told they were added, and the managers named are the team's managers now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

from sqlmodel import Session

from scheduling.ports import STALE_CLAIM, SendResult
from storage import notices, recipients, teams
from storage.db import Database
from storage.models import Member, Notice
from storage.notices import NoticeKind
from survey_flows.views import TeamView

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

GIVE_UP_AFTER: Final[timedelta] = timedelta(days=1)
"""A notice still failing this long after the change is given up (logged): Slack was down all day."""
BATCH: Final[int] = 50


@dataclass(frozen=True, slots=True)
class NoticeView:
    """One notice, as the surface renders it (Slack user ids)."""

    notice_id: int
    kind: NoticeKind
    workspace_id: str
    recipient: str
    team: TeamView
    managers: tuple[str, ...]
    """The team's active managers now: who sees the team's anonymous figures."""
    actor: str | None = None
    """Who added the seller (None when that person has since been forgotten)."""
    subject: str | None = None
    """The seller a SELLER_MOVED notice is about."""
    other_team: str | None = None
    """The name of the team that took the seller (None when that team is gone)."""
    retaken: bool = False
    """An earlier attempt may have reached Slack: look for it before posting."""


class NoticeSender(Protocol):
    def send_notice(self, notice: NoticeView) -> SendResult:
        """Post one notice by DM and say how it went."""
        ...


class NoticeDispatcher:
    def __init__(self, db: Database, clock: Clock, sender: NoticeSender, *, batch: int = BATCH) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender
        self.batch = batch

    def send_pending(self, keep_going: Callable[[], bool] = lambda: True) -> int:
        """Send every notice that is due, batch by batch, while `keep_going()`; returns how many were sent."""
        sent = 0
        while keep_going():
            now = self.clock()
            with self.db.session() as s:
                claimed = notices.claim_pending(s, now, now - STALE_CLAIM, self.batch)
                views = [(c.notice.id, self._view(s, c.notice, c.retaken)) for c in claimed]
            if not views:
                return sent
            for notice_id, view in views:
                sent += self._deliver(notice_id, view)  # type: ignore[arg-type]
        return sent

    def _deliver(self, notice_id: int, view: NoticeView | None) -> int:
        if view is None:  # nothing to tell any more, or nobody to tell it to
            with self.db.session() as s:
                notices.give_up(s, notice_id, self.clock())
            return 0
        try:
            result = self.sender.send_notice(view)
        except Exception:  # a surface bug must not stop the other notices
            log.exception("sending a team notice failed")
            result = SendResult.FAILED
        now = self.clock()
        with self.db.session() as s:
            if result is SendResult.SENT:
                notices.mark_sent(s, notice_id, now)
                return 1
            notice = s.get(Notice, notice_id)
            if result is SendResult.UNREACHABLE or (
                notice is not None and now - notice.created_at >= GIVE_UP_AFTER
            ):
                log.warning("team notice %s given up (%s)", notice_id, result.value)
                notices.give_up(s, notice_id, now)
            # else: FAILED keeps its claim; a run after STALE_CLAIM takes it over and looks before posting
        return 0

    @staticmethod
    def _view(s: Session, notice: Notice, retaken: bool) -> NoticeView | None:
        recipient = recipients.get_member(s, notice.recipient_member_id)
        team = teams.get_team(s, notice.team_id)
        if recipient is None or team is None or not _reachable(recipient):
            return None
        kind = NoticeKind(notice.kind)
        to_sellers = kind in (NoticeKind.ADDED_TO_TEAM, NoticeKind.TEAM_CHANGED)
        audience = teams.active_sellers if to_sellers else teams.managers
        members = {m.id for m in audience(s, team.id)}  # type: ignore[arg-type]
        if recipient.id not in members:  # left again (or no longer a manager) before we could tell them
            return None
        subject = other_team = None
        if kind is NoticeKind.SELLER_MOVED:
            found = recipients.get_member(s, notice.subject_member_id) if notice.subject_member_id else None
            if found is None:
                return None
            subject = found.user_id
            taker = teams.get_team(s, notice.other_team_id) if notice.other_team_id else None
            other_team = taker.name if taker is not None else None
        actor = recipients.get_member(s, notice.actor_member_id) if notice.actor_member_id else None
        return NoticeView(
            notice_id=notice.id,  # type: ignore[arg-type]
            kind=kind,
            workspace_id=notice.workspace_id,
            recipient=recipient.user_id,
            team=TeamView.of(team),
            managers=tuple(m.user_id for m in teams.managers(s, team.id)),  # type: ignore[arg-type]
            actor=actor.user_id if actor is not None else None,
            subject=subject,
            other_team=other_team,
            retaken=retaken,
        )


def _reachable(member: Member) -> bool:
    return not (member.is_bot or member.deactivated or recipients.dm_unavailable(member))
