"""A user's language and time zone: cached in the database, refreshed from users.info at most daily."""

from __future__ import annotations

import contextlib
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coaching.locale import Locale, match_locale
from storage.db import StorageUnavailable
from survey_flows.profiles import ProfileStore

log = logging.getLogger(__name__)


class Profiles:
    def __init__(self, store: ProfileStore, default_locale: Locale) -> None:
        self.store = store
        self.default_locale = default_locale

    def locale(self, client: WebClient, workspace_id: str, user_id: str) -> Locale:
        """The user's language; users.info (Tier 4) is asked only when the cache is empty or a day old."""
        try:
            cached = self.store.get(workspace_id, user_id)
        except StorageUnavailable:
            cached = None  # still answer in the user's language; the caller reports the outage
        if cached is not None and not cached.is_stale(self.store.clock()):
            return cached.locale or self.default_locale
        try:
            user = client.users_info(user=user_id, include_locale=True).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info failed for a user: %s", exc.response.get("error"))
            return (cached.locale if cached else None) or self.default_locale
        slack_locale = user.get("locale")
        with contextlib.suppress(StorageUnavailable):
            self.store.save(workspace_id, user_id, slack_locale=slack_locale, tz=user.get("tz"))
        return match_locale(slack_locale) or self.default_locale

    def dm_channel(self, client: WebClient, workspace_id: str, user_id: str) -> str:
        """The bot's DM channel with the user (conversations.open is Tier 3: cached after the first call)."""
        cached = self.store.get(workspace_id, user_id)
        if cached is not None and cached.dm_channel_id:
            return cached.dm_channel_id
        channel_id: str = client.conversations_open(users=user_id)["channel"]["id"]
        self.store.save_dm_channel(workspace_id, user_id, channel_id)
        return channel_id
