"""A user's language and time zone: cached in the database, refreshed from users.info at most daily.

Only a member the bot keeps data about has a cached profile (survey_flows/profiles.py): asking Slack who
someone is never makes a member row. For anyone else, what users.info said (language, time zone, bot and
deactivated flags, nothing more) is held in this process's memory for at most a day, at most
`HEARD_MAX` people, so a first-time user is not looked up at every tap. It is written to their row once
the bot keeps data about them: when their first run's DM is opened (`dm_channel`), when a team they
joined is refreshed (`refresh`) or at their next request; it is dropped at forget-me and lost at a
restart (users.info is then asked again, which is the one extra look-up a first-time user can cost).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coaching.locale import Locale, match_locale
from scheduling.pacing import Budget
from storage.db import StorageUnavailable
from survey_flows.profiles import REFRESH_AFTER, ProfileStore

HEARD_MAX: Final[int] = 10_000
"""How many people without a member row the process remembers users.info answers for."""
_KEPT: Final[tuple[str, ...]] = ("locale", "tz", "is_bot", "deleted")

log = logging.getLogger(__name__)


class Profiles:
    def __init__(
        self,
        store: ProfileStore,
        default_locale: Locale,
        open_pace: Budget | None = None,
        *,
        lookup_pace: Budget | None = None,
        waits: bool = True,
    ) -> None:
        self.store = store
        self.default_locale = default_locale
        self.waits = waits
        """Whether a call waits for its budget's token (the scheduled senders) or spends it at once (a
        person's request: people first, docs/SCHEDULING.md)."""
        self.open_pace = open_pace
        """The workspace's conversations.open budget, a token before each call (shared with the DM
        warm-up, and on PostgreSQL with every replica)."""
        self.lookup_pace = lookup_pace
        """The workspace's users.info budget (90 a minute), a token before each look-up."""
        self._heard: dict[tuple[str, str], tuple[datetime, dict[str, Any]]] = {}
        self._heard_lock = threading.Lock()

    def locale(self, client: WebClient, workspace_id: str, user_id: str) -> Locale:
        """The user's language; users.info (Tier 4) is asked only when the cache is empty or a day old."""
        try:
            cached = self.store.get(workspace_id, user_id)
        except StorageUnavailable:
            cached = None  # still answer in the user's language; the caller reports the outage
        if cached is not None and not cached.is_stale(self.store.clock()):
            return cached.locale or self.default_locale
        user = self._heard_of(workspace_id, user_id)
        if user is None:
            try:
                user = self._users_info(client, workspace_id, user_id, include_locale=True)
            except SlackApiError as exc:
                log.warning("users.info failed for a user: %s", exc.response.get("error"))
                return (cached.locale if cached else None) or self.default_locale
        with contextlib.suppress(StorageUnavailable):
            self._save(workspace_id, user_id, user)
        return match_locale(user.get("locale")) or self.default_locale

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
        (a form's errors, a button). users.info per user: only for the few people named. A user Slack
        will not describe keeps their id."""
        return {user_id: names[0] for user_id, names in self.names(client, workspace_id, user_ids).items()}

    def names(
        self, client: WebClient, workspace_id: str, user_ids: Iterable[str]
    ) -> dict[str, tuple[str, ...]]:
        """User id -> every name Slack shows for them, the one it shows first (display name, else full
        name) first: to find whom a manager's DM names among their own sellers. Asked when needed, never
        stored; someone Slack will not describe is left out."""
        found: dict[str, tuple[str, ...]] = {}
        for user_id in dict.fromkeys(user_ids):
            try:
                user = self._users_info(client, workspace_id, user_id)
            except SlackApiError as exc:
                log.warning("users.info failed for a named user: %s", exc.response.get("error"))
                continue
            profile = user.get("profile") or {}
            candidates = (profile.get("display_name"), profile.get("real_name"), user.get("real_name"))
            names = tuple(dict.fromkeys(n.strip() for n in candidates if isinstance(n, str) and n.strip()))
            if names:
                found[user_id] = names
        return found

    def tz(self, workspace_id: str, user_id: str) -> str | None:
        """The cached Slack time zone (filled by `locale` or `refresh`), or what users.info said today
        about someone the bot keeps no row for."""
        cached = self.store.get(workspace_id, user_id)
        if cached is not None and cached.tz:
            return cached.tz
        heard = self._heard_of(workspace_id, user_id)
        return heard.get("tz") if heard else None

    def forget(self, workspace_id: str, user_id: str) -> None:
        """Forget-me: drop what this process holds about the user, too."""
        with self._heard_lock:
            self._heard.pop((workspace_id, user_id), None)

    def refresh(self, client: WebClient, workspace_id: str, user_ids: Iterable[str]) -> None:
        """Fill the cache (locale, tz, bot, deactivated) for users not seen in the last day: once per user,
        after a team is set up, never per send (users.info is Tier 4)."""
        now = self.store.clock()
        for user_id in dict.fromkeys(user_ids):
            cached = self.store.get(workspace_id, user_id)
            if cached is not None and not cached.is_stale(now):
                continue
            user = self._heard_of(workspace_id, user_id)
            if user is None:
                try:
                    user = self._users_info(client, workspace_id, user_id, include_locale=True)
                except SlackApiError as exc:
                    log.warning("users.info failed for a team member: %s", exc.response.get("error"))
                    continue
            self._save(workspace_id, user_id, user)

    def _save(self, workspace_id: str, user_id: str, user: dict) -> None:
        """Cache on the member row; someone without one is only remembered in memory (see the module)."""
        saved = self.store.save(
            workspace_id,
            user_id,
            slack_locale=user.get("locale"),
            tz=user.get("tz"),
            is_bot=_flag(user, "is_bot"),
            deleted=_flag(user, "deleted"),
        )
        with self._heard_lock:
            if saved:
                self._heard.pop((workspace_id, user_id), None)
                return
            self._heard.pop((workspace_id, user_id), None)
            if len(self._heard) >= HEARD_MAX:
                del self._heard[next(iter(self._heard))]  # the oldest
            self._heard[workspace_id, user_id] = (self.store.clock(), {k: user.get(k) for k in _KEPT})

    def _heard_of(self, workspace_id: str, user_id: str) -> dict[str, Any] | None:
        """What users.info said within the last day about someone without a member row, if anything."""
        with self._heard_lock:
            found = self._heard.get((workspace_id, user_id))
            if found is None:
                return None
            heard_at, user = found
            if self.store.clock() - heard_at >= REFRESH_AFTER:
                del self._heard[workspace_id, user_id]
                return None
            return user

    def _users_info(self, client: WebClient, workspace_id: str, user_id: str, **extra: Any) -> dict[str, Any]:
        """users.info, after a token of the workspace's look-up budget."""
        self._charge(self.lookup_pace, workspace_id)
        user: dict[str, Any] = client.users_info(user=user_id, **extra).get("user") or {}
        return user

    def _charge(self, budget: Budget | None, workspace_id: str) -> None:
        if budget is None:
            return
        if self.waits:
            budget.take(workspace_id)
            return
        try:
            budget.spend(workspace_id)
        except StorageUnavailable:
            log.warning("a Slack call could not be counted against the workspace's budget")

    def dm_channel(self, client: WebClient, workspace_id: str, user_id: str) -> str:
        """The bot's DM channel with the user (conversations.open is Tier 3: cached after the first call,
        and usually before it by the DM warm-up, scheduling/dm_warmup.py)."""
        cached = self.store.get(workspace_id, user_id)
        if cached is not None and cached.dm_channel_id:
            return cached.dm_channel_id
        if self.open_pace is not None:
            self._charge(self.open_pace, workspace_id)
            cached = self.store.get(workspace_id, user_id)  # (opened by the warm-up while we waited?)
            if cached is not None and cached.dm_channel_id:
                return cached.dm_channel_id
        channel_id: str = client.conversations_open(users=user_id)["channel"]["id"]
        if self.store.save_dm_channel(workspace_id, user_id, channel_id):
            heard = self._heard_of(workspace_id, user_id)  # a first run made the row just now: fill it
            if heard is not None:
                self._save(workspace_id, user_id, heard)
        return channel_id


def _flag(user: dict, name: str) -> bool | None:
    value = user.get(name)
    return value if isinstance(value, bool) else None
