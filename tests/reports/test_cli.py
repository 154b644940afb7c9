"""`python -m bot report`: the files a director forwards, and a clear line (exit 2) for what it cannot do."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from coaching.i18n import t
from reports.cli import main
from tests.support.demo import Seeded

ROOT = Path(__file__).resolve().parents[2]


def test_the_report_of_a_team_is_written_as_markdown_pdf_and_csv(
    demo: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--team", "salg nord", "--out", str(tmp_path), "--csv", "--database", demo.url, "--locale", "en"]
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["report-chart.png", "report.csv", "report.md", "report.pdf"]
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {t('en', 'report.title', team='Salg Nord')}")
    assert "The team is in the comfort zone" in markdown  # in the language asked for
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report.csv").read_text(encoding="utf-8"))))
    assert [row["week"] for row in rows][-1] == "2026-W48" and len(rows) == 12
    out = capsys.readouterr().out
    assert t("en", "report.cli.written", team="Salg Nord") in out and str(tmp_path / "report.pdf") in out


def test_an_unknown_team_names_the_teams_there_and_exits_2(
    demo: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--team", "Salg Vest", "--out", str(tmp_path), "--database", demo.url, "--locale", "sv"]) == 2
    )
    teams = "Försäljning Stockholm, Key Accounts, Salg Nord, Salg Sør"
    assert capsys.readouterr().err.strip() == t(
        "sv", "report.cli.unknown_team", name="Salg Vest", teams=teams
    )
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_weeks_out_of_range_and_an_empty_workspace_are_told_plainly(
    demo: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--team", "Salg Nord", "--database", demo.url, "--locale", "nb", "--out", str(tmp_path)]
    assert main([*args, "--weeks", "0"]) == 2
    assert capsys.readouterr().err.strip() == t("nb", "report.cli.weeks", most=52)
    assert main([*args, "--workspace", "TNOBODY"]) == 2
    assert capsys.readouterr().err.strip() == t("nb", "report.cli.no_teams")


def test_python_m_bot_report_reaches_the_report(demo: Seeded, tmp_path: Path) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bot", "report", "--team", "Nope", "--database", demo.url, "--locale", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith('I can\'t find a team called "Nope".')
