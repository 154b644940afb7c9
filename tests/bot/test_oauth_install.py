"""OAuth mode end to end over real HTTP: the install link, Slack's redirect back with a code, the stored
installation (its tokens encrypted), and requests from the installed workspace authorized by it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet
from slack_bolt import App
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import text

from bot.app import create_app
from bot.installations import EncryptedInstallationStore
from bot.token_cipher import TokenCipher
from coaching.i18n import t
from storage import workspaces
from storage.db import Database
from storage.migrate import upgrade
from tests.support.bot_process import SIGNING_SECRET as PROCESS_SECRET
from tests.support.bot_process import BotProcess
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET, FakeSlackOAuth
from tests.support.harness import SIGNING_SECRET, Harness
from tests.support.oauth import KEY, http, oauth_settings, open_install_link, redirect, served
from tests.support.slack_requests import SlackRequests, flat_headers

REPO_ROOT = Path(__file__).resolve().parents[2]
STATE_COOKIE = "slack-app-oauth-state"


@pytest.fixture
def oauth(fake_slack: FakeSlack) -> Iterator[FakeSlackOAuth]:
    with FakeSlackOAuth(fake_slack) as fake_oauth:
        fake_oauth.add_workspace("T2", "Salg Nord")
        fake_oauth.add_workspace("T3", "Salg Sør")
        yield fake_oauth


@pytest.fixture
def app(harness: Harness, oauth: FakeSlackOAuth) -> App:
    return create_app(
        oauth_settings(harness), harness.db, clock=harness.clock, listener_executor=harness.executor
    )


def stored(harness: Harness, table: str) -> list[dict[str, object]]:
    with harness.db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))  # noqa: S608 (a fixed name)
        return [dict(row) for row in rows.mappings()]


def issued_token(fake: FakeSlack) -> str:
    return str(fake.calls_to("oauth.v2.access")[-1].response["access_token"])


def open_home(base: str, harness: Harness, team_id: str) -> int:
    """A signed app_home_opened from `team_id`, posted to /slack/events; the HTTP status."""
    request = SlackRequests(SIGNING_SECRET, team_id=team_id).app_home_opened(user_id="U1")
    reply = http(f"{base}/slack/events", data=request.raw_body.encode(), headers=flat_headers(request))
    harness.executor.drain()
    return reply.status


def test_an_install_stores_the_workspace_with_its_tokens_encrypted_and_its_requests_are_authorized(
    harness: Harness, oauth: FakeSlackOAuth, app: App
) -> None:
    with served(app) as base:
        link = open_install_link(base)
        manifest = yaml.safe_load((REPO_ROOT / "manifest.yaml").read_text(encoding="utf-8"))
        assert link.location.startswith("https://slack.com/oauth/v2/authorize")
        assert link.query["client_id"] == [CLIENT_ID]
        assert link.query["scope"][0].split(",") == manifest["oauth_config"]["scopes"]["bot"]

        reply = redirect(base, link, oauth.approve("T2"))

        assert reply.status == 200
        assert t("nb", "oauth.installed", team="Salg Nord") in html.unescape(reply.body)
        token = issued_token(harness.fake)
        installations, bots = stored(harness, "slack_installations"), stored(harness, "slack_bots")
        assert [row["team_id"] for row in installations] == ["T2"]
        assert [row["team_id"] for row in bots] == ["T2"]
        # the database never sees a token in the clear, only ciphertext that opens to it
        assert "xox" not in repr(installations) + repr(bots)
        assert TokenCipher.from_setting(KEY).decrypt(str(installations[0]["bot_token"])) == token
        assert TokenCipher.from_setting(KEY).decrypt(str(bots[0]["bot_token"])) == token
        assert installations[0]["bot_refresh_token"] and bots[0]["bot_token_expires_at"]

        assert open_home(base, harness, "T2") == 200
        published = oauth.calls_in("T2", "views.publish")
        assert len(published) == 1
        assert published[0].token == token  # the home was published as the bot of T2

        # a workspace that never installed the app gets nothing done, and a person there is told why
        open_home(base, harness, "T3")
        assert oauth.calls_in("T3", "views.publish") == []
        assert len(harness.fake.calls_to("views.publish")) == 1
        command = SlackRequests(SIGNING_SECRET, team_id="T3", response_url=harness.fake.response_url)
        request = command.slash_command("hjelp", user_id="U1")
        http(f"{base}/slack/events", data=request.raw_body.encode(), headers=flat_headers(request))
        told = harness.fake.calls_to("response_url")
        assert [call.params.get("text") for call in told] == [t("nb", "oauth.not_installed")]


def test_two_workspaces_installed_each_answered_with_its_own_token(
    harness: Harness, oauth: FakeSlackOAuth, app: App
) -> None:
    with served(app) as base:
        for team_id in ("T2", "T3"):
            link = open_install_link(base)
            assert redirect(base, link, oauth.approve(team_id)).status == 200
        open_home(base, harness, "T3")
        open_home(base, harness, "T2")

    assert len(oauth.calls_in("T2", "views.publish")) == 1
    assert len(oauth.calls_in("T3", "views.publish")) == 1
    assert {oauth.team_of(c.token) for c in harness.fake.calls_to("views.publish")} == {"T2", "T3"}


def test_a_state_that_was_never_issued_is_refused_and_nothing_is_installed(
    harness: Harness, oauth: FakeSlackOAuth, app: App
) -> None:
    with served(app) as base:
        forged = "0f0f0f0f-forged-state"
        reply = http(
            f"{base}/slack/oauth_redirect?code={oauth.approve('T2')}&state={forged}",
            headers={"Cookie": f"{STATE_COOKIE}={forged}"},  # the browser check alone would pass
        )

    assert reply.status == 401
    assert t("nb", "oauth.failed") in html.unescape(reply.body)
    assert harness.fake.calls_to("oauth.v2.access") == []
    assert stored(harness, "slack_installations") == []


def test_a_used_state_is_refused_the_second_time(harness: Harness, oauth: FakeSlackOAuth, app: App) -> None:
    with served(app) as base:
        link = open_install_link(base)
        assert redirect(base, link, oauth.approve("T2")).status == 200

        replayed = redirect(base, link, oauth.approve("T3"))  # the same state and cookie again

    assert replayed.status == 401
    assert len(harness.fake.calls_to("oauth.v2.access")) == 1
    assert [row["team_id"] for row in stored(harness, "slack_installations")] == ["T2"]
    assert stored(harness, "slack_oauth_states") == []


class OAuthBotProcess(BotProcess):
    """`python -m bot` in OAuth mode: the app credentials instead of a bot token."""

    keys = KEY

    def env(self) -> dict[str, str]:
        env = super().env() | {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET}
        env |= {"TOKEN_ENCRYPTION_KEY": self.keys}
        del env["SLACK_BOT_TOKEN"]
        return env


def test_python_m_bot_in_oauth_mode_serves_the_install_and_reencrypts_under_the_first_key(
    fake_slack: FakeSlack, oauth: FakeSlackOAuth, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    upgrade(db_url)
    db = Database.from_url(db_url)
    old_key = Fernet.generate_key().decode()
    access, _ = oauth.issue("T3")
    EncryptedInstallationStore(CLIENT_ID, db, TokenCipher.from_setting(old_key)).save(
        Installation(app_id="A1", enterprise_id=None, team_id="T3", user_id="U1", bot_token=access)
    )
    process = OAuthBotProcess(fake_slack, db_url, tmp_path)
    process.keys = f"{KEY},{old_key}"  # a new key put first

    with process:
        base = f"http://127.0.0.1:{process.port}"
        link = open_install_link(base)
        assert redirect(base, link, oauth.approve("T2")).status == 200
        status, _ = process.post(SlackRequests(PROCESS_SECRET, team_id="T2").app_home_opened(user_id="U1"))
        assert status == 200
        process.wait(lambda: bool(oauth.calls_in("T2", "views.publish")))

    new_only = EncryptedInstallationStore(CLIENT_ID, db, TokenCipher.from_setting(KEY))
    found = new_only.find_installation(enterprise_id=None, team_id="T3")
    assert found is not None and found.bot_token == access  # re-encrypted at start: the old key can go
    assert new_only.find_installation(enterprise_id=None, team_id="T2") is not None
    db.dispose()


def test_an_app_with_the_wrong_client_secret_installs_nothing(
    harness: Harness, oauth: FakeSlackOAuth
) -> None:
    settings = oauth_settings(harness)
    assert settings.oauth is not None
    wrong = replace(settings, oauth=replace(settings.oauth, client_secret="not-the-secret"))
    app = create_app(wrong, harness.db, clock=harness.clock, listener_executor=harness.executor)

    with served(app) as base:
        reply = redirect(base, open_install_link(base), oauth.approve("T2"))

    assert reply.status != 200
    assert t("nb", "oauth.failed") in html.unescape(reply.body)
    assert [c.response.get("error") for c in harness.fake.calls_to("oauth.v2.access")] == [
        "bad_client_secret"
    ]
    assert stored(harness, "slack_installations") == []


def test_a_reinstall_inside_the_grace_period_clears_the_uninstall_mark_at_once(
    harness: Harness, oauth: FakeSlackOAuth, app: App
) -> None:
    """The clock sends to a reinstalled workspace again without waiting for someone there to use the app."""
    with harness.db.session() as s:
        workspaces.mark_uninstalled(s, "T2", harness.clock())
    with harness.db.session() as s:
        assert not workspaces.is_installed(s, "T2")
    with served(app) as base:
        assert redirect(base, open_install_link(base), oauth.approve("T2")).status == 200
    with harness.db.session() as s:
        assert workspaces.is_installed(s, "T2")
