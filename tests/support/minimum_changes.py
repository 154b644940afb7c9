"""A team set up and edited through the real `/balanse setup` form, whose weeks are answered in the
database and published by the real dispatcher (the scheduler's path) into the fake Slack: for the tests
that change a team's anonymity minimum between published weeks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.runtime import Runtime
from storage import members, summaries, teams
from storage.models import Member
from survey_flows.frozen_weeks import frozen_week
from tests.support.fake_slack import Call
from tests.support.harness import Harness
from tests.support.modals import state_of
from tests.support.phone import with_thread
from tests.support.summary_weeks import (
    STANDARD_ITEMS,
    STANDARD_REVERSE,
    WS,
    answer_pulse,
    mark_pulse_sent,
    uniform,
    week_of,
)

CHANNEL = "C_TEAM"
MANAGER = "U1"  # nb-NO in the fake Slack

Answer = tuple[int, int | None]
"""(safety, standard) of one seller's pulse; standard None answers every standard item "vet ikke"."""


def monday_of(period: str) -> datetime:
    """09:00 in Oslo on the Monday of an ISO week such as "2026-W47" (08:00 UTC in November)."""
    return week_of(period) - timedelta(days=4, hours=5)


@dataclass
class MinimumTeam:
    harness: Harness
    runtime: Runtime
    sellers: tuple[str, ...]
    team_id: int = 0

    # -- the setup form, as the manager uses it --------------------------------------------------------------

    def open_form(self) -> dict:
        self.harness.command("setup", user_id=MANAGER, channel_id=CHANNEL)
        return self.harness.fake.calls_to("views.open")[-1].params["view"]

    def save_minimum(self, minimum: int) -> None:
        """The manager opens `/balanse setup` in the channel and saves it with this minimum."""
        view = self.open_form()
        response = self.harness.send(
            self.harness.requests.view_submission(
                user_id=MANAGER,
                callback_id=view["callback_id"],
                values=state_of(view, {"setup_name": "Salg Øst", "setup_min_respondents": str(minimum)}),
                private_metadata=view["private_metadata"],
            )
        )
        assert response.status == 200 and not response.body, response.body
        with self.harness.db.session() as s:
            team = teams.team_for_channel(s, WS, CHANNEL)
            assert team is not None and team.min_respondents == minimum
            self.team_id = team.id  # type: ignore[assignment]

    # -- a week ------------------------------------------------------------------------------------------------

    def publish_week(self, period: str, answers: Sequence[Answer]) -> None:
        """The sellers answer `period`'s pulse, then the dispatcher publishes its summary on Friday 14:00."""
        db = self.harness.db
        self.harness.clock.now = monday_of(period)
        with db.session() as s:
            for user_id, (safety, standard) in zip(self.sellers, answers, strict=False):
                member = seller(s, user_id)
                mark_pulse_sent(s, member, period)
                answer_pulse(
                    s, self.team_id, member, pulse(safety, standard), period=period, at=monday_of(period)
                )
        self.harness.clock.now = week_of(period)
        assert self.runtime.dispatcher.publish_summaries(self.team_id)

    # -- what Slack was sent -----------------------------------------------------------------------------------

    def posts(self, channel: str) -> list[Call]:
        """The summaries in a channel or DM (not the replies in their threads)."""
        return [
            c
            for c in self.harness.fake.calls_to("chat.postMessage")
            if c.params.get("channel") == channel and c.response.get("ok") and not c.params.get("thread_ts")
        ]

    def read(self, post: Call) -> str:
        """A summary as a reader reads it, the figures in its thread included."""
        return with_thread(self.harness.fake, post)

    def chart_alt_texts(self) -> list[str]:
        return [str(c.params["alt_txt"]) for c in self.harness.fake.calls_to("files.getUploadURLExternal")]

    def stored_minimum(self, period: str) -> int:
        with self.harness.db.session() as s:
            snapshot = summaries.get_snapshot(s, self.team_id, period)
            assert snapshot is not None
            return frozen_week(snapshot).min_respondents


def seller(s: Session, user_id: str) -> Member:
    member = members.find_member(s, WS, user_id)
    assert member is not None, user_id
    return member


def pulse(safety: int, standard: int | None) -> dict[str, int | None]:
    answers = uniform(safety, standard or 3, 3)
    if standard is None:
        for item_id in (*STANDARD_ITEMS, STANDARD_REVERSE):
            answers[item_id] = None
    return answers


def minimum_team(harness: Harness, runtime: Runtime, sellers: int, minimum: int = 5) -> MinimumTeam:
    """U1 sets up a team of `sellers` sellers (US1, US2, …) in C_TEAM through the form, with `minimum`."""
    names = tuple(f"US{index}" for index in range(1, sellers + 1))
    for user_id in names:
        harness.fake.add_user(user_id)
    harness.fake.set_members(CHANNEL, [MANAGER, "UBOT", *names])
    team = MinimumTeam(harness, runtime, names)
    harness.clock.now = monday_of("2026-W46")
    team.save_minimum(minimum)
    return team
