"""A fan-out shared by every replica: the leader plans it as `due` ledger rows, any replica's send loop
(scheduling/send_loop.py) or the planning run's own workers claim each row and send it, once.

`settle` is what happens to one claimed row, whoever claimed it and however (a due row claimed, a
replica's claim taken over after its heartbeat stopped, the resume job's take-over): the member must
still be a recipient, the day it was planned or claimed must still be the member's local today (a pulse
is never sent late on a later day: it is recorded skipped), and a reminder only goes with an open pulse.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from scheduling.dispatch_types import Recipient, Report
from scheduling.ports import Claim
from storage import ledger, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows import calendar

if TYPE_CHECKING:  # the resume (dispatch_resume.py) settles its claims here too
    from scheduling.dispatch_resume import Desk

log = logging.getLogger("scheduling.dispatch")

KINDS = (DeliveryKind.PULSE, DeliveryKind.REMINDER)
"""What the send loops send; summaries stay with the summary publisher on the leader."""


def plan(db: Database, kind: str, due: Sequence[tuple[Recipient, str]], now: datetime) -> None:
    """Write the fan-out down as `due` rows, one per recipient and period (the ledger's unique key keeps
    a second plan of the same run from adding any); unreachable recipients are recorded by the run."""
    by_workspace: dict[str, list[tuple[str, str]]] = {}
    for r, period in due:
        if not r.unreachable:
            by_workspace.setdefault(r.workspace_id, []).append((str(r.member_id), period))
    for workspace_id, items in by_workspace.items():
        with db.session() as s:
            ledger.plan(s, workspace_id, kind, items, now)


def settle(
    desk: Desk,
    workspace_id: str,
    kind: str,
    target: str,
    period: str,
    since: datetime,
    claim: Claim,
) -> Report:
    """Send (or record as skipped) one delivery this process has just claimed; `since` is when it was
    planned or first claimed. A failed send keeps the claim (the report's `failed`)."""
    now, key = desk.clock(), f"{kind}:{target}:{period}"
    with desk.db.session() as s:
        recipient = recipient_for_resume(s, workspace_id, target)
    if recipient is None:
        desk.finish(workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "no longer a recipient")
        return Report(skipped=[key])
    if calendar.local_date(since, recipient.tz) != calendar.local_date(now, recipient.tz):
        log.warning(
            "scheduled %s for member %s (%s) was left on an earlier day; skipped", kind, target, period
        )
        desk.finish(
            workspace_id,
            kind,
            target,
            period,
            DeliveryStatus.SKIPPED,
            "missed: interrupted on an earlier day",
        )
        return Report(skipped=[key])
    if kind == DeliveryKind.REMINDER and desk.open_pulse(recipient, period) is None:
        desk.finish(workspace_id, kind, target, period, DeliveryStatus.SKIPPED, "pulse answered meanwhile")
        return Report(skipped=[key])
    return desk.send_claimed(recipient, kind, period, claim)


def recipient_for_resume(s: Session, workspace_id: str, target: str) -> Recipient | None:
    """The claim's member if they still get pulses: an active seller of a team, not deactivated."""
    found = teams.active_seller_and_team(s, workspace_id, int(target)) if target.isdigit() else None
    if found is None:
        return None
    recipient = Recipient.of(*found)
    return None if recipient.unreachable else recipient
