"""Who may set up a team in a workspace: its owners and admins, and the people and user groups listed.

The list (`TEAM_CREATORS`: user ids U…/W… and user group ids S…) is asked per workspace, so a workspace of
its own can get a list of its own when the bot serves several. Slack is asked at the moment of the setup
(users.info for the owner and admin flags, usergroups.users.list for a listed group), never from a cache:
an admin who loses the role loses the right at once. The flow (survey_flows/teams.py) takes the answer as
`SetupFacts.may_create`; existing teams are changed by their managers whatever this says.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

ADMIN_FLAGS = ("is_primary_owner", "is_owner", "is_admin")
"""users.info's flags for the workspace's owners and admins (a guest has none of them)."""


class SetupAccess:
    def __init__(self, creators: Callable[[str], frozenset[str]]) -> None:
        self.creators = creators
        """Workspace id -> the user ids and user group ids allowed besides its owners and admins."""

    def allows(self, client: WebClient, workspace_id: str, user_id: str) -> bool:
        """Whether this person may set up a team (or take over one whose managers have all gone)."""
        listed = self.creators(workspace_id)
        if user_id in listed:
            return True
        try:
            user = client.users_info(user=user_id).get("user") or {}
        except SlackApiError as exc:
            if exc.response.get("error") in ("user_not_found", "user_not_visible"):
                return False
            raise
        if any(user.get(flag) is True for flag in ADMIN_FLAGS):
            return True
        return any(
            self._in_group(client, group, user_id) for group in sorted(listed) if group.startswith("S")
        )

    @staticmethod
    def _in_group(client: WebClient, group_id: str, user_id: str) -> bool:
        try:
            users = client.usergroups_users_list(usergroup=group_id).get("users") or []
        except SlackApiError as exc:  # e.g. a group that was deleted: nobody is in it
            log.warning("could not read user group %s: %s", group_id, exc.response.get("error"))
            return False
        return user_id in users
