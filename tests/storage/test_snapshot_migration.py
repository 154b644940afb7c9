"""Migration 0003 scrubs the weekly snapshots published before it (issue 9: nothing kept can name a person):
no cell below the week's minimum, the split warning as a yes/no; the app reads the result, and a
downgrade gives the code before it what it can read."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import select

from storage import members, summaries
from storage.db import Database
from storage.migrate import downgrade, upgrade
from storage.models import SummarySnapshot
from survey_flows.frozen_weeks import frozen_week, summary_of
from tests.storage.conftest import NOW, team_before

WS = "T1"
BEFORE = "0002_summary_indexes"


def sample(n: int, mean: float, sd: float = 0.5) -> dict[str, Any]:
    return {"n": n, "mean": mean, "sd": sd}


def version_1(period: str, respondents: int, **cells: Any) -> dict[str, Any]:
    """A week as WeekFigures.to_json wrote it before: every cell, and the split's tail sizes."""
    traits = dict.fromkeys(
        (
            "clear_expectations",
            "continuous_feedback",
            "personal_ownership",
            "safety_standard",
            "systematic_follow_up",
        )
    )
    traits.update(cells.pop("traits", {}))
    week = {"version": 1, "period": period, "respondents": respondents, "eligible": 8}
    week |= {"safety": None, "standard": None, "administration": None, "traits": traits}
    week |= {"split": {"safety": [0, 0], "standard": [0, 0]}}
    return week | cells


W47 = version_1(
    "2026-W47",
    7,
    safety=sample(7, 3.9),
    standard=sample(6, 2.1),
    administration=sample(2, 4.5, 0.7071067811865476),  # two people: 4 and 5
    traits={
        "clear_expectations": sample(1, 5.0, 0.0),  # one person's own value
        "personal_ownership": sample(7, 3.8),
        "systematic_follow_up": sample(2, 4.5, 0.7071067811865476),
    },
    split={"safety": [3, 1], "standard": [2, 3]},
)
W46 = version_1("2026-W46", 6, safety=sample(6, 3.0), standard=sample(4, 3.5), split={"standard": [2, 2]})
W45 = version_1("2026-W45", 4, safety=sample(4, 2.0), standard=sample(4, 2.0))


def seed(url: str) -> int:
    """A team (minimum 5 now) with four weeks published before the migration; returns its id."""
    db = Database.from_url(url)
    try:
        with db.session() as s:
            members.ensure_workspace(s, WS, NOW)
            team_id = team_before(s, WS, "C1", "Nord")
            rows = [
                ("2026-W44", 3, True, {"min_respondents": 5, "cutoff": 3.5}),  # posted as suppressed
                ("2026-W45", 4, False, {"min_respondents": 3, "cutoff": 3.5, "week": W45}),  # shown under 3
                ("2026-W46", 6, False, {"min_respondents": 3, "cutoff": 3.5, "week": W46}),
                ("2026-W47", 7, False, {"min_respondents": 5, "cutoff": 3.5, "week": W47}),
            ]
            for period, respondents, suppressed, figures in rows:
                s.add(
                    SummarySnapshot(
                        workspace_id=WS,
                        team_id=team_id,
                        period=period,
                        published_at=NOW,
                        respondents=respondents,
                        eligible=8,
                        suppressed=suppressed,
                        figures=figures,
                    )
                )
            return team_id
    finally:
        db.dispose()


def stored(url: str) -> dict[str, dict[str, Any]]:
    db = Database.from_url(url)
    try:
        with db.session() as s:
            return {row.period: dict(row.figures) for row in s.scalars(select(SummarySnapshot)).all()}
    finally:
        db.dispose()


def sizes(figures: dict[str, Any]) -> list[int]:
    return [int(n) for n in re.findall(r'"n": (\d+)', json.dumps(figures))]


def test_the_migration_keeps_no_cell_below_each_weeks_minimum_and_the_app_reads_what_is_left(
    empty_db_url: str,
) -> None:
    upgrade(empty_db_url, BEFORE)
    team_id = seed(empty_db_url)

    upgrade(empty_db_url)

    after = stored(empty_db_url)
    for period, figures in after.items():
        assert figures["min_respondents"] == 5, period  # the team's minimum now is stricter than W45/46's
        assert all(n >= 5 for n in sizes(figures)), period
        assert "[" not in json.dumps(figures.get("week", {})), period  # no tail sizes
    assert "week" not in after["2026-W44"] and "week" not in after["2026-W45"]  # 4 answered, minimum 5
    w46, w47 = after["2026-W46"]["week"], after["2026-W47"]["week"]
    assert w46["safety"] == sample(6, 3.0) and w46["standard"] == "suppressed"
    assert w46["split"] == {"safety": False, "standard": False}  # its standard axis is no longer kept
    assert w47["version"] == 2
    assert (w47["safety"], w47["standard"]) == (sample(7, 3.9), sample(6, 2.1))
    assert w47["administration"] == "suppressed"
    assert w47["traits"] == {
        "clear_expectations": "suppressed",
        "continuous_feedback": "suppressed",
        "personal_ownership": sample(7, 3.8),
        "safety_standard": "suppressed",
        "systematic_follow_up": "suppressed",
    }
    assert w47["split"] == {"safety": False, "standard": True}  # 3+1 of 7 is not split, 2+3 of 6 is

    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            latest = summaries.latest_snapshot(s, team_id)
            previous = summaries.snapshots(s, team_id, "2026-W47", 7)
            assert latest is not None and frozen_week(latest).min_respondents == 5
            summary = summary_of(latest, previous, 5)
    finally:
        db.dispose()
    assert summary.standard is not None and summary.standard.mean == 2.1 and summary.standard.change is None
    assert summary.safety is not None and round(summary.safety.change or 0, 1) == 0.9  # against W46's 6
    assert summary.split is True and summary.administration is None


def test_downgrade_gives_the_earlier_code_its_form_and_upgrading_again_changes_nothing(
    empty_db_url: str,
) -> None:
    upgrade(empty_db_url, BEFORE)
    seed(empty_db_url)
    upgrade(empty_db_url)
    scrubbed = stored(empty_db_url)

    downgrade(empty_db_url, BEFORE)

    old = stored(empty_db_url)["2026-W47"]["week"]
    assert old["version"] == 1
    assert old["administration"] is None and old["traits"]["clear_expectations"] is None
    assert old["split"] == {"safety": [0, 0], "standard": [3, 3]}  # reads as split in the old code
    upgrade(empty_db_url)
    assert stored(empty_db_url) == scrubbed
