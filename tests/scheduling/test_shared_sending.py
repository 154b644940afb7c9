"""The fan-out shared by every replica (scheduling/send_loop.py, scheduling/fan_out.py): the leader plans
it as due ledger rows, every replica's send loop claims and sends them, a replica whose heartbeat stops has
its claims taken over, and each member gets the pulse exactly once through all of it.

Two `Database` engines stand for two replicas (each its own pool, as two processes); the clock is the
test's, so a heartbeat's age is set, not waited for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from scheduling import fan_out
from scheduling.dispatch import Dispatcher
from scheduling.dispatch_types import Recipient
from scheduling.send_loop import SendLoop
from storage import ledger, members, recipients, replicas, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Replica as ReplicaRow
from survey_flows.survey import SurveyFlow
from tests.support.dispatching import W48, at, dispatcher
from tests.support.harness import Clock, wait_until
from tests.support.scheduling import WS, FakeSender, leave, make_team, status, update

PULSE = DeliveryKind.PULSE
OSLO = "Europe/Oslo"
USERS = [f"U{i}" for i in range(1, 13)]


class Replica:
    """One process: its own engine, sender, dispatcher and send loop (named like a lease holder)."""

    def __init__(self, db_url: str, clock: Clock, name: str) -> None:
        self.db = Database.from_url(db_url)
        self.sender = FakeSender(SurveyFlow(self.db, clock))
        self.dispatcher: Dispatcher = dispatcher(self.db, clock, self.sender, claimer=name)
        self.loop = SendLoop(self.dispatcher, name, workers=2, poll_seconds=0.02)
        self.name = name


@pytest.fixture
def two(db_url: str, clock: Clock) -> Iterator[tuple[Replica, Replica]]:
    clock.now = at(2026, 11, 23, 8, 0)  # Monday 09:00 in Oslo: the pulse time
    pair = (Replica(db_url, clock, "host-a:1:aaaa"), Replica(db_url, clock, "host-b:2:bbbb"))
    yield pair
    for replica in pair:
        replica.loop.stop(timeout=5)
        replica.db.dispose()


def plan_pulses(replica: Replica, team_id: int) -> None:
    """What a leader killed right after planning leaves behind: the fan-out's due rows, nothing sent."""
    with replica.db.session() as s:
        team = teams.get_team(s, team_id)
        due = [(Recipient.of(m, team), W48) for m in teams.active_sellers(s, team_id)]
    fan_out.plan(replica.db, PULSE, due, replica.dispatcher.clock())


