"""The team setup form through the real app: `/balanse setup` opens it, a signed view_submission saves it."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltResponse

from survey_flows.teams import TeamService
from tests.support.harness import Harness
from tests.support.modals import state_of

WS = "T1"
CHANNEL = "C1"


def open_setup(harness: Harness, text: str = "setup", user_id: str = "U1", channel_id: str = CHANNEL) -> dict:
    before = len(harness.fake.calls_to("views.open"))
    harness.command(text, user_id=user_id, channel_id=channel_id)
    opened = harness.fake.calls_to("views.open")
    assert len(opened) == before + 1, [c.method for c in harness.fake.calls]
    assert opened[-1].params["trigger_id"]
    return opened[-1].params["view"]


def submit(harness: Harness, view: dict, user_id: str = "U1", **changed: Any) -> BoltResponse:
    return harness.send(
        harness.requests.view_submission(
            user_id=user_id,
            callback_id=view["callback_id"],
            values=state_of(view, changed),
            private_metadata=view["private_metadata"],
        )
    )


def team_of(harness: Harness, channel_id: str = CHANNEL) -> tuple:
    return TeamService(harness.db, harness.clock).for_channel(WS, channel_id)
