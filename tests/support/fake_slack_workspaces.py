"""Workspaces in the fake Slack, kept apart as Slack keeps them: a bot token belongs to one workspace
(`FakeSlack.add_workspace`; any other token is TEAM_ID's), and what a call answers depends on it."""

from __future__ import annotations

from typing import Any

from tests.support.fake_slack_types import Params, _State

TEAM_ID = "T1"


def in_workspace(
    state: _State, method: str, params: Params, token: str | None, result: dict[str, Any]
) -> dict[str, Any]:
    """What the token's own workspace sees: its team in auth.test, only its own users in users.info and
    its own channels in conversations.members. The caller holds the fake's lock."""
    team_id = state.workspaces.get(token or "", TEAM_ID)
    if method == "auth.test":
        return result | {"team_id": team_id}
    channel_team = state.channels.get(str(params.get("channel", "")), TEAM_ID)
    if method == "conversations.members" and channel_team != team_id:
        return {"error": "channel_not_found"}
    if method == "users.info" and "user" in result and result["user"]["team_id"] != team_id:
        return {"error": "user_not_found"}
    return result
