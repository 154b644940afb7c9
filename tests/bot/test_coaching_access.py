"""Who may ask about whom, the other ways in (a DM that mentions someone, the global shortcut and its
modal), and the manager's list in App Home, through the real Bolt app and the fake Slack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import ShortcutId
from storage.models import CoachingRequest, FollowUp
from tests.support.coaching import (
    advice_posts,
    answer_dialogue,
    count,
    field_of,
    parents,
    questions,
    setup_teams,
    stored_nothing,
    tap_message_button,
    validate_everything,
)
from tests.support.harness import Harness, block_texts
from tests.support.modals import state_of
from tests.support.shown import t, t_plain

# (who asks, about whom): not a manager; a manager of another team; yourself; someone in no team; someone
# the bot never met. Every one gets the same text, and nothing is stored.
REFUSALS = [
    pytest.param("U5", "U4", id="a seller asks about a teammate"),
    pytest.param("U2", "U4", id="the manager of another team"),
    pytest.param("U1", "U1", id="asking about yourself"),
    pytest.param("U1", "U8", id="someone in no team"),
    pytest.param("U1", "U9", id="someone the bot never met"),
    pytest.param("U1", "U6", id="a seller of another team"),
]


def refusal_texts(harness: Harness) -> list[str]:
    return [str(c.params.get("text")) for c in harness.fake.calls_to("response_url")]


@pytest.mark.parametrize(("caller", "subject"), REFUSALS)
def test_the_same_polite_refusal_and_nothing_stored(harness: Harness, caller: str, subject: str) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.add_user("U5")  # a seller of Team Nord, in nb

    harness.command(f"coach <@{subject}|someone>", user_id=caller)

    (text,) = refusal_texts(harness)
    locale = {"U1": "nb", "U5": "nb", "U2": "sv"}[caller]
    assert text == t(locale, "coach.refused")
    assert f"<@{subject}>" not in text
    assert stored_nothing(harness.db)
    assert harness.fake.calls_to("chat.postMessage") == []


def test_a_manager_of_two_teams_may_ask_about_the_sellers_of_both(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U6|lisa>", user_id="U3")
    assert questions(harness.fake, "U3")
    harness.command("coach <@U7|ola>", user_id="U2")
    assert questions(harness.fake, "U2")


# -- a DM that mentions someone ---------------------------------------------------------------------------


def dm(
    harness: Harness, text: str, user_id: str = "U1", ts: str = "1700000100.000100", **kwargs: Any
) -> None:
    harness.send(
        harness.requests.message_event(user_id=user_id, text=text, channel_id=f"D{user_id}", ts=ts, **kwargs)
    )


@pytest.mark.parametrize(
    ("manager", "text"),
    [
        ("U1", "hvordan håndterer jeg <@U4>?"),
        ("U2", "hur hanterar jag <@U6>?"),
        ("U3", "how should I handle <@U7>?"),
    ],
)
def test_a_dm_that_mentions_a_seller_starts_the_dialogue(harness: Harness, manager: str, text: str) -> None:
    setup_teams(harness.db, harness.clock())

    dm(harness, text, user_id=manager)

    (parent,) = parents(harness.fake, manager)
    (first,) = questions(harness.fake, manager)
    assert first.params["thread_ts"] == harness.ts_of(parent)
    assert field_of(first) == "experience"
    assert count(harness.db, CoachingRequest) == 1


def test_a_dm_with_observations_prefills_them_and_a_retry_starts_nothing_twice(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    text = "hur hanterar jag <@U6>? Lisa är erfaren men bekväm"

    dm(harness, text, user_id="U2", event_id="EvCOACH1")
    dm(harness, text, user_id="U2", event_id="EvCOACH1", retry_num=1)

    (confirm,) = questions(harness.fake, "U2")
    assert field_of(confirm) == "confirm"
    assert t("sv", "coach.choice.experience.experienced") in block_texts(confirm)
    assert t("sv", "coach.choice.comfort_zone.yes") in block_texts(confirm)
    assert count(harness.db, CoachingRequest) == 1
    advice = answer_dialogue(harness, {}, user_id="U2", full=True)
    assert "30\u00a0% relation · 70\u00a0% system" in block_texts(advice)
    assert "utmanande" in block_texts(advice)


def test_a_dm_mentioning_someone_you_do_not_lead_is_refused_in_the_dm(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    dm(harness, "hvordan håndterer jeg <@U6>?")
    (reply,) = harness.fake.calls_to("chat.postMessage")
    assert reply.params["channel"] == "DU1"
    assert reply.params["text"] == t("nb", "coach.refused")
    assert stored_nothing(harness.db)


def test_dm_greetings_get_help_and_typed_survey_answers_start_no_dialogue(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    dm(harness, "hei")
    dm(harness, "<@UBOT> hei", ts="1700000100.000200")  # only the bot itself is mentioned
    replies = harness.fake.calls_to("chat.postMessage")
    assert [t("nb", "dm.hello") in block_texts(reply) for reply in replies] == [True, True]
    assert stored_nothing(harness.db)
    harness.fake.reset()

    harness.command("pulse")
    intro = harness.fake.calls_to("chat.postMessage")[0]
    dm(harness, "4", thread_ts=harness.ts_of(intro), ts="1700000200.000100")
    assert stored_nothing(harness.db)
    assert "2/7" in block_texts(harness.fake.calls_to("chat.postMessage")[-1])


# -- the global shortcut and its modal --------------------------------------------------------------------


def open_modal(harness: Harness, user_id: str = "U1") -> dict[str, Any]:
    harness.send(harness.requests.global_shortcut(user_id=user_id, callback_id="coach_person"))
    (opened,) = harness.fake.calls_to("views.open")
    return opened.params["view"]


def submit(harness: Harness, view: dict[str, Any], user_id: str = "U1", **changed: Any) -> Any:
    return harness.send(
        harness.requests.view_submission(
            user_id=user_id, callback_id=view["callback_id"], values=state_of(view, changed)
        )
    )


def test_the_shortcut_opens_a_modal_and_the_dialogue_starts_in_the_dm(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    view = open_modal(harness)
    assert view["callback_id"] == "coach_person_modal"
    assert view["title"]["text"] == t("nb", "coach.modal.title")

    response = submit(harness, view, coach_person="U4", coach_text="Kari er ny og usikker")

    assert response.status == 200
    assert not response.body  # the modal closes
    (parent,) = parents(harness.fake)
    (confirm,) = questions(harness.fake)
    assert confirm.params["thread_ts"] == harness.ts_of(parent)
    assert field_of(confirm) == "confirm"
    advice = answer_dialogue(harness, {})
    assert "70\u00a0% relasjon · 30\u00a0% system" in block_texts(advice)
    assert validate_everything(harness.fake) > 5


def test_the_modal_refuses_under_the_person_field_and_stays_open(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    view = open_modal(harness)

    response = submit(harness, view, coach_person="U6")

    body = json.loads(response.body)
    assert body == {"response_action": "errors", "errors": {"coach_person": t_plain("nb", "coach.refused")}}
    assert stored_nothing(harness.db)
    assert harness.fake.calls_to("chat.postMessage") == []


def test_another_person_opens_the_modal_again(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = answer_dialogue(harness, {"will": "low"})

    tap_message_button(harness, advice, "coach_another")

    (opened,) = harness.fake.calls_to("views.open")
    assert opened.params["view"]["callback_id"] == "coach_person_modal"


# -- App Home ------------------------------------------------------------------------------------------


def home(harness: Harness, user_id: str = "U1") -> dict[str, Any]:
    harness.send(harness.requests.app_home_opened(user_id=user_id))
    return harness.fake.calls_to("views.publish")[-1].params["view"]


def delete_buttons(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        b["accessory"]
        for b in view["blocks"]
        if (b.get("accessory") or {}).get("action_id") == "coach_delete"
    ]


def test_app_home_lists_the_requests_and_open_follow_ups_and_deletes_one(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = answer_dialogue(harness, {"experience": "new", "confidence": "low"})
    tap_message_button(harness, advice, "coach_follow_up_2")
    harness.command("coach <@U5|per>")  # unfinished

    view = home(harness)
    text = json.dumps(view, ensure_ascii=False)
    assert t("nb", "coach.home.title") in text
    assert "*<@U4>* · 23.11.2026 · 70\u00a0% relasjon · 30\u00a0% system · instruerende" in text
    assert t("nb", "coach.home.follow_up", when="mandag 7.12.2026 kl. 09.00") in text
    assert f"*<@U5>* · 23.11.2026 · {t('nb', 'coach.home.unfinished')}" in text
    buttons = delete_buttons(view)
    assert len(buttons) == 2
    assert buttons[0]["confirm"]["title"]["text"] == t("nb", "coach.home.confirm_title")
    assert validate_everything(harness.fake) > 10

    kari = buttons[1]  # newest first: Per, then Kari
    harness.send(harness.requests.block_action(user_id="U1", action_id="coach_delete", value=kari["value"]))

    with harness.db.session() as s:
        left = s.scalars(select(CoachingRequest)).all()
        assert [r.observations for r in left] == [{}]
        assert s.scalars(select(FollowUp)).all() == []
    after = json.dumps(harness.fake.calls_to("views.publish")[-1].params["view"], ensure_ascii=False)
    assert "<@U4>" not in after and "<@U5>" in after
    deleted_parent = harness.fake.calls_to("chat.update")[-1]
    assert deleted_parent.params["ts"] == harness.ts_of(parents(harness.fake)[0])
    assert t("nb", "coach.parent.deleted", person="<@U4>") in block_texts(deleted_parent)


def test_nobody_deletes_someone_elses_request_and_a_stale_button_deletes_nothing(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    (button,) = delete_buttons(home(harness))

    harness.send(harness.requests.block_action(user_id="U2", action_id="coach_delete", value=button["value"]))
    request_id = button["value"].split(":")[0]
    harness.send(
        harness.requests.block_action(user_id="U1", action_id="coach_delete", value=f"{request_id}:0")
    )

    assert count(harness.db, CoachingRequest) == 1


def test_a_seller_sees_no_coaching_section(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.add_user("U5")
    view = home(harness, "U5")
    assert t("nb", "coach.home.title") not in json.dumps(view, ensure_ascii=False)


def test_a_manager_without_requests_sees_the_section_with_the_ask_button(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    view = home(harness, "U3")
    text = json.dumps(view, ensure_ascii=False)
    assert t("en", "coach.home.empty") in text
    harness.send(harness.requests.block_action(user_id="U3", action_id="coach_another", value="home"))
    assert harness.fake.calls_to("views.open")[-1].params["view"]["callback_id"] == "coach_person_modal"
    assert advice_posts(harness.fake, "U3") == []


def test_the_manifest_declares_the_shortcut_and_escapes_mentions() -> None:
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "manifest.yaml").read_text(encoding="utf-8")
    )
    shortcuts = manifest["features"]["shortcuts"]
    assert [(s["type"], s["callback_id"]) for s in shortcuts] == [("global", ShortcutId.COACH_PERSON)]
    assert all(len(s["name"]) <= 24 and len(s["description"]) <= 150 for s in shortcuts)  # manifest-schema
    (command,) = manifest["features"]["slash_commands"]
    assert command["should_escape"] is True  # `/balanse coach @kari` arrives as <@U…|kari>
    assert "commands" in manifest["oauth_config"]["scopes"]["bot"]  # what a global shortcut needs
