"""Coaching tests: two teams set up in the database, and a driver for the dialogue in the manager's DM.

Team Nord (CNORD): manager U1 (nb), sellers U4 and U5. Team Sør (CSOR): managers U2 (sv) and U3 (en),
sellers U6 and U7. U8 is known to the bot but in no team; U9 was never seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import BoltResponse
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlalchemy import func, select

from scheduling.ports import SendResult
from scheduling.summaries import SummaryService
from storage import members
from storage.db import Database
from storage.models import CoachingRequest, FollowUp, Role
from survey_flows.views import TeamView
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import Harness
from tests.support.scheduling import WS, make_team, update
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, uniform
from tests.support.summary_weeks import make_team as make_summary_team

OSLO = "Europe/Oslo"


@dataclass(frozen=True)
class Teams:
    nord: int
    sor: int


def setup_teams(db: Database, now: datetime) -> Teams:
    nord = make_team(db, now, [("U4", OSLO), ("U5", OSLO)], channel_id="CNORD", managers=("U1",))
    sor = make_team(
        db,
        now,
        [("U6", "Europe/Stockholm"), ("U7", "Europe/Stockholm")],
        channel_id="CSOR",
        managers=("U2", "U3"),
    )
    update(db, "U2", locale="sv", tz="Europe/Stockholm")
    update(db, "U3", locale="en", tz="America/New_York")
    with db.session() as s:
        members.ensure_member(s, WS, "U8", now)
    return Teams(nord, sor)


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def stored_nothing(db: Database) -> bool:
    return count(db, CoachingRequest) == 0 and count(db, FollowUp) == 0


# -- reading what the bot posted --------------------------------------------------------------------------


def block(call: Call, block_id: str) -> dict[str, Any] | None:
    return next((b for b in call.params.get("blocks", []) if b.get("block_id") == block_id), None)


def coach_buttons(call: Call) -> list[dict[str, Any]]:
    found = block(call, "coach_buttons")
    return list(found["elements"]) if found else []


def questions(fake: FakeSlack, user_id: str = "U1") -> list[Call]:
    """The coaching questions posted in the user's DM, oldest first."""
    return [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.response.get("ok") and coach_buttons(c) and c.response.get("channel") == f"D{user_id}"
    ]


def field_of(call: Call) -> str:
    return coach_buttons(call)[0]["value"].split(":")[1]


def choice_button(call: Call, choice: str) -> dict[str, Any]:
    return next(b for b in coach_buttons(call) if b["value"].split(":")[2] == choice)


def advice_posts(fake: FakeSlack, user_id: str = "U1") -> list[Call]:
    return [
        c
        for c in fake.calls_to("chat.postMessage")
        if block(c, "coach_follow_up") is not None and c.response.get("channel") == f"D{user_id}"
    ]


def parents(fake: FakeSlack, user_id: str = "U1") -> list[Call]:
    """Top-level coaching messages (the dialogue's parent) in the user's DM."""
    return [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.response.get("channel") == f"D{user_id}"
        and not c.params.get("thread_ts")
        and "<@" in str(c.params)
        and all(b.get("type") != "actions" for b in c.params.get("blocks", []))  # not a reminder
    ]


# -- acting as the manager -------------------------------------------------------------------------------


def tap(harness: Harness, call: Call, choice: str, user_id: str = "U1") -> BoltResponse:
    button = choice_button(call, choice)
    return harness.send(
        harness.requests.block_action(
            user_id=user_id,
            action_id=button["action_id"],
            value=button["value"],
            block_id="coach_buttons",
            channel_id=str(call.response["channel"]),
            message_ts=harness.ts_of(call),
            thread_ts=call.params.get("thread_ts"),
            message={"blocks": harness.shown_blocks(call)},
        )
    )


