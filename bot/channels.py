"""Who is in a channel (conversations.members), for the team setup: its default sellers, and the only
people who can be its sellers."""

from __future__ import annotations

from slack_sdk import WebClient

MEMBER_PAGE = 200
MAX_MEMBER_PAGES = 5
"""At most 1,000 channel members are looked at (a team channel has far fewer)."""


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    found: list[str] = []
    cursor = None
    for _ in range(MAX_MEMBER_PAGES):
        page = client.conversations_members(channel=channel_id, limit=MEMBER_PAGE, cursor=cursor)
        found.extend(page.get("members") or [])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return found
