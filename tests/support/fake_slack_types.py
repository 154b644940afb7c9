"""The records the fake Slack keeps: each Web API call, queued failures, and its state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Params = dict[str, Any]

LOST = 0
"""The status of a call whose answer never arrives: the connection closes before it."""


@dataclass(frozen=True)
class Call:
    """One recorded Web API call (failed ones included, see ``status``)."""

    method: str
    params: Params
    token: str | None
    at: float
    status: int = 200
    http_method: str = "POST"
    response: Params = field(default_factory=dict)
    """What the fake answered (decoded JSON), e.g. the ts of a posted message."""


@dataclass
class _Failure:
    status: int
    retry_after: int
    error: str | None
    applied: bool = False
    """Slack did the work before it failed: the message is posted, the answer is the failure."""


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    delays: dict[str, list[float]] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    """usergroups.users.list: user group id -> its members."""
    uploads: dict[str, bytes] = field(default_factory=dict)
    file_names: dict[str, str] = field(default_factory=dict)
    """files.getUploadURLExternal: file id -> the name it was announced with."""
    workspaces: dict[str, str] = field(default_factory=dict)
    """A bot token -> the workspace (team id) it belongs to; any other token is TEAM_ID's."""
    channels: dict[str, str] = field(default_factory=dict)
    """A channel -> the workspace it belongs to, when not TEAM_ID's."""
    seq: int = 0


def truthy(value: Any) -> bool:
    return value is True or str(value).lower() in {"1", "true"}
