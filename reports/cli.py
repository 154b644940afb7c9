"""`python -m bot report --team NAME [--weeks 12] [--out DIR] [--csv]`: a team's report as files.

Reads the published weeks of the database in DATABASE_URL (or `--database`; by default the demo's), writes
report.md, report.pdf (and report.csv with `--csv`) into `--out`, and lists them. An unknown team name is
one localized line naming the teams there, exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from dotenv import find_dotenv, load_dotenv

from coaching.i18n import t
from coaching.locale import LOCALES, Locale, resolve_locale
from demo.personas import WORKSPACE_ID
from storage.db import Database
from storage.migrate import upgrade

DEMO_DIR = Path("balansebrett-demo")
MOST_WEEKS = 52


def demo_database(out: Path) -> str:
    """The SQLite file `python -m bot demo` fills by default."""
    return f"sqlite:///{(out / 'demo.db').resolve()}"


def terminal_locale() -> Locale:
    """The language of the terminal (LC_ALL, LC_MESSAGES or LANG), bokmål when it is none of ours."""
    tag = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return resolve_locale(tag.split(".")[0].replace("_", "-") or None)


def database_url(given: str | None) -> str:
    return given or os.environ.get("DATABASE_URL") or demo_database(DEMO_DIR)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot report", description=__doc__.splitlines()[0])
    parser.add_argument("--team", required=True, help="the team's name, as in its channel's setup")
    parser.add_argument("--weeks", type=int, default=12, help="how many published weeks (default 12)")
    parser.add_argument("--out", type=Path, default=Path("."), help="the folder for the files (default .)")
    parser.add_argument("--csv", action="store_true", help="also report.csv: aggregate figures per week")
    parser.add_argument(
        "--locale", choices=sorted(LOCALES), help="the report's language (default the team's)"
    )
    parser.add_argument(
        "--workspace", default=WORKSPACE_ID, help="the Slack workspace id (default the demo's)"
    )
    parser.add_argument(
        "--database", help="a database URL (default DATABASE_URL, else the demo's SQLite file)"
    )
    return parser


def main(argv: list[str]) -> int:
    from reports.render import write_report
    from reports.team_report import find_team, team_report, workspace_teams

    load_dotenv(find_dotenv(usecwd=True))
    args = _parser().parse_args(argv)
    locale: Locale = args.locale or terminal_locale()
    if not 1 <= args.weeks <= MOST_WEEKS:
        print(t(locale, "report.cli.weeks", most=MOST_WEEKS), file=sys.stderr)
        return 2
    url = database_url(args.database)
    upgrade(url)
    db = Database.from_url(url)
    team = find_team(db, args.workspace, args.team)
    if team is None:
        names = [found.name for found in workspace_teams(db, args.workspace)]
        if not names:
            print(t(locale, "report.cli.no_teams"), file=sys.stderr)
        else:
            print(
                t(locale, "report.cli.unknown_team", name=args.team, teams=", ".join(names)), file=sys.stderr
            )
        return 2
    report = team_report(db, team, today=date.today(), weeks=args.weeks, locale=args.locale)
    written = write_report(report, args.out, with_csv=args.csv)
    print(t(locale, "report.cli.written", team=team.name))
    for path in (written.markdown, written.pdf, written.chart, written.csv):
        if path is not None:
            print(f"  {path}")
    return 0
