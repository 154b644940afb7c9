"""A port already taken (another program, or a second bot on PostgreSQL with the same PORT) is one localized
line and exit code 2 before the scheduler starts, never a traceback from the server's bind."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from storage.models import SchedulerLease
from tests.support.bot_process import BotProcess, rows
from tests.support.fake_slack import FakeSlack


def test_a_port_in_use_is_one_line_and_exit_2(fake_slack: FakeSlack, db_url: str, tmp_path: Path) -> None:
    bot = BotProcess(fake_slack, db_url, tmp_path)
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", bot.port))  # noqa: S104 - as the bot binds it
        taken.listen()
        result = subprocess.run(
            [sys.executable, "-m", "bot"],
            cwd=tmp_path,
            env=bot.env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Balansebrett: Port {bot.port} er allerede i bruk av et annet program. "
        "Stopp det, eller velg en annen PORT i .env."
    ]
    assert rows(db_url, select(SchedulerLease.holder)) == []  # it never led the scheduler
