"""The deploy files hold what can be checked without building or starting them: they parse, what they copy
and run exists, every variable they name is one the code reads (or documented as another program's), their
stop timeouts leave the bot its grace period, and their health checks, run as written, pass against a real
bot. (No container runtime here: the image itself is not built.)"""

from __future__ import annotations

import configparser
import fnmatch
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.shutdown import GRACE_SECONDS
from tests.ops.deploy_texts import ROOT, documented_variables, other_programs_variables, packages
from tests.support.bot_process import BotProcess, free_port
from tests.support.fake_slack import FakeSlack

DEPLOY = ROOT / "deploy"
START = ["python", "-m", "bot"]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (ROOT / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not pending):
            continue
        pending += line[:-1] + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            keyword, _, rest = pending.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
            pending = ""
    return instructions


def arguments(instruction: str) -> list[str]:
    return [rest for keyword, rest in dockerfile() if keyword == instruction]


def env_names(rest: str) -> set[str]:
    return set(re.findall(r"(?:^|\s)([A-Z][A-Z0-9_]*)=", rest))


def known_variables() -> set[str]:
    return set(documented_variables()) | other_programs_variables()


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def bot_services() -> dict[str, dict[str, Any]]:
    return {name: s for name, s in compose()["services"].items() if "build" in s}


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd's keys are case-sensitive
    parser.read(DEPLOY / "balansebrett.service")
    return parser


def seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+)(s|min)?", value.strip())
    assert match, value
    return int(match[1]) * (60 if match[2] == "min" else 1)


# -- Dockerfile --------------------------------------------------------------------------------------------


def test_the_image_is_small_runs_as_a_user_and_starts_the_real_command() -> None:
    (base,) = arguments("FROM")
    assert base == "python:3.11-slim"
    keywords = [keyword for keyword, _ in dockerfile()]
    (user,) = arguments("USER")
    assert user not in ("root", "0")
    assert keywords.index("USER") < keywords.index("CMD")
    (cmd,) = arguments("CMD")
    assert json.loads(cmd) == START
    assert importlib.util.find_spec("bot.__main__") is not None
    assert arguments("STOPSIGNAL") == ["SIGTERM"]
    assert arguments("EXPOSE") == ["3000"]


def test_the_image_copies_every_package_and_the_manifest_and_all_it_copies_exists() -> None:
    copied: set[str] = set()
    for rest in arguments("COPY"):
        *sources, _target = rest.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            copied.add(source.rstrip("/"))
    assert set(packages()) <= copied
    assert {"pyproject.toml", "manifest.yaml"} <= copied  # manifest.yaml: the OAuth scopes are read from it


def test_the_build_context_leaves_out_secrets_and_data_but_not_what_is_copied() -> None:
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip()[:1] not in ("", "#")
    ]
    assert {".env", "*.db", ".git", ".venv"} <= set(ignored)
    copied = [s for rest in arguments("COPY") for s in rest.split()[:-1]]
    assert [s for s in copied if any(fnmatch.fnmatch(s.rstrip("/"), p) for p in ignored)] == []


def test_the_image_sets_only_known_variables() -> None:
    named = set().union(*(env_names(rest) for rest in arguments("ENV")))
    assert {"PORT", "DATABASE_URL"} <= named
    assert sorted(named - known_variables()) == []


# -- compose -----------------------------------------------------------------------------------------------


def test_compose_runs_postgresql_and_two_replicas_in_http_mode() -> None:
    services = compose()["services"]
    assert services["postgres"]["image"].startswith("postgres:")
    bots = bot_services()
    assert len(bots) >= 2
    for name, service in bots.items():
        assert (DEPLOY / service["build"]["context"] / "Dockerfile").resolve() == ROOT / "Dockerfile", name
        env = service["environment"]
        assert env["SLACK_APP_TOKEN"] == "", name  # HTTP mode
        assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:" in env["DATABASE_URL"]
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "/readyz" in " ".join(service["healthcheck"]["test"])
        assert seconds(service["stop_grace_period"]) > GRACE_SECONDS
    assert len({tuple(s["ports"]) for s in bots.values()}) == len(bots)  # no two on one host port


def test_compose_names_only_known_variables() -> None:
    text = (DEPLOY / "compose.yaml").read_text()
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))
    set_for_bots = {name for s in bot_services().values() for name in s["environment"]}
    set_for_postgres = set(compose()["services"]["postgres"]["environment"])
    assert sorted((interpolated | set_for_bots | set_for_postgres) - known_variables()) == []
    assert set_for_bots <= set(documented_variables())


# -- systemd -----------------------------------------------------------------------------------------------


def test_the_unit_starts_the_real_command_and_stops_within_its_timeout() -> None:
    parsed = unit()
    assert {"Unit", "Service", "Install"} <= set(parsed.sections())
    service = parsed["Service"]
    assert shlex.split(service["ExecStart"])[1:] == START[1:]
    assert service["KillSignal"] == "SIGTERM"
    assert seconds(service["TimeoutStopSec"]) > GRACE_SECONDS
    assert service["RestartPreventExitStatus"] == "2"  # a setting to fix: restarting cannot help
    assert service["User"] not in ("root", "0")
    assert parsed["Install"]["WantedBy"] == "multi-user.target"
    assert sorted(env_names(service["Environment"]) - set(documented_variables())) == []


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    text = (DEPLOY / "balansebrett.service").read_text()
    text = text.replace("/opt/balansebrett/.venv/bin/python", sys.executable)  # where it is installed here
    text = re.sub(r"^(User|Group)=.*$", r"\1=root", text, flags=re.MULTILINE)
    checked = tmp_path / "balansebrett.service"
    checked.write_text(text)
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", str(checked)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")


# -- the settings file -------------------------------------------------------------------------------------


def test_the_settings_example_names_only_known_variables() -> None:
    text = (DEPLOY / "balansebrett.env.example").read_text()
    named = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "PORT"} <= named
    assert sorted(named - known_variables()) == []


# -- the health checks, as written, against a real bot ----------------------------------------------------


@pytest.fixture(scope="module")
def bot(fake_slack_server: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    directory = tmp_path_factory.mktemp("deploy-files")
    fake_slack_server.reset()
    with BotProcess(fake_slack_server, f"sqlite:///{directory / 'bot.db'}", directory) as process:
        yield process


def run_check(command: list[str], port: int) -> int:
    """A CMD-form health check with `python` our interpreter, and the bot's port for 3000."""
    argv = [sys.executable if word == "python" else word.replace(":3000/", f":{port}/") for word in command]
    result = subprocess.run(  # noqa: S603
        argv, env={"PORT": str(port)}, capture_output=True, timeout=30, check=False
    )
    return result.returncode


def test_the_images_health_check_passes_against_a_running_bot(bot: BotProcess) -> None:
    (healthcheck,) = arguments("HEALTHCHECK")
    command = json.loads(healthcheck.split(" CMD ", 1)[1])
    assert "/healthz" in command[-1]
    assert run_check(command, bot.port) == 0
    assert run_check(command, free_port()) != 0  # it does check: nothing listens there


def test_the_compose_readiness_check_passes_against_a_running_bot(bot: BotProcess) -> None:
    for service in bot_services().values():
        test = service["healthcheck"]["test"]
        assert test[0] == "CMD"
        assert run_check(test[1:], bot.port) == 0
