"""What every benchmark shares: the databases, the bot as a child process, RSS, percentiles, result rows."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import normalize_url
from storage.migrate import upgrade
from tests.support.slack_requests import SlackRequests, flat_headers

SIGNING_SECRET = "bench-signing-secret"  # noqa: S105 - the fake Slack's
BOT_TOKEN = "xoxb-bench-token"  # noqa: S105 - accepted by the fake Slack only
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/bench"
ROOT = Path(__file__).resolve().parent.parent


# -- results -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One figure of the table: its value, the bound it is compared to (measured in the same run)."""

    bench: str
    db: str
    figure: str
    value: str
    ratio: str = ""
    bound: str = ""
    target: str = ""
    met: bool | None = None
    """None: a figure for context, no target."""


@dataclass(slots=True)
class Section:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: object, **kwargs: object) -> None:
        self.rows.append(Row(*args, **kwargs))  # type: ignore[arg-type]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mb(kib: float) -> str:
    return f"{kib / 1024:.1f} MB"


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# -- databases ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Backend:
    name: str
    url: str
    """SQLAlchemy URL (psycopg 3 driver for PostgreSQL)."""

    def fresh(self) -> str:
        """An empty, migrated database; returns its URL."""
        if self.name == "sqlite":
            path = Path(make_url(self.url).database or "")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            engine = create_engine(self.url)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            engine.dispose()
        upgrade(self.url)
        return self.url

    @property
    def env_url(self) -> str:
        """The URL as a user writes it in DATABASE_URL."""
        return self.url.replace("postgresql+psycopg://", "postgresql://")


def backends(workdir: Path, want: Sequence[str], notes: list[str]) -> list[Backend]:
    """SQLite in `workdir`, and the private PostgreSQL database of BENCH_DATABASE_URL (created if it does
    not exist, and WIPED by every benchmark: its name must contain "bench")."""
    found: list[Backend] = []
    if "sqlite" in want:
        found.append(Backend("sqlite", f"sqlite:///{workdir / 'bench.db'}"))
    if "postgresql" in want:
        url = normalize_url(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_PG_URL)
        problem = _prepare_postgres(url)
        if problem:
            notes.append(f"PostgreSQL skipped: {problem}")
        else:
            found.append(Backend("postgresql", url))
    return found


def _prepare_postgres(url: str) -> str | None:
    parsed = make_url(url)
    name = parsed.database or ""
    if "bench" not in name:
        return f"BENCH_DATABASE_URL names database {name!r}; the benchmarks wipe it, so its name must contain 'bench'"
    try:
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if exists is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:  # unreachable, refused, no permission: report and go on with SQLite
        return f"{parsed.render_as_string(hide_password=True)} unreachable ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})"
    return None


# -- processes ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a live process in KiB; (0, 0) once it is gone."""
    found = {"VmRSS": 0, "VmHWM": 0}
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as status:
        for line in status:
            key = line.split(":", 1)[0]
            if key in found:
                found[key] = int(line.split()[1])
    return found["VmRSS"], found["VmHWM"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a live process has used so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bot_env(db_url: str, api_url: str, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "BENCH_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=api_url,
        DATABASE_URL=db_url,
        PORT=str(port),
        LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


@dataclass
class Child:
    """A process started by a benchmark; its stderr goes to a log file in the work directory."""

    proc: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill(self, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)

    def tail(self, lines: int = 15) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


def spawn(args: Sequence[str], env: Mapping[str, str], workdir: Path, name: str, **kwargs: object) -> Child:
    """`python ARGS` in `workdir` (no .env is found there), stderr to `workdir/name.log`."""
    log = workdir / f"{name}.log"
    with open(log, "ab") as err:
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, *args], cwd=workdir, env=dict(env), stderr=err, **kwargs
        )
    return Child(proc, log)


@contextlib.contextmanager
def running(child: Child) -> Iterator[Child]:
    try:
        yield child
    finally:
        child.kill()


def signed_post(port: int, body: str, headers: Mapping[str, str], timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/slack/events", body=body.encode(), headers=dict(headers))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def url_verification(requests: SlackRequests, port: int, timeout: float = 2) -> bool:
    """True when the bot answers Slack's signed url_verification with the challenge."""
    request = requests.url_verification("ready")
    try:
        status, body = signed_post(port, request.raw_body, flat_headers(request), timeout)
    except OSError:
        return False
    with contextlib.suppress(ValueError):
        return status == 200 and json.loads(body or b"{}").get("challenge") == "ready"
    return False


def wait_ready(child: Child, port: int, timeout: float = 60, started: float | None = None) -> float:
    """Seconds from `started` (default: now) until the bot answers over HTTP; raises if it exits or
    times out."""
    requests = SlackRequests(SIGNING_SECRET)
    started = time.monotonic() if started is None else started
    while time.monotonic() - started < timeout:
        if child.proc.poll() is not None:
            raise RuntimeError(f"the bot exited with {child.proc.returncode}:\n{child.tail()}")
        if url_verification(requests, port, timeout=1):
            return time.monotonic() - started
        time.sleep(0.005)
    raise RuntimeError(f"the bot was not ready within {timeout}s:\n{child.tail()}")


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="balansebrett-bench-"))


def cleanup(path: Path) -> None:
    """Removes the work directory (the processes' logs), unless BENCH_KEEP is set."""
    if os.environ.get("BENCH_KEEP"):
        print(f"bench: logs kept in {path}", file=sys.stderr)
        return
    shutil.rmtree(path, ignore_errors=True)