def test_a_fan_out_planned_by_the_leader_is_sent_by_both_replicas_each_member_once(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    leader, other = two
    team_id = make_team(leader.db, clock.now, [(u, OSLO) for u in USERS])
    for replica in two:
        replica.sender.on_pulse = lambda _user: time.sleep(0.05)  # Slack takes its time with each post
    other.loop.start()  # the other replica's loop waits for work
    leader.dispatcher.send_pulses(team_id, OSLO)  # plans the fan-out, then sends beside the other
    other.loop.stop(timeout=5)

    assert sorted(leader.sender.pulses + other.sender.pulses) == sorted(USERS)  # each exactly once
    assert other.sender.pulses, "the other replica took no share of the fan-out"
    assert leader.sender.pulses, "the leader took no share of its own fan-out"
    assert all(status(leader.db, PULSE, u, W48) == DeliveryStatus.SENT for u in USERS)


class InFlight:
    """How many sends one replica has with Slack at once, and the most it ever had."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()

    def send(self, _user: str) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.15)  # Slack takes its time with each post: long enough for every slot to fill
        with self._lock:
            self.now -= 1


def test_the_leader_sends_no_more_at_once_than_any_replica_so_the_fan_out_is_shared_evenly(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    """The leader's planning run and its own send loop draw on one set of send slots: it keeps no more
    sends in flight (nor database connections) than another replica, and takes no bigger share."""
    leader, other = two
    users = [f"U{i}" for i in range(1, 31)]
    team_id = make_team(leader.db, clock.now, [(u, OSLO) for u in users])
    flights = {replica.name: InFlight() for replica in two}
    for replica in two:
        replica.dispatcher.workers = 2
        replica.sender.on_pulse = flights[replica.name].send
        replica.loop.start()
    leader.dispatcher.send_pulses(team_id, OSLO)
    wait_until(lambda: len(leader.sender.pulses) + len(other.sender.pulses) == len(users))
    for replica in two:
        replica.loop.stop(timeout=5)

    assert sorted(leader.sender.pulses + other.sender.pulses) == sorted(users)
    assert flights[leader.name].most <= 2, "the leader's run and loop together exceeded its slots"
    assert flights[other.name].most == 2
    assert len(other.sender.pulses) >= len(users) // 3, "the other replica was left a small share"


def test_an_idle_replica_looks_for_work_with_one_query_per_poll_not_one_per_worker(
    two: tuple[Replica, Replica], clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Idle workers sleep while one looks: 20 workers on each of 4 replicas polling would be 160 queries a
    second doing nothing, on the database people's answers wait for."""
    replica, _ = two
    looks = []
    claim_due = ledger.claim_due

    def counted(*args: object, **kwargs: object) -> object:
        looks.append(time.monotonic())
        return claim_due(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ledger, "claim_due", counted)
    loop = SendLoop(replica.dispatcher, replica.name, workers=8, poll_seconds=0.1)
    loop.start()
    time.sleep(1.0)
    loop.stop(timeout=5)

    assert 5 <= len(looks) <= 8 + 12, (
        f"{len(looks)} looks in 1 s of idling with 8 workers polling every 0.1 s"
    )


def test_the_fan_out_of_a_leader_that_died_after_planning_is_sent_by_another_replica(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    leader, other = two
    team_id = make_team(leader.db, clock.now, [(u, OSLO) for u in USERS])
    plan_pulses(leader, team_id)
    assert all(status(leader.db, PULSE, u, W48) == DeliveryStatus.DUE for u in USERS)

    other.loop.drain()
    assert sorted(other.sender.pulses) == sorted(USERS)
    assert all(status(leader.db, PULSE, u, W48) == DeliveryStatus.SENT for u in USERS)
    # A new leader's run that day finds them sent: nothing twice.
    leader.dispatcher.send_pulses(team_id, OSLO)
    assert leader.sender.pulses == []


def test_claims_of_a_replica_whose_heartbeat_stopped_are_taken_over_once(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    alive, dying = two
    make_team(alive.db, clock.now, [(u, OSLO) for u in USERS[:3]])
    plan_pulses(alive, 1)
    for replica in two:
        replica.loop.beat()
    with dying.db.session() as s:  # the dying replica claims two and is killed before it sends them
        claimed = ledger.claim_due(s, clock(), dying.name, fan_out.KINDS, limit=2)
    assert len(claimed) == 2
    alive.loop.drain()  # the third: still due
    assert len(alive.sender.pulses) == 1

    clock.advance(seconds=10)
    alive.loop.beat()
    alive.loop.take_over()  # 10 s without a beat: it may be sending right now; left alone
    assert len(alive.sender.pulses) == 1

    clock.advance(seconds=6)  # 16 s: past the TTL, gone
    alive.loop.beat()
    alive.loop.take_over()
    alive.loop.take_over()  # (a second look finds nothing left)
    assert sorted(alive.sender.pulses) == sorted(USERS[:3])
    assert dying.sender.pulses == []
    assert all(status(alive.db, PULSE, u, W48) == DeliveryStatus.SENT for u in USERS[:3])


def test_a_replica_that_stops_has_its_claims_taken_over_at_once(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    alive, stopping = two
    make_team(alive.db, clock.now, [(u, OSLO) for u in USERS[:2]])
    plan_pulses(alive, 1)
    stopping.loop.beat()
    with stopping.db.session() as s:
        ledger.claim_due(s, clock(), stopping.name, fan_out.KINDS, limit=1)
    stopping.loop.stop(timeout=1)  # a graceful stop says so: nobody waits out its TTL
    alive.loop.take_over()
    assert len(alive.sender.pulses) == 1


def test_a_claim_of_a_process_without_a_heartbeat_is_left_to_the_resume_job(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    """Only a replica known to be gone is taken over: a claim whose claimer never beat (an older version
    of the bot, or a summary publisher) waits for the resume job's five minutes."""
    alive, _ = two
    make_team(alive.db, clock.now, [("U1", OSLO)])
    plan_pulses(alive, 1)
    with alive.db.session() as s:
        ledger.claim_due(s, clock(), "old-host:9:none", fan_out.KINDS)
    clock.advance(minutes=1)
    alive.loop.beat()
    alive.loop.take_over()
    assert alive.sender.pulses == []


def test_a_planned_pulse_left_until_the_next_day_is_recorded_skipped_never_sent_late(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    leader, other = two
    make_team(leader.db, clock.now, [("U1", OSLO)])
    plan_pulses(leader, 1)
    clock.advance(days=1)  # every replica was down until Tuesday
    other.loop.drain()
    assert other.sender.pulses == []
    assert status(leader.db, PULSE, "U1", W48) == DeliveryStatus.SKIPPED


def test_a_planned_pulse_goes_only_to_who_is_still_a_seller_of_the_team_when_it_is_claimed(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    """Between the plan and the claim a seller may leave, be deactivated or become the team's manager:
    the send loop asks again before it sends, and records the pulse skipped instead."""
    leader, other = two
    sellers = USERS[:5]
    team_id = make_team(leader.db, clock.now, [(u, OSLO) for u in sellers])
    plan_pulses(leader, team_id)
    leave(leader.db, team_id, "U1", clock.now)
    update(leader.db, "U2", deactivated=True)
    with leader.db.session() as s:
        team = teams.get_team(s, team_id)
        assert team is not None
        ids = {u: m.id for u in ["UMGR", *sellers] if (m := members.find_member(s, WS, u)) is not None}
        teams.set_memberships(s, team, [ids["UMGR"], ids["U3"]], [ids["U2"], ids["U4"], ids["U5"]], clock.now)

    other.loop.drain()
    assert sorted(other.sender.pulses) == ["U4", "U5"]
    assert [status(leader.db, PULSE, u, W48) for u in sellers] == [DeliveryStatus.SKIPPED] * 3 + [
        DeliveryStatus.SENT
    ] * 2


def test_an_unreachable_member_is_never_planned(two: tuple[Replica, Replica], clock: Clock) -> None:
    leader, other = two
    make_team(leader.db, clock.now, [("U1", OSLO), ("U2", OSLO)])
    with leader.db.session() as s:
        member = recipients.get_member(s, 2)
        assert member is not None and member.user_id == "U2"
        recipients.mark_dm_unavailable(s, 2, clock())
    other.loop.start()
    leader.dispatcher.send_pulses(1, OSLO)
    other.loop.stop(timeout=5)
    assert sorted(leader.sender.pulses + other.sender.pulses) == ["U1"]
    assert status(leader.db, PULSE, "U2", W48) == DeliveryStatus.SKIPPED


def test_the_heartbeat_runs_on_its_own_thread_while_sends_wait(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    """A send waiting on Slack (or on the budget) must not let the replica look dead."""
    replica, _ = two
    replica.loop.beat_every = replica.loop.beat_every / 50  # 0.1 s
    release = threading.Event()
    replica.sender.on_pulse = lambda _user: release.wait(5)
    make_team(replica.db, clock.now, [("U1", OSLO)])
    plan_pulses(replica, 1)
    replica.loop.start()
    time.sleep(0.3)  # the one send is stuck in Slack
    with replica.db.session() as s:
        replicas.beat(s, replica.name, replicas.GONE)  # forget the beat the start made
    clock.advance(seconds=1)
    time.sleep(0.3)
    with replica.db.session() as s:
        assert replica.name not in replicas.gone(s, clock() - replica.loop.ttl)
    release.set()


def test_rows_of_replicas_gone_for_a_day_are_forgotten_unless_they_hold_a_claim(
    two: tuple[Replica, Replica], clock: Clock
) -> None:
    alive, _ = two
    make_team(alive.db, clock.now, [("U1", OSLO)])
    plan_pulses(alive, 1)
    with alive.db.session() as s:
        replicas.beat(s, "old-a:1:x", clock())
        replicas.beat(s, "old-b:2:y", clock())
        ledger.claim_due(s, clock(), "old-b:2:y", fan_out.KINDS)  # (its claim is taken over below)
    clock.advance(days=2)
    alive.loop.beat()
    alive.loop.take_over()
    with alive.db.session() as s:
        left = set(s.scalars(select(ReplicaRow.id)).all())
    assert "old-a:1:x" not in left  # gone long ago, nothing of it left
    assert "old-b:2:y" in left  # it still held a claim when the take-over looked
    assert alive.name in left
