"""The DM warm-up through the real runtime, the real WebClient and the fake Slack: team members' DM channels
are opened ahead of their first pulse, once each, under the shared conversations.open budget, so the pulse
itself needs no conversations.open (Tier 3) and no users.info (Tier 4) per member."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime, build_runtime
from scheduling.scheduler import make_scheduler
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.support.fake_slack import FakeSlack
from tests.support.harness import Harness, wait_until
from tests.support.modals import state_of
from tests.support.scheduling import make_team, member_row, status, update

OSLO = "Europe/Oslo"
W48 = "2026-W48"
SATURDAY = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
MONDAY_NINE = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09:00 in Oslo


class CountingPace:
    """The conversations.open budget, counting the tokens taken instead of waiting for them."""

    def __init__(self) -> None:
        self.taken = 0

    def __call__(self) -> None:
        self.taken += 1


def make_runtime(harness: Harness, pace: CountingPace) -> Runtime:
    built = build_runtime(
        harness.settings,
        harness.db,
        clock=harness.clock,
        listener_executor=harness.executor,
        pace=lambda: None,
        open_pace=pace,
        scheduler=make_scheduler(),
    )
    harness.app = built.app  # requests go to the runtime's app, as in production
    built.dm_warmup.workers = 1  # type: ignore[union-attr]  # one call at a time: members meet Slack in order
    return built


@pytest.fixture
def pace() -> CountingPace:
    return CountingPace()


@pytest.fixture
def runtime(harness: Harness, pace: CountingPace) -> Iterator[Runtime]:
    built = make_runtime(harness, pace)
    harness.fake.reset()  # forget this app's auth.test
    yield built
    built.scheduler.shutdown()


def users(harness: Harness, *user_ids: str) -> list[tuple[str, str]]:
    """Sellers Slack knows as ordinary users (the fake keeps users between tests: no one left deactivated)."""
    for user_id in user_ids:
        harness.fake.add_user(user_id, tz=OSLO)
    return [(user_id, OSLO) for user_id in user_ids]


def opened(fake: FakeSlack) -> list[str]:
    """The users whose DM conversations.open was asked for, in order."""
    return [str(c.params["users"]) for c in fake.calls_to("conversations.open")]


def pulse_posts(fake: FakeSlack, user_id: str) -> list[object]:
    return [c for c in fake.calls_to("chat.postMessage") if c.response.get("channel") == f"D{user_id}"]


def test_the_first_pulse_after_setup_finds_every_dm_already_open(
    harness: Harness, runtime: Runtime, pace: CountingPace
) -> None:
    harness.clock.now = SATURDAY
    team_id = make_team(harness.db, SATURDAY, [("U1", OSLO), ("U2", OSLO), ("U3", OSLO)])

    report = runtime.dm_warmup.run()  # type: ignore[union-attr]

    assert opened(harness.fake) == ["U1", "U2", "U3", "UMGR"]  # sellers first, then the manager
    assert (report.opened, report.unreachable, report.failed) == (4, 0, 0)
    assert pace.taken == 4  # one token of the shared budget per call
    assert [member_row(harness.db, u).dm_channel_id for u in ("U1", "U2", "U3")] == ["DU1", "DU2", "DU3"]

    harness.fake.reset()
    harness.clock.now = MONDAY_NINE
    runtime.dispatcher.run_daily(team_id, OSLO)
    for user_id in ("U1", "U2", "U3"):
        assert len(pulse_posts(harness.fake, user_id)) == 1  # the intro, carrying question 1
        assert status(harness.db, DeliveryKind.PULSE, user_id, W48) == DeliveryStatus.SENT
    assert harness.fake.calls_to("conversations.open") == []  # nothing left to open at send time
    assert harness.fake.calls_to("users.info") == []  # and no profile look-up per member


def test_members_cached_unreachable_deactivated_or_bots_are_left_alone_and_a_rerun_opens_nothing(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = SATURDAY
    make_team(harness.db, SATURDAY, users(harness, "U1", "U2", "U3", "U4", "U5"))
    update(harness.db, "U1", dm_channel_id="DU1")  # opened before (last week's pulse)
    update(harness.db, "U2", dm_unavailable_at=SATURDAY)  # Slack refused a DM since the last refresh
    update(harness.db, "U3", deactivated=True)
    update(harness.db, "U4", is_bot=True)

    runtime.dm_warmup.run()  # type: ignore[union-attr]
    runtime.dm_warmup.run()  # type: ignore[union-attr]

    assert opened(harness.fake) == ["U5", "UMGR"]


def test_someone_slack_will_not_let_us_write_to_is_marked_exactly_as_the_pulse_sender_marks_them(
    harness: Harness, runtime: Runtime
) -> None:
    harness.fake.add_user("UGONE", deleted=True)  # conversations.open answers user_disabled
    harness.clock.now = SATURDAY
    team_id = make_team(harness.db, SATURDAY, [("U1", OSLO), ("UGONE", OSLO)])

    report = runtime.dm_warmup.run()  # type: ignore[union-attr]

    assert report.unreachable == 1
    row = member_row(harness.db, "UGONE")
    assert (row.dm_unavailable_at, row.dm_channel_id) == (SATURDAY, None)
    runtime.dm_warmup.run()  # type: ignore[union-attr]
    assert Counter(opened(harness.fake))["UGONE"] == 1  # not asked again

    harness.fake.reset()
    harness.clock.now = MONDAY_NINE
    runtime.dispatcher.run_daily(team_id, OSLO)
    assert pulse_posts(harness.fake, "UGONE") == [] and "UGONE" not in opened(harness.fake)
    assert status(harness.db, DeliveryKind.PULSE, "UGONE", W48) == DeliveryStatus.SKIPPED
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.SENT


def test_a_warm_up_cut_short_continues_after_a_restart_and_opens_nobody_twice(
    harness: Harness, runtime: Runtime, pace: CountingPace
) -> None:
    sellers = [f"U{n}" for n in range(4, 10)]
    harness.clock.now = SATURDAY
    make_team(harness.db, SATURDAY, users(harness, *sellers))

    first = runtime.dm_warmup.run(lambda: pace.taken < 2)  # type: ignore[union-attr]  # the lease is lost
    assert first.stopped and opened(harness.fake) == ["U4", "U5"]

    runtime.scheduler.shutdown()
    harness.restart()  # a new process over the same database
    again = make_runtime(harness, pace)
    try:
        again.dm_warmup.run()  # type: ignore[union-attr]
    finally:
        again.scheduler.shutdown()

    assert Counter(opened(harness.fake)) == Counter([*sellers, "UMGR"])  # each exactly once
    assert [member_row(harness.db, u).dm_channel_id for u in sellers] == [f"D{u}" for u in sellers]


def test_a_workspace_wide_failure_stops_the_run_instead_of_spending_tier_3_on_everyone(
    harness: Harness, runtime: Runtime
) -> None:
    sellers = [f"U{n}" for n in range(4, 10)]
    harness.clock.now = SATURDAY
    make_team(harness.db, SATURDAY, users(harness, *sellers))
    harness.fake.fail_next("conversations.open", status=200, error="missing_scope", times=3)

    report = runtime.dm_warmup.run()  # type: ignore[union-attr]

    assert report.stopped and report.failed == 3
    assert opened(harness.fake) == ["U4", "U5", "U6"]
    assert all(member_row(harness.db, u).dm_unavailable_at is None for u in sellers)  # nobody marked
    runtime.dm_warmup.run()  # type: ignore[union-attr]  # the next run (the scope was granted)
    assert all(member_row(harness.db, u).dm_channel_id == f"D{u}" for u in sellers)


def test_a_member_not_yet_warmed_is_opened_at_send_time_under_the_same_budget(
    harness: Harness, runtime: Runtime, pace: CountingPace
) -> None:
    harness.clock.now = MONDAY_NINE  # the pulse comes before any warm-up could run
    team_id = make_team(harness.db, MONDAY_NINE, [("U1", OSLO), ("U2", OSLO)])
    update(harness.db, "U1", dm_channel_id="DU1")

    runtime.dispatcher.run_daily(team_id, OSLO)

    assert opened(harness.fake) == ["U2"]
    assert pace.taken == 1  # the sender's fallback takes its token from the warm-up's budget
    assert member_row(harness.db, "U2").dm_channel_id == "DU2"  # cached for next week
    assert harness.fake.calls_to("users.info") == []


def test_saving_a_team_opens_its_members_dms_in_the_background_on_the_leader(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = SATURDAY  # no pulse due: what the scheduler does is the warm-up
    harness.fake.set_members("C1", ["U1", "U2", "U3", "UBOT"])
    runtime.scheduler.start()
    wait_until(lambda: runtime.scheduler.is_leader)
    harness.command("setup", user_id="U1", channel_id="C1")
    view = harness.fake.calls_to("views.open")[-1].params["view"]

    harness.send(
        harness.requests.view_submission(
            user_id="U1",
            callback_id=view["callback_id"],
            values=state_of(view, {"setup_name": "Team Vest"}),
            private_metadata=view["private_metadata"],
        )
    )

    wait_until(lambda: sorted(opened(harness.fake)) == ["U1", "U2", "U3"])
    wait_until(lambda: member_row(harness.db, "U3").dm_channel_id == "DU3")
    assert {job.id for job in runtime.scheduler.scheduler.get_jobs()} >= {"dm_warmup"}  # the top-up


def test_a_replica_without_the_lease_opens_nothing(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = SATURDAY
    make_team(harness.db, SATURDAY, [("U1", OSLO)])
    assert not runtime.scheduler.is_leader
    runtime.scheduler.run_dm_warmup()
    assert opened(harness.fake) == []


def test_two_calls_in_flight_still_open_each_member_once(harness: Harness, runtime: Runtime) -> None:
    sellers = [f"UW{n:02d}" for n in range(30)]
    harness.clock.now = SATURDAY
    make_team(harness.db, SATURDAY, users(harness, *sellers))
    runtime.dm_warmup.workers = 2  # type: ignore[union-attr]  # as in production
    runtime.dm_warmup.batch = 7  # type: ignore[union-attr]  # several batches

    report = runtime.dm_warmup.run()  # type: ignore[union-attr]

    assert report.opened == len(sellers) + 1
    assert Counter(opened(harness.fake)) == Counter([*sellers, "UMGR"])
