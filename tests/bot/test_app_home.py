"""App Home: welcome, the open run with a continue button, the last result."""

from __future__ import annotations

from typing import Any

from coaching.i18n import t
from tests.support.harness import Harness, block_texts, button


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


def test_an_open_run_can_be_continued_from_home(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.tap(button(first, 4), first)

    view = open_home(harness)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("nb", "home.open_run", kind=t("nb", "kind.full"), answered=1, total=40) in text
    continue_button = home_buttons(view)["continue_run"]

    harness.fake.reset()
    harness.send(
        harness.requests.block_action(user_id="U1", action_id="continue_run", value=continue_button["value"])
    )
    question = harness.questions()[-1]
    assert "2/40" in block_texts(question)
    assert question.params["thread_ts"] == first.params["thread_ts"]


def test_the_start_button_starts_a_pulse_and_the_last_result_shows_after(harness: Harness) -> None:
    harness.send(harness.requests.block_action(user_id="U1", action_id="start_pulse", value="pulse"))
    assert "1/7" in block_texts(harness.questions()[-1])
    harness.answer_all(lambda item_id: 5)

    open_home(harness)
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("nb", "home.no_open_run") in text
    assert t("nb", "home.last_result", kind=t("nb", "kind.pulse"), period="2026-W48") in text


def test_another_users_home_does_not_show_my_run(harness: Harness) -> None:
    harness.command("survey")
    open_home(harness, "U2")
    text = block_texts(harness.fake.calls_to("views.publish")[-1])
    assert t("sv", "home.no_open_run") in text
    assert "continue_run" not in home_buttons(harness.fake.calls_to("views.publish")[-1].params["view"])
