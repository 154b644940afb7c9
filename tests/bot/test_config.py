"""Settings from the environment, the `python -m bot` start without Slack tokens, and the app manifest."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from slack_bolt import App
from slack_sdk import WebClient

from bot.config import SLACK_API_URL, ConfigError, Settings
from bot.listeners import register_listeners
from coaching.i18n import t
from coaching.locale import LOCALES
from storage.db import DEFAULT_DATABASE_URL

REPO_ROOT = Path(__file__).resolve().parents[2]
README_SECTION = "Create the Slack app"

SOCKET_MODE = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": "xapp-1-A1-abc"}
HTTP_MODE = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "s3cret"}


def config_error(env: dict[str, str]) -> str:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    return str(raised.value)


# -- missing variables -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1-A1-abc"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "   "}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-abc"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": ""}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_a_missing_variable_is_named_and_points_to_the_readme(env: dict[str, str], missing: str) -> None:
    message = config_error(env)

    assert missing in message
    assert "README" in message
    assert README_SECTION in message


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_keeps_the_variable_and_the_readme_section_name(locale: str) -> None:
    message = config_error({"DEFAULT_LOCALE": locale})

    assert "SLACK_BOT_TOKEN" in message
    assert README_SECTION in message  # the README's heading is English in every language


def test_http_mode_requires_the_signing_secret() -> None:
    settings = Settings.from_env(HTTP_MODE)

    assert not settings.socket_mode
    assert settings.app_token is None
    assert settings.signing_secret == "s3cret"


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = Settings.from_env(SOCKET_MODE)

    assert settings.socket_mode
    assert settings.app_token == "xapp-1-A1-abc"
    assert settings.signing_secret is None


def test_values_are_stripped() -> None:
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": " xoxb-1-2-abc\n", "SLACK_APP_TOKEN": " xapp-1-A1-abc ", "PORT": " 8080 "}
    )

    assert settings.bot_token == "xoxb-1-2-abc"
    assert settings.app_token == "xapp-1-A1-abc"
    assert settings.port == 8080


# -- malformed values --------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["xoxp-1-2-abc", "xapp-1-A1-abc", "abc", "XOXB-1-2-abc"])
def test_a_bot_token_that_is_not_xoxb_is_refused(token: str) -> None:
    message = config_error({**HTTP_MODE, "SLACK_BOT_TOKEN": token})

    assert "SLACK_BOT_TOKEN" in message
    assert "xoxb-" in message
    assert README_SECTION in message
    assert token not in message  # never echo a secret


@pytest.mark.parametrize("token", ["xoxb-1-2-abc", "xoxp-1-2-abc", "abc"])
def test_an_app_token_that_is_not_xapp_is_refused(token: str) -> None:
    message = config_error({**SOCKET_MODE, "SLACK_APP_TOKEN": token})

    assert "SLACK_APP_TOKEN" in message
    assert "xapp-" in message
    assert README_SECTION in message


@pytest.mark.parametrize("port", ["abc", "0", "65536", "-1", "80.5", "3 000", "²", "3" * 5000])
def test_a_bad_port_is_refused_with_its_value(port: str) -> None:
    message = config_error({**HTTP_MODE, "PORT": port})

    assert "PORT" in message
    assert port in message


@pytest.mark.parametrize("port", ["1", "3000", "65535"])
def test_ports_in_range_are_accepted(port: str) -> None:
    assert Settings.from_env({**HTTP_MODE, "PORT": port}).port == int(port)


# -- defaults ----------------------------------------------------------------------------------------------


def test_defaults() -> None:
    settings = Settings.from_env(SOCKET_MODE)

    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///balansebrett.db"
    assert settings.port == 3000
    assert settings.api_url == SLACK_API_URL == "https://slack.com/api/"
    assert settings.default_locale == "nb"
    assert settings.log_level == "INFO"


def test_empty_values_mean_the_defaults() -> None:
    env = {**SOCKET_MODE, "DATABASE_URL": "", "PORT": "", "SLACK_API_URL": " ", "LOG_LEVEL": ""}

    settings = Settings.from_env(env)

    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.port == 3000
    assert settings.api_url == SLACK_API_URL
    assert settings.log_level == "INFO"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://127.0.0.1:8123/api", "http://127.0.0.1:8123/api/"),
        ("http://127.0.0.1:8123/api/", "http://127.0.0.1:8123/api/"),
    ],
)
def test_the_api_url_gets_a_trailing_slash(given: str, expected: str) -> None:
    assert Settings.from_env({**SOCKET_MODE, "SLACK_API_URL": given}).api_url == expected


def test_explicit_values_are_used() -> None:
    env = {
        **HTTP_MODE,
        "DATABASE_URL": "postgresql://user:pass@db:5432/balansebrett",
        "PORT": "8080",
        "LOG_LEVEL": "debug",
        "DEFAULT_LOCALE": "en",
    }

    settings = Settings.from_env(env)

    assert settings.database_url == "postgresql://user:pass@db:5432/balansebrett"
    assert settings.port == 8080
    assert settings.log_level == "DEBUG"
    assert settings.default_locale == "en"


@pytest.mark.parametrize(("given", "expected"), [("sv-SE", "sv"), ("nn", "nb"), ("de", "nb"), ("", "nb")])
def test_default_locale_is_matched_and_falls_back_to_bokmal(given: str, expected: str) -> None:
    assert Settings.from_env({**SOCKET_MODE, "DEFAULT_LOCALE": given}).default_locale == expected


def test_from_env_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SLACK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-environ")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-from-environ")

    assert Settings.from_env().bot_token == "xoxb-from-environ"


def test_default_locale_sv_gives_swedish_error_text() -> None:
    message = config_error({"DEFAULT_LOCALE": "sv"})

    assert message == t("sv", "config.missing", name="SLACK_BOT_TOKEN")
    assert message != t("en", "config.missing", name="SLACK_BOT_TOKEN")
    assert message != t("nb", "config.missing", name="SLACK_BOT_TOKEN")


# -- `python -m bot` without Slack settings ----------------------------------------------------------------


def test_starting_with_half_the_slack_settings_exits_2_with_a_message_and_no_traceback(
    tmp_path: Path,
) -> None:
    """No Slack token at all starts the console (tests/console/test_make_run.py); a bot token without the
    signing secret or app token is a mistake to fix, said in one line."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    # load_dotenv() in bot/__main__.py looks for .env upwards from the bot package, not from the working
    # directory, so a developer's own .env in the repository root would be found even from tmp_path.
    env["PYTHON_DOTENV_DISABLED"] = "1"
    env["SLACK_BOT_TOKEN"] = "xoxb-1-2-abc"
    env.pop("DEFAULT_LOCALE", None)
    started = time.monotonic()

    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )

    assert result.returncode == 2, result.stderr
    assert time.monotonic() - started < 15
    assert t("nb", "config.missing_mode") in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not list(tmp_path.iterdir())  # no database file or anything else was created


