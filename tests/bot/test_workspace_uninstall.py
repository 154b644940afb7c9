"""The app uninstalled from a workspace, through the real app: signed `app_uninstalled` / `tokens_revoked`
events stop every scheduled send at once (pulses, summaries, notices), also one already planned; a revoked
user token changes nothing; any authorized request afterwards clears the mark (a reinstall keeps the data),
but not the lifecycle events themselves, Slack's retries or late events. In OAuth mode the installation is
deleted from the installation store at once."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import FileInstallationStore, Installation, InstallationStore

from bot.app import build_services
from bot.listeners import register_listeners
from bot.runtime import Runtime
from storage import ledger, workspaces
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.faults.conftest import fast_retries, question_positions, tap_request, unposted_claims
from tests.support.coaching import answer_dialogue, setup_teams, tap_message_button
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import Harness, TrackingExecutor, running
from tests.support.scheduling import WS, make_team, member_id, status
from tests.support.shown import t
from tests.support.slack_requests import JSON, SlackRequests
from tests.support.team_setup import CHANNEL, open_setup, submit

W48 = "2026-W48"
OSLO = "Europe/Oslo"
MONDAY_0900 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FRIDAY_1430 = datetime(2026, 11, 27, 13, 30, tzinfo=UTC)


def posts(fake: FakeSlack, channel: str | None = None) -> list[Call]:
    calls = [c for c in fake.calls_to("chat.postMessage") if c.response.get("ok")]
    return [c for c in calls if channel is None or c.response.get("channel") == channel]


def uninstall(harness: Harness) -> None:
    harness.send(harness.requests.event({"type": "app_uninstalled"}))


def revoke(harness: Harness, *, bot: list[str], oauth: list[str]) -> None:
    harness.send(harness.requests.event({"type": "tokens_revoked", "tokens": {"oauth": oauth, "bot": bot}}))


def installed(harness: Harness) -> bool:
    with harness.db.session() as s:
        return workspaces.is_installed(s, WS)


def home_opened(user_id: str) -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user_id, "channel": f"D{user_id}", "tab": "messages"}


def late_event(requests: SlackRequests, event: dict[str, Any], happened_at: datetime) -> Any:
    """An event that happened at `happened_at` and is delivered now (signed now, as Slack does)."""
    envelope = {
        "token": "verification-token",
        "team_id": requests.team_id,
        "api_app_id": "A1",
        "event": event,
        "type": "event_callback",
        "event_id": "EvLATE0001",
        "event_time": int(happened_at.timestamp()),
        "authorizations": [{"team_id": requests.team_id, "user_id": "UBOT", "is_bot": True}],
    }
    return requests.request(json.dumps(envelope), JSON)


@pytest.fixture
def sellers(harness: Harness) -> int:
    harness.clock.now = MONDAY_0900
    return make_team(harness.db, harness.clock.now, [("U1", OSLO), ("U2", OSLO), ("U3", OSLO)])


def test_an_uninstall_stops_the_pulses_at_once_and_a_reinstall_brings_them_back(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    uninstall(harness)
    assert not installed(harness)

    runtime.dispatcher.run_daily(sellers, OSLO)
    runtime.dispatcher.catch_up()
    assert posts(harness.fake) == []
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) is None  # not even claimed
    assert runtime.dispatcher.plan() == []  # the scheduler drops the team's jobs at its next reconcile

    harness.command("hjelp", user_id="U1")  # the workspace uses the app again: the data was kept
    assert installed(harness)
    runtime.dispatcher.run_daily(sellers, OSLO)
    assert {c.response["channel"] for c in posts(harness.fake)} == {"DU1", "DU2", "DU3"}


def test_a_pulse_fan_out_already_under_way_stops_at_the_uninstall(harness: Harness, sellers: int) -> None:
    paced: list[int] = []

    def pace() -> None:  # called before each post; the uninstall arrives while the first is on its way
        paced.append(1)
        if len(paced) == 1:
            uninstall(harness)

    with running(harness, pace=pace, send_workers=1) as runtime:
        report = runtime.dispatcher.run_daily(sellers, OSLO)

    assert posts(harness.fake) == []
    assert report.sent == []
    # The claims stay open while it is uninstalled; the resume finds nobody to send them to.
    harness.clock.advance(minutes=6)
    with running(harness) as again:
        again.dispatcher.resume_unfinished()
    assert posts(harness.fake) == []


def test_the_uninstall_closes_open_claims_so_nothing_resumes_them(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    u1 = str(member_id(harness.db, "U1"))
    with harness.db.session() as s:  # a process died while sending U1's pulse
        ledger.claim(s, WS, DeliveryKind.PULSE, u1, W48, harness.clock.now, "gone")

    uninstall(harness)
    harness.command("hjelp", user_id="U2")  # installed again at once
    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()

    assert posts(harness.fake, "DU1") == []
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.SKIPPED


def test_no_weekly_summary_is_frozen_or_posted_after_an_uninstall(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    runtime.dispatcher.run_daily(sellers, OSLO)  # Monday's pulse went out
    harness.clock.now = FRIDAY_1430
    harness.fake.reset()

    uninstall(harness)
    runtime.dispatcher.publish_summaries(sellers)
    assert posts(harness.fake) == []
    assert status_of_summary(harness, sellers) is None

    harness.command("hjelp", user_id="UMGR")
    runtime.dispatcher.publish_summaries(sellers)
    assert posts(harness.fake, "CTEAM")  # the same call posts once the app is back
    assert posts(harness.fake, "DUMGR")


def status_of_summary(harness: Harness, team_id: int) -> str | None:
    with harness.db.session() as s:
        row = ledger.get(s, WS, DeliveryKind.SUMMARY, str(team_id), W48)
        return row.status if row else None


def test_the_notices_a_team_change_owes_wait_while_the_app_is_uninstalled(
    harness: Harness, runtime: Runtime
) -> None:
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", "UBOT"])
    submit(
        harness, open_setup(harness), setup_name="Team Øst", setup_managers=["U1"], setup_members=["U2", "U3"]
    )
    harness.fake.reset()
    assert runtime.notices is not None

    uninstall(harness)
    assert runtime.notices.send_pending() == 0
    assert posts(harness.fake) == []

    harness.command("hjelp", user_id="U1")
    assert runtime.notices.send_pending() == 2
    assert {c.response["channel"] for c in posts(harness.fake)} == {"DU2", "DU3"}


def test_a_revoked_user_token_changes_nothing_a_revoked_bot_token_is_an_uninstall(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    revoke(harness, bot=[], oauth=["U1"])
    assert installed(harness)
    runtime.dispatcher.run_daily(sellers, OSLO)
    assert len(posts(harness.fake)) == 3

    revoke(harness, bot=["UBOT"], oauth=[])
    assert not installed(harness)
    harness.clock.advance(days=1)  # Tuesday: the reminders
    harness.fake.reset()
    runtime.dispatcher.run_daily(sellers, OSLO)
    assert posts(harness.fake) == []


def test_only_a_request_that_shows_the_app_installed_clears_the_mark(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    uninstall(harness)
    with harness.db.session() as s:
        marked = workspaces.uninstalled_at(s, WS)
    assert marked == harness.clock.now

    harness.clock.advance(hours=1)
    uninstall(harness)  # Slack sends it again: the grace period does not start over
    revoke(harness, bot=["UBOT"], oauth=[])  # the other lifecycle event proves nothing either
    harness.send(harness.requests.event(home_opened("U1"), retry_num=1))  # a redelivery of an old event
    harness.send(late_event(harness.requests, home_opened("U1"), marked - timedelta(minutes=1)))
    with harness.db.session() as s:
        assert workspaces.uninstalled_at(s, WS) == marked

    harness.send(harness.requests.event(home_opened("U1")))  # a person opens the app now
    assert installed(harness)


def test_the_dm_warm_up_opens_no_dm_in_an_uninstalled_workspace(
    harness: Harness, runtime: Runtime, sellers: int
) -> None:
    assert runtime.dm_warmup is not None
    uninstall(harness)
    runtime.dm_warmup.run()
    assert harness.fake.calls_to("conversations.open") == []

    harness.command("hjelp", user_id="U1")
    runtime.dm_warmup.run()
    assert {c.params["users"] for c in harness.fake.calls_to("conversations.open")} >= {"U2", "U3", "UMGR"}


def test_a_given_up_question_is_not_repaired_into_an_uninstalled_workspace(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runtime.prompt_repair is not None
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey", user_id="U1")
    harness.fake.fail_next("chat.postMessage", status=500, times=3)  # question 2's post is given up
    harness.send(tap_request(harness, harness.questions("U1")[-1], 4, "U1"))
    assert unposted_claims(harness) == [2]

    uninstall(harness)
    harness.clock.advance(minutes=3)
    runtime.prompt_repair.run()
    assert question_positions(harness.fake) == Counter({"1/40": 1})

    harness.command("hjelp", user_id="U2")
    runtime.prompt_repair.run()
    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})


def test_a_coaching_follow_up_waits_while_the_app_is_uninstalled(harness: Harness, runtime: Runtime) -> None:
    assert runtime.follow_ups is not None
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = answer_dialogue(harness, {"competence": "low", "will": "low"})
    tap_message_button(harness, advice, "coach_follow_up_2")
    harness.clock.now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # due
    reminder = t("nb", "coach.reminder.title", person="<@U4>")

    uninstall(harness)
    runtime.follow_ups.send_due()
    assert [c for c in posts(harness.fake) if c.params.get("text") == reminder] == []

    harness.command("hjelp", user_id="U1")
    runtime.follow_ups.send_due()
    assert len([c for c in posts(harness.fake) if c.params.get("text") == reminder]) == 1


# -- OAuth mode: the installation goes at once ---------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> InstallationStore:
    """Any slack_sdk InstallationStore: the listener uses only its interface (the SQLAlchemy one in
    production needs `greenlet`, which the OAuth install brings)."""
    found = FileInstallationStore(base_dir=str(tmp_path / "installations"))
    for team_id in ("T1", "T2"):
        found.save(
            Installation(
                app_id="A1",
                team_id=team_id,
                user_id="U1",
                bot_token=f"xoxb-{team_id}",
                bot_id="BBOT",
                bot_user_id="UBOT",
                bot_scopes=["chat:write"],
            )
        )
    return found


def oauth_app(harness: Harness, store: InstallationStore, executor: TrackingExecutor) -> App:
    app = App(
        signing_secret=harness.settings.signing_secret,
        installation_store=store,
        client=WebClient(base_url=harness.fake.url),
        listener_executor=executor,
    )
    register_listeners(app, build_services(harness.settings, harness.db, harness.clock))
    return app


@pytest.mark.parametrize(
    "event", [{"type": "app_uninstalled"}, {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}}]
)
def test_in_oauth_mode_the_workspace_installation_is_deleted_at_once(
    harness: Harness, store: InstallationStore, event: dict[str, Any]
) -> None:
    executor = TrackingExecutor()
    app = oauth_app(harness, store, executor)

    response = app.dispatch(harness.requests.event(event))
    executor.drain()
    executor.shutdown()

    assert response.status == 200 and not executor.errors
    assert store.find_bot(enterprise_id=None, team_id="T1") is None
    assert store.find_bot(enterprise_id=None, team_id="T2") is not None  # another workspace keeps its own
    assert not installed(harness)


def test_in_oauth_mode_a_revoked_user_token_keeps_the_bot(harness: Harness, store: InstallationStore) -> None:
    executor = TrackingExecutor()
    app = oauth_app(harness, store, executor)
    app.dispatch(harness.requests.event({"type": "tokens_revoked", "tokens": {"oauth": ["U1"], "bot": []}}))
    executor.drain()
    executor.shutdown()

    assert store.find_bot(enterprise_id=None, team_id="T1") is not None
    assert installed(harness)
