"""`python -m bot console` (and `balansebrett console`): the conversations in a terminal, read from standard
input so a script can drive them. End of input ends the session (exit 0)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TextIO

from coaching.i18n import t
from coaching.locale import DEFAULT_LOCALE, LOCALES, Locale, resolve_locale
from console.people import ConsoleNames
from console.screen import Screen
from console.session import Session
from demo.personas import TEAMS, WORKSPACE_ID
from demo.seed import DIRECTOR, seed_demo
from storage.db import DEFAULT_DATABASE_URL, Database
from storage.migrate import upgrade

DEMO_WORKSPACE = WORKSPACE_ID
"""The demo workspace (demo/personas.py), where the console starts unless told another."""
DEFAULT_USER = "UCONSOLE"


def utc_now() -> datetime:
    return datetime.now(UTC)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="balansebrett console", description=__doc__)
    p.add_argument("--locale", choices=sorted(LOCALES), default=None, help="nb, sv or en")
    p.add_argument("--as", dest="user", default=None, help="a user id, or a demo persona's name")
    p.add_argument("--workspace", default=DEMO_WORKSPACE, help="the workspace id (default: the demo's)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="seed the demo workspace first when it is empty, and be its manager",
    )
    return p


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    args = parser().parse_args(list(argv) if argv is not None else None)
    locale: Locale = resolve_locale(args.locale or os.environ.get("DEFAULT_LOCALE"), DEFAULT_LOCALE)
    url = os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    upgrade(url)
    db = Database.from_url(url)
    names, manager = demo_people(db, args.workspace, seed=args.demo)
    user = args.user or manager
    return run(db, locale, args.workspace, user, stdin or sys.stdin, stdout or sys.stdout, names)


def demo_people(db: Database, workspace_id: str, *, seed: bool) -> tuple[ConsoleNames, str | None]:
    """In the demo workspace: its personas by name (the name port), and its director, who manages every
    team, as the default user; with `seed`, the demo is seeded first when it is not there yet."""
    if workspace_id != DEMO_WORKSPACE:
        return ConsoleNames(), None
    if seed:
        seed_demo(db, today=utc_now().date())
    people = {DIRECTOR.user_id: DIRECTOR.name}
    for team in TEAMS:
        people.update({p.user_id: p.name for p in (team.manager, *team.sellers)})
    return ConsoleNames(people), DIRECTOR.user_id


def run(
    db: Database,
    locale: Locale,
    workspace_id: str,
    user: str | None,
    stdin: TextIO,
    stdout: TextIO,
    names: ConsoleNames | None = None,
    *,
    clock: Callable[[], datetime] = utc_now,
) -> int:
    names = names or ConsoleNames()
    screen = Screen(stdout, locale, names)
    user_id = names.resolve(user) if user else DEFAULT_USER
    session = Session(db, clock, screen, names, workspace_id=workspace_id, user_id=user_id)
    session.welcome()
    for line in stdin:
        screen.echo(line.rstrip("\n"))
        session.handle(line)
    screen.note(t(locale, "terminal.bye"))
    return 0