def tap_message_button(
    harness: Harness, call: Call, action_id: str, user_id: str = "U1", block_id: str = "coach_follow_up"
) -> BoltResponse:
    """A button of a posted message that is not a question (follow-up, another person, assess again)."""
    buttons = [
        e for b in call.params.get("blocks", []) for e in b.get("elements", []) if e.get("type") == "button"
    ]
    button = next(b for b in buttons if b["action_id"] == action_id)
    return harness.send(
        harness.requests.block_action(
            user_id=user_id,
            action_id=action_id,
            value=button["value"],
            block_id=block_id,
            channel_id=str(call.response["channel"]),
            message_ts=harness.ts_of(call),
            thread_ts=call.params.get("thread_ts"),
        )
    )


def tap_more(harness: Harness, advice: Call, user_id: str = "U1") -> Call:
    """Tap the advice's "more" button; the advice as the bot then edited it (chat.update)."""
    before = len(harness.fake.calls_to("chat.update"))
    tap_message_button(harness, advice, "coach_more", user_id, block_id="coach_more")
    updates = harness.fake.calls_to("chat.update")[before:]
    (edited,) = [c for c in updates if c.params.get("ts") == harness.ts_of(advice)]
    return edited


def answer_dialogue(
    harness: Harness, answers: Mapping[str, str], user_id: str = "U1", *, full: bool = False
) -> Call:
    """Tap through the open questions (`answers` by field, "dont_know" for the rest); the advice posted,
    or with `full` the advice once its "more" button was tapped."""
    for _ in range(10):
        before = len(advice_posts(harness.fake, user_id))
        last = questions(harness.fake, user_id)[-1]
        field = field_of(last)
        choice = answers.get(field, "yes" if field == "confirm" else "dont_know")
        tap(harness, last, choice, user_id)
        found = advice_posts(harness.fake, user_id)
        if len(found) > before:
            return tap_more(harness, found[-1], user_id) if full else found[-1]
    raise AssertionError("the dialogue did not end in advice")


def validate_everything(fake: FakeSlack) -> int:
    """Every message and view sent passes slack_sdk's Block Kit validation; returns how many were checked."""
    checked = 0
    for call in fake.calls:
        if call.method in ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"):
            blocks = call.params.get("blocks") or []
            assert len(blocks) <= 50
            assert len(str(call.params.get("text", ""))) <= 4000
            for raw in blocks:
                parsed = Block.parse(raw)
                assert parsed is not None, raw
                parsed.validate_json()
                checked += 1
        elif call.method in ("views.publish", "views.open"):
            view = call.params["view"]
            assert len(view["blocks"]) <= 100
            View(**view).validate_json()
            checked += 1
    return checked


# -- a team with a published weekly summary ---------------------------------------------------------------


class _PostNothing:
    """The summary publisher's sender: the channel post and the manager DMs are not what these tests read."""

    def post_channel_summary(self, team: Any, summary: Any, claim: object = None) -> SendResult:
        return SendResult.SENT

    def send_manager_summary(self, team: Any, summary: Any, user_id: str, claim: object = None) -> SendResult:
        return SendResult.SENT


def published_team(
    db: Database, *, answered: int, safety: int, standard: int, manager: str = "U1", sellers: int = 6
) -> tuple[int, list[str]]:
    """A team (manager `manager`, sellers US1..USn) whose week 48 is published from `answered` pulses, each
    with these safety and standard means; returns the team id and the sellers' user ids."""
    with db.session() as s:
        team = make_summary_team(s, channel="C_ZONE", name="Salg Vest")
        people = [add_member(s, team, f"US{index}") for index in range(1, sellers + 1)]
        add_member(s, team, manager, role=Role.MANAGER)
        for member in people[:answered]:
            answer_pulse(s, team.id, member, uniform(safety, standard, 4))  # type: ignore[arg-type]
        view = TeamView.of(team)
    SummaryService(db, lambda: SUMMARY_TIME, _PostNothing()).publish(view, SUMMARY_TIME)  # type: ignore[arg-type]
    return view.id, [f"US{index}" for index in range(1, sellers + 1)]
