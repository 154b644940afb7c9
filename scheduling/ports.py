"""What scheduled work needs from a surface (Slack today, a console later): the Sender port and its results.

The dispatcher decides who gets what and when, and keeps the ledger; a `Sender` only performs one
delivery and says how it went.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Final, Protocol

from coaching.summary import TeamSummary
from survey_flows.views import RunView, TeamView

STALE_CLAIM: Final[timedelta] = timedelta(minutes=5)
"""A ledger claim (pulse, reminder, summary, notice) this old and still unfinished belongs to a process
that died or to a send that failed: the next run takes it over, and looks in Slack before it posts."""


class SendResult(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"
    """The recipient can't be reached (DM can't be opened, user deactivated): mark and skip, never retry."""
    FAILED = "failed"
    """A passing failure (Slack down after retries): the ledger keeps the claim for a later resume."""


class Claim(StrEnum):
    """How a delivery came to be sent by this call."""

    NEW = "new"
    RETAKEN = "retaken"
    """An earlier attempt never finished (a crash, Slack failing): it may have reached Slack, so the
    surface looks for it before it posts."""


class Sender(Protocol):
    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        """Start (or re-offer) this week's pulse in the member's DM."""
        ...

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: Claim = Claim.NEW
    ) -> SendResult:
        """One gentle reminder to a member who has not answered this week's pulse."""
        ...

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        """The anonymous weekly summary (with chart) in the team channel."""
        ...

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: Claim = Claim.NEW
    ) -> SendResult:
        """The same summary by DM to one manager, plus the lever the model prescribes."""
        ...
