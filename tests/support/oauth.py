"""OAuth mode under test: settings, the app served over real HTTP on loopback, and an install through it."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.fernet import Fernet
from slack_bolt import App
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.config import OAuthSettings, Settings
from bot.http_server import wsgi_app
from tests.support.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET
from tests.support.harness import Harness

KEY = Fernet.generate_key().decode()


def oauth_settings(harness: Harness, keys: str = KEY, redirect_uri: str | None = None) -> Settings:
    """The harness's settings in OAuth mode: no bot token, the fake's app credentials."""
    oauth = OAuthSettings(CLIENT_ID, CLIENT_SECRET, keys, redirect_uri)
    return replace(harness.settings, bot_token="", oauth=oauth)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    """Names in lower case."""
    body: str


@contextmanager
def served(app: App) -> Iterator[str]:
    """The app's WSGI handler (bot/http_server.py) on a loopback port; yields its base URL."""
    server: WSGIServer = make_server("127.0.0.1", 0, wsgi_app(app), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
    """One request, redirects not followed (the test looks at where it would go)."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with opener.open(request, timeout=10) as answer:
            return Reply(answer.status, _lower(answer.headers.items()), answer.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, _lower(error.headers.items()), error.read().decode())


def _lower(items: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in items}


@dataclass
class InstallLink:
    """What the installer's browser holds after GET /slack/install: Slack's consent page URL and the
    state cookie Bolt set."""

    location: str
    state: str
    cookie: str

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.location).query)


def open_install_link(base: str) -> InstallLink:
    reply = http(f"{base}/slack/install")
    assert reply.status == 302, reply
    location = reply.headers["location"]
    state = parse_qs(urlsplit(location).query)["state"][0]
    jar: SimpleCookie = SimpleCookie(reply.headers["set-cookie"])
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
    return InstallLink(location, state, cookie)


def redirect(base: str, link: InstallLink, code: str, state: str | None = None) -> Reply:
    """The browser comes back from Slack's consent page with the code."""
    query = urlencode({"code": code, "state": state or link.state})
    return http(f"{base}/slack/oauth_redirect?{query}", headers={"Cookie": link.cookie})


def installation(
    team_id: str, access: str, refresh: str, seconds: int, team_name: str | None = None
) -> Installation:
    """A bot installation of `team_id` with an expiring token, as the OAuth redirect saves one."""
    return Installation(
        app_id="A1",
        enterprise_id=None,
        team_id=team_id,
        team_name=team_name or f"Team {team_id}",
        user_id="UINSTALLER",
        bot_token=access,
        bot_refresh_token=refresh,
        bot_token_expires_in=seconds,
        bot_id=f"BBOT{team_id}",
        bot_user_id=f"UBOT{team_id}",
        bot_scopes="chat:write,im:write,users:read",
        installed_at=time.time(),
    )
