"""One `python -m bot` per SQLite file, with real processes: a second `run` on the same file is refused with
one localized line and exit code 2 (the first goes on serving); the console still works beside it; and the
lock dies with its process, even a SIGKILLed one, so a restart never finds a stale lock to clear by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.migrate import upgrade
from storage.process_lock import lock_path
from tests.ops.conftest import probe
from tests.support.bot_process import BotProcess
from tests.support.fake_slack import FakeSlack


def run_once(bot: BotProcess, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m bot …` with `bot`'s environment, to its end (bounded)."""
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bot", *args],
        cwd=bot.directory,
        env=bot.env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_second_bot_on_the_same_sqlite_file_is_refused_and_the_first_goes_on(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "bot.db"
    db_url = f"sqlite:///{database}"
    upgrade(db_url)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = BotProcess(fake_slack, db_url, tmp_path / "first")
    second = BotProcess(fake_slack, db_url, tmp_path / "second")
    with first:
        refused = run_once(second)

        assert refused.returncode == 2
        lines = refused.stderr.splitlines()
        assert lines == [
            f"Balansebrett: Databasen {database} er allerede i bruk av en annen Balansebrett-prosess. "
            "Stopp den først, eller bruk PostgreSQL for å kjøre flere prosesser (docs/DEPLOY.md)."
        ]
        assert probe(first.port, "/readyz") == (200, "ready")  # the first one never noticed
        assert lock_path(database).exists()

        console = run_once(second, "console", "--as", "U1", stdin="hjelp\n")  # not `run`: no lock taken
        assert console.returncode == 0, console.stderr
        assert "Traceback" not in console.stderr

        first.kill()  # SIGKILL: no clean-up at all; the OS drops the lock with the process
        second.start()
        assert probe(second.port, "/readyz") == (200, "ready")
        second.kill()
