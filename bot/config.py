"""Settings from the environment (and .env), checked before anything starts."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.token_cipher import TokenCipher
from coaching.i18n import t
from coaching.locale import DEFAULT_LOCALE, Locale, resolve_locale
from storage.db import DEFAULT_DATABASE_URL

SLACK_API_URL = "https://slack.com/api/"
_SEPARATORS = re.compile(r"[\s,;]+")
_SLACK_ID = re.compile(r"[UWS][A-Z0-9]{2,20}")
"""A Slack user id (U…, W… in Enterprise Grid) or user group id (S…)."""


SLACK_SETTINGS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


def slack_configured(env: Mapping[str, str] | None = None) -> bool:
    """Whether any Slack token or OAuth credential is set: without one, `python -m bot` starts the terminal
    console instead."""
    env = os.environ if env is None else env
    return any(env.get(name, "").strip() for name in SLACK_SETTINGS)


class ConfigError(Exception):
    """A setting is missing or wrong; the message says which and where the README explains it."""


@dataclass(frozen=True, slots=True)
class OAuthSettings:
    """OAuth distribution (bot/oauth.py): installed into any number of workspaces over /slack/install,
    each workspace's bot token kept encrypted in the database (bot/token_cipher.py)."""

    client_id: str
    client_secret: str = field(repr=False)
    token_keys: str = field(repr=False)
    """TOKEN_ENCRYPTION_KEY as given: one Fernet key, or several separated by commas (the first encrypts)."""
    redirect_uri: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    bot_token: str = field(repr=False)
    """The one workspace's bot token; empty in OAuth mode, where each workspace has its own."""
    app_token: str | None = field(repr=False)
    signing_secret: str | None = field(repr=False)
    api_url: str
    database_url: str
    port: int
    default_locale: Locale
    log_level: str
    retention_months: int = 24
    posts_per_minute: int = 300
    """chat.postMessage calls a minute the scheduled sends keep to, for the whole workspace."""
    dm_opens_per_minute: int = 45
    """conversations.open calls a minute (Slack's Tier 3 is 50+) for the DM warm-up and the sends."""
    lookups_per_minute: int = 90
    """users.info calls a minute (Slack's Tier 4 is 100+). Each of these rates holds per workspace for all
    replicas together, so every replica must be started with the same values."""
    """Answers older than this are deleted by the daily retention job (docs/PRIVACY.md)."""
    history_tier: int = 3
    """Slack's rate tier of conversations.history/replies for this app: 3, or 1 for an app distributed
    commercially outside the Marketplace (1 request a minute, 15 messages; bot/recovery.py)."""
    uninstall_grace_days: int = 30
    """Days an uninstalled workspace's data is kept for a reinstall; then the daily retention job deletes
    it all (docs/PRIVACY.md). 0: at the next daily run."""
    team_creators: tuple[str, ...] = ()
    """Slack user ids (U…, W…) and user group ids (S…) who may set up teams, besides the workspace's
    owners and admins (bot/setup_access.py)."""
    database_pool_size: int | None = None
    """DATABASE_POOL_SIZE: the most database connections this process opens (threads beyond them wait for
    one); None: one for every thread that can hold one (bot/http_server.database_connections)."""
    oauth: OAuthSettings | None = None
    """Set in OAuth mode (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), None with a bot token in .env."""

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        default_locale = resolve_locale(env.get("DEFAULT_LOCALE"), DEFAULT_LOCALE)

        def missing(name: str) -> ConfigError:
            return ConfigError(t(default_locale, "config.missing", name=name))

        bot_token = env.get("SLACK_BOT_TOKEN", "").strip()
        oauth = _oauth_from_env(env, default_locale)
        if oauth is None and not bot_token:
            raise missing("SLACK_BOT_TOKEN")
        if oauth is None and not bot_token.startswith("xoxb-"):
            raise ConfigError(t(default_locale, "config.bad_bot_token"))
        app_token = env.get("SLACK_APP_TOKEN", "").strip() or None
        if app_token and not app_token.startswith("xapp-"):
            raise ConfigError(t(default_locale, "config.bad_app_token"))
        signing_secret = env.get("SLACK_SIGNING_SECRET", "").strip() or None
        if not app_token and not signing_secret:
            raise ConfigError(t(default_locale, "config.missing_mode"))
        port_text = env.get("PORT", "3000").strip() or "3000"
        if (
            not (port_text.isascii() and port_text.isdigit() and len(port_text) <= 5)
            or not 0 < int(port_text) < 65536
        ):
            raise ConfigError(t(default_locale, "config.bad_port", value=port_text))
        api_url = env.get("SLACK_API_URL", "").strip() or SLACK_API_URL
        retention_text = env.get("RETENTION_MONTHS", "").strip() or "24"
        if not (retention_text.isascii() and retention_text.isdigit()) or not 0 < int(retention_text) <= 1200:
            raise ConfigError(t(default_locale, "config.bad_retention", value=retention_text))
        grace_text = env.get("UNINSTALL_GRACE_DAYS", "").strip() or "30"
        if not (grace_text.isascii() and grace_text.isdigit()) or not 0 <= int(grace_text) <= 3650:
            raise ConfigError(t(default_locale, "config.bad_grace_days", value=grace_text))
        posts = _per_minute(env, "SLACK_POSTS_PER_MINUTE", 300, 6000, default_locale)
        opens = _per_minute(env, "SLACK_DM_OPENS_PER_MINUTE", 45, 1000, default_locale)
        tier_text = env.get("SLACK_HISTORY_TIER", "").strip() or "3"
        if tier_text not in ("1", "3"):
            raise ConfigError(t(default_locale, "config.bad_history_tier", value=tier_text))
        lookups = _per_minute(env, "SLACK_LOOKUPS_PER_MINUTE", 90, 6000, default_locale)
        pool_text = env.get("DATABASE_POOL_SIZE", "").strip()
        if pool_text and (
            not (pool_text.isascii() and pool_text.isdigit()) or not 2 <= int(pool_text) <= 500
        ):
            raise ConfigError(t(default_locale, "config.bad_pool_size", value=pool_text))
        creators_text = env.get("TEAM_CREATORS", "")
        creators = tuple(dict.fromkeys(word for word in _SEPARATORS.split(creators_text) if word))
        if not all(_SLACK_ID.fullmatch(word) for word in creators):
            raise ConfigError(t(default_locale, "config.bad_team_creators", value=creators_text.strip()))
        return cls(
            bot_token=bot_token,
            app_token=app_token,
            signing_secret=signing_secret,
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            database_url=env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
            port=int(port_text),
            default_locale=default_locale,
            log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
            retention_months=int(retention_text),
            uninstall_grace_days=int(grace_text),
            team_creators=creators,
            posts_per_minute=posts,
            dm_opens_per_minute=opens,
            history_tier=int(tier_text),
            lookups_per_minute=lookups,
            database_pool_size=int(pool_text) if pool_text else None,
            oauth=oauth,
        )