# -- the Slack app manifest --------------------------------------------------------------------------------


class RecordingApp(App):
    """The real Bolt App, noting what the listeners register."""

    def __init__(self, api_url: str) -> None:
        self.registered: dict[str, list[Any]] = {"event": [], "command": [], "action": []}
        # Token verification stays on: auth.test is answered by the fake Slack.
        super().__init__(client=WebClient(token="xoxb-test", base_url=api_url), signing_secret="secret")

    def event(self, event: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered["event"].append(event)
        return super().event(event, *args, **kwargs)

    def command(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered["command"].append(command)
        return super().command(command, *args, **kwargs)

    def action(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered["action"].append(constraints)
        return super().action(constraints, *args, **kwargs)


@pytest.fixture(scope="module")
def registered(fake_slack_server: Any) -> dict[str, list[Any]]:
    app = RecordingApp(fake_slack_server.url)
    register_listeners(app, SimpleNamespace())  # type: ignore[arg-type]  # handlers only close over it
    return app.registered


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (not yet a dev dependency)")
    loaded = yaml.safe_load((REPO_ROOT / "manifest.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_manifest_is_schema_version_1_for_balansebrett(manifest: dict[str, Any]) -> None:
    assert manifest["_metadata"]["major_version"] == 1
    assert manifest["display_information"]["name"] == "Balansebrett"
    assert 0 < len(manifest["display_information"]["description"]) <= 140


def test_manifest_slash_command_is_the_one_the_app_registers(
    manifest: dict[str, Any], registered: dict[str, list[Any]]
) -> None:
    commands = [command["command"] for command in manifest["features"]["slash_commands"]]

    assert commands == ["/balanse"]
    assert set(commands) == set(registered["command"])


def test_manifest_bot_events_are_the_events_the_app_registers(
    manifest: dict[str, Any], registered: dict[str, list[Any]]
) -> None:
    bot_events = manifest["settings"]["event_subscriptions"]["bot_events"]

    # Slack subscribes to message events per conversation type ("message.im"); Bolt listens to "message".
    assert {event.split(".")[0] for event in bot_events} == set(registered["event"])
    # The message listener only acts on DMs, so no other conversation type is subscribed.
    assert [event for event in bot_events if event.startswith("message")] == ["message.im"]


def test_manifest_enables_what_the_listeners_need(
    manifest: dict[str, Any], registered: dict[str, list[Any]]
) -> None:
    features, settings = manifest["features"], manifest["settings"]

    assert registered["action"]
    assert settings["interactivity"]["is_enabled"] is True
    assert features["app_home"]["home_tab_enabled"] is True  # app_home_opened publishes the Home tab
    assert features["app_home"]["messages_tab_enabled"] is True  # sellers type answers in the DM
    assert features["app_home"]["messages_tab_read_only_enabled"] is False
    assert settings["socket_mode_enabled"] is True


def test_manifest_asks_for_exactly_the_scopes_the_code_uses(manifest: dict[str, Any]) -> None:
    # commands: /balanse; chat:write: chat.postMessage, chat.update, chat.postEphemeral;
    # im:write: conversations.open; im:history: message.im; users:read: users.info (locale, tz), user_change;
    # channels:read, groups:read: conversations.members and member_left_channel in a team's channel;
    # channels:history, groups:history: after Slack failed a post in a team channel, whether it shows it;
    # files:write: files_upload_v2 (the weekly zone chart in the channel, `/balanse export` in the DM);
    # usergroups:read: usergroups.users.list (a user group listed in TEAM_CREATORS may set up teams).
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(
        [
            "commands",
            "chat:write",
            "im:write",
            "im:history",
            "users:read",
            "channels:read",
            "groups:read",
            "channels:history",
            "groups:history",
            "files:write",
            "usergroups:read",
        ]
    )
    assert "user" not in manifest["oauth_config"]["scopes"]


def test_the_license_is_declared_so_installing_prints_no_deprecation_warning() -> None:
    """A `license = { text = … }` table made setuptools print a deprecation box on every `make`; an SPDX
    string is understood from setuptools 77 on, so the build asks for at least that."""
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    (setuptools,) = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    assert setuptools.replace(" ", "") == "setuptools>=77"


def test_the_sending_budgets_default_to_slacks_limits_and_can_be_set() -> None:
    assert (
        Settings.from_env(SOCKET_MODE).posts_per_minute,
        Settings.from_env(SOCKET_MODE).dm_opens_per_minute,
    ) == (
        300,
        45,
    )
    settings = Settings.from_env(
        {**SOCKET_MODE, "SLACK_POSTS_PER_MINUTE": " 120 ", "SLACK_DM_OPENS_PER_MINUTE": "20"}
    )
    assert (settings.posts_per_minute, settings.dm_opens_per_minute) == (120, 20)


@pytest.mark.parametrize(
    "name", ["SLACK_POSTS_PER_MINUTE", "SLACK_DM_OPENS_PER_MINUTE", "SLACK_LOOKUPS_PER_MINUTE"]
)
@pytest.mark.parametrize("value", ["0", "-5", "fast", "2.5", "100000", "²"])
def test_a_bad_sending_budget_is_refused_with_a_message_naming_it(name: str, value: str) -> None:
    message = config_error({**SOCKET_MODE, name: value})

    assert name in message and f'"{value}"' in message


def test_the_history_tier_is_3_unless_the_app_says_1() -> None:
    assert Settings.from_env(SOCKET_MODE).history_tier == 3
    assert Settings.from_env({**SOCKET_MODE, "SLACK_HISTORY_TIER": " 1 "}).history_tier == 1


@pytest.mark.parametrize("value", ["2", "0", "tier1", "1.0", "³"])
def test_a_bad_history_tier_is_refused_in_one_line_naming_it(value: str) -> None:
    message = config_error({**SOCKET_MODE, "SLACK_HISTORY_TIER": value})

    assert message == t("nb", "config.bad_history_tier", value=value)
    assert "\n" not in message
