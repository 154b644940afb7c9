"""`python -m bot demo [--seed N] [--out DIR]`: seed a demo workspace, show each team's latest summary, write
its zone chart.

A progress bar (on stderr) while the weeks are seeded; then, in the terminal, each team's latest weekly
summary as its channel got it (the same composer as the Slack post), one zone chart PNG per team in
`--out`, and how to go on: the console and the team report. A database that holds the demo already is
used as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from dotenv import find_dotenv, load_dotenv
from rich.text import Text

from coaching.i18n import t
from coaching.locale import LOCALES, Locale, resolve_locale
from coaching.summary_text import SummaryText, compose
from console.render import to_text
from reports.cli import DEMO_DIR, demo_database, terminal_locale
from reports.render import week_blocks
from storage.db import Database
from storage.migrate import upgrade

_LETTERS: dict[str, str | int | None] = {"ø": "o", "æ": "ae", "å": "a", "ä": "a", "ö": "o"}
_FOLDED = str.maketrans(_LETTERS)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot demo", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same demo (default 1)")
    parser.add_argument(
        "--out", type=Path, default=DEMO_DIR, help=f"the folder for the files (default {DEMO_DIR})"
    )
    parser.add_argument("--locale", choices=sorted(LOCALES), help="the language shown (default each team's)")
    parser.add_argument("--database", help="a database URL (default a new SQLite file in --out)")
    parser.add_argument("--weeks", type=int, default=12, help="how many weeks to seed (default 12)")
    return parser


def panel_body(text: SummaryText) -> Text:
    """A week's summary in the terminal, in the report's order (`reports.render.week_blocks`: the channel
    post, then the figures of its thread), rendered as the console renders every text: paragraphs apart,
    the figures' bullets together. The heading is the panel's title."""
    body = Text()
    previous: str | None = None
    for block in week_blocks(text)[1:]:
        if previous is not None:
            body.append("\n" if previous == block.kind == "bullet" else "\n\n")
        body.append_text(to_text(("• " if block.kind == "bullet" else "") + block.text, _nobody))
        previous = block.kind
    return body


def _nobody(user_id: str) -> str:
    """A summary names nobody; an id would be shown as it is."""
    return user_id


def main(argv: list[str]) -> int:
    from rich.console import Console
    from rich.panel import Panel
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from demo.seed import seed_demo
    from reports.chart_texts import zone_chart
    from reports.team_report import published_summaries

    load_dotenv(find_dotenv(usecwd=True))
    args = _parser().parse_args(argv)
    ui: Locale = args.locale or terminal_locale()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    url = args.database or demo_database(out)
    upgrade(url)
    db = Database.from_url(url)
    console, errors = Console(), Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=errors, transient=False) as bar:
        task = bar.add_task(t(ui, "demo.cli.seeding"), total=args.weeks + 1)
        workspace = seed_demo(
            db,
            seed=args.seed,
            weeks=args.weeks,
            today=date.today(),
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if not workspace.seeded:
        errors.print(t(ui, "demo.cli.already", database=url), markup=False)
    for team in workspace.teams:
        locale = resolve_locale(args.locale, resolve_locale(team.locale))
        found = published_summaries(db, team.team_id, 1)
        heading = t(ui, "demo.cli.team", team=team.name, person=team.manager.name, sellers=len(team.sellers))
        if not found:
            continue
        summary = found[-1]
        text = compose(locale, team.name, summary)
        title = to_text(text.title, _nobody)
        console.print(Panel(panel_body(text), title=title, subtitle=heading, expand=False, width=100))
        png = zone_chart(locale, summary, team.cutoff)
        if png is not None:
            path = out / f"{_slug(team.name)}.png"
            path.write_bytes(png)
            console.print(t(ui, "demo.cli.chart", path=path), markup=False)
    console.print()
    first = workspace.teams[0].name
    manager = workspace.manager.name
    console.print(t(ui, "demo.cli.next", database=url, team=first, out=out, person=manager), markup=False)
    return 0


def _slug(name: str) -> str:
    """ "Salg Sør" -> "salg-sor": a file name that survives every file system."""
    plain = name.casefold().translate(_FOLDED)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "team"


if __name__ == "__main__":  # pragma: no cover - `python -m bot demo` is the way in
    sys.exit(main(sys.argv[1:]))
