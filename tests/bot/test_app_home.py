"""App Home: welcome, the open run with a continue button, the last result."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt.request import BoltRequest

from tests.faults.conftest import send_together
from tests.support.harness import Harness, block_texts, button
from tests.support.resuming import waiting
from tests.support.shown import t


def home_buttons(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for block in view["blocks"]:
        for element in [block.get("accessory"), *block.get("elements", [])]:
            if isinstance(element, dict) and element.get("type") == "button":
                found[element["action_id"]] = element
    return found


def open_home(harness: Harness, user_id: str = "U1") -> dict[str, Any]:
    harness.send(harness.requests.app_home_opened(user_id=user_id))
    publish = harness.fake.calls_to("views.publish")[-1]
    assert publish.params["user_id"] == user_id
    return publish.params["view"]


def test_a_new_user_sees_a_welcome_and_start_buttons(harness: Harness) -> None:
    view = open_home(harness, "U3")
    assert view["type"] == "home"
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("en", "home.welcome") in text
    assert t("en", "home.no_result") in text
    assert set(home_buttons(view)) == {"start_survey", "start_pulse"}


def continue_click(harness: Harness, value: str, user_id: str = "U1") -> BoltRequest:
    return harness.requests.block_action(user_id=user_id, action_id="continue_run", value=value)


@pytest.mark.parametrize(("user_id", "locale"), [("U1", "nb"), ("U2", "sv"), ("U3", "en")])
def test_a_run_with_nothing_answered_yet_is_said_as_such_not_as_0_of_40(
    harness: Harness, user_id: str, locale: str
) -> None:
    harness.command("survey", user_id=user_id)
    open_home(harness, user_id)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "home.open_run_unstarted", kind=t(locale, "kind.full"), total=40, minutes=8) in text
    assert "0 " + {"nb": "av", "sv": "av", "en": "of"}[locale] + " 40" not in text

    first = harness.questions(user_id)[-1]
    harness.tap(button(first, 4), first, user_id=user_id)
    open_home(harness, user_id)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t(locale, "home.open_run", kind=t(locale, "kind.full"), answered=1, total=40) in text


def test_continue_in_home_links_to_the_waiting_question_and_posts_nothing(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.tap(button(first, 4), first)
    second = harness.questions()[-1]

    view = open_home(harness)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("nb", "home.open_run", kind=t("nb", "kind.full"), answered=1, total=40) in text
    continue_button = home_buttons(view)["continue_run"]

    harness.fake.forget_calls()
    harness.send(continue_click(harness, continue_button["value"]))

    assert harness.fake.calls_to("chat.postMessage") == []  # question 2 is there: no second copy
    published = harness.fake.calls_to("views.publish")[-1]
    assert waiting(harness, second, "full", 2, 40) in block_texts(published)
    assert "continue_run" in home_buttons(published.params["view"])  # the rest of Home as before


def test_two_continue_clicks_at_once_post_nothing_and_show_the_same_link(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.fake.forget_calls()
    run_id = button(first, 1)["value"].split(":")[0]

    send_together(harness, continue_click(harness, run_id), continue_click(harness, run_id))

    assert harness.fake.calls_to("chat.postMessage") == []
    one, other = harness.fake.calls_to("views.publish")
    assert one.params["view"] == other.params["view"]
    assert waiting(harness, first, "full", 1, 40) in block_texts(one)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("\u00b2", id="superscript two"),
        pytest.param("9" * 5000, id="5000 digits"),
        pytest.param(str(2**31), id="beyond INTEGER"),
        pytest.param("-1", id="negative"),
        pytest.param("", id="empty"),
        pytest.param("1 ", id="trailing space"),
    ],
)
def test_a_forged_continue_value_is_answered_on_home_and_changes_nothing(
    harness: Harness, value: str
) -> None:
    harness.command("survey")
    harness.fake.forget_calls()

    harness.send(continue_click(harness, value))

    assert harness.fake.calls_to("chat.postMessage") == []
    assert harness.fake.calls_to("response_url") == []  # no error note: nothing failed
    (published,) = harness.fake.calls_to("views.publish")
    assert t("nb", "home.unknown_button") in block_texts(published)
    assert "continue_run" in home_buttons(published.params["view"])  # the real run is still offered


def test_the_start_button_starts_a_pulse_and_the_last_result_shows_after(harness: Harness) -> None:
    harness.send(harness.requests.block_action(user_id="U1", action_id="start_pulse", value="pulse"))
    assert "1/7" in block_texts(harness.questions()[-1])
    harness.answer_all(lambda item_id: 5)

    open_home(harness)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("nb", "home.no_open_run") in text
    assert t("nb", "home.last_result", kind=t("nb", "kind.pulse"), period="uke 48") in text


def test_another_users_home_does_not_show_my_run(harness: Harness) -> None:
    harness.command("survey")
    open_home(harness, "U2")
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("sv", "home.no_open_run") in text
    assert "continue_run" not in home_buttons(harness.fake.calls_to("views.publish")[-1].params["view"])
