"""`make run` (`python -m bot`) with no Slack tokens: one line on how to connect Slack, then the console on the
demo workspace (seeded on first use) in the embedded SQLite database as the demo's director, driven by standard
input; end of input exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coaching.i18n import t
from console.render import plain
from demo.personas import TEAMS
from demo.seed import DIRECTOR

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_bot_without_tokens_reaches_the_console_and_exits_0(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    env["PYTHON_DOTENV_DISABLED"] = "1"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'console.db'}"
    env.pop("DEFAULT_LOCALE", None)

    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        input="/balanse oppsummering\n1\n",
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[0] == t("nb", "terminal.no_slack")
    assert "Create the Slack app" in result.stderr
    out = " ".join(result.stdout.split())
    assert plain(t("nb", "terminal.welcome", name=DIRECTOR.name), str) in out  # the demo's director
    assert plain(t("nb", "summary_now.choose"), str) in out  # she manages every demo team
    first = TEAMS[0].name
    assert f"1 {first}" in out
    assert f"{first}: " in out and f"av {len(TEAMS[0].sellers)} svarte" in out  # its latest published week
    assert "Ha det bra" in out  # the end of input ends the session, as Ctrl-D would
    assert "Traceback" not in result.stderr + result.stdout
    assert (tmp_path / "console.db").exists()


def test_help_says_how_to_start_each_front_end_and_starts_nothing(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("SLACK_")}
    env["PYTHON_DOTENV_DISABLED"] = "1"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'untouched.db'}"
    env["DEFAULT_LOCALE"] = "sv"

    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        cwd=ROOT,
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == t("sv", "terminal.usage")
    assert not (tmp_path / "untouched.db").exists()  # no console, no demo seeded