def _oauth_from_env(env: Mapping[str, str], locale: Locale) -> OAuthSettings | None:
    """OAuth mode's settings, or None without SLACK_CLIENT_ID and SLACK_CLIENT_SECRET. OAuth mode is HTTP
    only: Socket Mode is not allowed for a distributed app, and a bot token in .env would be one
    workspace's token used for all of them."""
    client_id = env.get("SLACK_CLIENT_ID", "").strip()
    client_secret = env.get("SLACK_CLIENT_SECRET", "").strip()
    if not client_id and not client_secret:
        return None
    if not client_id or not client_secret:
        name = "SLACK_CLIENT_SECRET" if client_id else "SLACK_CLIENT_ID"
        raise ConfigError(t(locale, "config.missing", name=name))
    if env.get("SLACK_APP_TOKEN", "").strip():
        raise ConfigError(t(locale, "config.oauth_socket_mode"))
    if env.get("SLACK_BOT_TOKEN", "").strip():
        raise ConfigError(t(locale, "config.oauth_bot_token"))
    if not env.get("SLACK_SIGNING_SECRET", "").strip():
        raise ConfigError(t(locale, "config.missing", name="SLACK_SIGNING_SECRET"))
    keys = env.get("TOKEN_ENCRYPTION_KEY", "").strip()
    if not keys:
        raise ConfigError(t(locale, "config.oauth_key_missing"))
    try:
        TokenCipher.from_setting(keys)
    except ValueError:
        raise ConfigError(t(locale, "config.oauth_key_invalid")) from None
    redirect_uri = env.get("SLACK_REDIRECT_URI", "").strip() or None
    if redirect_uri is not None and not redirect_uri.startswith("https://"):
        raise ConfigError(t(locale, "config.bad_redirect_uri", value=redirect_uri))
    return OAuthSettings(client_id, client_secret, keys, redirect_uri)


def _per_minute(env: Mapping[str, str], name: str, default: int, high: int, locale: Locale) -> int:
    text = env.get(name, "").strip() or str(default)
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= high:
        raise ConfigError(t(locale, "config.bad_rate", name=name, high=high, value=text))
    return int(text)
