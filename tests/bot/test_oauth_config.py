"""OAuth mode's settings: on with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, HTTP only, a valid
TOKEN_ENCRYPTION_KEY required; each refusal one localized line. And the install's scopes come from
manifest.yaml, found also when the project is installed from a built package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from bot.config import ConfigError, Settings, slack_configured
from bot.oauth import manifest_scopes
from coaching.i18n import t
from coaching.locale import LOCALES

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = Fernet.generate_key().decode()
OAUTH = {
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "client-secret",
    "SLACK_SIGNING_SECRET": "s3cret",
    "TOKEN_ENCRYPTION_KEY": KEY,
}


def refusal(env: dict[str, str]) -> str:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    return str(raised.value)


def test_client_id_and_secret_turn_on_oauth_mode_in_http_mode_without_a_bot_token() -> None:
    settings = Settings.from_env(
        OAUTH | {"SLACK_REDIRECT_URI": "https://bot.example.com/slack/oauth_redirect"}
    )

    assert settings.oauth is not None
    assert settings.oauth.client_id == "1111.2222"
    assert settings.oauth.redirect_uri == "https://bot.example.com/slack/oauth_redirect"
    assert settings.bot_token == ""
    assert not settings.socket_mode
    assert "client-secret" not in repr(settings) and KEY not in repr(settings)


def test_single_workspace_mode_is_unchanged() -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "s3cret"})

    assert settings.oauth is None
    assert settings.bot_token == "xoxb-1-2-abc"


@pytest.mark.parametrize(
    ("change", "key", "names"),
    [
        ({"SLACK_APP_TOKEN": "xapp-1-A1-abc"}, "config.oauth_socket_mode", {}),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2-abc"}, "config.oauth_bot_token", {}),
        ({"SLACK_SIGNING_SECRET": ""}, "config.missing", {"name": "SLACK_SIGNING_SECRET"}),
        ({"SLACK_CLIENT_SECRET": ""}, "config.missing", {"name": "SLACK_CLIENT_SECRET"}),
        ({"SLACK_CLIENT_ID": " "}, "config.missing", {"name": "SLACK_CLIENT_ID"}),
        ({"TOKEN_ENCRYPTION_KEY": ""}, "config.oauth_key_missing", {}),
        ({"TOKEN_ENCRYPTION_KEY": "not-a-key"}, "config.oauth_key_invalid", {}),
        ({"TOKEN_ENCRYPTION_KEY": f"{KEY},short"}, "config.oauth_key_invalid", {}),
        (
            {"SLACK_REDIRECT_URI": "bot.example.com/x"},
            "config.bad_redirect_uri",
            {"value": "bot.example.com/x"},
        ),
    ],
)
def test_oauth_mode_refuses_what_cannot_work_in_one_line(
    change: dict[str, str], key: str, names: dict[str, str]
) -> None:
    message = refusal(OAUTH | change)

    assert message == t("nb", key, **names)
    assert "\n" not in message


@pytest.mark.parametrize("locale", LOCALES)
def test_the_refusals_are_in_every_language_and_say_how_to_make_a_key(locale: str) -> None:
    message = refusal(OAUTH | {"TOKEN_ENCRYPTION_KEY": "", "DEFAULT_LOCALE": locale})

    assert message == t(locale, "config.oauth_key_missing")
    assert "TOKEN_ENCRYPTION_KEY" in message and "Fernet.generate_key()" in message


def test_a_rotated_key_list_is_accepted() -> None:
    settings = Settings.from_env(OAUTH | {"TOKEN_ENCRYPTION_KEY": f"{Fernet.generate_key().decode()}, {KEY}"})

    assert settings.oauth is not None


def test_oauth_credentials_count_as_slack_being_configured() -> None:
    assert slack_configured({"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "x"})
    assert not slack_configured({"TOKEN_ENCRYPTION_KEY": KEY})


def test_starting_in_oauth_mode_without_a_key_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    env |= OAUTH | {"TOKEN_ENCRYPTION_KEY": "", "PYTHON_DOTENV_DISABLED": "1"}
    env.pop("DEFAULT_LOCALE", None)

    result = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30
    )

    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"Balansebrett: {t('nb', 'config.oauth_key_missing')}"
    assert not list(tmp_path.iterdir())  # no database was made


def test_the_install_asks_for_the_manifests_scopes() -> None:
    manifest = yaml.safe_load((REPO_ROOT / "manifest.yaml").read_text(encoding="utf-8"))

    assert manifest_scopes() == manifest["oauth_config"]["scopes"]["bot"]


def test_a_built_package_carries_the_manifest_and_finds_its_scopes(tmp_path: Path) -> None:
    """`pip install .` and Docker install a built wheel, without the repository beside it."""
    source = tmp_path / "source"
    shutil.copytree(
        REPO_ROOT,
        source,
        symlinks=True,  # bot/manifest.yaml stays the link it is in the repository
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "tests", "bench", "build", "*.egg-info", "__pycache__"
        ),
    )
    built = subprocess.run(  # noqa: S603 - our own interpreter's pip, on a copy of this repository
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    installed = tmp_path / "installed"
    with zipfile.ZipFile(next((tmp_path / "dist").glob("balansebrett-*.whl"))) as wheel:
        wheel.extractall(installed)
    assert not (installed / "bot" / "manifest.yaml").is_symlink()

    script = (
        f"import sys; sys.path.insert(0, {str(installed)!r}); import bot.oauth as o; "
        f"assert o.__file__.startswith({str(installed)!r}), o.__file__; print(','.join(o.manifest_scopes()))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split(",") == manifest_scopes()
