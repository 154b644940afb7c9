"""OAuth mode: the app installed into any number of workspaces over /slack/install.

On when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set (bot/config.py checks the rest: HTTP mode only,
SLACK_SIGNING_SECRET, a valid TOKEN_ENCRYPTION_KEY). Bolt serves `GET /slack/install` (straight on to
Slack's consent page, with a state kept in the database and a cookie) and `GET /slack/oauth_redirect`
(the code exchanged through oauth.v2.access, the installation saved with its tokens encrypted). The scopes
asked for are manifest.yaml's bot scopes: one copy of the list, packaged with the bot (bot/manifest.yaml
links to it) so an installed copy finds it too.

Every request is authorized from the stored installation and every scheduled send gets its workspace's
client (bot/clients.py), both through `TokenRotation` (bot/token_rotation.py).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings as BoltOAuthSettings
from slack_sdk import WebClient

from bot.config import Settings
from bot.installations import EncryptedInstallationStore, SingleUseStateStore
from bot.token_cipher import TokenCipher
from bot.token_rotation import ROTATE_BEFORE_MINUTES, TokenRotation, WorkspaceAuthorize
from coaching.i18n import t
from coaching.locale import Locale
from storage.db import Database

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600
"""How long an install link's state is good for (Slack's consent page, then the redirect)."""


def manifest_scopes() -> list[str]:
    """The bot scopes of manifest.yaml, as packaged with the bot."""
    text = resources.files("bot").joinpath("manifest.yaml").read_text(encoding="utf-8")
    scopes = yaml.safe_load(text)["oauth_config"]["scopes"]["bot"]
    return [str(scope) for scope in scopes]


@dataclass(frozen=True, slots=True)
class OAuthWiring:
    store: EncryptedInstallationStore
    rotation: TokenRotation
    bolt_settings: BoltOAuthSettings
    locale: Locale

    def app_options(self) -> dict[str, Any]:
        """What Bolt's App() takes in OAuth mode; a command or button from a workspace without an
        installation is answered that it must be installed (in DEFAULT_LOCALE: nobody is known there)."""
        return {
            "oauth_settings": self.bolt_settings,
            "installation_store": self.store,
            "authorize": WorkspaceAuthorize(self.rotation),
            "user_facing_authorize_error_message": t(self.locale, "oauth.not_installed"),
        }


def oauth_wiring(
    settings: Settings,
    db: Database,
    api_client: WebClient,
    installed: Callable[[str], object] = lambda _workspace_id: None,
) -> OAuthWiring:
    """The stores, the token rotation and Bolt's OAuth settings; `api_client` (no token) reaches Slack's
    oauth.v2.access for the refreshes. `installed(workspace_id)` runs after each install: a reinstall
    inside the grace period clears the uninstall mark, so the clock sends there again at once."""
    oauth = settings.oauth
    if oauth is None:
        raise ValueError("not in OAuth mode")
    store = EncryptedInstallationStore(oauth.client_id, db, TokenCipher.from_setting(oauth.token_keys))
    rotation = TokenRotation(store, oauth.client_id, oauth.client_secret, api_client)
    bolt_settings = BoltOAuthSettings(
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        scopes=manifest_scopes(),
        redirect_uri=oauth.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,  # straight on to Slack's own (localized) consent page
        installation_store=store,
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=ROTATE_BEFORE_MINUTES,
        state_store=SingleUseStateStore(db, STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
        callback_options=_pages(settings.default_locale, installed),
        logger=log,
    )
    return OAuthWiring(store, rotation, bolt_settings, settings.default_locale)


def reencrypt_on_start(settings: Settings, db: Database) -> None:
    """At start-up in OAuth mode: every stored token encrypted under the first key of
    TOKEN_ENCRYPTION_KEY, so a key moved off the front can be dropped after one start (docs/SECURITY.md)."""
    if settings.oauth is None:
        return
    cipher = TokenCipher.from_setting(settings.oauth.token_keys)
    changed = EncryptedInstallationStore(settings.oauth.client_id, db, cipher).reencrypt()
    log.info("OAuth mode: %d stored installation(s) re-encrypted under the first key", changed)


def _pages(locale: Locale, installed: Callable[[str], object]) -> CallbackOptions:
    """The page the installer's browser shows after Slack sends it back, in DEFAULT_LOCALE."""

    def page(status: int, text: str) -> BoltResponse:
        body = (
            f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8"><title>Balansebrett</title>'
            f"</head><body><p>{html.escape(text)}</p></body></html>"
        )
        return BoltResponse(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    def success(args: SuccessArgs) -> BoltResponse:
        if args.installation.team_id:
            installed(args.installation.team_id)
        team = args.installation.team_name or args.installation.team_id or ""
        return page(200, t(locale, "oauth.installed", team=team))

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("OAuth install failed: %s", args.reason)
        return page(args.suggested_status_code, t(locale, "oauth.failed"))

    return CallbackOptions(success=success, failure=failure)
