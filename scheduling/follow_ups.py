"""Follow-up reminders of coaching plans ("det som loves, skjer"): sent once, when due, across restarts.

The reminder is persisted (`follow_up`, one per request) and the scheduler's leader calls `send_due()`
every few minutes. Each due reminder is claimed with `UPDATE … SET sent_at WHERE sent_at IS NULL AND due_at
<= now RETURNING`, committed before the Slack call: only the caller whose update took effect sends, so two
dispatchers, a repeated job or a restart never send it twice.

Trade-off (the opposite of the weekly pulse): a process that dies between the claim and Slack's answer loses
that one reminder rather than risking two. A send that fails with a passing error (Slack down after the
client's retries) gives the claim back, so a later run tries again, for up to a day after the due time; a
manager who cannot be sent a DM (deactivated, DMs not allowed) is marked like for the pulse and not retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final, Protocol

from coaching.advice import advise
from scheduling.ports import SendResult
from storage import advice_requests, recipients
from storage.db import Database
from storage.models import CoachingRequest, FollowUp, Member, stored_id
from survey_flows.advice_dialogue import request_view
from survey_flows.advice_views import FollowUpReminder

log = logging.getLogger(__name__)

RETRY_FOR: Final = timedelta(days=1)
"""How long after its due time a reminder whose send failed is tried again."""


class FollowUpSender(Protocol):
    def send_follow_up(self, reminder: FollowUpReminder) -> SendResult:
        """The reminder in the manager's DM, with the plan's checkpoints and a way back to the advice."""
        ...


@dataclass(slots=True)
class FollowUpReport:
    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


class FollowUpDispatcher:
    def __init__(self, db: Database, clock: Callable[[], datetime], sender: FollowUpSender) -> None:
        self.db = db
        self.clock = clock
        self.sender = sender

    def send_due(self, limit: int = 100) -> FollowUpReport:
        """Send every due reminder nobody has sent; safe to call as often as you like, from anywhere."""
        now, report = self.clock(), FollowUpReport()
        with self.db.session() as s:
            due = [(f.id, f.due_at) for f in advice_requests.due_follow_ups(s, now, limit)]
        for follow_up_id, due_at in due:
            claimed = self._claim(follow_up_id, now)  # type: ignore[arg-type]
            if claimed is None:
                continue  # sent (or being sent) by someone else, or deleted meanwhile
            reminder, manager_id, skip = claimed
            if skip:
                log.info("follow-up %s skipped: %s", follow_up_id, skip)
                report.skipped.append(follow_up_id)  # type: ignore[arg-type]
                continue
            result = self._send(reminder)
            if result is SendResult.SENT:
                report.sent.append(follow_up_id)  # type: ignore[arg-type]
            elif result is SendResult.UNREACHABLE:
                with self.db.session() as s:
                    recipients.mark_dm_unavailable(s, manager_id, self.clock())
                report.skipped.append(follow_up_id)  # type: ignore[arg-type]
            elif now - due_at < RETRY_FOR:
                with self.db.session() as s:
                    advice_requests.release_follow_up(s, follow_up_id, now)  # type: ignore[arg-type]
                log.warning("follow-up %s not delivered; will be tried again", follow_up_id)
                report.failed.append(follow_up_id)  # type: ignore[arg-type]
            else:
                log.warning("follow-up %s not delivered a day after it was due; given up", follow_up_id)
                report.failed.append(follow_up_id)  # type: ignore[arg-type]
        return report

    def _claim(self, follow_up_id: int, now: datetime) -> tuple[FollowUpReminder, int, str | None] | None:
        """Claim a due reminder; with the reason to skip it, if any (the manager cannot be sent a DM, or
        the person is no longer a seller of a team they manage: coaching rights follow the team)."""
        with self.db.session() as s:
            if not advice_requests.mark_follow_up_sent(s, follow_up_id, now):
                return None
            follow_up = s.get(FollowUp, follow_up_id)
            request = s.get(CoachingRequest, follow_up.request_id) if follow_up else None
            manager = s.get(Member, request.manager_member_id) if request else None
            if follow_up is None or request is None or manager is None:  # pragma: no cover - cascade
                return None
            view = request_view(s, request)
            reminder = FollowUpReminder(
                follow_up_id=follow_up_id,
                workspace_id=request.workspace_id,
                manager_user_id=view.manager_user_id,
                subject_user_id=view.subject_user_id,
                request=view,
                advice=advise(view.situation),
                due_at=follow_up.due_at,
            )
            skip = None
            if recipients.dm_unavailable(manager) or manager.deactivated:
                skip = "the manager cannot be sent a DM"
            elif (
                advice_requests.shared_team(
                    s, request.workspace_id, stored_id(manager), request.subject_member_id
                )
                is None
            ):
                skip = "the person is no longer a seller of a team the manager manages"
            return reminder, manager.id, skip  # type: ignore[return-value]

    def _send(self, reminder: FollowUpReminder) -> SendResult:
        try:
            return self.sender.send_follow_up(reminder)
        except Exception:  # a surface bug must not stop the other reminders
            log.exception("sending follow-up %s failed", reminder.follow_up_id)
            return SendResult.FAILED
