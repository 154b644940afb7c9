"""`python -m bot demo [--seed N] [--out DIR]`: seed a demo workspace, show each team's latest summary, write
its zone chart.

A progress bar (on stderr) while the weeks are seeded; then, in the terminal, each team's latest weekly
summary as its channel got it (the same composer as the Slack post), one zone chart PNG per team in
`--out`, and how to go on: the console and the team report. A database that holds the demo already is
used as it is.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from dotenv import find_dotenv, load_dotenv

from coaching.i18n import t
from coaching.locale import LOCALES, Locale, resolve_locale
from coaching.markup import Span, render
from coaching.summary_text import SummaryText, compose
from reports.cli import DEMO_DIR, demo_database, terminal_locale
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


def to_rich(text: str, names: Mapping[str, str] | None = None) -> str:
    """Neutral markup (coaching/markup.py) as rich console markup: bold and italic kept, commands as they are
    typed, a link as "label (url)", a person by name, the emoji we use as emoji."""
    from rich.markup import escape

    from reports.render import EMOJI

    known = names or {}

    def one(span: Span) -> str:
        inner = "".join(one(child) for child in span.children)
        match span.kind:
            case "text" | "code":
                return escape(span.text)
            case "bold":
                return f"[bold]{inner}[/bold]"
            case "italic":
                return f"[italic]{inner}[/italic]"
            case "link":
                return inner if inner == escape(span.target) else f"{inner} ({escape(span.target)})"
            case "person" | "channel":
                return escape(known.get(span.target, span.target))
            case "emoji":
                return EMOJI.get(f":{span.text}:", f":{span.text}:")
            case _:  # a quote's "> ": the line follows as it is
                return ""

    return render(text, one)


def summary_lines(text: SummaryText) -> list[str]:
    """A week's summary for the terminal: the channel post, then the figures of its thread."""
    if text.suppressed is not None:
        return [text.suppressed, *(note for note in (text.suppressed_why,) if note)]
    lines = [part for part in (text.zone, text.split, text.weakest) if part]
    lines.append(text.response)
    lines.extend(f"• {line}" for line in text.figures)
    lines.extend(note for note in (text.not_measured, *text.footnotes) if note)
    return lines


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
        body = _body([to_rich(line) for line in summary_lines(text)])
        console.print(Panel(body, title=to_rich(text.title), subtitle=heading, expand=False, width=100))
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


def _body(lines: list[str]) -> str:
    """Paragraphs apart, the figures' bullets together."""
    body = lines[0]
    for before, line in itertools.pairwise(lines):
        body += ("\n" if before.startswith("• ") and line.startswith("• ") else "\n\n") + line
    return body


def _slug(name: str) -> str:
    """ "Salg Sør" -> "salg-sor": a file name that survives every file system."""
    plain = name.casefold().translate(_FOLDED)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "team"


if __name__ == "__main__":  # pragma: no cover - `python -m bot demo` is the way in
    sys.exit(main(sys.argv[1:]))
