"""The demo workspace seeded once per test directory (seeding takes a few seconds), and its published weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coaching.summary import TeamSummary
from demo.seed import DemoWorkspace, seed_demo
from demo.sender import RecordingSender
from reports.team_report import published_summaries
from storage.db import Database
from tests.support import databases

TODAY = date(2026, 12, 2)
"""A Wednesday of 2026-W49: the demo's twelve weeks are 2026-W37 .. 2026-W48."""
ZONES = {
    "Salg Nord": "comfort",
    "Salg Sør": "performance",
    "Försäljning Stockholm": "stress",
    "Key Accounts": "apathy",
}
"""Where each demo team ends its twelve weeks."""


@dataclass(frozen=True)
class Seeded:
    db: Database
    url: str
    workspace: DemoWorkspace
    sender: RecordingSender

    def history(self, name: str) -> list[TeamSummary]:
        team = self.workspace.team(name)
        assert team is not None, name
        return published_summaries(self.db, team.team_id, 52)


def seeded(template: Path, directory: Path, *, seed: int = 1) -> Seeded:
    url = databases.sqlite_copy(template, directory)
    db = Database.from_url(url)
    sender = RecordingSender()
    workspace = seed_demo(db, seed=seed, today=TODAY, sender=sender)
    return Seeded(db, url, workspace, sender)
