"""README.md tells the truth about what a user can type and what an operator can set: every `/balanse`
subcommand it names (and each alias it lists) reaches that command in the router, every command the router
has is in the README, and every variable of its .env table is the one in .env.example and is read by the
code (setting it changes the settings the bot starts with)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from survey_flows.commands import Command, parse_command

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    return README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _table_rows(text: str) -> list[list[str]]:
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def named_commands() -> list[str]:
    """What follows `/balanse` in every backticked command anywhere in the README."""
    return re.findall(r"`/balanse(?: ([^`]*))?`", README)


def command_rows() -> list[tuple[str, list[str]]]:
    """(the command as typed, the aliases listed beside it) per row of the Commands table."""
    rows = []
    for row in _table_rows(_section("Commands")):
        typed = re.findall(r"`([^`]+)`", row[0])
        main = typed[0].removeprefix("/balanse").strip()
        aliases = [word for word in typed[1:] if not word.startswith("/") and " " not in word]
        rows.append((main, aliases))
    return rows


def documented_variables() -> list[str]:
    return [re.sub(r"`", "", row[0]) for row in _table_rows(_section("Fill in .env"))]


def example_variables() -> list[str]:
    return re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE, flags=re.MULTILINE)


def test_the_readme_names_the_commands_and_the_variables() -> None:
    assert len(named_commands()) >= 10
    assert len(command_rows()) >= 9
    assert "SLACK_BOT_TOKEN" in documented_variables()


@pytest.mark.parametrize("typed", sorted(set(named_commands())))
def test_every_command_the_readme_names_exists(typed: str) -> None:
    assert parse_command(typed).command is not Command.UNKNOWN, typed


@pytest.mark.parametrize(("typed", "aliases"), command_rows(), ids=[row[0] for row in command_rows()])
def test_every_alias_in_the_commands_table_reaches_its_command(typed: str, aliases: list[str]) -> None:
    command = parse_command(typed).command
    assert command is not Command.UNKNOWN
    for alias in aliases:
        assert parse_command(alias).command is command, alias


def test_every_command_of_the_router_is_in_the_commands_table() -> None:
    in_table = {parse_command(typed).command for typed, _ in command_rows()}
    assert in_table == set(Command) - {Command.UNKNOWN}


def test_the_readme_and_env_example_list_the_same_variables() -> None:
    assert documented_variables() == example_variables()


# A valid value for each variable, different from what the settings are without it.
SAMPLES = {
    "SLACK_BOT_TOKEN": "xoxb-other",
    "SLACK_APP_TOKEN": "xapp-1-other",
    "SLACK_SIGNING_SECRET": "another-secret",
    "SLACK_API_URL": "http://127.0.0.1:9/api/",
    "DATABASE_URL": "postgresql://user@host:5432/other",
    "PORT": "8123",
    "DEFAULT_LOCALE": "sv",
    "LOG_LEVEL": "DEBUG",
    "RETENTION_MONTHS": "36",
    "UNINSTALL_GRACE_DAYS": "7",
    "TEAM_CREATORS": "U0123ABC,S0456DEF",
    "SLACK_POSTS_PER_MINUTE": "120",
    "SLACK_DM_OPENS_PER_MINUTE": "20",
    "SLACK_HISTORY_TIER": "1",
    "SLACK_LOOKUPS_PER_MINUTE": "30",
    "DATABASE_POOL_SIZE": "20",
}
BASE = {"SLACK_BOT_TOKEN": "xoxb-base", "SLACK_APP_TOKEN": "xapp-1-base", "SLACK_SIGNING_SECRET": "base"}
# OAuth mode's variables are read in OAuth mode, which takes no bot or app token (bot/config.py).
OAUTH_BASE = {
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "base",
    "SLACK_SIGNING_SECRET": "base",
    "TOKEN_ENCRYPTION_KEY": "uOwGhKw6ajSsQhNI2OZD3H2pUOoyzxPlHhmGWAGcyHQ=",
}
SAMPLES |= {
    "SLACK_CLIENT_ID": "3333.4444",
    "SLACK_CLIENT_SECRET": "another-secret",
    "SLACK_REDIRECT_URI": "https://bot.example.com/slack/oauth_redirect",
    "TOKEN_ENCRYPTION_KEY": "2Ue9fbkG9Z2MGWhTxYfjUCNi1hISaRgGW4sQm59JCpo=",
}


@pytest.mark.parametrize("name", documented_variables())
def test_every_documented_variable_is_read_by_the_bot(name: str) -> None:
    assert name in SAMPLES, f"{name} is documented: give it a sample value here"
    base = OAUTH_BASE if name in OAUTH_BASE or name == "SLACK_REDIRECT_URI" else BASE
    assert Settings.from_env({**base, name: SAMPLES[name]}) != Settings.from_env(base)


def test_every_variable_the_bot_reads_is_documented() -> None:
    read = set()
    for path in (ROOT / "bot" / "config.py", ROOT / "storage" / "db.py"):
        source = path.read_text()
        read |= set(re.findall(r"""(?:env|environ)(?:\.get\(|,)\s*["']([A-Z][A-Z0-9_]*)["']""", source))
    assert read and read <= set(documented_variables()), read - set(documented_variables())
