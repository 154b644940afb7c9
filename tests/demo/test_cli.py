"""`python -m bot demo`: a progress bar while seeding, each team's latest summary in the terminal as its channel
got it, one zone chart per team, and the way on; run again, the demo is reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from coaching.i18n import t
from coaching.summary_text import compose
from demo.cli import main, to_rich
from demo.personas import TEAMS
from reports.render import to_plain
from reports.team_report import published_summaries
from storage import teams
from storage.db import Database


def test_the_demo_shows_each_team_and_writes_its_chart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--out", str(tmp_path), "--seed", "1", "--locale", "en"]) == 0
    out, err = capsys.readouterr()
    assert t("en", "demo.cli.seeding") in err and "13/13" in err  # the progress bar, on stderr
    charts = sorted(p.name for p in tmp_path.glob("*.png"))
    assert charts == ["forsaljning-stockholm.png", "key-accounts.png", "salg-nord.png", "salg-sor.png"]
    assert Image.open(tmp_path / "salg-nord.png").size == (1200, 900)
    db = Database.from_url(f"sqlite:///{(tmp_path / 'demo.db').resolve()}")
    flat = " ".join(re.sub("[│╭╮╰╯─]", " ", out).split())  # the text, without the panels' frames
    with db.session() as s:
        ids = {team.name: teams.team_for_channel(s, "TDEMO", team.channel_id).id for team in TEAMS}  # type: ignore[union-attr]
    for name, team_id in ids.items():
        latest = published_summaries(db, team_id, 1)[-1]
        text = compose("en", name, latest)
        assert text.title in flat
        assert " ".join(to_plain(text.zone or "").split()) in flat
    assert "The team is in the comfort zone" in flat and "The team is in the apathy zone" in flat
    assert "python -m bot report --team" in flat
    db.dispose()

    assert main(["--out", str(tmp_path), "--locale", "en"]) == 0  # again: the same demo, reused
    _, err = capsys.readouterr()
    assert t("en", "demo.cli.already", database="").split(" ")[0] in err


def test_the_terminal_shows_the_markup_as_rich_text() -> None:
    assert (
        to_rich("**Teamet er i komfortsonen.** Les mer") == "[bold]Teamet er i komfortsonen.[/bold] Les mer"
    )
    # a user's "[bold]" is shown as typed, never taken for rich's own markup
    assert to_rich(r":lock: Team \[bold\] med @[U1]", {"U1": "Kari"}) == "🔒 Team \\[bold] med Kari"
    assert (
        to_rich("`/balanse rapport` [her](https://example.com)")
        == "/balanse rapport her (https://example.com)"
    )
