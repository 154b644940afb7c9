"""A user's language and time zone: cached in the database, refreshed from users.info at most daily."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coaching.locale import Locale, match_locale
from storage.db import StorageUnavailable
from survey_flows.profiles import ProfileStore

log = logging.getLogger(__name__)


class Profiles:
    def __init__(
        self, store: ProfileStore, default_locale: Locale, open_pace: Callable[[], None] | None = None
    ) -> None:
        self.store = store
        self.default_locale = default_locale
        self.open_pace = open_pace
        """Called before a conversations.open (the scheduled sender shares the DM warm-up's Tier 3 budget)."""

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
            self._save(workspace_id, user_id, user)
        return match_locale(slack_locale) or self.default_locale

    def for_sending(self, client: WebClient, workspace_id: str, user_id: str) -> Locale:
        """The language of something sent on the bot's own initiative (a pulse, a notice): the cached one,
        with no users.info per send (Tier 4). Slack is asked only when the profile was never fetched, or
        has no language and is more than a day old."""
        cached = self.store.get(workspace_id, user_id)
        if cached is not None and cached.locale is not None:
            return cached.locale
        if cached is not None and not cached.is_stale(self.store.clock()):
            return self.default_locale
        return self.locale(client, workspace_id, user_id)

    def display_names(self, client: WebClient, workspace_id: str, user_ids: Iterable[str]) -> dict[str, str]:
        """User id -> the name Slack shows (display name, else full name), for text that cannot mention
        (a form's errors). users.info per user: only for the few people an error names. A user Slack
        will not describe keeps their id."""
        names: dict[str, str] = {}
        for user_id in dict.fromkeys(user_ids):
            try:
                user = client.users_info(user=user_id).get("user") or {}
            except SlackApiError as exc:
                log.warning("users.info failed for a named user: %s", exc.response.get("error"))
                continue
            profile = user.get("profile") or {}
            name = profile.get("display_name") or profile.get("real_name") or user.get("real_name")
            if isinstance(name, str) and name.strip():
                names[user_id] = name.strip()
        return names

    def tz(self, workspace_id: str, user_id: str) -> str | None:
        """The cached Slack time zone (filled by `locale` or `refresh`)."""
        cached = self.store.get(workspace_id, user_id)
        return cached.tz if cached else None

    def refresh(self, client: WebClient, workspace_id: str, user_ids: Iterable[str]) -> None:
        """Fill the cache (locale, tz, bot, deactivated) for users not seen in the last day: once per user,
        after a team is set up, never per send (users.info is Tier 4)."""
        now = self.store.clock()
        for user_id in dict.fromkeys(user_ids):
            cached = self.store.get(workspace_id, user_id)
            if cached is not None and not cached.is_stale(now):
                continue
            try:
                user = client.users_info(user=user_id, include_locale=True).get("user") or {}
            except SlackApiError as exc:
                log.warning("users.info failed for a team member: %s", exc.response.get("error"))
                continue
            self._save(workspace_id, user_id, user)

    def _save(self, workspace_id: str, user_id: str, user: dict) -> None:
        self.store.save(
            workspace_id,
            user_id,
            slack_locale=user.get("locale"),
            tz=user.get("tz"),
            is_bot=_flag(user, "is_bot"),
            deleted=_flag(user, "deleted"),
        )

    def dm_channel(self, client: WebClient, workspace_id: str, user_id: str) -> str:
        """The bot's DM channel with the user (conversations.open is Tier 3: cached after the first call,
        and usually before it by the DM warm-up, survey_flows/dm_warmup.py)."""
        cached = self.store.get(workspace_id, user_id)
        if cached is not None and cached.dm_channel_id:
            return cached.dm_channel_id
        if self.open_pace is not None:
            self.open_pace()
            cached = self.store.get(workspace_id, user_id)  # (opened by the warm-up while we waited?)
            if cached is not None and cached.dm_channel_id:
                return cached.dm_channel_id
        channel_id: str = client.conversations_open(users=user_id)["channel"]["id"]
        self.store.save_dm_channel(workspace_id, user_id, channel_id)
        return channel_id


def _flag(user: dict, name: str) -> bool | None:
    value = user.get(name)
    return value if isinstance(value, bool) else None
