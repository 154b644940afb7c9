"""A `Sender` that talks to no one: the demo publishes its weeks through the clock's own summary publishing,
and this records what the team channels and the managers would have got."""

from __future__ import annotations

from dataclasses import dataclass, field

from coaching.summary import TeamSummary
from scheduling.ports import Claim, SendResult
from survey_flows.views import RunView, TeamView


@dataclass
class RecordingSender:
    channel_posts: list[tuple[TeamView, TeamSummary]] = field(default_factory=list)
    manager_dms: list[tuple[TeamView, TeamSummary, str]] = field(default_factory=list)

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        return SendResult.SENT

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: Claim = Claim.NEW
    ) -> SendResult:
        return SendResult.SENT

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        self.channel_posts.append((team, summary))
        return SendResult.SENT

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: Claim = Claim.NEW
    ) -> SendResult:
        self.manager_dms.append((team, summary, user_id))
        return SendResult.SENT
