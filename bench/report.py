"""The markdown table, the machine it ran on, and bench/results/<date>.md."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.common import Row

RESULTS = Path(__file__).resolve().parent / "results"


def _first_line(path: str, key: str) -> str:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def _postgres_version(url: str | None) -> str:
    if not url:
        return "not used"
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
        engine.dispose()
        return version
    except Exception as exc:  # only for the header
        return f"unknown ({type(exc).__name__})"


def machine(pg_url: str | None) -> list[str]:
    mem_kib = _first_line("/proc/meminfo", "MemTotal").split()[0]
    load = os.getloadavg()
    try:
        git = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git on PATH
            capture_output=True,
            text=True,
            check=False,
            cwd=RESULTS.parent,
        ).stdout.strip()
    except OSError:
        git = "?"
    return [
        f"- CPU: {_first_line('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores; "
        f"memory {int(mem_kib) / 1024 / 1024:.0f} GiB; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; PostgreSQL {_postgres_version(pg_url)} "
        "(local, default settings)",
        f"- load average at start: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (other work on the machine shows here)",
        f"- commit {git or '?'} plus the working tree; `{' '.join(['python -m bench', *sys.argv[1:]])}`",
    ]


def table(rows: Sequence[Row]) -> str:
    head = "| benchmark | db | figure | value | ratio | bound (same run) | target | met |"
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        cells = [row.bench, row.db, row.figure, row.value, row.ratio, row.bound, row.target, met]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def write(
    rows: Sequence[Row], notes: Sequence[str], config: Sequence[str], pg_url: str | None, took: float
) -> Path:
    now = datetime.now(UTC)
    parts = [
        f"# Benchmarks {now:%Y-%m-%d %H:%M} UTC",
        "",
        *machine(pg_url),
        f"- took {took / 60:.1f} min",
        "",
        table(rows),
        "",
        "Settings:",
        "",
        *config,
    ]
    if notes:
        parts += ["", "Notes:", "", *(f"- {note}" for note in notes)]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{now:%Y-%m-%d}.md"
    path.write_text("\n".join(parts) + "\n")
    return path
