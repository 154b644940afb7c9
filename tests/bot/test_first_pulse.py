"""Value on day one: a team saved on a Tuesday gets this week's pulse at once (ticked by default in the
setup form), so its first summary comes that Friday; the scheduled pulse of that week then sends nothing
again. Through the real app: the signed form submission, the confirmation, the leader's jobs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime
from coaching.i18n import t
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.faults.conftest import fast_retries
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, running
from tests.support.scheduling import status
from tests.support.team_setup import CHANNEL, open_setup, submit, team_of

OSLO = "Europe/Oslo"
SELLERS = {"UKARI": "nb-NO", "ULISA": "sv-SE", "UJO": "en-GB", "UPER": "nb-NO"}
INTRO = {"UKARI": "Ukens puls", "ULISA": "Veckans puls", "UJO": "Weekly pulse", "UPER": "Ukens puls"}
TUESDAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 10:30 in Oslo, week 49; pulse day (Monday) is past
W49 = "2026-W49"


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id, locale in SELLERS.items():
        harness.fake.add_user(user_id, locale=locale, tz=OSLO, name=user_id[1:].capitalize())
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", *SELLERS, "UBOT"])
    with running(harness) as built:
        yield built


def set_up(harness: Harness, runtime: Runtime, user_id: str = "U1", **changed: object) -> str:
    """Save a new team with the form's defaults (pulse Monday 09:00, summary Friday 14:00, minimum 5)
    and return the confirmation the manager reads. This process leads (nothing to catch up before)."""
    assert runtime.scheduler.tick()
    view = open_setup(harness, user_id=user_id)
    submit(harness, view, user_id=user_id, setup_name="Team Øst", setup_members=list(SELLERS), **changed)
    (confirmation,) = harness.fake.calls_to("chat.postEphemeral")
    return block_texts(confirmation)


def intros(harness: Harness, user_id: str) -> list[Call]:
    return [
        c
        for c in harness.fake.calls_to("chat.postMessage")
        if c.response.get("ok")
        and c.response.get("channel") == f"D{user_id}"
        and not c.params.get("thread_ts")
        and INTRO[user_id] in block_texts(c)
    ]


def reminders(harness: Harness) -> int:
    return sum(1 for c in harness.fake.calls_to("chat.postMessage") if c.params.get("reply_broadcast"))


def pulse_count(harness: Harness) -> dict[str, int]:
    return {user_id: len(intros(harness, user_id)) for user_id in SELLERS}


def test_a_tuesday_setup_sends_this_weeks_pulse_now_and_the_scheduled_run_does_not_send_it_again(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = TUESDAY
    confirmation = set_up(harness, runtime)

    assert t("nb", "setup.saved.first_pulse_now") in confirmation
    friday = t("nb", "period.at", date="fredag 4. desember", time="14:00")
    assert t("nb", "setup.saved.first_summary", when=friday) in confirmation

    runtime.scheduler.run_first_pulses()  # what the save queues on the leader, after the welcomes
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 1)  # each in their own language
    for user_id in SELLERS:
        assert status(harness.db, DeliveryKind.PULSE, user_id, W49) == DeliveryStatus.SENT

    team_id = team_of(harness)[0].id
    runtime.scheduler.run_first_pulses()  # the minute job again, and a second replica: nothing new
    runtime.dispatcher.run_daily(team_id, OSLO)  # Tuesday is a Monday pulse's reminder day: not this one's
    assert reminders(harness) == 0

    harness.clock.now = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)  # Wednesday 09:00: the pulse job fires
    runtime.dispatcher.run_daily(team_id, OSLO)
    runtime.dispatcher.catch_up()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 1)
    assert reminders(harness) == len(SELLERS)  # the day after the pulse, to those who have not answered


def test_a_setup_before_the_pulse_time_on_pulse_day_sends_once(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # Monday 07:00 in Oslo, pulse at 09:00
    set_up(harness, runtime)
    runtime.scheduler.run_first_pulses()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 1)

    harness.clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 09:00: the scheduled pulse
    runtime.dispatcher.run_daily(team_of(harness)[0].id, OSLO)
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 1)


def test_without_the_tick_the_first_pulse_waits_for_the_pulse_day_and_the_confirmation_says_when(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = TUESDAY
    confirmation = set_up(harness, runtime, setup_pulse_now=[])

    monday = t("nb", "period.at", date="mandag 7. desember", time="09:00")
    friday = t("nb", "period.at", date="fredag 11. desember", time="14:00")
    assert t("nb", "setup.saved.first_pulse", when=monday) in confirmation
    assert t("nb", "setup.saved.first_summary", when=friday) in confirmation
    assert t("nb", "setup.saved.first_pulse_now") not in confirmation
    runtime.scheduler.run_first_pulses()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 0)


@pytest.mark.parametrize(
    ("user_id", "locale", "friday"),
    [
        ("U2", "sv", "fredag 4 december kl. 14:00"),
        ("U3", "en", "Friday 4 December at 14:00"),
    ],
)
def test_the_confirmation_names_the_first_summary_as_people_say_it(
    harness: Harness, runtime: Runtime, user_id: str, locale: str, friday: str
) -> None:
    harness.clock.now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday in Stockholm and New York
    confirmation = set_up(harness, runtime, user_id=user_id)
    assert t(locale, "setup.saved.first_pulse_now") in confirmation
    assert t(locale, "setup.saved.first_summary", when=friday) in confirmation


def test_on_a_no_send_date_the_pulse_goes_out_on_the_next_working_day_at_the_pulse_time(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = TUESDAY
    confirmation = set_up(harness, runtime, setup_no_send_dates="2026-12-01")

    wednesday = t("nb", "period.at", date="onsdag 2. desember", time="09:00")
    assert t("nb", "setup.saved.first_pulse", when=wednesday) in confirmation
    runtime.scheduler.run_first_pulses()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 0)  # not on the blocked day

    harness.clock.now = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)  # Wednesday 09:00 in Oslo
    runtime.scheduler.run_first_pulses()
    runtime.dispatcher.run_daily(team_of(harness)[0].id, OSLO)
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 1)


def test_on_a_saturday_nothing_is_sent_before_monday(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # Saturday
    confirmation = set_up(harness, runtime)

    monday = t("nb", "period.at", date="mandag 7. desember", time="09:00")
    assert t("nb", "setup.saved.first_pulse", when=monday) in confirmation
    runtime.scheduler.run_first_pulses()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 0)


def test_an_edited_team_never_sends_a_pulse_at_once(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = TUESDAY
    set_up(harness, runtime, setup_pulse_now=[])
    harness.fake.reset()
    view = open_setup(harness)
    assert "setup_pulse_now" not in [b.get("block_id") for b in view["blocks"]]
    submit(harness, view, setup_name="Team Øst Nord")
    runtime.scheduler.run_first_pulses()
    assert pulse_count(harness) == dict.fromkeys(SELLERS, 0)


def shown(harness: Harness, user_id: str) -> Counter[str]:
    """What the seller's DM holds: the pulse intros and each question position, however they got there."""
    seen: Counter[str] = Counter()
    for message in harness.fake.messages.in_channel(f"D{user_id}"):
        text = str(message.get("text", ""))
        shown = block_texts(Call("", message, None, 0.0, 200))
        if message.get("thread_ts") in (None, message["ts"]):
            seen["intro"] += INTRO[user_id] in shown
            seen.update(
                word for word in shown.replace("*", " ").split() if "/7" in word
            )  # the question it carries
        elif text.split()[:1] and "/" in text.split()[0]:
            seen[text.split()[0]] += 1
    return seen


def test_a_server_error_after_slack_took_the_pulse_does_not_double_it(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.clock.now = TUESDAY
    set_up(harness, runtime)
    runtime.dispatcher.workers = 1  # one send at a time: the failure below meets the first seller
    harness.fake.fail_next("chat.postMessage", status=500, applied=True)  # in the DM, answered 500

    runtime.scheduler.run_first_pulses()  # the intro is found by its metadata, not posted again
    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()  # nothing is left to resume
    runtime.scheduler.run_first_pulses()
    for user_id in SELLERS:
        assert shown(harness, user_id) == Counter({"intro": 1, "1/7": 1}), user_id
        assert status(harness.db, DeliveryKind.PULSE, user_id, W49) == DeliveryStatus.SENT
