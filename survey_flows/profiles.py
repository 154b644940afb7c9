"""What we cache about a Slack user (locale, time zone, DM channel), and when to refresh it.

The cache lives on the member row, and only a member the bot already keeps data about has one: a row is
made when the bot starts keeping something about a person (a run, a team membership), never by caching
what Slack says about them. So asking for an export, forget-me, help or App Home stores nothing about
someone the bot never knew.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from coaching.locale import Locale, match_locale
from storage import members, recipients
from storage.db import Database
from survey_flows.survey import Clock

REFRESH_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Profile:
    locale: Locale | None
    tz: str | None
    dm_channel_id: str | None
    refreshed_at: datetime | None

    def is_stale(self, now: datetime) -> bool:
        return self.refreshed_at is None or now - self.refreshed_at >= REFRESH_AFTER


class ProfileStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def get(self, workspace_id: str, user_id: str) -> Profile | None:
        with self.db.connection() as conn:  # every request asks: no ORM session
            found = members.cached_profile(conn, workspace_id, user_id)
            if found is None:
                return None
            locale, tz, dm_channel_id, refreshed_at = found
            return Profile(match_locale(locale), tz, dm_channel_id, refreshed_at)

    def save(
        self,
        workspace_id: str,
        user_id: str,
        *,
        slack_locale: str | None,
        tz: str | None,
        is_bot: bool | None = None,
        deleted: bool | None = None,
    ) -> bool:
        """What users.info said, for a member the bot already knows (False, and nothing stored, for anyone
        else); `deleted` (a deactivated account) stops everything sent to the member."""
        now = self.clock()
        locale = match_locale(slack_locale)
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return False
            members.update_profile(
                s, member, locale=locale, tz=tz, now=now, is_bot=is_bot, deactivated=deleted
            )
            return True

    def update_known(
        self,
        workspace_id: str,
        user_id: str,
        *,
        slack_locale: str | None,
        tz: str | None,
        is_bot: bool | None = None,
    ) -> bool:
        """A profile change Slack told us about (user_change), for a member we already know; other users of
        the workspace get no row. The refresh time moves only when the locale came with it. A member
        marked unreachable is tried again at the next send (user_change does not always carry a locale)."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return False
            locale = match_locale(slack_locale)
            now = self.clock() if locale else None
            members.update_profile(s, member, locale=locale, tz=tz, now=now, is_bot=is_bot)
            recipients.clear_dm_unavailable(s, member.id)  # type: ignore[arg-type]
            return True

    def save_dm_channel(self, workspace_id: str, user_id: str, channel_id: str) -> bool:
        """The bot's DM channel with a member it knows (False, and nothing stored, for anyone else)."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return False
            members.set_dm_channel(s, member, channel_id)
            return True
