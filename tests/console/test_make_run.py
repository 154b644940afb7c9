"""`make run` (`python -m bot`) with no Slack tokens: one line on how to connect Slack, then the console on the
demo workspace in the embedded SQLite database, driven by standard input; end of input exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coaching.i18n import t

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
        input="/balanse setup\nSalg Øst\nKari Hansen, Ola Nordmann\n/balanse puls\n4\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[0] == t("nb", "terminal.no_slack")
    assert "Create the Slack app" in result.stderr
    out = " ".join(result.stdout.split())
    assert "Balansebrett i terminalen" in out
    assert "Salg Øst" in out and "Kari Hansen" in out
    assert "Ha det bra" in out  # the end of input ends the session, as Ctrl-D would
    assert "Traceback" not in result.stderr + result.stdout
    assert (tmp_path / "console.db").exists()
