"""A workspace with data in every table, built through the real app where it can be, for the forget-me and
export tests; and a dump of every table to compare before and after.

Team Nord (CNORD): manager U1 (nb), sellers U4 and U5 (from tests.support.coaching.setup_teams). Both
sellers answer part of the survey; U4 also answers this week's pulse by typing in its thread (an
`inbound_event` key from their DM). U1 asks for advice about both (a follow-up for U4). The ledger has
their pulses, U4's reminder, U1's summary DM and the team's channel summary; the team has a published
(frozen) snapshot; one Slack delivery key comes from the team channel (no one's); U4 was told U1 put them
in the team, and U1 was told that U5 moved to another team.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import SQLModel

from storage import ledger, members, notices
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import SummarySnapshot
from storage.notices import NoticeKind
from tests.support.coaching import answer_dialogue, setup_teams, tap_message_button
from tests.support.harness import Harness, button
from tests.support.scheduling import WS, member_id

PERIOD = "2026-W48"
SNAPSHOT_FIGURES = {"means": {"safety": 3.8, "standard": 3.1}, "zone": "comfort"}

Rows = dict[str, dict[tuple, dict[str, Any]]]
"""table -> primary key -> the row's columns."""


@dataclass(frozen=True)
class World:
    nord: int
    u1: int
    u4: int
    u5: int


def answer_some(harness: Harness, user_id: str, values: list[int]) -> None:
    """Tap through the next questions of the user's open run with these choices (0 = don't know)."""
    for value in values:
        last = harness.questions(user_id)[-1]
        harness.tap(button(last, value), last, user_id=user_id)


def typed_answer(harness: Harness, user_id: str, text: str, ts: str) -> None:
    """Type an answer in the thread of the user's latest run."""
    last = harness.questions(user_id)[-1]
    harness.send(
        harness.requests.message_event(
            user_id=user_id,
            text=text,
            channel_id=f"D{user_id}",
            ts=ts,
            thread_ts=harness.thread_of(last),
        )
    )


def populate(harness: Harness) -> World:
    db, now = harness.db, harness.clock()
    teams = setup_teams(db, now)
    harness.command("survey", user_id="U4")
    answer_some(harness, "U4", [4, 0, 2])
    harness.command("pulse", user_id="U4")
    typed_answer(harness, "U4", "5", ts="1800000000.000100")
    harness.command("survey", user_id="U5")
    answer_some(harness, "U5", [1, 5])
    harness.command("coach <@U4|kari>", user_id="U1")
    advice = answer_dialogue(harness, {"competence": "low", "will": "low"})
    tap_message_button(harness, advice, "coach_follow_up_2")
    harness.command("coach <@U5|per>", user_id="U1")
    answer_dialogue(harness, {"experience": "new", "confidence": "low"})
    world = World(teams.nord, member_id(db, "U1"), member_id(db, "U4"), member_id(db, "U5"))
    with db.session() as s:
        for kind, target in (
            (DeliveryKind.PULSE, str(world.u4)),
            (DeliveryKind.REMINDER, str(world.u4)),
            (DeliveryKind.PULSE, str(world.u5)),
            (DeliveryKind.SUMMARY_DM, f"{world.nord}:{world.u1}"),
            (DeliveryKind.SUMMARY, str(world.nord)),
        ):
            ledger.claim(s, WS, kind, target, PERIOD, now)
            ledger.finish(s, WS, kind, target, PERIOD, DeliveryStatus.SENT, now)
        s.add(
            SummarySnapshot(
                workspace_id=WS,
                team_id=world.nord,
                period="2026-W47",
                published_at=now,
                respondents=5,
                eligible=6,
                suppressed=False,
                figures=SNAPSHOT_FIGURES,
            )
        )
        members.remember_event(s, WS, "msg:CNORD:1800000000.000200", now)
        # U1 put U4 into the team (U4 was told), and U1 was told that U5 moved to another team.
        notices.add(s, WS, NoticeKind.ADDED_TO_TEAM, world.u4, world.nord, now, actor_member_id=world.u1)
        notices.add(s, WS, NoticeKind.SELLER_MOVED, world.u1, world.nord, now, subject_member_id=world.u5)
    return world


def dump(harness: Harness) -> Rows:
    """Every row of every table, by primary key."""
    rows: Rows = {}
    with harness.db.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            found = conn.execute(select(table)).mappings().all()
            keys = [column.name for column in table.primary_key.columns]
            rows[table.name] = {tuple(row[k] for k in keys): dict(row) for row in found}
    return rows


def removed(before: Rows, after: Rows) -> dict[str, list[dict[str, Any]]]:
    """The rows that are gone, per table (tables with none left out); asserts nothing was added or changed."""
    gone: dict[str, list[dict[str, Any]]] = {}
    for table, rows in before.items():
        now = after[table]
        assert set(now) <= set(rows), (table, set(now) - set(rows))
        for key, row in now.items():
            assert rows[key] == row, (table, key)
        lost = [rows[key] for key in rows if key not in now]
        if lost:
            gone[table] = lost
    return gone


def about(rows: Rows, member: int, dm_channel: str) -> dict[str, list[dict[str, Any]]]:
    """The rows that belong to one member, by the rules of docs/PRIVACY.md, computed from a dump."""
    runs = {r["id"] for r in rows["survey_run"].values() if r["member_id"] == member}
    requests = {
        r["id"]
        for r in rows["coaching_request"].values()
        if member in (r["manager_member_id"], r["subject_member_id"])
    }
    teams = {r["id"] for r in rows["team"].values()}
    targets = {str(member)}
    dm_targets = {f"{team}:{member}" for team in teams}
    wanted = {
        "member": lambda r: r["id"] == member,
        "team_membership": lambda r: r["member_id"] == member,
        "survey_run": lambda r: r["id"] in runs,
        "answer": lambda r: r["run_id"] in runs,
        "prompt": lambda r: r["run_id"] in runs,
        "coaching_request": lambda r: r["id"] in requests,
        "follow_up": lambda r: r["request_id"] in requests,
        "inbound_event": lambda r: f":{dm_channel}:" in r["event_key"],
        "notice": lambda r: member in (r["recipient_member_id"], r["subject_member_id"]),
        "delivery": lambda r: (
            (r["kind"] in ("pulse", "reminder") and r["target"] in targets)
            or (r["kind"] == "summary_dm" and r["target"] in dm_targets)
        ),
    }
    found = {table: [r for r in rows[table].values() if test(r)] for table, test in wanted.items()}
    return {table: found_rows for table, found_rows in found.items() if found_rows}
